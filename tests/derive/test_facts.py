"""Word diff and claim alignment, on plain values (no database)."""

from __future__ import annotations

import pytest

from tracker.derive.align import align
from tracker.derive.facts import changed_facts


def test_two_edits_one_word_apart_are_one_phrase():
    [fact] = changed_facts(
        "“We will rebuild,” the mayor said.", "“We will rebuild,” deputy mayor Tom Reyes said."
    )
    assert (fact.old, fact.new) == ("the mayor", "deputy mayor Tom Reyes")


def test_edited_claim_lists_the_changed_fact_as_one_phrase():
    [fact] = changed_facts(
        "He was named head of parliament in 2019.", "He was named secretary of state in 2019."
    )
    assert (fact.old, fact.new) == ("head of parliament", "secretary of state")


def test_a_person_described_and_named_across_a_comma_is_one_phrase_but_a_list_is_not():
    [fact] = changed_facts(
        "He is pictured with his wife, Rita, at home.",
        "He is pictured with a neighbour, Rachel DeLisser, at home.",
    )
    assert (fact.old, fact.new, fact.type) == ("his wife, Rita", "a neighbour, Rachel DeLisser", "person")
    listed = changed_facts("He visited France, Germany and Italy.", "He visited Spain, Poland and Italy.")
    assert [(f.old, f.new) for f in listed] == [("France", "Spain"), ("Germany", "Poland")]


def test_insertion_into_a_name_gives_the_whole_name():
    [fact] = changed_facts("A poll by Gallup found it.", "A poll by Gallup International found it.")
    assert (fact.old, fact.new, fact.type) == ("Gallup", "Gallup International", "organization")


def test_a_reworded_title_is_one_phrase_across_the_words_it_keeps():
    [fact] = changed_facts(
        "Ann Lee is director of historic sites and museums at the society.",
        "Ann Lee is chief historic sites officer at the society.",
    )
    assert (fact.old, fact.new) == ("director of historic sites and museums", "chief historic sites officer")
    two = changed_facts(
        "At least 20 people were killed and 30 injured.", "At least 25 people were killed and 35 injured."
    )
    assert [(f.old, f.new) for f in two] == [("20", "25"), ("30", "35")]


@pytest.mark.parametrize(
    ("old", "new", "fact"),
    [
        (
            "The debate is on Oct. 4, it said.",
            "The debate is on Oct. 3, it said.",
            ("Oct. 4", "Oct. 3", "date"),
        ),
        (
            "He resigned last year, it said.",
            "He resigned this year, it said.",
            ("last year", "this year", "date"),
        ),
        (
            "It works for Dentons US in Ohio.",
            "It works for Eversheds Sutherland US in Ohio.",
            ("Dentons US", "Eversheds Sutherland US", "organization"),
        ),
        (
            "It is the U.N. Human Rights Council that projects it.",
            "It is the U.N. High Commissioner for Refugees that projects it.",
            ("U.N. Human Rights Council", "U.N. High Commissioner for Refugees", "organization"),
        ),
        (
            "The attack was on Monday evening, police said.",
            "The attack was on Monday, Sept. 25, police said.",
            ("Monday evening", "Monday, Sept. 25", "date"),
        ),
        (
            "She wrote the play The Fool last year.",
            "She wrote the play This Fool last year.",
            ("The Fool", "This Fool", "person"),
        ),
    ],
    ids=[
        "abbreviated-month",
        "relative-date",
        "firm-named-with-country-code",
        "abbreviation-in-a-name",
        "weekday-kept-with-its-date",
        "article-shown-with-its-word",
    ],
)
def test_dates_and_firms_are_whole_phrases_of_their_type(old: str, new: str, fact: tuple[str, str, str]):
    [found] = changed_facts(old, new)
    assert (found.old, found.new, found.type) == fact


def test_fact_types():
    cases = {
        ("Germany", "Poland"): "country",
        ("13", "15"): "number",
        ("Sunday", "March 28"): "date",
        ("Mike DeWine", "Kevin DeWine"): "person",
        ("Virginia", "Ohio"): "place",
        ("chairman", "director"): "title",
        ("IRS", "Treasury Department"): "organization",
        ("Thursday's", "Wednesday's"): "date",
        ("University of Oregon", "University of Michigan"): "organization",
        ("D-Calif.", "D-Texas"): "place",
        ("Gov. Kris Kobach", "Secretary of State Kris Kobach"): "person",
    }
    for (old, new), kind in cases.items():
        [fact] = changed_facts(f"It was {old} that day, he said.", f"It was {new} that day, he said.")
        assert fact.type == kind, (old, new, fact.type)


def test_an_unknown_name_after_in_or_near_is_a_place_and_a_possessive_stays_a_person():
    [place] = changed_facts(
        "He grew up in Keighley, his sister said.", "He grew up in Otley, his sister said."
    )
    [person] = changed_facts("In Smith's view, it works.", "In Jones's view, it works.")
    assert (place.type, person.type) == ("place", "person")


def test_typography_changes_are_cosmetic():
    facts = changed_facts("He said “no” to it.", 'He said "no" to it.')
    assert facts and all(f.cosmetic for f in facts)
    [claim] = align("He said “no”  to it.", 'He said "no" to it.')
    assert claim.cosmetic and not claim.substantive


def test_a_hyphen_joining_two_words_is_an_edit_but_a_dash_is_typography():
    old = "The state should not approve new faith-free schools - it said so."
    [hyphen] = changed_facts(old, old.replace("faith-free", "faith free"))
    assert (hyphen.old, hyphen.new, hyphen.cosmetic) == ("faith-free", "faith free", False)
    [claim] = align(old, old.replace(" - ", " — "))
    assert claim.cosmetic and not claim.substantive


def test_a_word_only_added_is_shown_with_the_word_it_qualifies():
    [fact] = changed_facts("He is the director of the agency.", "He is the deputy director of the agency.")
    assert (fact.old, fact.new, fact.type) == ("director", "deputy director", "title")
    [fact] = changed_facts("He was found guilty of fraud.", "He was found not guilty of fraud.")
    assert (fact.old, fact.new) == ("guilty", "not guilty")
    [fact] = changed_facts("The suspect was not a man.", "The suspect was a man.")
    assert (fact.old, fact.new) == ("not a man", "a man")
    [fact] = changed_facts("Permits are not required here.", "Permits are required here.")
    assert (fact.old, fact.new) == ("are not required", "are required")
    [fact] = changed_facts("Approval had been given to it.", "Approval had not yet been given to it.")
    assert (fact.old, fact.new) == ("had been given", "had not yet been given")


def test_facts_keep_units_months_name_parts_and_title_words():
    cases = {
        ("on March 15 the", "on March 18 the"): ("March 15", "March 18", "date"),
        ("rose 4.7% last", "rose 4.1% last"): ("4.7%", "4.1%", "number"),
        ("a $4.2 million deal", "a $4.8 million deal"): ("$4.2 million", "$4.8 million", "number"),
        ("the Ministry of Finance said", "the Ministry of Energy said"): (
            "Ministry of Finance",
            "Ministry of Energy",
            "organization",
        ),
        ("its chief executive said", "its chief operating officer said"): (
            "chief executive",
            "chief operating officer",
            "title",
        ),
        ("the Liberian-flagged ship", "the Panamanian-flagged ship"): (
            "Liberian-flagged",
            "Panamanian-flagged",
            "country",
        ),
        ("a Democrat who", "a Republican who"): ("Democrat", "Republican", "organization"),
    }
    for (old, new), expected in cases.items():
        assert [(f.old, f.new, f.type) for f in changed_facts(old, new)] == [expected]
