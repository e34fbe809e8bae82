"""Initial schema: articles, snapshots (raw bytes kept exactly), readings (derived text).

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(2000), nullable=False, unique=True),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("captured_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(4000), nullable=False),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.UniqueConstraint("article_id", "version", name="uq_snapshot_version"),
    )
    op.create_index("ix_snapshots_article_id", "snapshots", ["article_id"])
    op.create_index("ix_snapshots_sha256", "snapshots", ["sha256"])
    op.create_table(
        "readings",
        sa.Column(
            "snapshot_id", sa.Integer(), sa.ForeignKey("snapshots.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("reader_version", sa.String(40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("byline", sa.Text(), nullable=True),
        sa.Column("published", sa.String(64), nullable=True),
        sa.Column("modified", sa.String(64), nullable=True),
        sa.Column("corrections", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("readings")
    op.drop_index("ix_snapshots_sha256", "snapshots")
    op.drop_index("ix_snapshots_article_id", "snapshots")
    op.drop_table("snapshots")
    op.drop_table("articles")
