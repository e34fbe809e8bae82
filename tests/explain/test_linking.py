"""Notes linked to the changes they explain, and unannounced edits, on invented and real corrections."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tests.conftest import CORPUS, SHARED
from tracker.api import explain_texts


def _story(_tmp_path, name: str, *texts: str):
    """The texts as versions of one story, explained without a database."""
    return explain_texts(texts, article=name)


BODY = (
    "Storm hits coast\n\n"
    "The storm reached the coast of Maine on Sunday, the weather service said. "
    "About 12 homes lost power in the town of Bar Harbor.\n\n"
    "Officials said 40 volunteers helped clear the roads. The governor, Janet Mills, visited on Monday.\n\n"
    "Schools will reopen on Wednesday, the district said."
)


def test_note_stating_values_links_the_changed_claim_not_the_other_edit(tmp_path):
    new = BODY.replace("Bar Harbor", "Ellsworth").replace("40 volunteers", "45 volunteers")
    note = "Correction: An earlier version of this story misstated where homes lost power. It was Ellsworth, not Bar Harbor."
    result = _story(tmp_path, "storm", BODY, new + "\n\n" + note)
    [report] = result.notes
    assert report.note.kind == "correction"
    top = report.links[0]
    assert "Ellsworth" in top.change.after and [(f.old, f.new) for f in top.change.facts] == [
        ("Bar Harbor", "Ellsworth")
    ]
    assert len(report.links) == 1
    assert [(f.old, f.new) for u in result.unannounced for f in u.change.facts] == [("40", "45")]


def test_note_naming_only_the_kind_of_fact_links_by_type_and_context(tmp_path):
    new = BODY.replace("Janet Mills", "Janet T. Mills").replace("on Monday", "on Tuesday")
    note = "Editor's note: This story was updated to correct the day the governor visited."
    result = _story(tmp_path, "storm", BODY, new + "\n\n" + note)
    top = result.notes[0].links[0]
    assert ("Monday", "Tuesday") in [(f.old, f.new) for f in top.change.facts]
    assert "governor" in top.evidence.context and "day" in top.evidence.type_words


def test_same_change_without_a_note_is_unannounced(tmp_path):
    result = _story(tmp_path, "storm", BODY, BODY.replace("Bar Harbor", "Ellsworth"))
    assert result.notes == []
    [u] = result.unannounced
    assert (u.from_version, u.to_version) == (1, 2)
    assert [(f.old, f.new) for f in u.change.facts] == [("Bar Harbor", "Ellsworth")]


def test_typography_only_changes_are_not_unannounced(tmp_path):
    curly = BODY.replace("the weather service said", "“the weather service” said")
    straight = curly.replace("“", '"').replace("”", '"').replace(". ", ".  ")
    result = _story(tmp_path, "storm", curly, straight)
    assert result.unannounced == [] and result.notes == []


def test_update_note_explains_added_claims(tmp_path):
    new = BODY + "\n\nThe storm left three people injured, hospital officials said on Monday night."
    note = "Update: This story has been updated with the number of people injured."
    result = _story(tmp_path, "storm", BODY, new + "\n\n" + note)
    top = result.notes[0].links[0]
    assert top.change.status == "added" and "three people injured" in top.change.after
    assert result.unannounced == []


def test_removal_note_explains_the_removed_claim(tmp_path):
    new = BODY.replace(" The governor, Janet Mills, visited on Monday.", "")
    note = "Editor's note: A sentence about the governor's visit has been removed because it could not be verified."
    result = _story(tmp_path, "storm", BODY, new + "\n\n" + note)
    top = result.notes[0].links[0]
    assert top.change.status == "removed" and "Janet Mills" in top.change.before


# -- the corpus of real corrections, through the protocol of ../shared/tools/score_corrections.py ----------

SCORER = SHARED / "tools" / "score_corrections.py"


def _scorer():
    if not SCORER.exists() or not (CORPUS / "corrections" / "cases.jsonl").exists():
        pytest.skip("shared corrections corpus or scorer not found")
    spec = importlib.util.spec_from_file_location("score_corrections", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus_scores(tmp_path_factory):
    """The scorer's three stories per case (note + other edits; no note; typography only), in-process."""
    sc = _scorer()
    cases_dir = CORPUS / "corrections"
    cases = [
        dict(json.loads(line), _dir=str(cases_dir))
        for line in (cases_dir / "cases.jsonl").read_text().splitlines()
        if line.strip()
    ]
    tmp = tmp_path_factory.mktemp("cases")
    rows = []
    for i, case in enumerate(cases):
        v1, v2, bare, bump = sc.versions(i, case)
        a = _story(tmp, f"a{i}", v1, v2)
        b = _story(tmp, f"b{i}", v1, bare)
        c = _story(tmp, f"c{i}", v1, sc.cosmetic(v1))
        want = sc.norm(case["note"])
        found = [n for n in a.notes if want[:60] in sc.norm(n.note.text) or sc.norm(n.note.text)[:60] in want]
        top = found[0].links[0] if found and found[0].links else None
        as_dict = lambda ch: {"changes": [{"old": f.old, "new": f.new} for f in ch.facts if not f.cosmetic]}  # noqa: E731
        correct = (
            bool(top)
            and sc.norm(case["new"]) in sc.norm(top.change.after)
            and sc.norm(case["old"]) in sc.norm(top.change.before)
        )
        rows.append(
            {
                "type": case["type"],
                "linked": bool(top),
                "correct": correct,
                "value": correct and sc.has_change(as_dict(top.change), case["old"], case["new"]),
                "bump": None
                if not bump
                else any(sc.has_change(as_dict(u.change), *bump) for u in a.unannounced),
                "flagged": any(
                    sc.has_change(as_dict(u.change), case["old"], case["new"]) for u in b.unannounced
                ),
                "cosmetic": bool(c.unannounced or c.notes),
            }
        )
    return rows


