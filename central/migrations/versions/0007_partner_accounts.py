"""Partner accounts (issue 22, item 1): the people of a provider named in the directory, their
one-time invitations (token hashes only), their signed-in sessions and each provider's settings
(second factor required; publish at once or hold for review).

Revision ID: 0007_partner_accounts
Revises: 0006_help_counts
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_partner_accounts"
down_revision = "0006_help_counts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partner_account",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("hsds_organization_id", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("totp_sealed", sa.String(length=200), nullable=True),
        sa.Column("totp_last_step", sa.BigInteger(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_index("partner_account_by_provider", "partner_account", ["organisation_id", "hsds_organization_id"])
    op.create_table(
        "partner_invitation",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("hsds_organization_id", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"]),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_table(
        "partner_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("second_factor_done", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["partner_account.id"]),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("partner_session_by_expiry", "partner_session", ["expires_at"])
    op.create_index(op.f("ix_partner_session_account_id"), "partner_session", ["account_id"])
    op.create_table(
        "partner_setting",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("hsds_organization_id", sa.String(length=200), nullable=False),
        sa.Column("totp_required", sa.Boolean(), nullable=False),
        sa.Column("hold_for_review", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"]),
        sa.PrimaryKeyConstraint("organisation_id", "hsds_organization_id"),
    )


def downgrade() -> None:
    op.drop_table("partner_setting")
    op.drop_index(op.f("ix_partner_session_account_id"), table_name="partner_session")
    op.drop_index("partner_session_by_expiry", table_name="partner_session")
    op.drop_table("partner_session")
    op.drop_table("partner_invitation")
    op.drop_index("partner_account_by_provider", table_name="partner_account")
    op.drop_table("partner_account")
