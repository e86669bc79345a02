"""User accounts: passwords are kept only as argon2id hashes."""
from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.models import User
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

ROLE_ADMIN = "admin"
MIN_PASSWORD_LENGTH = 8
# argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane): the library default's 64 MiB added that much
# to the app's peak memory on an old office PC at every sign-in. Hashes of the older cost still verify and are
# renewed at the next sign-in.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def validate_username(username: str, field: str = "username") -> str:
    cleaned = username.strip()
    if not cleaned:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "Enter a user name."))
    if len(cleaned) > 50 or any(ch.isspace() for ch in cleaned):
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "A user name has at most 50 characters and no spaces.")
        )
    return cleaned


def validate_password(password: str, field: str = "password") -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "The password needs at least %1 characters."), MIN_PASSWORD_LENGTH
        )
    return password


def add_user(session: Session, *, username: str, password: str, role: str) -> User:
    """Create an account inside the caller's transaction."""
    username = validate_username(username)
    validate_password(password)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ValidationError("username", QT_TRANSLATE_NOOP("Errors", "The user name %1 is taken."), username)
    user = User(
        username=username,
        password_hash=_hasher.hash(password),
        role=role,
        created_at=datetime.now(),
    )
    session.add(user)
    return user


def renewed_hash(password_hash: str, password: str) -> str | None:
    """A hash at today's cost for a password just verified against an older one; None if it is current."""
    return _hasher.hash(password) if _hasher.check_needs_rehash(password_hash) else None


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
