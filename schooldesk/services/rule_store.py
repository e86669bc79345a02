"""One store for school rules kept with their history: each rule family is a list of versions under one
school-setting key, each version in force from its day until the next. Saving a version drops the ones from
the same day on, since the school has just said what holds from then."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from schooldesk.db.models import SchoolSetting
from schooldesk.services.school_rules import write_setting

V = TypeVar("V")


def read_versions(session: Session, key: str, load: Callable[[dict[str, Any]], V],
                  day_of: Callable[[V], date]) -> list[V]:
    """Every version saved under *key*, oldest first (empty: the family's default applies)."""
    setting = session.get(SchoolSetting, key)
    stored = setting.value.get("versions", []) if setting else []
    return sorted((load(v) for v in stored), key=day_of)


def save_version(session: Session, key: str, version: V, *, dump: Callable[[V], dict[str, Any]],
                 load: Callable[[dict[str, Any]], V], day_of: Callable[[V], date]) -> None:
    kept = [v for v in read_versions(session, key, load, day_of) if day_of(v) < day_of(version)]
    write_setting(session, key, {"versions": [dump(v) for v in [*kept, version]]})
