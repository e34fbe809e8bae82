"""The watch list: feeds and pages re-checked over time, with their last result, next check and lease.

Revision ID: 0005
Revises: 0001
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column(
            "feed_id", sa.Integer(), sa.ForeignKey("watch_sources.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("article", sa.String(2000), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("born_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_checked", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.String(20), nullable=True),
        sa.Column("last_result", sa.Text(), nullable=True),
        sa.Column("next_check", sa.DateTime(timezone=True), nullable=True),
        sa.Column("etag", sa.String(1000), nullable=True),
        sa.Column("last_modified", sa.String(200), nullable=True),
        sa.Column("raw_sha256", sa.String(64), nullable=True),
        sa.Column("reading_sha256", sa.String(64), nullable=True),
        sa.Column("checks", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("versions_added", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("lease_owner", sa.String(100), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_watch_sources_next_check", "watch_sources", ["next_check"])


def downgrade() -> None:
    op.drop_index("ix_watch_sources_next_check", "watch_sources")
    op.drop_table("watch_sources")
