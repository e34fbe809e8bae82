"""Link an editor's note to the changed claims it explains, with a score in [0, 1] and the evidence.

Three signals, combined as independent evidence (noisy-or):
- values: the note states the wrong or the right value ("Kevin DeWine, not Mike DeWine") and that
  value is what changed in the claim; the strongest signal;
- context: the note's other words (people, places, topic: "the armor coalition") are in the claim,
  weighted by how rare each word is in the article, so a word every paragraph uses counts for little;
- type: the words the note uses for the kind of fact ("country", "name", "number", "date", "title")
  agree with the type of the changed phrase (Germany -> Poland is a country).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from tracker.derive.facts import fact_type
from tracker.values.claims import ClaimChange, Fact
from tracker.values.notes import Evidence, Link, Note
from tracker.vocabulary import COMPOUND_WORD, FUNCTION_WORDS, NOTE_TYPE_WORDS

VALUE_WEIGHT, CONTEXT_WEIGHT, TYPE_WEIGHT = 0.9, 0.7, 0.35
SENTENCE_CONTEXT_WEIGHT = 0.8  # the words of one sentence of a note count a little less than the whole note's
_SENTENCE_CONTEXT_MIN = 3  # content words a note sentence needs to be matched on its own
_NOTE_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
LINK_THRESHOLD = 0.4  # at or above this a change counts as explained by the note
FALLBACK_FLOOR = 0.2  # below the threshold, a note still explains its clearly best candidate above this
ADDED_BY_UPDATE = 0.45  # a sentence added under a note announcing new material is explained by it

_WORD = COMPOUND_WORD
_LABEL = re.compile(r"^\s*[•*]?\s*((?:[^:\n]|:(?!\s)){1,80}?):\s+")
_LABEL_WORDS = re.compile(r"correct|clarif|update|editor|note|apolog|amend|\d", re.IGNORECASE)
# Words that say a note is a note, not what it is about.
_NOTE_VOCABULARY = frozenset(
    """correction corrections corrected correct correctly clarification clarify clarified update updated
    updates editor editors note article story piece post report version earlier previous previously
    original originally incorrectly incorrect wrongly wrong mistakenly mistake error erroneously
    misstated misstate misspoke misreported misspelled misspelt misidentified misnamed misquoted
    misattributed stated said says reported referred described identified gave included including
    include we our us regret apologize apologise has have had been was were is are it this that these
    which who also should would did do does fact actually rather instead amended changed reflect
    show state clarify reflect published web online print edition headline version""".split()
)
_REMOVAL_WORDS = frozenset("removed remove deleted delete omitted withdrawn dropped cut".split())
# where a note may pass from one correction to the next: a sentence end, or ", and to/the ..."
_PART_BREAK = re.compile(r"(?<=[.;!?])\s+(?=[A-Z])|,?\s+and\s+(?=(?:to|the|that|a|an|also)\s)")
_ADDITION_WORDS = frozenset("added add additional new".split())
_ANNOUNCES_ADDITIONS = re.compile(
    r"updated (?:with|to (?:include|add|reflect new))|(?:additional|new|more) (?:information|reporting|details|"
    r"comments?|developments)|has been added|were added|was added",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - snowballstemmer's Stemmer, imported only when notes are linked
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Snowball (Porter 2) stem, so "voted" meets "vote" and "leading" meets "lead"."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    return _stemmer().stemWord(w)


def _words(text: str) -> list[str]:
    """Word tokens, with the parts of compounds too ("13-member" gives 13-member, 13, member)."""
    out = []
    for w in _WORD.findall(text):
        out.append(w)
        if "-" in w:
            out.extend(p for p in w.split("-") if p)
    return out


def note_body(note_text: str) -> str:
    """The note without its label and dated header ("CORRECTION (April 13, 2020, 8:45 a.m.):")."""
    body = note_text
    while (m := _LABEL.match(body)) and _LABEL_WORDS.search(m.group(1)):
        body = body[m.end() :]
    return body


def note_parts(body: str) -> list[str]:
    """The corrections a note announces, one part each, when it announces more than one.

    The body is cut at sentence ends and at ", and to ..."; a piece starts a new part only where it
    names a kind of fact ("the number of titles") or a removal, else it belongs to the part before it
    ("It was Ellsworth, not Bar Harbor." still speaks of the place named before).
    """
    parts: list[str] = []
    for piece in _PART_BREAK.split(body):
        lower = {w.lower() for w in _WORD.findall(piece)}
        if parts and not (lower & NOTE_TYPE_WORDS.keys() or lower & _REMOVAL_WORDS):
            parts[-1] += " " + piece
        elif piece.strip():
            parts.append(piece)
    return parts if len(parts) > 1 else []


def _flat(text: str) -> str:
    """Lowercased words with single spaces around them, for whole-phrase search."""
    return " " + " ".join(w.lower() for w in _WORD.findall(text.replace("’", "'"))) + " "


def _content(words: Sequence[str]) -> set[str]:
    return {_stem(w) for w in words if w.lower() not in FUNCTION_WORDS}


class NoteLinker:
    """Scores the changes between two versions against notes; built once per pair of versions."""

    def __init__(self, changes: Sequence[ClaimChange], article_sentences: Sequence[str]) -> None:
        self.changes = [c for c in changes if c.substantive and not c.in_note]
        n = max(1, len(article_sentences))
        df: dict[str, int] = {}
        for sentence in article_sentences:
            for stem in _content(_words(sentence)):
                df[stem] = df.get(stem, 0) + 1
        self._df = df
        self._idf_max = math.log(1 + n)
        self._n = n

    def _idf(self, stem: str) -> float:
        return math.log(1 + self._n / self._df.get(stem, 1)) / self._idf_max

    def links(self, note: Note) -> list[Link]:
        """Every change the note may explain, best first; `explained` tells which pass the threshold."""
        body = note_body(note.text)
        out = self._score_all(note, body)
        # a note announcing several corrections ("to remove a quote ... and to correct the number of
        # titles") explains each of them: a change is scored against the part that speaks of it too,
        # so the other parts' words do not dilute its context
        for part in note_parts(body):
            part_links = self._score_all(note, part)
            out = [max(a, b, key=lambda link: link.score) for a, b in zip(out, part_links, strict=True)]
        if any(link.evidence.values and link.score >= LINK_THRESHOLD for link in out):
            # the note states what changed: a change it does not state is not the one it explains
            out = [link for link in out if link.evidence.values]
            if any(link.evidence.wrong_and_right and link.score >= LINK_THRESHOLD for link in out):
                # ... and when it states both values of a change, a change sharing just one word with
                # it ("page 34" in the note, 34 -> 35 elsewhere) is another edit
                out = [link for link in out if link.evidence.wrong_and_right]
        # evidence is matched on stems ("coalit"); it is shown in the note's own words ("coalition")
        said: dict[str, str] = {}
        for w in _words(body):
            said.setdefault(_stem(w), w)
        out = [
            replace(
                link,
                evidence=replace(
                    link.evidence,
                    values=tuple(dict.fromkeys(said.get(v, v) for v in link.evidence.values)),
                    context=tuple(dict.fromkeys(said.get(c, c) for c in link.evidence.context)),
                ),
            )
            for link in out
        ]
        return sorted(out, key=lambda link: -link.score)

    def _score_all(self, note: Note, text: str) -> list[Link]:
        """Each change scored against `text`: the note's body, or one part of it."""
        words = _words(text)
        note_stems = {_stem(w) for w in words}
        note_lower = {w.lower() for w in words}
        type_words = {w.lower() for w in words if w.lower() in NOTE_TYPE_WORDS}
        context_words = {
            _stem(w)
            for w in words
            if w.lower() not in FUNCTION_WORDS
            and w.lower() not in _NOTE_VOCABULARY
            and w.lower() not in NOTE_TYPE_WORDS
            and _stem(w) in self._df
        }
        # a long note also recounts what was said in one sentence and what is true in another
        # ("CBC News reported that final approval had been given ... In fact, ..."): a change may
        # share the words of one sentence and few of the rest
        sentence_words = [
            ws
            for ws in ({_stem(w) for w in _words(s)} & context_words for s in _NOTE_SENTENCE.split(text))
            if len(ws) >= _SENTENCE_CONTEXT_MIN
        ]
        if len(sentence_words) < 2:
            sentence_words = []  # a note of one such sentence: its words are the whole note's
        flat = _flat(text)
        return [
            self._score(c, note, flat, note_stems, note_lower, type_words, context_words, sentence_words)
            for c in self.changes
        ]

    def _score(
        self,
        change: ClaimChange,
        note: Note,
        flat: str,
        note_stems: set[str],
        note_lower: set[str],
        type_words: set[str],
        context_words: set[str],
        sentence_words: Sequence[set[str]] = (),
    ) -> Link:
        value, matched_values, both = self._values(change, flat, note_stems)
        claim = _content(_words((change.before or "") + " " + (change.after or "")))
        hits = context_words & claim
        context = self._share(hits, context_words)
        for words in sentence_words:
            context = max(context, SENTENCE_CONTEXT_WEIGHT * self._share(words & claim, words))
        types = {f.type for f in change.facts if not f.cosmetic}
        # words changed inside a quotation still name something: "$53 million" in a quote is a number
        types |= {fact_type(f.old, f.new) for f in change.facts if f.type == "quote" and not f.cosmetic}
        agreeing = tuple(sorted(w for w in type_words if types & set(NOTE_TYPE_WORDS[w])))
        typed = 1.0 if agreeing else 0.0
        if change.status == "removed" and note_lower & _REMOVAL_WORDS:
            typed, agreeing = 1.0, tuple(sorted(note_lower & _REMOVAL_WORDS))
        elif change.status == "added" and (note.kind == "update" or _ANNOUNCES_ADDITIONS.search(note.text)):
            typed, agreeing = 1.0, tuple(sorted(note_lower & _ADDITION_WORDS)) or ("update",)
        score = 1 - (1 - VALUE_WEIGHT * value) * (1 - CONTEXT_WEIGHT * context) * (1 - TYPE_WEIGHT * typed)
        if change.status == "added" and typed and _ANNOUNCES_ADDITIONS.search(note.text):
            score = max(score, ADDED_BY_UPDATE)
        evidence = Evidence(matched_values, tuple(sorted(hits)), agreeing, tuple(sorted(types)), both)
        return Link(change, round(score, 3), evidence)

    def _share(self, hits: set[str], words: set[str]) -> float:
        """The part of the words' weight (rarer words weigh more) that the hits carry."""
        total = sum(self._idf(w) for w in words)
        return sum(self._idf(w) for w in hits) / total if total else 0.0

    @staticmethod
    def _values(change: ClaimChange, flat: str, note_stems: set[str]) -> tuple[float, tuple[str, ...], bool]:
        """How fully the note states the changed words: the wrong value counts most, then the right one;
        and whether it states both."""
        best: tuple[float, tuple[str, ...], bool] = (0.0, (), False)
        for fact in change.facts:
            if not fact.cosmetic:
                found = _fact_value(fact, flat, note_stems)
                if found[0] == 1.0:
                    return found
                if found[0] > best[0]:
                    best = found
        return best

    def explained_facts(self, link: Link, note: Note) -> tuple[Fact, ...]:
        """The changed facts of a linked claim that the note accounts for: those whose values it
        states, else those of the kind it names; a fact beside them in the same sentence that the
        note says nothing of is an unannounced edit of its own."""
        facts = tuple(f for f in link.change.facts if not f.cosmetic)
        if len(facts) < 2:
            return facts
        body = note_body(note.text)
        words = _words(body)
        flat, note_stems = _flat(body), {_stem(w) for w in words}
        stated = tuple(f for f in facts if _fact_value(f, flat, note_stems)[0] > 0)
        if stated:
            return stated
        kinds = {kind for w in words if w.lower() in NOTE_TYPE_WORDS for kind in NOTE_TYPE_WORDS[w.lower()]}
        typed = tuple(f for f in facts if f.type in kinds or fact_type(f.old, f.new) in kinds)
        return typed or facts


