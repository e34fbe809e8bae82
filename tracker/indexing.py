"""The index of what was derived: each version's part of its article's explanation, written when the
version is added, and each article's explanation put together, so `notes`, `log`, `claims` and `report`
answer without reading the snapshots again.

Entries are keyed by `logic_key(tracker.reader_version)`, the version of the reading and explaining code; an entry made by
other code, or for other versions of the article, is stale. A missing or stale entry is recomputed when
read (and saved when the database can be written), so the answers are always those of
`tracker.explain.history`, the whole-history computation (a test holds the two alike).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tracker.errors import DatabaseError

if TYPE_CHECKING:
    from tracker.store import index
    from tracker.store.database import Store
    from tracker.store.index import CorpusFilter
    from tracker.values.corpus import Corpus, IndexedArticle
    from tracker.values.parts import VersionPart
    from tracker.values.records import AddResult, ArticleNotes, ClaimHistory, LogEntry, Version

LOGIC_REVISION = "1"  # bump when what is derived changes in a way the code's hash would not show
_LOGIC_SOURCES = ("derive", "explain", "values", "vocabulary.py", "present/json.py")

__all__ = ["Explaining", "logic_key"]


class Tracker(Protocol):
    """What this module asks of the library (tracker.api.Tracker), named here without importing it."""

    reader_version: str

    @property
    def store(self) -> Store:
        """The database, for reading."""

    def versions(self, key: str) -> list[Version]:
        """Every version of an article with its reading."""

    def articles(self) -> list:
        """Every stored article."""


@cache
def logic_key(reader_version: str) -> str:
    """The version of the reading and explaining logic: the package's version, the logic revision, the
    reader's version, and a hash of the code that derives (so an edit of it makes every entry stale)."""
    import hashlib

    from tracker import __version__

    root = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _LOGIC_SOURCES:
        path = root / name
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            if source.is_file():
                digest.update(source.relative_to(root).as_posix().encode() + b"\0" + source.read_bytes())
    return f"{__version__}.{LOGIC_REVISION}.r{reader_version}-{digest.hexdigest()[:12]}"


# -- the parts of each version ------------------------------------------------------------------
def _light_versions(key: str, snaps: Sequence[index.SnapshotInfo]) -> list[Version]:
    """The versions as the assembly needs them: numbers, times, URLs (no text)."""
    from tracker.values.records import Version
    from tracker.values.text import Reading

    empty = Reading("")
    return [
        Version(key, s.version, s.captured_at, s.captured_at, "", s.url, "", s.sha256, 0, None, empty)
        for s in snaps
    ]


def refresh_parts(tracker: Tracker, key: str, with_parts: bool = True) -> list[VersionPart] | None:
    """Compute and save the parts of the versions of `key` that are missing or stale; with
    `with_parts`, return every version's part, oldest first."""
    from tracker.explain.derived import version_part
    from tracker.explain.history import VersionText
    from tracker.store import index
    from tracker.store.index import StoredPart
    from tracker.values import codec

    store = tracker.store
    aid = index.article_id(store, key)
    snaps = index.snapshots(store, aid)
    stored = index.parts(store, aid, with_text=with_parts)
    logic = logic_key(tracker.reader_version)
    need = [
        k
        for k, s in enumerate(snaps)
        if (p := stored.get(s.id)) is None
        or p.logic != logic
        or p.previous_sha256 != (snaps[k - 1].sha256 if k else None)
    ]
    fresh: dict[int, VersionPart] = {}
    if need:
        wanted = {snaps[j].id for k in need for j in (k - 1, k) if j >= 0}
        if any(r != tracker.reader_version for r in store.reader_versions(key).values()):
            by_number = {v.version: v for v in tracker.versions(key)}  # readings made again
            versions = {s.id: by_number[s.version] for s in snaps if s.id in wanted}
        else:
            versions = index.versions_of(store, key, wanted)
        texts: dict[int, VersionText] = {}

        def text_of(k: int) -> VersionText:
            if k not in texts:
                texts[k] = VersionText(versions[snaps[k].id], texts.get(k - 1))
            return texts[k]

        rows = []
        for k in need:
            old = text_of(k - 1) if k else None
            part = version_part(text_of(k), old)
            fresh[snaps[k].id] = part
            rows.append(
                (snaps[k].id, StoredPart(logic, snaps[k - 1].sha256 if k else None, codec.dumps(part)))
            )
        try:
            index.save_parts(store, aid, rows)
        except DatabaseError:  # a read-only database: computed for this run only
            pass
    if not with_parts:
        return None
    return [fresh[s.id] if s.id in fresh else codec.loads(stored[s.id].part) for s in snaps]


# -- an article put together ------------------------------------------------------------------------
def _document(result: ArticleNotes) -> str:
    from tracker.present.json import article_notes

    return json.dumps(article_notes(result), indent=2, ensure_ascii=False)


