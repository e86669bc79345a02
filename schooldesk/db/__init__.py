"""Storage: SQLAlchemy models, engine set-up, Alembic migrations and database copies."""
