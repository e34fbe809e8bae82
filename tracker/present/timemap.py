"""An article's captures as a Memento TimeMap (RFC 7089, section 5: application/link-format, RFC 6690).

Each memento is named by what it is, its bytes: an `ni:` URI (RFC 6920) of its SHA-256, which anyone
holding the capture can recompute; with an archive prefix (`--prefix https://archive.example/web`) a
memento is named as web archives name theirs, `PREFIX/YYYYMMDDhhmmss/ORIGINAL`.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

MEDIA_TYPE = "application/link-format"


def http_date(moment: datetime) -> str:
    """RFC 7089's datetime: an RFC 1123 date in GMT."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def ni_uri(sha256_hex: str) -> str:
    """RFC 6920's name for content with this SHA-256."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256_hex)).decode("ascii").rstrip("=")
    return f"ni:///sha-256;{digest}"


def _link_target(uri: str) -> str:
    """A URI as a link-format target: the characters that would end it, percent-encoded."""
    return "".join(f"%{ord(ch):02X}" if ch in "<>\"' \n\r\t" or ord(ch) < 32 else ch for ch in uri)


def timemap(
    original: str, versions: Sequence[Any], prefix: str | None = None, self_uri: str | None = None
) -> str:
    """The TimeMap of `original` from stored versions (each with `captured_at` and `sha256`), oldest
    first; the first and last mementos carry those relations too."""
    ordered = sorted(versions, key=lambda v: v.captured_at)
    lines = [f'<{_link_target(original)}>; rel="original"']
    if ordered:
        span = f'; from="{http_date(ordered[0].captured_at)}"; until="{http_date(ordered[-1].captured_at)}"'
        if self_uri:
            lines.append(f'<{_link_target(self_uri)}>; rel="self"; type="{MEDIA_TYPE}"{span}')
    for k, v in enumerate(ordered):
        rel = "memento"
        if k == 0:
            rel = "first memento" if len(ordered) > 1 else "first last memento"
        elif k == len(ordered) - 1:
            rel = "last memento"
        if prefix:
            uri = f"{prefix.rstrip('/')}/{v.captured_at.astimezone(UTC):%Y%m%d%H%M%S}/{original}"
        else:
            uri = ni_uri(v.sha256)
        lines.append(f'<{_link_target(uri)}>; rel="{rel}"; datetime="{http_date(v.captured_at)}"')
    return ",\n".join(lines) + "\n"
