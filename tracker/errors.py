"""Exceptions for expected failures: the CLI turns each into a one-line error and a non-zero exit."""


class TrackerError(Exception):
    """Base class for a user's mistake or an unusable input, never a bug."""


class InputError(TrackerError):
    """A source that cannot become a snapshot: missing, unreadable, binary, empty, too large."""


class NotFound(TrackerError):
    """An unknown article or version."""


class DatabaseError(TrackerError):
    """A database that cannot be opened, or that is not a tracker database."""


class FetchError(InputError):
    """A URL that could not be fetched."""
