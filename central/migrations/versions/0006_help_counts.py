"""The help desk's privacy-preserving counts (issue 17, item 7): per day, language and event
(a visit of a page kind, a form started or completed, a booking), a number and nothing else.

Revision ID: 0006_help_counts
Revises: 0005_help_booking
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_help_counts"
down_revision = "0005_help_booking"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "help_count",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "language", "event"),
    )


def downgrade() -> None:
    op.drop_table("help_count")
