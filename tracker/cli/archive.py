"""Commands that store and account for what is stored: add, articles, verify."""

from __future__ import annotations

import json
import sys

import click

from tracker.cli.common import format_option, parse_time_option, show, tracker_of


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--article", help="Article key (default: the URL, else the file name).")
@click.option("--url", help="The article's URL, when the source is a file.")
@click.option("--captured-at", callback=parse_time_option, help="Capture time, ISO-8601 (default: now).")
@click.option("--label", help="A note stored with the snapshot, e.g. 'reconstructed'.")
@format_option("added")
@click.pass_context
def add(ctx: click.Context, sources, article, url, captured_at, label, fmt) -> None:  # noqa: ANN001
    """Store snapshots: files, folders, - (standard input) or http(s) URLs."""
    results = tracker_of(ctx).add(
        list(sources), article=article, url=url, captured_at=captured_at, label=label
    )
    show(fmt, "added", results)


@click.command()
@format_option("articles")
@click.pass_context
def articles(ctx: click.Context, fmt: str) -> None:
    """What is stored: each article with its number of versions."""
    show(fmt, "articles", tracker_of(ctx).articles())


@click.command()
@click.argument("articles", nargs=-1)
@click.option(
    "--root", "print_root", is_flag=True, help="Print the database's root hash (keep it elsewhere)."
)
@click.option("--expect-root", metavar="HEX", help="Also prove the history against a root kept elsewhere.")
@format_option("verify")
@click.pass_context
def verify(ctx: click.Context, articles, print_root: bool, expect_root: str | None, fmt: str) -> None:  # noqa: ANN001
    """Prove that nothing stored was altered, deleted, reordered, re-timed or swapped: each snapshot
    against its SHA-256 and its chain, the database against its ledger's root.

    Example: tracker verify --root > root.txt; later: tracker verify --expect-root "$(cat root.txt)"
    """
    tracker = tracker_of(ctx)
    if print_root:
        root = tracker.root()
        click.echo(json.dumps({"root": root}) if fmt == "json" else root)
        return
    rows = tracker.verify(articles, expect_root=expect_root)
    show(fmt, "verify", rows)
    bad = [r for r in rows if not r.ok]
    if bad:
        raise click.ClickException(f"{len(bad)} problem(s) found: the stored history is not as it was added")


COMMANDS = [add, articles, verify]


@click.command()
@click.argument("articles", nargs=-1)
@click.option("--force", is_flag=True, help="Make every entry again, not only the missing and stale ones.")
@click.pass_context
def rebuild(ctx: click.Context, articles, force: bool) -> None:  # noqa: ANN001
    """Make the index of what was derived again for ARTICLES (default: all) after an upgrade: notes,
    links and changes of every version whose entry is missing or made by other code."""
    tracker = tracker_of(ctx)
    todo = tracker.stale(articles, force=force)
    if not todo:
        click.echo("the index is up to date", err=True)
        return
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("rebuilding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, transient=False) as bar:
            task = bar.add_task("rebuild", total=len(todo))
            for key in todo:
                tracker.reindex(key, force=force)
                bar.advance(task)
    else:
        for k, key in enumerate(todo, 1):
            tracker.reindex(key, force=force)
            click.echo(f"rebuilt {k}/{len(todo)} {key}", err=True)
    click.echo(f"rebuilt the index of {len(todo)} article(s)", err=True)


COMMANDS.append(rebuild)
