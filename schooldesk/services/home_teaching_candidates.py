"""Who a 送教上门 plan can be for: pupils on roll, those taught at home first, with when their placement began
(the plan form's default start)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from schooldesk.db.database import Database
from schooldesk.db.models import CareRecord, Pupil
from schooldesk.domain.care import DISABLED
from schooldesk.domain.pupils import HOME_TAUGHT
from schooldesk.domain.sorting import name_key
from schooldesk.services.pupils import class_names, on_roll_on, status_in_force


@dataclass(frozen=True)
class PupilChoice:
    id: int
    name: str
    class_name: str
    taught_at_home: bool  # status 送教上门 or a disability placement 送教上门: offered first
    placed_on: date | None = None  # when the open 送教上门 placement began: a plan's default start


def plan_candidates(db: Database, school_year: int) -> list[PupilChoice]:
    """Pupils on roll, those taught at home first (status or disability placement 送教上门)."""
    with db.transaction() as session:
        placed = {
            care.pupil_id: care.start_date for care in session.scalars(
                select(CareRecord).where(CareRecord.kind == DISABLED, CareRecord.end_date.is_(None)))
            if care.details.get("placement") == HOME_TAUGHT
        }
        classes = class_names(session, school_year)
        today = date.today()
        pupils = session.execute(
            select(Pupil.id, Pupil.name, status_in_force(today), Pupil.name_keys).where(on_roll_on(today))
        ).all()
        choices = [PupilChoice(pid, name, classes.get(pid, ""), status == HOME_TAUGHT or pid in placed, placed.get(pid))
                   for pid, name, status, _keys in pupils]
        return sorted(choices, key=lambda c: (not c.taught_at_home, name_key(c.name)))
