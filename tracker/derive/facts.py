"""The changed facts between two readings of one sentence: whole phrases (`Germany -> Poland`) with a type.

A change is widened to the phrase a reader would name: the rest of a proper name ("Gallup ->
Gallup International"), and across a short function word between two edits ("head of parliament ->
secretary of state"), never across punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.derive.fact_types import by_position, fact_kind, fact_type, phrase_type
from tracker.derive.worddiff import diff_tokens, tokenize
from tracker.values.claims import Fact
from tracker.values.text import EQUAL, INSERT
from tracker.vocabulary import (
    FUNCTION_WORDS,
    MONTHS,
    TITLES,
    WEEKDAYS,
)

QUOTES = "\"'“”‘’«»„‚`´"
_WORD_CHARACTER = re.compile(r"\w")
_NOT_WORD = re.compile(r"[\W_]+")
# punctuation, except a hyphen inside a word: "faith-free" and "faith free" say different things
_NOT_WORD_NOR_HYPHEN = re.compile(r"(?:[^\w‐‑-]|_|(?<!\w)[‐‑-]|[‐‑-](?!\w))+")
_HYPHEN = re.compile(r"[‐‑-]")
_HYPHENS = str.maketrans("‐‑", "--")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")
_DIGIT = re.compile(r"\d")


def cosmetic_key(text: str) -> str:
    """What is left of a text once whitespace, punctuation, quote marks and case are set aside; a
    hyphen joining two words stays, as it can change the meaning ("new faith-free schools")."""
    if _HYPHEN.search(text) is None:  # most sentences: the simpler pattern is three times faster
        return _NOT_WORD.sub(" ", text).strip().casefold()
    return _NOT_WORD_NOR_HYPHEN.sub(" ", text).translate(_HYPHENS).strip().casefold()


def _is_word(token: str) -> bool:
    return bool(_WORD_CHARACTER.match(token))


def _is_name_word(token: str) -> bool:
    """A capitalised word that can belong to a proper name (not "The", not a title such as "CEO")."""
    low = token.lower()
    return (
        _is_word(token)
        and token[0].isupper()
        and low not in FUNCTION_WORDS
        and not (token.isupper() and low in TITLES)
    )


@dataclass
class _Hunk:
    """Token ranges [a0, a1) in the old sentence and [b0, b1) in the new one."""

    a0: int
    a1: int
    b0: int
    b1: int


def _hunks(old: list[str], new: list[str]) -> list[_Hunk]:
    hunks: list[_Hunk] = []
    i = j = 0
    for op, tokens in diff_tokens(old, new, semantic=False):
        n = len(tokens)
        if op == EQUAL:
            i, j = i + n, j + n
            continue
        if not hunks or hunks[-1].a1 != i or hunks[-1].b1 != j:
            hunks.append(_Hunk(i, i, j, j))
        if op == INSERT:
            j += n
            hunks[-1].b1 = j
        else:
            i += n
            hunks[-1].a1 = i
    return hunks


def _bridgeable(gap: list[str], edited: list[str]) -> bool:
    """Equal tokens between two edits that belong to one phrase: spaces and one word ("head of
    parliament -> secretary of state", "the mayor -> deputy mayor Tom Reyes"), two content words
    inside a reworded title ("director of historic sites and museums -> chief historic sites
    officer"), or the middle of a proper name the edits reorder ("Notre Dame University -> University
    of Notre Dame")."""
    words = [t for t in gap if not t.isspace()]
    if any(not _is_word(t) for t in words) or any("\n" in t for t in gap):
        return False
    if len(words) <= 1:
        return True
    if (
        len(words) == 2
        and not any(w.lower() in FUNCTION_WORDS for w in words)
        and not any(_DIGIT.search(t) for t in edited)
    ):
        return True
    return len(words) <= 3 and all(map(_is_name_word, words)) and any(map(_is_name_word, edited))


def _apposition(gap: list[str], first: list[str], second: list[str]) -> bool:
    """Two edits a comma apart that name one person or thing, a description and its name ("his wife,
    Rita -> a neighbour, Rachel DeLisser"), or the other way round; a list of names stays apart."""
    if gap != [",", " "]:
        return False
    words = [[t for t in side if _is_word(t)] for side in (first, second)]
    if not all(words) or any(_DIGIT.search(t) for side in words for t in side):
        return False
    named = [any(map(_is_name_word, side)) for side in words]
    plain = [all(t.islower() for t in side) for side in words]
    return named[0] and plain[1] or plain[0] and named[1]


def _merge_hunks(hunks: list[_Hunk], old: list[str], new: list[str]) -> list[_Hunk]:
    out: list[_Hunk] = []
    for h in hunks:
        edited = old[h.a0 : h.a1] + new[h.b0 : h.b1]
        before = old[out[-1].a0 : out[-1].a1] + new[out[-1].b0 : out[-1].b1] if out else []
        gap = old[out[-1].a1 : h.a0] if out else []
        figures = [any(_DIGIT.search(t) for t in side) for side in (before, edited)]
        apart = figures[0] != figures[1] and any(not t.isspace() for t in gap)
        if out and not apart and (_bridgeable(gap, edited) or _apposition(gap, before, edited)):
            # a name and a figure a word apart are two facts ("Smith said 10"); side by side, one phrase
            out[-1].a1, out[-1].b1 = h.a1, h.b1
        else:
            out.append(h)
    return out


def _is_space(token: str) -> bool:
    return token.isspace() and "\n" not in token


def _grow(h: _Hunk, old: list[str], spaced, tight=lambda t: False) -> None:  # noqa: ANN001
    """Take in neighbouring words on both sides at once (the context is equal in both versions):
    `spaced(word)` for a word one space away, `tight(token)` for a token right against the edit."""
    while True:
        if h.a0 >= 2 and _is_space(old[h.a0 - 1]) and spaced(old[h.a0 - 2]):
            h.a0, h.b0 = h.a0 - 2, h.b0 - 2
        elif h.a0 >= 3 and old[h.a0 - 2 : h.a0] == [".", " "] and _abbreviation(old[h.a0 - 3], spaced):
            h.a0, h.b0 = h.a0 - 3, h.b0 - 3  # "U.N. Human Rights Council", "Oct. 4"
        elif h.a0 >= 1 and tight(old[h.a0 - 1]):
            h.a0, h.b0 = h.a0 - 1, h.b0 - 1
        else:
            break
    while True:
        if h.a1 + 1 < len(old) and _is_space(old[h.a1]) and spaced(old[h.a1 + 1]):
            h.a1, h.b1 = h.a1 + 2, h.b1 + 2
        elif h.a1 < len(old) and tight(old[h.a1]):
            h.a1, h.b1 = h.a1 + 1, h.b1 + 1
        else:
            break


def _abbreviation(token: str, spaced) -> bool:  # noqa: ANN001
    """A word before its abbreviating period ("U.N", "Oct", "St") that `spaced` would take in."""
    return spaced(token) and ("." in token or len(token) <= 4)


def _widen(h: _Hunk, old: list[str], new: list[str]) -> None:
    """Widen an edit to the phrase a reader would name: the whole proper name ("Gallup ->
    Gallup International", "Ministry of Finance"), a figure with its unit and month ("$4.2 million",
    "4.7%", "March 15"), a title with the words of the title ("chief executive")."""
    changed = [t for t in old[h.a0 : h.a1] + new[h.b0 : h.b1] if _is_word(t)]
    if any(_is_name_word(t) for t in changed):
        _grow(h, old, _is_name_word)
        if h.a0 >= 4 and old[h.a0 - 2] == "of" and _is_space(old[h.a0 - 1]) and _is_name_word(old[h.a0 - 4]):
            h.a0, h.b0 = h.a0 - 4, h.b0 - 4  # "Ministry of Finance", "Bank of America"
            _grow(h, old, _is_name_word)
    if any(_DIGIT.search(t) for t in changed):
        _grow(
            h,
            old,
            lambda t: t.lower() in _UNITS or t.lower().rstrip(".") in MONTHS and t[0].isupper(),
            lambda t: t in "$£€%",
        )
    if any(_DIGIT.search(t) or t.lower().rstrip(".") in MONTHS or t.lower() in _DAY_PARTS for t in changed):
        at = h.a0 - 1 if h.a0 >= 1 and _is_space(old[h.a0 - 1]) else h.a0
        if at >= 1 and old[at - 1].lower() in WEEKDAYS and old[at - 1][0].isupper():
            h.b0, h.a0 = h.b0 - (h.a0 - at + 1), at - 1  # "Monday evening -> Monday, Sept. 25"
    if changed and all(t.lower() in _RELATIVE for t in changed):
        after = old[h.a1 + 1] if h.a1 + 1 < len(old) and _is_space(old[h.a1]) else ""
        if after.lower() in _TIME_UNITS or after.lower() in WEEKDAYS or after.lower() in MONTHS:
            h.a1, h.b1 = h.a1 + 2, h.b1 + 2  # "last year -> this year", "next Tuesday"
    if any(t.lower() in TITLES for t in changed):
        _grow(h, old, lambda t: t.lower() in TITLES)


_UNITS = frozenset("million billion trillion thousand percent per cent".split())
_DAY_PARTS = frozenset("morning afternoon evening night midday noon midnight".split())
_RELATIVE = frozenset("last this next past previous coming".split())
_TIME_UNITS = frozenset(
    "year years week weeks month months weekend spring summer fall autumn winter decade century season".split()
)


_ARTICLES = frozenset("a an the".split())
_NEGATIONS = frozenset("not never no".split())
_AUXILIARIES = frozenset(
    "am is are was were be been being has have had having do does did will would shall should can could may might must".split()
)


def _widen_to_verb(h: _Hunk, old: list[str], new: list[str]) -> bool:
    """A word added to or taken from inside a verb ("not", "yet", "reportedly") is shown with the
    whole verb: `had been given -> had not yet been given`, `are required -> are not required`."""

    def auxiliary(token: str) -> bool:
        return token.lower() in _AUXILIARIES

    def content(token: str) -> bool:
        return _is_word(token) and token.islower() and token not in FUNCTION_WORDS

    step, after = _next_token(old, h.a1)
    before = _next_token(old, h.a0, back=True)[1]
    negation = any(t.lower() in _NEGATIONS for t in old[h.a0 : h.a1] + new[h.b0 : h.b1])
    if not (auxiliary(after) or negation and auxiliary(before) and content(after)):
        return False  # not inside a verb: "found guilty -> found not guilty" reads best as it is
    _grow(h, old, auxiliary, auxiliary)
    step, verb = _next_token(old, h.a1)
    if content(verb):
        h.a1, h.b1 = h.a1 + step, h.b1 + step
    return True


def _next_token(tokens: list[str], at: int, back: bool = False) -> tuple[int, str]:
    """The token next to an edit ending (or, back, starting) at `at`, past one space, and how many
    tokens away it is; "" at either end of the sentence."""
    if back:
        step = 2 if at >= 1 and _is_space(tokens[at - 1]) else 1
        return step, tokens[at - step] if at - step >= 0 else ""
    step = 2 if at < len(tokens) and _is_space(tokens[at]) else 1
    return step, tokens[at + step - 1] if at + step - 1 < len(tokens) else ""


def _widen_to_neighbour(h: _Hunk, old: list[str]) -> bool:
    """A word only added or only removed is shown with the word it qualifies, so both sides read as
    phrases: `director -> deputy director`, `guilty -> not guilty`; the next word, else the one before."""
    for step in (1, 2):  # the edit may or may not have taken the space next to it
        gap, word = old[h.a1 : h.a1 + step - 1], h.a1 + step - 1
        if word < len(old) and _is_word(old[word]) and all(t.isspace() and "\n" not in t for t in gap):
            h.a1, h.b1 = h.a1 + step, h.b1 + step
            spaced, noun = _next_token(old, h.a1)
            if old[word].lower() in _ARTICLES and spaced == 2 and _is_word(noun):  # "not a man", not "not a"
                h.a1, h.b1 = h.a1 + 2, h.b1 + 2
            return True
    for step in (1, 2):
        gap, word = old[h.a0 - step + 1 : h.a0], h.a0 - step
        if word >= 0 and _is_word(old[word]) and all(t.isspace() and "\n" not in t for t in gap):
            h.a0, h.b0 = h.a0 - step, h.b0 - step
            return True
    return False


def _trim(tokens: list[str]) -> str:
    return "".join(tokens).strip()


def changed_facts(old_sentence: str, new_sentence: str) -> list[Fact]:
    """Every changed phrase between two readings of a sentence, in reading order."""
    old, new = tokenize(old_sentence), tokenize(new_sentence)
    facts = []
    for h in _merge_hunks(_hunks(old, new), old, new):
        if not any(not t.isspace() for t in old[h.a0 : h.a1] + new[h.b0 : h.b1]):
            facts.append(Fact(_trim(old[h.a0 : h.a1]), _trim(new[h.b0 : h.b1]), "other", True, ""))
            continue
        _widen(h, old, new)
        a, b = _trim(old[h.a0 : h.a1]), _trim(new[h.b0 : h.b1])
        cosmetic = cosmetic_key(a) == cosmetic_key(b)
        only_function_words = all(w.lower() in FUNCTION_WORDS for w in (a + " " + b).split())
        if (
            not cosmetic
            and (not (cosmetic_key(a) and cosmetic_key(b)) or only_function_words)
            and (_widen_to_verb(h, old, new) or _widen_to_neighbour(h, old))
        ):  # "The -> This" is shown as "The Fool -> This Fool"
            a, b = _trim(old[h.a0 : h.a1]), _trim(new[h.b0 : h.b1])
        in_quote = _inside_quote(old, h.a0) or _inside_quote(new, h.b0)
        kind, source = ("quote", "quotation") if in_quote and not cosmetic else fact_kind(a, b)
        if source == "capitals":
            kind, source = by_position(kind, a, b, _word_before(old, h.a0))
        facts.append(Fact(a, b, kind, cosmetic, source))
    return facts


def _word_before(tokens: list[str], at: int) -> str:
    for t in reversed(tokens[:at]):
        if not t.isspace():
            return t.lower()
    return ""


def _inside_quote(tokens: list[str], at: int) -> bool:
    """An odd number of straight or opening/closing quote marks before `at` means a quotation is open."""
    opened = 0
    for t in tokens[:at]:
        if t in "“«„":
            opened += 1
        elif t in "”»":
            opened = max(0, opened - 1)
        elif t == '"':
            opened = 1 - opened
    return opened > 0


__all__ = ["changed_facts", "cosmetic_key", "fact_type", "phrase_type"]
