"""Snapshot bytes read back from their rows: a version's compressed frame, decompressed along its
chain of bases (at most `blobs.MAX_DEPTH` frames), one article or one version at a time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.store.blobs import unpack
from tracker.store.models import SnapshotRow


def raw_of(s: Session, seq: int) -> bytes:
    """The exact bytes of the snapshot added as `seq`; a missing base (a row deleted by hand) or a
    frame that is not zstd's raises ValueError."""
    frames: list[bytes] = []
    current: int | None = seq
    while current is not None:
        row = s.execute(
            select(SnapshotRow.base_seq, SnapshotRow.blob).where(SnapshotRow.seq == current)
        ).first()
        if row is None:
            raise ValueError(f"the version it was compressed against (added as #{current}) is missing")
        if len(frames) > 10_000:  # a loop of bases made by hand
            raise ValueError("its chain of compressed versions loops")
        frames.append(row.blob)
        current = row.base_seq
    raw = None
    for blob in reversed(frames):
        raw = unpack(_bytes(blob), raw)
    return raw or b""


def decode_in_order(rows: Iterable[Any]) -> Iterator[tuple[Any, bytes | ValueError]]:
    """Each row (with `seq`, `base_seq` and `blob`) with its raw bytes, or the ValueError that says why
    they cannot be read; bases are decoded once and kept only while a later row still needs them."""
    rows = list(rows)
    needed = Counter(r.base_seq for r in rows if r.base_seq is not None)
    kept: dict[int, bytes | ValueError] = {}
    by_seq = {r.seq: r for r in rows}
    done: dict[int, bytes | ValueError] = {}
    for row in sorted(rows, key=lambda r: r.seq):  # a base was always added before what rests on it
        done[row.seq] = _decode(row, by_seq, kept)
        if needed[row.seq]:
            kept[row.seq] = done[row.seq]
        if row.base_seq is not None:
            needed[row.base_seq] -= 1
            if needed[row.base_seq] <= 0:
                kept.pop(row.base_seq, None)
    for row in rows:
        yield row, done.pop(row.seq)


def _decode(row: Any, by_seq: dict[int, Any], kept: dict[int, bytes | ValueError]) -> bytes | ValueError:
    base = None
    if row.base_seq is not None:
        if row.base_seq not in by_seq:
            return ValueError(f"the version it was compressed against (added as #{row.base_seq}) is missing")
        base = kept.get(row.base_seq)
        if isinstance(base, ValueError):
            return ValueError(f"the version it was compressed against cannot be read: {base}")
        if base is None:
            return ValueError("its chain of compressed versions is out of order")
    try:
        return unpack(_bytes(row.blob), base)
    except (ValueError, TypeError) as exc:
        return ValueError(str(exc))


def _bytes(blob: object) -> bytes:
    """A frame as stored; one rewritten by hand as text is not a frame."""
    if isinstance(blob, memoryview):
        return blob.tobytes()
    if not isinstance(blob, bytes):
        raise ValueError("stored bytes were replaced by something that is not bytes")
    return blob
