"""Time for the watcher, injected: the real clock in use, a manual one in tests, so no test sleeps
and a schedule of days is tested in milliseconds."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime


class SystemClock:
    """The machine's clock; waits end early when the runner is told to stop."""

    def __init__(self) -> None:
        self.stopping = threading.Event()

    def now(self) -> datetime:
        """The time now, UTC."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back, for deadlines."""
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        """Wait, unless the runner is stopping."""
        if seconds > 0:
            self.stopping.wait(seconds)


class ManualClock:
    """A clock that moves only when told to (`advance`, `sleep`) or by `tick` seconds at every reading:
    what a test of back-off, Retry-After, a slow server or a month of schedule uses instead of sleeping."""

    def __init__(self, start: datetime | None = None, tick: float = 0.0) -> None:
        self._start = start or datetime(2026, 1, 1, tzinfo=UTC)
        self._seconds = 0.0
        self.tick = tick
        self.slept: list[float] = []
        self.stopping = threading.Event()

    def advance(self, seconds: float) -> None:
        """Move the clock on."""
        self._seconds += seconds

    def now(self) -> datetime:
        """The clock's time, UTC."""
        from datetime import timedelta

        return self._start + timedelta(seconds=self.monotonic())

    def monotonic(self) -> float:
        """Seconds since the clock started (moved on by `tick` at each reading)."""
        self._seconds += self.tick
        return self._seconds

    def sleep(self, seconds: float) -> None:
        """Move the clock on instead of waiting, and remember the wait."""
        if seconds > 0:
            self.slept.append(seconds)
            self._seconds += seconds
