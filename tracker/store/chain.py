"""The hashes that make the stored history tamper-evident, and a version's stable identity.

- Each snapshot's `link` is SHA-256 over the link of the version before it, its raw bytes' SHA-256, its
  capture time, URL and article key: change, delete, reorder or swap a version and the links after
  it no longer follow.
- The ledger's `root` is a running SHA-256 over every snapshot in the order it was added (article
  key, raw SHA-256, capture time, URL): one value that changes whenever anything stored changes, even
  after a rewrite that recomputed every hash and link, so a root kept elsewhere proves the database.
- A version's stable id (SHA-256 over its raw SHA-256 and capture time, 12 hex digits) names it
  whatever number it later gets.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

EMPTY_ROOT = "0" * 64  # the root of a database with nothing in it


def moment(at: datetime) -> str:
    """A capture time as hashed: UTC, to the microsecond."""
    at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    return at.isoformat(timespec="microseconds")


def link(previous: str | None, sha256: str, captured_at: datetime, url: str | None, key: str) -> str:
    """The chain link of a version whose predecessor's link is `previous` (None for version 1)."""
    record = json.dumps([previous or "", sha256, moment(captured_at), url or "", key])
    return hashlib.sha256(record.encode("utf-8")).hexdigest()


def next_root(root: str, key: str, sha256: str, captured_at: datetime, url: str | None) -> str:
    """The ledger's root after one more snapshot was added."""
    record = json.dumps([root, key, sha256, moment(captured_at), url or ""])
    return hashlib.sha256(record.encode("utf-8")).hexdigest()


def stable_id(sha256: str, captured_at: datetime) -> str:
    """A version's name that no renumbering changes."""
    return hashlib.sha256(f"{sha256}@{moment(captured_at)}".encode()).hexdigest()[:12]
