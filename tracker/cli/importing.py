"""Bulk work: `tracker import` (folders, web archives, JSON Lines, bags), with a progress bar on a
terminal and plain progress lines when piped; the summary last, and every error with its source."""

from __future__ import annotations

import json
import sys
import time

import click


class _Lines:
    """Progress as a plain line every few seconds, on standard error (for logs and pipes)."""

    def __init__(self, every: float = 5.0) -> None:
        self.every, self.last, self.started = every, time.monotonic(), time.monotonic()

    def __call__(self, p) -> None:  # noqa: ANN001 - tracker.importer.run.Progress
        now = time.monotonic()
        if now - self.last < self.every:
            return
        self.last = now
        share = f", {100 * p.done_bytes / p.total_bytes:.0f} % of the input" if p.total_bytes else ""
        rate = p.versions / max(now - self.started, 1e-9)
        click.echo(
            f"imported {p.articles:,} articles, {p.versions:,} versions{share} ({rate:,.0f} versions/s)",
            err=True,
        )


def _bar():  # noqa: ANN202 - a rich Progress and the callback that moves it
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("importing"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[articles]:,} articles, {task.fields[versions]:,} versions"),
        TextColumn("{task.fields[rate]:,.0f}/s"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("import", total=None, articles=0, versions=0, rate=0.0)
    started = time.monotonic()

    def moved(p) -> None:  # noqa: ANN001
        rate = p.versions / max(time.monotonic() - started, 1e-9)
        bar.update(
            task,
            completed=p.done_bytes,
            total=p.total_bytes or None,
            articles=p.articles,
            versions=p.versions,
            rate=rate,
        )

    return bar, moved


@click.command("import")
@click.argument("sources", nargs=-1, required=True)
@click.option("--workers", type=click.IntRange(1, 256), help="Worker processes (default: every core).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="json for programs."
)
@click.pass_context
def import_(ctx: click.Context, sources, workers, fmt) -> None:  # noqa: ANN001
    """Import many captures at once: folders (a folder per article, or files keyed as `add` keys them),
    web archives, JSON Lines ({"article", "url", "captured_at", "text" or "html"}) and bags written
    by `tracker export --bagit`. Stored article by article: rerun after an interruption to resume.

    Example: tracker import crawl.warc.gz captures.jsonl archive/
    """
    from tracker.importer.run import import_sources

    db = ctx.find_root().obj["db"]
    if sys.stderr.isatty():
        bar, moved = _bar()
        with bar:
            summary = import_sources(db, list(sources), workers, moved)
    else:
        summary = import_sources(db, list(sources), workers, _Lines())
    nothing_read = not summary.articles and not summary.interrupted
    if fmt == "json":
        click.echo(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False))
    elif not (nothing_read and summary.errors):  # a source refused whole is its one error line
        for line in summary.lines():
            click.echo(line)
    for problem in summary.errors:
        click.echo(f"Error: {problem.source}: {problem.message}", err=True)
    if summary.interrupted:
        click.echo("Interrupted: what was stored is kept; run the same command again to resume.", err=True)
        ctx.exit(130)
    if summary.errors:
        ctx.exit(1)


COMMANDS = [import_]