def test_top_link_precision_and_recall_on_real_corrections(corpus_scores):
    linked = [r for r in corpus_scores if r["linked"]]
    assert sum(r["correct"] for r in linked) / len(linked) >= 0.95
    assert sum(r["correct"] for r in corpus_scores) / len(corpus_scores) >= 0.90


def test_changed_fact_is_one_whole_phrase_on_real_corrections(corpus_scores):
    assert sum(r["value"] for r in corpus_scores) / len(corpus_scores) >= 0.85


def test_number_changed_beside_a_correction_is_unannounced(corpus_scores):
    bumps = [r["bump"] for r in corpus_scores if r["bump"] is not None]
    assert sum(bumps) / len(bumps) >= 0.95


def test_correction_without_its_note_is_unannounced(corpus_scores):
    assert sum(r["flagged"] for r in corpus_scores) / len(corpus_scores) >= 0.95


def test_typography_changes_are_not_flagged_on_real_articles(corpus_scores):
    assert sum(r["cosmetic"] for r in corpus_scores) / len(corpus_scores) <= 0.05


def test_update_with_additional_reporting_explains_every_added_claim(tmp_path):
    new = (
        BODY
        + "\n\nPower was restored to most homes by Tuesday evening, the utility said."
        + "\n\nThe Red Cross opened a shelter at the high school."
    )
    note = "This story has been updated with additional reporting."
    result = _story(tmp_path, "storm", BODY, new + "\n\n" + note)
    [report] = result.notes
    assert report.note.kind == "update"
    assert sorted(link.change.status for link in report.links) == ["added", "added"]
    assert result.unannounced == []


def test_a_note_with_little_evidence_still_explains_its_clearly_best_change(tmp_path):
    new = BODY.replace("About 12 homes lost power", "About 12 homes lost electricity service")
    note = "Correction: An earlier version of this story misstated what was lost."
    result = _story(tmp_path, "storm", BODY, new + "\n\n" + note)
    [link] = result.notes[0].links
    assert "electricity service" in link.change.after
    assert result.unannounced == []


