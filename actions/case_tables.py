"""The case tables as the ORM sees them; the migrations in actions/migrations/ create them."""

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("conversation_id", "fingerprint", name="uq_cases_conversation_fingerprint"),
        {"sqlite_autoincrement": True},
    )

    id = Column(Integer, primary_key=True, autoincrement=True)
    reference = Column(String(32), unique=True)
    created_at = Column(DateTime(timezone=True), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False)
    channel = Column(String(64), nullable=False)
    # The owner: the conversation that opened the case and, when its channel verified them, the
    # organisation and user (identity/). A case with an organisation is its organisation's.
    conversation_id = Column(String(255), nullable=False)
    organisation = Column(String(255), index=True)
    user_id = Column(String(255))
    fingerprint = Column(String(64), nullable=False)
    case_kind = Column(String(32))
    situation = Column(String(32), nullable=False)
    product = Column(String(100), nullable=False)
    product_group = Column(String(32), nullable=False, index=True)
    mailbox = Column(String(100), nullable=False)
    order_number = Column(String(64), index=True)
    agreed_delivery_date = Column(Date)
    outage_since = Column(DateTime(timezone=True))
    company = Column(String(200))
    contact_name = Column(String(200))
    contact_email = Column(String(254))
    contact_phone = Column(String(40))
    status = Column(String(16), nullable=False, index=True)

    history = relationship("StatusChange", back_populates="case", order_by="StatusChange.id")


class StatusChange(Base):
    __tablename__ = "case_status_changes"

    id = Column(Integer, primary_key=True, autoincrement=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    from_status = Column(String(16))
    to_status = Column(String(16), nullable=False)
    changed_at = Column(DateTime(timezone=True), nullable=False)
    source = Column(String(64), nullable=False)

    case = relationship("Case", back_populates="history")


class LookupMiss(Base):
    """A conversation's look-up of a case it may not see or that does not exist: too many of them
    in a short while, and the conversation is refused (actions/case_access.py)."""

    __tablename__ = "case_lookup_misses"

    id = Column(Integer, primary_key=True, autoincrement=True)
    asker = Column(String(330), nullable=False, index=True)
    missed_at = Column(DateTime(timezone=True), nullable=False, index=True)
