"""Results as Markdown: correction reports a standards editor can paste, diffs a journalist can share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.derive.worddiff import changed_paragraphs
from tracker.present import Format
from tracker.present.escape import markdown, markdown_code
from tracker.present.marks import marked_pieces
from tracker.values.kinds import NoteKind
from tracker.values.text import DELETE, EQUAL, DiffResult, Segment

if TYPE_CHECKING:
    from tracker.values.claims import ClaimChange
    from tracker.values.records import ArticleNotes


def _escape(text: str) -> str:
    """Article text, a key, a URL shown as text on one line (a heading, a table cell): no HTML, no
    Markdown markup, no line break (tracker.present.escape)."""
    return markdown(text)


def _facts(change: ClaimChange) -> str:
    return "; ".join(
        f"{markdown_code(f.old or '∅')} → {markdown_code(f.new or '∅')} ({f.type})"
        for f in change.facts
        if not f.cosmetic
    )


def _lines(text: str) -> str:
    """Text over several lines, each escaped on its own: the paragraphs of a diff stay paragraphs."""
    return "\n".join(markdown(line) if line.strip() else line for line in text.split("\n"))


def _quote(text: str) -> str:
    """A note as a block quote, each of its lines escaped."""
    return "\n".join("> " + markdown(line) for line in text.split("\n"))


def _segments(segments: list[Segment]) -> str:
    out = []
    for s in segments:
        if s.op == EQUAL:
            out.append(_lines(s.text))
            continue
        mark = "~~" if s.op == DELETE else "**"
        out.extend(
            f"{mark}{_lines(piece)}{mark}" if marked else piece for piece, marked in marked_pieces(s.text)
        )
    return "".join(out)


def diff(result: DiffResult, full: bool = False) -> str:
    """The word diff with ~~deleted~~ and **inserted** words, or the claim view as a table."""
    article = _escape(result.article) + ": " if result.article else ""
    head = f"## {article}{_escape(result.old.label)} → {_escape(result.new.label)}\n"
    if result.claims is not None:
        rows = ["| claim | before | after | changed |", "| --- | --- | --- | --- |"]
        for c in result.claims:
            if c.status != "unchanged":
                status = c.status + (" (note)" if c.in_note else "")
                rows.append(
                    f"| {status} | {_escape(c.before or '')} | {_escape(c.after or '')} | {_facts(c)} |"
                )
        return head + "\n" + "\n".join(rows) + "\n"
    if full:
        body = _segments(result.segments)
    else:
        body = "\n\n…\n\n".join(_segments(p) for p in changed_paragraphs(result.segments))
    body = body or "_no differences_"
    return head + "\n" + body + "\n"


def article_notes(r: ArticleNotes) -> str:
    """One article's notes and unannounced edits as a Markdown section."""
    lines = [
        f"## {_escape(r.article)}",
        "",
        f"{r.versions} version{'s' if r.versions != 1 else ''} stored.",
        "",
    ]
    if not r.notes:
        lines += ["No editor's notes found.", ""]
    for report in r.notes:
        n = report.note
        lines += [f"### {NoteKind(n.kind).label} (first in version {report.version})", ""]
        lines += [_quote(n.text), ""]
        if not report.links:
            lines += ["No changed claim linked to this note.", ""]
            continue
        lines += ["| # | score | before | after | changed |", "| --- | --- | --- | --- | --- |"]
        for k, link in enumerate(report.links, 1):
            c = link.change
            lines.append(
                f"| {k} | {link.score:.2f} | {_escape(c.before or '—')} | {_escape(c.after or '—')} | {_facts(c)} |"
            )
        lines.append("")
    if r.unannounced:
        lines += [f"### Unannounced edits ({len(r.unannounced)})", ""]
        lines += ["| versions | claim | before | after | changed |", "| --- | --- | --- | --- | --- |"]
        for u in r.unannounced:
            c = u.change
            lines.append(
                f"| {u.from_version} → {u.to_version} | {c.status} | {_escape(c.before or '—')} | {_escape(c.after or '—')} | {_facts(c)} |"
            )
        lines.append("")
    else:
        lines += ["No unannounced edits.", ""]
    return "\n".join(lines)


def report(results: list[ArticleNotes]) -> str:
    """The correction report as one Markdown page."""
    parts = ["# Correction report", ""] + ([] if results else ["No articles stored.", ""])
    if len(results) > 1:
        columns = list(results[0].summary())
        parts += [
            "| " + " | ".join(c.replace("_", " ") for c in columns) + " |",
            "|" + " --- |" * len(columns),
        ]
        for r in results:
            parts.append("| " + " | ".join(_escape(str(v)) for v in r.summary().values()) + " |")
        parts.append("")
    return "\n".join(parts) + "\n" + "\n".join(article_notes(r) for r in results)


FORMAT = Format(
    "markdown",
    "markdown for a page",
    {
        "diff": lambda result, out: diff(result, full=out.full),
        "notes": lambda result, _out: article_notes(result),
        "report": lambda results, _out: report(results),
    },
)
