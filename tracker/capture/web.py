"""Snapshots fetched over http(s), with the final URL after redirects."""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime

from tracker import __version__
from tracker.capture.sniff import MAX_BYTES, looks_like_html
from tracker.errors import FetchError
from tracker.values.text import Capture

TIMEOUT_SECONDS = 30  # for the whole fetch: a server dripping a byte at a time cannot hold it longer
_CHUNK = 1 << 16


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another http(s) page: never to ftp:, file:, javascript: or the like."""

    def http_error_302(self, req, fp, code, msg, headers):  # noqa: ANN001, ANN201
        """The stdlib's redirect, refused first unless it leads to an http(s) URL."""
        target = headers.get("Location") or headers.get("URI") or ""
        newurl = urllib.parse.urljoin(req.full_url, target)
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(
                f"cannot fetch {req.full_url}: it redirects to {newurl}, and only http(s) pages are fetched"
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _read_within(response: http.client.HTTPResponse, limit: int, deadline: float) -> bytes:
    """The body, up to `limit` bytes, read before `deadline` (time.monotonic()) or refused: every read
    waits at most the time left, so a slow server cannot stretch the fetch past its deadline."""
    sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
    parts: list[bytes] = []
    size = 0
    while size < limit:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        if sock is not None:
            sock.settimeout(left)
        part = response.read1(min(_CHUNK, limit - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


USER_AGENT = f"tracker/{__version__} (news article version tracker)"


def fetch(url: str, captured_at: datetime | None = None) -> Capture:
    """An http(s) page as captured: its bytes, final URL and content type, within the size limit."""
    try:
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"}
        )
        deadline = time.monotonic() + TIMEOUT_SECONDS
        opener = urllib.request.build_opener(_WebOnlyRedirects)
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            raw = _read_within(response, MAX_BYTES + 1, deadline)
            final_url = response.geturl()
            header = response.headers.get_content_type()
            promised = response.headers.get("Content-Length", "")
    except urllib.error.HTTPError as exc:  # a redirect loop's reason runs over three lines
        raise FetchError(f"cannot fetch {url}: HTTP {exc.code} {' '.join(str(exc.reason).split())}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"cannot fetch {url}: {getattr(exc, 'reason', exc)}") from None
    except TimeoutError:  # the socket's, set to the time left, or the deadline passed between reads
        raise FetchError(f"cannot fetch {url}: timed out, no whole page within {TIMEOUT_SECONDS} s") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
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
