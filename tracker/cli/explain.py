"""Commands that explain: notes (one article) and report (correction reports over many), both answered
from the index of what was derived."""

from __future__ import annotations

import click

from tracker.cli.common import (
    corpus_filter,
    filter_options,
    format_option,
    show,
    tracker_of,
    write_streamed,
)


@click.command()
@click.argument("article")
@format_option("notes")
@filter_options
@click.pass_context
def notes(ctx: click.Context, article: str, fmt: str, **filters) -> None:  # noqa: ANN003
    """Editor's notes of ARTICLE, each with the changed claims it explains; and unannounced edits."""
    where = corpus_filter(**filters)
    tracker = tracker_of(ctx)
    if where is None or not where.items:
        item = tracker.indexed(article)
        write_streamed(fmt, "notes", item, item.values)
        return
    show(fmt, "notes", tracker.notes(article, where))


@click.command()
@click.argument("articles", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Every stored article (the default without ARTICLE).")
@format_option("report")
@filter_options
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    help="Write to FILE (- for stdout).",
)
@click.pass_context
def report(ctx: click.Context, articles, every: bool, fmt: str, output: str | None, **filters) -> None:  # noqa: ANN001, ANN003
    """Correction report for ARTICLES (default: all): notes, linked changes, unannounced edits.

    Over the whole archive it answers from the index and writes JSON as it goes; --since, --until,
    --url-prefix, --kind and --unannounced-only narrow it down.
    """
    if every and articles:
        raise click.UsageError("give ARTICLE... or --all, not both")
    if output == "-":  # as for most tools, "-" is standard output
        output = None
    corpus = tracker_of(ctx).corpus(articles, corpus_filter(**filters))
    write_streamed(fmt, "report", corpus, lambda: [a.values() for a in corpus.articles()], output)
    if output:
        click.echo(f"wrote {output}", err=True)


COMMANDS = [notes, report]
