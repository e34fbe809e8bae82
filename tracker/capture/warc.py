"""Snapshots from web archives: every successful HTML or text response in a WARC file (warcio reads
WARC and ARC, gzipped or not), with the archive's own capture time and URL.

Records are read one at a time, never the archive whole. A revisit record (the crawler saw the same
payload again) is the page it points to, read again from that record's place in the file; a record
whose payload does not match its `WARC-Payload-Digest` is reported and not stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tracker.capture.sniff import MAX_BYTES, name_as_text
from tracker.errors import InputError
from tracker.values.text import Capture

SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def is_warc(path: Path) -> bool:
    """Whether a file is a web archive (WARC or ARC, gzipped or not), by name."""
    return path.name.lower().endswith(SUFFIXES)


@dataclass(frozen=True)
class WarcEntry:
    """One page of an archive: its capture, or why the record cannot be stored (`error`)."""

    capture: Capture | None
    url: str | None
    error: str | None = None
    offset: int = -1  # where the record holding the page's bytes starts (a revisit's: its original's)


def _time(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"not a WARC-Date: {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _check_gzip(path: Path) -> None:
    """A gzipped archive cut short between records reads as a shorter archive: warcio stops without a
    word. Reading it through once (in blocks: memory stays flat) finds the missing end."""
    import gzip
    import zlib

    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(f"web archive {path} is cut short or damaged: {exc}") from None


def _page_type(record) -> str | None:  # noqa: ANN001 - a warcio record
    """The record's content type when it is a successful page (status 200, HTML or text), else None."""
    if record.http_headers is None or record.http_headers.get_statuscode() != "200":
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return content_type if content_type in _PAGE_TYPES else None


def _payload(record, path: Path, url: str | None) -> tuple[bytes, str | None]:  # noqa: ANN001
    """The record's page bytes, read to the record's end, and a digest problem if there is one."""
    raw = record.content_stream().read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError(f"{url} in web archive {path} is over the {MAX_BYTES // 2**20} MiB limit")
    record.raw_stream.read()
    if getattr(record.raw_stream, "limit", 0) > 0:  # the file ends inside the record
        raise InputError(f"web archive {path} is cut short inside the record of {url}")
    checker = getattr(record, "digest_checker", None)
    problems = [p for p in (checker.problems if checker else []) if "payload" in p]
    return raw, (problems[0] if problems else None)


def read_payload(path: Path, offset: int) -> bytes:
    """The payload of the record at `offset`: a revisit's original, read again from its place."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        return record.content_stream().read(MAX_BYTES + 1)


def iter_warc(path: Path) -> Iterator[WarcEntry]:
    """Each HTML or text response (and each revisit of one) in archive order, read record by record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with path.open("rb") as stream:
            gzipped = stream.read(2) == b"\x1f\x8b"
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if gzipped:
        _check_gzip(path)
    by_id: dict[str, tuple[int, str]] = {}  # record id -> (offset, content type) of a stored page
    by_digest: dict[tuple[str, str], tuple[int, str]] = {}  # (URL, payload digest) -> the same
    resolved = str(path.resolve())
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream, check_digests=True)
            for record in records:
                if record.rec_type not in ("response", "revisit"):
                    continue
                headers = record.rec_headers
                url = headers.get_header("WARC-Target-URI")
                offset = records.offset  # where this record starts (get_record_offset reads it through)
                digest = headers.get_header("WARC-Payload-Digest") or ""
                when = headers.get_header("WARC-Date")
                if record.rec_type == "revisit":
                    original = by_id.get(headers.get_header("WARC-Refers-To") or "") or by_digest.get(
                        (headers.get_header("WARC-Refers-To-Target-URI") or url or "", digest)
                    )
                    record.raw_stream.read()
                    if original is None:
                        if _page_type(record) is not None:
                            yield WarcEntry(
                                None, url, f"revisit of {url} at {when} points to no record in the archive"
                            )
                        continue
                    offset, content_type = original
                    raw = read_payload(path, offset)
                else:
                    content_type = _page_type(record)
                    if content_type is None:
                        continue
                    raw, problem = _payload(record, path, url)
                    if problem:
                        yield WarcEntry(None, url, f"{url} at {when}: {problem}, not stored")
                        continue
                    by_id[headers.get_header("WARC-Record-ID") or ""] = (offset, content_type)
                    if digest:
                        by_digest[(url or "", digest)] = (offset, content_type)
                yield WarcEntry(
                    Capture(
                        raw=raw,
                        source=name_as_text(f"{resolved}#{url}@{when}"),
                        content_type="text/plain" if content_type == "text/plain" else "text/html",
                        captured_at=_time(when),
                        url=url,
                        name=None,
                    ),
                    url,
                    offset=offset,
                )
    except (ArchiveLoadFailed, ValueError, OSError) as exc:
        raise InputError(f"cannot read web archive {path}: {_printable(str(exc))}") from None
    except (AttributeError, KeyError, IndexError, StopIteration) as exc:  # warcio on a malformed header
        raise InputError(f"web archive {path} is damaged: {exc.__class__.__name__}: {exc}") from None


def read_warc(path: Path) -> list[Capture]:
    """Each HTML or text response in a web archive, with its archive time and URL, oldest first; a
    record that cannot be stored stops it (an add is all or nothing)."""
    out = []
    for entry in iter_warc(path):
        if entry.error:
            raise InputError(f"web archive {path}: {entry.error}")
        out.append(entry.capture)
    if not out:
        raise InputError(f"no HTML or text responses in web archive {path}")
    return sorted(out, key=lambda c: c.captured_at)


def _printable(message: str) -> str:
    """The first line of a reader's error, without the raw bytes it may quote from a binary file."""
    line = (message.splitlines() or [""])[0]
    if "first line" in line or any(not c.isprintable() for c in line) or len(line) > 120:
        line = re.split(r"[,:]", line)[0] + " (not a WARC file)"
    return line
