"""What every command shares: the library handle, `--format` from the output registry, printing, and
writing a file whole."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.api import Tracker


def tracker_of(ctx: click.Context) -> Tracker:
    """The library over the database named by the global --db."""
    from tracker.api import Tracker

    return Tracker(ctx.find_root().obj["db"])


def format_option(subject: str, default: str = "text"):  # noqa: ANN201 - a click decorator
    """`--format` with the choices of every format that renders `subject`, from tracker.present."""
    from tracker.present import formats_for

    found = formats_for(subject)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice([f.name for f in found]),
        default=default,
        show_default=False,
        help="; ".join(f.help for f in found) + ".",
    )


def rendered(
    fmt: str, subject: str, result: object, full: bool = False, to_terminal: bool | None = None
) -> str:
    """`result` in the format asked for, for standard output unless told otherwise."""
    from tracker.present import Output, render

    tty = sys.stdout.isatty() if to_terminal is None else to_terminal
    return render(fmt, subject, result, Output(tty=tty, full=full))


def show(fmt: str, subject: str, result: object, full: bool = False) -> None:
    """Print `result` in the format asked for."""
    click.echo(rendered(fmt, subject, result, full=full))


def parse_time_option(_ctx, _param, value: str | None) -> datetime | None:  # noqa: ANN001
    """A click callback: --captured-at and friends as aware UTC times, or a usage error."""
    if value is None:
        return None
    from tracker.api import parse_time

    try:
        return parse_time(value)
    except TrackerError as exc:
        raise click.BadParameter(str(exc)) from None


def version_number(value: str | None) -> int | None:
    """A version argument: a number, negative counting from the latest."""
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        if value.startswith("-"):  # options are let through for "-1" (the latest version): not this one
            raise click.NoSuchOption(value) from None
        raise click.UsageError(f"not a version number: {value!r}") from None


def _ended(pieces: Iterable[str]) -> Iterator[str]:
    yield from pieces
    yield "\n"


def write_whole(path: str, body: str | Iterable[str]) -> None:
    """Write the file whole or not at all: a report that fails half-way keeps the earlier file.
    `body` is the text, or its pieces (a newline is added after the last)."""
    import os
    import tempfile

    target = Path(path)
    try:
        pieces = [body] if isinstance(body, str) else _ended(body)
        if target.exists() and not target.is_file():  # /dev/stdout, a pipe: nothing to keep or replace
            with target.open("w", encoding="utf-8") as out:
                out.writelines(pieces)
            return
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.writelines(pieces)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's owner-only mode
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror}") from None


def filter_options(command):  # noqa: ANN001, ANN201 - a click decorator
    """--since, --until, --url-prefix, --kind and --unannounced-only, read into `where` (a CorpusFilter,
    or None when none is given)."""
    from tracker.values.kinds import NoteKind

    options = [
        click.option(
            "--since",
            callback=parse_time_option,
            help="Only what versions captured since then show (ISO-8601).",
        ),
        click.option(
            "--until",
            callback=parse_time_option,
            help="Only what versions captured until then show (ISO-8601).",
        ),
        click.option(
            "--url-prefix", help="Only articles whose URL starts so (an outlet: https://example.com/)."
        ),
        click.option(
            "--kind",
            "kinds",
            multiple=True,
            type=click.Choice([k.value for k in NoteKind]),
            help="Only notes of this kind (repeatable); unannounced edits are left out.",
        ),
        click.option("--unannounced-only", is_flag=True, help="Only the unannounced edits."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def corpus_filter(since, until, url_prefix, kinds, unannounced_only):  # noqa: ANN001, ANN201
    """The filter the options ask for, or None."""
    if not (since or until or url_prefix or kinds or unannounced_only):
        return None
    from tracker.store.index import CorpusFilter

    return CorpusFilter(since, until, url_prefix, tuple(kinds), unannounced_only)


def write_streamed(fmt: str, subject: str, result: object, materialize, output: str | None = None) -> None:  # noqa: ANN001
    """Write `result` piece by piece when the format can (see tracker.present: `streams`), else
    `materialize()` rendered whole; to standard output, or to the file `output`, written whole."""
    from tracker.present import Output, render, stream

    tty = sys.stdout.isatty() if output is None else False
    pieces = stream(fmt, subject)
    if pieces is None:
        chunks = iter([render(fmt, subject, materialize(), Output(tty=tty))])
    else:
        chunks = pieces(result, Output(tty=tty))
    if output is None:
        out = sys.stdout
        for chunk in chunks:
            out.write(chunk)
        out.write("\n")
        out.flush()
        return
    write_whole(output, chunks)
