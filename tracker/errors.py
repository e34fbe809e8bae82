"""Exceptions for expected failures: the CLI turns each into a one-line error and a non-zero exit."""

import unicodedata

# bidirectional overrides and isolates reorder what a terminal shows: escaped like control characters
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(text: str) -> str:
    """Text with its line breaks and control characters written as escapes (`\\n`, `\\x1b`,
    `\\u2028`): a key or a message stays on one line, and a terminal never runs what a file name carries."""
    return "".join(
        ascii(ch)[1:-1] if unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in _BIDI else ch
        for ch in text
    )


class TrackerError(Exception):
    """Base class for a user's mistake or an unusable input, never a bug. Its message is always one
    line, whatever file name, URL or key it quotes."""

    def __str__(self) -> str:
        return one_line(super().__str__())


class InputError(TrackerError):
    """A source that cannot become a snapshot: missing, unreadable, binary, empty, too large."""


class NotFound(TrackerError):
    """An unknown article or version."""


class DatabaseError(TrackerError):
    """A database that cannot be opened, or that is not a tracker database."""


class FetchError(InputError):
    """A URL that could not be fetched."""
