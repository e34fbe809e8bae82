"""Snapshots from web archives: every successful HTML or text response in a WARC file (warcio reads
WARC and ARC, gzipped or not), with the archive's own capture time and URL."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from tracker.capture.sniff import MAX_BYTES, name_as_text
from tracker.errors import InputError
from tracker.values.text import Capture

SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_warc(path: Path) -> bool:
    """Whether a file is a web archive (WARC or ARC, gzipped or not), by name or by its first bytes."""
    return path.name.lower().endswith(SUFFIXES)


def _time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _check_gzip(path: Path) -> None:
    """A gzipped archive cut short between records reads as a shorter archive: warcio stops without a
    word. Reading it through once finds the missing end."""
    import gzip
    import zlib

    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(f"web archive {path} is cut short or damaged: {exc}") from None


def read_warc(path: Path) -> list[Capture]:
    """Each HTML or text response in a web archive, with its archive time and URL."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    out = []
    try:
        with path.open("rb") as stream:
            gzipped = stream.read(2) == b"\x1f\x8b"
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if gzipped:
        _check_gzip(path)
    try:
        with path.open("rb") as stream, _quiet_reader():
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode()
                content_type = (
                    (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
                )
                if status != "200" or content_type not in (
                    "text/html",
                    "application/xhtml+xml",
                    "text/plain",
                ):
                    continue
                raw = record.content_stream().read(MAX_BYTES + 1)
                url = record.rec_headers.get_header("WARC-Target-URI")
                if len(raw) > MAX_BYTES:
                    raise InputError(
                        f"{url} in web archive {path} is over the {MAX_BYTES // 2**20} MiB limit"
                    )
                record.raw_stream.read()
                if getattr(record.raw_stream, "limit", 0) > 0:  # the file ends inside the record
                    raise InputError(f"web archive {path} is cut short inside the record of {url}")
                out.append(
                    Capture(
                        raw=raw,
                        source=name_as_text(f"{path.resolve()}#{url}"),
                        content_type="text/plain" if content_type == "text/plain" else "text/html",
                        captured_at=_time(record.rec_headers.get_header("WARC-Date")),
                        url=url,
                        name=None,
                    )
                )
    except (ArchiveLoadFailed, ValueError, OSError) as exc:
        raise InputError(f"cannot read web archive {path}: {_printable(str(exc))}") from None
    except (AttributeError, KeyError, IndexError) as exc:  # how warcio fails on a malformed header
        raise InputError(f"web archive {path} is damaged: {exc.__class__.__name__}: {exc}") from None
    if not out:
        raise InputError(f"no HTML or text responses in web archive {path}")
    return sorted(out, key=lambda c: c.captured_at)


@contextlib.contextmanager
def _quiet_reader() -> Iterator[None]:
    """warcio writes its doubts about a record ("Record not followed by newline", "Replacing spaces in
    invalid WARC-Target-URI") straight to standard error, or through a log with no handler (which
    Python also prints there): the command's own one-line answer says what matters."""
    with contextlib.redirect_stderr(io.StringIO()):
        yield


def _printable(message: str) -> str:
    """The first line of a reader's error, without the raw bytes it may quote from a binary file."""
    line = (message.splitlines() or [""])[0]
    if "first line" in line or any(not c.isprintable() for c in line) or len(line) > 120:
        line = re.split(r"[,:]", line)[0] + " (not a WARC file)"
    return line
