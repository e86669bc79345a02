"""Who may do what. Checked in the services, so a hidden button is never the only guard.

管理员 administrator: users, settings, restore, the audit trail, and everything an office user does.
办公室 office staff: every record, full ID numbers where a form needs them.
教师 teacher: reads everything with ID numbers masked; writes only their own support records and the
送教上门 visits they made (later: their own mentorship and observation records).
"""
from __future__ import annotations

from dataclasses import dataclass

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

ADMIN, OFFICE, TEACHER = "admin", "office", "teacher"
ROLE_NAMES_ZH = {ADMIN: "管理员", OFFICE: "办公室", TEACHER: "教师"}
RECORD_KEEPERS = (ADMIN, OFFICE)


@dataclass(frozen=True)
class Actor:
    """The signed-in user on whose behalf services run."""

    username: str
    role: str
    teacher_id: int | None = None

    @property
    def keeps_records(self) -> bool:
        return self.role in RECORD_KEEPERS

    @property
    def sees_full_id_numbers(self) -> bool:
        return self.role in RECORD_KEEPERS


class AccessDenied(SchoolDeskError):
    """The signed-in user's role does not allow this."""


NOT_FOR_ROLE = QT_TRANSLATE_NOOP("Errors", "Your account (%1) may not do this; ask the school office or an administrator.")
NOT_YOURS = QT_TRANSLATE_NOOP("Errors", "Teachers may only change their own records.")
NOBODY = QT_TRANSLATE_NOOP("Errors", "Nobody is signed in, so this cannot be done. Sign in to SchoolDesk first.")
