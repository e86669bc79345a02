"""School rules kept as data: how often each care category needs a support record."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import SchoolSetting
from schooldesk.domain.care import CARE_KINDS, DEFAULT_SUPPORT_INTERVAL, DEFAULT_SUSPECT_AFTER_DAYS, SUPPORT_INTERVALS
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.services.access import require_admin

SUPPORT_INTERVALS_KEY = "support_interval_days"
SUSPECTED_DROPOUT_KEY = "suspected_dropout"


def write_setting(session: Session, key: str, value: dict[str, Any]) -> None:
    """Create or replace one school setting inside the caller's transaction."""
    setting = session.get(SchoolSetting, key)
    if setting is None:
        session.add(SchoolSetting(key=key, value=value))
    else:
        setting.value = value


def read_support_intervals(session: Session) -> dict[str, int]:
    setting = session.get(SchoolSetting, SUPPORT_INTERVALS_KEY)
    stored = dict(setting.value) if setting else {}
    return {kind.code: int(stored.get(kind.code, DEFAULT_SUPPORT_INTERVAL)) for kind in CARE_KINDS}


def support_intervals(db: Database) -> dict[str, int]:
    """Days allowed between support records, per category code (default: monthly)."""
    with db.transaction() as session:
        return read_support_intervals(session)


def set_support_intervals(db: Database, intervals: dict[str, int]) -> dict[str, int]:
    require_admin(db)
    allowed = {days for days, _ in SUPPORT_INTERVALS}
    if any(days not in allowed for days in intervals.values()):
        raise ValidationError("support_interval", QT_TRANSLATE_NOOP("Errors", "Choose how often from the list."))
    with db.transaction() as session:
        merged = {**read_support_intervals(session), **intervals}
        write_setting(session, SUPPORT_INTERVALS_KEY, merged)
        return merged


def read_suspect_after_days(session: Session) -> int:
    """School days absent without leave after which a pupil is a suspected dropout (疑似辍学)."""
    setting = session.get(SchoolSetting, SUSPECTED_DROPOUT_KEY)
    return int((setting.value if setting else {}).get("absent_days", DEFAULT_SUSPECT_AFTER_DAYS))


def suspect_after_days(db: Database) -> int:
    with db.transaction() as session:
        return read_suspect_after_days(session)


def set_suspect_after_days(db: Database, days: int) -> int:
    require_admin(db)
    if not 1 <= days <= 30:
        raise ValidationError("absent_days", QT_TRANSLATE_NOOP("Errors", "Give a number of days from 1 to 30."))
    with db.transaction() as session:
        write_setting(session, SUSPECTED_DROPOUT_KEY, {"absent_days": days})
    return days
