"""What an editor's note says, and how strongly a paragraph says it: the note detector's signals.

A paragraph is scored from independent pieces of evidence (a label such as "Correction:", a
reference to the publication's own piece, an error verb, a contrast of values ...), combined as a
noisy-or into a confidence in [0, 1]. The names of the signals that fired are kept as evidence, so
a reader (and tracker's linking step) can see why a paragraph was taken for a note. The wording is
kept to classes ("<anyone> has updated this story", "<wrong/incorrect ...> X has been corrected",
"we got X wrong", any dated reference to the outlet's own piece) rather than phrases of single
notes, so that it carries to outlets and notes it was not tuned on.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tracker.explain.label import DATE_BIT, LabelMatch
from tracker.explain.label import alternatives as label_spellings
from tracker.explain.label import search as find_label
from tracker.explain.wording import (
    CONTINUE,
    CORE,
    DAY,
    ERROR_VERBS,
    KIND_LABELS,
    KINDS,
    LABEL_WEIGHT,
    LABELS,
    PUB,
    REPORTED,
    SENT,
    STAFF,
    THRESHOLD,
    compiled_signals,
)
from tracker.vocabulary import SPEECH_VERBS, WORD

__all__ = ["CONTINUE", "KINDS", "KIND_LABELS", "THRESHOLD", "Scored", "score_details", "score_paragraph"]

_I = re.IGNORECASE
# A label opens a paragraph or a sentence, possibly decorated (*, •, [, ( ...) and dated
# ("CORRECTION (April 13, 2020, 8:45 a.m.):", "Update October 20, 2025, 9:21PM ET:"): found by
# tracker.explain.label, in time linear in the paragraph (as a regular expression it backtracked).
_LABEL_SPELLINGS = label_spellings(LABELS)
_UPDATED_AT = re.compile(r"^[\s*\[(]*updated\s+(?:at|on)\s+[^.]{0,40}?\d[^.]{0,25}?\bto\b", _I)
# A paragraph that is only a label ("Editor's note:", "UPDATE", "Correction"): its note is the next one.
_BARE = re.compile(  # possessive: the closing spaces are not tried again split two ways
    r"^[\s*•\[(]*+(?P<label>" + "|".join(f"(?P<{k}>{LABELS[k]})" for k in KINDS) + r")[\s)\]]*+[:.—–-]?\s*$",
    _I,
)
_DATE_ONLY = re.compile(rf"(?:{DATE_BIT})+")  # case matters: "March 3, 2021", not "Jane Doe"
# A wire service's revision line, the whole paragraph: "(Corrects name of mine in paragraph 2)",
# "[Updates with details of agreement]". A correcting verb or "Refiles" takes any object; the others
# need an editorial one (with ..., to add ..., a paragraph or headline, comment, details ...), so
# that a results round-up's "(Adds 2 points ...)" is not one.
_WIRE = re.compile(
    r"^\s*[(\[]\s*(?P<verb>corrects|correcting|fixes|clarifies|updates|updating|adds|adding|recasts|refiles"
    r"|refiling|rewrites|removes)\s+(?P<object>[^()\[\]\n:]{2,200}?)\s*[.;]?\s*[)\]]\s*\.?\s*$",
    _I,
)
_WIRE_OBJECT = re.compile(
    r"^(?:with|to\s+(?:add|include|fix|correct|show|reflect|remove|clarify|say|make|change|update|restore"
    r"|delete|insert|replace|amend|give|note|state|specify|withdraw))\b"
    r"|\b(?:paragraphs?|paras?|pars?|headlines?|lead\s+paragraph|byline|dateline|graphics?|slug|factbox"
    r"|throughout)\b"
    r"|^(?:[\w'’-]+\s+){0,3}?(?:comments?|quotes?|details?|background|reaction|context|statements?|analysts?"
    r"|analysis|charts?|photos?|pictures?|videos?|links?|tables?|prices|results|interviews?|remarks"
    r"|information|sourcing|figures|data)\b",
    _I,
)
_WIRE_KIND = dict.fromkeys(("corrects", "correcting", "fixes"), "correction") | {"clarifies": "clarification"}
_WIRE_ANY = {*_WIRE_KIND, "refiles", "refiling"}  # verbs with no other use in a bracketed line
_LABEL_WORDS = frozenset(
    "correction corrections corrected clarification clarifications editor editors editorial update updated "
    "updates apology note notes record".split()
)
_BULLET = re.compile(r"^\s*[•●▪]")
# Lines that mention the piece without being a note: credits, bylines, house boilerplate.
_NOT_SELF = re.compile(
    r"\b(?:contributed|contributing)\s+(?:reporting\s+|research\s+)?(?:to|for)\s+this\s+\w+"
    r"|(?<!of\s)\bthis\s+(?:story|article|report|piece)\s+(?:was|is|has\s+been)\s+(?:produced|written|"
    r"reported|published|funded|supported|made\s+possible|originally\s+(?:published|appeared)|co-?published|"
    r"part|brought|adapted|excerpted|first\s+published|translated)\b|\bshare\s+this\b"
    r"|\b(?:views|opinions)\s+expressed\s+in\s+this\b|\b(?:will|would|could|may|might|to)\s+update\s+this\b"
    r"|\bappear(?:s|ed)\s+in\s+print\b[^\n]*",
    _I,
)
_NOT_SELF_WORDS = frozenset("contributed contributing views opinions update share print".split())
_NOT_SELF_THIS = frozenset(
    "produced written reported published funded supported possible originally part brought adapted excerpted "
    "first translated co copublished".split()
)
# A quotation: it opens the paragraph or follows a space (an opening quote, not a closing one), and
# runs to a closing quote, or, left open as quotes running over paragraphs are, to the paragraph's end
# or to a sentence that opens a new quotation ('... sent messages. "Posters done by them ...').
# '"This Fool" as "The Fool"' closes after a space, so the words before it are not taken for a quote.
_QUOTED = re.compile(
    r"(?:^|(?<=\s))[“\"](?=\S)[^”\"\n]{20,}(?:”|(?<=\S)\"|(?<=[.!?,])(?=\s+[“\"])|(?<=[.!?])\s*$)"
)
# A quotation that is itself a note ("“An earlier tweet misidentified ...,” their tweet said"): an
# article about a correction quotes it, and it stays readable.
_QUOTED_NOTE = re.compile(
    r"[“\"](?:(?:corrections?|clarification|update|editor['’]?s['’]?\s+note)\b|an?\s+(?:earlier|previous|prior"
    r"|original)\s+(?:[\w-]+\s+){0,2}?(?:versions?|tweets?|posts?|stor(?:y|ies)|articles?|reports?|headlines?"
    r"|captions?)\b|this\s+(?:story|article|post|report|piece)\s+(?:has|had|was)\b)",
    _I,
)
_CLARIFY = re.compile(r"\bclarif", _I)
_MAKE_CLEAR = re.compile(
    r"\bmake\s+(?:it\s+)?clear|\bmade\s+(?:it\s+)?clear|\bmake\s+plain|\bpoint\s+out\b", _I
)
_EDITORS = re.compile(  # the business of an editor's note: standards, not facts
    r"\b(?:digitally\s+)?(?:altered|manipulated)\b|\bremoved\s+the\s+content\b|\bwithdrawn\b|\bretract"
    r"|\bnot\s+(?:been\s+)?disclosed\b|\bconflict\s+of\s+interest\b|\bplagiari",
    _I,
)
_UPDATE_WORDS = re.compile(
    r"\b(?:updated|update|edited|expanded)\b(?=[^.]{0,60}\b(?:to\s+(?:include|reflect|add|replace|protect|"
    r"more|remove|fix)|with\b))|\bupdated\s+(?:at|on)\b|\bto\s+add\b|\bto\s+include\b",
    _I,
)
_CORRECT = re.compile(r"\bcorrect", _I)
# Error wording or a contrast of values ("24, not 23"): a note "updated" to say so is a correction.
_CORRECTING = re.compile(
    r"\w[,;]\s+not\s+(?!only\b|just\b|least\b|merely\b|because\b|yet\b|to\b|that\b|in\b|for\b|with\b|by\b"
    r"|as\b)\w|\b(?:incorrect|inaccurate|wrong|erroneous|mistaken)(?:ly)?\b|\b(?:errors?|mistakes?|typos?)\b",
    _I,
)
# Reported speech: "<someone> said ...", "..., <someone> said", "according to ...". The piece's own
# "said" ("An earlier version of the story said ...") has the piece, a version or "we" as subject.
_SPEECH_WORDS = SPEECH_VERBS
_SPEECH = re.compile(  # not the passive "a notice was added"
    r"\baccording\s+to\b(?!\s+(?:this|our|an?\s+(?:earlier|previous)))|(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)"
    r"(?<!\bbe\s)(?<!\bis\s)\b(?:said|says|told|stated|argued|claimed|admitted|acknowledged|conceded|insisted"
    r"|explained|added|noted|confirmed|announced)\b"
)
# After a speaker put last (", the council said on Monday.") or between commas (", officials said,").
_SPEECH_END = re.compile(
    r"\s*,.*|(?:\s+(?:on|in|at|last|this|yesterday|today|during|after|before|to|when|by|from|earlier|later)\b"
    r"[^.!?,]{0,40})?\s*[.!?\"”’]*\s*"
)
_OWN_VOICE = re.compile(  # "... (News, last week) said": a piece cited by section and date
    rf"\b(?:we|i|it|this|our|us|versions?|drafts?|edition|headings?|tickers?|tweets?|{PUB}s?|{STAFF}s?)\b"
    rf"|\([^()]*(?:\b{DAY}|\bpage\b)"
)
_STRONG_SELF = re.compile(r"\b(?:this|our|we|us)\b")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’]?|$)")
# What makes a paragraph read as the rest of the note before it, not as news: it speaks of the piece
# or as the publication, apologises, or the piece "said" something.
_FOLLOW = re.compile(
    rf"\b(?:we|our|us)\b|\bapologi|\bregret|\bsorry\b|{SENT}(?:the|this|that|our|its)\s+(?:(?:original|earlier"
    rf"|previous|first|online|web|print)\s+)?(?:{CORE}|version|{STAFF})\b|{SENT}it\s+(?:also\s+)?(?:\w+ly\s+)?"
    rf"(?:{REPORTED}|{ERROR_VERBS})\b"
)
_ADDENDUM = re.compile(r"\b(?:also|additionally|in\s+addition)\b")  # a further point of the same note
SHORT = 12  # words: "The Pentagon official previously misspoke." follows a note; a news lead is longer

_WORD = WORD


def _label(paragraph: str, words: set[str]) -> tuple[str | None, LabelMatch | re.Match[str] | None]:
    if words.isdisjoint(_LABEL_WORDS):
        return None, None
    m = find_label(paragraph, _LABEL_SPELLINGS) or _BARE.match(paragraph)
    if m:
        return next(k for k, v in m.groupdict().items() if v and k != "label"), m
    return ("update", None) if _UPDATED_AT.search(paragraph) else (None, None)


def _wire_kind(paragraph: str, tokens: list[str]) -> str | None:
    """The kind of a wire service's revision line ("(Corrects ... in paragraph 2)"), else None."""
    m = _WIRE.match(paragraph) if len(tokens) <= 30 and paragraph.lstrip()[:1] in "([" else None
    if m is None:
        return None
    verb = m["verb"].lower()
    if verb not in _WIRE_ANY and not _WIRE_OBJECT.search(m["object"]):
        return None
    return _WIRE_KIND.get(verb, "update")


