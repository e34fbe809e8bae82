"""The index of what was derived: each version's part of its article's explanation, and each article's
explanation put together, keyed by the version of the explaining logic.

Revision ID: 0003
Revises: 0005
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "derived_versions",
        sa.Column(
            "snapshot_id", sa.Integer(), sa.ForeignKey("snapshots.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("logic", sa.String(64), nullable=False),
        sa.Column("previous_sha256", sa.String(64), nullable=True),
        sa.Column("part", sa.Text(), nullable=False),
    )
    op.create_index("ix_derived_versions_article_id", "derived_versions", ["article_id"])
    op.create_table(
        "derived_articles",
        sa.Column(
            "article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("logic", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("url", sa.String(2000), nullable=True),
        sa.Column("kinds", sa.String(200), nullable=False),
        sa.Column("unannounced", sa.Integer(), nullable=False),
        sa.Column("first_captured", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_captured", sa.DateTime(timezone=True), nullable=True),
        sa.Column("times", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("derived_articles")
    op.drop_index("ix_derived_versions_article_id", "derived_versions")
    op.drop_table("derived_versions")
