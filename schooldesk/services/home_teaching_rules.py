"""The school's 送教上门 rule, kept with its history: each version applies from a month on."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.domain.home_teaching import VisitRule, rule_for, validate_rule
from schooldesk.services.access import require_admin
from schooldesk.services.rule_store import read_versions, save_version

RULES_KEY = "home_teaching_rules"


def _load(v: dict[str, Any]) -> VisitRule:
    return VisitRule(v["per"], v["min_visits"], v["periods_per_visit"], v["minutes_per_period"],
                     date.fromisoformat(v["effective_from"]))


def _dump(rule: VisitRule) -> dict[str, Any]:
    return {**asdict(rule), "effective_from": rule.effective_from.isoformat()}


def _day(rule: VisitRule) -> date:
    return rule.effective_from


def read_visit_rules(session: Session) -> list[VisitRule]:
    return read_versions(session, RULES_KEY, _load, _day)


def visit_rules(db: Database) -> list[VisitRule]:
    """Every version the school has set, oldest first (empty: the default applies)."""
    with db.transaction() as session:
        return read_visit_rules(session)


def visit_rule_on(db: Database, day: date) -> VisitRule:
    return rule_for(day, visit_rules(db))


def set_visit_rule(db: Database, rule: VisitRule) -> VisitRule:
    """Make *rule* apply from its month on; a version from the same month is replaced, and versions for
    later months are dropped, since the school has just said what holds from now on."""
    require_admin(db)
    rule = validate_rule(rule)
    with db.transaction() as session:
        save_version(session, RULES_KEY, rule, dump=_dump, load=_load, day_of=_day)
    return rule
