"""What the 摸底 shows the bureau for a semester (情况清、去向明): the children of compulsory age with their 去向,
counts by 去向 and by village, 本在外 and the share closed with proof, 外在本, the 疑似失学 list and the 入学率
and 三残入学率. Judged on one day (the semester's end, or today while it runs); a later verification never
rewrites a past semester's report."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from schooldesk.db.catchment_models import CatchmentChild
from schooldesk.db.database import Database
from schooldesk.db.models import CareRecord, Pupil
from schooldesk.domain import catchment as rules
from schooldesk.domain.areas import household_place
from schooldesk.domain.care import DISABLED
from schooldesk.domain.file_names import document_name
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.access import masking
from schooldesk.services.catchment import ChildRow, read_children, read_destinations
from schooldesk.services.pupils import class_names, on_roll_on
from schooldesk.services.semesters import semester_dates


@dataclass(frozen=True, kw_only=True)
class VillageCount:
    village: str
    children: int
    in_school: int  # 就读 and 本在外
    out_of_school: int
    not_counted: int
    to_verify: int


@dataclass(frozen=True, kw_only=True)
class OutsidePupil:
    """外在本: a pupil on roll who is on no village list of the school."""

    name: str
    gender: str
    class_name: str
    household: str


@dataclass(frozen=True, kw_only=True)
class CatchmentReport:
    school_name: str
    semester: SemesterKey
    as_of: date
    full_ids: bool
    children: tuple[ChildRow, ...]  # of compulsory age: to verify first
    not_of_age: int
    by_destination: tuple[tuple[str, str, int], ...]  # (去向, group, children)
    by_village: tuple[VillageCount, ...]
    outside_pupils: tuple[OutsidePupil, ...]
    enrolled: int
    counted: int  # the 入学率's denominator: compulsory-age children less those 不计
    disabled_enrolled: int
    disabled_counted: int

    @property
    def file_name(self) -> str:
        return document_name(self.school_name, "适龄儿童摸底", self.semester.label_zh, suffix=".pdf")

    @property
    def to_verify(self) -> tuple[ChildRow, ...]:
        return tuple(c for c in self.children if c.to_verify)

    @property
    def elsewhere(self) -> tuple[ChildRow, ...]:
        return tuple(c for c in self.children if c.group == rules.ELSEWHERE)

    @property
    def elsewhere_with_proof(self) -> int:
        return sum(c.has_proof for c in self.elsewhere)

    @property
    def suspected(self) -> tuple[ChildRow, ...]:
        """疑似失学: of compulsory age and not in school by what was found."""
        return tuple(c for c in self.children if c.group == rules.OUT_OF_SCHOOL)

    @property
    def flagged(self) -> tuple[ChildRow, ...]:
        return tuple(c for c in self.children if c.flagged)

    @property
    def enrolment_rate(self) -> str:
        return rules.rate(self.enrolled, self.counted)

    @property
    def disabled_rate(self) -> str:
        return rules.rate(self.disabled_enrolled, self.disabled_counted)

    @property
    def proof_rate(self) -> str:
        return rules.rate(self.elsewhere_with_proof, len(self.elsewhere))


def report_day(db: Database, semester: SemesterKey, today: date) -> date:
    with db.transaction() as session:
        term = semester_dates(session, semester)
        return min(term.end_date, today)


def catchment_report(db: Database, semester: SemesterKey, *, full_ids: bool = False,
                     today: date | None = None) -> CatchmentReport:
    from schooldesk.services.registers import check_full_ids
    from schooldesk.services.school import get_school

    check_full_ids(db, full_ids)
    day = report_day(db, semester, today or date.today())
    mask_id, _ = masking(db)
    school = get_school(db)
    with db.transaction() as session:
        rows = read_children(session, db, day, semester.school_year, (lambda n: n) if full_ids else mask_id)
        added = read_destinations(session)
        disabled_pupils = _three_disabled_pupils(session, [c.pupil_id for c in rows if c.pupil_id])
        outside = _outside_pupils(session, day, semester.school_year)
    children = sorted((c for c in rows if c.compulsory), key=lambda c: (not c.to_verify, c.village, c.name_keys))
    counts = Counter(c.destination for c in children)
    names = [rules.TO_VERIFY, *(d.name for d in rules.destinations_on(day, added))]
    names += sorted(set(counts) - set(names))  # a 去向 retired since: still counted under its name
    counted = [c for c in children if c.group != rules.NOT_COUNTED]
    disabled = [c for c in counted if _three_disabled(c, disabled_pupils)]
    return CatchmentReport(
        school_name=school.name if school else "", semester=semester, as_of=day, full_ids=full_ids,
        children=tuple(children), not_of_age=len(rows) - len(children),
        by_destination=tuple((n, rules.group_of(n, added), counts[n]) for n in names),
        by_village=_villages(children), outside_pupils=outside,
        enrolled=sum(_enrolled(c) for c in counted), counted=len(counted),
        disabled_enrolled=sum(_enrolled(c) for c in disabled), disabled_counted=len(disabled))


def _enrolled(child: ChildRow) -> bool:
    return child.group in (rules.IN_SCHOOL, rules.ELSEWHERE)


def _three_disabled(child: ChildRow, disabled_pupils: set[int]) -> bool:
    """三残: 视力, 听力 or 智力 disability, as the list or the pupil's 残疾 category says, or taught at home or at a
    special school (only disabled children are)."""
    return (any(kind in child.disability for kind in rules.THREE_DISABILITIES) or (child.pupil_id in disabled_pupils)
            or child.destination in (rules.HOME_TAUGHT, rules.SPECIAL_SCHOOL))


def _three_disabled_pupils(session, pupil_ids: list[int]) -> set[int]:
    found = set()
    for pupil_id, details in session.execute(select(CareRecord.pupil_id, CareRecord.details).where(
            CareRecord.kind == DISABLED, CareRecord.pupil_id.in_(pupil_ids))):
        if (details or {}).get("type") in rules.THREE_DISABILITIES:
            found.add(pupil_id)
    return found


def _villages(children: list[ChildRow]) -> tuple[VillageCount, ...]:
    found = []
    for village in sorted({c.village for c in children}):
        here = [c for c in children if c.village == village]
        found.append(VillageCount(
            village=village or "（未填）", children=len(here), in_school=sum(_enrolled(c) for c in here),
            out_of_school=sum(c.group == rules.OUT_OF_SCHOOL for c in here),
            not_counted=sum(c.group == rules.NOT_COUNTED for c in here), to_verify=sum(c.to_verify for c in here)))
    return tuple(found)


def _outside_pupils(session, day: date, school_year: int) -> tuple[OutsidePupil, ...]:
    """Pupils on roll on *day* tied to no child of the lists (by ID, confirmed, or a name match to confirm)."""
    if session.scalar(select(CatchmentChild.id).limit(1)) is None:
        return ()  # no list imported yet: nothing to compare with
    tied = select(CatchmentChild.pupil_id).where(CatchmentChild.pupil_id.is_not(None))
    pupils = session.execute(select(Pupil.id, Pupil.name, Pupil.gender, Pupil.household_registration).where(
        on_roll_on(day), Pupil.id.not_in(tied)).order_by(Pupil.name_keys)).all()
    classes = class_names(session, school_year, [p.id for p in pupils])
    return tuple(OutsidePupil(name=p.name, gender=p.gender, class_name=classes.get(p.id, ""),
                              household=household_place(p.household_registration)) for p in pupils)
