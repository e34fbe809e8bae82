"""RSS and Atom feeds read with feedparser: the article links they list, with when each was published."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime

from tracker.capture.identity import is_web_url, normalise_url

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


def looks_like_feed(raw: bytes, media_type: str) -> bool:
    """Whether a response is a feed rather than a page: by its media type, else by its first element."""
    if media_type in _FEED_TYPES:
        return True
    if media_type in ("text/html", "application/xhtml+xml"):
        return False
    head = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
        while head.startswith(b"<!--") or head.startswith(b"<?"):
            end = head.find(b"-->" if head.startswith(b"<!--") else b"?>")
            head = head[end + 3 :].lstrip() if end >= 0 else b""
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"))


def feed_links(raw: bytes, base: str) -> tuple[list[tuple[str, datetime | None]], str | None]:
    """Each entry's article link (absolute, normalised, in the feed's order, once) with its publication
    time; and why the feed could not be read, when it could not."""
    import feedparser

    parsed = feedparser.parse(raw, response_headers={"content-location": base})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed, "bozo_exception", None)
        why = " ".join(str(reason).split()) if reason else "no entries"
        return [], f"not a readable feed ({why})"
    out: dict[str, datetime | None] = {}
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            link = next(
                (x.get("href", "") for x in entry.get("links", []) if x.get("rel") == "alternate"), ""
            )
        if not is_web_url(link):
            continue
        url = normalise_url(link)
        if url not in out:
            out[url] = _time(entry.get("published_parsed") or entry.get("updated_parsed"))
    return list(out.items()), None


def _time(parsed: object) -> datetime | None:
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC) if parsed else None  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
