"""Word diff between two texts: whole words, never fragments, near-linear in the length of the text.

diff-match-patch does the diffing on word tokens (each token mapped to one character), first paragraph
by paragraph, then word by word inside the paragraphs that changed, as its own line mode does. Where
several paragraphs changed together, each old paragraph is first paired with the new one it became
(by shared words, as wikidiff2 does), so a value is never matched into a neighbouring paragraph: a
correction note that repeats the old figure does not make the figure look kept and moved.
"""

from __future__ import annotations

import re

from tracker.errors import InputError
from tracker.values.text import DELETE, EQUAL, INSERT, Segment
from tracker.vocabulary import WORD

# A word keeps its inner hyphens, apostrophes, dots and digit groups: "13-member", "U.S", "1,000", "don't".
TOKEN = re.compile(r"\w+(?:(?:[-'’./:&]|,(?=\d))\w+)*|\s+|[^\w\s]")
# Token codes live in the supplementary private use planes (never letters, never spaces); a text with
# more distinct tokens than those hold goes on into planes 1-14, which have no surrogates either.
_PUA = 0xF0000
_PUA_SIZE = 0x110000 - _PUA
_MORE = 0x10000
_CAPACITY = _PUA_SIZE + (_PUA - _MORE)


def _code(index: int) -> str:
    if index < _PUA_SIZE:
        return chr(_PUA + index)
    if index < _CAPACITY:
        return chr(_MORE + index - _PUA_SIZE)
    raise InputError("text too varied to diff: over a million distinct words")


def _index(code: str) -> int:
    point = ord(code)
    return point - _PUA if point >= _PUA else point - _MORE + _PUA_SIZE


def tokenize(text: str) -> list[str]:
    """Whole-word tokens, spaces and punctuation: the units the word diff compares."""
    return TOKEN.findall(text)


_OPS = {"=": EQUAL, "-": DELETE, "+": INSERT}


def _diff_main(a: str, b: str, semantic: bool = False) -> list[tuple[int, str]]:
    """diff-match-patch's diff of two strings (and, with `semantic`, its semantic clean-up), computed
    by the library's C++ port: the same algorithm and result as the Python module, about 10 times
    faster on an edit and 100 times on a rewrite, where the Python module took seconds. Never cut
    short by a time limit: a diff that gives up is a wrong diff."""
    from fast_diff_match_patch import diff

    cleanup = "Semantic" if semantic else "No"
    found = diff(a, b, timelimit=0, checklines=False, cleanup=cleanup, counts_only=False)
    return [(_OPS[op], text) for op, text in found]


class _Codebook(dict):
    """Maps each distinct unit (token or paragraph) to one character, so dmp diffs units, not letters."""

    def __init__(self) -> None:
        super().__init__()
        self.units: list[str] = []

    def __missing__(self, unit: str) -> str:
        code = self[unit] = _code(len(self.units))
        self.units.append(unit)
        return code

    def encode(self, units: list[str]) -> str:
        return "".join(map(self.__getitem__, units))

    def decode(self, chars: str) -> list[str]:
        units = self.units
        return [units[_index(c)] for c in chars]


def diff_tokens(old: list[str], new: list[str], semantic: bool = True) -> list[tuple[int, list[str]]]:
    """Diff two token lists; with `semantic`, small equalities between edits fold into them for reading."""
    book = _Codebook()
    a, b = book.encode(old), book.encode(new)
    diffs = _diff_main(a, b, semantic)
    return [(op, book.decode(chars)) for op, chars in diffs]


def _paragraph_units(text: str) -> list[str]:
    """Lines with their newline attached: the coarse units of the first pass."""
    return text.splitlines(keepends=True)


def word_diff(old: str, new: str) -> list[Segment]:
    """Segments that rebuild `old` (equal + delete) and `new` (equal + insert), in reading order."""
    book = _Codebook()
    a, b = book.encode(_paragraph_units(old)), book.encode(_paragraph_units(new))
    coarse = _diff_main(a, b)
    segments: list[Segment] = []
    pending_old: list[str] = []
    pending_new: list[str] = []

    def flush() -> None:
        if pending_old or pending_new:
            for old_lines, new_lines in _paired_lines(pending_old, pending_new):
                fine = diff_tokens(tokenize("".join(old_lines)), tokenize("".join(new_lines)))
                segments.extend(Segment(op, "".join(tokens)) for op, tokens in fine)
            pending_old.clear()
            pending_new.clear()

    for op, chars in coarse:
        lines = book.decode(chars)
        if op == EQUAL:
            flush()
            segments.append(Segment(EQUAL, "".join(lines)))
        elif op == DELETE:
            pending_old.extend(lines)
        else:
            pending_new.extend(lines)
    flush()
    return _merge(segments)


PAIR_SIMILARITY = 0.5  # shared words (Dice) for an old paragraph to count as edited into a new one
_PAIRING_LIMIT = 40_000  # old x new paragraphs in one changed block; beyond it the block is diffed whole
_WORD = WORD


def _words_of(lines: list[str]) -> set[str]:
    return {w for line in lines for w in _WORD.findall(line.lower())}


