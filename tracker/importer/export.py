"""Stored articles out as a BagIt bag (`tracker export ARTICLE... --bagit DIR`): each article's raw
captures, the text read from each, and its notes and links as `tracker notes --format json` gives
them, read one article at a time so that memory holds one article, not the archive."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from tracker.api import Tracker
from tracker.present.bag import ArticleExport, write_bag
from tracker.values.text import document


def export_bag(tracker: Tracker, keys: Sequence[str], directory: str | Path) -> Path:
    """Write the articles asked for (default: every article) as a bag in `directory`, a new or empty
    folder; every key is checked before anything is written."""
    from tracker.errors import NotFound

    keys = list(dict.fromkeys(keys)) or [a.key for a in tracker.articles()]
    if not keys:
        raise NotFound("nothing to export: the database holds no article")
    for key in keys:
        tracker.versions(key)  # an unknown key fails here, before the bag is begun
    return write_bag(directory, _articles(tracker, keys))


def _articles(tracker: Tracker, keys: list[str]) -> Iterator[ArticleExport]:
    from tracker.present.json import article_notes

    for key in keys:
        versions = tracker.versions(key)
        rows = [
            {
                "version": v.version,
                "captured_at": v.captured_at.isoformat(),
                "sha256": v.sha256,
                "url": v.url,
                "source": v.source,
                "content_type": v.content_type,
                "label": v.label,
                "raw": tracker.store.raw(key, v.version),
                "text": document(v.reading, v.content_type),
            }
            for v in versions
        ]
        url = next((v.url for v in reversed(versions) if v.url), None)
        yield ArticleExport(key, url, rows, article_notes(tracker.notes(key)))
