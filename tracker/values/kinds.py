"""The closed vocabularies the stages pass on: a claim's status, a note's kind and position, a fact's type.

StrEnums, so they compare equal to their JSON strings ("edited" == ChangeStatus.EDITED) and print as them.
"""

from __future__ import annotations

from enum import StrEnum


class ChangeStatus(StrEnum):
    """What happened to one claim (sentence) between two versions."""

    UNCHANGED = "unchanged"
    EDITED = "edited"
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"


class ClaimEventKind(StrEnum):
    """One moment in a claim's life across the whole history."""

    APPEARED = "appeared"
    EDITED = "edited"
    MOVED = "moved"
    REMOVED = "removed"


class NoteKind(StrEnum):
    """What a note is, as outlets label it."""

    CORRECTION = "correction"
    EDITORS_NOTE = "editors_note"
    CLARIFICATION = "clarification"
    UPDATE = "update"

    @property
    def label(self) -> str:
        """As a reader sees it: "Editor's note"."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    NoteKind.CORRECTION: "Correction",
    NoteKind.EDITORS_NOTE: "Editor's note",
    NoteKind.CLARIFICATION: "Clarification",
    NoteKind.UPDATE: "Update",
}


class Position(StrEnum):
    """Where a note sits: among the leading or trailing paragraphs, inside the text, or in the page's
    schema.org metadata."""

    TOP = "top"
    BOTTOM = "bottom"
    INLINE = "inline"
    METADATA = "metadata"


class FactType(StrEnum):
    """The kind of a changed phrase, as a corrections desk names it."""

    PERSON = "person"
    PLACE = "place"
    COUNTRY = "country"
    ORGANIZATION = "organization"
    NUMBER = "number"
    DATE = "date"
    TITLE = "title"
    QUOTE = "quote"
    OTHER = "other"
