"""Snapshots fetched over http(s), with the final URL after redirects."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from datetime import UTC, datetime

from tracker import __version__
from tracker.capture.sniff import MAX_BYTES, looks_like_html
from tracker.errors import FetchError
from tracker.values.text import Capture

TIMEOUT_SECONDS = 30
USER_AGENT = f"tracker/{__version__} (news article version tracker)"


def fetch(url: str, captured_at: datetime | None = None) -> Capture:
    """An http(s) page as captured: its bytes, final URL and content type, within the size limit."""
    try:
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"}
        )
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            raw = response.read(MAX_BYTES + 1)
            final_url = response.geturl()
            header = response.headers.get_content_type()
            promised = response.headers.get("Content-Length", "")
    except urllib.error.HTTPError as exc:  # a redirect loop's reason runs over three lines
        raise FetchError(f"cannot fetch {url}: HTTP {exc.code} {' '.join(str(exc.reason).split())}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"cannot fetch {url}: {getattr(exc, 'reason', exc)}") from None
    except (http.client.HTTPException, TimeoutError, OSError, ValueError) as exc:
        # bad URLs (InvalidURL, "nonnumeric port", "Invalid IPv6 URL") and broken servers alike
        raise FetchError(f"cannot fetch {url}: {exc.__class__.__name__}: {exc}".rstrip(": ")) from None
    if len(raw) > MAX_BYTES:
        raise FetchError(f"{url} is over the {MAX_BYTES // 2**20} MiB limit")
    if promised.isdigit() and len(raw) < int(promised):
        # a page cut short would be stored as a version that lost most of its text
        raise FetchError(f"cannot fetch {url}: the response ended after {len(raw)} of {promised} bytes")

    content_type = "text/html" if looks_like_html(raw, header, None) else "text/plain"
    return Capture(
        raw=raw,
        source=url,
        content_type=content_type,
        captured_at=captured_at or datetime.now(UTC),
        url=final_url,
        name=None,
    )
