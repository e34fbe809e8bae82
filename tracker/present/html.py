"""Correction reports as one self-contained HTML page."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from tracker.present import Format
from tracker.present.escape import csp_meta
from tracker.values.kinds import NoteKind

if TYPE_CHECKING:
    from tracker.values.records import ArticleNotes


STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top}"
    "blockquote{border-left:4px solid #a0a;margin:0;padding:.2rem 1rem;background:#faf5fa}"
    "del{background:#fdd}ins{background:#dfd;text-decoration:none}"
)


def _facts(change) -> str:  # noqa: ANN001
    return "; ".join(
        f"<del>{escape(f.old or '∅')}</del> → <ins>{escape(f.new or '∅')}</ins> ({f.type})"
        for f in change.facts
        if not f.cosmetic
    )


def _row(cells: list[str]) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def article(r: ArticleNotes) -> str:
    """One article's notes and unannounced edits as an HTML section."""
    stored = f"{r.versions} version{'s' if r.versions != 1 else ''} stored"
    out = [f"<h2>{escape(r.article)}</h2><p>{stored}.</p>"]
    if not r.notes:
        out.append("<p>No editor's notes found.</p>")
    for report in r.notes:
        n = report.note
        out.append(f"<h3>{escape(NoteKind(n.kind).label)} (first in version {report.version})</h3>")
        out.append(f"<blockquote>{escape(n.text)}</blockquote>")
        if report.links:
            out.append("<table><tr><th>score</th><th>before</th><th>after</th><th>changed</th></tr>")
            for link in report.links:
                c = link.change
                out.append(
                    _row([f"{link.score:.2f}", escape(c.before or "—"), escape(c.after or "—"), _facts(c)])
                )
            out.append("</table>")
        else:
            out.append("<p>No changed claim linked to this note.</p>")
    if not r.unannounced:
        out.append("<p>No unannounced edits.</p>")
    else:
        out.append(f"<h3>Unannounced edits ({len(r.unannounced)})</h3>")
        out.append(
            "<table><tr><th>versions</th><th>claim</th><th>before</th><th>after</th><th>changed</th></tr>"
        )
        for u in r.unannounced:
            c = u.change
            out.append(
                _row(
                    [
                        f"{u.from_version} → {u.to_version}",
                        c.status,
                        escape(c.before or "—"),
                        escape(c.after or "—"),
                        _facts(c),
                    ]
                )
            )
        out.append("</table>")
    return "\n".join(out)


def summary(results: list[ArticleNotes]) -> str:
    """The summary table over all articles."""
    columns = list(results[0].summary())
    head = "<tr>" + "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in columns) + "</tr>"
    rows = [_row([escape(str(v)) for v in r.summary().values()]) for r in results]
    return "<h2>Summary</h2><table>" + head + "".join(rows) + "</table>"


def report(results: list[ArticleNotes]) -> str:
    """The correction report as one self-contained HTML page."""
    body = "\n".join(([summary(results)] if len(results) > 1 else []) + [article(r) for r in results])
    body = body or "<p>No articles stored.</p>"
    return (
        # the policy first: nothing on the page may load or run but its own style sheet
        f"<!doctype html><html lang=en><head><meta charset=utf-8>{csp_meta(STYLE)}<title>Correction report</title>"
        f"<style>{STYLE}</style></head><body><h1>Correction report</h1>\n{body}\n</body></html>"
    )


FORMAT = Format("html", "html for a page", {"report": lambda results, _out: report(results)})
