"""Visits the school received (视导, 督导, 常规检查) with their 整改 items, and the observers from outside the
school (督学, 教研员 …) the observation form offers: both kept by the office."""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from schooldesk.domain.i18n import fill
from schooldesk.services.outside_observers import OutsideObserver, list_outside_observers, update_outside_observer
from schooldesk.services.outside_observers import OutsideObserverInput
from schooldesk.services.school_visits import SchoolVisitRow, delete_school_visit, list_school_visits
from schooldesk.ui.dialogs.record_dialog import OpensRecordDialogs, RecordDialog
from schooldesk.ui.dialogs.school_visit_dialog import SchoolVisitDialog
from schooldesk.ui.dialogs.teacher_record_dialogs import OutsideObserverDialog
from schooldesk.ui.errors import ask_yes_no
from schooldesk.ui.service_call import call_service
from schooldesk.ui.state import OBSERVATIONS, TEACHERS, VISITS, AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.window_state import PreservesGeometry


class _ListWindow(OpensRecordDialogs, PreservesGeometry, QDialog):
    """A list of the office's records with add, edit and (subclass) delete."""

    def __init__(self, state: AppState, model: RowTableModel[Any], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.state, self.model = state, model
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.table = record_table(model, self)
        self.table.activated.connect(lambda _i: self.edit_record())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.third_button = QPushButton(self)
        for button, slot in ((self.add_button, self.add_record), (self.edit_button, self.edit_record),
                             (self.third_button, self.third)):
            button.clicked.connect(slot)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.add_record)
        bar = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.third_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def selected(self) -> Any:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0].row()) if indexes else None

    def _update_buttons(self) -> None:
        office = self.state.keeps_records
        self.add_button.setEnabled(office)
        self.edit_button.setEnabled(self.selected() is not None)
        self.third_button.setEnabled(office and self.selected() is not None)

    def dialog(self, row: Any) -> RecordDialog:
        raise NotImplementedError

    def add_record(self) -> RecordDialog | None:
        return self._open(self.dialog(None)) if self.state.keeps_records else None

    def edit_record(self) -> RecordDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = self._open(self.dialog(row))
        dialog.buttons.button(dialog.buttons.StandardButton.Save).setEnabled(self.state.keeps_records)
        return dialog

    def third(self) -> None:
        raise NotImplementedError


class SchoolVisitsWindow(_ListWindow):
    changes = frozenset({VISITS})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        model: RowTableModel[SchoolVisitRow] = RowTableModel([
            Column(self.tr("Date"), lambda v: v.date.isoformat()), Column(self.tr("Kind"), lambda v: v.kind),
            Column(self.tr("Who came"), lambda v: v.visitors),
            Column(self.tr("Items to put right"), lambda v: fill(self.tr("%1, open %2"), (
                str(len(v.actions)), str(v.open_actions)))),
            Column(self.tr("Feedback"), lambda v: v.feedback.replace("\n", " ")),
        ], dimmed=lambda v: v.open_actions == 0)
        super().__init__(state, model, parent)
        self.setObjectName("SchoolVisitsWindow")
        self.setWindowTitle(self.tr("Visits received (视导, 督导) and what to put right"))
        self.note.setText(self.tr("Items not yet put right stay on the home page's to-do list until they are closed."))
        self.third_button.setText(self.tr("&Delete"))
        self.resize(900, 520)
        self.restore_window_state()
        self.refresh()
        self.watch_records()

    def refresh(self) -> None:
        got = call_service(self, lambda: list_school_visits(self.state.db))
        if got:
            self.model.set_rows(got.value)
            self.table.resizeColumnsToContents()
        self._update_buttons()

    def dialog(self, row: SchoolVisitRow | None) -> RecordDialog:
        return SchoolVisitDialog(self.state.db, row, self)

    def third(self) -> None:
        row = self.selected()
        if row is not None:
            ask_yes_no(self, fill(self.tr("Delete the %1 of %2 and its items?"), (row.kind, row.date.isoformat())),
                       lambda: call_service(self, lambda: delete_school_visit(self.state.db, row.id)) and self._changed())


class OutsideObserversWindow(_ListWindow):
    changes = frozenset({TEACHERS, OBSERVATIONS})

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        model: RowTableModel[OutsideObserver] = RowTableModel([
            Column(self.tr("Name"), lambda p: p.name, names=True), Column(self.tr("Post"), lambda p: p.post),
            Column(self.tr("Organisation"), lambda p: p.organisation),
            Column(self.tr("Status"), lambda p: self.tr("Offered") if p.active else self.tr("No longer offered")),
        ], dimmed=lambda p: not p.active)
        super().__init__(state, model, parent)
        self.setObjectName("OutsideObserversWindow")
        self.setWindowTitle(self.tr("Observers from outside the school"))
        self.note.setText(self.tr("督学, 教研员 and 中心校 leaders who observe lessons here: the observation form offers "
                                  "them after the school's teachers. Their lessons count for the teacher observed, in "
                                  "no quota."))
        self.third_button.setText(self.tr("Stop &offering"))
        self.resize(700, 420)
        self.restore_window_state()
        self.refresh()
        self.watch_records()

    def refresh(self) -> None:
        got = call_service(self, lambda: list_outside_observers(self.state.db, include_inactive=True))
        if got:
            self.model.set_rows(got.value)
            self.table.resizeColumnsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        row = self.selected()
        self.third_button.setText(self.tr("Offer &again") if row is not None and not row.active
                                  else self.tr("Stop &offering"))

    def dialog(self, row: OutsideObserver | None) -> RecordDialog:
        return OutsideObserverDialog(self.state.db, row, self)

    def third(self) -> None:
        row = self.selected()
        if row is None:
            return
        data = OutsideObserverInput(name=row.name, post=row.post, organisation=row.organisation)
        if call_service(self, lambda: update_outside_observer(self.state.db, row.id, data, active=not row.active)):
            self._changed()
