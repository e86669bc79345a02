"""A record family's list page (听课评课, 活动记录): the records tab with its filters, find box and buttons over the
table, and what every such tab does with a row — open it in the family's dialog (read-only for a row this user
may not change), select it again after a save, delete it after asking."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from schooldesk.ui.errors import ask_yes_no
from schooldesk.ui.pages.filtered_list import FilteredList
from schooldesk.ui.service_call import call_service
from schooldesk.ui.state import AppState
from schooldesk.ui.table_model import RowTableModel


class RecordsPage(FilteredList):
    """Mix into a page before QWidget. The page says what a save or delete changes (``record_changes``) and
    supplies ``choices()``, ``make_dialog(choices, row)``, ``delete_question(row)``, ``delete_record(id)`` and
    ``may_write(row)``; ``read_only_title(row)`` may name whose record a read-only dialog shows."""

    state: AppState
    record_changes: frozenset[str] = frozenset()
    dialog: Any = None

    def records_tab(self, model: RowTableModel[Any], name: str, filters: Sequence[tuple[str, QComboBox]],
                    more: Sequence[tuple[QPushButton, Callable[[], Any]]]) -> QWidget:
        """Filters and the find box, then New / Edit / Delete / Print and the page's own buttons, then the table."""
        tab = QWidget(self)  # type: ignore[arg-type]
        self.build_list(tab, model, name)
        self.table.activated.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.new_button = QPushButton(QCoreApplication.translate("RecordsPage", "&New…"), tab)
        self.edit_button = QPushButton(QCoreApplication.translate("RecordsPage", "&Edit…"), tab)
        self.delete_button = QPushButton(QCoreApplication.translate("RecordsPage", "&Delete"), tab)
        self.print_button = QPushButton(QCoreApplication.translate("RecordsPage", "&Print…"), tab)
        buttons = ((self.new_button, self.new_record), (self.edit_button, self.edit_selected),
                   (self.delete_button, self.confirm_delete), (self.print_button, self.print_selected), *more)
        row = QHBoxLayout()
        for label, box in filters:
            row.addWidget(QLabel(label, tab))
            row.addWidget(box)
        row.addWidget(self.find_box, 1)
        bar = QHBoxLayout()
        bar.addStretch(1)
        for button, slot in buttons:
            button.setParent(tab)
            button.clicked.connect(slot)
            bar.addWidget(button)
        column = QVBoxLayout(tab)
        column.addLayout(row)
        column.addLayout(bar)
        column.addWidget(self.table, 1)
        return tab

    # ---- what the page supplies ----
    def choices(self) -> Any:
        raise NotImplementedError

    def make_dialog(self, choices: Any, row: Any | None) -> Any:
        raise NotImplementedError

    def delete_question(self, row: Any) -> str:
        raise NotImplementedError

    def delete_record(self, record_id: int) -> Any:
        raise NotImplementedError

    def print_selected(self) -> None:
        raise NotImplementedError

    def read_only_title(self, row: Any) -> str | None:
        return None

    # ---- what every records tab does ----
    def new_record(self) -> Any:
        return self.open_record(None) if self.state.semester is not None else None

    def edit_selected(self) -> Any:
        row = self.selected()
        return self.open_record(row) if row is not None else None

    def open_record(self, row: Any | None) -> Any:
        """The family's dialog on *row* (None: a new record); Save disabled when this user may not change it."""
        got = call_service(self, self.choices)  # type: ignore[arg-type]
        if not got:
            return None
        self.dialog = self.make_dialog(got.value, row)
        if row is not None and not self.may_write(row):
            self.dialog.buttons.button(self.dialog.buttons.StandardButton.Save).setEnabled(False)
            title = self.read_only_title(row)
            if title:
                self.dialog.setWindowTitle(title)
        self.dialog.saved.connect(self.record_saved)
        self.dialog.open()
        return self.dialog

    def record_saved(self, row: Any) -> None:
        self.state.notify_changed(*self.record_changes)
        self.select_record(row.id)

    def confirm_delete(self) -> QMessageBox | None:
        row = self.selected()
        if row is None:
            return None
        return ask_yes_no(self, self.delete_question(row), lambda: call_service(  # type: ignore[arg-type]
            self, lambda: self.delete_record(row.id), state=self.state, changes=set(self.record_changes)))
