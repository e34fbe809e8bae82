"""The feed of changes: each stored version, newest first, with the notes first seen in it, the
changes they explain, the edits no note explains, and the word diff from the version before."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from tracker.api import Tracker
from tracker.values.watch import FeedEntry


def feed_entries(
    tracker: Tracker,
    keys: Iterable[str] = (),
    since: datetime | None = None,
    url_prefix: str | None = None,
    unannounced_only: bool = False,
    limit: int = 50,
) -> list[FeedEntry]:
    """The latest `limit` versions of the articles asked for (default: all), newest first; filters as
    in `report`: captured since a time, from an outlet (URL prefix), only versions with unannounced edits."""
    from dataclasses import replace

    keys = list(dict.fromkeys(keys)) or [a.key for a in tracker.articles()]
    entries = []
    for key in keys:
        versions = tracker.versions(key)
        if url_prefix and not any((v.url or "").startswith(url_prefix) for v in versions):
            continue
        wanted = [v for v in versions if since is None or v.captured_at >= since]
        if not wanted:
            continue
        explained = tracker.notes(key)
        for v in wanted:
            notes = [r for r in explained.notes if r.version == v.version and v.version > 1]
            unannounced = [u for u in explained.unannounced if u.to_version == v.version]
            if unannounced_only and not unannounced:
                continue
            title = v.reading.title or None
            entries.append(
                FeedEntry(
                    v.article, v.version, v.sha256, v.captured_at, v.url, title, notes, unannounced, None
                )
            )
    entries.sort(key=lambda e: (e.captured_at, e.article, e.version), reverse=True)
    entries = entries[: max(limit, 0)]
    return [
        replace(e, diff=tracker.diff(e.article, e.version - 1, e.version)) if e.version > 1 else e
        for e in entries
    ]
