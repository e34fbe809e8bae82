"""The library a user imports: `Tracker(db).add(...)`, `.diff(...)`, `.notes(...)`, `.report(...)`.

Everything the command line does is a call here; the database is opened on first use, so diffing two
files never loads SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from tracker.capture.files import is_file_pair  # noqa: F401 - the CLI asks the library which diff is meant
from tracker.capture.identity import article_key
from tracker.capture.sources import parse_time
from tracker.errors import DatabaseError, InputError, NotFound, TrackerError
from tracker.indexing import Explaining
from tracker.values.text import DiffResult, Side, document

if TYPE_CHECKING:
    from tracker.store.database import Store
    from tracker.values.notes import Note
    from tracker.values.records import (
        AddResult,
        ArticleNotes,
        ArticleSummary,
        LogEntry,
        NoteReport,
        Shown,
        Unannounced,
        Verification,
        Version,
    )
    from tracker.values.text import Capture, Reading

__all__ = [
    "ArticleNotes",
    "DiffResult",
    "LogEntry",
    "NoteReport",
    "Shown",
    "Side",
    "Tracker",
    "Unannounced",
    "diff_files",
    "diff_texts",
    "explain_texts",
    "document",
]

_LAZY_RECORDS = {"ArticleNotes", "LogEntry", "NoteReport", "Shown", "Unannounced"}


def __getattr__(name: str) -> object:
    """The records of notes, logs and shown versions, loaded on first use: diffing two files needs
    none of them, and each costs its dataclass methods' compilation at start."""
    if name in _LAZY_RECORDS:
        from tracker.values import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


READER_VERSION = "3"  # bump when extraction changes: stored readings are then recomputed from the bytes


def _check_text(value: str, what: str, error: type[TrackerError] = InputError) -> None:
    """Arguments arrive as text decoded from the command line; bytes that are not UTF-8 can be neither
    stored nor looked up."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise error(f"{what} is not valid UTF-8 text: {value!r}") from None


def _check_one_line(value: str, what: str) -> None:
    """Keys and labels are printed one per line in logs and tables: no line breaks or control codes."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise InputError(f"{what} has a line break or control character: {value!r}")


def _check_url(url: str) -> None:
    from tracker.capture.identity import is_web_url

    _check_text(url, "the URL")
    if not is_web_url(url):  # "http://[::1" and "http://[zz]/" too: the parser cannot read their host
        raise InputError(f"--url needs an http(s) URL such as https://example.com/story, not {url!r}")


def read_capture(capture: Capture) -> Reading:
    """Bytes -> the text the tracker works on, with title, byline and dates."""
    from tracker.derive.text import extract
    from tracker.values.text import Reading

    name = "standard input" if capture.source == "-" else capture.source  # the whole path: a folder's file
    found = extract(capture.raw, capture.content_type, name, is_note=_reads_as_note)
    return Reading(
        found.text,
        found.title,
        found.byline,
        found.published,
        found.modified,
        found.corrections,
        found.no_article,
    )


def _reads_as_note(text: str) -> bool:
    """The note detector, loaded only when a page has a correction box to judge."""
    from tracker.explain.notes import reads_as_note

    return reads_as_note(text)


def check_key(key: str) -> str:
    """An article key as given by a source (a JSON line, a bag, a folder's name): one line of UTF-8
    text, not blank; returned as it is."""
    if not key.strip():
        raise InputError("the article key is blank")
    _check_text(key, "the article key")
    _check_one_line(key, "the article key")
    return key


def explain_texts(texts: Sequence[str], article: str = "text") -> ArticleNotes:
    """A story's versions as texts in, its notes, links and unannounced edits out: no database."""
    from tracker.explain.pipeline import explain_texts as explain

    return explain(texts, article)


def diff_texts(
    old: str, new: str, sentences: bool = False, labels: tuple[str, str] = ("a", "b")
) -> DiffResult:
    """Diff two texts (the `--no-index` path: no database)."""
    return _compare(Side(labels[0], old), Side(labels[1], new), sentences)


def _compare(old: Side, new: Side, sentences: bool, article: str | None = None) -> DiffResult:
    from tracker.derive.worddiff import word_diff

    claims = None
    if sentences:
        from tracker.derive.align import align

        claims = align(old.text, new.text, _note_spans(old.text), _note_spans(new.text))
    return DiffResult(article, old, new, word_diff(old.text, new.text), claims)


