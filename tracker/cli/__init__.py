"""The `tracker` command: parse options, call the library (tracker.api), print. Nothing else lives here.

One module per area of commands (archive, read, explain); each lists its commands in `COMMANDS`.
"""

from __future__ import annotations

import sys

import click

from tracker import __version__
from tracker.cli import archive, explain, exporting, importing, read, watch
from tracker.errors import TrackerError


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


for _area in (archive, importing, exporting, read, explain, watch):
    for _command in _area.COMMANDS:
        main.add_command(_command)
