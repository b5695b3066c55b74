"""Events keep their factuality cue, other participants, equipment and direct quote.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("factuality_cue", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("participants", sa.JSON))
        batch.add_column(sa.Column("equipment", sa.JSON))
        batch.add_column(sa.Column("quote", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        for column in ("quote", "equipment", "participants", "factuality_cue"):
            batch.drop_column(column)
