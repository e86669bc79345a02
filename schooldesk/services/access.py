"""The role checks services make before they write (see domain/access.py for who may do what).

``db.actor`` is None for the command line and set-up, which run with the rights of whoever can open
the data folder anyway; the app always sets it to the signed-in user.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from schooldesk.db.database import Database
from schooldesk.domain.id_number import mask
from schooldesk.domain.pupils import mask_student_number
from schooldesk.domain.access import ADMIN, NOT_FOR_ROLE, NOT_YOURS, RECORD_KEEPERS, ROLE_NAMES_ZH, AccessDenied, Actor


def _actor(db: Database) -> Actor | None:
    actor = db.actor
    return actor if isinstance(actor, Actor) else None


def require_role(db: Database, *roles: str) -> None:
    actor = _actor(db)
    if actor is not None and actor.role not in roles:
        raise AccessDenied(NOT_FOR_ROLE, ROLE_NAMES_ZH.get(actor.role, actor.role))


def require_admin(db: Database) -> None:
    require_role(db, ADMIN)


def require_record_keeper(db: Database) -> None:
    """Office staff or an administrator."""
    require_role(db, *RECORD_KEEPERS)


def require_own(db: Database, teacher_ids: Iterable[int | None]) -> None:
    """Record keepers may write any record; a teacher only one that is theirs (their teacher is among
    *teacher_ids*, both as the record stands and as it will be)."""
    actor = _actor(db)
    if actor is None or actor.keeps_records:
        return
    if actor.teacher_id is None or actor.teacher_id not in set(teacher_ids):
        raise AccessDenied(NOT_YOURS)


def masking(db: Database) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """How this user sees ID and student numbers they may not see in full: strictly masked for teachers."""
    strict = not sees_full_id_numbers(db)
    return (lambda number: mask(number, strict=strict) if number else "",
            lambda number: mask_student_number(number, strict=strict) if number else "")


def sees_full_id_numbers(db: Database) -> bool:
    actor = _actor(db)
    return actor is None or actor.sees_full_id_numbers