def _is_bare(paragraph: str, match: LabelMatch | re.Match[str] | None) -> bool:
    """True when the paragraph is only a label, perhaps dated: "Editor's note:", "Correction: May 3"."""
    if match is None:
        return False
    rest = paragraph[match.end() :].strip()
    if match.re is _BARE or len(_WORD.findall(rest)) <= 2:
        return True
    return len(rest) <= 40 and any(c.isdigit() for c in rest) and _DATE_ONLY.fullmatch(rest) is not None


def _attributed(body: str) -> list[tuple[int, int]]:
    """Spans of the sentences that report someone else's words: "The department said ...", "..., X said"."""
    spans = []
    for sentence in _SENTENCE.finditer(body):
        text = sentence.group()
        for m in _SPEECH.finditer(text):
            before = text[: m.start()]
            if m.group().startswith("according"):
                subject = "someone"
            elif "," in before and _SPEECH_END.fullmatch(text, m.end()):  # the speaker after a comma
                subject = before[before.rfind(",") + 1 :]
            else:
                subject = before
            if _WORD.search(subject) and not _OWN_VOICE.search(subject):
                spans.append(sentence.span())
                break
    return spans


def _own_voice(pattern: re.Pattern[str], body: str, attributed: list[tuple[int, int]]) -> bool:
    """True when a match of pattern is the piece speaking of itself, not in someone's reported words."""
    for m in pattern.finditer(body):
        if _STRONG_SELF.search(m.group()) or not any(a <= m.start() < b for a, b in attributed):
            return True
    return False


