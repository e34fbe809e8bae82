"""The stored parts of an article's explanation: what one version contributes, computed from it and
the version before it only (see tracker.explain.derived, which makes and assembles them)."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.values.claims import ClaimChange, Fact
from tracker.values.notes import Link, Note


@dataclass(frozen=True)
class NoteLinks:
    """What a note new to its pair explains: its links as shown, and per linked change (its index among
    the pair's substantive changes) the facts the note accounts for."""

    note: int  # the note's index in the version's notes
    links: list[Link]
    accounted: list[tuple[int, tuple[Fact, ...]]]


@dataclass(frozen=True)
class VersionPart:
    """What one version contributes: its notes, and (but for the first) the pair with the one before:
    the claim changes (an unchanged claim kept as its two indexes only) and the links of its notes."""

    notes: list[Note]
    changes: list[ClaimChange]
    links: list[NoteLinks]
    sentences: list[str] | None = None  # the first version's sentences, for the claim timeline
    claim_flags: list[int] | None = None  # for each of them: 1 a claim, 0 part of a note
