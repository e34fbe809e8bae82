"""What `tracker import` reads, cut into articles: each source gives a stream of `Unit`s (the captures
of one article, or a bounded part of a long one) and `Problem`s (a bad source, line or record, to be
listed at the end while the rest goes on).

- a folder: each subfolder is an article (its key the subfolder's name; a `captures.json` beside the
  files, `[{"file", "url", "captured_at"}]`, gives each file's URL and capture time), and each file
  directly inside is keyed as `tracker add` keys it (its URL, else its path), files of one key together;
- a web archive (.warc, .warc.gz, .arc): read twice, record by record: once to check each record and
  note where each article's records lie, once to read them article by article;
- JSON Lines (.jsonl, .ndjson): consecutive lines of one article form a unit;
- a BagIt bag written by `tracker export --bagit`: validated whole, then restored article by article.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tracker.api import article_key, parse_time
from tracker.capture.identity import one_line
from tracker.errors import TrackerError
from tracker.values.text import Capture

MAX_UNIT_CAPTURES = 200  # a long article is stored in parts of this many, one transaction each
MAX_UNIT_BYTES = 32 * 2**20  # or of this many bytes, so that memory stays bounded


@dataclass
class Unit:
    """Captures of one article, stored together in one transaction; `last` marks an article's last
    part, after which its notes are counted."""

    key: str
    source: str
    captures: list[Capture] = field(default_factory=list)
    size: int = 0
    last: bool = True


@dataclass(frozen=True)
class Problem:
    """Something of a source that was not stored, and why."""

    source: str
    message: str


def source_size(source: str) -> int:
    """Bytes a source holds, for the progress bar's total."""
    path = Path(source)
    try:
        if path.is_file():
            return path.stat().st_size
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    except OSError:
        return 0


def read_sources(sources: list[str]) -> Iterator[Unit | Problem]:
    """Every source in turn; a source that cannot be read is one Problem, and the next one is read."""
    for source in sources:
        try:
            yield from _read_source(source)
        except TrackerError as exc:
            yield Problem(one_line(source), one_line(str(exc)))
        except OSError as exc:
            yield Problem(one_line(source), one_line(f"cannot read {source}: {exc.strerror or exc}"))


def _read_source(source: str) -> Iterator[Unit | Problem]:
    from tracker.capture.bag import is_bag
    from tracker.capture.jsonl import is_jsonl
    from tracker.capture.warc import is_warc
    from tracker.errors import InputError

    if "://" in source:
        raise InputError("import reads folders, web archives, JSON Lines and bags: use tracker add for URLs")
    path = Path(source).expanduser()
    if is_bag(path):
        yield from _bag(path)
    elif path.is_dir():
        yield from _folder(path)
    elif not path.exists():
        raise InputError(f"no such file or folder: {source}")
    elif is_warc(path):
        yield from _warc(path)
    elif is_jsonl(path):
        yield from _jsonl(path)
    else:
        yield from _files(str(path), [path], None)


def _parts(key: str, source: str, captures: Iterator[Capture]) -> Iterator[Unit]:
    """An article's captures in units of bounded count and size."""
    unit = Unit(key, source)
    for capture in captures:
        if unit.captures and (
            len(unit.captures) >= MAX_UNIT_CAPTURES or unit.size + len(capture.raw) > MAX_UNIT_BYTES
        ):
            unit.last = False
            yield unit
            unit = Unit(key, source)
        unit.captures.append(capture)
        unit.size += len(capture.raw)
    if unit.captures:
        yield unit


def _bag(path: Path) -> Iterator[Unit]:
    from tracker.capture.bag import read_bag

    for key, captures in read_bag(path):
        yield from _parts(key, str(path), iter(captures))


# -- folders ------------------------------------------------------------------------------------
def _folder(path: Path) -> Iterator[Unit | Problem]:
    from tracker.capture.files import natural_key, snapshot_files

    entries = sorted(path.iterdir(), key=lambda p: natural_key(p.name))
    for sub in (p for p in entries if p.is_dir() and not p.name.startswith(".")):
        files = snapshot_files(sub)
        if not files:
            yield Problem(one_line(str(sub)), "no snapshot files in this folder")
            continue
        yield from _files(str(sub), files, sub.name, _meta(sub))
    flat = snapshot_files(path)
    if flat:
        yield from _files(str(path), flat, None)