def test_note_words_meet_their_inflections_in_the_claim(tmp_path):
    old = BODY.replace("Schools will reopen", "The council voted 7-2 to say schools will reopen")
    new = old.replace("7-2", "6-3")
    note = "Correction: An earlier version of this story misstated the vote count."
    link = _story(tmp_path, "storm", old, new + "\n\n" + note).notes[0].links[0]
    assert "vote" in link.evidence.context and "count" in link.evidence.type_words


def test_a_country_written_as_initials_is_a_country(tmp_path):
    old = BODY + "\n\nThe US will pay for the repairs, officials said."
    new = old.replace("The US will", "The UK will")
    note = "Correction: An earlier version of this story named the wrong country."
    result = _story(tmp_path, "storm", old, new + "\n\n" + note)
    [link] = result.notes[0].links
    assert [(f.old, f.new, f.type) for f in link.change.facts] == [("US", "UK", "country")]
    assert result.unannounced == []


COUNCIL = (
    "City budget vote delayed\n\n"
    "The city council delayed a vote on the $25 million budget on Tuesday, officials said. "
    "Council member Maria Lopez, 33, said the delay was needed.\n\n"
    "“We will rebuild,” the mayor said after the meeting. Director Jane Doe of the parks agency asked for more money.\n\n"
    "Anna Kowalcyk, who leads the tenants group, opposed the plan. Kowalcyk said rents would rise.\n\n"
    "The vote is now set for next month, when 9 members will attend."
)


@pytest.mark.parametrize(
    ("edit", "note", "fact"),
    [
        (
            ("Lopez, 33,", "Lopez, 34,"),
            "Correction: An earlier version of this story misstated the age of Maria Lopez. She is 34.",
            ("33", "34"),
        ),
        (
            ("“We will rebuild,” the mayor said", "“We will rebuild,” deputy mayor Tom Reyes said"),
            "An earlier version of this article attributed a quote to the mayor. It was said by the deputy mayor, Tom Reyes.",
            ("the mayor", "deputy mayor Tom Reyes"),
        ),
        (
            ("$25 million", "$2.5 million"),
            "Correction: The budget is $2.5 million, not $25 million, as an earlier version of this story said.",
            ("$25 million", "$2.5 million"),
        ),
        (
            ("Director Jane Doe", "Former director Jane Doe"),
            "Clarification: Jane Doe is the former director of the parks agency, not its current director.",
            ("Director Jane Doe", "Former director Jane Doe"),
        ),
        (
            ("Kowalcyk", "Kowalczyk"),
            "This story has been corrected to spell Anna Kowalczyk's name correctly.",
            ("Anna Kowalcyk", "Anna Kowalczyk"),
        ),
    ],
    ids=["age", "quote", "money", "title", "spelling"],
)
def test_notes_in_several_house_styles_link_their_change_and_leave_the_silent_edit_unannounced(
    tmp_path, edit, note, fact
):
    new = COUNCIL.replace(*edit).replace("9 members", "10 members")
    result = _story(tmp_path, "council", COUNCIL, new + "\n\n" + note)
    [report] = result.notes
    assert fact in [(f.old, f.new) for f in report.links[0].change.facts]
    assert [(f.old, f.new) for u in result.unannounced for f in u.change.facts] == [("9", "10")]


