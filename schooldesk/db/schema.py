"""The schema revision this code expects; a test keeps it equal to the Alembic head.

Knowing it without Alembic lets start-up skip importing Alembic when nothing needs migrating.
"""

HEAD_REVISION = "20261124_0007"