def _similarity(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 1.0 if a == b else 0.0  # a blank line is like a blank line, nothing else
    return 2 * len(a & b) / (len(a) + len(b))


def _paired_lines(old: list[str], new: list[str]) -> list[tuple[list[str], list[str]]]:
    """A changed block as chunks to diff word by word: each old paragraph with the new one it became,
    and the paragraphs between such pairs (added, removed, or edited past recognition) together."""
    if len(old) * len(new) <= 1 or len(old) * len(new) > _PAIRING_LIMIT:
        return [(old, new)]
    old_words = [_words_of([line]) for line in old]
    new_words = [_words_of([line]) for line in new]
    # the in-order pairing with the most similarity (an LCS where pairs weigh their similarity)
    n, m = len(old), len(new)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            here = max(best[i + 1][j], best[i][j + 1])
            sim = _similarity(old_words[i], new_words[j])
            if sim >= PAIR_SIMILARITY:
                here = max(here, sim + best[i + 1][j + 1])
            best[i][j] = here
    chunks: list[tuple[list[str], list[str], bool]] = []  # (old lines, new lines, paired)
    i = j = 0
    while i < n or j < m:
        sim = _similarity(old_words[i], new_words[j]) if i < n and j < m else 0.0
        if sim >= PAIR_SIMILARITY and best[i][j] == sim + best[i + 1][j + 1]:
            chunks.append(([old[i]], [new[j]], True))
            i, j = i + 1, j + 1
            continue
        if not chunks or chunks[-1][2]:
            chunks.append(([], [], False))
        if j >= m or i < n and best[i][j] == best[i + 1][j]:
            chunks[-1][0].append(old[i])
            i += 1
        else:
            chunks[-1][1].append(new[j])
            j += 1
    for c, (pair_old, pair_new, paired) in enumerate(chunks):
        if paired:
            for d in (c + 1, c - 1):
                if 0 <= d < len(chunks) and not chunks[d][2]:
                    _absorb(pair_old, pair_new, chunks[d][0], chunks[d][1], after=d > c)
    return [(o, nw) for o, nw, _ in chunks if o or nw]


def _absorb(
    pair_old: list[str], pair_new: list[str], loose_old: list[str], loose_new: list[str], after: bool
) -> None:
    """Take into a pair the unpaired paragraphs beside it that make it more alike: the other half of a
    paragraph split in two (or of two merged into one), not a note that repeats a few of its words."""
    for mine, pool, is_old in ((pair_new, loose_new, False), (pair_old, loose_old, True)):
        while pool:
            k = 1
            order = pool if after else pool[::-1]
            while k <= len(order) and not order[k - 1].strip():
                k += 1  # blank lines go with the paragraph past them
            if k > len(order):
                break
            taken = order[:k] if after else order[:k][::-1]
            grown = mine + taken if after else taken + mine
            grown_old, grown_new = (grown, pair_new) if is_old else (pair_old, grown)
            if _similarity(_words_of(grown_old), _words_of(grown_new)) <= _similarity(
                _words_of(pair_old), _words_of(pair_new)
            ):
                break
            mine[:] = grown
            if after:
                del pool[:k]
            else:
                del pool[len(pool) - k :]


def _merge(segments: list[Segment]) -> list[Segment]:
    """Join neighbours with the same op and drop empty ones, so renderers see clean runs."""
    out: list[Segment] = []
    for seg in segments:
        if not seg.text:
            continue
        if out and out[-1].op == seg.op:
            out[-1] = Segment(seg.op, out[-1].text + seg.text)
        else:
            out.append(seg)
    return out


def old_text(segments: list[Segment]) -> str:
    """The old side of a diff, rebuilt from its segments."""
    return "".join(s.text for s in segments if s.op != INSERT)


def new_text(segments: list[Segment]) -> str:
    """The new side of a diff, rebuilt from its segments."""
    return "".join(s.text for s in segments if s.op != DELETE)


def changed_paragraphs(segments: list[Segment]) -> list[list[Segment]]:
    """The paragraphs (of the merged old/new view) that hold a change, each as its own segments,
    so a reader sees the edits with their paragraph around them and not the whole article. A blank
    line ends a paragraph wherever it falls, also where an inserted paragraph meets an unchanged one."""
    paragraphs: list[list[Segment]] = [[]]
    line: list[Segment] = []

    def end_line(op: int) -> None:
        if any(s.text.strip() for s in line):
            paragraphs[-1].extend(line)
            paragraphs[-1].append(Segment(op, "\n"))
        elif paragraphs[-1]:  # a blank line, kept or not: only the words around it are shown
            paragraphs.append([])
        line.clear()

    for seg in segments:
        for k, part in enumerate(seg.text.split("\n")):
            if k:
                end_line(seg.op)
            if part:
                line.append(Segment(seg.op, part))
    end_line(EQUAL)
    changed = []
    for paragraph in paragraphs:
        while paragraph and not paragraph[-1].text.strip():
            paragraph.pop()  # the line break that ends it
        if any(s.op != EQUAL and s.text.strip() for s in paragraph):
            changed.append(_merge(paragraph))
    return changed
