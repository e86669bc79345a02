"""The school's 送教上门 rule, kept with its history: each version applies from a month on."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date

from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import SchoolSetting
from schooldesk.services.school_rules import write_setting
from schooldesk.domain.home_teaching import VisitRule, rule_for, validate_rule
from schooldesk.services.access import require_admin

RULES_KEY = "home_teaching_rules"

def read_visit_rules(session: Session) -> list[VisitRule]:
    setting = session.get(SchoolSetting, RULES_KEY)
    stored = setting.value.get("versions", []) if setting else []
    return sorted(
        (VisitRule(v["per"], v["min_visits"], v["periods_per_visit"], v["minutes_per_period"],
                   date.fromisoformat(v["effective_from"])) for v in stored),
        key=lambda r: r.effective_from,
    )

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
        kept = [r for r in read_visit_rules(session) if r.effective_from < rule.effective_from]
        value = {"versions": [
            {**asdict(r), "effective_from": r.effective_from.isoformat()} for r in [*kept, rule]
        ]}
        write_setting(session, RULES_KEY, value)
    return rule
