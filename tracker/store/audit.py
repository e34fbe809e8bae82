"""`verify`: every stored version checked against its own bytes and its chain, and the database against
its ledger, so that an altered, deleted, reordered, re-timed or swapped version, or a deleted article,
is reported by article and version, whatever SQL changed it.

What each check proves:
- the bytes decompress and hash to the stored SHA-256 (else "altered");
- version numbers run 1..n, the article's row still counts n, and its chain ends at the last version's
  link (else "deleted");
- capture times rise with the version numbers (else "reordered");
- each link is SHA-256 over the link before it and the version's own record (else the version was
  reordered, swapped with another or changed: a search over the article's other versions says which);
- the ledger's root, replayed over every snapshot in the order added, is the stored one, and with
  `expect_root`, one kept elsewhere (which catches a rewrite that recomputed every hash and link).
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.store.chain import EMPTY_ROOT, link, next_root, stable_id
from tracker.store.models import ArticleRow, LedgerRow, SnapshotRow
from tracker.store.rows import decode_in_order
from tracker.store.writes import utc
from tracker.values.records import Verification

DATABASE = "(database)"  # the article column of a problem that belongs to no one article


def audit(s: Session, keys: list[str], expect_root: str | None) -> list[Verification]:
    """The checks above, over the articles `keys` (default: all, with the ledger's checks too)."""
    query = select(ArticleRow.id, ArticleRow.key, ArticleRow.versions, ArticleRow.head).order_by(
        ArticleRow.key
    )
    if keys:
        query = query.where(ArticleRow.key.in_(keys))
    out: list[Verification] = []
    for article in s.execute(query).all():
        out += _article(s, article)
    ledger = s.scalar(select(LedgerRow).where(LedgerRow.id == 1))
    if ledger is None:
        return out + [_problem("deleted: the ledger row is gone, so nothing can be proved complete")]
    if not keys:
        out += _ledger(s, ledger, expect_root)
    elif expect_root and expect_root.lower() != ledger.root:
        out.append(_problem(f"root: the stored root is {ledger.root}, not the one expected"))
    return out


def _problem(text: str, article: str = DATABASE, version: int | None = None) -> Verification:
    return Verification(article, version, "", False, text)


def _article(s: Session, article: Any) -> list[Verification]:
    key = article.key
    rows = s.execute(
        select(
            SnapshotRow.version,
            SnapshotRow.seq,
            SnapshotRow.base_seq,
            SnapshotRow.blob,
            SnapshotRow.sha256,
            SnapshotRow.captured_at,
            SnapshotRow.url,
            SnapshotRow.link,
        )
        .where(SnapshotRow.article_id == article.id)
        .order_by(SnapshotRow.version)
    ).all()
    out: list[Verification] = []
    seqs = {r.seq for r in rows}
    numbers = {r.version for r in rows}
    for missing in sorted(set(range(1, max(numbers | {0}) + 1)) - numbers):
        out.append(_problem(f"deleted: version {missing} is missing", key, missing))
    if article.versions != len(rows):
        out.append(
            _problem(f"deleted: the article counted {article.versions} versions, {len(rows)} remain", key)
        )
    elif rows and article.head != rows[-1].link:
        out.append(_problem("changed: its chain no longer ends at its last version's link", key))
    records = [(r.sha256, utc(r.captured_at), r.url) for r in rows]
    for i, (row, raw) in enumerate(decode_in_order(rows)):
        problems = []
        if isinstance(raw, ValueError):
            problems.append(f"altered: its bytes cannot be read ({raw})")
        elif hashlib.sha256(raw).hexdigest() != row.sha256:
            problems.append("altered: its bytes do not match its SHA-256")
        if i and records[i][1] < records[i - 1][1]:
            problems.append(f"reordered: captured before version {rows[i - 1].version}")
        previous = rows[i - 1].link if i else None
        if row.version - 1 in numbers or row.version == 1:
            if row.link != link(previous, *records[i], key):
                problems.append(_why_unlinked(rows, records, i, key, seqs))
        if problems:
            out += [_problem(p, key, row.version) for p in problems]
        else:
            out.append(Verification(key, row.version, row.sha256, True, None, stable_id(*records[i][:2])))
    return out


def _why_unlinked(rows: list[Any], records: list[tuple], i: int, key: str, seqs: set[int]) -> str:
    """Why version `i`'s link does not follow from the one before: which other version it belongs
    after (reordered), whose bytes it holds (swapped), or that its own record changed."""
    row = rows[i]
    sha, at, url = records[i]
    for p, other in enumerate([None, *rows]):
        if p != i and row.link == link(other.link if other else None, sha, at, url, key):
            where = f"after version {other.version}" if other else "as version 1"
            return f"reordered: it was stored {where}"
    previous = rows[i - 1].link if i else None
    for j, (other_sha, _, _) in enumerate(records):
        if j != i and row.link == link(previous, other_sha, at, url, key):
            return f"swapped: it holds the bytes and SHA-256 of version {rows[j].version}, and it theirs"
    if row.base_seq is not None and row.base_seq not in seqs:
        return "deleted: the version stored before it is missing"
    return "changed: its SHA-256, capture time or URL is not what was stored (re-hashed or re-timed)"


def _ledger(s: Session, ledger: LedgerRow, expect_root: str | None) -> list[Verification]:
    out = []
    articles = s.scalar(select(func.count(ArticleRow.id))) or 0
    if articles < ledger.articles:
        out.append(
            _problem(f"deleted: {ledger.articles - articles} article(s): the ledger counts {ledger.articles}")
        )
    rows = s.execute(
        select(SnapshotRow.seq, ArticleRow.key, SnapshotRow.sha256, SnapshotRow.captured_at, SnapshotRow.url)
        .join(ArticleRow)
        .order_by(SnapshotRow.seq)
    )
    root, expected = EMPTY_ROOT, (expect_root or "").lower()
    kept_at = 0 if expected == EMPTY_ROOT else None
    gaps, last = [], 0
    for row in rows:
        if row.seq != last + 1:
            gaps.append((last + 1, row.seq - 1))
        last = row.seq
        root = next_root(root, row.key, row.sha256, utc(row.captured_at), row.url)
        if expected and root == expected:
            kept_at = row.seq
    if last < ledger.seq:
        gaps.append((last + 1, ledger.seq))
    for first, end in gaps:
        which = f"#{first}" if first == end else f"#{first} to #{end}"
        out.append(_problem(f"deleted: the version(s) added as {which} are missing"))
    if last > ledger.seq:
        out.append(_problem(f"changed: versions were added behind the ledger's back (up to #{last})"))
    if root != ledger.root:
        out.append(_problem("changed: the ledger's root does not match the stored history"))
    if expected and kept_at is None:
        out.append(_problem("root: the stored history is not the one whose root was kept (rewritten since)"))
    return out
