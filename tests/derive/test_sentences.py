"""Sentence splitting (tracker.derive.sentences) on real news and on the cases news prose is full of."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS  # noqa: E402
from tracker.derive.sentences import split_paragraphs, split_sentences
from tracker.values.text import Sentence

ROOT = Path(__file__).resolve().parents[2]


def _texts(sentences: list[Sentence]) -> list[str]:
    return [s.text for s in sentences]


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    path = CORPUS / "sentences" / "gold.jsonl"
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def articles() -> list[str]:
    folder = CORPUS / "articles"
    if not folder.is_dir():
        pytest.skip(f"shared corpus not found at {folder}")
    return [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]


def _boundaries(text: str, pieces: list[str]) -> set[int]:
    """End offsets of every sentence but the paragraph's last (the benchmark's definition)."""
    ends, position = set(), 0
    for piece in pieces:
        position = text.index(piece, position) + len(piece)
        if text[position:].strip():
            ends.add(position)
    return ends


def test_boundary_f1_on_gold_news_paragraphs_meets_target(gold: list[dict]) -> None:
    tp = fp = fn = 0
    for item in gold:
        truth = _boundaries(item["text"], item["sentences"])
        found = _boundaries(item["text"], _texts(split_sentences(item["text"])))
        tp, fp, fn = tp + len(truth & found), fp + len(found - truth), fn + len(truth - found)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 2 * precision * recall / (precision + recall) >= 0.99


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It passed. The U.S. Senate voted on Tuesday.", ["It passed.", "The U.S. Senate voted on Tuesday."]),
        ("He lives in the U.S. He moved in 2010.", ["He lives in the U.S.", "He moved in 2010."]),
        ("It was over. Gen. Mark Milley said so.", ["It was over.", "Gen. Mark Milley said so."]),
        ("Lt. Col. Alexander Vindman testified.", ["Lt. Col. Alexander Vindman testified."]),
        ("The vote was on Jan. 11, 2024, in Washington.", ["The vote was on Jan. 11, 2024, in Washington."]),
        ("The vote is at 10:30 p.m. Tuesday in the Senate.", ["The vote is at 10:30 p.m. Tuesday in the Senate."]),
        ("It ended at 10:30 p.m. The Senate adjourned.", ["It ended at 10:30 p.m.", "The Senate adjourned."]),
        ("It rained. George H.W. Bush died in Houston.", ["It rained.", "George H.W. Bush died in Houston."]),
        ("WASHINGTON (AP) — The Senate voted. It passed.", ["WASHINGTON (AP) — The Senate voted.", "It passed."]),
        ("Sen. Amy Klobuchar (D-Minn.) spoke. Rep. David McKinley, R-W.Va., visited.",
         ["Sen. Amy Klobuchar (D-Minn.) spoke.", "Rep. David McKinley, R-W.Va., visited."]),
        ("They met Mr. Smith. Mr. Jones left.", ["They met Mr. Smith.", "Mr. Jones left."]),
        ("The No. 2 seed won. St. Louis lost.", ["The No. 2 seed won.", "St. Louis lost."]),
        ("He lives on Main St. He moved in 2010.", ["He lives on Main St.", "He moved in 2010."]),
        ("The road-trip comedy Are We There Yet? and others did well.",
         ["The road-trip comedy Are We There Yet? and others did well."]),
        ('He looked as if to say "You think you got me?" before he smiled.',
         ['He looked as if to say "You think you got me?" before he smiled.']),
        ("It was over! Mr. Smith said so.", ["It was over!", "Mr. Smith said so."]),
        ("J. Anasa 1 assist. A. Sanger 2 saves.", ["J. Anasa 1 assist.", "A. Sanger 2 saves."]),
        ("“It’s as low as I’ve ever seen.” (He does not supply them.)",
         ["“It’s as low as I’ve ever seen.”", "(He does not supply them.)"]),
    ],
)  # fmt: skip
def test_news_abbreviations_split_only_where_a_sentence_ends(text: str, expected: list[str]) -> None:
    assert _texts(split_sentences(text)) == expected


def test_quotes_of_several_sentences_split_at_each_sentence_end() -> None:
    text = "“I was there. I saw it. It was awful,” she said. He left."
    assert _texts(split_sentences(text)) == [
        "“I was there.",
        "I saw it.",
        "It was awful,” she said.",
        "He left.",
    ]


def test_nested_quotes_split_and_keep_their_closing_marks() -> None:
    text = "He said, “She told me, ‘Buy larger tractors. It’s very simple.’” Then he left."
    assert _texts(split_sentences(text)) == [
        "He said, “She told me, ‘Buy larger tractors.",
        "It’s very simple.’”",
        "Then he left.",
    ]


def test_a_closing_quote_after_a_space_stays_with_its_sentence() -> None:
    assert _texts(split_sentences("“We are talking to a lot of businesses. ”")) == [
        "“We are talking to a lot of businesses. ”"
    ]


def test_title_line_is_its_own_paragraph_and_sentence() -> None:
    text = (
        "Senate passes the bill\n\nWASHINGTON (AP) — The Senate voted.\nIt passed.\n\n  Second paragraph.  "
    )
    sentences = split_sentences(text)
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("Senate passes the bill", 0),
        ("WASHINGTON (AP) — The Senate voted.", 1),
        ("It passed.", 1),
        ("Second paragraph.", 2),
    ]


def test_single_newline_inside_a_paragraph_reads_as_a_space() -> None:
    text = "The U.S.\nSenate voted on Tuesday.\r\nIt passed."
    assert _texts(split_sentences(text)) == ["The U.S.\nSenate voted on Tuesday.", "It passed."]


def test_unicode_line_separators_inside_a_paragraph_read_as_spaces() -> None:
    text = "The U.S.\u2028Senate voted. The U.S.\u2029House agreed."
    assert _texts(split_sentences(text)) == ["The U.S.\u2028Senate voted.", "The U.S.\u2029House agreed."]


def test_undecodable_bytes_kept_as_surrogates_do_not_stop_splitting() -> None:
    text = b"Caf\xe9 opens. It closes.".decode("utf-8", "surrogateescape")
    assert _texts(split_sentences(text)) == ["Caf\udce9 opens.", "It closes."]


def test_paragraphs_are_split_on_blank_lines_only() -> None:
    text = "\n  One\nstill one.\n \t\nTwo.\n\n\n\nThree.\n"
    assert [text[a:b] for a, b in split_paragraphs(text)] == ["One\nstill one.", "Two.", "Three."]
    assert split_paragraphs(" \n\n ") == [] and split_sentences("") == []


def test_offsets_round_trip_on_every_article(articles: list[str]) -> None:
    for text in articles:
        for sentence in split_sentences(text):
            assert text[sentence.start : sentence.end] == sentence.text
            assert sentence.text and sentence.text == sentence.text.strip()


def test_sentences_never_cross_paragraphs(articles: list[str]) -> None:
    for text in articles:
        paragraphs = split_paragraphs(text)
        for sentence in split_sentences(text):
            start, end = paragraphs[sentence.paragraph]
            assert start <= sentence.start < sentence.end <= end


def test_the_split_does_not_change_when_only_the_quote_style_does(articles: list[str]) -> None:
    """Straight and curly quotes are typography: a change of style must not move a sentence break,
    or the claim view would report an edit that never happened."""
    swap = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
    for text in articles:
        straight = text.translate(swap)
        assert [(s.start, s.end) for s in split_sentences(text)] == [
            (s.start, s.end) for s in split_sentences(straight)
        ]


def test_the_split_does_not_change_when_two_spaces_follow_a_period(articles: list[str]) -> None:
    def words(sentences: list[Sentence]) -> list[str]:
        return [" ".join(s.text.split()) for s in sentences]

    for text in articles:
        spaced = re.sub(r"\. (?=[A-Z])", ".  ", text)
        assert words(split_sentences(spaced)) == words(split_sentences(text))


def test_articles_split_into_sentences_of_news_length_inside_paragraphs(articles: list[str]) -> None:
    """Every sentence is a slice of the article inside one paragraph, together they hold every word in
    order, and they read as news sentences do (a mean of 8 to 40 words), so neither "the whole
    paragraph" nor "every word" passes."""
    lengths = []
    for text in articles:
        sentences = split_sentences(text)
        assert all(text[s.start : s.end] == s.text and "\n\n" not in s.text for s in sentences)
        assert " ".join(s.text for s in sentences).split() == text.split()
        lengths += [len(s.text.split()) for s in sentences]
    assert 8 <= sum(lengths) / len(lengths) <= 40


