"""Plain value types every stage passes on, and none redefines.

Grouped by what they describe, each in a small module so a command loads only what it needs:
`kinds` (StrEnums), `text` (captures, readings, sentences, word-diff segments), `claims` (changed claims
and facts), `notes` (notes, links, evidence), `records` (what the library returns). Every name is also
importable from here: `from tracker.values import ClaimChange`.
"""

from __future__ import annotations

import importlib

_HOME = {
    "kinds": ("ChangeStatus", "ClaimEventKind", "FactType", "NoteKind", "Position"),
    "text": (
        "Capture",
        "DiffResult",
        "Reading",
        "Segment",
        "Sentence",
        "Side",
        "document",
        "EQUAL",
        "DELETE",
        "INSERT",
    ),
    "claims": ("ClaimChange", "Fact", "arrow"),
    "notes": ("Evidence", "Link", "Note"),
    "records": (
        "AddResult",
        "ArticleNotes",
        "ArticleSummary",
        "ClaimEvent",
        "ClaimHistory",
        "LogEntry",
        "NoteReport",
        "Shown",
        "Unannounced",
        "Verification",
        "Version",
    ),
}
_MODULE_OF = {name: module for module, names in _HOME.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> object:
    """Load a value's module on first use (each dataclass costs its methods' compilation at start)."""
    if name in _MODULE_OF:
        return getattr(importlib.import_module(f"tracker.values.{_MODULE_OF[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