def read_file_text(path: str | Path) -> str:
    """A file as the tracker would read it once stored (HTML reduced to its article text)."""
    from tracker.capture.files import read_path

    capture = read_path(Path(path), None)
    return document(read_capture(capture), capture.content_type)


def diff_files(a: str | Path, b: str | Path, sentences: bool = False) -> DiffResult:
    """Diff two files as the tracker would read them once stored (the `--no-index` path: no database)."""
    for side in (str(a), str(b)):
        if side.startswith(("http://", "https://")):
            raise InputError(
                f"{side}: diff compares files; store a page first (tracker add URL), then diff it"
            )
        if side.lower().endswith((".warc", ".warc.gz", ".arc", ".arc.gz")):
            raise InputError(
                f"{side} is a web archive of pages: add it (tracker add), then diff its versions"
            )
    return diff_texts(read_file_text(a), read_file_text(b), sentences, (str(a), str(b)))


def _note_spans(text: str) -> list[tuple[int, int]]:
    return [(n.start, n.end) for n in _find_notes(text) if n.start >= 0]


def _find_notes(text: str, structured: Sequence[str] = ()) -> list[Note]:
    from tracker.explain.notes import find_notes

    return find_notes(text, structured)


class Tracker(Explaining):
    """A tracker database: add snapshots, then diff, explain and report their history."""

    reader_version = READER_VERSION  # what made the stored readings: part of the index's logic key

    def __init__(self, db: str | None = None) -> None:
        self.db = db
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        """The database for reading: it must exist already."""
        return self._open(create=False)

    def _open(self, create: bool) -> Store:
        if self._store is None:
            from tracker.store.database import Store

            self._store = Store(self.db, create=create)
        return self._store

    # -- capture ------------------------------------------------------------------------------
    def add(
        self,
        sources: Sequence[str],
        article: str | None = None,
        url: str | None = None,
        captured_at: datetime | str | None = None,
        label: str | None = None,
        stdin: BinaryIO | None = None,
    ) -> list[AddResult]:
        """Store each source as a new version (all in one transaction); identical content adds nothing.
        `captured_at` is a datetime or an ISO-8601 string ("2024-01-23T16:00:00Z")."""
        from dataclasses import replace
        from datetime import timedelta

        from tracker.capture.sources import captures
        from tracker.store.keys import key_for

        if not sources:
            raise InputError("nothing to add: give a file, a folder, - for standard input, or a URL")
        if article is not None and not article.strip():
            raise InputError("the article key is blank: give --article a name or leave it out")
        if article is not None:
            _check_text(article, "the article key")
            _check_one_line(article, "the article key")
        if label is not None:
            _check_text(label, "the label")
            _check_one_line(label, "the label")
        if url is not None:
            _check_url(url)
        if list(sources).count("-") > 1:
            raise InputError("standard input (-) is given more than once: it can be read only once")
        if isinstance(captured_at, str):
            captured_at = parse_time(captured_at)
        items = []
        taken: set[datetime] = set()
        for capture in captures(sources, captured_at, stdin):
            # several sources in one command keep the order given when they share a capture time: each
            # later one is a microsecond on; a web archive's records keep their own times
            moment = capture.captured_at
            while moment in taken:
                try:
                    moment += timedelta(microseconds=1)
                except OverflowError:
                    raise InputError(
                        "capture time out of range: no room after it for the next source"
                    ) from None
            taken.add(moment)
            capture = replace(capture, captured_at=moment, label=label)
            if url and not capture.url:  # an archive's record or a fetched page knows its own URL
                capture = replace(capture, url=url)
            reading = read_capture(capture)
            items.append((key_for(self._open(create=True), capture, article), capture, reading))
        results = self.index_added(self._open(create=True).add(items, READER_VERSION))
        return [
            replace(result, no_article=reading.no_article)
            for result, (_, _, reading) in zip(results, items, strict=True)
        ]

    def add_captures(
        self, captures: Sequence[Capture], article: str | None = None, readings: Sequence[Reading] = ()
    ) -> list[AddResult]:
        """Store captures made elsewhere (the watcher's fetches) as `add` stores its sources, in one
        transaction; `readings`, when the caller read them already, are used as they are, in order."""
        read = [readings[k] if k < len(readings) else read_capture(c) for k, c in enumerate(captures)]
        items = [(article_key(c, article), c, r) for c, r in zip(captures, read, strict=True)]
        return self.index_added(self.open_store(create=True).add(items, READER_VERSION))

    def open_store(self, create: bool = False) -> Store:
        """The database, created and migrated first when `create` (a command that writes)."""
        return self._open(create=create)

    def add_read(self, items: Sequence[tuple[str, Capture, Reading]]) -> list[AddResult]:
        """Store captures already read (`read_capture`), each under its key, in one transaction: what a
        bulk import does once per article, the reading done elsewhere (in a worker process)."""
        for key, _, _ in items:
            check_key(key)
        return self._open(create=True).add(list(items), READER_VERSION)

    def close(self) -> None:
        """Let go of the database's connections (before the process forks workers, say)."""
        if self._store is not None:
            self._store.engine.dispose()
            self._store = None

    # -- reading ------------------------------------------------------------------------------
    def articles(self) -> list[ArticleSummary]:
        """Every stored article with its number of versions and first and last capture."""
        return self.store.articles()

    def versions(self, key: str) -> list[Version]:
        """Every version, oldest first; readings made by an older reader are recomputed from the bytes."""
        from tracker.store.keys import stored_key

        _check_text(key, "unknown article: the key", NotFound)
        key = stored_key(self.store, key)
        versions = self.store.versions(key)
        stale = [v for v, r in self.store.reader_versions(key).items() if r != READER_VERSION]
        if stale:
            from tracker.values.text import Capture

            unsaved = {}
            for number in stale:
                v = versions[number - 1]
                raw = self.store.raw(v.article, number)
                capture = Capture(raw, v.source, v.content_type, v.captured_at, v.url, Path(v.source).name)
                reading = read_capture(capture)
                try:
                    self.store.save_reading(v.article, number, reading, READER_VERSION)
                except DatabaseError:  # a read-only database: read afresh for this run, stored as it was
                    unsaved[number] = reading
            versions = [
                replace(v, reading=unsaved[v.version]) if v.version in unsaved else v
                for v in self.store.versions(key)
            ]
        if not versions:
            raise NotFound(f"article {key!r} has no versions")
        return versions

    def _pick(self, versions: list[Version], number: int | None, default: int) -> Version:
        n = default if number is None else number
        if n < 0:
            n = len(versions) + 1 + n
        if not 1 <= n <= len(versions):
            raise NotFound(
                f"article {versions[0].article!r} has no version {number} (it has {len(versions)})"
            )
        return versions[n - 1]

    def show(self, key: str, version: int | None = None) -> Shown:
        """A stored version (default: the latest) as the tracker reads it: text, sentences and notes."""
        from tracker.derive.sentences import split_sentences
        from tracker.values.records import Shown

        versions = self.versions(key)
        shown = [v for v in versions if not v.reading.no_article] or versions
        v = self._pick(versions, version, shown[-1].version)
        text = document(v.reading, v.content_type)
        return Shown(
            v, text, [s.text for s in split_sentences(text)], _find_notes(text, v.reading.corrections)
        )

    def diff(
        self, key: str, old: int | None = None, new: int | None = None, sentences: bool = False
    ) -> DiffResult:
        """Word diff (and with `sentences`, the claim view) of two stored versions; default: the last two."""
        versions = self.versions(key)
        articles = [v for v in versions if not v.reading.no_article] or versions
        if len(articles) < 2 and old is None and new is None:
            raise NotFound(f"article {versions[0].article!r} has only one version: nothing to diff")
        b = self._pick(versions, new, articles[-1].version)
        # default FROM: the article version before TO (a page with no article is skipped)
        earlier = [v.version for v in articles if v.version < b.version]
        a = self._pick(versions, old, earlier[-1] if earlier else max(1, b.version - 1))
        return _compare(
            Side(f"version {a.version}", document(a.reading, a.content_type), a.version, a.captured_at),
            Side(f"version {b.version}", document(b.reading, b.content_type), b.version, b.captured_at),
            sentences,
            a.article,
        )

    def verify(self, keys: Iterable[str] = (), expect_root: str | None = None) -> list[Verification]:
        """Each snapshot against its SHA-256 and chain, the database against its ledger's root and
        `expect_root` (kept elsewhere): a row per version, one per problem."""
        keys, root = list(keys), (expect_root or "").strip().lower()
        for key in keys:
            _check_text(key, "unknown article: the key", NotFound)
        if expect_root is not None and (len(root) != 64 or root.strip("0123456789abcdef")):
            raise InputError("--expect-root needs the 64 hex digits that tracker verify --root printed")
        return self.store.verify(keys, root or None)

    def root(self) -> str:
        """The root hash over all stored, in the order added: keep it elsewhere to verify against."""
        return self.store.root()