def _meta(folder: Path) -> dict[str, dict]:
    """A folder's captures.json: each file's URL and capture time, by file name."""
    meta = folder / "captures.json"
    if not meta.is_file():
        return {}
    try:
        rows = json.loads(meta.read_text(encoding="utf-8"))
        return {row["file"]: row for row in rows}
    except (ValueError, KeyError, TypeError) as exc:
        from tracker.errors import InputError

        raise InputError(f"{meta} is not a list of {{file, url, captured_at}}: {exc}") from None


def _files(
    source: str, files: list[Path], key: str | None, meta: dict[str, dict] | None = None
) -> Iterator[Unit | Problem]:
    """Files as captures, taken as captured now a microsecond apart in the order given unless
    captures.json says otherwise; grouped by key (a subfolder's name, else each file's own key)."""
    from tracker.capture.files import read_path

    now = datetime.now(UTC)
    keyed: dict[str, list[tuple[int, Path]]] = {}
    for n, file in enumerate(files):
        try:
            capture = _file_capture(
                read_path(file, now + timedelta(microseconds=n)), (meta or {}).get(file.name)
            )
        except TrackerError as exc:
            yield Problem(one_line(str(file)), one_line(str(exc)))
            continue
        keyed.setdefault(key or article_key(capture, None), []).append((n, file))
    for article, numbered in keyed.items():

        def read(numbered: list[tuple[int, Path]] = numbered, article: str = article) -> Iterator[Capture]:
            for n, file in numbered:  # read again: only one article's files are held at once
                captured = read_path(file, now + timedelta(microseconds=n))
                yield replace(_file_capture(captured, (meta or {}).get(file.name)), key=article)

        try:
            yield from _parts(article, source, read())
        except TrackerError as exc:
            yield Problem(one_line(source), one_line(str(exc)))


def _file_capture(capture: Capture, row: dict | None) -> Capture:
    if not row:
        return capture
    at = parse_time(row["captured_at"]) if row.get("captured_at") else capture.captured_at
    return replace(capture, url=row.get("url") or capture.url, captured_at=at)


# -- JSON Lines and web archives ----------------------------------------------------------------
def _jsonl(path: Path) -> Iterator[Unit | Problem]:
    """Runs of consecutive lines of one article, each run a unit (a long one cut in parts); a unit is
    its article's last when the next line is of another article (one unit of look-ahead)."""
    held: Unit | None = None
    for item in _jsonl_runs(path):
        if isinstance(item, Problem):
            yield item
            continue
        if held is not None:
            held.last = held.key != item.key
            yield held
        held = item
    if held is not None:
        yield held


def _jsonl_runs(path: Path) -> Iterator[Unit | Problem]:
    from tracker.capture.jsonl import iter_jsonl

    source = str(path)
    unit: Unit | None = None
    for entry in iter_jsonl(path):
        if entry.error:
            yield Problem(one_line(source), one_line(entry.error))
            continue
        key = article_key(entry.capture, entry.key)
        size = len(entry.capture.raw)
        if unit is not None and (
            key != unit.key or len(unit.captures) >= MAX_UNIT_CAPTURES or unit.size + size > MAX_UNIT_BYTES
        ):
            yield unit
            unit = None
        if unit is None:
            unit = Unit(key, source)
        unit.captures.append(replace(entry.capture, key=key))
        unit.size += size
    if unit is not None:
        yield unit


def _warc(path: Path) -> Iterator[Unit | Problem]:
    """Pass one checks every record and notes each article's records (where they lie, not their
    bytes); pass two reads them back article by article."""
    from tracker.capture.warc import iter_warc, read_payload

    source = str(path)
    places: dict[str, list[tuple[int, Capture]]] = {}
    for entry in iter_warc(path):
        if entry.error:
            yield Problem(one_line(source), one_line(entry.error))
            continue
        key = article_key(entry.capture, None)
        places.setdefault(key, []).append((entry.offset, replace(entry.capture, raw=b"", key=key)))
    for key, records in places.items():

        def read(records: list[tuple[int, Capture]] = records) -> Iterator[Capture]:
            for offset, capture in records:
                yield replace(capture, raw=read_payload(path, offset))

        yield from _parts(key, source, read())
