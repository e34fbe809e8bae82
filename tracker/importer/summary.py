"""What an import did, for the closing summary: counts, and each error with its source."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.importer.sources import Problem


@dataclass
class ImportSummary:
    """Articles and versions seen, added and skipped; the notes, linked changes and unannounced
    changes of the articles the import changed (as `tracker notes` counts them); every error."""

    articles: int = 0
    versions_added: int = 0
    duplicates: int = 0
    notes: int = 0
    linked: int = 0
    unannounced: int = 0
    errors: list[Problem] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    def as_dict(self) -> dict:
        """The summary as `tracker import --format json` prints it."""
        return {
            "articles": self.articles,
            "versions_added": self.versions_added,
            "duplicates_skipped": self.duplicates,
            "notes": self.notes,
            "linked_changes": self.linked,
            "unannounced_changes": self.unannounced,
            "errors": [{"source": p.source, "error": p.message} for p in self.errors],
            "interrupted": self.interrupted,
            "seconds": round(self.seconds, 2),
        }

    def lines(self) -> list[str]:
        """The summary for people: one line of counts, one of notes."""
        rate = self.versions_added / self.seconds if self.seconds > 0 else 0.0
        return [
            f"{self.articles:,} article(s): {self.versions_added:,} version(s) added, "
            f"{self.duplicates:,} duplicate(s) skipped, in {self.seconds:.1f} s ({rate:,.0f} versions/s)",
            f"{self.notes:,} note(s), {self.linked:,} linked change(s), "
            f"{self.unannounced:,} unannounced change(s) in the articles changed",
        ]