def _fact_value(fact: Fact, flat: str, note_stems: set[str]) -> tuple[float, tuple[str, ...], bool]:
    old_phrase, new_phrase = _flat(fact.old).strip(), _flat(fact.new).strip()
    if old_phrase and new_phrase and f" {old_phrase} " in flat and f" {new_phrase} " in flat:
        return 1.0, (fact.old, fact.new), True  # both phrases, whole, as the note states them
    old = _content(_words(fact.old))
    new = _content(_words(fact.new))
    old_only, new_only = old - new, new - old
    old_hit = _stated(old_only, note_stems)
    new_hit = _stated(new_only, note_stems)
    frac_old = len(old_hit) / len(old_only) if old_only else 0.0
    frac_new = len(new_hit) / len(new_only) if new_only else 0.0
    score = max(frac_old * 0.85, frac_new * 0.6)
    if frac_old and frac_new:
        score = 0.85 + 0.15 * min(frac_old, frac_new)
    return score, tuple(sorted(old_hit | new_hit)), bool(frac_old and frac_new)


def _stated(stems: set[str], note_stems: set[str]) -> set[str]:
    """The stems the note states, also as another form of the same word: "Liberia" states
    "Liberian", "Ohio's" states "Ohio" (a shared beginning of five letters or more)."""
    return {
        s
        for s in stems
        if s in note_stems
        or len(s) >= 5
        and any(len(n) >= 5 and (n.startswith(s) or s.startswith(n)) for n in note_stems)
    }