def test_each_note_is_linked_in_the_version_where_it_first_appears(tmp_path):
    v2 = COUNCIL.replace("Lopez, 33,", "Lopez, 34,")
    note1 = "Correction: An earlier version of this story misstated the age of Maria Lopez. She is 34."
    v3 = v2.replace("$25 million", "$2.5 million")
    note2 = "Correction: The budget is $2.5 million, not $25 million."
    result = _story(tmp_path, "council", COUNCIL, v2 + "\n\n" + note1, v3 + "\n\n" + note1 + "\n\n" + note2)
    first, second = result.notes
    assert (first.version, second.version) == (2, 3)
    assert [(f.old, f.new) for f in first.links[0].change.facts] == [("33", "34")]
    assert [(f.old, f.new) for f in second.links[0].change.facts] == [("$25 million", "$2.5 million")]
    assert {(link.change.before is not None) for link in first.links + second.links} == {True}
    assert result.unannounced == []


def test_a_note_naming_the_country_links_a_change_of_its_adjective(tmp_path):
    old = "Ship seized\n\nThe tanker, a Liberian-flagged vessel, was seized on Monday near the strait, officials said.\n\nThe crew of 20 was unharmed, the company said."
    new = old.replace("Liberian", "Panamanian").replace("crew of 20", "crew of 21")
    note = "Correction: An earlier version of this story misstated the country the vessel is registered in. It is Panama, not Liberia."
    result = _story(tmp_path, "ship", old, new + "\n\n" + note)
    [link] = result.notes[0].links
    assert [(f.old, f.new) for f in link.change.facts] == [("Liberian-flagged", "Panamanian-flagged")]
    assert [(f.old, f.new) for u in result.unannounced for f in u.change.facts] == [("20", "21")]


def test_a_note_naming_a_quantity_links_the_changed_number(tmp_path):
    new = BODY.replace("About 12 homes", "About 20 homes").replace("on Wednesday", "on Thursday")
    note = "Correction: An earlier version of this story understated the toll of the storm on homes."
    result = _story(tmp_path, "storm", BODY, new + "\n\n" + note)
    [report] = result.notes
    assert [(f.old, f.new) for f in report.links[0].change.facts] == [("12", "20")]
    assert {"toll", "understated"} <= set(report.links[0].evidence.type_words)
    assert [(f.old, f.new) for u in result.unannounced for f in u.change.facts] == [("Wednesday", "Thursday")]


def test_a_number_the_note_mentions_in_passing_does_not_explain_another_edit(tmp_path):
    new = BODY.replace("Janet Mills", "Janet Millis").replace("40 volunteers", "41 volunteers")
    note = "Correction: The governor is Janet Millis, not Janet Mills, as we had it on page 40 of Saturday's paper."
    result = _story(tmp_path, "storm", BODY, new + "\n\n" + note)
    [report] = result.notes
    assert [(f.old, f.new) for link in report.links for f in link.change.facts] == [
        ("Janet Mills", "Janet Millis")
    ]
    assert report.links[0].evidence.wrong_and_right
    assert [(f.old, f.new) for u in result.unannounced for f in u.change.facts] == [("40", "41")]


def test_a_number_changed_inside_a_quotation_fits_a_note_about_a_figure(tmp_path):
    old = BODY.replace(
        "Schools will reopen", "“We lost 12 miles of road,” the mayor said. Schools will reopen"
    )
    new = old.replace("12 miles", "21 miles")
    note = "Correction: An earlier version of this story misstated a figure given by the mayor."
    result = _story(tmp_path, "storm", old, new + "\n\n" + note)
    [fact] = result.notes[0].links[0].change.facts
    assert (fact.old, fact.new, fact.type) == ("12", "21", "quote")
    assert "figure" in result.notes[0].links[0].evidence.type_words
    assert result.unannounced == []


def test_a_change_beside_the_corrected_one_in_the_same_sentence_stays_unannounced(tmp_path):
    new = BODY.replace(
        "The governor, Janet Mills, visited on Monday", "The governor, Janet Millis, visited on Tuesday"
    )
    stated = "Correction: The governor is Janet Millis, not Janet Mills."
    named = "Correction: An earlier version of this story misspelled the governor's name."
    for k, note in enumerate((stated, named)):
        result = _story(tmp_path, f"storm{k}", BODY, new + "\n\n" + note)
        [report] = result.notes
        assert report.links[0].change.after.startswith("The governor, Janet Millis")
        assert [(f.old, f.new) for u in result.unannounced for f in u.change.facts] == [("Monday", "Tuesday")]


