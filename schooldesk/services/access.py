"""The role checks services make before they write (see domain/access.py for who may do what).

Every service call runs on behalf of someone: ``db.actor`` is the signed-in user in the app, and the
command line's explicit administrator context (``command_line_rights``), which only the command runner
creates, after it has taken the data folder's lock. A database without an actor is refused everything a
role decides (writing, full ID numbers): no caller gets rights by default.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from schooldesk.db.audit import SYSTEM
from schooldesk.db.database import Database
from schooldesk.domain.id_number import mask
from schooldesk.domain.pupils import mask_student_number
from schooldesk.domain.access import ADMIN, NOBODY, NOT_FOR_ROLE, NOT_YOURS, RECORD_KEEPERS, ROLE_NAMES_ZH, AccessDenied, Actor


def command_line_rights() -> Actor:
    """The command line acts with an administrator's rights (whoever can run it can open the data folder
    anyway) and is named "system" in the audit trail, as set-up and migrations are. For the command runner
    only: it gives this to the database it opens, once it holds the lock of the data folder."""
    return Actor(username=SYSTEM, role=ADMIN)


def _actor(db: Database) -> Actor:
    actor = db.actor
    if not isinstance(actor, Actor):
        raise AccessDenied(NOBODY)
    return actor


def current_actor(db: Database) -> Actor:
    """Who the services act for (refused when nobody is signed in)."""
    return _actor(db)


def require_role(db: Database, *roles: str) -> None:
    actor = _actor(db)
    if actor.role not in roles:
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
    if actor.keeps_records:
        return
    if actor.teacher_id is None or actor.teacher_id not in set(teacher_ids):
        raise AccessDenied(NOT_YOURS)


def masking(db: Database) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """How this user sees ID and student numbers they may not see in full: strictly masked for teachers."""
    strict = not sees_full_id_numbers(db)
    return (lambda number: mask(number, strict=strict) if number else "",
            lambda number: mask_student_number(number, strict=strict) if number else "")


def sees_full_id_numbers(db: Database) -> bool:
    return _actor(db).sees_full_id_numbers
