"""Signing in: right and wrong passwords, unknown users, lock-out after five failures."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from schooldesk.db.database import Database, database_path
from schooldesk.db.engine import make_engine
from schooldesk.db.migrate import run_alembic
from schooldesk.services.login import LOCKOUT, MAX_FAILED_LOGINS, LoginError, sign_in
from tests.builders import open_as_command

NOW = datetime(2026, 11, 24, 9, 0)


def test_right_password_signs_in(school_db: Database) -> None:
    signed = sign_in(school_db, " admin ", "correct horse", now=NOW)
    assert (signed.username, signed.role) == ("admin", "admin")


@pytest.mark.parametrize(("user", "password"), [("admin", "wrong horse"), ("nobody", "correct horse")])
def test_wrong_name_or_password_reads_the_same(school_db: Database, user: str, password: str) -> None:
    with pytest.raises(LoginError, match="user name or password is wrong"):
        sign_in(school_db, user, password, now=NOW)


def test_five_failures_lock_the_account_for_a_few_minutes(school_db: Database) -> None:
    for attempt in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(LoginError, match="wrong"):
            sign_in(school_db, "admin", f"guess {attempt}", now=NOW)
    with pytest.raises(LoginError, match="locked. Try again in 5 minutes"):
        sign_in(school_db, "admin", "guess 5", now=NOW)
    with pytest.raises(LoginError, match="locked"):  # even the right password, while locked
        sign_in(school_db, "admin", "correct horse", now=NOW + timedelta(minutes=2))
    assert sign_in(school_db, "admin", "correct horse", now=NOW + LOCKOUT).username == "admin"


def test_a_success_resets_the_failure_count(school_db: Database) -> None:
    for _ in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(LoginError):
            sign_in(school_db, "admin", "nope", now=NOW)
    sign_in(school_db, "admin", "correct horse", now=NOW)
    with pytest.raises(LoginError, match="wrong"):
        sign_in(school_db, "admin", "nope", now=NOW)  # counting starts again: not locked


def test_users_survive_the_migration_that_added_lockout(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    engine = make_engine(database_path(data_dir))
    run_alembic(engine, "20261124_0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO app_user (username, password_hash, role, active, created_at) "
                          "VALUES ('office', 'h', 'office', 1, '2026-01-01 00:00:00')"))
    engine.dispose()
    db = open_as_command(data_dir)
    try:
        with db.transaction() as session:
            row = session.execute(text("SELECT username, failed_logins, locked_until FROM app_user")).one()
        assert tuple(row) == ("office", 0, None)
    finally:
        db.close()


def test_an_older_costlier_hash_still_signs_in_and_is_renewed(school_db: Database) -> None:
    """Hashes made at argon2's 64 MiB default (before 0.x) verify, and are renewed at the lighter cost."""
    from argon2 import PasswordHasher
    from sqlalchemy import select

    from schooldesk.db.models import User

    with school_db.transaction() as session:
        user = session.scalars(select(User).where(User.username == "admin")).one()
        user.password_hash = PasswordHasher().hash("correct horse")
    assert sign_in(school_db, "admin", "correct horse").username == "admin"
    with school_db.transaction() as session:
        renewed = session.scalars(select(User.password_hash).where(User.username == "admin")).one()
    assert renewed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert sign_in(school_db, "admin", "correct horse").username == "admin"
