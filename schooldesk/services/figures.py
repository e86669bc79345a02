"""One figure, one definition: the counts a school reports, each computed in one place that the registers,
the monthly report, the home page, the 报送前检查 and the work summaries all call, so no two papers disagree."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.models import Pupil
from schooldesk.domain.pupils import DROPPED_OUT, HOME_TAUGHT, ON_ROLL
from schooldesk.services.pupils import status_in_force

NOT_AT_SCHOOL = frozenset({DROPPED_OUT, "休学", HOME_TAUGHT})


@dataclass(frozen=True, kw_only=True)
class RollCounts:
    on_roll: int  # 在籍: the status in force on the day is one of ON_ROLL
    at_school: int  # 在校: on roll less 辍学, 休学 and 送教上门


def roll_counts(session: Session, day: date) -> RollCounts:
    """By the status in force on *day* (a 毕业 dated next July, written early, does not count in December)."""
    statuses = Counter(session.scalars(select(status_in_force(day)).select_from(Pupil)))  # None: not yet come
    on_roll = sum(n for s, n in statuses.items() if s in ON_ROLL)
    return RollCounts(on_roll=on_roll, at_school=on_roll - sum(n for s, n in statuses.items() if s in NOT_AT_SCHOOL))


def care_counts(book: object) -> dict[str, int]:
    """Pupils in each care category at any time in the register's semester (a pupil counted once per kind)."""
    found: dict[str, set[int]] = {}
    for line in book.care:  # type: ignore[attr-defined]
        found.setdefault(line.kind, set()).add(line.pupil.pupil_id)
    return {kind: len(pupils) for kind, pupils in found.items()}

