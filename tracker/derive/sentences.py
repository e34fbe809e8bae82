"""Text -> sentences ("claims"), the unit that diffs are aligned on and notes are linked to.

BlingFire's sentence breaker does the work: it was the most accurate of six segmenters on real news
paragraphs, fast, and needs no model download (docs/segmenters.md). Its one systematic weakness in
news is a sentence that *starts* with an abbreviation ("... was over. Mr. Smith said"): it glues it
to the sentence before or splits after "Mr.". The few rules below mend that and nothing more.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache

from tracker.values.text import Sentence
from tracker.vocabulary import MONTH_ABBREVIATIONS, NAME_ABBREVIATIONS

__all__ = ["Sentence", "split_paragraphs", "split_sentences"]


# Abbreviations that come before a name or a number and so never end a sentence.
_TITLES = NAME_ABBREVIATIONS
# Abbreviations that end a sentence only when no number follows ("Jan. 11", "No. 2").
_BEFORE_NUMBER = frozenset((*MONTH_ABBREVIATIONS, "No", "Nos", "Vol", "Art", "Fig"))
_OPENERS = _TITLES | _BEFORE_NUMBER | {"St"}  # abbreviations a sentence may start with
# Words that may be abbreviations themselves: never a reason to add a sentence break after them.
_AMBIGUOUS = _OPENERS | frozenset(
    "Inc Corp Co Ltd Bros Jr Sr Ave Blvd Rd Dept Univ etc vs al approx est Ala Ariz Ark Calif Colo"
    " Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex"
    " Va Vt Wash Wis Wyo".split()
)
_QUOTES = "\"'“”‘’)]»"
_OPENING = "\"'“‘(["
# a paragraph: from its first non-space character, line after non-blank line, to its last one
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?(?:[^\S\n]*\n[^\S\n]*\S(?:[^\n]*\S)?)*")
# A sentence ends at . ! ? or …, then any closing quotes or brackets. This finds the first and the
# last such end followed by a space, in a copy where "?!…" became "." (a literal is found faster).
_INTERIOR_ENDS = re.compile(r"\.[\"'“”‘’)\]»]*\s(?:.*\.[\"'“”‘’)\]»]*\s)?", re.DOTALL)
_STRAY_CLOSERS = re.compile(r"\s*[\"'”’)\]»]+(?=\s|$)")  # 'that. ”' closes the sentence before it
# A sentence that opens with a title, an initial or a bracket after a plain word and a full stop:
# BlingFire misses these ("Smith. Mr. Jones", "1 goal. L. Patikas", "seen.” (Besecker"); after
# "!" and "?" it does break.
_MISSED_BREAK = re.compile(r"\.[\"'”’)\]»]*(?=\s+(?:([A-Z][a-z]{0,5})\.\s*[A-Z0-9]|\([A-Z]))")
_PLAIN_WORD = re.compile(r"(?<![\w.])\w{2,}$")
_CONTEXT = 24  # characters BlingFire reads either side of a possible break (it uses about one word)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACE_RUN = re.compile(" {2,}")
_SEPARATOR = "\u2029 "  # BlingFire always breaks at U+2029
_CURLY_QUOTES = (("“", '"'), ("”", '"'), ("„", '"'), ("‘", "'"), ("’", "'"), ("‚", "'"))
_OTHER_SPACES = "\n\r\t\x0b\x0c\x85\u2028\u2029"  # a single newline inside a paragraph is a space


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph, stripped; paragraphs are separated by blank lines."""
    return [m.span() for m in _PARAGRAPH.finditer(text)]


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of an article, in order, with exact offsets; none crosses a paragraph break."""
    flat = text
    for char in _OTHER_SPACES:
        if char in flat:
            flat = flat.replace(char, " ")
    for char, straight in _CURLY_QUOTES:  # the split must not change when only the quote style does
        if char in flat:
            flat = flat.replace(char, straight)
    paragraphs = split_paragraphs(text)
    cuts = _candidate_breaks(flat, paragraphs)
    sentences: list[Sentence] = []
    done = 0  # cuts[:done] belong to earlier paragraphs
    for number, (start, end) in enumerate(paragraphs):
        inside = bisect.bisect_left(cuts, end, done)
        if inside == done:
            sentences.append(Sentence(text[start:end], start, end, number))
            continue
        left = start
        for right in [*_mend(flat, start, end, cuts[done:inside]), end]:
            body = text[left:right].lstrip()  # a break falls just after a sentence's last character
            sentences.append(Sentence(body, right - len(body), right, number))
            left = right
        done = inside
    return sentences


def _candidate_breaks(flat: str, paragraphs: list[tuple[int, int]]) -> list[int]:
    """Sorted offsets where a sentence may end: BlingFire's breaks, plus the ones it misses."""
    probe = flat
    for char in "?!…":
        if char in probe:
            probe = probe.replace(char, ".")
    windows: list[tuple[int, int]] = []  # the part of each paragraph that may hold a break
    for start, end in paragraphs:
        ends = _INTERIOR_ENDS.search(probe, start, end)
        if ends:
            first, last = ends.span()
            left = start if first - _CONTEXT <= start else flat.rfind(" ", start, first - _CONTEXT) + 1
            right = flat.find(" ", last + _CONTEXT, end)
            windows.append((max(start, left), end if right < 0 else right))
    cuts = _breaker()(flat, windows) if windows else []
    for match in _MISSED_BREAK.finditer(flat):
        opener, word = match.group(1), _PLAIN_WORD.search(flat, max(0, match.start() - 40), match.start())
        if (
            word
            and word.group() not in _AMBIGUOUS
            and (opener is None or opener in _OPENERS or len(opener) == 1)
        ):
            bisect.insort(cuts, match.end())
    return cuts


