"""Commands that explain: notes (one article) and report (correction reports over many)."""

from __future__ import annotations

import click

from tracker.cli.common import format_option, rendered, show, tracker_of, write_whole


@click.command()
@click.argument("article")
@format_option("notes")
@click.pass_context
def notes(ctx: click.Context, article: str, fmt: str) -> None:
    """Editor's notes of ARTICLE, each with the changed claims it explains; and unannounced edits."""
    show(fmt, "notes", tracker_of(ctx).notes(article))


@click.command()
@click.argument("articles", nargs=-1)
@format_option("report")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    help="Write to FILE (- for stdout).",
)
@click.pass_context
def report(ctx: click.Context, articles, fmt: str, output: str | None) -> None:  # noqa: ANN001
    """Correction report for ARTICLES (default: all): notes, linked changes, unannounced edits."""
    if output == "-":  # as for most tools, "-" is standard output
        output = None
    results = tracker_of(ctx).report(articles)
    if not output:
        show(fmt, "report", results)
        return
    write_whole(output, rendered(fmt, "report", results, to_terminal=False) + "\n")
    click.echo(f"wrote {output}", err=True)


COMMANDS = [notes, report]
