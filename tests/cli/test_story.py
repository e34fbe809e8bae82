"""The seed story end to end through the command line: diff, notes, report, log, articles, show."""

from __future__ import annotations

import hashlib
import json

from tests.conftest import SEED_V1, SEED_V2


def test_diff_shows_germany_to_poland_and_the_added_note_and_nothing_else(seed_db, invoke):
    out = invoke("--db", seed_db, "diff", "armor-coalition").output.replace("\xa0", " ")
    assert "[-Germany-]{+Poland+} will lead a new armor" in out
    assert "{+Editor's note: This article was updated to correctly name the country" in out
    assert out.count("[-") == 1
    assert out.count("{+") == 2


def test_diff_shows_whole_words_not_fragments(seed_db, invoke):
    data = json.loads(invoke("--db", seed_db, "diff", "armor-coalition", "--format", "json").output)
    changed = [s["text"] for s in data["segments"] if s["op"] != "equal"]
    assert "Germany" in changed and "Poland" in changed
    assert not any(t in ("Germ", "Pol", "any", "and") for t in changed)


def test_notes_json_links_the_armor_claim_first_with_germany_to_poland(seed_db, invoke):
    result = invoke("--db", seed_db, "notes", "armor-coalition", "--format", "json")
    data = json.loads(result.output)
    assert data["article"] == "armor-coalition"
    [note] = data["notes"]
    assert note["kind"] == "editors_note"
    assert note["version"] == 2
    assert note["text"].replace("\xa0", " ").startswith("Editor's note: This article was updated")
    top = note["links"][0]
    assert top["from_version"] == 1 and top["to_version"] == 2
    assert "Germany will lead a new armor" in top["before"]
    assert "Poland will lead a new armor" in top["after"]
    assert {"old": "Germany", "new": "Poland", "type": "country", "type_source": "pycountry"} in top[
        "changes"
    ]
    assert 0 < top["score"] <= 1
    assert data["unannounced"] == []


def test_notes_text_tells_the_story_for_a_person(seed_db, invoke):
    out = invoke("--db", seed_db, "notes", "armor-coalition").output
    assert "Editor's note (first in version 2" in out
    assert "Germany -> Poland (country)" in out
    assert "no unannounced edits" in out


def test_report_markdown_and_json_say_the_same(seed_db, invoke, tmp_path):
    md_file, json_file = tmp_path / "r.md", tmp_path / "r.json"
    assert invoke("--db", seed_db, "report", "--format", "markdown", "-o", md_file).exit_code == 0
    assert invoke("--db", seed_db, "report", "--format", "json", "-o", json_file).exit_code == 0
    md = md_file.read_text()
    assert "### Editor's note (first in version 2)" in md
    assert "`Germany` → `Poland` (country)" in md
    report = json.loads(json_file.read_text())
    [article] = report["articles"]
    assert article["notes"][0]["links"][0]["changes"][0]["new"] == "Poland"
    assert report["summary"] == [
        {
            "article": "armor-coalition",
            "versions": 2,
            "notes": 1,
            "earlier_notes": 0,
            "linked_changes": 1,
            "unannounced": 0,
        }
    ]


def test_report_jsonld_and_html_carry_the_correction(seed_db, invoke):
    ld = json.loads(invoke("--db", seed_db, "report", "--format", "jsonld").output)
    [node] = ld["@graph"]
    assert node["correction"][0]["@type"] == "CorrectionComment"
    assert "Germany -> Poland" in node["correction"][0]["about"][0]["description"]
    html = invoke("--db", seed_db, "report", "--format", "html").output
    assert "<del>Germany</del> → <ins>Poland</ins>" in html
    assert "No unannounced edits." in html  # as the text and Markdown reports say


def test_jsonld_gives_the_url_the_page_was_captured_at(db, invoke):
    from tests.conftest import SEED_V1

    invoke("--db", db, "add", SEED_V1, "--article", "coalition", "--url", "https://daily.example/armor")
    [node] = json.loads(invoke("--db", db, "report", "--format", "jsonld").output)["@graph"]
    assert node["identifier"] == "coalition" and node["url"] == "https://daily.example/armor"


