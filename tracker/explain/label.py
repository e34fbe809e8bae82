"""Where a note's label ends, found in time linear in the paragraph's length.

A label opens a paragraph or a sentence and may be dated: "CORRECTION (April 13, 2020, 8:45 a.m.):",
"Update October 20, 2025, 9:21PM ET:". It reads as the regular expression `pattern()` builds, but
that expression cannot be given to the `re` module to search: compiled case-insensitive, its date
part splits a run of letters into pieces in exponentially many ways before it gives up, and one real
paragraph took over a second. `search` finds the match `re` would find (the same start, label,
kind and end: the same search order, piece by piece) while exploring each state (position, pieces
used) once, so its time grows with the paragraph, not with the ways of splitting it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE
MAX_PIECES = 14  # pieces of a date after the label: "(April 13, 2020, 8:45 a.m. ET)"

# One piece of a date, in the order the expression tries them (the order decides the match).
DATE_BIT = (
    r"(?:\d{1,2}:\d\d|\d+(?:st|nd|rd|th)?|[ap]\.?m\.?|[A-Z][a-z]{2,8}\.?|[A-Z]{2,4}|on|at|added|"
    r"posted|made|appended|issued|[,/.\-–(@]|\s)"
)
_WORDS = ("on", "at", "added", "posted", "made", "appended", "issued")
_PUNCT = frozenset(",/.-–(@")
# after the date: a closing bracket perhaps, then ":", "]", a dash, or " - "
_FINISH = re.compile(r"\s*[)\]]?\s*(?::|\]|—|–|\s-\s)")
_PREFIX = re.compile(r"[\s*•\[(\"“]*")
_SUFFIX = re.compile(r"st|nd|rd|th", _I)
_WORD_RES = tuple(re.compile(w, _I) for w in _WORDS)
_A_OR_P, _M = re.compile(r"[ap]", _I), re.compile(r"m", _I)
_UPPER, _LOWER = re.compile(r"[A-Z]", _I), re.compile(r"[a-z]", _I)
_SPACE, _DIGIT = re.compile(r"\s"), re.compile(r"\d")
_SENTENCE_START = re.compile(r"[.!?\"”)] ")  # a label opens a sentence: after one of these and a space
_LABEL_START = re.compile(r"[a-z]", _I)  # every spelling of a label starts with a letter


def pattern(labels: dict[str, str]) -> str:
    """The label as one regular expression (for reading and for tests; `search` is what runs)."""
    return (
        r"(?:^|(?<=[.!?\"”)] ))[\s*•\[(\"“]*(?P<label>"
        + "|".join(f"(?P<{k}>{v})" for k, v in labels.items())
        + rf")\b(?:\s*{DATE_BIT}{{0,{MAX_PIECES}}}?)\s*[)\]]?\s*(?::|\]|—|–|\s-\s)"
    )


def alternatives(labels: dict[str, str]) -> list[tuple[str, re.Pattern[str]]]:
    """Each kind's spellings, one pattern per way a label can end, in the order the whole expression
    tries them: an optional tail first taken ("Corrections and clarifications"), then left off."""
    out = []
    for kind, spelled in labels.items():
        for alternative in _top_level(spelled):
            for variant in _tails_first(alternative):
                out.append((kind, re.compile(rf"(?:{variant})\b", _I)))
    return out


def _top_level(pattern_text: str) -> list[str]:
    """The alternatives of a pattern split at its top-level '|'."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern_text):
        c = pattern_text[i]
        if c == "\\":
            i += 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern_text[start:i])
            start = i + 1
        i += 1
    return parts + [pattern_text[start:]]


def _tails_first(alternative: str) -> list[str]:
    """An alternative ending in an optional group "X(?:...)?": with the group, then without it."""
    if alternative.endswith(")?"):
        depth = 0
        for i in range(len(alternative) - 2, -1, -1):
            c = alternative[i]
            if c == ")" and alternative[i - 1] != "\\":
                depth += 1
            elif c == "(" and (i == 0 or alternative[i - 1] != "\\"):
                depth -= 1
                if depth == 0:
                    head, group = alternative[:i], alternative[i:-1]
                    return [head + group, head]
    return [alternative]


@dataclass(frozen=True)
class LabelMatch:
    """What the caller reads of a match: where it starts and ends, the label's span and its kind."""

    string: str
    span_all: tuple[int, int]
    span_label: tuple[int, int]
    kind: str

    def start(self, group: str | int = 0) -> int:
        """Where the match (or, given "label", the label itself) starts."""
        return self.span_label[0] if group == "label" else self.span_all[0]

    def end(self, group: str | int = 0) -> int:
        """Where the match (or, given "label", the label itself) ends."""
        return self.span_label[1] if group == "label" else self.span_all[1]

    def group(self, group: str | int = 0) -> str:
        """The text matched: all of it, or the label's alone."""
        a, b = self.span_label if group in ("label", self.kind) else self.span_all
        return self.string[a:b]

    def groupdict(self) -> dict[str, str | None]:
        """The label under "label" and under its kind, as `re` names the groups."""
        label = self.group("label")
        return {"label": label, self.kind: label}

    @property
    def re(self) -> None:
        """Not a `re.Match`: no pattern of its own."""
        return None


