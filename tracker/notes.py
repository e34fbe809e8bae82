"""Find editor's notes (corrections, clarifications, updates) in an article's text.

Each paragraph is scored by tracker.note_signals; this module groups note paragraphs into notes
(a label and the paragraph it introduces, a note running over two paragraphs), says where each
sits in the article, and adds the notes a page declares in its metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.claims import split_paragraphs
from tracker.note_signals import KIND_LABELS, KINDS, THRESHOLD, Scored, score_details, score_paragraph

__all__ = ["KINDS", "KIND_LABELS", "THRESHOLD", "Note", "find_notes", "score_paragraph"]

CONTINUE = 0.3  # an unlabelled paragraph right after a note joins it at this score
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Note:
    """An editor's note as published, where it sits in the text, and the evidence for it."""

    text: str
    kind: str
    start: int
    end: int
    score: float
    signals: tuple[str, ...]
    position: str


def _same_note(a: str, b: str) -> bool:
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.8


def find_notes(text: str, structured: Iterable[str] = ()) -> list[Note]:
    """Return the editor's notes in an article's text, in text order, then structured ones.

    A labelled paragraph starts a note; an unlabelled note paragraph (or, at a lower score, one with
    note wording) after a note joins it, and a bare "Correction:" label always takes the next
    paragraph. `structured` holds schema.org `correction` texts from the page's JSON-LD: each
    becomes a "metadata" Note unless the same note was already found in the text.
    """
    spans = split_paragraphs(text)
    results = [score_details(text[s:e]) for s, e in spans]
    groups: list[list[int]] = []

    def group_kind(group: list[int]) -> str:
        label = next((results[i].label for i in group if results[i].label not in (None, "note")), None)
        return label or next((results[i].kind for i in group if results[i].kind), None) or "correction"

    for i, r in enumerate(results):
        previous = groups[-1] if groups and groups[-1][-1] == i - 1 else None
        if previous is not None:
            last, m = results[previous[-1]], results[previous[-1]].label_match
            last_text = text[slice(*spans[previous[-1]])]
            bare = (
                last.label not in (None, "note")
                and m is not None
                and len(_WORD.findall(last_text[m.end() :])) <= 2
            )
            content = any(not s.startswith(("self_reference", "publication", "label")) for s in r.signals)
            # A note of another kind on its own ("This story was updated ...") after a correction
            # is a second note, not the correction's continuation.
            own_kind = r.kind is not None and r.kind != group_kind(previous)
            joins = r.score >= THRESHOLD and not own_kind or CONTINUE <= r.score < THRESHOLD and content
            if bare or (r.label in (None, "note") and joins):
                previous.append(i)
                continue
        if r.score >= THRESHOLD:
            groups.append([i])
    notes = []
    for group in groups:
        start, end = spans[group[0]][0], spans[group[-1]][1]
        first = results[group[0]]
        if first.label_match is not None and first.label_match.start() > 0 and first.label != "note":
            start += first.label_match.start()  # a note opening mid-paragraph, after other text
            while text[start].isspace():
                start += 1
        score = max(results[i].score for i in group)
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
