"""Alembic runs the migrations on the connection the case store hands it."""

from alembic import context

from actions.case_tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
