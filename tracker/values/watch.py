"""What the watch list holds and what checking it found: plain values, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.values.records import NoteReport, Unannounced
    from tracker.values.text import DiffResult


@dataclass(frozen=True)
class WatchSource:
    """A feed or page on the watch list, with what its last check found and when the next is due."""

    id: int
    url: str
    kind: str  # auto (not fetched yet), feed or page
    article: str | None
    feed: str | None  # the feed it came from
    added_at: datetime
    born_at: datetime
    last_checked: datetime | None = None
    last_status: str | None = None  # new, unchanged, error
    last_result: str | None = None  # one line
    next_check: datetime | None = None  # None: no longer checked (the story is too old)
    etag: str | None = None
    last_modified: str | None = None
    raw_sha256: str | None = None
    reading_sha256: str | None = None
    checks: int = 0
    versions_added: int = 0


@dataclass(frozen=True)
class CheckResult:
    """What one check of a source found, as the watch list keeps it."""

    source_id: int
    status: str  # new, unchanged, error
    message: str  # one line
    checked_at: datetime
    next_check: datetime | None
    kind: str | None = None
    article: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    raw_sha256: str | None = None
    reading_sha256: str | None = None
    version: int | None = None  # the version stored, for "new"
    notes: int = 0  # notes first seen in the version stored
    new_entries: list[tuple[str, datetime | None]] = field(default_factory=list)  # a feed's new links


@dataclass(frozen=True)
class FeedEntry:
    """One stored version as an entry of the Atom feed of changes."""

    article: str
    version: int
    sha256: str
    captured_at: datetime
    url: str | None
    title: str | None
    notes: list[NoteReport]  # first seen in this version
    unannounced: list[Unannounced]  # edits from the version before that no note explains
    diff: DiffResult | None  # from the version before; None for a first capture
