"""Compact, chained snapshots: raw bytes and reading texts compressed (zstd, each version against the
one before), each snapshot chained to the one before, a ledger with the running root; an article
knows its number of versions and the end of its chain. Existing rows are converted in place.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from tracker.store import blobs, chain

revision = "0002"
down_revision = "0003"  # after the watch list (0005) and the index (0003), which landed first
branch_labels = None
depends_on = None

_articles = sa.table(
    "articles", sa.column("id", sa.Integer), sa.column("key"), sa.column("versions"), sa.column("head")
)
_snapshots = sa.table(
    "snapshots",
    sa.column("id", sa.Integer),
    sa.column("article_id", sa.Integer),
    sa.column("version", sa.Integer),
    sa.column("captured_at", sa.DateTime(timezone=True)),
    sa.column("url"),
    sa.column("sha256"),
    sa.column("raw", sa.LargeBinary),
    sa.column("seq", sa.Integer),
    sa.column("blob", sa.LargeBinary),
    sa.column("base_seq", sa.Integer),
    sa.column("depth", sa.Integer),
    sa.column("link"),
)
_readings = sa.table(
    "readings", sa.column("snapshot_id", sa.Integer), sa.column("text"), sa.column("text_z", sa.LargeBinary)
)
_ledger = sa.table(
    "ledger",
    sa.column("id", sa.Integer),
    sa.column("root"),
    sa.column("seq", sa.Integer),
    sa.column("articles", sa.Integer),
    sa.column("versions", sa.Integer),
)


def upgrade() -> None:
    op.add_column("articles", sa.Column("versions", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("articles", sa.Column("head", sa.String(64), nullable=True))
    for column in (
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("blob", sa.LargeBinary(), nullable=True),
        sa.Column("base_seq", sa.Integer(), nullable=True),
        sa.Column("depth", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("link", sa.String(64), nullable=True),
    ):
        op.add_column("snapshots", column)
    op.add_column("readings", sa.Column("text_z", sa.LargeBinary(), nullable=True))
    op.create_table(
        "ledger",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("root", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("versions", sa.Integer(), nullable=False),
    )
    _convert(op.get_bind())
    op.drop_index("ix_snapshots_sha256", "snapshots")
    op.drop_index("ix_snapshots_article_id", "snapshots")  # the unique (article, version) covers it
    op.create_index("ix_snapshots_article_sha256", "snapshots", ["article_id", "sha256"])
    op.create_index("ix_snapshots_seq", "snapshots", ["seq"], unique=True)
    # SQLite (3.35+) and PostgreSQL both drop a plain column in place
    op.execute("ALTER TABLE snapshots DROP COLUMN raw")
    op.execute("ALTER TABLE readings DROP COLUMN text")
    if op.get_bind().dialect.name == "postgresql":  # SQLite cannot add NOT NULL to a column in place
        for column in ("seq", "blob", "link"):
            op.alter_column("snapshots", column, nullable=False)
        op.alter_column("readings", "text_z", nullable=False)


def _utc(at):  # noqa: ANN001, ANN202
    from datetime import UTC

    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _convert(conn: sa.Connection) -> None:
    """Each snapshot numbered in the order it was added (its id), compressed against the version
    before it, chained; the root replayed over all of them."""
    order = [r.id for r in conn.execute(sa.select(_snapshots.c.id).order_by(_snapshots.c.id))]
    seq_of = {snapshot_id: n for n, snapshot_id in enumerate(order, 1)}
    keys = {}
    for article in conn.execute(sa.select(_articles.c.id, _articles.c.key)).all():
        keys[article.id] = article.key
        rows = conn.execute(
            sa.select(
                _snapshots.c.id,
                _snapshots.c.captured_at,
                _snapshots.c.url,
                _snapshots.c.sha256,
                _snapshots.c.raw,
            )
            .where(_snapshots.c.article_id == article.id)
            .order_by(_snapshots.c.version)
        ).all()
        previous_raw, previous_seq, depth, last_link = None, None, 0, None
        for row in rows:
            raw = bytes(row.raw)
            depth = (blobs.next_depth(depth) or 0) if previous_seq is not None else 0
            base = previous_raw if depth else None
            last_link = chain.link(last_link, row.sha256, _utc(row.captured_at), row.url, article.key)
            conn.execute(
                sa.update(_snapshots)
                .where(_snapshots.c.id == row.id)
                .values(
                    seq=seq_of[row.id],
                    blob=blobs.pack(raw, base),
                    base_seq=previous_seq if base is not None else None,
                    depth=depth if base is not None else 0,
                    link=last_link,
                )
            )
            text = conn.scalar(sa.select(_readings.c.text).where(_readings.c.snapshot_id == row.id))
            if text is not None:
                conn.execute(
                    sa.update(_readings)
                    .where(_readings.c.snapshot_id == row.id)
                    .values(text_z=blobs.pack_text(text, raw))
                )
            previous_raw, previous_seq = raw, seq_of[row.id]
        conn.execute(
            sa.update(_articles)
            .where(_articles.c.id == article.id)
            .values(versions=len(rows), head=last_link)
        )
    root = chain.EMPTY_ROOT
    for row in conn.execute(
        sa.select(
            _snapshots.c.article_id, _snapshots.c.sha256, _snapshots.c.captured_at, _snapshots.c.url
        ).order_by(_snapshots.c.id)
    ):
        root = chain.next_root(root, keys[row.article_id], row.sha256, _utc(row.captured_at), row.url)
    conn.execute(
        sa.insert(_ledger).values(id=1, root=root, seq=len(order), articles=len(keys), versions=len(order))
    )


def downgrade() -> None:
    raise NotImplementedError("0002 keeps the bytes compressed; restore a backup to go back to 0001")