_NOTE_CONTEXT = 2  # unchanged words either side of a fact that may join it in the note's phrase


def in_note_words(change: ClaimChange, note_text: str) -> ClaimChange:
    """The change with each fact widened to the phrase the note uses for it, when the note quotes the
    value together with unchanged words beside it: "34 -> 33" reads "34 years old -> 33 years old"
    under "said she is 34 years old", "tides -> sea temperatures" reads "rising tides -> rising sea
    temperatures". Only words unchanged in both readings join, and only up to a word with content (no
    bare "the" or "in"), so the fact is never cut and never grows past what the note says."""
    if change.before is None or change.after is None:
        return change
    flat = _flat(note_body(note_text))
    facts = tuple(
        f if f.cosmetic or not f.old or not f.new else _widened(f, change.before, change.after, flat)
        for f in change.facts
    )
    return change._replace(facts=facts) if facts != change.facts else change


def _widened(fact: Fact, before: str, after: str, flat_note: str) -> Fact:
    best, reach = fact, 0
    for old_at in _occurrences(fact.old, before):
        for new_at in _occurrences(fact.new, after):
            left = _shared_words(before[: old_at[0]], after[: new_at[0]], from_end=True)
            right = _shared_words(before[old_at[1] :], after[new_at[1] :], from_end=False)
            for k in range(len(left) + 1):
                if k and left[k - 1][0].lower() in FUNCTION_WORDS:
                    continue  # a widened phrase starts and ends with a word that has content
                for m in range(len(right) + 1):
                    if (m and right[m - 1][0].lower() in FUNCTION_WORDS) or k + m <= reach:
                        continue
                    old_span = (
                        old_at[0] - left[k - 1][1] if k else old_at[0],
                        old_at[1] + (right[m - 1][1] if m else 0),
                    )
                    new_span = (
                        new_at[0] - left[k - 1][2] if k else new_at[0],
                        new_at[1] + (right[m - 1][2] if m else 0),
                    )
                    old, new = before[slice(*old_span)], after[slice(*new_span)]
                    if _flat(old) in flat_note or _flat(new) in flat_note:
                        best, reach = replace(fact, old=old, new=new), k + m
    return best


