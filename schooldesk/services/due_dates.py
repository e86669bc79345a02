"""The calendar of what is due (报送日历): each month's 月报, the semester's bundle and work summaries, the
适龄儿童摸底 rounds and the frequency targets' deadlines — each with whether it is done. The dates are the
school's, kept with history in the one rule store."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from schooldesk.db.catchment_models import CatchmentFinding
from schooldesk.db.database import Database
from schooldesk.domain.frequency import DueDates, due_dates_for, month_periods, validate_due_dates, week_day
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.access import require_admin
from schooldesk.services.frequency_targets import FrequencyRow, frequency_standing, read_frequency_standing
from schooldesk.services.hand_ins import bundle_key, monthly_key, read_hand_ins, summary_key
from schooldesk.services.rule_store import read_versions, save_version
from schooldesk.services.semesters import semester_dates

DUE_DATES_KEY = "due_dates"
SUMMARY_FAMILIES = {"dropout": "控辍保学", "home-teaching": "送教上门", "observation": "听课评课",
                    "mentorship": "师徒结对", "activities": "活动记录"}


def _load(value: dict[str, Any]) -> DueDates:
    return DueDates(effective_from=date.fromisoformat(value["effective_from"]),
                    monthly_report_day=int(value["monthly_report_day"]),
                    bundle_days_before_end=int(value["bundle_days_before_end"]),
                    summary_days_before_end=int(value["summary_days_before_end"]),
                    survey_rounds=tuple(value["survey_rounds"]))


def _dump(dates: DueDates) -> dict[str, Any]:
    return {**asdict(dates), "effective_from": dates.effective_from.isoformat(),
            "survey_rounds": list(dates.survey_rounds)}


def _day(dates: DueDates) -> date:
    return dates.effective_from


def due_date_versions(db: Database) -> list[DueDates]:
    with db.transaction() as session:
        return read_versions(session, DUE_DATES_KEY, _load, _day)


def due_dates_on(db: Database, day: date) -> DueDates:
    return due_dates_for(day, due_date_versions(db))


def set_due_dates(db: Database, dates: DueDates) -> DueDates:
    require_admin(db)
    dates = validate_due_dates(dates)
    with db.transaction() as session:
        save_version(session, DUE_DATES_KEY, dates, dump=_dump, load=_load, day_of=_day)
    return dates


@dataclass(frozen=True, kw_only=True)
class DueItem:
    date: date
    what: str
    family: str
    done: bool

    def as_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "what": self.what, "family": self.family, "done": self.done}


def frequency_item(row: FrequencyRow) -> DueItem:
    """A frequency target's period as the calendar lists it: 教研活动·语文组（2026年11月）：已开展1次，要求2次."""
    return DueItem(date=row.due, what=f"{row.what}：已开展{row.done}次，要求{row.required}次", family="activities",
                   done=row.met)


def due_items(db: Database, semester: SemesterKey, *, standing: Sequence[FrequencyRow] | None = None) -> list[DueItem]:
    """Everything due for *semester*, by date; each judged by the dates in force on the term's first day (a
    month's 月报 by those in force on the month's first day). *standing*: the frequency targets' rows when read
    already."""
    with db.transaction() as session:
        term = semester_dates(session, semester)
        versions = read_versions(session, DUE_DATES_KEY, _load, _day)
        rules = due_dates_for(term.start_date, versions)
        handed = read_hand_ins(session)
        items: list[DueItem] = []
        for period in month_periods(term.start_date, term.end_date):
            month = period.start.replace(day=1)
            day = due_dates_for(month, versions).monthly_report_day
            due = (month + timedelta(days=32)).replace(day=day)
            items.append(DueItem(date=due, what=f"{month.year}年{month.month}月控辍保学月报", family="dropout",
                                 done=monthly_key(month) in handed))
        bundle_day = term.end_date - timedelta(days=rules.bundle_days_before_end)
        items.append(DueItem(date=bundle_day, what=f"{semester.label_zh}报送材料", family="bundle",
                             done=bundle_key(semester) in handed))
        summary_day = term.end_date - timedelta(days=rules.summary_days_before_end)
        items += [DueItem(date=summary_day, what=f"{name}工作总结", family=family,
                          done=summary_key(family, semester) in handed) for family, name in SUMMARY_FAMILIES.items()]
        verified = sorted(session.scalars(select(CatchmentFinding.verified_on).where(
            CatchmentFinding.verified_on >= term.start_date, CatchmentFinding.verified_on <= term.end_date)))
        rounds = sorted(day for text in rules.survey_rounds
                        for day in {week_day(text, year) for year in (term.start_date.year, term.end_date.year)}
                        if term.start_date <= day <= term.end_date)
        for number, day in enumerate(rounds):  # a round is done by any 核实 after the one before it, late or not
            since = rounds[number - 1] + timedelta(days=1) if number else term.start_date
            until = rounds[number + 1] if number + 1 < len(rounds) else term.end_date
            items.append(DueItem(date=day, what="适龄儿童摸底核实", family="catchment",
                                 done=any(since <= v <= until for v in verified)))
        items += [frequency_item(row) for row in (read_frequency_standing(session, semester) if standing is None
                                                  else standing)]
    return sorted(items, key=lambda i: (i.date, i.family, i.what))


def upcoming(db: Database, semester: SemesterKey, today: date, *, days: int = 30,
             standing: Sequence[FrequencyRow] | None = None) -> list[DueItem]:
    """The home page's list: what is not done and due within *days*, and every frequency target begun and short
    however far its day, overdue first. *standing*: the frequency targets' rows when read already."""
    standing = frequency_standing(db, semester) if standing is None else standing
    soon = [i for i in due_items(db, semester, standing=standing)
            if not i.done and i.date <= today + timedelta(days=days)]
    behind = {frequency_item(row) for row in standing if row.behind_on(today)}
    return sorted(set(soon) | behind | set(rectification_items(db)), key=lambda i: (i.date, i.family, i.what))


def rectification_items(db: Database) -> list[DueItem]:
    """Every 整改 item a visit asked for and not yet closed, however far its due date: the home page keeps
    them in view until they are closed (services/school_visits.py)."""
    from schooldesk.services.school_visits import open_actions

    return [DueItem(date=a.due_date, what=f"整改：{a.item}（{a.visit_date:%Y-%m-%d}{a.visit_kind}）", family="visits",
                    done=False) for a in open_actions(db)]
