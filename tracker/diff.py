"""Word diff between two texts: whole words, never fragments, near-linear in the length of the text.

diff-match-patch does the diffing on word tokens (each token mapped to one character), first paragraph
by paragraph, then word by word inside the paragraphs that changed, as its own line mode does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.errors import InputError

EQUAL, DELETE, INSERT = 0, -1, 1

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


@dataclass(frozen=True)
class Segment:
    """A run of text that is equal in both versions, or only in the old one (delete), or the new (insert)."""

    op: int
    text: str


def tokenize(text: str) -> list[str]:
    return TOKEN.findall(text)


@lru_cache(maxsize=1)
def _engine():
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # never cut short: a diff that gives up is a wrong diff
    return dmp


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
    dmp = _engine()
    diffs = dmp.diff_main(a, b, False)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    return [(op, book.decode(chars)) for op, chars in diffs]


def _paragraph_units(text: str) -> list[str]:
    """Lines with their newline attached: the coarse units of the first pass."""
    return text.splitlines(keepends=True)


def word_diff(old: str, new: str) -> list[Segment]:
    """Segments that rebuild `old` (equal + delete) and `new` (equal + insert), in reading order."""
    book = _Codebook()
    a, b = book.encode(_paragraph_units(old)), book.encode(_paragraph_units(new))
    dmp = _engine()
    coarse = dmp.diff_main(a, b, False)
    segments: list[Segment] = []
    pending_old: list[str] = []
    pending_new: list[str] = []

    def flush() -> None:
        if pending_old or pending_new:
            fine = diff_tokens(tokenize("".join(pending_old)), tokenize("".join(pending_new)))
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
    return "".join(s.text for s in segments if s.op != INSERT)


def new_text(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments if s.op != DELETE)


def changed_paragraphs(segments: list[Segment]) -> list[list[Segment]]:
    """The paragraphs (of the merged old/new view) that hold a change, each as its own segments,
    so a reader sees the edits with their paragraph around them and not the whole article."""
    paragraphs: list[list[Segment]] = [[]]
    for seg in segments:
        parts = re.split(r"(\n\s*\n)", seg.text)
        for k, part in enumerate(parts):
            if k % 2 == 1:  # a paragraph break, kept or not: only the words around it are shown
                paragraphs.append([])
            elif part:
                paragraphs[-1].append(Segment(seg.op, part))
    return [p for p in paragraphs if any(s.op != EQUAL and s.text.strip() for s in p)]
