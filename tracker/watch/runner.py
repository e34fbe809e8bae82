"""The watcher: checks the sources that are due, stores a new version only when the article changed
(its text, headline, byline or dates), never when only the page around it did, and keeps each result
on the watch list. Runners on one database share the work through leases."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from tracker.api import Tracker, read_capture
from tracker.capture.identity import article_key, is_web_url, normalise_url
from tracker.capture.sniff import looks_like_html
from tracker.errors import InputError, NotFound, TrackerError
from tracker.store.watchlist import WatchList
from tracker.values.text import Capture
from tracker.values.watch import CheckResult, WatchSource
from tracker.watch.clock import SystemClock
from tracker.watch.feeds import feed_links, looks_like_feed
from tracker.watch.fetch import PoliteFetcher
from tracker.watch.schedule import Schedule

if TYPE_CHECKING:
    from tracker.values.text import Reading

log = logging.getLogger("tracker.watch")
log.addHandler(logging.NullHandler())  # a library logs only where its user asks
MIN_ARTICLE_WORDS = 40  # fewer words than this is an error page, a paywall or an app shell: not stored


@dataclass(frozen=True)
class WatchEvent:
    """Something a runner did, for progress and the log: "checking" a source, "checked" it (with its
    result), or a "pass" ended (with its summary)."""

    kind: str
    at: datetime
    url: str | None = None
    result: CheckResult | None = None
    summary: PassSummary | None = None

    def line(self) -> str:
        """The event as one line of the log."""
        stamp = self.at.strftime("%Y-%m-%dT%H:%M:%SZ")
        if self.kind == "pass" and self.summary:
            return f"{stamp} pass: {self.summary.line()}"
        if self.result:
            return f"{stamp} {self.result.status} {self.url}: {self.result.message}"
        return f"{stamp} {self.kind} {self.url}"


@dataclass
class PassSummary:
    """What one pass over the due sources did."""

    checked: int = 0
    unchanged: int = 0
    new_versions: int = 0
    notes: int = 0
    errors: int = 0
    new_sources: int = 0
    results: list[CheckResult] = field(default_factory=list)

    def count(self, result: CheckResult) -> None:
        """Add one check's result."""
        self.checked += 1
        self.results.append(result)
        if result.status == "error":
            self.errors += 1
        elif result.status == "new":
            self.new_versions += 1
            self.notes += result.notes
        else:
            self.unchanged += 1

    def line(self) -> str:
        """The pass in one line: checked, unchanged, new versions, notes found, errors."""
        found = f", {self.new_sources} new from feeds" if self.new_sources else ""
        return (
            f"{self.checked} checked, {self.unchanged} unchanged, {self.new_versions} new versions, "
            f"{self.notes} notes found, {self.errors} errors{found}"
        )


def fingerprint(reading: Reading) -> str:
    """The article as read (text, headline, byline, dates), hashed: equal when only the page around
    the article changed."""
    parts = [reading.text, reading.title, reading.byline, reading.published, reading.modified]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def watch_url(target: str) -> str:
    """A feed or page address as the watch list keys it (normalised), or a clear error."""
    target = target.strip()
    if not is_web_url(target):
        raise InputError(f"not an http(s) URL: {target!r} (tracker watch add https://example.com/feed.xml)")
    return normalise_url(target)


