"""What kind of fact a changed phrase names (person, place, country, organization, number, date,
title) and where that type came from: the shape of the words (digits, months), the shared word lists,
the gazetteer (maintained data packages, tracker.derive.gazetteer) or the words around the phrase.
"""

from __future__ import annotations

import re

from tracker.derive.gazetteer import lookup
from tracker.vocabulary import (
    COUNTRIES,
    DEMONYMS,
    MONTHS,
    ORG_WORDS,
    PARTIES,
    PLACE_WORDS,
    PLACES,
    TITLES,
    WEEKDAYS,
)

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")
_DIGIT = re.compile(r"\d")
_RELATIVE = frozenset("last this next past previous coming".split())
_TIME_UNITS = frozenset(
    "year years week weeks month months weekend spring summer fall autumn winter decade century season".split()
)


def phrase_type(phrase: str) -> str | None:
    """The kind of fact a phrase names, or None when nothing marks it."""
    typed = phrase_kind(phrase)
    return typed[0] if typed else None


def phrase_kind(phrase: str) -> tuple[str, str] | None:
    """The kind of fact a phrase names and where that came from (see Fact.type_source), or None."""
    words = [w for w in re.findall(r"[\w.'’-]+", phrase) if w]
    if not words:
        return None
    lower = [_POSSESSIVE.sub("", w.lower()).strip(".") for w in words]  # "Thursday's" is a Thursday
    joined = " ".join(lower)
    parts = {p for w in lower for p in w.split("-") if p}  # "Liberian-flagged" holds "liberian"
    # "May", "March" and "Sunday" are dates when capitalised; "may" and "march" are not
    if any(
        (m in MONTHS or m in WEEKDAYS) and w[0].isupper() or m in _RELATIVE_DAYS
        for m, w in zip(lower, words, strict=True)
    ) or any(_YEAR.match(w) for w in lower):
        return "date", "shape"
    if any(w in _RELATIVE for w in lower) and any(w in _TIME_UNITS for w in lower):
        return "date", "shape"  # "last year", "this spring"
    if any(_DIGIT.search(w) for w in words):
        return "number", "shape"
    if any(w in _NUMBER_WORDS for w in lower):
        return "number", "word list"
    if lower[-1] in ORG_WORDS and len(words) > 1:
        return "organization", "word list"
    if "of" in lower[1:-1] and lower[lower.index("of") - 1] in ORG_WORDS:
        return "organization", "word list"  # "University of Michigan", "Bank of America"
    codes = [w for w in words if w.strip(".") in _COUNTRY_CODES]
    others = [w for w in words if w not in codes and w[0].isupper()]
    if codes and not others or parts & DEMONYMS:  # "U.S." is a country, "Dentons US" a firm
        return "country", "word list"
    if parts & PARTIES:
        return "organization", "word list"
    place = _gazetteer_kind(phrase, words, lower)
    if place:
        return place
    if joined in COUNTRIES or any(w in COUNTRIES for w in lower if w not in ("georgia", "america")):
        return "country", "word list"  # the short forms no standard lists: "Britain", "U.K."
    if joined in PLACES or any(" ".join(lower[i : i + 2]) in PLACES for i in range(len(lower))):
        return "place", "word list"
    if any(w in PLACE_WORDS for w in lower[1:]) and not any(w in TITLES for w in lower):
        return "place", "word list"  # "Orange County", not "Secretary of State"
    if (
        any(w in ORG_WORDS for w in lower)
        or any(len(w) >= 2 and w.isupper() and w.isalpha() for w in words)
        or any(w.replace(".", "") in _INTERNATIONAL_BODIES for w in words)  # "U.N. High Commissioner ..."
    ):
        return "organization", "word list"
    names = [w for w, low in zip(words, lower, strict=True) if w[0].isupper() and low not in TITLES]
    if any(w in TITLES for w in lower):
        return ("person", "word list") if names else ("title", "word list")  # "Ambassador Gordon Sondland"
    if names:
        return "person", "capitals"
    return None


