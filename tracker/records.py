"""Plain values the storage layer hands to the rest of the package (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Capture:
    """Bytes from a source, as captured, before they are stored."""

    raw: bytes
    source: str
    content_type: str
    captured_at: datetime
    url: str | None = None
    name: str | None = None  # file name, used as the article key when no URL or key is given
    label: str | None = None


@dataclass(frozen=True)
class Reading:
    """What the tracker read from a snapshot's bytes."""

    text: str
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    modified: str | None = None
    corrections: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class ArticleSummary:
    key: str
    url: str | None
    versions: int
    first_captured: datetime | None
    last_captured: datetime | None


@dataclass(frozen=True)
class AddResult:
    article: str
    version: int | None  # None when nothing was added
    added: bool
    sha256: str
    source: str
    duplicate_of: int | None = None  # the version the content was identical to
    renumbered: int = 0  # later versions moved up by one because this capture is older than they are


@dataclass(frozen=True)
class Verification:
    article: str
    version: int
    sha256: str
    ok: bool
