"""The 去向 a verification may give: the built-in ones, and the school's own, each offered from the day it was
added (a semester already reported is never judged by a 去向 it did not have). Added here, saved at once."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLineEdit, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from schooldesk.db.database import Database
from schooldesk.domain import catchment as rules
from schooldesk.domain.catchment import Destination
from schooldesk.services.catchment import add_destination, destinations_on
from schooldesk.ui.fields import ChoiceBox, DateField
from schooldesk.ui.service_call import call_service
from schooldesk.ui.window_state import PreservesGeometry


class DestinationsDialog(PreservesGeometry, QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None, *, may_add: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("DestinationsDialog")
        self.setWindowTitle(self.tr("Destinations (去向)"))
        self._db = db
        self.changed = False
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("destinationTable")
        self.table.setHorizontalHeaderLabels([self.tr("Destination"), self.tr("Counts as"), self.tr("Offered from")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. 港澳台就读"))
        self.group = ChoiceBox(rules.GROUPS, blank=False)
        self.asks_school = QCheckBox(self.tr("asks for the school attended"), self)
        self.since = DateField(date.today())
        new = QGroupBox(self.tr("A destination of the school's own"), self)
        form = QFormLayout(new)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Counts as"), self.group)
        form.addRow("", self.asks_school)
        form.addRow(self.tr("Offered &from"), self.since)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.add_button = buttons.addButton(self.tr("&Add"), QDialogButtonBox.ButtonRole.ActionRole)
        self.add_button.clicked.connect(self.add)
        buttons.rejected.connect(self.reject)
        new.setEnabled(may_add)
        self.add_button.setEnabled(may_add)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(new)
        layout.addWidget(buttons)
        self.resize(560, 560)
        self.restore_window_state()
        self.refresh()

    def refresh(self) -> None:
        got = call_service(self, lambda: destinations_on(self._db, date.max))
        if not got:
            return
        self.table.setRowCount(0)
        for destination in got.value:
            row = self.table.rowCount()
            self.table.insertRow(row)
            since = destination.since.isoformat() if destination.since else self.tr("built in")
            for column, text in enumerate((destination.name, destination.group, since)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def add(self) -> bool:
        new = Destination(name=self.name.text(), group=self.group.currentText(), asks_school=self.asks_school.isChecked(),
                          since=self.since.value())
        if not call_service(self, lambda: add_destination(self._db, new)):
            return False
        self.changed = True
        self.name.clear()
        self.refresh()
        return True

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)
