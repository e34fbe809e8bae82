"""The `tracker` command: parse options, call the library (tracker.api), print. Nothing else lives here."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import click

from tracker import __version__
from tracker.errors import TrackerError

FORMATS = click.Choice(["text", "json", "markdown"])
FORMAT_HELP = "text for people (the default), json for programs"


class _Group(click.Group):
    """Turns the project's expected errors into one line and exit 1; a bug still shows its traceback."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            raise click.ClickException(str(exc)) from None
        except click.UsageError as exc:  # one line, like every other error, with where to look for help
            where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            raise click.UsageError(exc.format_message() + where) from None
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)


def _console(out=None):  # noqa: ANN001, ANN202
    """Rich output on a terminal; piped or written to a file, plain text wide enough for tables."""
    from rich.console import Console

    stream = out or sys.stdout
    width = None if stream.isatty() else 160
    return Console(file=stream, highlight=False, soft_wrap=True, width=width)


def _tracker(ctx: click.Context):  # noqa: ANN202
    from tracker.api import Tracker

    return Tracker(ctx.obj["db"])


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _parse_time(_ctx, _param, value: str | None) -> datetime | None:  # noqa: ANN001
    if value is None:
        return None
    from tracker.api import parse_time

    try:
        return parse_time(value)
    except TrackerError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="TRACKER_DB",
    default=None,
    metavar="PATH|URL",
    help="Database: a file path or a SQLAlchemy URL (env TRACKER_DB; default ./tracker.db).",
)
@click.version_option(__version__, prog_name="tracker")
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Keep the version history of news articles and explain it."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--article", help="Article key (default: the URL, else the file name).")
@click.option("--url", help="The article's URL, when the source is a file.")
@click.option("--captured-at", callback=_parse_time, help="Capture time, ISO-8601 (default: now).")
@click.option("--label", help="A note stored with the snapshot, e.g. 'reconstructed'.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_context
def add(ctx: click.Context, sources, article, url, captured_at, label, fmt) -> None:  # noqa: ANN001
    """Store snapshots: files, folders, - (standard input) or http(s) URLs."""
    from tracker.render import json as as_json
    from tracker.render import text

    results = _tracker(ctx).add(list(sources), article=article, url=url, captured_at=captured_at, label=label)
    if fmt == "json":
        _echo_json(as_json.added(results))
    else:
        text.added(_console(), results)


def _version(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        if value.startswith("-"):  # options are let through for "-1" (the latest version): not this one
            raise click.NoSuchOption(value) from None
        raise click.UsageError(f"not a version number: {value!r}") from None


@main.command(context_settings={"ignore_unknown_options": True})
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
@click.option("--format", "fmt", type=FORMATS, default="text", help=FORMAT_HELP + "; markdown for a page.")
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
        result = _tracker(ctx).diff(article, _version(old), _version(new), sentences=sentences)
    if fmt == "json":
        from tracker.render import json as as_json

        _echo_json(as_json.diff(result))
    elif fmt == "markdown":
        from tracker.render import markdown

        click.echo(markdown.diff(result, full=full))
    else:
        from tracker.render import text

        if result.claims is None and not sys.stdout.isatty():
            click.echo(text.diff_plain(result, full=full))
        else:
            text.diff(_console(), result, full=full)


@main.command()
@click.argument("article")
@click.option("--format", "fmt", type=FORMATS, default="text", help=FORMAT_HELP + "; markdown for a page.")
@click.pass_context
def notes(ctx: click.Context, article: str, fmt: str) -> None:
    """Editor's notes of ARTICLE, each with the changed claims it explains; and unannounced edits."""
    from tracker.render import json as as_json
    from tracker.render import markdown, text

    result = _tracker(ctx).notes(article)
    if fmt == "json":
        _echo_json(as_json.article_notes(result))
    elif fmt == "markdown":
        click.echo(markdown.article_notes(result))
    else:
        text.article_notes(_console(), result)


@main.command()
@click.argument("articles", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "jsonld", "html"]),
    default="text",
    help=FORMAT_HELP + "; markdown or html for a page; jsonld for schema.org CorrectionComment.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    help="Write to FILE (- for stdout).",
)
@click.pass_context
def report(ctx: click.Context, articles, fmt: str, output: str | None) -> None:  # noqa: ANN001
    """Correction report for ARTICLES (default: all): notes, linked changes, unannounced edits."""
    from tracker.render import json as as_json
    from tracker.render import markdown, text

    if output == "-":  # as for most tools, "-" is standard output
        output = None
    results = _tracker(ctx).report(articles)
    if fmt == "text":
        if not output:
            text.report(_console(), results)
            return
        import io

        buffer = io.StringIO()
        text.report(_console(buffer), results)
        body = buffer.getvalue().rstrip("\n")
    elif fmt == "json":
        body = json.dumps(as_json.report(results), indent=2, ensure_ascii=False)
    elif fmt == "jsonld":
        from tracker.render import jsonld

        body = json.dumps(jsonld.report(results), indent=2, ensure_ascii=False)
    elif fmt == "html":
        from tracker.render import html

        body = html.report(results)
    else:
        body = markdown.report(results)
    if output:
        _write_whole(output, body + "\n")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(body)


