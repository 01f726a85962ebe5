"""Engine and sessions, ORM tables, Alembic migrations."""
