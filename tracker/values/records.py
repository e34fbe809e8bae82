"""The values the library returns: stored versions, notes with their links, logs, claim histories.
The storage layer hands these out, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from tracker.values.kinds import ClaimEventKind

if TYPE_CHECKING:
    from tracker.values.claims import ClaimChange
    from tracker.values.notes import Link, Note
    from tracker.values.text import Reading


@dataclass(frozen=True)
class Version:
    """One stored snapshot of an article, with what was read from it."""

    article: str
    version: int
    captured_at: datetime
    added_at: datetime
    source: str
    url: str | None
    content_type: str
    sha256: str
    size: int
    label: str | None
    reading: Reading
    stable_id: str = ""  # from the SHA-256 and capture time: names the version whatever its number

    @property
    def name(self) -> str:
        """The version as reports cite it: its number and its stable id."""
        return f"{self.version} ({self.stable_id})" if self.stable_id else str(self.version)


@dataclass(frozen=True)
class ArticleSummary:
    """A stored article: its key, URL, number of versions and capture span."""

    key: str
    url: str | None
    versions: int
    first_captured: datetime | None
    last_captured: datetime | None


@dataclass(frozen=True)
class AddResult:
    """What adding one capture did: the version it became, or the version it duplicates."""

    article: str
    version: int | None  # None when nothing was added
    added: bool
    sha256: str
    source: str
    duplicate_of: int | None = None  # the version the content was identical to
    renumbered: int = 0  # later versions moved up by one because this capture is older than they are
    no_article: bool = False  # kept as captured, but the page holds no article: left out of diffs and notes


@dataclass(frozen=True)
class Verification:
    """One snapshot checked against its bytes, its chain and the ledger; or one problem found in the
    database as a whole (a deleted article, a root that differs), with `version` None."""

    article: str
    version: int | None
    sha256: str
    ok: bool
    problem: str | None = None  # what is wrong, in words: "altered: ...", "deleted: ..."
    stable_id: str | None = None


# -- results of the library's questions, as the renderers receive them ----------------------------


@dataclass(frozen=True)
class NoteReport:
    """A note, the version where it first appears, and the changes it explains."""

    note: Note
    version: int  # where the note first appears
    links: list[Link]  # changes it explains, best first


@dataclass(frozen=True)
class Unannounced:
    """A change no note explains."""

    from_version: int
    to_version: int
    change: ClaimChange


@dataclass(frozen=True)
class ArticleNotes:
    """One article explained: its notes with their links, and its unannounced edits."""

    article: str
    versions: int
    notes: list[NoteReport] = field(default_factory=list)
    unannounced: list[Unannounced] = field(default_factory=list)
    url: str | None = None  # where the latest version was captured

    @property
    def appeared(self) -> list[NoteReport]:
        """Notes that appeared in a later version than the first stored one: the ones whose change the
        tracker saw, and could link."""
        return [r for r in self.notes if r.version > 1]

    @property
    def already_there(self) -> list[NoteReport]:
        """Notes already in the first stored version: published before the history begins."""
        return [r for r in self.notes if r.version == 1]

    def summary(self) -> dict[str, str | int]:
        """One row of a report's summary table; every format shows the same counts."""
        return {
            "article": self.article,
            "versions": self.versions,
            "notes": len(self.appeared),
            "earlier_notes": len(self.already_there),
            "linked_changes": sum(len(n.links) for n in self.notes),
            "unannounced": len(self.unannounced),
        }


@dataclass(frozen=True)
class LogEntry:
    """One version in `tracker log`: the version, a summary of what changed, its number of notes."""

    version: Version
    summary: str
    notes: int


@dataclass(frozen=True)
class Shown:
    """A version as the tracker reads it, for `tracker show`."""

    version: Version
    text: str
    sentences: list[str]
    notes: list[Note]


@dataclass(frozen=True)
class ClaimEvent:
    """One moment in a claim's life: it appeared, was edited (with its facts), moved or was removed."""

    version: int
    kind: ClaimEventKind | str
    before: str | None
    after: str | None
    facts: tuple[tuple[str, str, str], ...]  # (old, new, type) of an edit


@dataclass
class ClaimHistory:
    """One claim followed across the versions: where it first appeared and each later event."""

    first_version: int
    events: list[ClaimEvent]

    @property
    def text(self) -> str:
        """The claim as it last read."""
        last = self.events[-1]
        return last.after or last.before or ""

    @property
    def removed(self) -> bool:
        return self.events[-1].kind == "removed"

    @property
    def changed(self) -> bool:
        return len(self.events) > 1 or self.first_version > 1
