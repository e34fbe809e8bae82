"""Find editor's notes (corrections, clarifications, updates) in an article's text.

Each paragraph is scored by tracker.explain.signals; this module groups note paragraphs into notes
(a label and the paragraph it introduces, a note running over two paragraphs), says where each
sits in the article, and adds the notes a page declares in its metadata.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracker.derive.sentences import split_paragraphs
from tracker.explain.signals import (
    CONTINUE,
    KIND_LABELS,
    KINDS,
    THRESHOLD,
    Scored,
    score_details,
    score_paragraph,
)
from tracker.values.notes import Note
from tracker.vocabulary import WORD

__all__ = ["KINDS", "KIND_LABELS", "THRESHOLD", "Note", "find_notes", "score_paragraph"]

_WORD = WORD


def reads_as_note(text: str) -> bool:
    """Whether a block of text, on its own, reads as an editor's note (a page's correction box)."""
    return score_paragraph(text)[0] >= THRESHOLD


def _same_note(a: str, b: str) -> bool:
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.8


def find_notes(text: str, structured: Iterable[str] = ()) -> list[Note]:
    """Return the editor's notes in an article's text, in text order, then structured ones.

    A labelled paragraph starts a note; an unlabelled note paragraph after a note joins it, and so
    does one with note wording (at a lower score) that reads as part of the note: it speaks of the
    piece or as the publication, apologises, or is a short follow-up. A paragraph that is only a
    label ("Editor's note:", "UPDATE") takes the next paragraph, and the two are judged together.
    `structured` holds schema.org `correction` texts from the page's JSON-LD: each becomes a
    "metadata" Note unless the same note was already found in the text.
    """
    spans = split_paragraphs(text)
    results = [score_details(text[s:e]) for s, e in spans]
    scores = [r.score for r in results]
    groups: list[list[int]] = []

    def group_kind(group: list[int]) -> str:
        label = next((results[i].label for i in group if results[i].label not in (None, "note")), None)
        return label or next((results[i].kind for i in group if results[i].kind), None) or "correction"

    for i, r in enumerate(results):
        previous = groups[-1] if groups and groups[-1][-1] == i - 1 else None
        if previous is not None and _continues(results, previous, r, group_kind(previous)):
            previous.append(i)
            continue
        if r.bare:
            after = spans[i + 1] if i + 1 < len(spans) else None
            following = results[i + 1] if after else None
            scores[i] = _bare_label_score(
                r, text[slice(*spans[i])], text[slice(*after)] if after else "", following
            )
        if scores[i] >= THRESHOLD:
            groups.append([i])
    notes = []
    for group in groups:
        start, end = spans[group[0]][0], spans[group[-1]][1]
        first = results[group[0]]
        if first.label_match is not None and first.label_match.start() > 0 and first.label != "note":
            start += first.label_match.start()  # a note opening mid-paragraph, after other text
            while text[start].isspace():
                start += 1
        score = max(scores[i] for i in group)
        signals = tuple(dict.fromkeys(s for i in group for s in results[i].signals))
        position = _position(results, group[0], group[-1])
        notes.append(Note(text[start:end], group_kind(group), start, end, score, signals, position))
    for item in structured:
        item = item.strip()
        if item and not any(_same_note(item, n.text) for n in notes):
            notes.append(
                Note(item, "correction", -1, -1, 1.0, ("structured", *score_paragraph(item)[2]), "metadata")
            )
    return notes


def _continues(results: list[Scored], group: list[int], r: Scored, kind: str) -> bool:
    """Whether paragraph r, right after the note made of `group`, is part of that note."""
    if results[group[-1]].bare:
        return True  # the text of a bare label
    if r.label not in (None, "note") or "label:wire" in results[group[0]].signals:
        return False  # a labelled paragraph starts its own note; a wire service's line stands alone
    if r.score >= THRESHOLD:
        # A note of another kind on its own ("This story was updated ...") after a correction is a
        # second note, unless it adds to the first ("also ...", an apology).
        return r.kind == kind or r.addendum
    content = any(not s.startswith(("self_reference", "publication", "label")) for s in r.signals)
    return r.score >= CONTINUE and content and r.follows


def _bare_label_score(label: Scored, label_text: str, next_text: str, following: Scored | None) -> float:
    """The score of a bare label and the paragraph after it, read as one labelled paragraph.

    A plain heading ("Correction", no colon, not in capitals) may head news copy ("Correction" in a
    markets story), so it needs a paragraph after it with some note wording of its own.
    """
    plain = not any(c in label_text for c in ":—–-])") and not label_text.isupper()
    if following is None or following.label not in (None, "note"):
        return 0.0 if plain else label.score  # nothing to take: the label is judged alone
    if plain and following.score == 0:
        return 0.0
    return score_details(f"{KIND_LABELS[label.label]}: {next_text}").score


def _position(results: list[Scored], first: int, last: int) -> str:
    """ "top" or "bottom" when the note is among the leading or trailing paragraphs, else "inline".

    Leading means few words before it (a title, a dateline), trailing few words after it (a
    byline, a credit). In a short text a note can be both: it then goes to the end it is nearer,
    by paragraphs and then by words, so the last paragraph of four is at the bottom.
    """
    total = sum(r.words for r in results) or 1
    before = sum(r.words for r in results[:first])
    after = sum(r.words for r in results[last + 1 :])
    top = before <= max(40, 0.1 * total)
    bottom = after <= max(80, 0.15 * total)
    if top and bottom:
        nearer_top = (first, before) <= (len(results) - 1 - last, after)
        return "top" if nearer_top else "bottom"
    return "top" if top else "bottom" if bottom else "inline"
