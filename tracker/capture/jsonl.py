"""Captures from JSON Lines, one a line: `{"article", "url", "captured_at", "text"}`, or `"html"` in
place of `"text"`; `url` and `captured_at` may be left out (`article` too, when `url` is given).

The file is read a line at a time, so its size does not matter; a line that is not such an object is
reported with its number and the others are read on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tracker.capture.sniff import MAX_BYTES, name_as_text
from tracker.errors import InputError
from tracker.values.text import Capture

SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")


def is_jsonl(path: Path) -> bool:
    """Whether a file holds JSON Lines, by name."""
    return path.name.lower().endswith(SUFFIXES)


@dataclass(frozen=True)
class JsonlEntry:
    """One line: its article key and capture, or why it cannot be stored (`error`)."""

    line: int
    key: str | None
    capture: Capture | None
    error: str | None = None


def _time(value: object, now: datetime) -> datetime:
    if value is None:
        return now
    if not isinstance(value, str):
        raise ValueError(f'"captured_at" is not a string: {value!r}')
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f'"captured_at" is not an ISO-8601 time: {value!r}') from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _entry(number: int, line: bytes, source: str, now: datetime) -> JsonlEntry:
    try:
        item = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return JsonlEntry(number, None, None, f"line {number}: not JSON ({exc.__class__.__name__})")
    if not isinstance(item, dict):
        return JsonlEntry(number, None, None, f"line {number}: not a JSON object")
    try:
        key, url = item.get("article"), item.get("url")
        for name, value in (("article", key), ("url", url)):
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ValueError(f'"{name}" is not a non-empty string: {value!r}')
        if key is None and url is None:
            raise ValueError('neither "article" nor "url" says which article it is')
        if ("text" in item) == ("html" in item):
            raise ValueError('give one of "text" and "html"')
        body = item.get("text", item.get("html"))
        if not isinstance(body, str):
            raise ValueError(f'"{"text" if "text" in item else "html"}" is not a string')
        raw = body.encode("utf-8", errors="surrogatepass")
        if len(raw) > MAX_BYTES:
            raise ValueError(f"the page is over the {MAX_BYTES // 2**20} MiB limit")
        if not raw.strip():
            raise ValueError("the page is empty")
        capture = Capture(
            raw=raw,
            source=f"{source}#{number}",
            content_type="text/plain" if "text" in item else "text/html",
            captured_at=_time(item.get("captured_at"), now),
            url=url.strip() if url else None,
            name=None,
        )
    except ValueError as exc:
        return JsonlEntry(number, None, None, f"line {number}: {exc}")
    return JsonlEntry(number, key, capture)


def iter_jsonl(path: Path) -> Iterator[JsonlEntry]:
    """Each line of the file as a capture or an error, in file order; blank lines are skipped. Lines
    without a capture time are taken as captured now, a microsecond apart, in file order."""
    import gzip

    source = name_as_text(str(path.resolve()))
    now = datetime.now(UTC)
    try:
        opened = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")
        with opened as stream:
            for number, line in enumerate(stream, 1):
                if line.strip():
                    yield _entry(number, line, source, now + timedelta(microseconds=number))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except EOFError:
        raise InputError(f"{path} is cut short") from None
