"""What the office has handed in (a month's 月报, a semester's bundle, a work summary), noted when it is
written, so the calendar of what is due can say 已完成 without the clerk ticking anything."""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import SchoolSetting
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.school_rules import write_setting

HAND_INS_KEY = "hand_ins"


def monthly_key(month: date) -> str:
    return f"monthly:{month:%Y-%m}"


def bundle_key(semester: SemesterKey) -> str:
    return f"bundle:{semester.code}"


def summary_key(family: str, semester: SemesterKey) -> str:
    return f"summary:{family}:{semester.code}"


def read_hand_ins(session: Session) -> dict[str, date]:
    setting = session.get(SchoolSetting, HAND_INS_KEY)
    return {k: date.fromisoformat(v) for k, v in (setting.value if setting else {}).items()}


def note_hand_in(db: Database, key: str, on: date | None = None) -> None:
    """The first day *key* was written is kept (a later rewrite does not move it)."""
    with db.transaction() as session:
        found = {k: v.isoformat() for k, v in read_hand_ins(session).items()}
        if key not in found:
            found[key] = (on or date.today()).isoformat()
            write_setting(session, HAND_INS_KEY, found)
