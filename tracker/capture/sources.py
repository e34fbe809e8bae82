"""One entry for every kind of source: a file or folder, a web archive, standard input, an http(s) URL."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import BinaryIO

from tracker.capture.sniff import is_url
from tracker.errors import InputError
from tracker.values.text import Capture


def captures(
    sources: Iterable[str],
    captured_at: datetime | None = None,
    stdin: BinaryIO | None = None,
) -> list[Capture]:
    """Read every source whole before anything is stored, so a bad one stops the command early."""
    from tracker.capture.files import read_file_or_folder, read_stdin
    from tracker.capture.web import fetch

    out: list[Capture] = []
    for source in sources:
        if source == "-":
            out.append(read_stdin(stdin, captured_at))
        elif is_url(source):
            out.append(fetch(source, captured_at))
        elif "://" in source:
            raise InputError(f"unsupported URL scheme in {source}: only http and https are fetched")
        else:
            out.extend(read_file_or_folder(source, captured_at))
    return out


def parse_time(value: str) -> datetime:
    """ISO-8601 -> an aware UTC time; a time without a zone is taken as UTC."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"not an ISO-8601 time: {value!r} (e.g. 2024-01-23T16:00:00Z)") from None
    try:
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except OverflowError:
        raise InputError(f"time out of range: {value!r}") from None
