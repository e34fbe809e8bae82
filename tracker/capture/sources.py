"""One entry for every kind of source: a file or folder, a web archive, standard input, an http(s) URL."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import BinaryIO

from tracker.capture.sniff import is_url
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
            from tracker.errors import InputError

            raise InputError(f"unsupported URL scheme in {source}: only http and https are fetched")
        else:
            out.extend(read_file_or_folder(source, captured_at))
    return out