def _mend(flat: str, start: int, end: int, found: list[int]) -> list[int]:
    """Keep the breaks inside one paragraph that the news rules accept; returns sorted offsets."""
    kept: list[int] = []
    for cut in found:
        if flat[cut] in _QUOTES or flat[cut + 1 : cut + 2] in _QUOTES:
            stray = _STRAY_CLOSERS.match(flat, cut, end)
            cut = stray.end() if stray else cut
        while cut > start and flat[cut - 1].isspace():
            cut -= 1
        previous = kept[-1] if kept else start
        if previous < cut < end and _is_end(flat, previous, cut, end):
            kept.append(cut)
    return kept


def _is_end(flat: str, previous: int, cut: int, end: int) -> bool:
    """Whether a sentence can end at `cut`, given the text before it and the word after it."""
    stop = cut
    while stop > previous and flat[stop - 1] in _QUOTES:
        stop -= 1
    if stop == previous or flat[stop - 1] not in ".!?…":
        return False
    after = flat[cut : cut + 48].lstrip()[:1]
    if after.islower():
        word = flat[cut : cut + 48].split(maxsplit=1)[0]
        if word == word.lower():
            return False  # "Are We There Yet? and ...", '"Stop!" officers shouted'; not "iPhone"
    if flat[stop - 1] != ".":
        return True
    space = flat.rfind(" ", previous, stop)
    word = flat[max(space + 1, previous) : stop - 1].lstrip(_OPENING)
    if word in _TITLES or (word in _BEFORE_NUMBER and after.isdigit()):
        return False
    if len(word) == 1 and word.isupper():  # a lone initial is no sentence ("A. Sanger 2 saves")
        return space > previous and bool(flat[previous:space].strip())
    if word == "St":  # a street ("on Eighth St.") may end a sentence, a saint ("St. Louis") not
        before = flat[previous:space].split()[-1:] or [""]
        return before[0][:1].isupper() or before[0][:1].isdigit()
    return True