def test_report_to_dash_is_standard_output_and_each_article_is_reported_once(
    seed_db, invoke, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    out = invoke(
        "--db", seed_db, "report", "armor-coalition", "armor-coalition", "-o", "-", "--format", "json"
    )
    assert out.exit_code == 0 and not (tmp_path / "-").exists()
    assert [a["article"] for a in json.loads(out.output)["articles"]] == ["armor-coalition"]


def test_log_lists_versions_with_times_and_a_change_summary(seed_db, invoke):
    out = invoke("--db", seed_db, "log", "armor-coalition").output
    assert "version 1  2024-01-23 10:00:00 UTC" in out
    assert "version 2  2024-01-23 16:00:00 UTC" in out
    assert "1 edited: Germany -> Poland" in out


def test_articles_lists_what_is_stored(seed_db, invoke):
    data = json.loads(invoke("--db", seed_db, "articles", "--format", "json").output)
    assert [(a["article"], a["versions"]) for a in data] == [("armor-coalition", 2)]


def test_show_gives_text_sentences_and_notes(seed_db, invoke):
    data = json.loads(invoke("--db", seed_db, "show", "armor-coalition", "--format", "json").output)
    assert data["version"] == 2
    assert data["captured_at"] == "2024-01-23T16:00:00Z"
    assert any(s.startswith("Additionally, Poland will lead") for s in data["sentences"])
    assert data["notes"][0]["kind"] == "editors_note"
    first = json.loads(invoke("--db", seed_db, "show", "armor-coalition", "1", "--format", "json").output)
    assert "Germany will lead" in first["text"] and first["notes"] == []


def test_diff_sentences_view_marks_the_edited_claim_and_the_added_note(seed_db, invoke):
    data = json.loads(
        invoke("--db", seed_db, "diff", "armor-coalition", "--sentences", "--format", "json").output
    )
    changed = [c for c in data["claims"] if c["status"] != "unchanged"]
    statuses = sorted((c["status"], c["note"]) for c in changed)
    assert ("edited", False) in statuses and ("added", True) in statuses
    edited = next(c for c in changed if c["status"] == "edited")
    assert edited["changes"] == [
        {"old": "Germany", "new": "Poland", "type": "country", "type_source": "pycountry"}
    ]


def test_diff_two_files_needs_no_database(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = invoke("diff", SEED_V1, SEED_V2).output
    assert "[-Germany-]{+Poland+}" in out
    assert not (tmp_path / "tracker.db").exists()


def test_verify_proves_snapshots_unaltered(seed_db, invoke):
    data = json.loads(invoke("--db", seed_db, "verify", "--format", "json").output)
    expected = [hashlib.sha256(path.read_bytes()).hexdigest() for path in (SEED_V1, SEED_V2)]
    assert [(r["version"], r["sha256"], r["ok"]) for r in data] == [
        (1, expected[0], True),
        (2, expected[1], True),
    ]


def test_claims_timeline_shows_when_the_armor_claim_appeared_and_changed(seed_db, invoke):
    data = json.loads(invoke("--db", seed_db, "claims", "armor-coalition", "--format", "json").output)
    [claim] = data
    assert claim["claim"].startswith("Additionally, Poland will lead")
    assert [(e["version"], e["event"]) for e in claim["events"]] == [(1, "appeared"), (2, "edited")]
    assert claim["events"][1]["changes"] == [{"old": "Germany", "new": "Poland", "type": "country"}]
    every = json.loads(
        invoke("--db", seed_db, "claims", "armor-coalition", "--all", "--format", "json").output
    )
    assert len(every) > 10 and not any("Editor" in c["claim"] for c in every)


def test_diff_of_two_files_loads_neither_the_database_nor_the_terminal_library(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys\nfrom tracker.cli import main\n"
        f"sys.argv = ['tracker', 'diff', {str(SEED_V1)!r}, {str(SEED_V2)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', ' '.join(m for m in ('sqlalchemy', 'rich', 'alembic', 'trafilatura') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path).stdout
    assert "[-Germany-]{+Poland+}" in out
    assert out.strip().splitlines()[-1] == "LOADED"


def test_a_note_already_in_the_first_version_is_listed_apart_and_typography_adds_no_note(
    db, invoke, tmp_path
):
    old_note = "Correction: A previous version of this story misstated the year the bridge opened."
    v1 = (
        f"Bridge closes\n\nThe bridge, opened in 1931, will close for repairs, the city said.\n\n{old_note}\n"
    )
    v2 = (
        v1.replace("the city said", "the city said on Monday")
        + "\nUpdate: This story was updated with the date.\n"
    )
    v3 = v2.replace("'", "’").replace(". ", ".  ")
    for k, text in enumerate((v1, v2, v3), 1):
        (tmp_path / f"{k}.txt").write_text(text, encoding="utf-8")
        at = f"2024-01-0{k}T10:00:00Z"
        assert (
            invoke("--db", db, "add", tmp_path / f"{k}.txt", "--article", "b", "--captured-at", at).exit_code
            == 0
        )
    data = json.loads(invoke("--db", db, "notes", "b", "--format", "json").output)
    assert [(n["kind"], n["version"]) for n in data["earlier_notes"]] == [("correction", 1)]
    assert [(n["kind"], n["version"]) for n in data["notes"]] == [("update", 2)]
    assert data["unannounced"] == []
    text = invoke("--db", db, "notes", "b").output
    assert "first in version 1" in text and "misstated the year the bridge opened" in text


def test_reports_of_several_articles_count_the_same_in_every_format(seed_db, invoke, tmp_path):
    single = tmp_path / "single.txt"
    single.write_text(
        "Fire\n\nA fire closed the road.\n\nCorrection: An earlier version misstated the road.\n"
    )
    assert invoke("--db", seed_db, "add", single, "--article", "fire").exit_code == 0
    rows = json.loads(invoke("--db", seed_db, "report", "--format", "json").output)["summary"]
    assert [(r["article"], r["notes"], r["earlier_notes"]) for r in rows] == [
        ("armor-coalition", 1, 0),
        ("fire", 0, 1),
    ]
    markdown = invoke("--db", seed_db, "report", "--format", "markdown").output
    assert "| article | versions | notes | earlier notes | linked changes | unannounced |" in markdown
    assert "| fire | 1 | 0 | 1 | 0 | 0 |" in markdown and "1 version stored." in markdown
    html = invoke("--db", seed_db, "report", "--format", "html").output
    assert "<h2>Summary</h2>" in html and "<th>earlier notes</th>" in html


def test_an_empty_database_says_so(db, invoke):
    from tracker.store.database import Store

    Store(db)  # created and migrated, nothing added
    assert "no articles stored" in invoke("--db", db, "report").output
    assert "no snapshots stored" in invoke("--db", db, "verify").output


def test_markup_in_article_text_is_shown_as_text_in_markdown(db, invoke, tmp_path):
    before = "Story\n\nThe <b>mayor</b> spoke.\n"
    after = "Story\n\nThe <b>governor</b> spoke.\n\nCorrection: We misidentified the official.\n"
    for k, text in enumerate((before, after)):
        (tmp_path / f"{k}.txt").write_text(text)
        assert invoke("--db", db, "add", tmp_path / f"{k}.txt", "--article", "s").exit_code == 0
    markdown = invoke("--db", db, "report", "--format", "markdown").output
    assert "The &lt;b&gt;governor&lt;/b&gt; spoke." in markdown and "<b>" not in markdown
    diff = invoke("--db", db, "diff", "s", "--format", "markdown").output
    assert "The &lt;b&gt;~~mayor~~**governor**&lt;/b&gt; spoke." in diff and "<b>" not in diff
    whole = invoke("--db", db, "diff", "s", "--format", "markdown", "--full").output
    assert whole.count("Story") == 1 and "Story" not in diff


def test_log_says_when_a_note_is_taken_down(seed_db, invoke, tmp_path):
    reverted = tmp_path / "reverted.txt"
    reverted.write_text(SEED_V1.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke(
        "--db",
        seed_db,
        "add",
        reverted,
        "--article",
        "armor-coalition",
        "--captured-at",
        "2024-01-24T10:00:00Z",
    )
    assert "version 3" in result.output
    log = invoke("--db", seed_db, "log", "armor-coalition").output
    assert "note removed: Editor's note" in log.replace("\xa0", " ")


def test_show_counts_negative_versions_from_the_end_like_diff(seed_db, invoke):
    latest = json.loads(invoke("--db", seed_db, "show", "armor-coalition", "-1", "--format", "json").output)
    first = json.loads(invoke("--db", seed_db, "show", "armor-coalition", "-2", "--format", "json").output)
    assert (latest["version"], first["version"]) == (2, 1)


def test_brackets_in_an_article_key_are_shown_as_written(db, invoke, tmp_path):
    for key in ("council [draft]", "vote [/draft]"):
        page = tmp_path / "page.txt"
        page.write_text(f"Story\n\nThe {key} council voted on Monday.\n")
        assert invoke("--db", db, "add", page, "--article", key).exit_code == 0
    listing = invoke("--db", db, "articles")
    assert (
        listing.exit_code == 0 and "council [draft]" in listing.output and "vote [/draft]" in listing.output
    )
    summary = invoke("--db", db, "report")
    assert summary.exit_code == 0 and "vote [/draft]" in summary.output


def test_report_to_a_file_is_written_whole_or_not_at_all(seed_db, invoke, tmp_path):
    out = tmp_path / "report.txt"
    out.write_text("an earlier report\n")
    failed = invoke("--db", seed_db, "report", "no-such-article", "-o", out)
    assert failed.exit_code == 1 and out.read_text() == "an earlier report\n"
    assert invoke("--db", seed_db, "report", "-o", out).exit_code == 0
    assert "Germany -> Poland" in out.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_a_capture_time_in_year_one_is_shown_with_four_digits(db, invoke):
    result = invoke("--db", db, "add", SEED_V1, "--article", "a", "--captured-at", "0001-01-01T00:00:00Z")
    assert result.exit_code == 0
    assert "version 1  0001-01-01 00:00:00 UTC" in invoke("--db", db, "log", "a").output