def _own_words(text: str, cut: int) -> str:
    """The paragraph with quotations blanked: what it says in its own voice. The quotation right after
    a label ('Correction: "This story ..."') and one opening the paragraph that is itself a note
    stay, as they are the note."""
    kept = len(text) - len(text[cut:].lstrip()) if cut else -1

    def blank(m: re.Match[str]) -> str:
        if m.start() < cut or m.start() == kept or m.start() == 0 and _QUOTED_NOTE.match(m.group()):
            return m.group()
        return ' "" '

    return _QUOTED.sub(blank, text)


def _kind_from_wording(signals: set[str], text: str) -> str:
    if _EDITORS.search(text):
        return "editors_note"
    if _CLARIFY.search(text) or "error_verb" not in signals and _MAKE_CLEAR.search(text):
        return "clarification"
    errors = {"error_verb", "error_statement", "apology", "publication:own_error"}
    if (
        not errors & signals
        and not _CORRECT.search(text)
        and not _CORRECTING.search(text)
        and _UPDATE_WORDS.search(text)
    ):
        return "update"
    return "correction"


class Scored(NamedTuple):
    """A paragraph's score with what find_notes needs to group it: its label, length and how it reads."""

    score: float
    kind: str | None
    signals: tuple[str, ...]
    label: str | None  # the label's kind ("correction", ..., "note"), None when unlabelled
    label_match: LabelMatch | re.Match[str] | None
    words: int
    bare: bool = False  # only a label: the note is the next paragraph
    follows: bool = False  # reads as the rest of a note before it (speaks of the piece, apologises ...)
    addendum: bool = False  # a further point ("also", "in addition"): joins a note of another kind


