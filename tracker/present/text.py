"""Results for people: coloured on a terminal, plain text (git's word-diff markers) when piped."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from tracker.derive.worddiff import changed_paragraphs
from tracker.present import Format, Output
from tracker.present.marks import marked_pieces
from tracker.values.claims import arrow
from tracker.values.kinds import NoteKind
from tracker.values.text import DELETE, EQUAL, Segment

if TYPE_CHECKING:
    from rich.console import Console

    from tracker.values.claims import ClaimChange
    from tracker.values.records import (
        AddResult,
        ArticleNotes,
        ArticleSummary,
        ClaimHistory,
        LogEntry,
        Shown,
        Verification,
    )
    from tracker.values.text import DiffResult

STATUS_MARK = {"unchanged": " ", "edited": "~", "added": "+", "removed": "-", "moved": ">"}


def _time(moment) -> str:  # noqa: ANN001
    # isoformat, not strftime: strftime writes the year 1 as "1", not "0001"
    return moment.isoformat(" ", "seconds")[:19] + " UTC" if moment else "-"


def segments_text(segments: list[Segment]):  # noqa: ANN201 - rich Text, imported lazily
    """Deleted words as [-old-] in red, inserted as {+new+} in green: readable with or without colour."""
    from rich.text import Text

    out = Text()
    for seg in segments:
        if seg.op == EQUAL:
            out.append(seg.text)
            continue
        left, right, style = (
            ("[-", "-]", "bold red strike") if seg.op == DELETE else ("{+", "+}", "bold green")
        )
        for piece, marked in marked_pieces(seg.text):
            out.append(f"{left}{piece}{right}" if marked else piece, style=style if marked else None)
    return out


def _marked(segments: list[Segment]) -> str:
    out = []
    for seg in segments:
        if seg.op == EQUAL:
            out.append(seg.text)
            continue
        left, right = ("[-", "-]") if seg.op == DELETE else ("{+", "+}")
        out.extend(f"{left}{piece}{right}" if marked else piece for piece, marked in marked_pieces(seg.text))
    return "".join(out)


def diff_plain(result: DiffResult, full: bool = False) -> str:
    """The word diff as plain text, for pipes and files: no terminal library needed, so it starts fast."""
    title = f"{result.article}: " if result.article else ""
    lines = [f"{title}{result.old.label} -> {result.new.label}"]
    if full:
        lines.append(_marked(result.segments))
    else:
        paragraphs = changed_paragraphs(result.segments)
        lines.append("\n…\n".join(_marked(p) for p in paragraphs) if paragraphs else "no differences")
    return "\n".join(lines)


def fact_line(change: ClaimChange) -> str:
    """The changed facts of a claim on one line: `Germany -> Poland (country)`."""
    return "; ".join(f"{arrow(f.old, f.new)} ({f.type})" for f in change.facts if not f.cosmetic)


def diff(console: Console, result: DiffResult, full: bool = False) -> None:
    """The word diff, coloured, or the claim view when it was asked for."""
    title = f"{result.article}: " if result.article else ""
    console.print(
        f"{title}{result.old.label} -> {result.new.label}", style="bold", markup=False, highlight=False
    )
    if result.claims is not None:
        _claims(console, result.claims)
        return
    if full:
        console.print(segments_text(result.segments))
        return
    paragraphs = changed_paragraphs(result.segments)
    if not paragraphs:
        console.print("no differences", style="dim")
    for k, paragraph in enumerate(paragraphs):
        if k:
            console.print("…", style="dim")
        console.print(segments_text(paragraph))


def _claims(console: Console, claims: list[ClaimChange]) -> None:
    shown = [c for c in claims if c.status != "unchanged"]
    if not shown:
        console.print("no changed claims", style="dim")
    for c in shown:
        kind = (
            c.status
            + (" (cosmetic)" if c.cosmetic and c.status == "edited" else "")
            + (" [note]" if c.in_note else "")
        )
        style = {"added": "green", "removed": "red", "moved": "blue"}.get(c.status, "yellow")
        console.print(f"{STATUS_MARK[c.status]} {kind}", style=f"bold {style}", markup=False, highlight=False)
        if c.before is not None and c.before != c.after:
            console.print(f"    before: {c.before}", markup=False, highlight=False)
        if c.after is not None:
            console.print(
                f"    {'after: ' if c.before is not None and c.before != c.after else ''}{c.after}",
                markup=False,
                highlight=False,
            )
        if fact_line(c):
            console.print(f"    changed: {fact_line(c)}", style="cyan", markup=False, highlight=False)


def article_notes(console: Console, result: ArticleNotes) -> None:
    """Each note with its linked changes, best first, then the unannounced edits."""
    p = lambda text, style=None: console.print(text, style=style, markup=False, highlight=False)  # noqa: E731
    p(f"{result.article} ({result.versions} version{'s' if result.versions != 1 else ''})", "bold")
    if not result.notes:
        p("  no editor's notes found", "dim")
    for report in result.notes:
        n = report.note
        p(
            f"\n  {NoteKind(n.kind).label} (first in version {report.version}, {n.position}):",
            "bold magenta",
        )
        p(f"    {n.text}")
        if not report.links:
            p(
                "    no changed claim linked"
                + (" (first version: nothing earlier to compare)" if report.version == 1 else ""),
                "dim",
            )
        for rank, link in enumerate(report.links, 1):
            c = link.change
            p(
                f"    {rank}. {c.status} claim, versions {report.version - 1} -> {report.version}, score {link.score:.2f}",
                "bold",
            )
            if c.before is not None:
                p(f"       before: {c.before}")
            if c.after is not None:
                p(f"       after:  {c.after}")
            if fact_line(c):
                p(f"       changed: {fact_line(c)}", "cyan")
            e = link.evidence
            why = []
            if e.values:
                why.append("note states " + ", ".join(e.values))
            if e.type_words:
                why.append(
                    "note's words "
                    + ", ".join(e.type_words)
                    + " fit "
                    + (", ".join(e.fact_types) or c.status)
                )
            if e.context:
                why.append("shared words " + ", ".join(e.context))
            if why:
                p("       evidence: " + "; ".join(why), "dim")
    if result.unannounced:
        p(f"\n  unannounced edits ({len(result.unannounced)}):", "bold red")
        for u in result.unannounced:
            c = u.change
            p(
                f"    versions {u.from_version} -> {u.to_version}, {c.status}: "
                + (fact_line(c) or (c.after or c.before or "")),
                None,
            )
    else:
        p("\n  no unannounced edits", "dim")


def report(console: Console, results: list[ArticleNotes]) -> None:
    """A summary table over the articles, then each article's notes."""
    from rich.table import Table
    from rich.text import Text

    if not results:
        console.print("no articles stored", style="dim", markup=False, highlight=False)

    for k, result in enumerate(results):
        if k:
            console.rule()
        article_notes(console, result)
    if len(results) > 1:
        table = Table(title="Summary")
        for col in results[0].summary():
            table.add_column(col.replace("_", " "))
        for r in results:
            table.add_row(*(Text(str(v)) for v in r.summary().values()))  # a key's "[draft]" is not markup
        console.print(table)


