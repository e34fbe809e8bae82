"""When each claim appeared, changed and went: an article's sentences followed across its versions."""

from __future__ import annotations

from tracker.explain.history import steps_of
from tracker.values.records import ClaimEvent, ClaimHistory, Version


def claim_timeline(versions: list[Version]) -> list[ClaimHistory]:
    """Every claim of the story (editor's notes left out), in the order of the latest version,
    with the version it first appeared in and each later edit, move or removal."""
    readings, steps = steps_of(versions)
    if not readings:  # every page held no article
        return []
    first = readings[0]
    histories: list[ClaimHistory] = []
    current: dict[int, ClaimHistory] = {}  # sentence index in the version reached so far -> its claim
    note_spans = first.note_spans
    for index, sentence in enumerate(first.sentences):
        if not any(sentence.start < end and start < sentence.end for start, end in note_spans):
            current[index] = ClaimHistory(first.version.version, [])
            current[index].events.append(
                ClaimEvent(first.version.version, "appeared", None, sentence.text, ())
            )
            histories.append(current[index])
    for step in steps:
        number = step.new.version.version
        following: dict[int, ClaimHistory] = {}
        for change in step.changes:
            if change.in_note:
                continue
            claim = current.get(change.old_index) if change.old_index is not None else None
            if change.status == "added" or claim is None and change.new_index is not None:
                claim = ClaimHistory(number, [ClaimEvent(number, "appeared", None, change.after, ())])
                histories.append(claim)
            elif claim is None:  # a sentence followed only inside a note until now: no claim to end
                continue
            elif change.status == "removed":
                claim.events.append(ClaimEvent(number, "removed", change.before, None, ()))
            elif change.substantive or change.status == "moved":
                facts = tuple((f.old, f.new, f.type) for f in change.facts if not f.cosmetic)
                claim.events.append(ClaimEvent(number, change.status, change.before, change.after, facts))
            if change.new_index is not None:
                following[change.new_index] = claim
        current = following
    return histories
