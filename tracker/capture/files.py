"""Snapshots from files, folders of files, and standard input."""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from tracker.capture.sniff import MAX_BYTES, looks_like_html, name_as_text
from tracker.errors import InputError
from tracker.values.text import Capture

# left out of a folder: databases (a tracker database often sits beside its snapshots) with their
# journals, and checksum and metadata files (JSON, JSON Lines)
_SKIPPED_NAME = re.compile(
    r"\.(?:db|sqlite3?)(?:-journal|-wal|-shm)?$|\.(?:json|jsonl|md5|sha256)$", re.IGNORECASE
)
_SQLITE = b"SQLite format 3\x00"
_DIGITS = re.compile(r"(\d+)")


def _now() -> datetime:
    return datetime.now(UTC)


def _content_type(raw: bytes, name: str | None) -> str:
    return "text/html" if looks_like_html(raw, None, name) else "text/plain"


def read_path(path: Path, captured_at: datetime | None) -> Capture:
    """One file as a capture, refused early when missing, empty, too large or a database."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"no such file: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if size > MAX_BYTES:
        raise InputError(
            f"{path} is {size:,} bytes, over the {MAX_BYTES // 2**20} MiB ({MAX_BYTES:,} bytes) limit"
        )
    try:
        with path.open("rb") as stream:  # read no more than the limit: /dev/zero or a pipe has no size
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"{path} is over the {MAX_BYTES // 2**20} MiB limit")
    return Capture(
        raw=raw,
        source=name_as_text(str(path.resolve())),
        content_type=_content_type(raw, path.name),
        captured_at=captured_at or _now(),
        name=name_as_text(path.name),
    )


def read_file_or_folder(source: str, captured_at: datetime | None) -> list[Capture]:
    """A file, or every file of a folder in natural order: 2.txt before 10.txt, as `ls -v` lists them
    (hidden files and databases left out)."""
    path = Path(source).expanduser()
    from tracker.capture.bag import is_bag, read_bag

    if is_bag(path):
        return [capture for _, captures in read_bag(path) for capture in captures]
    if path.is_dir():
        files = snapshot_files(path)
        if not files:
            raise InputError(f"no snapshot files in folder {path}")
        return [capture for p in files for capture in _read_one(p, captured_at)]
    if not path.exists():
        raise InputError(f"no such file or folder: {source}")
    return _read_one(path, captured_at)


def snapshot_files(folder: Path) -> list[Path]:
    """The snapshot files of a folder, in natural order (hidden files, databases and metadata left out)."""
    try:
        return sorted((p for p in folder.iterdir() if _snapshot_file(p)), key=lambda p: natural_key(p.name))
    except OSError as exc:
        raise InputError(f"cannot read folder {folder}: {exc.strerror}") from None


def _snapshot_file(path: Path) -> bool:
    if not path.is_file() or path.name.startswith(".") or _SKIPPED_NAME.search(path.name):
        return False
    try:
        with path.open("rb") as stream:
            return stream.read(len(_SQLITE)) != _SQLITE  # a database under another name
    except OSError:
        return True  # kept, so that reading it says why it cannot be read


def natural_key(name: str) -> list[tuple[int, int | str]]:
    """A sort key that orders the numbers in names by value: "v2" before "v10"."""
    return [(1, int(part)) if part.isdigit() else (0, part) for part in _DIGITS.split(name) if part]


def _read_one(path: Path, captured_at: datetime | None) -> list[Capture]:
    """A web archive gives every page it holds; any other file is one snapshot."""
    from tracker.capture.warc import is_warc, read_warc

    return read_warc(path) if is_warc(path) else [read_path(path, captured_at)]


def read_stdin(stream: BinaryIO | None, captured_at: datetime | None) -> Capture:
    """Standard input as one capture."""
    stream = stream or sys.stdin.buffer
    raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError(f"standard input is over the {MAX_BYTES // 2**20} MiB limit")
    return Capture(
        raw=raw,
        source="-",
        content_type=_content_type(raw, None),
        captured_at=captured_at or _now(),
        name=None,
    )
