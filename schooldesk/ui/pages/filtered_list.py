"""What a records tab with filters shares (听课评课, 活动记录): filter boxes with （全部）, a find box over a sortable
table, the selected row kept across refreshes, and buttons that follow who may write the row."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QTableView, QWidget

from schooldesk.ui.table_model import RowSortProxy, RowTableModel
from schooldesk.ui.tables import record_table


class FilteredList:
    """Mix into a page; it supplies ``may_write(row)`` and, after ``build_list``, the buttons named below."""

    model: RowTableModel[Any]
    proxy: RowSortProxy
    table: QTableView
    find_box: QLineEdit
    edit_button: QPushButton
    delete_button: QPushButton
    print_button: QPushButton

    def build_list(self, parent: QWidget, model: RowTableModel[Any], name: str) -> QTableView:
        """The find box and the table over *model* (rows open on Enter or double-click)."""
        self.model = model
        self.proxy = RowSortProxy(model, parent)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.find_box = QLineEdit(parent)
        self.find_box.setObjectName("findBox")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setPlaceholderText(QCoreApplication.translate("FilteredList", "Find (Ctrl+F)"))
        self.find_box.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = record_table(self.proxy, parent)
        self.table.setObjectName(name)
        return self.table

    @staticmethod
    def filter_box(parent: QWidget, name: str, refresh: Any) -> QComboBox:
        box = QComboBox(parent)
        box.setObjectName(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        box.activated.connect(lambda _i: refresh())
        return box

    @staticmethod
    def fill_filter(box: QComboBox, choices: Sequence[tuple[str, Any]]) -> None:
        """（全部） then *choices* (label, value); the chosen value stays chosen when it is still there."""
        chosen = box.currentData()
        box.clear()
        box.addItem(QCoreApplication.translate("FilteredList", "(all)"), None)
        for label, value in choices:
            box.addItem(label, value)
        box.setCurrentIndex(max(0, box.findData(chosen)))

    def show_rows(self, rows: Sequence[Any]) -> None:
        """New rows in the table, the selected record still selected when it is among them."""
        selected = self.selected()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if selected is not None:
            self.select_record(selected.id)
        self.update_buttons()

    def selected(self) -> Any | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(indexes[0]).row()) if indexes else None

    def select_record(self, record_id: int) -> None:
        for source_row, row in enumerate(self.model.rows()):
            if row.id == record_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(source_row, 0)).row())

    def may_write(self, row: Any) -> bool:
        raise NotImplementedError

    def update_buttons(self) -> None:
        """Edit becomes 查看 for a row this user may not change; Delete only for one they may."""
        row = self.selected()
        writable = row is not None and self.may_write(row)
        self.edit_button.setEnabled(row is not None)
        self.edit_button.setText(QCoreApplication.translate("FilteredList", "&Edit…") if row is None or writable
                                 else QCoreApplication.translate("FilteredList", "&View…"))
        self.delete_button.setEnabled(writable)
        self.print_button.setEnabled(row is not None)

    def focus_find(self) -> None:
        tabs = getattr(self, "tabs", None)
        if tabs is not None:
            tabs.setCurrentIndex(0)
        self.find_box.setFocus()
        self.find_box.selectAll()