@cache
def _breaker() -> Callable[[str, list[tuple[int, int]]], list[int]]:
    """Load BlingFire's C library once, on first use, so that importing this module stays instant.

    The library is opened with ctypes rather than through `import blingfire`: the package imports
    numpy (about 100 ms) and maps offsets with a Python loop over every byte (about 20 ms for a
    20,000-word article), while the same exported function called directly takes a few ms.
    """
    import ctypes
    import importlib.util
    import os
    import sys

    spec = importlib.util.find_spec("blingfire")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("tracker.derive.sentences needs the blingfire package (pip install blingfire)")
    name = {"win32": "blingfiretokdll.dll", "darwin": "libblingfiretokdll.dylib"}.get(
        sys.platform, "libblingfiretokdll.so"
    )
    function = ctypes.CDLL(os.path.join(spec.submodule_search_locations[0], name)).TextToSentencesWithOffsets
    function.restype = ctypes.c_int
    separator = _SEPARATOR.encode("utf-8")

    def run(data: bytes) -> list[int]:
        """Offsets into `data` of the last byte of each sentence BlingFire finds in it."""
        for size in (len(data) + len(data) // 8 + 64, 2 * len(data) + 2):  # room for its "\n"-joined copy
            out, ends = ctypes.create_string_buffer(size), (ctypes.c_int32 * size)()
            length = function(data, len(data), out, None, ends, size)
            if 0 <= length <= size:
                return ends[: out.value.count(b"\n") + 1]
        raise RuntimeError("BlingFire could not split this text")

    def breaks(flat: str, spans: list[tuple[int, int]]) -> list[int]:
        """The offsets in `flat` just after each sentence BlingFire finds inside one of the spans."""
        pieces = [flat[start:end] for start, end in spans]
        # BlingFire reads "v.  Wade" (two spaces) as two sentences and "v. Wade" as one: it is given
        # single spaces, and `widened[i]` maps its offsets back (spacing is typography, not an edit)
        widened: dict[int, list[tuple[int, int]]] = {}
        for i, piece in enumerate(pieces):
            if "  " in piece:
                widened[i], removed = [], 0
                for run_ in _SPACE_RUN.finditer(piece):
                    extra = run_.end() - run_.start() - 1
                    widened[i].append((run_.start() - removed + 1, removed + extra))
                    removed += extra
                pieces[i] = _SPACE_RUN.sub(" ", piece)
        try:
            encoded = [piece.encode("utf-8") for piece in pieces]
        except UnicodeEncodeError:  # a lone surrogate (from "surrogateescape") is one unknown character
            pieces = [_SURROGATE.sub("\ufffd", piece) for piece in pieces]
            encoded = [piece.encode("utf-8") for piece in pieces]
        cuts: list[int] = []
        first = 0
        while first < len(spans):  # calls of about 4 KB were the fastest (it allocates 20 bytes a byte)
            bases, base, last = [], 0, first
            while last < len(spans) and base < 4096:
                bases.append(base)
                base += len(encoded[last]) + len(separator)
                last += 1
            for last_byte in run(separator.join(encoded[first:last])):
                index = bisect.bisect_right(bases, last_byte) - 1
                raw, offset = encoded[first + index], last_byte + 1 - bases[index]
                if offset < len(raw):  # a break at a span's end is implied
                    i = first + index
                    at = offset if len(raw) == len(pieces[i]) else len(raw[:offset].decode())
                    if i in widened:
                        marks = widened[i]
                        k = bisect.bisect_right(marks, (at, len(raw) + 1)) - 1
                        at += marks[k][1] if k >= 0 else 0
                    cuts.append(spans[i][0] + at)
            first = last
        return cuts

    return breaks


def split_sentences_reusing(text: str, earlier_text: str, earlier: list[Sentence]) -> list[Sentence]:
    """Sentences of `text`, reusing the split of an earlier version for every paragraph the two share:
    between versions most paragraphs are unchanged, so only the edited ones are split again."""
    known = _sentences_by_paragraph(earlier_text, earlier)
    paragraphs = split_paragraphs(text)
    # the paragraphs no earlier version had are split together, in one pass: one call of the breaker
    # for all of them costs less than one call each (a paragraph's split never depends on its neighbours)
    fresh = list(dict.fromkeys(text[start:end] for start, end in paragraphs if text[start:end] not in known))
    if fresh:
        joined = "\n\n".join(fresh)
        known.update(_sentences_by_paragraph(joined, split_sentences(joined)))
    out: list[Sentence] = []
    for number, (start, end) in enumerate(paragraphs):
        base, sentences = known[text[start:end]]
        shift = start - base
        out += [Sentence(s.text, s.start + shift, s.end + shift, number) for s in sentences]
    return out


def _sentences_by_paragraph(text: str, sentences: list[Sentence]) -> dict[str, tuple[int, list[Sentence]]]:
    """Each paragraph's text -> where it starts in `text` and its sentences (a slice of `sentences`)."""
    numbers = [s.paragraph for s in sentences]
    out: dict[str, tuple[int, list[Sentence]]] = {}
    lo = 0
    for number, (start, end) in enumerate(split_paragraphs(text)):
        hi = bisect.bisect_left(numbers, number + 1, lo)
        out.setdefault(text[start:end], (start, sentences[lo:hi]))
        lo = hi
    return out
