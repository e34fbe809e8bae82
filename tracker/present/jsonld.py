"""Correction reports as schema.org JSON-LD: each article a NewsArticle, each note a CorrectionComment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.present import Format
from tracker.present.escape import json_for_html
from tracker.values.claims import arrow

if TYPE_CHECKING:
    from tracker.values.records import ArticleNotes


def article(r: ArticleNotes) -> dict[str, Any]:
    """One article as a schema.org NewsArticle with a CorrectionComment per note."""
    node: dict[str, Any] = {"@type": "NewsArticle", "identifier": r.article}
    if r.url:
        node["url"] = r.url
    node["correction"] = [
        {
            "@type": "CorrectionComment",
            "text": report.note.text,
            "additionalType": report.note.kind,
            "position": report.version,
            "about": [
                {
                    "@type": "Claim",
                    "text": link.change.after or link.change.before,
                    "description": "; ".join(
                        arrow(f.old, f.new) for f in link.change.facts if not f.cosmetic
                    ),
                }
                for link in report.links
            ],
        }
        for report in r.notes
    ]
    return node


def report(results: list[ArticleNotes]) -> dict[str, Any]:
    """Every article's JSON-LD in one @graph."""
    return {"@context": "https://schema.org", "@graph": [article(r) for r in results]}


FORMAT = Format(
    "jsonld",
    "jsonld for schema.org CorrectionComment",
    # written to sit in a page's <script type="application/ld+json">: `<` as \\u003c, never `</script>`
    {"report": lambda results, _out: json_for_html(report(results))},
)