class _Search:
    """One paragraph's search: the dated tail explored depth first in the expression's order, each
    (position, pieces) state at most once (a state that failed fails again with fewer pieces left)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.failed: dict[int, int] = {}  # position -> fewest pieces used with which it failed
        self.finished: dict[int, int | None] = {}
        self.spaces_end: dict[int, int] = {}
        self.ends: dict[int, list[int]] = {}
        self.steps = 0  # states explored: what the search's time grows with

    def _is(self, regex: re.Pattern[str], i: int) -> bool:
        return i < self.n and regex.match(self.text, i) is not None

    def _run(self, regex: re.Pattern[str], i: int, limit: int) -> int:
        """How many characters from i (at most limit) match the one-character regex."""
        j = i
        while j < self.n and j - i < limit and regex.match(self.text, j):
            j += 1
        return j - i

    def space_end(self, p: int) -> int:
        """Where the run of spaces from p ends (p itself when none), each run scanned once."""
        if p in self.spaces_end:
            return self.spaces_end[p]
        j = p
        while j < self.n and j not in self.spaces_end and _SPACE.match(self.text, j):
            j += 1
        end = self.spaces_end.get(j, j)
        for i in range(p, j):
            self.spaces_end[i] = end
        self.spaces_end[p] = end
        return end

    def finish(self, p: int) -> int | None:
        """The end of `\\s*[)\\]]?\\s*(?::|\\]|—|–|\\s-\\s)` from p, as `re` finds it. Inside a run of
        spaces the result is that of its last space (the only one that can start " - ")."""
        p = max(p, self.space_end(p) - 1)
        if p not in self.finished:
            m = _FINISH.match(self.text, p)
            self.finished[p] = m.end() if m else None
        return self.finished[p]

    def pieces(self, p: int) -> list[int]:
        """The ends of one date piece from p, in the order the expression tries them."""
        if p not in self.ends:
            self.ends[p] = self._pieces(p)
        return self.ends[p]

    def _pieces(self, p: int) -> list[int]:
        text, ends = self.text, []
        if self._is(_DIGIT, p):
            digits = self._run(_DIGIT, p, self.n)
            for width in (2, 1):  # \d{1,2}:\d\d
                if digits == width and text[p + width : p + width + 1] == ":":
                    if self._run(_DIGIT, p + width + 1, 2) == 2:
                        ends.append(p + width + 3)
            e = p + digits  # \d+(?:st|nd|rd|th)?, giving back digits
            if self._is(_SUFFIX, e):
                ends.append(e + 2)
            # a digit run's inner ends past the last three lead only to ends already tried with a
            # piece fewer, which failed: skipping them keeps a long run of digits linear
            ends += [j for j in range(e, max(p, e - 3), -1)]
            return ends
        if self._is(_A_OR_P, p):  # [ap]\.?m\.?
            if text[p + 1 : p + 2] == "." and self._is(_M, p + 2):
                ends += [p + 4] if text[p + 3 : p + 4] == "." else []
                ends.append(p + 3)
            if self._is(_M, p + 1):
                ends += [p + 3] if text[p + 2 : p + 3] == "." else []
                ends.append(p + 2)
        if self._is(_UPPER, p):
            lower = self._run(_LOWER, p + 1, 8)  # [A-Z][a-z]{2,8}\.?
            for width in range(lower, 1, -1):
                e = p + 1 + width
                if text[e : e + 1] == ".":
                    ends.append(e + 1)
                ends.append(e)
            upper = self._run(_UPPER, p, 4)  # [A-Z]{2,4}
            ends += [p + width for width in range(upper, 1, -1)]
        for word in _WORD_RES:
            m = word.match(text, p)
            if m:
                ends.append(m.end())
        if p < self.n and text[p] in _PUNCT:
            ends.append(p + 1)
        if self._is(_SPACE, p):
            ends.append(p + 1)
        return ends

    def dated(self, p: int, used: int) -> int | None:
        """The match's end when the date's pieces continue from p with `used` pieces taken."""
        self.steps += 1
        if self.failed.get(p, MAX_PIECES + 1) <= used:
            return None
        end = self.finish(p)  # lazily: as few pieces as will do
        if end is None and used < MAX_PIECES:
            for q in self.pieces(p):
                end = self.dated(q, used + 1)
                if end is not None:
                    break
        if end is None:
            self.failed[p] = used
        return end

    def tail(self, p: int) -> int | None:
        """`\\s*` then the date: every number of leading spaces, the most first."""
        for q in range(self.space_end(p), p - 1, -1):
            end = self.dated(q, 0)
            if end is not None:
                return end
        return None


def search(text: str, spellings: list[tuple[str, re.Pattern[str]]]) -> LabelMatch | None:
    """The first label of the paragraph (as `re.search` of `pattern()` would find it), or None."""
    return search_counted(text, spellings)[0]


def search_counted(text: str, spellings: list[tuple[str, re.Pattern[str]]]) -> tuple[LabelMatch | None, int]:
    """`search`'s match, and how many steps it took (start positions read and date states explored):
    the measure of its cost that tests hold linear."""
    state = _Search(text)
    steps = 0
    at, tried = -1, -1
    starts = [0, *(m.end() for m in _SENTENCE_START.finditer(text))]
    for start in starts:
        steps += 1
        if start >= at:  # inside the run of opening marks already read, the label starts at its end
            at = _PREFIX.match(text, start).end()
            steps += at - start
        if at == tried or not _LABEL_START.match(text, at):
            continue  # no label there, or the same one tried already from an earlier start
        tried = at
        for kind, spelling in spellings:
            steps += 1
            m = spelling.match(text, at)
            if m is None:
                continue
            end = state.tail(m.end())
            if end is not None:
                return LabelMatch(text, (start, end), (at, m.end()), kind), steps + state.steps
    return None, steps + state.steps