def test_importing_the_module_loads_no_heavy_library() -> None:
    code = "import sys, tracker.derive.sentences as c; c.split_sentences('One. Two.'); print('numpy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


_WORDS = st.sampled_from(
    ["the", "U.S.", "Mr.", "Gen.", "Jan.", "11,", "p.m.", "H.W.", "said", "“Yes.”", "(AP)", "—", "it’s", "A.",
     "done.", "Why?", "No!", "…", "”", "(", ")", "Zoë", "ok"]
)  # fmt: skip
_SPACES = st.sampled_from([" ", "  ", "\n", "\n\n", " \n \n", "\t", "\u00a0", "\r\n", "\u2029"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(_WORDS, st.text(min_size=1, max_size=6)), _SPACES), max_size=40))
def test_sentences_cover_all_text_but_whitespace(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + space for word, space in parts)
    sentences = split_sentences(text)
    covered = [False] * len(text)
    for before, after in zip(sentences, sentences[1:], strict=False):
        assert before.end <= after.start and before.paragraph <= after.paragraph
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text == sentence.text.strip()
        covered[sentence.start : sentence.end] = [True] * (sentence.end - sentence.start)
    assert all(covered[i] for i, char in enumerate(text) if not char.isspace())


def test_reusing_an_earlier_split_gives_the_same_sentences():
    from tracker.derive.sentences import split_sentences_reusing

    for path in sorted((CORPUS / "articles").glob("*.txt"))[:40]:
        text = path.read_text(encoding="utf-8")
        paragraphs = text.split("\n\n")
        added = "A new paragraph. It has Gen. Smith in it."
        rest = [p.replace(" the ", " a ", 1) for p in paragraphs[3:]]  # edits spread through the text
        edited = "\n\n".join(
            paragraphs[:2] + [added] + rest[: len(rest) // 2] + [added] + rest[len(rest) // 2 :]
        )
        earlier = split_sentences(text)
        assert split_sentences_reusing(edited, text, earlier) == split_sentences(edited)
