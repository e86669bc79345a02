"""Signing in: argon2id passwords, and a short lock-out after repeated failures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from schooldesk.db.database import Database
from schooldesk.db.models import User
from schooldesk.domain.access import Actor
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.services.accounts import password_matches, renewed_hash

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=5)
# Verified against when the user name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$p/W6+p8kO2nzGbXp4B9TFw$vlRJO5j2kKqRi0QSyNhLE/r/HNXEGKWzL8jdVgsTD8c"


WRONG = QT_TRANSLATE_NOOP("Errors", "The user name or password is wrong.")


class LoginError(SchoolDeskError):
    """Sign-in refused; the message never says whether the user name exists."""


@dataclass(frozen=True)
class SignedIn:
    user_id: int
    username: str
    role: str
    teacher_id: int | None = None

    @property
    def actor(self) -> Actor:
        return Actor(self.username, self.role, self.teacher_id)


def sign_in(db: Database, username: str, password: str, *, now: datetime | None = None) -> SignedIn:
    """The signed-in user, or LoginError. Failures are counted even though an error is raised."""
    now = now or datetime.now()
    with db.transaction() as session:
        user = session.scalars(select(User).where(User.username == username.strip(), User.active.is_(True))).first()
        if user is None:
            password_matches(_DUMMY_HASH, password)
            outcome: SignedIn | LoginError = LoginError(WRONG)
        elif user.locked_until is not None and now < user.locked_until:
            outcome = _locked(user.locked_until, now)
        elif not password_matches(user.password_hash, password):
            user.failed_logins += 1
            outcome = LoginError(WRONG)
            if user.failed_logins >= MAX_FAILED_LOGINS:
                user.failed_logins, user.locked_until = 0, now + LOCKOUT
                outcome = _locked(user.locked_until, now)
        else:
            user.failed_logins, user.locked_until = 0, None
            user.password_hash = renewed_hash(user.password_hash, password) or user.password_hash
            outcome = SignedIn(user.id, user.username, user.role, user.teacher_id)
    if isinstance(outcome, LoginError):
        raise outcome
    return outcome


def _locked(until: datetime, now: datetime) -> LoginError:
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    return LoginError(
        QT_TRANSLATE_NOOP("Errors", "Too many wrong passwords: this account is locked. Try again in %1 minutes."), minutes
    )
