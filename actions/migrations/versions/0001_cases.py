"""Case records and their status history.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("reference", sa.String(32), unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("conversation_id", sa.String(255), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("case_kind", sa.String(32)),
        sa.Column("situation", sa.String(32), nullable=False),
        sa.Column("product", sa.String(100), nullable=False),
        sa.Column("product_group", sa.String(32), nullable=False, index=True),
        sa.Column("mailbox", sa.String(100), nullable=False),
        sa.Column("order_number", sa.String(64), index=True),
        sa.Column("agreed_delivery_date", sa.Date),
        sa.Column("outage_since", sa.DateTime(timezone=True)),
        sa.Column("company", sa.String(200)),
        sa.Column("contact_name", sa.String(200)),
        sa.Column("contact_email", sa.String(254)),
        sa.Column("contact_phone", sa.String(40)),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.UniqueConstraint("conversation_id", "fingerprint", name="uq_cases_conversation_fingerprint"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "case_status_changes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("from_status", sa.String(16)),
        sa.Column("to_status", sa.String(16), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("case_status_changes")
    op.drop_table("cases")
