"""Throttle keys under the service's key file: no address salt in the database, expiring rate
rows, and the login throttle per address and per username (issue 13 items 7 and 8).

The old intake rows were keyed with the salt this migration deletes: they go with it (they
only ever held an hour of counts). The per-operator failure columns give way to
`login_throttle`, which throttles known and unknown usernames alike.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM service_setting WHERE name = 'address_salt'")
    op.execute("DELETE FROM intake_rate")
    op.create_index("intake_rate_by_window", "intake_rate", ["window_start"])
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("login_throttle_by_expiry", "login_throttle", ["expires_at"])
    with op.batch_alter_table("operator") as batch:
        batch.drop_column("failed_logins")
        batch.drop_column("next_login_at")


def downgrade() -> None:
    with op.batch_alter_table("operator") as batch:
        batch.add_column(sa.Column("next_login_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False))
    op.drop_index("login_throttle_by_expiry", table_name="login_throttle")
    op.drop_table("login_throttle")
    op.drop_index("intake_rate_by_window", table_name="intake_rate")
