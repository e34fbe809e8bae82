"""Which article a capture belongs to: one page, one article.

A page names itself (`<link rel=canonical>`, `og:url`, a JSON-LD article's `url`); that name, normalised
so that `#comments`, `?utm_source=...`, a trailing slash or the host's case never start a new article,
is the key. Else the URL fetched, else the archive record's or `--url`'s URL, else the file's whole
path (two unrelated `index.html` files are two articles), else `stdin`. `--article` always wins.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from tracker.errors import one_line

if TYPE_CHECKING:
    from collections.abc import Iterator

_HEAD_BYTES = 512 * 1024  # a page names itself in its head; a huge body is not searched
_ARTICLE_TYPE = re.compile(r"Article|Posting|Report|WebPage", re.I)


def normalise_url(url: str) -> str:
    """The one spelling of a page's address: no fragment, no tracking parameters (utm_*, fbclid,
    gclid, ...), remaining parameters sorted, no trailing slash, the host in lower case, default ports
    dropped (courlan's normaliser). A URL it cannot read is returned trimmed, as it was."""
    import courlan

    url = url.strip()
    try:
        parts = urlsplit(url)
        normal = courlan.normalize_url(parts._replace(fragment=""), strict=False, trailing_slash=False)
    except (ValueError, TypeError, AttributeError):
        return url
    head, sep, query = normal.partition("?")
    scheme_end = head.find("://") + 3
    if len(head) > scheme_end and head.endswith("/") and "/" in head[scheme_end:-1]:
        head = head.rstrip("/")
    return head + sep + query if query else head


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL with a host, that the URL parser can read."""
    try:
        parts = urlsplit(url.strip())
        _ = parts.port  # "http://x:99999/" or "http://x:y/": a port that is no port
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # "http://[::1": an unclosed IPv6 address
        return False


def canonical_url(raw: bytes, content_type: str, base: str | None = None) -> str | None:
    """The URL a page gives for itself: `<link rel=canonical>`, then `og:url`, then the `url` of its
    JSON-LD article; a relative one is resolved against `base`, the URL it was captured from."""
    if content_type != "text/html":
        return None
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(raw[:_HEAD_BYTES])
    except (lxml.etree.ParserError, ValueError):
        return None
    candidates = [
        *(
            link.get("href")
            for link in tree.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
        ),
        *tree.xpath("//meta[@property='og:url' or @name='og:url']/@content"),
        *_jsonld_urls(tree),
    ]
    for candidate in candidates:
        if not isinstance(candidate, str) or not candidate.strip():
            continue
        url = candidate.strip()
        if base and not urlsplit_safe(url).scheme:
            try:
                url = urljoin(base, url)
            except ValueError:
                continue
        if is_web_url(url):
            return normalise_url(url)
    return None


def urlsplit_safe(url: str):  # noqa: ANN201 - a SplitResult, or an empty one for a URL that cannot be read
    """urlsplit that never raises: a URL it cannot read (`http://[::1`) splits as empty."""
    try:
        return urlsplit(url)
    except ValueError:
        return urlsplit("")


def _jsonld_urls(tree: Any) -> Iterator[str]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        for node in _nodes(data, 0):
            if _ARTICLE_TYPE.search(str(node.get("@type", ""))) and isinstance(node.get("url"), str):
                yield node["url"]


def _nodes(value: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 20:
        return
    if isinstance(value, dict):
        yield value
        children = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return
    for child in children:
        yield from _nodes(child, depth + 1)


def article_key(capture: Any, article: str | None) -> str:
    """--article, else the page's canonical URL, else the URL asked for (not a redirect's), else the
    capture's own URL (an archive's record, or --url), else the file's path, else `stdin`."""
    if article:
        return article
    if getattr(capture, "key", None):  # a key the source gives (a bag's, a JSON line's)
        return capture.key
    fetched = capture.source if capture.source.startswith(("http://", "https://")) else None
    base = fetched or capture.url
    canonical = canonical_url(capture.raw, capture.content_type, capture.url or fetched)
    if canonical:
        return canonical
    if base and is_web_url(base):
        return normalise_url(base)
    if base:
        return one_line(base)
    if capture.source and capture.source != "-":
        return one_line(capture.source)
    return "stdin"


def path_key(name: str) -> str | None:
    """The key a file given by name is stored under (its whole path, one line), or None."""
    from pathlib import Path

    from tracker.capture.sniff import name_as_text

    try:
        path = Path(name).expanduser()
        return one_line(name_as_text(str(path.resolve()))) if path.is_file() else None
    except (OSError, ValueError, RuntimeError):
        return None
