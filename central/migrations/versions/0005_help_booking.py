"""The help desk's bookings and status page: which request holds each bookable slot, and the
reference and check-word hash a person reads their request's status with (issue 17, items 3-4).

Bookable slots themselves are records like any other (the `record` table): no change there.

Revision ID: 0005_help_booking
Revises: 0004_help_content
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_help_booking"
down_revision = "0004_help_content"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "slot_hold",
        sa.Column("slot_id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("slot_id"),
    )
    op.create_index("slot_hold_by_request", "slot_hold", ["request_id"])
    op.create_table(
        "help_access",
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("reference", sa.String(length=6), nullable=False),
        sa.Column("check_hash", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("request_id"),
        sa.UniqueConstraint("reference"),
    )


def downgrade() -> None:
    op.drop_table("help_access")
    op.drop_index("slot_hold_by_request", table_name="slot_hold")
    op.drop_table("slot_hold")
