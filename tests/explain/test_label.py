"""A note's label is found in time linear in the paragraph, and exactly where the label expression
finds it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.explain.label import alternatives, pattern, search, search_counted
from tracker.explain.notes import score_paragraph
from tracker.explain.wording import LABELS

SPELLINGS = alternatives(LABELS)
EXPRESSION = re.compile(pattern(LABELS), re.IGNORECASE)  # what `search` stands for; slow on long input


def _found(match) -> tuple | None:  # noqa: ANN001
    if match is None:
        return None
    kind = next(k for k, v in match.groupdict().items() if v and k != "label")
    return match.start(), match.end(), match.start("label"), match.end("label"), kind


@pytest.mark.parametrize(
    "paragraph",
    [
        "CORRECTION (April 13, 2020, 8:45 a.m.): An earlier version misspelled the name.",
        "Update October 20, 2025, 9:21PM ET: The council has since voted.",
        "He left. Correction: the vote was 5-4, not 6-3.",
        "[Editor's note, posted 10:30 – 11:00: the photo was replaced.]",
        "Corrections and clarifications: a caption gave the wrong date.",
        "Correction appended Jan 5th: a name was misspelled.",
        "Updated on 3rd May 2021 at 10:00 am - The story now includes a response.",
        "The update on Monday said nothing new about the vote.",
        "Correction  (  May 3 )  :  the figure was 12.",
    ],
)
def test_label_found_where_the_label_expression_finds_it(paragraph: str) -> None:
    assert _found(search(paragraph, SPELLINGS)) == _found(EXPRESSION.search(paragraph))


_ATOMS = st.sampled_from(
    [
        "Correction",
        "update",
        "Editor's note",
        "note",
        "corrections and updates",
        "correction added",
        " ",
        "  ",
        ":",
        "]",
        ")",
        "(",
        "[",
        "—",
        "–",
        "-",
        " - ",
        ".",
        ",",
        "a",
        "p",
        "m",
        "a.m.",
        "PM",
        "12",
        "10:30",
        "1st",
        "123456",
        "on",
        "at",
        "Jan",
        "ET",
        "ABCDE",
        '"',
        "*",
        ". ",
        "ſt",
        "K",
    ]  # fmt: skip
)


# Derandomized and short: the expression it is compared with backtracks catastrophically on some long
# mixes, which is the defect the search fixes, and must not hang the suite.
@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(_ATOMS, min_size=1, max_size=4).map("".join))
def test_label_matches_the_expression_on_any_mix_of_label_date_and_marks(paragraph: str) -> None:
    assert _found(search(paragraph, SPELLINGS)) == _found(EXPRESSION.search(paragraph))


# Paragraphs the label expression backtracked on: a label then long runs of letters, spaces, date
# pieces or digits with no colon to end the label; many sentence starts each holding a label.
ADVERSARIAL = {
    "letters and spaces": lambda n: "Correction " + "abcdefghijklmnopqrstuvwxyz " * n,
    "one long word": lambda n: "Update " + "abcdefghij" * n,
    "spaces": lambda n: "Correction" + " " * (10 * n) + "x",
    "date pieces": lambda n: "Update " + "12, 3rd May. a.m. at on ET / 10:30 - " * n,
    "digits": lambda n: "Correction " + "1234567890" * n,
    "labels in every sentence": lambda n: "The story ran. Update on the council vote " * n,
    "opening marks": lambda n: '" ' * (5 * n) + "Correction wrong",
    "brackets and spaces": lambda n: "Correction ) " + " " * (10 * n) + "x",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_label_search_grows_linearly_on_adversarial_paragraphs(name: str) -> None:
    make = ADVERSARIAL[name]
    _, small = search_counted(make(20), SPELLINGS)
    _, large = search_counted(make(200), SPELLINGS)  # ten times longer
    assert large <= 12 * small, (name, small, large)


def test_a_paragraph_the_expression_took_seconds_on_is_scored_the_same_way() -> None:
    # a label word opening a long sentence of long words: the expression tried every split of them
    paragraph = "Update " + " ".join(["Parliamentarians internationalisation"] * 40) + "."
    _, steps = search_counted(paragraph, SPELLINGS)
    assert steps < 20 * len(paragraph)
    score, kind, signals = score_paragraph(paragraph)
    assert not any(s.startswith("label:") for s in signals)
