"""Results as plain dicts for `--format json`: the documented contract for programs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from tracker.present import Format, Output
from tracker.values.text import DELETE, INSERT

if TYPE_CHECKING:  # only in annotations: the registry loads every format at start, which must stay quick
    from tracker.values.claims import ClaimChange
    from tracker.values.corpus import Corpus
    from tracker.values.notes import Link
    from tracker.values.records import (
        AddResult,
        ArticleNotes,
        ArticleSummary,
        ClaimHistory,
        LogEntry,
        NoteReport,
        Shown,
        Verification,
    )
    from tracker.values.text import DiffResult

OPS = {0: "equal", DELETE: "delete", INSERT: "insert"}


def _time(moment) -> str | None:  # noqa: ANN001 - datetime or None
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def facts(change: ClaimChange) -> list[dict[str, str]]:
    """A change's facts as {old, new, type, type_source} objects (cosmetic ones left out)."""
    return [
        {"old": f.old, "new": f.new, "type": f.type, "type_source": f.type_source}
        for f in change.facts
        if not f.cosmetic
    ]


def change(from_version: int, to_version: int, c: ClaimChange) -> dict[str, Any]:
    """A changed claim between two versions, as the JSON contract gives it."""
    return {
        "from_version": from_version,
        "to_version": to_version,
        "status": c.status,
        "before": c.before,
        "after": c.after,
        "changes": facts(c),
    }


def link(from_version: int, to_version: int, item: Link) -> dict[str, Any]:
    """A change a note explains, with its score and evidence."""
    out = change(from_version, to_version, item.change)
    out["score"] = item.score
    e = item.evidence
    out["evidence"] = {
        "values": list(e.values),
        "context": list(e.context),
        "type_words": list(e.type_words),
        "fact_types": list(e.fact_types),
        "wrong_and_right": e.wrong_and_right,
    }
    return out


def note(report: NoteReport) -> dict[str, Any]:
    """A note with its kind, version, position, score, signals and links."""
    n = report.note
    return {
        "text": n.text,
        "kind": n.kind,
        "version": report.version,
        "position": n.position,
        "score": round(n.score, 3),
        "signals": list(n.signals),
        "links": [link(report.version - 1, report.version, item) for item in report.links],
    }


def article_notes(result: ArticleNotes) -> dict[str, Any]:
    """`notes` are the notes that appeared during the stored history, each with the changes it
    explains; notes already in the first stored version have nothing earlier to be checked against
    and are listed apart, in `earlier_notes`."""
    return {
        "article": result.article,
        "versions": result.versions,
        "notes": [note(r) for r in result.appeared],
        "earlier_notes": [note(r) for r in result.already_there],
        "unannounced": [change(u.from_version, u.to_version, u.change) for u in result.unannounced],
    }


def report(results: list[ArticleNotes]) -> dict[str, Any]:
    """Every article's notes, and a summary row per article."""
    return {
        "articles": [article_notes(r) for r in results],
        "summary": [r.summary() for r in results],
    }


def diff(result: DiffResult) -> dict[str, Any]:
    """A diff's sides, its segments and, when asked for, its claims."""
    out: dict[str, Any] = {
        "article": result.article,
        "from": {
            "label": result.old.label,
            "version": result.old.version,
            "captured_at": _time(result.old.captured_at),
        },
        "to": {
            "label": result.new.label,
            "version": result.new.version,
            "captured_at": _time(result.new.captured_at),
        },
        "segments": [{"op": OPS[s.op], "text": s.text} for s in result.segments],
    }
    if result.claims is not None:
        out["claims"] = [
            {
                "status": c.status,
                "before": c.before,
                "after": c.after,
                "changes": facts(c),
                "cosmetic": c.cosmetic and c.status != "unchanged",
                "note": c.in_note,
            }
            for c in result.claims
        ]
    return out


