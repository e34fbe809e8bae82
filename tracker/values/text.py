"""A capture, what it reads as, its sentences, and a word diff of two readings: the values `tracker diff
FILE FILE` needs. Apart from tracker.values.records because every dataclass costs its generated methods'
compilation at import, and that path must start quickly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from tracker.values.claims import ClaimChange

EQUAL, DELETE, INSERT = 0, -1, 1  # a word diff's operations, as diff-match-patch numbers them


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
    key: str | None = None  # the article it belongs to, when the source says (a bag, a JSON line)

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


class Sentence(NamedTuple):
    """One sentence of an article: `article[start:end] == text`, and it lies inside one paragraph.
    A named tuple, not a dataclass: a long article has thousands and they are built on every diff."""

    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Segment:
    """A run of text that is equal in both versions, or only in the old one (delete), or the new (insert)."""

    op: int
    text: str


@dataclass(frozen=True)
class Side:
    """One side of a diff: a stored version or a file."""

    label: str
    text: str
    version: int | None = None
    captured_at: datetime | None = None


@dataclass(frozen=True)
class DiffResult:
    """Two sides, their word diff, and the claim view when it was asked for."""

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
