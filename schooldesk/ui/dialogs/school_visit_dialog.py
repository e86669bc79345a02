"""A visit the school received (视导, 督导, 常规检查): who came, what they checked, their 反馈意见, and the 整改
items — one line each: what, by when, and, once done, the day it was closed and how."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.teacher_growth import VISIT_KINDS
from schooldesk.services.school_visits import (
    ActionInput, SchoolVisitInput, SchoolVisitRow, add_school_visit, update_school_visit,
)
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.fields import ChoiceBox, DateField, TextArea
from schooldesk.ui.dialogs.teacher_record_dialogs import line_edit

ACTION_LINES = 8  # empty lines to write in; an item left empty is not saved


def _date(text: str, line: int) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError("actions", QT_TRANSLATE_NOOP("Errors", "Line %1: write the date as 2026-11-30."), line)


class SchoolVisitDialog(RecordDialog):
    def __init__(self, db: Database, visit: SchoolVisitRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Visit received"), parent)
        self.setObjectName("SchoolVisitDialog")
        self._db, self._visit = db, visit
        v, f = visit, self.form
        self.kind = f.add("kind", self.tr("&Kind"), ChoiceBox(VISIT_KINDS, blank=False, current=v.kind if v else "视导"))
        self.date = f.add("date", self.tr("&Date"), DateField(v.date if v else date.today()))
        self.visitors = f.add("visitors", self.tr("&Who came"), line_edit(v.visitors if v else "", 200))
        self.checked = f.add("checked", self.tr("What they &checked"), TextArea(v.checked if v else ""))
        self.feedback = f.add("feedback", self.tr("&Feedback (反馈意见)"), TextArea(v.feedback if v else ""))
        self.actions = f.add("actions", self.tr("&Items to put right (整改)"), QTableWidget(0, 4))
        self.actions.setObjectName("actionTable")
        self.actions.setHorizontalHeaderLabels([self.tr("What to put right"), self.tr("Due by"), self.tr("Closed on"),
                                                self.tr("How it was put right")])
        self.actions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.actions.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            self.actions.setColumnWidth(column, 100)
        self.actions.setMinimumWidth(720)  # the items and how they were put right read without scrolling
        self.actions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.actions.setMinimumHeight(200)
        self._ids: list[int | None] = []
        for action in (v.actions if v else ()):
            self._add_line(action.item, action.due_date.isoformat(),
                           action.closed_on.isoformat() if action.closed_on else "", action.closing, action.id)
        for _ in range(ACTION_LINES - len(self._ids) if len(self._ids) < ACTION_LINES else 2):
            self._add_line("", "", "", "", None)

    def _add_line(self, item: str, due: str, closed: str, closing: str, action_id: int | None) -> None:
        row = self.actions.rowCount()
        self.actions.insertRow(row)
        for column, text in enumerate((item, due, closed, closing)):
            self.actions.setItem(row, column, QTableWidgetItem(text))
        self._ids.append(action_id)

    def _text(self, row: int, column: int) -> str:
        cell = self.actions.item(row, column)
        return cell.text() if cell else ""

    def data(self) -> SchoolVisitInput:
        day = self.date.value() or date.today()
        lines = []
        for row in range(self.actions.rowCount()):
            item = self._text(row, 0).strip()
            if not item:
                continue
            due = _date(self._text(row, 1), row + 1) or day + timedelta(days=30)  # a month, unless said otherwise
            lines.append(ActionInput(item=item, due_date=due, closed_on=_date(self._text(row, 2), row + 1),
                                     closing=self._text(row, 3), id=self._ids[row]))
        return SchoolVisitInput(kind=self.kind.currentText(), date=day, visitors=self.visitors.text(),
                                checked=self.checked.text(), feedback=self.feedback.text(), actions=tuple(lines))

    def save(self) -> SchoolVisitRow:
        if self._visit is None:
            return add_school_visit(self._db, self.data())
        return update_school_visit(self._db, self._visit.id, self.data())
