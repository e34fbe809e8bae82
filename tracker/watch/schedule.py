"""When a story is checked again: often while it is young, then less, then never (after NewsDiffs:
every 15 minutes under 3 hours old, hourly under a day, every 3 hours under a week, every 3 days under
30 days, then it stops). Feeds are read at a fixed interval."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from tracker.errors import InputError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_SPAN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")


def parse_span(text: str) -> timedelta:
    """'15m', '3h', '1d', '2w' (or '90s') -> a timedelta."""
    match = _SPAN.match(text)
    if not match:
        raise InputError(f"not a span of time: {text!r} (e.g. 90s, 15m, 3h, 1d, 2w)")
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


@dataclass(frozen=True)
class Schedule:
    """Re-check intervals by the story's age: (under this age, check this often), youngest first; a
    story older than the last age is no longer checked."""

    steps: tuple[tuple[timedelta, timedelta], ...] = (
        (timedelta(hours=3), timedelta(minutes=15)),
        (timedelta(days=1), timedelta(hours=1)),
        (timedelta(days=7), timedelta(hours=3)),
        (timedelta(days=30), timedelta(days=3)),
    )
    feed_every: timedelta = timedelta(minutes=15)

    @classmethod
    def parse(cls, text: str, feed_every: str | None = None) -> Schedule:
        """'3h=15m,1d=1h,7d=3h,30d=3d': under 3 hours old every 15 minutes, and so on."""
        steps = []
        for part in text.split(","):
            age, sep, every = part.partition("=")
            if not sep:
                raise InputError(f"schedule step {part.strip()!r} is not AGE=EVERY (e.g. 3h=15m)")
            steps.append((parse_span(age), parse_span(every)))
        steps.sort()
        if any(every <= timedelta(0) for _, every in steps):
            raise InputError("a schedule's intervals must be longer than zero")
        default = cls()
        return cls(tuple(steps), parse_span(feed_every) if feed_every else default.feed_every)

    def next_check(self, born_at: datetime, now: datetime, kind: str = "page") -> datetime | None:
        """When to check a source next, or None when its story is too old to check again."""
        if kind == "feed":
            return now + self.feed_every
        age = now - born_at
        for under, every in self.steps:
            if age < under:
                return now + every
        return None

    def describe(self) -> str:
        """The schedule as `parse` reads it."""
        return ",".join(f"{_span(age)}={_span(every)}" for age, every in self.steps)


def _span(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    for unit in ("w", "d", "h", "m"):
        if seconds % _UNITS[unit] == 0:
            return f"{seconds // _UNITS[unit]}{unit}"
    return f"{seconds}s"
