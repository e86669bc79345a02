"""A list of records with a find box, New / Edit / Deactivate buttons and an "include inactive" switch."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from schooldesk.ui.state import AppState
from schooldesk.ui.table_model import RowSortProxy, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.service_call import call_service


class ListPage(QWidget):
    """Subclasses supply the model's columns, ``load_rows()``, ``open_editor()`` and ``set_active()``, and
    say what their records are (``changes``) and what their list shows (``watches``)."""

    changes: frozenset[str] = frozenset()
    watches: frozenset[str] = frozenset()

    def __init__(self, state: AppState, model: RowTableModel[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = model
        self.proxy = RowSortProxy(model, self)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.find_box = QLineEdit(self)
        self.find_box.setObjectName("findBox")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setPlaceholderText(self.tr("Find (Ctrl+F)"))
        self.find_box.textChanged.connect(self.proxy.setFilterFixedString)
        self.show_inactive = QCheckBox(self.tr("Show inactive"), self)
        self.show_inactive.toggled.connect(self.refresh)
        self.new_button = QPushButton(self.tr("&New…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.active_button = QPushButton(self.tr("&Deactivate"), self)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.active_button.clicked.connect(self.toggle_selected_active)

        self.table = record_table(self.proxy, self)
        self.table.activated.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        bar = self.bar = QHBoxLayout()
        bar.addWidget(self.find_box, 1)
        bar.addWidget(self.show_inactive)
        for button in (self.new_button, self.edit_button, self.active_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        state.watch(self, self.watches, self.refresh)

    # for subclasses
    def load_rows(self, include_inactive: bool) -> list[Any]:
        raise NotImplementedError

    def open_editor(self, row: Any | None) -> None:
        raise NotImplementedError

    def set_active(self, row: Any, active: bool) -> None:
        raise NotImplementedError

    # behaviour
    def refresh(self) -> None:
        selected = self.selected_row()
        if not call_service(self, lambda: self.model.set_rows(self.load_rows(self.show_inactive.isChecked()))):
            return
        self.table.resizeColumnsToContents()
        if selected is not None:
            self.select_where(lambda row: row.id == selected.id)
        self._update_buttons()

    def selected_row(self) -> Any | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.row_at(self.proxy.mapToSource(indexes[0]).row())

    def select_where(self, predicate: Any) -> None:
        for source_row, row in enumerate(self.model.rows()):
            if predicate(row):
                index = self.proxy.mapFromSource(self.model.index(source_row, 0))
                if index.isValid():
                    self.table.selectRow(index.row())
                return

    def new_record(self) -> None:
        self.open_editor(None)

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_editor(row)

    def toggle_selected_active(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        call_service(self, lambda: self.set_active(row, not row.active), state=self.state, changes=self.changes)

    def focus_find(self) -> None:
        self.find_box.setFocus()
        self.find_box.selectAll()

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.edit_button.setEnabled(row is not None)
        self.active_button.setEnabled(row is not None)
        self.active_button.setText(self.tr("&Reactivate") if row is not None and not row.active else self.tr("&Deactivate"))

    def _saved(self, row: Any) -> None:
        self.state.notify_changed(*self.changes)
        self.select_where(lambda r: r.id == row.id)
