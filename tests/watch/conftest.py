"""Fixtures of the watcher's tests: the local server, a manual clock, a watcher over a database."""

from __future__ import annotations

import pytest

from tests.watch.server import Reply, serve


@pytest.fixture
def site():
    """A real HTTP server on 127.0.0.1 whose pages the test changes; robots.txt allows everything."""
    server, site = serve()
    site.routes["/robots.txt"] = Reply(b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def clock():
    from tracker.watch.clock import ManualClock

    return ManualClock()


@pytest.fixture
def make_watcher(clock):
    """A watcher over a database, with the manual clock: no test waits for real."""
    from tracker.api import Tracker
    from tracker.watch.fetch import PoliteFetcher
    from tracker.watch.runner import Watcher

    def make(db: str, **fetch_options):
        fetcher = PoliteFetcher(clock, contact="mailto:test@example.org", **fetch_options)
        return Watcher(Tracker(db), clock=clock, fetcher=fetcher)

    return make
