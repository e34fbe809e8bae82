"""Where snapshots come from: files and folders, web archives (WARC), standard input, http(s) URLs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import BinaryIO

from tracker.values.text import Capture

MAX_BYTES = 20 * 1024 * 1024  # a news page is far below this; anything larger is not an article


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


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
            from tracker.errors import InputError

            raise InputError(f"unsupported URL scheme in {source}: only http and https are fetched")
        else:
            out.extend(read_file_or_folder(source, captured_at))
    return out
