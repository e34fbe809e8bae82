"""A reading says whether its page held an article at all: an error page, a paywall or an app shell is
kept as captured but left out of diffs and notes.

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("readings") as batch:
        batch.add_column(sa.Column("no_article", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("readings") as batch:
        batch.drop_column("no_article")
