"""What a snapshot reads as, and a diff of two readings: the only records `tracker diff FILE FILE`
needs. They live apart from tracker.records because every dataclass costs its generated methods'
compilation at import, and that path must start quickly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.align import ClaimChange
    from tracker.diff import Segment


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

    @property
    def read_again(self) -> bool:
        """Whether the same bytes from this source, already stored, are the same capture read twice (a
        file or an archive's record: a re-run import) rather than a new look at the page (a fetch or
        standard input), where bytes seen before and since changed are a revert worth keeping."""
        return self.source != "-" and not self.source.startswith(("http://", "https://"))


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
class Side:
    """One side of a diff: a stored version or a file."""

    label: str
    text: str
    version: int | None = None
    captured_at: datetime | None = None


@dataclass(frozen=True)
class DiffResult:
    article: str | None
    old: Side
    new: Side
    segments: list[Segment]
    claims: list[ClaimChange] | None = None  # filled when the sentence view is asked for


def document(reading: Reading, content_type: str) -> str:
    """The text that is diffed: for a page, its headline then its body, so headline edits count too."""
    if content_type == "text/html" and reading.title and not reading.text.startswith(reading.title):
        return f"{reading.title}\n\n{reading.text}"
    return reading.text