def _summary(result: ArticleNotes) -> str:
    return json.dumps(result.summary(), ensure_ascii=False)


def reindex(tracker: Tracker, key: str, force: bool = False) -> IndexedArticle:
    """The article's explanation from the index, made again (and saved when the database can be
    written) when missing or stale, or when forced."""
    from tracker.store import index
    from tracker.values import codec
    from tracker.values.corpus import IndexedArticle

    store = tracker.store
    key = store.resolve_key(key)
    aid = index.article_id(store, key)
    snaps = index.snapshots(store, aid)
    if not snaps:
        from tracker.errors import NotFound

        raise NotFound(f"article {key!r} has no versions")
    entry = None if force else index.article_entry(store, aid)
    if (
        entry is not None
        and entry.logic == logic_key(tracker.reader_version)
        and entry.fingerprint == index.fingerprint(snaps)
    ):
        return _indexed(store, entry)
    from tracker.explain.derived import assemble

    parts = refresh_parts(tracker, key)
    result = assemble(_light_versions(key, snaps), parts)
    kinds = ",".join(sorted({str(r.note.kind) for r in result.notes}))
    row = index.article_row(
        logic=logic_key(tracker.reader_version),
        fingerprint=index.fingerprint(snaps),
        url=result.url or key,
        kinds=f",{kinds}," if kinds else "",
        unannounced=len(result.unannounced),
        first_captured=snaps[0].captured_at,
        last_captured=snaps[-1].captured_at,
        times=json.dumps([s.captured_at.isoformat() for s in snaps]),
        explanation=codec.dumps(result),
        document=_document(result),
        summary=_summary(result),
    )
    try:
        index.save_article(store, aid, row)
    except DatabaseError:
        pass
    return IndexedArticle(key, row.document, row.summary, lambda: result)


def _indexed(store: Store, entry: index.ArticleEntry) -> IndexedArticle:
    from tracker.store import index
    from tracker.values import codec
    from tracker.values.corpus import IndexedArticle

    def values() -> ArticleNotes:

        stored = entry.explanation
        return codec.loads(stored if stored is not None else index.explanation(store, entry.key))

    return IndexedArticle(entry.key, entry.document, entry.summary, values)


def log(tracker: Tracker, key: str) -> list:
    """`tracker log` from the index."""
    from tracker.explain.derived import assemble_log

    versions = tracker.versions(key)
    return assemble_log(versions, refresh_parts(tracker, key))


def claims(tracker: Tracker, key: str) -> list:
    """`tracker claims` from the index."""
    from tracker.explain.derived import assemble_claims
    from tracker.store import index

    store = tracker.store
    key = store.resolve_key(key)
    snaps = index.snapshots(store, index.article_id(store, key))
    return assemble_claims(_light_versions(key, snaps), refresh_parts(tracker, key))


# -- filters --------------------------------------------------------------------------------------
def select_items(result: ArticleNotes, times: Sequence[datetime], flt: CorpusFilter) -> ArticleNotes | None:
    """The notes and unannounced edits of `result` that the filter keeps (by the capture time of the
    version they appear in, the note's kind, or being unannounced); None when nothing is left."""

    def in_window(version: int) -> bool:
        moment = times[version - 1]
        return (flt.since is None or moment >= flt.since) and (flt.until is None or moment <= flt.until)

    notes = [] if flt.unannounced_only else [r for r in result.notes if in_window(r.version)]
    if flt.kinds:
        notes = [r for r in notes if str(r.note.kind) in flt.kinds]
    unannounced = [] if flt.kinds else [u for u in result.unannounced if in_window(u.to_version)]
    if not notes and not unannounced:
        return None
    return replace(result, notes=notes, unannounced=unannounced)


def filtered(item: IndexedArticle, times: Sequence[datetime], flt: CorpusFilter) -> IndexedArticle | None:
    """An indexed article cut down by an item filter, its document and summary made again."""
    from tracker.values.corpus import IndexedArticle

    if not flt.items:
        return item
    kept = select_items(item.values(), times, flt)
    if kept is None:
        return None
    return IndexedArticle(item.article, _document(kept), _summary(kept), lambda: kept)


def _times(text: str) -> list[datetime]:
    return [datetime.fromisoformat(t) for t in json.loads(text)]


def _article_kept(item: IndexedArticle, first: datetime, last: datetime, flt: CorpusFilter) -> bool:
    """The article-level filters, for an entry the database could not store (and so not select)."""
    if flt.url_prefix and not (item.values().url or item.article).startswith(flt.url_prefix):
        return False
    if flt.since and last < flt.since or flt.until and first > flt.until:
        return False
    return not flt.unannounced_only or bool(item.values().unannounced)


