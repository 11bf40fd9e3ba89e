"""Partner changes held for review (issue 22): a provider whose changes are held for review has
each edit stored here, pending, until `prossimo-central partner review` approves or rejects it.

Revision ID: 0009_partner_changes
Revises: 0008_client_code_key
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_partner_changes"
down_revision = "0008_client_code_key"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partner_change",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("resource_id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("section", sa.String(length=20), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["partner_account.id"]),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("partner_change_by_status", "partner_change", ["organisation_id", "status"])


def downgrade() -> None:
    op.drop_index("partner_change_by_status", table_name="partner_change")
    op.drop_table("partner_change")
