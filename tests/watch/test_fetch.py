"""The polite fetcher against a real local server: conditional requests, robots.txt, waits, retries,
deadlines, redirects. The clock is a manual one: every wait is recorded, none is slept."""

from __future__ import annotations

import pytest

from tests.watch.server import Reply
from tracker.watch.clock import ManualClock
from tracker.watch.fetch import PoliteFetcher, user_agent


@pytest.fixture
def fetcher(clock):
    return PoliteFetcher(clock, contact="mailto:news@example.org")


def test_the_user_agent_names_the_tool_and_the_contact(site, fetcher):
    site.routes["/a"] = Reply(b"<html><body>hello</body></html>")
    assert fetcher.fetch(site.url("/a")).status == "ok"
    [(_, headers)] = [entry for entry in site.log if entry[0] == "/a"]
    assert headers["User-Agent"] == user_agent("mailto:news@example.org")
    assert headers["User-Agent"].startswith("tracker/") and "mailto:news@example.org" in headers["User-Agent"]


def test_a_known_etag_is_sent_and_a_304_is_not_modified(site, fetcher):
    site.routes["/a"] = Reply(b"<html><body>hello</body></html>")
    first = fetcher.fetch(site.url("/a"))
    again = fetcher.fetch(site.url("/a"), etag=first.etag)
    assert first.status == "ok" and first.etag
    assert again.status == "not_modified" and again.raw == b""
    assert site.log[-1][1]["If-None-Match"] == first.etag


def test_robots_txt_that_disallows_means_the_page_is_never_asked_for(site, fetcher):
    site.routes["/robots.txt"] = Reply(
        b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}
    )
    site.routes["/private/a"] = Reply(b"<html>secret</html>")
    got = fetcher.fetch(site.url("/private/a"))
    assert got.status == "error" and "robots.txt" in got.message and "disallows /private/a" in got.message
    assert site.hits("/private/a") == 0
    assert site.hits("/robots.txt") == 1
    fetcher.fetch(site.url("/private/a"))
    assert site.hits("/robots.txt") == 1  # kept, not asked for again


def test_requests_to_one_host_are_spaced_by_the_delay_and_the_crawl_delay(site, clock):
    site.routes["/robots.txt"] = Reply(
        b"User-agent: *\nCrawl-delay: 5\n", headers={"Content-Type": "text/plain"}
    )
    site.routes["/a"] = Reply(b"<html>a</html>")
    fetcher = PoliteFetcher(clock, host_delay=1.0)
    fetcher.fetch(site.url("/a"))
    fetcher.fetch(site.url("/a"))
    # robots.txt, then /a one second later (Crawl-delay not read yet), then /a five seconds after that
    assert clock.slept == [1.0, 5.0]


def test_a_429_with_a_short_retry_after_is_waited_for_then_retried(site, clock, fetcher):
    answers = iter([Reply(b"slow down", 429, {"Retry-After": "7"}, etag=False), Reply(b"<html>ok</html>")])
    site.routes["/a"] = lambda _request: next(answers)
    got = fetcher.fetch(site.url("/a"))
    assert got.status == "ok" and got.raw == b"<html>ok</html>"
    assert 7.0 in clock.slept


def test_a_429_with_a_long_retry_after_fails_now_and_holds_the_host(site, clock, fetcher):
    site.routes["/a"] = Reply(b"slow down", 429, {"Retry-After": "600"}, etag=False)
    site.routes["/b"] = Reply(b"<html>b</html>")
    got = fetcher.fetch(site.url("/a"))
    assert got.status == "error" and got.retry_after == 600 and "retry after 600 s" in got.message
    held = fetcher.fetch(site.url("/b"))
    assert held.status == "error" and site.hits("/b") == 0  # the host asked us to wait: nothing sent
    clock.advance(601)
    assert fetcher.fetch(site.url("/b")).status == "ok"


def test_server_errors_are_retried_with_back_off_then_reported(site, clock, fetcher):
    site.routes["/a"] = Reply(b"oops", 502, etag=False)
    got = fetcher.fetch(site.url("/a"))
    assert got.status == "error" and got.message.startswith("HTTP 502") and "(4 attempts)" in got.message
    assert clock.slept == [1.0, 1.0, 2.0, 4.0]  # the host's delay, then back-off 1, 2, 4 s
    assert site.hits("/a") == 4


def test_a_server_that_recovers_within_the_retries_gives_the_page(site, fetcher):
    answers = iter([Reply(b"oops", 503, etag=False), Reply(b"<html>fine</html>")])
    site.routes["/a"] = lambda _request: next(answers)
    assert fetcher.fetch(site.url("/a")).raw == b"<html>fine</html>"


def test_a_slow_drip_is_cut_at_the_total_deadline(site):
    clock = ManualClock(
        tick=0.05
    )  # every reading of the clock is 50 ms on: a byte per reading is a slow server
    fetcher = PoliteFetcher(clock, deadline=30)
    site.routes["/drip"] = Reply(b"", drip=5000, etag=False)
    got = fetcher.fetch(site.url("/drip"))
    assert got.status == "error" and "had not finished within 30 s" in got.message
    assert got.raw == b""


def test_a_redirect_loop_and_a_redirect_to_ftp_are_errors(site, fetcher):
    site.routes["/loop1"] = Reply(b"", 302, {"Location": "/loop2"}, etag=False)
    site.routes["/loop2"] = Reply(b"", 302, {"Location": "/loop1"}, etag=False)
    site.routes["/ftp"] = Reply(b"", 301, {"Location": "ftp://127.0.0.1/file"}, etag=False)
    loop = fetcher.fetch(site.url("/loop1"))
    ftp = fetcher.fetch(site.url("/ftp"))
    assert loop.status == "error" and "redirect loop" in loop.message
    assert ftp.status == "error" and "only http(s) is followed" in ftp.message


def test_a_redirect_is_followed_to_the_final_url(site, fetcher):
    site.routes["/old"] = Reply(b"", 301, {"Location": "/new"}, etag=False)
    site.routes["/new"] = Reply(b"<html>moved</html>")
    got = fetcher.fetch(site.url("/old"))
    assert got.status == "ok" and got.final_url == site.url("/new") and got.url == site.url("/old")


def test_a_body_over_the_size_limit_is_refused_whole(site, clock):
    fetcher = PoliteFetcher(clock, max_bytes=1000)
    site.routes["/big"] = Reply(b"x" * 5000)
    got = fetcher.fetch(site.url("/big"))
    assert got.status == "error" and "limit" in got.message and got.raw == b""


def test_an_unreachable_host_is_one_line(clock):
    fetcher = PoliteFetcher(clock, robots=False, retries=1)
    got = fetcher.fetch("http://127.0.0.1:9/nothing")
    assert got.status == "error" and "\n" not in got.message and "127.0.0.1" in got.message
