"""`schooldesk check`: is the database sound, at the expected schema, and what does it hold."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Select, func, select, text

from schooldesk.db.audit import ChainCheck, check_chain
from schooldesk.db.database import Database
from schooldesk.db.migrate import current_revision
from schooldesk.db.models import (
    CareRecord, DropoutCase, HomeTeachingPlan, HomeTeachingVisit, Photo, Pupil, ReturnVisit, School, SchoolClass, Semester,
    SupportRecord, Teacher, User,
)
from schooldesk.db.schema import HEAD_REVISION
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

HEALTH = "Health"  # translation context of the count labels
COUNTED = {
    QT_TRANSLATE_NOOP("Health", "schools"): School,
    QT_TRANSLATE_NOOP("Health", "semesters"): Semester,
    QT_TRANSLATE_NOOP("Health", "teachers"): select(func.count()).select_from(Teacher).where(Teacher.outside.is_(False)),
    QT_TRANSLATE_NOOP("Health", "observers from outside"): select(func.count()).select_from(Teacher).where(
        Teacher.outside.is_(True)),
    QT_TRANSLATE_NOOP("Health", "classes"): SchoolClass,
    QT_TRANSLATE_NOOP("Health", "users"): User,
    QT_TRANSLATE_NOOP("Health", "pupils"): Pupil,
    QT_TRANSLATE_NOOP("Health", "care records"): CareRecord,
    QT_TRANSLATE_NOOP("Health", "support records"): SupportRecord,
    QT_TRANSLATE_NOOP("Health", "dropout cases"): DropoutCase,
    QT_TRANSLATE_NOOP("Health", "persuade-to-return visits"): ReturnVisit,
    QT_TRANSLATE_NOOP("Health", "home-teaching plans"): HomeTeachingPlan,
    QT_TRANSLATE_NOOP("Health", "home-teaching visits"): HomeTeachingVisit,
    QT_TRANSLATE_NOOP("Health", "photos"): Photo,
}


@dataclass(frozen=True)
class HealthReport:
    path: Path
    schema_revision: str | None
    expected_revision: str
    integrity: list[str]
    foreign_key_problems: int
    counts: dict[str, int] = field(default_factory=dict)
    audit: ChainCheck | None = None  # None for an older schema, whose trail has no chain yet

    @property
    def healthy(self) -> bool:
        return (
            self.schema_revision == self.expected_revision
            and self.integrity == ["ok"]
            and self.foreign_key_problems == 0
            and (self.audit is None or self.audit.intact)
        )


def check_database(db: Database) -> HealthReport:
    """Run SQLite's full integrity and foreign-key checks and count the main records."""
    revision = current_revision(db.engine)
    with db.transaction() as session:
        integrity = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
        fk_problems = len(session.execute(text("PRAGMA foreign_key_check")).fetchall())
        current = revision == HEAD_REVISION  # an older schema lacks tables: it is upgraded when opened
        counts = {name: session.scalar(model if isinstance(model, Select) else select(func.count()).select_from(model))
                  or 0 for name, model in COUNTED.items()} if current else {}
        audit = check_chain(session) if current else None
    return HealthReport(db.path, revision, HEAD_REVISION, integrity, fk_problems, counts, audit)
