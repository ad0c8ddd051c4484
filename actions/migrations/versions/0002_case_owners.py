"""Case owners (organisation and user beside the conversation) and the look-up misses.

Existing cases keep their conversation as their owner: their organisation stays empty.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as cases:
        cases.add_column(sa.Column("organisation", sa.String(255)))
        cases.add_column(sa.Column("user_id", sa.String(255)))
        cases.create_index("ix_cases_organisation", ["organisation"])
    op.create_table(
        "case_lookup_misses",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("asker", sa.String(330), nullable=False, index=True),
        sa.Column("missed_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )


def downgrade() -> None:
    op.drop_table("case_lookup_misses")
    with op.batch_alter_table("cases") as cases:
        cases.drop_index("ix_cases_organisation")
        cases.drop_column("user_id")
        cases.drop_column("organisation")
