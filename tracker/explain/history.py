"""An article's history explained: where each note first appears, what it explains, what went unannounced."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from tracker.derive.align import align_sentences
from tracker.derive.facts import cosmetic_key
from tracker.derive.sentences import split_sentences, split_sentences_reusing
from tracker.explain.linking import NoteLinker, in_note_words
from tracker.explain.linking import explained as explained_links
from tracker.explain.notes import find_notes
from tracker.values.claims import ClaimChange, Fact, arrow
from tracker.values.notes import Note
from tracker.values.records import ArticleNotes, LogEntry, NoteReport, Unannounced, Version
from tracker.values.text import Sentence, document


class VersionText:
    """One version's text, sentences and notes, computed once."""

    def __init__(self, version: Version, previous: VersionText | None = None) -> None:
        self.version = version
        self.text = document(version.reading, version.content_type)
        self.previous = previous

    @cached_property
    def sentences(self) -> list[Sentence]:
        """The version's sentences, reusing the earlier version's split where paragraphs are unchanged."""
        if self.previous is None:
            return split_sentences(self.text)
        return split_sentences_reusing(self.text, self.previous.text, self.previous.sentences)

    @cached_property
    def notes(self) -> list[Note]:
        """The editor's notes in this version."""
        return find_notes(self.text, self.version.reading.corrections)

    @cached_property
    def note_spans(self) -> list[tuple[int, int]]:
        """Where the notes sit in the text."""
        return [(n.start, n.end) for n in self.notes if n.start >= 0]


def note_identity(text: str) -> str:
    """Notes are the same note across versions when their words are the same."""
    return cosmetic_key(text)


@dataclass(frozen=True)
class Step:
    """Two consecutive versions and the claims that changed between them."""

    old: VersionText
    new: VersionText
    changes: list[ClaimChange]


NO_ARTICLE = (
    "no article on this page (an error page, a paywall, an app shell or next to no text): "
    "kept as captured, left out of diffs and notes"
)


def steps_of(versions: list[Version]) -> tuple[list[VersionText], list[Step]]:
    """Each version's text, and each consecutive pair aligned claim by claim. A version whose page
    holds no article is left out: the versions around it are compared with each other."""
    readings: list[VersionText] = []
    for v in (v for v in versions if not v.reading.no_article):
        readings.append(VersionText(v, readings[-1] if readings else None))
    steps = [
        Step(a, b, align_sentences(a.sentences, b.sentences, a.note_spans, b.note_spans))
        for a, b in zip(readings, readings[1:], strict=False)
    ]
    return readings, steps


def explain(versions: list[Version]) -> ArticleNotes:
    """Where each note first appears, what it explains, and what went unannounced."""
    readings, steps = steps_of(versions)
    url = next((v.url for v in reversed(versions) if v.url), None)
    if not readings:  # every page held no article: nothing to explain
        return ArticleNotes(versions[0].article, len(versions), [], [], url)
    seen: set[str] = set()
    reports: list[NoteReport] = []
    unannounced: list[Unannounced] = []
    first = readings[0]
    for note in first.notes:  # notes already in the first capture: nothing earlier to link them to
        seen.add(note_identity(note.text))
        reports.append(NoteReport(note, first.version.version, []))
    for step in steps:
        new_notes = []
        for note in step.new.notes:
            ident = note_identity(note.text)
            if ident not in seen:
                seen.add(ident)
                new_notes.append(note)
        linker = NoteLinker(step.changes, [s.text for s in step.new.sentences])
        accounted: dict[int, set[Fact]] = {}  # per linked change, the facts some note accounts for
        for note in new_notes:
            links = explained_links(linker.links(note))
            for link in links:
                accounted.setdefault(id(link.change), set()).update(linker.explained_facts(link, note))
            # reported in the note's words ("34 years old -> 33 years old"); accounted for as found
            shown = [replace(link, change=in_note_words(link.change, note.text)) for link in links]
            reports.append(NoteReport(note, step.new.version.version, shown))
        for change in linker.changes:
            if id(change) not in accounted:
                unannounced.append(Unannounced(step.old.version.version, step.new.version.version, change))
                continue
            rest = tuple(f for f in change.facts if not f.cosmetic and f not in accounted[id(change)])
            if rest:  # the note explains this sentence's other change, not these
                part = change._replace(facts=rest)
                unannounced.append(Unannounced(step.old.version.version, step.new.version.version, part))
    return ArticleNotes(versions[0].article, len(versions), reports, unannounced, url)


def summarize(changes: list[ClaimChange]) -> str:
    """One line a reader can scan: how many claims were edited, added, removed, moved."""
    counts: dict[str, int] = {}
    for c in changes:
        if c.in_note:
            continue
        if c.status == "edited" and c.cosmetic:
            counts["cosmetic"] = counts.get("cosmetic", 0) + 1
        elif c.status != "unchanged":
            counts[c.status] = counts.get(c.status, 0) + 1
    parts = [f"{counts[k]} {k}" for k in ("edited", "added", "removed", "moved", "cosmetic") if counts.get(k)]
    facts = [
        arrow(f.old, f.new)
        for c in changes
        if c.status == "edited" and not c.in_note
        for f in c.facts
        if not f.cosmetic
    ]
    line = ", ".join(parts) if parts else "no change to the claims"
    if facts:
        line += ": " + "; ".join(facts[:3]) + (" ..." if len(facts) > 3 else "")
    return line


def log_entries(versions: list[Version]) -> list[LogEntry]:
    """A one-line summary of each version's changes, for `tracker log`; a page with no article says so,
    and the next version is compared with the last one that held the article."""
    readings, steps = steps_of(versions)
    if not readings:
        return [LogEntry(v, NO_ARTICLE, 0) for v in versions]
    out = [LogEntry(readings[0].version, "first capture", len(readings[0].notes))]
    for step in steps:
        summary = summarize(step.changes)
        kept = {note_identity(n.text) for n in step.new.notes}
        gone = [n for n in step.old.notes if note_identity(n.text) not in kept]
        if gone:  # a note taken down is part of the history too
            summary += "; note removed: " + "; ".join(
                n.text[:60] + ("…" if len(n.text) > 60 else "") for n in gone
            )
        out.append(LogEntry(step.new.version, summary, len(step.new.notes)))
    out += [LogEntry(v, NO_ARTICLE, 0) for v in versions if v.reading.no_article]
    return sorted(out, key=lambda entry: entry.version.version)