class Watcher:
    """A watch list and the runner that checks it; `clock` and `fetcher` are injected for tests."""

    def __init__(
        self,
        tracker: Tracker,
        clock: SystemClock | None = None,
        fetcher: PoliteFetcher | None = None,
        schedule: Schedule | None = None,
        batch: int = 50,
        on_event: Callable[[WatchEvent], None] | None = None,
    ) -> None:
        self.tracker = tracker
        self.clock = clock or SystemClock()
        self.fetcher = fetcher or PoliteFetcher(self.clock)
        self.schedule = schedule or Schedule()
        self.batch = batch
        self.on_event = on_event
        self.owner = f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._list: WatchList | None = None

    @property
    def watchlist(self) -> WatchList:
        """The watch list in the tracker's database (created on first use)."""
        if self._list is None:
            self._list = WatchList(self.tracker.open_store(create=True))
        return self._list

    def stop(self) -> None:
        """Finish the check in flight, record it, and stop (SIGTERM, Ctrl-C)."""
        self.clock.stopping.set()

    @property
    def stopping(self) -> bool:
        """Whether the runner was told to stop."""
        return self.clock.stopping.is_set()

    # -- the list --------------------------------------------------------------------------------
    def add(self, targets: Iterable[str], kind: str = "auto") -> list[tuple[WatchSource, bool]]:
        """Put feeds or pages on the list, due now; `kind` "auto" decides at the first fetch."""
        urls = [watch_url(t) for t in targets]
        if not urls:
            raise InputError("nothing to watch: give a feed or page URL")
        return self.watchlist.add([(u, kind) for u in dict.fromkeys(urls)], self.clock.now())

    def sources(self) -> list[WatchSource]:
        """Every source with its last check, its result and its next check (the database must exist)."""
        if self._list is None:
            return WatchList(self.tracker.store).sources()
        return self.watchlist.sources()

    def remove(self, targets: Iterable[str]) -> list[str]:
        """Take feeds or pages off the list (a feed with its pages); what was stored stays."""
        urls = [watch_url(t) for t in targets]
        removed = self.watchlist.remove(urls)
        missing = [u for u in urls if u not in removed]
        if missing:
            raise NotFound(f"not on the watch list: {', '.join(missing)} (see tracker watch list)")
        return removed

    # -- running ---------------------------------------------------------------------------------
    def run(
        self, once: bool = False, everything: bool = False, passes: int | None = None
    ) -> list[PassSummary]:
        """Pass after pass until stopped (`once`: one pass, for cron); `everything` checks every
        source in the first pass, due or not. Between passes it waits for the next source due."""
        done = []
        while not self.stopping:
            done.append(self.run_pass(everything))
            everything = False
            if once or (passes is not None and len(done) >= passes) or self.stopping:
                break
            due = self.watchlist.next_due()
            wait = 60.0 if due is None else (due - self.clock.now()).total_seconds()
            self.clock.sleep(min(max(wait, 1.0), 60.0))
        return done

    def run_pass(self, everything: bool = False) -> PassSummary:
        """Check every source due now (with `everything`, every source), the pages new feeds list too."""
        summary = PassSummary()
        pass_start = self.clock.now() if everything else None
        lease = timedelta(seconds=self.batch * (self.fetcher.deadline + self.fetcher.host_delay) + 60)
        while not self.stopping:
            now = self.clock.now()
            claimed = self.watchlist.claim(self.owner, now, now + lease, self.batch, pass_start)
            if not claimed:
                break
            results = []
            for k, source in enumerate(claimed):
                if self.stopping:
                    self.watchlist.release(self.owner, [s.id for s in claimed[k:]])
                    break
                self._emit(WatchEvent("checking", self.clock.now(), source.url))
                result = self.check(source)
                results.append(result)
                summary.count(result)
                self._emit(WatchEvent("checked", result.checked_at, source.url, result))
            summary.new_sources += self.watchlist.record(self.owner, results)
        self._emit(WatchEvent("pass", self.clock.now(), summary=summary))
        return summary

    def check(self, source: WatchSource) -> CheckResult:
        """Fetch one source and keep what changed; every failure is a result with one line, never an
        exception."""
        now = self.clock.now()
        try:
            return self._check(source, now)
        except TrackerError as exc:
            return self._failed(source, now, " ".join(str(exc).split()))
        except Exception as exc:  # a bug must not stop the watch of every other source
            log.debug("checking %s failed", source.url, exc_info=True)
            return self._failed(source, now, f"unexpected {type(exc).__name__}: {' '.join(str(exc).split())}")

    def _failed(
        self, source: WatchSource, now: datetime, message: str, wait: float | None = None
    ) -> CheckResult:
        later = self.schedule.next_check(source.born_at, now, source.kind)
        if wait is not None:
            later = max(later or now, now + timedelta(seconds=wait))
        return CheckResult(source.id, "error", message, now, later)

    def _check(self, source: WatchSource, now: datetime) -> CheckResult:
        got = self.fetcher.fetch(source.url, source.etag, source.last_modified)
        if got.status == "error":
            return self._failed(source, now, got.message, got.retry_after)
        later = self.schedule.next_check(source.born_at, now, source.kind)
        kept = {"etag": got.etag or source.etag, "last_modified": got.last_modified or source.last_modified}
        if got.status == "not_modified":
            return CheckResult(source.id, "unchanged", "not modified (304)", now, later, **kept)
        kept = {"etag": got.etag, "last_modified": got.last_modified}
        kind = source.kind
        if kind == "auto":
            kind = "feed" if looks_like_feed(got.raw, got.content_type) else "page"
            later = self.schedule.next_check(source.born_at, now, kind)
        digest = hashlib.sha256(got.raw).hexdigest()
        if kind == "feed":
            links, why = feed_links(got.raw, got.final_url or source.url)
            if why:
                return replace(self._failed(source, now, why), kind=kind)
            return CheckResult(
                source.id, "unchanged", f"feed of {len(links)} entries", now, later, kind, **kept,
                raw_sha256=digest, new_entries=links,
            )  # fmt: skip
        if digest == source.raw_sha256:
            return CheckResult(source.id, "unchanged", "same bytes as last time", now, later, kind, **kept)
        content_type = "text/html" if looks_like_html(got.raw, got.content_type, None) else "text/plain"
        capture = Capture(got.raw, source.url, content_type, now, got.final_url or source.url)
        reading = read_capture(capture)
        words = len(reading.text.split())
        if words < MIN_ARTICLE_WORDS:
            return replace(
                self._failed(source, now, f"no article on the page ({words} words): nothing stored"),
                kind=kind,
            )
        print_ = fingerprint(reading)
        if print_ == source.reading_sha256:
            message = "the page changed around the article; the article did not"
            return CheckResult(source.id, "unchanged", message, now, later, kind, **kept, raw_sha256=digest)
        key = source.article or article_key(capture, None)
        [added] = self.tracker.add_captures([capture], article=key, readings=[reading])
        same = {"raw_sha256": digest, "reading_sha256": print_, "article": key, "kind": kind, **kept}
        if not added.added:
            message = f"same as version {added.duplicate_of} of {key}"
            return CheckResult(source.id, "unchanged", message, now, later, **same)
        notes = 0
        if added.version and added.version > 1:
            notes = sum(1 for r in self.tracker.notes(key).notes if r.version == added.version)
        found = f", {notes} new note{'s' if notes != 1 else ''}" if notes else ""
        message = f"stored version {added.version} of {key}{found}"
        return CheckResult(source.id, "new", message, now, later, version=added.version, notes=notes, **same)

    def _emit(self, event: WatchEvent) -> None:
        level = logging.WARNING if event.result and event.result.status == "error" else logging.INFO
        if event.kind != "checking":
            log.log(level, "%s", event.line())
        if self.on_event:
            self.on_event(event)
