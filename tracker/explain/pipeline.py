"""The pure entry point: a story's versions as texts in, its explanation out. No database, no files.

What `Tracker(db).notes(key)` answers for stored captures, `explain_texts` answers for texts held in
memory: each text is read as a plain-text capture would be (its first short line is the headline), so the
two give the same notes, links and unannounced edits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from hashlib import sha256

from tracker.derive.text import extract
from tracker.explain.history import explain, log_entries
from tracker.values.records import ArticleNotes, LogEntry, Version
from tracker.values.text import Reading

_START = datetime(2000, 1, 1, tzinfo=UTC)


def versions_of_texts(
    texts: Sequence[str], article: str = "text", captured_at: Sequence[datetime] | None = None
) -> list[Version]:
    """Texts as the versions of one article, in order, an hour apart unless capture times are given."""
    out = []
    for k, text in enumerate(texts):
        raw = text.encode("utf-8")
        found = extract(raw, "text/plain")
        moment = captured_at[k] if captured_at else _START + timedelta(hours=k)
        reading = Reading(
            found.text, found.title, found.byline, found.published, found.modified, found.corrections
        )
        digest = sha256(raw).hexdigest()
        out.append(
            Version(
                article, k + 1, moment, moment, "memory", None, "text/plain", digest, len(raw), None, reading
            )
        )
    return out


def explain_texts(
    texts: Sequence[str], article: str = "text", captured_at: Sequence[datetime] | None = None
) -> ArticleNotes:
    """Every note in the versions, with the changes it explains, and the unannounced edits."""
    return explain(versions_of_texts(texts, article, captured_at))


def log_texts(texts: Sequence[str], article: str = "text") -> list[LogEntry]:
    """The one-line summary of each version, as `tracker log` gives it."""
    return log_entries(versions_of_texts(texts, article))