def added(console: Console, results: list[AddResult]) -> None:
    """One line per source: what was added, or why nothing was (a file name's line break escaped)."""
    from tracker.errors import one_line

    for r in results:
        r = replace(r, source=one_line(r.source))
        if r.added:
            moved = (
                f"; the {r.renumbered} later version(s) now count from {r.version + 1}"
                if r.renumbered
                else ""
            )
            empty = (
                "; no article on this page (an error page, a paywall, an app shell or next to no text):"
                " kept as captured, left out of diffs and notes"
                if r.no_article
                else ""
            )
            console.print(
                f"added {r.article} version {r.version} ({r.sha256[:12]}) from {r.source}{moved}{empty}",
                markup=False,
                highlight=False,
            )
        else:
            console.print(
                f"unchanged: {r.source} is identical to {r.article} version {r.duplicate_of}; nothing added",
                markup=False,
                highlight=False,
            )


def articles(console: Console, rows: list[ArticleSummary]) -> None:
    """A table of what is stored."""
    from rich.table import Table
    from rich.text import Text

    if not rows:
        console.print("no articles stored yet: tracker add FILE|URL")
        return
    table = Table()
    for col in ("article", "versions", "first captured", "last captured"):
        table.add_column(col, overflow="fold")
    for a in rows:
        table.add_row(Text(a.key), str(a.versions), _time(a.first_captured), _time(a.last_captured))
    console.print(table)


