"""Anonymous client codes (issue 18, part 3): each organisation's code key, sealed under the key
file, and its recipe (None: the default). Both empty until the first device asks for them.

Revision ID: 0008_client_code_key
Revises: 0007_partner_accounts
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_client_code_key"
down_revision = "0007_partner_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(sa.Column("code_key_sealed", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("code_recipe", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.drop_column("code_recipe")
        batch.drop_column("code_key_sealed")