def added(results: list[AddResult]) -> list[dict[str, Any]]:
    """One object per source added or skipped."""
    return [
        {
            "article": r.article,
            "version": r.version,
            "added": r.added,
            "sha256": r.sha256,
            "source": r.source,
            "duplicate_of": r.duplicate_of,
            "renumbered": r.renumbered,
            "no_article": r.no_article,
        }
        for r in results
    ]


def articles(rows: list[ArticleSummary]) -> list[dict[str, Any]]:
    """What is stored, one object per article."""
    return [
        {
            "article": a.key,
            "url": a.url,
            "versions": a.versions,
            "first_captured": _time(a.first_captured),
            "last_captured": _time(a.last_captured),
        }
        for a in rows
    ]


def log(entries: list[LogEntry]) -> list[dict[str, Any]]:
    """One object per version."""
    return [
        {
            "version": e.version.version,
            "captured_at": _time(e.version.captured_at),
            "source": e.version.source,
            "sha256": e.version.sha256,
            "label": e.version.label,
            "summary": e.summary,
            "notes": e.notes,
            "no_article": e.version.reading.no_article,
        }
        for e in entries
    ]


def show(s: Shown) -> dict[str, Any]:
    """A version as read, with its sentences and notes."""
    v = s.version
    return {
        "article": v.article,
        "version": v.version,
        "captured_at": _time(v.captured_at),
        "url": v.url,
        "title": v.reading.title,
        "byline": v.reading.byline,
        "published": v.reading.published,
        "modified": v.reading.modified,
        "text": s.text,
        "sentences": s.sentences,
        "notes": [{"text": n.text, "kind": n.kind} for n in s.notes],
    }


def verification(rows: list[Verification]) -> list[dict[str, Any]]:
    """One object per snapshot checked, and one per problem (`problem` says what, `version` is null
    for the database as a whole)."""
    return [
        {
            "article": r.article,
            "version": r.version,
            "id": r.stable_id,
            "sha256": r.sha256,
            "ok": r.ok,
            "problem": r.problem,
        }
        for r in rows
    ]


def claim_histories(histories: list[ClaimHistory]) -> list[dict[str, Any]]:
    """Each claim with its events."""
    return [
        {
            "claim": h.text,
            "first_version": h.first_version,
            "removed": h.removed,
            "events": [
                {
                    "version": e.version,
                    "event": e.kind,
                    "before": e.before,
                    "after": e.after,
                    "changes": [{"old": old, "new": new, "type": kind} for old, new, kind in e.facts],
                }
                for e in h.events
            ],
        }
        for h in histories
    ]


def _nested(document: str) -> str:
    """A document indented by 2, as it reads two levels down in an indented one."""
    return "    " + document.replace("\n", "\n    ")


def report_stream(corpus: Corpus, _out: Output) -> Iterator[str]:
    """`report` of a corpus, article by article: the same text `report` renders, never held whole."""
    for name, items in (
        ("articles", (a.document for a in corpus.articles())),
        ("summary", (json.dumps(json.loads(s), indent=2, ensure_ascii=False) for s in corpus.summaries())),
    ):
        yield ("{\n" if name == "articles" else ",\n") + f'  "{name}": ['
        empty = True
        for document in items:
            yield ("\n" if empty else ",\n") + _nested(document)
            empty = False
        yield "]" if empty else "\n  ]"
    yield "\n}"


def _dumped(shape: Callable[[Any], object]) -> Callable[[object, Output], str]:
    return lambda result, _out: json.dumps(shape(result), indent=2, ensure_ascii=False)


FORMAT = Format(
    "json",
    "json for programs",
    {
        "added": _dumped(added),
        "diff": _dumped(diff),
        "notes": _dumped(article_notes),
        "report": _dumped(report),
        "log": _dumped(log),
        "claims": _dumped(claim_histories),
        "articles": _dumped(articles),
        "show": _dumped(show),
        "verify": _dumped(verification),
    },
    streams={"report": report_stream, "notes": lambda item, _out: iter([item.document])},
)
