"""An article's explanation in parts that can be stored: one per version, computed from that version
and the one before it only, and put together without reading any text again.

`explain`, `log_entries` and `claim_timeline` (history, timeline) compute everything from the texts
at once. Here the same work is cut where it can be kept: a `VersionPart` holds a version's notes and,
for the pair it closes, the changed claims and the links each of its new notes would make. Which notes
are new to the whole history (not only to the version before) is decided when the parts are put
together, so a part stays right whatever came before its pair. `assemble`, `assemble_log` and
`assemble_claims` give what the whole-history functions give (a test holds them to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tracker.explain.history import VersionText, note_identity, summarize
from tracker.explain.linking import NoteLinker, in_note_words
from tracker.explain.linking import explained as explained_links
from tracker.values.claims import ClaimChange, Fact
from tracker.values.parts import NoteLinks, VersionPart
from tracker.values.records import (
    ArticleNotes,
    ClaimEvent,
    ClaimHistory,
    LogEntry,
    NoteReport,
    Unannounced,
    Version,
)

_UNCHANGED = "unchanged"


def version_part(new: VersionText, old: VersionText | None) -> VersionPart:
    """The part of `new`: its notes and, after `old`, the pair's changes and links."""
    if old is None:
        spans = new.note_spans
        kinds = [
            0 if any(s.start < end and start < s.end for start, end in spans) else 1 for s in new.sentences
        ]
        return VersionPart(new.notes, [], [], [s.text for s in new.sentences], kinds)
    from tracker.derive.align import align_sentences

    changes = align_sentences(old.sentences, new.sentences, old.note_spans, new.note_spans)
    linker = NoteLinker(changes, [s.text for s in new.sentences])
    index = {id(c): k for k, c in enumerate(linker.changes)}
    before = {note_identity(n.text) for n in old.notes}
    links = []
    for k, note in enumerate(new.notes):
        if note_identity(note.text) in before:
            continue  # seen in the version before: never new to the history here
        found = explained_links(linker.links(note))
        accounted = [(index[id(link.change)], linker.explained_facts(link, note)) for link in found]
        shown = [replace(link, change=in_note_words(link.change, note.text)) for link in found]
        links.append(NoteLinks(k, shown, accounted))
    # an unchanged claim is kept as its indexes: its text is in an earlier part (see `assemble_claims`)
    kept = [
        ClaimChange(_UNCHANGED, None, None, c.old_index, c.new_index)
        if c.status == _UNCHANGED and not c.in_note
        else c
        for c in changes
    ]
    return VersionPart(new.notes, kept, links)


def version_parts(versions: Sequence[Version]) -> list[VersionPart]:
    """Every version's part, from the texts."""
    texts: list[VersionText] = []
    for v in versions:
        texts.append(VersionText(v, texts[-1] if texts else None))
    return [version_part(t, texts[k - 1] if k else None) for k, t in enumerate(texts)]


def assemble(versions: Sequence[Version], parts: Sequence[VersionPart]) -> ArticleNotes:
    """The article's notes, links and unannounced edits, as `history.explain` gives them."""
    seen: set[str] = set()
    reports: list[NoteReport] = []
    unannounced: list[Unannounced] = []
    first = versions[0].version
    for note in parts[0].notes:
        seen.add(note_identity(note.text))
        reports.append(NoteReport(note, first, []))
    for k in range(1, len(parts)):
        part, old, new = parts[k], versions[k - 1].version, versions[k].version
        fresh = set()
        for n, note in enumerate(part.notes):
            ident = note_identity(note.text)
            if ident not in seen:
                seen.add(ident)
                fresh.add(n)
        accounted: dict[int, set[Fact]] = {}
        for item in part.links:
            if item.note not in fresh:
                continue
            for change, facts in item.accounted:
                accounted.setdefault(change, set()).update(facts)
            reports.append(NoteReport(part.notes[item.note], new, item.links))
        linked = [c for c in part.changes if c.substantive and not c.in_note]
        for i, change in enumerate(linked):
            if i not in accounted:
                unannounced.append(Unannounced(old, new, change))
                continue
            rest = tuple(f for f in change.facts if not f.cosmetic and f not in accounted[i])
            if rest:
                unannounced.append(Unannounced(old, new, change._replace(facts=rest)))
    url = next((v.url for v in reversed(versions) if v.url), None)
    return ArticleNotes(versions[0].article, len(versions), reports, unannounced, url)


def assemble_log(versions: Sequence[Version], parts: Sequence[VersionPart]) -> list[LogEntry]:
    """The one-line summary of each version, as `history.log_entries` gives it."""
    out = [LogEntry(versions[0], "first capture", len(parts[0].notes))]
    for k in range(1, len(parts)):
        summary = summarize(parts[k].changes)
        kept = {note_identity(n.text) for n in parts[k].notes}
        gone = [n for n in parts[k - 1].notes if note_identity(n.text) not in kept]
        if gone:
            summary += "; note removed: " + "; ".join(
                n.text[:60] + ("…" if len(n.text) > 60 else "") for n in gone
            )
        out.append(LogEntry(versions[k], summary, len(parts[k].notes)))
    return out


def assemble_claims(versions: Sequence[Version], parts: Sequence[VersionPart]) -> list[ClaimHistory]:
    """Every claim's history, as `timeline.claim_timeline` gives it."""
    first_number = versions[0].version
    histories: list[ClaimHistory] = []
    current: dict[int, ClaimHistory] = {}
    first_sentences = parts[0].sentences or []
    for index, is_claim in enumerate(parts[0].claim_flags or []):
        if is_claim:
            event = ClaimEvent(first_number, "appeared", None, first_sentences[index], ())
            current[index] = ClaimHistory(first_number, [event])
            histories.append(current[index])
    for k in range(1, len(parts)):
        number = versions[k].version
        following: dict[int, ClaimHistory] = {}
        for change in parts[k].changes:
            if change.in_note:
                continue
            claim = current.get(change.old_index) if change.old_index is not None else None
            if change.status == "added" or claim is None and change.new_index is not None:
                after = change.after
                if after is None:  # an unchanged claim that was part of a note the version before
                    after = _text_before(parts, k, change.old_index)
                claim = ClaimHistory(number, [ClaimEvent(number, "appeared", None, after, ())])
                histories.append(claim)
            elif change.status == "removed":
                claim.events.append(ClaimEvent(number, "removed", change.before, None, ()))
            elif change.substantive or change.status == "moved":
                facts = tuple((f.old, f.new, f.type) for f in change.facts if not f.cosmetic)
                claim.events.append(ClaimEvent(number, change.status, change.before, change.after, facts))
            if change.new_index is not None:
                following[change.new_index] = claim
        current = following
    return histories


def _text_before(parts: Sequence[VersionPart], k: int, index: int) -> str | None:
    """Sentence `index` of version k-1: a note's sentences keep their text in every part."""
    if k == 1:
        return (parts[0].sentences or [None])[index]
    return next((c.after for c in parts[k - 1].changes if c.new_index == index and c.after is not None), None)
