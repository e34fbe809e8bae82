"""Stored articles written out as a BagIt bag (RFC 8493), the archivists' package for a transfer: every
raw capture byte for byte, the text read from it, its notes and links as JSON, with SHA-256 and
SHA-512 manifests. `tracker import BAG` (or `tracker add BAG`) restores it byte for byte; the
bag is read back by tracker.capture.bag.

Inside the bag's `data/`: `articles.json` lists each article's key, URL and folder; each folder holds
`versions.json` (capture time, SHA-256, URL, source, content type and label of every version, and the
names of its files), `N.raw` (version N's bytes as captured), `N.txt` (the text the tracker read) and
`notes.json` (the `tracker notes --format json` object).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.errors import InputError

FORMAT = "tracker-bag/1"  # bag-info's Tracker-Bag-Format: what reads it back checks this


@dataclass(frozen=True)
class ArticleExport:
    """One article as it goes into the bag: its versions (each with raw bytes and text) and notes."""

    key: str
    url: str | None
    versions: list[dict[str, Any]] = field(default_factory=list)  # metadata, with "raw" bytes and "text"
    notes: dict[str, Any] = field(default_factory=dict)


def write_bag(directory: str | Path, articles: Iterable[ArticleExport]) -> Path:
    """Write the bag, one article at a time (they may come from a generator, so that only one is held
    in memory); the directory must be new or empty, so nothing of the user's is moved into it."""
    import bagit

    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(f"{target} exists and is not an empty folder: give a new folder for the bag")
    try:
        target.mkdir(parents=True, exist_ok=True)
        index = []
        for number, article in enumerate(articles, 1):
            folder = target / f"article-{number}"
            folder.mkdir()
            rows = []
            for v in article.versions:
                meta = {k: value for k, value in v.items() if k not in ("raw", "text")}
                meta["raw_file"], meta["text_file"] = f"{v['version']}.raw", f"{v['version']}.txt"
                (folder / meta["raw_file"]).write_bytes(v["raw"])
                (folder / meta["text_file"]).write_text(v["text"], encoding="utf-8", errors="surrogatepass")
                rows.append(meta)
            (folder / "versions.json").write_text(_json(rows), encoding="utf-8")
            (folder / "notes.json").write_text(_json(article.notes), encoding="utf-8")
            index.append({"key": article.key, "url": article.url, "folder": folder.name})
        (target / "articles.json").write_text(_json(index), encoding="utf-8")
        info = {
            "Bag-Software-Agent": f"tracker {__version__}",
            "Tracker-Bag-Format": FORMAT,
            "External-Description": f"Version history of {len(index)} news article(s): raw captures, "
            "extracted text, editor's notes and the changes they explain.",
        }
        bagit.make_bag(str(target), info, checksums=["sha256", "sha512"])
    except OSError as exc:
        raise InputError(f"cannot write the bag in {target}: {exc.strerror or exc}") from None
    return target


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
