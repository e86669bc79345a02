"""User accounts for administrators: add, reset a password, deactivate; and the recovery code that
lets a school that forgot its last administrator password back in without exposing any data.

The recovery code is shown once at set-up (and after each use), to be written down and kept with the
school's seal; only its argon2id hash is stored.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import SchoolSetting, Teacher, User
from schooldesk.domain.access import ADMIN, ROLE_NAMES_ZH
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.services.access import require_admin
from schooldesk.services.accounts import add_user, hash_password, password_matches, validate_password
from schooldesk.services.school_rules import write_setting

RECOVERY_KEY = "recovery_code"
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: it is copied by hand


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    role: str
    teacher_id: int | None
    teacher_name: str
    active: bool

    @property
    def role_zh(self) -> str:
        return ROLE_NAMES_ZH.get(self.role, self.role)


@dataclass(frozen=True)
class UserInput:
    username: str
    role: str
    teacher_id: int | None = None
    password: str = ""  # only when creating


def _row(user: User, session) -> UserRow:  # type: ignore[no-untyped-def]
    teacher = session.get(Teacher, user.teacher_id) if user.teacher_id else None
    return UserRow(user.id, user.username, user.role, user.teacher_id, teacher.name if teacher else "", user.active)


def list_users(db: Database) -> list[UserRow]:
    require_admin(db)
    with db.transaction() as session:
        return [_row(u, session) for u in session.scalars(select(User).order_by(User.username))]


def _check_role(session, data: UserInput) -> None:  # type: ignore[no-untyped-def]
    if data.role not in ROLE_NAMES_ZH:
        raise ValidationError("role", QT_TRANSLATE_NOOP("Errors", "Choose a role from the list."))
    if data.role == "teacher" and (data.teacher_id is None or session.get(Teacher, data.teacher_id) is None):
        raise ValidationError("teacher", QT_TRANSLATE_NOOP("Errors", "A teacher's account must be linked to the teacher."))


def create_user(db: Database, data: UserInput) -> UserRow:
    require_admin(db)
    with db.transaction() as session:
        _check_role(session, data)
        user = add_user(session, username=data.username, password=data.password, role=data.role)
        user.teacher_id = data.teacher_id
        session.flush()
        return _row(user, session)


def _active_admins(session) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(select(func.count()).select_from(User).where(User.role == ADMIN, User.active.is_(True))) or 0


def _load(session, user_id: int) -> User:  # type: ignore[no-untyped-def]
    user = session.get(User, user_id)
    if user is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
    return user


def update_user(db: Database, user_id: int, data: UserInput) -> UserRow:
    """Change the role or linked teacher (the name stays: the audit trail refers to it)."""
    require_admin(db)
    with db.transaction() as session:
        user = _load(session, user_id)
        _check_role(session, data)
        if user.role == ADMIN and data.role != ADMIN and user.active and _active_admins(session) <= 1:
            raise ValidationError("role", QT_TRANSLATE_NOOP("Errors", "The school needs at least one active administrator."))
        user.role, user.teacher_id = data.role, data.teacher_id
        return _row(user, session)


def set_user_active(db: Database, user_id: int, active: bool) -> UserRow:
    require_admin(db)
    with db.transaction() as session:
        user = _load(session, user_id)
        if not active and user.role == ADMIN and user.active and _active_admins(session) <= 1:
            raise ValidationError("active", QT_TRANSLATE_NOOP("Errors", "The school needs at least one active administrator."))
        user.active = active
        return _row(user, session)


def reset_password(db: Database, user_id: int, new_password: str) -> None:
    """An administrator sets a new password for someone who forgot theirs; the lock-out is lifted."""
    require_admin(db)
    validate_password(new_password)
    with db.transaction() as session:
        user = _load(session, user_id)
        user.password_hash = hash_password(new_password)
        user.failed_logins, user.locked_until = 0, None


# ---- recovery code ------------------------------------------------------------------------------------

def store_recovery_code(session: Session) -> str:
    """Make (or replace) the recovery code inside the caller's transaction and return it: the only
    time it is ever seen in full."""
    code = "-".join("".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(5)) for _ in range(5))
    write_setting(session, RECOVERY_KEY, {"hash": hash_password(code)})
    return code


def recover_admin(db: Database, code: str, username: str, new_password: str) -> str:
    """With the written-down recovery code, set a new password for administrator *username* (or create
    it); returns the next recovery code, since the old one has now been used."""
    validate_password(new_password)
    cleaned = code.strip().upper().replace(" ", "")
    with db.transaction() as session:
        setting = session.get(SchoolSetting, RECOVERY_KEY)
        if setting is None or not password_matches(str(setting.value.get("hash", "")), cleaned):
            raise ValidationError("code", QT_TRANSLATE_NOOP("Errors", "The recovery code is wrong."))
        user = session.scalars(select(User).where(User.username == username.strip())).first()
        if user is None:
            user = add_user(session, username=username, password=new_password, role=ADMIN)
        user.role, user.active = ADMIN, True
        user.password_hash = hash_password(new_password)
        user.failed_logins, user.locked_until = 0, None
        return store_recovery_code(session)