def _gazetteer_kind(phrase: str, words: list[str], lower: list[str]) -> tuple[str, str] | None:
    """A country or place the gazetteer names: the whole phrase (a country, or a place of any size
    when it has two words or more: "Fort Lauderdale"), or a country, a large city or a US state
    inside it ("Jonesboro, Arkansas", "D-Texas", "the Kenyan capital Nairobi")."""
    if not any(w[0].isupper() for w in words):
        return None
    whole = lookup(phrase.strip(" ,.;:"))
    if whole and (whole[0] in ("country", "large") or len(words) > 1):
        return ("country" if whole[0] == "country" else "place"), whole[1]
    pieces = [w for w in re.split(r"\s*[,;(]\s*|\s+and\s+", phrase) if w]
    if len(pieces) > 1:
        for piece in pieces:
            found = lookup(piece.strip(" ,.;:)"))
            if found and found[0] in ("country", "large"):
                return ("country" if found[0] == "country" else "place"), found[1]
    for n in (2, 1):  # a country or large place among the words, longest first
        for i in range(len(words) - n + 1):
            if words[i][0].isupper() and lower[i] not in ("georgia", "america", "of"):
                for key in {" ".join(words[i : i + n]), "-".join(words[i : i + n]).split("-")[-1]}:
                    found = lookup(key)
                    if found and found[0] in ("country", "large"):
                        return ("country" if found[0] == "country" else "place"), found[1]
    return None


def single_place(phrase: str) -> str | None:
    """The gazetteer's source when a one-word name is a place of any size ("Bradford"), else None:
    read only where the words around it say a place ("in Bradford")."""
    found = lookup(phrase.strip(" ,.;:"))
    return found[1] if found else None


_POSSESSIVE = re.compile(r"['’]s$")
_INTERNATIONAL_BODIES = frozenset("UN EU NATO WHO IMF OPEC ASEAN".split())
_RELATIVE_DAYS = frozenset("today yesterday tomorrow tonight".split())
_COUNTRY_CODES = frozenset("US U.S USA U.S.A UK U.K UAE".split())  # written in capitals, unlike "us"
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
    million billion trillion dozen dozens hundreds thousands millions billions half third quarter
    percent""".split()
)


def fact_type(old: str, new: str) -> str:
    """The type of a change: what the new phrase names, else the old one, else `other`."""
    return fact_kind(old, new)[0]


def fact_kind(old: str, new: str) -> tuple[str, str]:
    """fact_type's result and where it came from ("" for `other`)."""
    for phrase in (new, old):
        typed = phrase_kind(phrase)
        if typed:
            return typed
    return "other", ""


_PLACE_PREPOSITIONS = frozenset("in near outside across throughout".split())
# A lone name after these is seldom a person's: "from Pfizer", "at Google", "against Hezbollah".
_INSTITUTION_PREPOSITIONS = frozenset("from at against".split())


def by_position(kind: str, old: str, new: str, before: str) -> tuple[str, str]:
    """The type of a name nothing else typed, from the word before it: after "in" or "near" a place
    ("in Bradford", from the gazetteer when it holds it; not "in Angela Merkel's view", and a name of
    two words or more only when the gazetteer holds it), after "the" no person ("the Senate"), after
    "from" or "at" a lone word an institution more often than a person ("from Pfizer")."""
    sides = [side for side in (new, old) if side]
    if {"'", "’"} & set(old + new):
        return kind, "capitals"
    if before in _PLACE_PREPOSITIONS:
        for side in sides:
            source = single_place(side)
            if source:
                return "place", source
        if any(len(side.split()) == 1 for side in sides):
            return "place", "position"
        return kind, "capitals"
    if before == "the" or any(side.startswith("the ") for side in sides):  # "The Fool" may be a title
        return "organization", "position"
    if before in _INSTITUTION_PREPOSITIONS and all(len(side.split()) == 1 for side in sides):
        return "organization", "position"
    return kind, "capitals"