def score_paragraph(paragraph: str) -> tuple[float, str | None, tuple[str, ...]]:
    """Score how likely a paragraph is an editor's note; return (score, kind or None, signals).

    Without a label, a note must refer to the publication's own piece ("an earlier version of this
    story", "as we had it", "an article on Monday ...", "(page 12)"): lacking one, the score stays
    under the threshold however many error words fire, as news copy also says "misidentified". A
    reference inside someone else's reported words ("The department said an earlier version of the
    report ...") is theirs, not the piece's.
    """
    return score_details(paragraph)[:3]


def score_details(paragraph: str) -> Scored:
    """score_paragraph's result, then the label's kind and match, the number of words and how it reads."""
    tokens = _WORD.findall(paragraph.lower())
    words = set(tokens)
    credits = (
        not words.isdisjoint(_NOT_SELF_WORDS) or "this" in words and not words.isdisjoint(_NOT_SELF_THIS)
    )
    text = _NOT_SELF.sub(" ", paragraph) if credits else paragraph
    wire = _wire_kind(text, tokens)
    label_kind, label_match = (wire, None) if wire else _label(text, words)
    cut = label_match.end() if label_match else 0
    body = _own_words(text, cut).lower() if '"' in text or "“" in text else text.lower()
    speaks = not words.isdisjoint(_SPEECH_WORDS)
    speech: list[tuple[int, int]] | None = None  # attributed sentences, found when first needed
    signals: list[str] = []
    miss, anchored = 1.0, False
    if label_kind:
        weight = 0.9 if wire else LABEL_WEIGHT[label_kind]
        if label_match is not None and label_match.start("label") > 40:
            weight *= 0.7  # a label in mid-paragraph: often a quoted note or a live-blog entry
        signals.append("label:wire" if wire else f"label:{label_kind}")
        miss, anchored = 1 - weight, True
    strong_self = False
    for name, weight, anchor, trigger, pattern in compiled_signals():
        if trigger is not None and words.isdisjoint(trigger) or name in signals:
            continue
        if strong_self and name in ("self_reference:we_said", "self_reference:this_piece"):
            continue  # the weak forms add nothing to a stronger self-reference
        if not pattern.search(body):
            continue
        if anchor and speaks:
            speech = _attributed(body) if speech is None else speech
            if speech and not _own_voice(pattern, body, speech):
                continue  # only in someone else's reported words
        signals.append(name)
        miss *= 1 - weight
        anchored = anchored or anchor
        strong_self = strong_self or name.startswith("self_reference")
    if _BULLET.match(text):
        signals.append("bullet")
        miss *= 0.85
    score = 1 - miss if anchored else min(1 - miss, THRESHOLD - 0.05)
    if len(words) > 110 and label_kind in (None, "note", "update"):
        score *= 0.8  # notes are short; a long paragraph with these words is usually copy
    score = round(score, 3)
    kind = None
    if score >= THRESHOLD:
        kind = _kind_from_wording(set(signals), text) if label_kind in (None, "note") else label_kind
    bare = label_kind not in (None, "note") and not wire and _is_bare(text, label_match)
    follows = CONTINUE <= score < THRESHOLD and (  # only asked of a paragraph after a note
        any(s.startswith(("self_reference", "publication")) for s in signals)
        or _FOLLOW.search(body) is not None
        or len(tokens) <= SHORT
        and not (speaks and _attributed(body))
    )
    addendum = "apology" in signals or _ADDENDUM.search(body) is not None
    return Scored(score, kind, tuple(signals), label_kind, label_match, len(tokens), bare, follows, addendum)
