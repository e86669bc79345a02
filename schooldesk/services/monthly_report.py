"""控辍保学月报: the month's figures the school reports (一月一报告), with the pupils behind each count."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from schooldesk.db.audit import record_export
from schooldesk.db.database import Database
from schooldesk.db.models import DropoutCase, HomeTeachingPlan, School
from schooldesk.domain.care import CONFIRMED_DROPOUT, RETURNED_TO_SCHOOL, SUSPECTED_DROPOUT
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.file_names import document_name
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import school_year_of
from schooldesk.services.home_teaching import plan_months
from schooldesk.services.home_teaching_rules import read_visit_rules
from schooldesk.services.access import masking
from schooldesk.services.figures import roll_counts
from schooldesk.services.registers import PupilFacts, check_full_ids, pupil_facts
from schooldesk.services.school_rules import read_suspect_after_days



@dataclass(frozen=True, kw_only=True)
class ReportDetail:
    """One pupil behind one of the month's counts."""

    figure: str
    pupil: PupilFacts
    day: date | None
    note: str


@dataclass(frozen=True, kw_only=True)
class MonthlyFigure:
    label: str
    count: int


@dataclass(frozen=True, kw_only=True)
class MonthlyReport:
    school_name: str
    month: date  # its first day
    suspect_rule: str  # what counts as 疑似辍学 at this school
    figures: tuple[MonthlyFigure, ...]
    details: tuple[ReportDetail, ...]

    @property
    def label(self) -> str:
        return f"{self.month.year}年{self.month.month}月"

    @property
    def file_label(self) -> str:
        """2025年09月 — a file name's month, two digits so that a folder lists 9月 before 10月."""
        return f"{self.month.year}年{self.month.month:02d}月"

    def file_name(self, suffix: str) -> str:
        return document_name(self.school_name, "控辍保学月报", self.file_label, suffix=suffix)

    def count(self, label: str) -> int:
        return next(f.count for f in self.figures if f.label == label)


def parse_month(text: str) -> date:
    """2026-10 → 1 October 2026."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValidationError("month", QT_TRANSLATE_NOOP("Errors", "Give the month as YYYY-MM, e.g. 2026-10."))
    return date(int(match[1]), int(match[2]), 1)


def _open_at(case: DropoutCase, day: date) -> bool:
    return case.started_on <= day and (case.closed_on is None or case.closed_on > day)


def monthly_report(db: Database, month: date, *, full_ids: bool = False) -> MonthlyReport:
    """The figures of *month*: roll counts by the status in force on its last day (a 毕业 dated next July, written
    by a new school year prepared early, does not change December's); cases and visits by their dates."""
    check_full_ids(db, full_ids)
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    with db.transaction() as session:
        school = session.scalars(select(School)).first()
        roll = roll_counts(session, last)
        cases = session.scalars(select(DropoutCase).options(selectinload(DropoutCase.visits))
                                .where(DropoutCase.started_on <= last)).all()
        plans = session.scalars(select(HomeTeachingPlan).options(selectinload(HomeTeachingPlan.visits)).where(
            HomeTeachingPlan.start_date <= last, HomeTeachingPlan.end_date >= first)).all()
        rules = read_visit_rules(session)
        facts = pupil_facts(session, {c.pupil_id for c in cases} | {p.pupil_id for p in plans},
                            school_year_of(first), full_ids, masking(db), status_day=last)
        rows: list[ReportDetail] = []

        def add(figure: str, found: list[tuple[int, date | None, str]]) -> MonthlyFigure:
            rows.extend(ReportDetail(figure=figure, pupil=facts[pid], day=day, note=note) for pid, day, note in found)
            return MonthlyFigure(label=figure, count=len(found))

        def case_rows(chosen: list[DropoutCase], day: str) -> list[tuple[int, date | None, str]]:
            return [(c.pupil_id, c.closed_on if day == "closed" else c.started_on,
                     "：".join(filter(None, (c.reason, c.outcome, c.outcome_note)))) for c in chosen]

        closed = [c for c in cases if c.closed_on is not None and first <= c.closed_on <= last]
        served = []
        for plan in plans:
            months = plan_months(plan, rules)
            this = next(m for m in months if m.month == first)
            served.append((plan, this))
        figures = (
            MonthlyFigure(label="在籍人数", count=roll.on_roll),
            MonthlyFigure(label="在校人数", count=roll.at_school),
            add("疑似辍学", case_rows([c for c in cases if c.stage == SUSPECTED_DROPOUT and _open_at(c, last)], "start")),
            add("本月新增辍学", case_rows([c for c in cases if c.stage == CONFIRMED_DROPOUT
                                          and first <= c.started_on <= last], "start")),
            add("本月劝返复学", case_rows([c for c in closed if c.outcome == RETURNED_TO_SCHOOL], "closed")),
            add("本月销号", case_rows(closed, "closed")),
            add("累计辍学", case_rows([c for c in cases if c.stage == CONFIRMED_DROPOUT and _open_at(c, last)],
                                      "start")),
            add("送教上门人数", [(p.pupil_id, None, f"本月送教{m.visits}次") for p, m in served]),
            add("送教上门本月达标", [(p.pupil_id, None, f"本月送教{m.visits}次，要求{m.required_visits}次")
                                     for p, m in served if m.met]),
        )
        if full_ids:
            record_export(session, "monthly_report", f"{first:%Y-%m}", "控辍保学月报（完整身份证号）")
        return MonthlyReport(
            school_name=school.name if school else "", month=first,
            suspect_rule=f"无故缺课连续{read_suspect_after_days(session)}天及以上，记为疑似辍学",
            figures=figures, details=tuple(rows),
        )