def log(console: Console, article: str, entries: list[LogEntry]) -> None:
    """One entry per version: time, hash, label, notes and what changed."""
    console.print(article, style="bold", markup=False, highlight=False)
    for e in entries:
        v = e.version
        label = f" [{v.label}]" if v.label else ""
        notes = f" ({e.notes} note{'s' if e.notes != 1 else ''})" if e.notes else ""
        console.print(
            f"version {v.version}  {_time(v.captured_at)}  {v.sha256[:12]}{label}{notes}",
            style="yellow",
            markup=False,
            highlight=False,
        )
        console.print(f"    {e.summary}", markup=False, highlight=False)


def show(console: Console, s: Shown) -> None:
    """A version's headline, byline, dates, notes and text."""
    v = s.version
    console.print(
        f"{v.article} version {v.version} captured {_time(v.captured_at)}",
        style="bold",
        markup=False,
        highlight=False,
    )
    for name in ("title", "byline", "published", "modified"):
        value = getattr(v.reading, name)
        if value:
            console.print(f"{name}: {value}", markup=False, highlight=False)
    console.print()
    console.print(s.text, markup=False, highlight=False)
    if s.notes:
        console.print()
        for n in s.notes:
            console.print(f"[{n.kind}] {n.text}", style="magenta", markup=False, highlight=False)


def verification(console: Console, rows: list[Verification]) -> None:
    """Each snapshot with ok, and each problem on a line of its own: what, where, and why."""
    if not rows:
        console.print("no snapshots stored", style="dim", markup=False, highlight=False)
    for r in rows:
        where = r.article if r.version is None else f"{r.article} version {r.version}"
        if r.ok:
            line = (
                f"{'ok':9} {where} ({r.stable_id}) sha256 {r.sha256}" if r.stable_id else f"ok        {where}"
            )
        else:
            kind, _, why = (r.problem or "altered: does not match its SHA-256").partition(": ")
            line = f"{kind.upper():9} {where}: {why}"
        console.print(line, style=None if r.ok else "bold red", markup=False, highlight=False)


def claim_histories(console: Console, histories: list[ClaimHistory]) -> None:
    """Each claim with the versions where it appeared, changed, moved or went."""
    if not histories:
        console.print("no claim changed", style="dim")
    for h in histories:
        console.print(h.text, style="bold" if not h.removed else "bold red", markup=False, highlight=False)
        for e in h.events:
            detail = "; ".join(f"{arrow(old, new)} ({kind})" for old, new, kind in e.facts)
            console.print(
                f"    version {e.version}: {e.kind}" + (f": {detail}" if detail else ""),
                markup=False,
                highlight=False,
            )


def _console(buffer: io.StringIO, out: Output) -> Console:
    """Rich output: coloured and as wide as the terminal on one, plain and wide enough for tables when
    piped or written to a file."""
    from rich.console import Console

    width = shutil.get_terminal_size().columns if out.tty else 160
    return Console(file=buffer, force_terminal=out.tty, highlight=False, soft_wrap=True, width=width)


def _drawn(
    draw: Callable[..., None], **options: Callable[[Output], object]
) -> Callable[[object, Output], str]:
    """A function that draws on a rich console, as a renderer that returns the text drawn."""

    def render(result: object, out: Output) -> str:
        buffer = io.StringIO()
        draw(_console(buffer, out), result, **{k: get(out) for k, get in options.items()})
        return buffer.getvalue().rstrip("\n")

    return render


def _diff(result: DiffResult, out: Output) -> str:
    if result.claims is None and not out.tty:  # piped: git's word-diff markers, without loading rich
        return diff_plain(result, full=out.full)
    return _drawn(diff, full=lambda o: o.full)(result, out)


FORMAT = Format(
    "text",
    "text for people (the default)",
    {
        "added": _drawn(added),
        "diff": _diff,
        "notes": _drawn(article_notes),
        "report": _drawn(report),
        "log": _drawn(lambda console, entries: log(console, entries[0].version.article, entries)),
        "claims": _drawn(claim_histories),
        "articles": _drawn(articles),
        "show": _drawn(show),
        "verify": _drawn(verification),
    },
)