COACH = (
    "Coach retires after 30 years\n\n"
    "Tom Baker, who coached the Riverside High football team for three decades, announced his "
    "retirement on Friday at a ceremony in the school gym.\n\n"
    "Under Baker, the team won four state titles and reached the playoffs 22 times.\n\n"
    '"I loved every minute of it, even the losses in the rain," Baker said to the crowd of parents.\n\n'
    "The school board will name a successor before the spring practice season begins in March."
)


def test_a_note_announcing_two_corrections_explains_each_of_them(tmp_path):
    quote = (
        '"I loved every minute of it, even the losses in the rain," Baker said to the crowd of parents.\n\n'
    )
    new = COACH.replace(quote, "").replace("four state titles", "five state titles")
    note = (
        "Editor's note: This story has been updated to remove a quote about the losses in the rain that a "
        "parent, not the coach, said to the crowd at the retirement ceremony in the school gym on Friday, "
        "and to correct the number of titles."
    )
    result = _story(tmp_path, "coach", COACH, new + "\n\n" + note)
    [report] = result.notes
    linked = {(link.change.status, tuple((f.old, f.new) for f in link.change.facts)) for link in report.links}
    # the first part's many words (rain, crowd, gym, Friday) do not drown "the number of titles"
    assert ("edited", (("four", "five"),)) in linked
    assert any(status == "removed" for status, _ in linked)
    assert result.unannounced == []


def test_the_changes_a_note_explains_are_given_in_the_notes_words(db, invoke, tmp_path):
    story = (
        "The singer will play three nights at the arena next month.\n\n"
        "The singer, who is {age} years old, said the tour would be her last for a while.\n\n"
        "Tickets go on sale on Friday.\n"
    )
    note = "\n\nCorrection: A previous version of this story incorrectly said the singer is 34 years old. She is 33.\n"
    (tmp_path / "1.txt").write_text(story.format(age=34))
    (tmp_path / "2.txt").write_text(story.format(age=33) + note)
    (tmp_path / "3.txt").write_text(story.format(age=32) + note)
    for k in (1, 2, 3):
        assert invoke("--db", db, "add", tmp_path / f"{k}.txt", "--article", "s").exit_code == 0
    out = json.loads(invoke("--db", db, "notes", "s", "--format", "json").output)
    [link] = out["notes"][0]["links"]
    assert [(c["old"], c["new"]) for c in link["changes"]] == [("34 years old", "33 years old")]
    # the later edit no note speaks of stays the bare change
    [later] = out["unannounced"]
    assert [(c["old"], c["new"]) for c in later["changes"]] == [("33", "32")]


def test_a_long_note_recounting_the_claim_in_one_sentence_links_it(tmp_path):
    old = BODY.replace(
        "Schools will reopen on Wednesday", "Final approval had been given to reopen the harbour"
    )
    new = old.replace("had been given", "had not yet been given").replace("40 volunteers", "45 volunteers")
    note = (
        "On January 22, Storm Weekly reported that final approval had been given to reopen the harbour. "
        "In fact, shipping cannot resume until inspectors sign off on the moorings. "
        "Further inspections of the breakwater are expected later in the season. "
        "On-air corrections were broadcast in Hancock County afterwards. The story has been updated."
    )
    result = _story(tmp_path, "storm", old, new + "\n\n" + note)
    [report] = result.notes
    [link] = report.links
    assert "not yet been given" in link.change.after
    assert {"approval", "harbour"} <= set(link.evidence.context)
    assert [(f.old, f.new) for u in result.unannounced for f in u.change.facts] == [("40", "45")]
