"""The watcher's fetcher, polite and safe: a User-Agent that says who is asking (with a contact),
robots.txt honoured (protego), a delay between requests to one host, conditional requests (ETag,
Last-Modified: a 304 is "not modified"), retries with back-off on timeouts and 5xx, 429 and
Retry-After honoured, a total deadline per fetch (not only per read), a size limit, and redirects
followed to http(s) only. A failure is a `Fetched` with one line of message, never an exception."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from tracker import __version__
from tracker.capture.sniff import MAX_BYTES

if TYPE_CHECKING:
    import urllib3

    from tracker.watch.clock import SystemClock

ACCEPT = (
    "text/html,application/xhtml+xml,application/atom+xml,application/rss+xml,"
    "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)
MAX_REDIRECTS = 5
_ROBOTS_BYTES = 512 * 1024
_ROBOTS_KEEP = 86400.0  # seconds a host's robots.txt is trusted
_ROBOTS_RETRY = 600.0  # seconds before an unreachable robots.txt is asked for again


@dataclass(frozen=True)
class Fetched:
    """What one fetch gave: a page ("ok"), "not_modified" (a 304), or an "error" with its one line."""

    status: str
    url: str  # asked for
    final_url: str | None = None  # after redirects
    raw: bytes = b""
    content_type: str = ""  # the server's media type, lower case
    etag: str | None = None
    last_modified: str | None = None
    message: str = ""
    retry_after: float | None = None  # seconds the server asked us to wait (429, 503)
    http_status: int | None = None


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: float | None = None, http_status: int | None = None):
        super().__init__(message)
        self.message, self.retry_after, self.http_status = message, retry_after, http_status


class _Final(Exception):
    def __init__(self, message: str, http_status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.message, self.http_status, self.retry_after = message, http_status, retry_after


def user_agent(contact: str | None = None) -> str:
    """Who is asking, and how to reach them: `tracker/0.1.0 (news article version tracker; +contact)`."""
    where = f"; +{contact.strip()}" if contact and contact.strip() else ""
    return f"tracker/{__version__} (news article version tracker{where})"


class PoliteFetcher:
    """Fetches pages the way a good guest does; `clock` makes every wait and deadline testable."""

    def __init__(
        self,
        clock: SystemClock,
        contact: str | None = None,
        host_delay: float = 1.0,
        deadline: float = 30.0,
        max_bytes: int = MAX_BYTES,
        retries: int = 3,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        robots: bool = True,
    ) -> None:
        import urllib3

        self.clock = clock
        self.user_agent = user_agent(contact)
        self.host_delay, self.deadline, self.max_bytes = host_delay, deadline, max_bytes
        self.retries, self.backoff, self.max_wait, self.use_robots = retries, backoff, max_wait, robots
        self.pool: urllib3.PoolManager = urllib3.PoolManager(num_pools=64, maxsize=2, retries=False)
        self._next_request: dict[str, float] = {}  # host -> when it may be asked again (monotonic)
        self._robots: dict[str, tuple[float, object]] = {}  # host -> (until, Protego | None | error)

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url` (conditionally when `etag` or `last_modified` is known), retrying what may pass."""
        headers = {"User-Agent": self.user_agent, "Accept": ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = self.clock.monotonic() + self.deadline
        attempt = 0
        while True:
            try:
                return self._follow(url, headers, deadline)
            except _Final as exc:
                return Fetched(
                    "error",
                    url,
                    message=exc.message,
                    http_status=exc.http_status,
                    retry_after=exc.retry_after,
                )
            except _Retryable as exc:
                attempt += 1
                wait = exc.retry_after if exc.retry_after is not None else self.backoff * 2 ** (attempt - 1)
                left = deadline - self.clock.monotonic()
                if attempt > self.retries or wait > left or wait > self.max_wait:
                    if exc.retry_after is not None:
                        host = urlsplit(url).netloc.lower()
                        self._next_request[host] = self.clock.monotonic() + exc.retry_after
                    tries = f" ({attempt} attempts)" if attempt > 1 else ""
                    later = f"; retry after {exc.retry_after:.0f} s" if exc.retry_after is not None else ""
                    return Fetched(
                        "error",
                        url,
                        message=f"{exc.message}{tries}{later}",
                        retry_after=exc.retry_after,
                        http_status=exc.http_status,
                    )
                self.clock.sleep(wait)

    # -- one attempt, redirects followed -----------------------------------------------------------
    def _follow(self, url: str, headers: dict[str, str], deadline: float) -> Fetched:
        seen = {url}
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise _Final(f"redirected to {current!r}: only http(s) is followed")
            if self.use_robots:
                self._check_robots(parts.scheme, parts.netloc.lower(), current, deadline)
            response = self._request(current, headers, deadline)
            status = response.status
            if status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                response.drain_conn()
                response.release_conn()
                if not location:
                    raise _Final(f"HTTP {status} redirect without a Location", status)
                try:
                    target = urljoin(current, location.strip())
                except ValueError:
                    raise _Final(f"redirected to an unreadable URL {location!r}", status) from None
                if target in seen:
                    raise _Final(f"redirect loop at {target}", status)
                seen.add(target)
                current = target
                continue
            return self._answer(url, current, response, deadline)
        raise _Final(f"more than {MAX_REDIRECTS} redirects", None)

    def _answer(self, url: str, final: str, response: urllib3.BaseHTTPResponse, deadline: float) -> Fetched:
        status = response.status
        etag = response.headers.get("ETag")
        modified = response.headers.get("Last-Modified")
        if status == 304:
            response.release_conn()
            return Fetched("not_modified", url, final, etag=etag, last_modified=modified, http_status=304)
        if status in (429, 503) and response.headers.get("Retry-After"):
            response.drain_conn()
            wait = self._retry_after(response.headers["Retry-After"])
            raise _Retryable(f"HTTP {status} {_reason(response)}", wait, status)
        if status >= 500 and status != 501:
            response.drain_conn()
            raise _Retryable(f"HTTP {status} {_reason(response)}", None, status)
        if status != 200:
            response.drain_conn()
            raise _Final(f"HTTP {status} {_reason(response)}", status)
        raw = self._body(response, final, deadline)
        media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        return Fetched("ok", url, final, raw, media, etag, modified, http_status=200)

    def _body(self, response: urllib3.BaseHTTPResponse, url: str, deadline: float) -> bytes:
        import urllib3

        promised = response.headers.get("Content-Length", "")
        if promised.isdigit() and int(promised) > self.max_bytes:
            response.close()
            raise _Final(f"{url} is over the {self.max_bytes // 2**20} MiB limit ({promised} bytes)")
        chunks, size = [], 0
        try:
            for chunk in response.stream(65536):
                size += len(chunk)
                chunks.append(chunk)
                if size > self.max_bytes:
                    response.close()
                    raise _Final(f"{url} is over the {self.max_bytes // 2**20} MiB limit")
                if self.clock.monotonic() > deadline:
                    response.close()
                    raise _Final(f"{url} sent {size} bytes and had not finished within {self.deadline:.0f} s")
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            response.close()
            raise _Retryable(f"cannot read {url}: {_describe(exc)}") from None
        response.release_conn()
        return b"".join(chunks)

    def _request(self, url: str, headers: dict[str, str], deadline: float) -> urllib3.BaseHTTPResponse:
        import urllib3

        host = urlsplit(url).netloc.lower()
        wait = self._next_request.get(host, 0.0) - self.clock.monotonic()
        if wait > self.max_wait:
            raise _Final(f"{host} asked to wait; retry after {wait:.0f} s", None, wait)
        if wait > 0:
            self.clock.sleep(wait)
        left = deadline - self.clock.monotonic()
        if left <= 0:
            raise _Final(f"no answer from {host} within {self.deadline:.0f} s")
        try:
            return self.pool.request(
                "GET",
                url,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                timeout=urllib3.Timeout(connect=min(10.0, left), read=min(10.0, left)),
            )
        except urllib3.exceptions.LocationValueError as exc:
            raise _Final(f"cannot fetch {url}: {_describe(exc)}") from None
        except (urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            raise _Retryable(f"cannot fetch {url}: {_describe(exc)}") from None
        finally:
            self._next_request[host] = self.clock.monotonic() + self._delay(host)

    def _delay(self, host: str) -> float:
        rules = self._robots.get(host, (0, None))[1]
        crawl = getattr(rules, "crawl_delay", None)
        asked = crawl("tracker") if crawl else None
        return max(self.host_delay, min(float(asked or 0), self.max_wait))

    def _retry_after(self, value: str) -> float:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            return max(0.0, (parsedate_to_datetime(value) - self.clock.now()).total_seconds())
        except (TypeError, ValueError, IndexError):
            return 60.0

    # -- robots.txt ----------------------------------------------------------------------------------
    def _check_robots(self, scheme: str, host: str, url: str, deadline: float) -> None:
        now = self.clock.monotonic()
        cached = self._robots.get(host)
        if cached is None or cached[0] < now:
            rules = self._read_robots(scheme, host, deadline)
            keep = _ROBOTS_RETRY if isinstance(rules, str) else _ROBOTS_KEEP
            self._robots[host] = (now + keep, rules)
            cached = self._robots[host]
        rules = cached[1]
        if isinstance(rules, str):
            raise _Final(f"robots.txt of {host} {rules}: not fetched")
        if rules is not None and not rules.can_fetch(url, "tracker"):
            raise _Final(f"robots.txt of {host} disallows {urlsplit(url).path or '/'}: not fetched")

    def _read_robots(self, scheme: str, host: str, deadline: float) -> object:
        """The host's rules (Protego), None when it has none (4xx: everything allowed), or why they
        could not be read (a 5xx or no answer: nothing is fetched, as RFC 9309 asks)."""
        import protego
        import urllib3

        url = f"{scheme}://{host}/robots.txt"
        try:
            response = self._request(url, {"User-Agent": self.user_agent}, deadline)
            for _ in range(MAX_REDIRECTS):
                if response.status not in (301, 302, 303, 307, 308) or not response.headers.get("Location"):
                    break
                target = urljoin(url, response.headers["Location"])
                response.drain_conn()
                if urlsplit(target).scheme not in ("http", "https"):
                    return None
                url = target
                response = self._request(url, {"User-Agent": self.user_agent}, deadline)
            if 400 <= response.status < 500:
                response.drain_conn()
                return None
            if response.status != 200:
                response.drain_conn()
                return f"could not be read (HTTP {response.status})"
            body = response.read(_ROBOTS_BYTES, decode_content=True)
            response.drain_conn()
            response.release_conn()
        except (_Retryable, _Final) as exc:
            return f"could not be read ({exc.message})"
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            return f"could not be read ({_describe(exc)})"
        return protego.Protego.parse(body.decode("utf-8", "replace"))


def _reason(response: urllib3.BaseHTTPResponse) -> str:
    return " ".join(str(response.reason or "").split())


def _describe(exc: BaseException) -> str:
    """An error as a short line: urllib3's messages carry object addresses and nested reasons."""
    import urllib3

    if isinstance(exc, urllib3.exceptions.TimeoutError | TimeoutError):
        return "timed out"
    text = " ".join(str(exc).split())
    if ">: " in text:  # "<urllib3.connection.HTTPConnection object at 0x...>: Failed to ..."
        text = text.split(">: ", 1)[1]
    return text or type(exc).__name__
