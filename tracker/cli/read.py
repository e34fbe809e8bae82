"""Commands that read one article's history: diff, log, claims, show."""

from __future__ import annotations

import click

from tracker.cli.common import format_option, show, tracker_of, version_number


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("article")
@click.argument("old", required=False, metavar="[FROM]")
@click.argument("new", required=False, metavar="[TO]")
@click.option(
    "--sentences", is_flag=True, help="Claim view: each sentence unchanged, edited, added, removed or moved."
)
@click.option(
    "--full",
    is_flag=True,
    help="Word view: the whole text, not only the changed paragraphs (not with --sentences).",
)
@click.option("--no-index", is_flag=True, help="Compare two files, without the database.")
@format_option("diff")
@click.pass_context
def diff(ctx: click.Context, article, old, new, sentences, full, no_index, fmt) -> None:  # noqa: ANN001
    """Diff two versions of ARTICLE (default: the last two), or two files: tracker diff FILE_A FILE_B.

    FROM and TO are version numbers; a negative one counts from the latest (-1 is the latest).
    """
    from tracker import api

    if no_index or api.is_file_pair(article, old, new):
        if old is None:
            raise click.UsageError("give two files to compare")
        result = api.diff_files(article, old, sentences=sentences)
    else:
        result = tracker_of(ctx).diff(article, version_number(old), version_number(new), sentences=sentences)
    show(fmt, "diff", result, full=full)


@click.command()
@click.argument("article")
@format_option("log")
@click.pass_context
def log(ctx: click.Context, article: str, fmt: str) -> None:
    """Versions of ARTICLE with capture times and a one-line change summary each."""
    show(fmt, "log", tracker_of(ctx).log(article))


@click.command()
@click.argument("article")
@click.option("--all", "show_all", is_flag=True, help="Every claim, not only those that changed.")
@format_option("claims")
@click.pass_context
def claims(ctx: click.Context, article: str, show_all: bool, fmt: str) -> None:
    """When each claim of ARTICLE appeared, changed and was removed, version by version."""
    histories = tracker_of(ctx).claims(article)
    if not show_all:
        histories = [h for h in histories if h.changed]
    show(fmt, "claims", histories)


@click.command("show", context_settings={"ignore_unknown_options": True})  # "-1" is the latest version
@click.argument("article")
@click.argument("version", required=False)
@format_option("show")
@click.pass_context
def show_version(ctx: click.Context, article: str, version: str | None, fmt: str) -> None:
    """A stored version as the tracker reads it: its text and notes, and with --format json its
    sentences too (default: the latest version)."""
    show(fmt, "show", tracker_of(ctx).show(article, version_number(version)))


COMMANDS = [diff, log, claims, show_version]
