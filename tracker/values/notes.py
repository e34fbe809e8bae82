"""An editor's note as found in a version, and its link to a changed claim, with the evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.values.claims import ClaimChange
from tracker.values.kinds import NoteKind, Position


@dataclass(frozen=True)
class Note:
    """An editor's note as published, where it sits in the text, and the evidence for it."""

    text: str
    kind: NoteKind | str
    start: int
    end: int
    score: float
    signals: tuple[str, ...]
    position: Position | str


@dataclass(frozen=True)
class Evidence:
    """Why a note explains a change, in the note's own words."""

    values: tuple[str, ...] = ()  # the changed words the note states
    context: tuple[str, ...] = ()  # the note's other words found in the claim
    type_words: tuple[str, ...] = ()  # the note's words for the kind of fact that agree with the change
    fact_types: tuple[str, ...] = ()
    wrong_and_right: bool = False  # the note states both the wrong and the right value of the change


@dataclass(frozen=True)
class Link:
    """A change a note explains, with a score in [0, 1]."""

    change: ClaimChange
    score: float
    evidence: Evidence = field(default_factory=Evidence)
