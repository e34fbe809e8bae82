"""Captures from a BagIt bag written by `tracker export --bagit`: validated against its manifests first
(a bag whose files do not match is refused whole), then every version restored with its own key,
capture time, URL, source and label, byte for byte."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from tracker.errors import InputError
from tracker.values.text import Capture


def is_bag(path: Path) -> bool:
    """Whether a folder is a BagIt bag (it has bagit.txt), to be read as one."""
    return path.is_dir() and (path / "bagit.txt").is_file()


def read_bag(path: Path) -> Iterator[tuple[str, list[Capture]]]:
    """Each article in the bag with its versions as captures, oldest first, after the whole bag is
    validated against its manifests (nothing is read from a bag that fails); one article at a time."""
    import logging

    import bagit

    from tracker.capture.identity import one_line

    logging.getLogger("bagit").setLevel(logging.CRITICAL)  # its progress notes are not the user's business
    try:
        bag = bagit.Bag(str(path))
        bag.validate()
    except bagit.BagValidationError as exc:
        details = "; ".join(one_line(str(d)) for d in (exc.details or [])[:3]) or one_line(str(exc))
        raise InputError(f"bag {path} fails validation, nothing added: {details}") from None
    except bagit.BagError as exc:
        raise InputError(f"not a valid bag: {path}: {one_line(str(exc))}") from None
    data = path / "data"
    try:
        index = json.loads((data / "articles.json").read_text(encoding="utf-8"))
        for article in index:
            yield article["key"], _versions(path, data / article["folder"], article["key"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"bag {path} was not written by tracker export: {one_line(str(exc))}") from None


def _versions(bag: Path, folder: Path, key: str) -> list[Capture]:
    out = []
    for row in json.loads((folder / "versions.json").read_text(encoding="utf-8")):
        raw = (folder / row["raw_file"]).read_bytes()
        if hashlib.sha256(raw).hexdigest() != row["sha256"]:
            raise InputError(f"bag {bag}: {row['raw_file']} of {key!r} does not match its SHA-256")
        out.append(
            Capture(
                raw=raw,
                source=row["source"],
                content_type=row["content_type"],
                captured_at=datetime.fromisoformat(row["captured_at"]),
                url=row.get("url"),
                label=row.get("label"),
                key=key,
            )
        )
    return out
