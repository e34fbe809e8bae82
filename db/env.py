"""Alembic environment: migrations run on the connection the tracker hands over (see tracker/store.py)."""

from alembic import context

from tracker.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # run by the alembic command line: tracker's default database, or -x db=URL
    from sqlalchemy import create_engine

    from tracker.store.engine import database_url

    url = database_url(context.get_x_argument(as_dictionary=True).get("db"))
    with create_engine(url).begin() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
        context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    context.run_migrations()
