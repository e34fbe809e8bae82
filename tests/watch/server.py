"""A real HTTP server on 127.0.0.1 for the watcher's tests: pages and feeds that change between
requests, ETags and 304s, 429s, robots.txt, a slow drip, redirects, error pages."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """One response: status, headers, body; `etag` makes the server answer 304 to a matching request."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True
    drip: int = 0  # send the body as chunks of one byte, this many of them


Route = Reply | Callable[[BaseHTTPRequestHandler], Reply]


class Site:
    """What the server serves, changed by the test between requests; every request is logged."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.base = ""

    def url(self, path: str) -> str:
        """The absolute URL of a path on this server."""
        return self.base + path

    def hits(self, path: str) -> int:
        """How many times a path was asked for."""
        return sum(1 for p, _ in self.log if p == path)


def article(
    title: str, paragraphs: list[str], byline: str = "By Ana Ruiz", aside: str = "Most read today"
) -> bytes:
    """A news page: a template (navigation, a sidebar that changes on its own) around an article."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head><meta charset=utf-8>"
        f"<title>{escape(title)} | The Daily</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{escape(title)}</h1><p class=byline>{escape(byline)}</p>{body}</article>"
        f"<aside><h2>{escape(aside)}</h2><ul><li>{escape(aside)} one</li><li>{escape(aside)} two</li></ul></aside>"
        "<footer>Copyright The Daily</footer></body></html>"
    ).encode()


def rss(entries: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link, RFC 822 date) entries."""
    items = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><pubDate>{d}</pubDate></item>"
        for t, link, d in entries
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>The Daily</title>"
        f"<link>http://127.0.0.1/</link><description>News</description>{items}</channel></rss>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: Site

    def log_message(self, *args) -> None:  # noqa: ANN002 - quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        site = self.site
        with site.lock:
            site.log.append((self.path, dict(self.headers.items())))
            route = site.routes.get(self.path)
        if route is None:
            reply = Reply(b"<html><body>Not found</body></html>", 404, etag=False)
        else:
            reply = route(self) if callable(route) else route
        headers = dict(reply.headers)
        tag = f'"{hashlib.sha256(reply.body).hexdigest()[:16]}"'
        if reply.etag and reply.status == 200:
            headers["ETag"] = tag
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        self.send_response(reply.status)
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        for k, v in headers.items():
            self.send_header(k, v)
        if reply.drip:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for _ in range(reply.drip):
                    self.wfile.write(b"1\r\nx\r\n")
                    self.wfile.flush()
                self.wfile.write(b"0\r\n\r\n")
            except OSError:  # the client gave up, as it should
                pass
            return
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - a client that hung up
        pass


def serve() -> tuple[ThreadingHTTPServer, Site]:
    """Start the server on a free port of 127.0.0.1, in a thread."""
    site = Site()
    handler = type("Handler", (_Handler,), {"site": site})
    server = _Server(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    return server, site
