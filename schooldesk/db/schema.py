"""The schema revision this code expects (and the ones it knows); a test keeps it equal to the Alembic head.

Knowing it without Alembic lets start-up skip importing Alembic when nothing needs migrating.
"""

HEAD_REVISION = "20261206_0014"

KNOWN_TABLES = frozenset({"school", "semester", "teacher", "app_user"})  # every SchoolDesk database has these


def known_revisions() -> frozenset[str]:
    """Every revision this code's migrations know, read from the migration files (Alembic stays unloaded)."""
    import re
    from pathlib import Path

    folder = Path(__file__).with_name("migrations") / "versions"
    found = (re.search(r"^revision = ['\"]([^'\"]+)['\"]", path.read_text(encoding="utf-8"), re.M)
             for path in folder.glob("*.py"))
    return frozenset(match[1] for match in found if match)
