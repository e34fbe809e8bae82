"""Word diff and claim alignment, on plain values (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS
from tracker.derive.worddiff import new_text, old_text, word_diff
from tracker.values.text import DELETE, EQUAL, INSERT


def test_word_diff_changes_whole_words_never_fragments():
    segments = word_diff("Germany will lead the coalition.", "Poland will lead the coalition.")
    assert [(s.op, s.text) for s in segments if s.op != EQUAL] == [(DELETE, "Germany"), (INSERT, "Poland")]


def test_word_diff_keeps_compound_words_and_figures_whole():
    segments = word_diff("The 13-member board spent $1,500.", "The 15-member board spent $1,800.")
    changed = {s.text for s in segments if s.op != EQUAL}
    assert {"13-member", "15-member", "1,500", "1,800"} <= changed


words = st.lists(
    st.sampled_from(["the", "Poland", "Germany", "said", "a", "13", "new", ".", ",", "“", "\n\n"]),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(words, words)
def test_diff_rebuilds_both_texts(a, b):
    old, new = " ".join(a), " ".join(b)
    segments = word_diff(old, new)
    assert old_text(segments) == old and new_text(segments) == new


def test_diff_of_texts_with_more_distinct_words_than_private_use_characters():
    old = " ".join(f"w{i}" for i in range(140_000))
    new = old.replace("w139998", "changed")
    segments = word_diff(old, new)
    assert [(s.op, s.text) for s in segments if s.op != EQUAL] == [(DELETE, "w139998"), (INSERT, "changed")]
    assert old_text(segments) == old and new_text(segments) == new


VOTE = "Senate vote\n\nThe vote was 51-49.\n\nThe bill goes to the House next week.\n"


VOTE_NOTE = "Correction: An earlier version of this story misstated the vote. It was 52-48, not 51-49."


@pytest.mark.parametrize(
    "corrected",
    [
        VOTE.replace("51-49", "52-48") + "\n" + VOTE_NOTE + "\n",  # the note at the end
        VOTE.replace("51-49.\n", "52-48.\n\n" + VOTE_NOTE + "\n"),  # the note just under the fix
    ],
)
def test_a_note_repeating_the_old_value_does_not_pull_it_out_of_its_paragraph(invoke, tmp_path, corrected):
    (tmp_path / "a.txt").write_text(VOTE)
    (tmp_path / "b.txt").write_text(corrected)
    result = invoke("diff", tmp_path / "a.txt", tmp_path / "b.txt")
    assert result.exit_code == 0
    assert result.output.splitlines()[1:] == [
        "The vote was [-51-49-]{+52-48+}.",
        "…",
        "{+" + VOTE_NOTE + "+}",
    ]
    markdown = invoke("diff", tmp_path / "a.txt", tmp_path / "b.txt", "--format", "markdown").output
    assert "The vote was ~~51-49~~**52-48**." in markdown and f"**{VOTE_NOTE}**" in markdown


def test_a_paragraph_split_in_two_keeps_its_words():
    old = "Story\n\nThe mayor spoke on Monday and the council voted on Tuesday.\n"
    new = "Story\n\nThe mayor spoke on Monday.\n\nThe council voted on Tuesday.\n"
    segments = word_diff(old, new)
    assert old_text(segments) == old and new_text(segments) == new
    assert "council voted on Tuesday" in "".join(s.text for s in segments if s.op == EQUAL)


def test_the_diff_is_the_one_diff_match_patch_computes():
    """The C++ port does the diffing; on real article edits it must give exactly what the reference
    Python module gives (diff_main, then the semantic clean-up the word view uses)."""
    import random

    from diff_match_patch import diff_match_patch

    from tracker.derive.worddiff import _Codebook, _diff_main, tokenize

    reference = diff_match_patch()
    reference.Diff_Timeout = 0
    rnd = random.Random(11)
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "articles").glob("*.txt"))[:30]]
    words = " ".join(texts).split()
    for text in texts:
        for paragraph in [p for p in text.split("\n\n") if len(p.split()) > 5][:8]:
            edited = paragraph.split()
            for _ in range(rnd.randrange(1, 6)):
                edited[rnd.randrange(len(edited))] = rnd.choice(words)
            book = _Codebook()
            a, b = book.encode(tokenize(paragraph)), book.encode(tokenize(" ".join(edited)))
            for semantic in (False, True):
                expected = reference.diff_main(a, b, False)
                if semantic:
                    reference.diff_cleanupSemantic(expected)
                assert _diff_main(a, b, semantic) == expected
