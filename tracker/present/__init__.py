"""Present: the same results for people (text, Markdown, HTML) and for programs (JSON, JSON-LD).

One module per output format. Each declares `FORMAT = Format(name, help, renders)`, where `renders` maps
what it can render (a subject: "diff", "notes", "report", ...) to a function `(result, Output) -> str`.
The command line takes every `--format` choice and its dispatch from this registry, so a new format is
one new module here and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

SUBJECTS = ("added", "diff", "notes", "report", "log", "claims", "articles", "show", "verify")


@dataclass(frozen=True)
class Output:
    """Where the rendered text goes: a terminal (colours, its width) or a pipe or file (plain)."""

    tty: bool = False
    full: bool = False  # the word diff: the whole text, not only the changed paragraphs


@dataclass(frozen=True)
class Format:
    """An output format: its name for `--format`, its help, and what it renders."""

    name: str
    help: str  # a few words for `--help`: "json for programs"
    renders: Mapping[str, Callable[[Any, Output], str]]
    # subjects it can write piece by piece from the index (tracker.values.corpus): "report" from a
    # Corpus, "notes" from an IndexedArticle; the pieces joined are what `renders` would give
    streams: Mapping[str, Callable[[Any, Output], Iterator[str]]] = field(default_factory=dict)


@cache
def formats() -> dict[str, Format]:
    """Every format in this package, by name; text first, as it is every command's default."""
    found: dict[str, Format] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        declared = getattr(module, "FORMAT", None)
        if isinstance(declared, Format):
            found[declared.name] = declared
    return dict(sorted(found.items(), key=lambda item: (item[0] != "text", item[0])))


def formats_for(subject: str) -> list[Format]:
    """The formats that can render `subject`."""
    return [f for f in formats().values() if subject in f.renders]


def stream(format_name: str, subject: str) -> Callable[[Any, Output], Iterator[str]] | None:
    """How `format_name` writes `subject` piece by piece, if it can."""
    return formats()[format_name].streams.get(subject)


def render(format_name: str, subject: str, result: object, out: Output) -> str:
    """`result` as `format_name` writes it."""
    return formats()[format_name].renders[subject](result, out)