def _occurrences(phrase: str, sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", sentence)]


def _shared_words(a: str, b: str, from_end: bool) -> list[tuple[str, int, int]]:
    """The words `a` and `b` share next to the fact, nearest first: (word, reach in a, reach in b),
    where a reach is how many characters from the fact's edge to the far side of that word."""
    words_a, words_b = list(_WORD.finditer(a)), list(_WORD.finditer(b))
    if from_end:
        words_a, words_b = words_a[::-1], words_b[::-1]
    out: list[tuple[str, int, int]] = []
    for wa, wb in zip(words_a[:_NOTE_CONTEXT], words_b[:_NOTE_CONTEXT], strict=False):
        if wa.group() != wb.group():
            break
        if from_end:
            out.append((wa.group(), len(a) - wa.start(), len(b) - wb.start()))
        else:
            out.append((wa.group(), wa.end(), wb.end()))
    return out


def explained(links: Sequence[Link]) -> list[Link]:
    """The links (best first) that count as explained: those at the threshold, or, when none is, the
    clearly best candidate, since a note is published with the change it announces."""
    passed = [link for link in links if link.score >= LINK_THRESHOLD]
    if passed or not links:
        return passed
    runner_up = links[1].score if len(links) > 1 else 0.0
    best = links[0]
    return [best] if best.score >= FALLBACK_FLOOR and best.score >= 1.5 * runner_up else []