def corpus(tracker: Tracker, keys: Iterable[str] = (), flt: CorpusFilter | None = None) -> Corpus:
    """Every article asked for (default: all) explained from the index, streamed in key order (or in
    the order given); missing and stale entries are made again first (and kept for this run only
    when the database cannot be written)."""
    from tracker.store import index
    from tracker.store.index import CorpusFilter
    from tracker.values.corpus import Corpus

    flt = flt or CorpusFilter()
    store = tracker.store
    keys = [store.resolve_key(k) for k in dict.fromkeys(keys)]
    stale = index.stale_articles(store, logic_key(tracker.reader_version), keys)
    unsaved: dict[str, IndexedArticle] = {}
    for key in stale:
        unsaved[key] = reindex(tracker, key)
    if stale:  # those the database took are read back like the others
        left = set(index.stale_articles(store, logic_key(tracker.reader_version), stale))
        unsaved = {k: v for k, v in unsaved.items() if k in left}

    def from_entry(entry: index.ArticleEntry) -> IndexedArticle | None:
        return filtered(_indexed(store, entry), _times(entry.times), flt)

    def articles() -> Iterator[IndexedArticle]:
        if not keys and not unsaved:
            for entry in index.entries(store, flt):
                if (kept := from_entry(entry)) is not None:
                    yield kept
            return
        for key in keys or [a.key for a in tracker.articles()]:
            if key in unsaved:
                item = unsaved[key]
                snaps = index.snapshots(store, index.article_id(store, key))
                times = [s.captured_at for s in snaps]
                if _article_kept(item, times[0], times[-1], flt):
                    if (kept := filtered(item, times, flt)) is not None:
                        yield kept
                continue
            for entry in index.entries(store, flt, [key]):
                if (kept := from_entry(entry)) is not None:
                    yield kept

    def summaries() -> Iterator[str]:
        if flt.items or keys or unsaved:
            for item in articles():
                yield item.summary
            return
        yield from index.summaries(store, flt)

    return Corpus(articles, summaries)


def stale(tracker: Tracker, keys: Iterable[str] = (), force: bool = False) -> list[str]:
    """The articles (default: all) whose entries are missing or stale, or with `force` all of them."""
    from tracker.store import index

    store = tracker.store
    wanted = [store.resolve_key(k) for k in keys]
    if force:
        return wanted or [a.key for a in tracker.articles()]
    return index.stale_articles(store, logic_key(tracker.reader_version), wanted)


def rebuild_one(tracker: Tracker, key: str, force: bool = False) -> IndexedArticle:
    """Make an article's entries again: the stale ones, or with `force` every one."""
    from tracker.store import index

    if force:
        index.drop_parts(tracker.store, index.article_id(tracker.store, key))
    return reindex(tracker, key, force=force)


class Explaining:
    """The library's questions answered from the index: `Tracker` (tracker.api) has them as its own."""

    def index_added(self, results: list[AddResult]) -> list[AddResult]:
        """Write the parts of the versions just added (an article's explanation is put together when
        asked for, or by `reindex`); the results are handed back."""
        for key in dict.fromkeys(r.article for r in results if r.added):
            refresh_parts(self, key, with_parts=False)
        return results

    def notes(self, key: str, where: CorpusFilter | None = None) -> ArticleNotes:
        """Every note with the changes it explains, and the changes no note explains; `where` keeps
        those of some capture times or note kinds, or only the unannounced edits."""
        item = reindex(self, key)
        result = item.values()
        if where is None or not where.items:
            return result
        times = [v.captured_at for v in self.store.versions(key)]
        return select_items(result, times, where) or replace(result, notes=[], unannounced=[])

    def indexed(self, key: str) -> IndexedArticle:
        """The article's explanation as the index holds it (its JSON document, summary and values)."""
        return self.reindex(key)

    def reindex(self, key: str, force: bool = False) -> IndexedArticle:
        """Make the article's missing or stale index entries (forced: all); a bulk import calls it."""
        return rebuild_one(self, key, force)

    def stale(self, keys: Iterable[str] = (), force: bool = False) -> list[str]:
        """The articles (default: all) whose index entries are missing or stale (with `force`: all)."""
        return stale(self, keys, force)

    def claims(self, key: str) -> list[ClaimHistory]:
        """When each claim appeared, changed and went, across every stored version."""
        return claims(self, key)

    def log(self, key: str) -> list[LogEntry]:
        """Each version with its capture time, hash and a one-line summary of what changed."""
        return log(self, key)

    def corpus(self, keys: Iterable[str] = (), where: CorpusFilter | None = None) -> Corpus:
        """The articles asked for (default: all) explained from the index and streamed, filtered."""
        return corpus(self, keys, where)

    def report(self, keys: Iterable[str] = (), where: CorpusFilter | None = None) -> list[ArticleNotes]:
        """The notes and unannounced edits of each article asked for (default: all)."""
        return [item.values() for item in self.corpus(keys, where).articles()]
