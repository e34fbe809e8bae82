"""Where the markers of an inserted or deleted run go, for every format that marks them."""

from __future__ import annotations

import re

_BREAK = re.compile(r"(\s*\n\s*)")


def marked_pieces(text: str) -> list[tuple[str, bool]]:
    """An inserted or deleted run cut into (piece, marked): line breaks and the spaces at its edges stay
    outside the markers, so an added paragraph reads `{+Correction: ...+}`, not `{+` on a line of its
    own, and Markdown's `**...**` is never left open by a space or a paragraph break."""
    out: list[tuple[str, bool]] = []
    for k, part in enumerate(_BREAK.split(text)):
        core = part.strip()
        if k % 2 or not core:
            if part:
                out.append((part, False))
            continue
        start = part.index(core)
        if start:
            out.append((part[:start], False))
        out.append((core, True))
        if start + len(core) < len(part):
            out.append((part[start + len(core) :], False))
    return out
