"""Commands that follow the web: watch (add, list, remove, run) and feed (the Atom feed of changes)."""

from __future__ import annotations

import json
import sys

import click

from tracker.cli.common import parse_time_option, tracker_of, write_whole


def _watcher(ctx: click.Context, **options):  # noqa: ANN003, ANN202
    from tracker.watch.runner import Watcher

    return Watcher(tracker_of(ctx), **options)


_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="json for programs."
)


@click.group()
def watch() -> None:
    """Follow feeds and pages: re-check them politely over time and keep each real change.

    Example: tracker watch add https://example.com/feed.xml && tracker watch run
    """


@watch.command("add")
@click.argument("targets", nargs=-1, required=True, metavar="FEED|URL...")
@click.option(
    "--feed", "kind", flag_value="feed", help="The URLs are feeds (default: found at the first check)."
)
@click.option("--page", "kind", flag_value="page", help="The URLs are article pages.")
@_FORMAT
@click.pass_context
def watch_add(ctx: click.Context, targets, kind, fmt) -> None:  # noqa: ANN001
    """Put RSS or Atom feeds, or article pages, on the watch list, due now.

    Example: tracker watch add https://example.com/rss https://example.com/news/story
    """
    from tracker.present.watching import source_record

    added = _watcher(ctx).add(targets, kind or "auto")
    if fmt == "json":
        click.echo(json.dumps([source_record(s) | {"added": new} for s, new in added], indent=2))
        return
    for source, new in added:
        what = {"auto": "feed or page", "feed": "feed", "page": "page"}.get(source.kind, source.kind)
        click.echo(f"{'watching' if new else 'already watched'} {source.url} ({what})")


@watch.command("list")
@_FORMAT
@click.pass_context
def watch_list(ctx: click.Context, fmt: str) -> None:
    """Each source with its last check, its result and its next check.

    Example: tracker watch list --format json
    """
    from tracker.present.watching import sources_json, sources_text

    sources = _watcher(ctx).sources()
    click.echo(sources_json(sources) if fmt == "json" else sources_text(sources))


@watch.command("remove")
@click.argument("targets", nargs=-1, required=True, metavar="FEED|URL...")
@click.pass_context
def watch_remove(ctx: click.Context, targets) -> None:  # noqa: ANN001
    """Take feeds (with the pages found in them) or pages off the list; what was stored stays.

    Example: tracker watch remove https://example.com/rss
    """
    for url in _watcher(ctx).remove(targets):
        click.echo(f"no longer watching {url}")


@watch.command("run")
@click.option("--once", is_flag=True, help="One pass over what is due, then exit (for cron).")
@click.option("--all", "everything", is_flag=True, help="Check every source now, due or not.")
@click.option(
    "--schedule",
    default=None,
    metavar="AGE=EVERY,...",
    help="Re-checks by story age (default 3h=15m,1d=1h,7d=3h,30d=3d; older stories stop).",
)
@click.option("--feed-every", default=None, metavar="SPAN", help="How often feeds are read (default 15m).")
@click.option(
    "--contact", envvar="TRACKER_CONTACT", help="Contact put in the User-Agent (env TRACKER_CONTACT)."
)
@click.option(
    "--delay",
    type=click.FloatRange(0),
    default=1.0,
    show_default=True,
    help="Seconds between requests to one host.",
)
@click.option(
    "--deadline",
    type=click.FloatRange(1),
    default=30.0,
    show_default=True,
    help="Seconds a fetch may take, in all.",
)
@click.pass_context
def watch_run(ctx: click.Context, once, everything, schedule, feed_every, contact, delay, deadline) -> None:  # noqa: ANN001
    """Check what is due and store a new version only when the article changed.

    Runs until stopped (Ctrl-C or SIGTERM end it after the fetch in flight), or one pass with --once.

    Example: tracker watch run --once
    """
    import signal

    from tracker.watch.clock import SystemClock
    from tracker.watch.fetch import PoliteFetcher
    from tracker.watch.schedule import Schedule

    plan = (
        Schedule.parse(schedule, feed_every)
        if schedule
        else Schedule.parse(Schedule().describe(), feed_every)
    )
    clock = SystemClock()
    fetcher = PoliteFetcher(clock, contact=contact, host_delay=delay, deadline=deadline)
    progress = _Progress(sys.stdout.isatty())
    watcher = _watcher(ctx, clock=clock, fetcher=fetcher, schedule=plan, on_event=progress)
    previous = {sig: signal.signal(sig, lambda *_: watcher.stop()) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        watcher.run(once=once, everything=everything)
    finally:
        progress.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if watcher.stopping:
        click.echo("stopped", err=True)


class _Progress:
    """On a terminal: what is being checked, new versions and errors, a summary line per pass.
    Piped: one line per event."""

    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.status = None
        if tty:
            from rich.console import Console

            self.console = Console(highlight=False)
            self.status = self.console.status("starting")
            self.status.start()

    def __call__(self, event) -> None:  # noqa: ANN001 - a WatchEvent
        if not self.tty:
            if event.kind != "checking":
                click.echo(event.line())
            return
        if event.kind == "checking":
            self.status.update(f"checking {event.url}")
        elif event.kind == "pass":
            self.console.print(event.line(), markup=False)
        elif event.result and event.result.status in ("new", "error"):
            self.console.print(
                event.line(), markup=False, style="red" if event.result.status == "error" else "green"
            )

    def close(self) -> None:
        if self.status is not None:
            self.status.stop()


@click.command()
@click.argument("articles", nargs=-1)
@click.option(
    "-o", "--output", default="-", metavar="FILE", help="Write the feed to FILE (whole, or not at all)."
)
@click.option(
    "--since", callback=parse_time_option, help="Only versions captured since this time (ISO-8601)."
)
@click.option("--url-prefix", help="Only articles whose URL starts so (an outlet).")
@click.option("--unannounced-only", is_flag=True, help="Only versions with edits no note explains.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="Entries at most.")
@click.pass_context
def feed(ctx: click.Context, articles, output, since, url_prefix, unannounced_only, limit) -> None:  # noqa: ANN001
    """An Atom feed of stored versions, newest first: notes, linked changes, unannounced edits, word diff.

    Example: tracker feed -o changes.xml
    """
    from datetime import UTC, datetime

    from tracker.present.atom import render_feed
    from tracker.watch.feed import feed_entries

    entries = feed_entries(tracker_of(ctx), articles, since, url_prefix, unannounced_only, limit)
    body = render_feed(entries, datetime.now(UTC))
    if output == "-":
        click.echo(body, nl=False)
    else:
        write_whole(output, body)


COMMANDS = [watch, feed]
