"""A failing statement of the case store does not carry the customer's data into the error, so
the action server's log of it (logger.exception) does not either."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from actions import case_store


def test_a_failing_statement_does_not_show_its_parameters(tmp_path):
    engine = case_store.engine(f"sqlite:///{tmp_path}/cases.sqlite")
    with pytest.raises(SQLAlchemyError) as failure:
        with engine.begin() as connection:
            connection.execute(
                text("insert into cases (order_number, contact_email) values (:order, :email)"),
                {"order": "88812345", "email": "anna@operator.se"},
            )
    assert "NOT NULL" in str(failure.value)
    assert "88812345" not in str(failure.value) and "anna@operator.se" not in str(failure.value)