def _write_whole(path: str, body: str) -> None:
    """Write the file whole or not at all: a report that fails half-way keeps the earlier file."""
    import os
    import tempfile

    target = Path(path)
    try:
        if target.exists() and not target.is_file():  # /dev/stdout, a pipe: nothing to keep or replace
            target.write_text(body, encoding="utf-8")
            return
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(body)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's owner-only mode
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror}") from None


@main.command()
@click.argument("article")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_context
def log(ctx: click.Context, article: str, fmt: str) -> None:
    """Versions of ARTICLE with capture times and a one-line change summary each."""
    from tracker.render import json as as_json
    from tracker.render import text

    tracker = _tracker(ctx)
    entries = tracker.log(article)
    if fmt == "json":
        _echo_json(as_json.log(entries))
    else:
        text.log(_console(), entries[0].version.article, entries)


@main.command()
@click.argument("article")
@click.option("--all", "show_all", is_flag=True, help="Every claim, not only those that changed.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_context
def claims(ctx: click.Context, article: str, show_all: bool, fmt: str) -> None:
    """When each claim of ARTICLE appeared, changed and was removed, version by version."""
    from tracker.render import json as as_json
    from tracker.render import text

    histories = _tracker(ctx).claims(article)
    if not show_all:
        histories = [h for h in histories if h.changed]
    if fmt == "json":
        _echo_json(as_json.claim_histories(histories))
    else:
        text.claim_histories(_console(), histories)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_context
def articles(ctx: click.Context, fmt: str) -> None:
    """What is stored: each article with its number of versions."""
    from tracker.render import json as as_json
    from tracker.render import text

    rows = _tracker(ctx).articles()
    if fmt == "json":
        _echo_json(as_json.articles(rows))
    else:
        text.articles(_console(), rows)


@main.command(context_settings={"ignore_unknown_options": True})  # "-1" is the latest version
@click.argument("article")
@click.argument("version", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_context
def show(ctx: click.Context, article: str, version: str | None, fmt: str) -> None:
    """A stored version as the tracker reads it: its text and notes, and with --format json its
    sentences too (default: the latest version)."""
    from tracker.render import json as as_json
    from tracker.render import text

    shown = _tracker(ctx).show(article, _version(version))
    if fmt == "json":
        _echo_json(as_json.show(shown))
    else:
        text.show(_console(), shown)


@main.command()
@click.argument("articles", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=FORMAT_HELP)
@click.pass_context
def verify(ctx: click.Context, articles, fmt: str) -> None:  # noqa: ANN001
    """Prove that no stored snapshot was altered: recompute each SHA-256 from the stored bytes."""
    from tracker.render import json as as_json
    from tracker.render import text

    rows = _tracker(ctx).verify(articles)
    if fmt == "json":
        _echo_json(as_json.verification(rows))
    else:
        text.verification(_console(), rows)
    bad = [r for r in rows if not r.ok]
    if bad:
        raise click.ClickException(f"{len(bad)} snapshot(s) do not match their SHA-256")
