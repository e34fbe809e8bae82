"""Which stored article a capture or a name given on the command line means: the page's own key
(tracker.capture.identity), kept in step with what the database already holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.capture.identity import article_key, path_key
from tracker.errors import NotFound, one_line

if TYPE_CHECKING:
    from tracker.store.database import Store
    from tracker.values.text import Capture


def key_for(store: Store, capture: Capture, article: str | None) -> str:
    """The article a capture belongs to; a file that a database of the previous release keeps under
    its bare name (with this very file as a source) stays there, so its history goes on in one article."""
    key = article_key(capture, article)
    if article or capture.name is None or key != one_line(capture.source):
        return key
    for candidate in (key, one_line(capture.name)):
        try:
            versions = store.versions(candidate)
        except NotFound:
            continue
        if candidate == key or any(v.source == capture.source for v in versions):
            return candidate
    return key


def stored_key(store: Store, key: str) -> str:
    """The key as given when it is stored; else, when it names a file, the file's whole path (the key
    a file is stored under), so `tracker log page.html` finds the page added from here."""
    try:
        return store.resolve_key(key)
    except NotFound:
        path = path_key(key)
        if path is None or path == key:
            raise
        try:
            return store.resolve_key(path)
        except NotFound:
            raise NotFound(f"unknown article: {key!r}; see `tracker articles`") from None
