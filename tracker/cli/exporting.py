"""Standard ways out: `tracker export --bagit` (a BagIt bag, RFC 8493) and `tracker timemap` (a
Memento TimeMap, RFC 7089)."""

from __future__ import annotations

import json

import click

from tracker.cli.common import tracker_of


@click.command()
@click.argument("articles", nargs=-1)
@click.option("--bagit", "bag", required=True, metavar="DIR", help="Write a BagIt bag in DIR (new or empty).")
@click.pass_context
def export(ctx: click.Context, articles, bag: str) -> None:  # noqa: ANN001
    """Export articles (default: all) as a BagIt bag: every raw capture byte for byte, the text read
    from it, notes and links as JSON, SHA-256 and SHA-512 manifests. `tracker import DIR` restores it.

    Example: tracker export armor-coalition --bagit armor-bag
    """
    from tracker.importer.export import export_bag

    path = export_bag(tracker_of(ctx), articles, bag)
    click.echo(f"wrote bag {path}")


@click.command()
@click.argument("article")
@click.option(
    "--prefix", metavar="URL", help="Name mementos PREFIX/YYYYMMDDhhmmss/ORIGINAL (default: ni: URIs)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["link", "json"]), default="link", help="json for programs."
)
@click.pass_context
def timemap(ctx: click.Context, article: str, prefix: str | None, fmt: str) -> None:
    """An article's captures as a Memento TimeMap (RFC 7089, application/link-format); each memento
    is named by its bytes' SHA-256 (an ni: URI, RFC 6920) unless --prefix names an archive.

    Example: tracker timemap armor-coalition
    """
    from tracker.present.timemap import http_date, ni_uri
    from tracker.present.timemap import timemap as link_format

    versions = tracker_of(ctx).versions(article)
    original = next((v.url for v in reversed(versions) if v.url), None) or article
    if fmt == "json":
        rows = [
            {"version": v.version, "datetime": http_date(v.captured_at), "uri": ni_uri(v.sha256)}
            for v in versions
        ]
        click.echo(json.dumps({"original": original, "mementos": rows}, indent=2, ensure_ascii=False))
    else:
        click.echo(link_format(original, versions, prefix), nl=False)


COMMANDS = [export, timemap]
