"""tracker: keep the version history of news articles and explain it."""

__version__ = "0.1.0"
