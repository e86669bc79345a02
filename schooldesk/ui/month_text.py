"""How a 送教上门 month's visits read on screen: short visits are named wherever the count is shown."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from schooldesk.domain.home_teaching import MonthCompliance
from schooldesk.domain.i18n import fill


def visits_text(month: MonthCompliance) -> str:
    """2, or 2 (1 under 2 periods) — a visit shorter than the rule's periods does not qualify."""
    if not month.short_visits:
        return str(month.visits)
    return fill(QCoreApplication.translate("HomeTeaching", "%1 (%2 under %3 periods)"),
                (str(month.visits), str(month.short_visits), str(month.rule.periods_per_visit)))
