"""适龄儿童摸底 page: every child of the villages with where they are (去向), to-verify ones first; filters by
village and 去向, pinyin find, Enter verifies a child; the 户籍 list imported, the 学籍核查, the report."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from schooldesk.domain import catchment as rules
from schooldesk.domain.access import ADMIN
from schooldesk.domain.care import DROPOUT_REASONS
from schooldesk.domain.i18n import fill
from schooldesk.domain.pinyin_search import matches
from schooldesk.services.catchment import (
    ChildRow, confirm_match, delete_child, destinations_on, list_children, open_return_case,
)
from schooldesk.ui.errors import ask_yes_no
from schooldesk.ui.pages.filtered_list import FilteredList
from schooldesk.ui.service_call import call_service
from schooldesk.ui.state import CATCHMENT, DROPOUT, PUPILS, SEMESTERS, AppState
from schooldesk.ui.table_model import Column, RowTableModel

VERIFIER_KEY = "catchment/verifier"  # who verified last on this PC: the next verification's default


class CatchmentPage(FilteredList, QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CatchmentPage")
        self.state = state
        self.shown: dict[str, Any] = {}  # the newest dialog, preview or saved-file box
        self.children: list[ChildRow] = []
        self.matches = {"id": self.tr("ID number"), "name_birth": self.tr("name and birth date (to confirm)"),
                        "confirmed": self.tr("confirmed")}
        self.heading = QLabel(self)
        self.heading.setObjectName("catchmentHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.village_filter = self.filter_box(self, "villageFilter", self.show_children)
        self.destination_filter = self.filter_box(self, "destinationFilter", self.show_children)
        self.all_ages = QCheckBox(self.tr("Also children &outside compulsory age"), self)
        self.all_ages.setObjectName("allAges")
        self.all_ages.toggled.connect(lambda _on: self.show_children())
        model: RowTableModel[ChildRow] = RowTableModel([
            Column(self.tr("Village"), lambda c: c.village),
            Column(self.tr("Name"), lambda c: c.name, names=True),
            Column(self.tr("Gender"), lambda c: c.gender),
            Column(self.tr("Born"), lambda c: c.birth_date or ""),
            Column(self.tr("ID number"), lambda c: c.id_number if c.id_valid else f"⚠ {c.id_number or '（空）'}"),
            Column(self.tr("Stage"), lambda c: c.stage if c.compulsory else self.tr("not of compulsory age")),
            Column(self.tr("Destination"), lambda c: c.destination),
            Column(self.tr("School or class"), lambda c: c.class_name if c.from_register else (c.finding.school if c.finding else "")),
            Column(self.tr("Verified"), lambda c: c.finding.verified_on if c.finding else ""),
            Column(self.tr("Proof"), lambda c: (self.tr("yes") if c.has_proof else self.tr("none"))
                   if c.group == rules.ELSEWHERE else ""),
            Column(self.tr("Matched by"), lambda c: self.matches.get(c.match, "")),
        ], dimmed=lambda c: not c.compulsory)
        self.build_list(self, model, "catchmentTable")
        self.find_box.textChanged.disconnect()  # found by pinyin too (qs → 钱三), with the page's own filters
        self.find_box.textChanged.connect(lambda _text: self.show_children())
        self.table.activated.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self.update_buttons)
        self.import_button = QPushButton(self.tr("&Import the villages' list…"), self)
        self.edit_button = QPushButton(self.tr("&Verify…"), self)
        self.confirm_button = QPushButton(self.tr("&Confirm the match"), self)
        self.case_button = QPushButton(self.tr("Persuade to &return…"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.check_button = QPushButton(self.tr("学籍&核查…"), self)
        self.print_button = QPushButton(self.tr("&Print the report…"), self)
        self.excel_button = QPushButton(self.tr("E&xcel…"), self)
        self.destinations_button = QPushButton(self.tr("Destina&tions…"), self)
        for button, slot in ((self.import_button, self.import_list), (self.edit_button, self.edit_selected),
                             (self.confirm_button, self.confirm_selected), (self.case_button, self.open_case),
                             (self.delete_button, self.confirm_delete), (self.check_button, self.check_status),
                             (self.print_button, self.print_report), (self.excel_button, self.export_excel),
                             (self.destinations_button, self.edit_destinations)):
            button.clicked.connect(slot)
        filters = QHBoxLayout()
        for label, box in ((self.tr("Village:"), self.village_filter), (self.tr("Destination:"), self.destination_filter)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(box)
        filters.addWidget(self.all_ages)
        filters.addWidget(self.find_box, 1)
        top = QHBoxLayout()  # the report and the school's lists beside the heading; the child's actions below
        top.addWidget(self.heading, 1)
        for button in (self.check_button, self.destinations_button, self.print_button, self.excel_button):
            top.addWidget(button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.import_button, self.edit_button, self.confirm_button, self.case_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        state.watch(self, {CATCHMENT, PUPILS, DROPOUT, SEMESTERS}, self.refresh)
        state.semester_changed.connect(lambda _semester: self.refresh())
        self.refresh()

    # ---- reading ----
    def day(self) -> date:
        """The semester's today: its last day once it is over, so a past term shows what was found then."""
        semester = self.state.semester
        return min(semester.end, date.today()) if semester is not None else date.today()

    def refresh(self) -> None:
        db, day, year = self.state.db, self.day(), self.state.school_year
        got = call_service(self, lambda: (list_children(db, day, year), destinations_on(db, day)))
        if not got:
            return
        self.children, destinations = got.value
        self.fill_filter(self.village_filter, [(v or self.tr("(not given)"), v) for v in sorted({c.village for c in self.children})])
        self.fill_filter(self.destination_filter, [(name, name) for name in (rules.TO_VERIFY, *(d.name for d in destinations))])
        self.show_children()

    def show_children(self) -> None:
        village, destination = self.village_filter.currentData(), self.destination_filter.currentData()
        needle = self.find_box.text().strip()
        rows = [c for c in self.children if (self.all_ages.isChecked() or c.compulsory)
                and (village is None or c.village == village) and (destination is None or c.destination == destination)
                and matches(needle, c.name, c.name_keys, c.householder, c.pupil_name)]
        self.show_rows(rows)
        compulsory = [c for c in self.children if c.compulsory]
        if not self.children:
            self.heading.setText(self.tr("No list of the villages' children yet: import the 户籍 list the village "
                                         "committee or the police station gave."))
            return
        self.heading.setText(fill(self.tr("Children of compulsory age: %1; to verify: %2; studying elsewhere: %3; "
                                          "ID number wrong or blank: %4 (%5 shown)"), tuple(str(n) for n in (
            len(compulsory), sum(c.to_verify for c in compulsory), sum(c.group == rules.ELSEWHERE for c in compulsory),
            sum(c.flagged for c in compulsory), len(rows)))))

    def may_write(self, row: ChildRow) -> bool:
        return self.state.keeps_records

    def update_buttons(self) -> None:
        super().update_buttons()
        row = self.selected()
        writer = self.state.keeps_records
        self.edit_button.setText(self.tr("&Verify…") if writer else self.tr("&View…"))
        self.import_button.setEnabled(writer)
        self.check_button.setEnabled(writer)
        self.confirm_button.setEnabled(writer and row is not None and row.match == "name_birth")
        self.case_button.setEnabled(writer and row is not None and not row.from_register and row.finding is not None
                                    and row.destination in rules.RETURN_CASE_DESTINATIONS)
        self.print_button.setEnabled(bool(self.children))
        self.excel_button.setEnabled(bool(self.children))

    # ---- writing ----
    def import_list(self) -> Any:
        from schooldesk.ui.catchment_import_dialog import CatchmentImportDialog

        dialog = CatchmentImportDialog(self.state, self)
        self.shown["dialog"] = dialog
        dialog.open()
        return dialog

    def edit_selected(self) -> Any:
        from schooldesk.ui.dialogs.catchment_dialog import FindingDialog

        row = self.selected()
        if row is None:
            return None
        got = call_service(self, lambda: destinations_on(self.state.db, date.today()))
        if not got:
            return None
        dialog = FindingDialog(self.state.db, row, got.value, str(QSettings().value(VERIFIER_KEY, "")), None, self)
        if not self.may_write(row):
            dialog.buttons.button(dialog.buttons.StandardButton.Save).setEnabled(False)
        dialog.saved.connect(lambda _id: (QSettings().setValue(VERIFIER_KEY, dialog.verifier.text()),
                                          self.state.notify_changed(CATCHMENT)))
        self.shown["dialog"] = dialog
        dialog.open()
        return dialog

    def confirm_selected(self) -> QMessageBox | None:
        row = self.selected()
        if row is None or row.match != "name_birth":
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Confirm the match"), fill(self.tr(
            "Is %1 of %2 (born %3) the pupil %4 of %5 on the register?"), (
            row.name, row.village, row.birth_date.isoformat() if row.birth_date else "", row.pupil_name, row.class_name)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Yes, the same child"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("No, another child"))
        box.finished.connect(lambda answer: self._confirmed(row.id, answer))
        self.shown["box"] = box
        box.open()
        return box

    def _confirmed(self, child_id: int, answer: int) -> None:
        if answer in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No):
            same = answer == QMessageBox.StandardButton.Yes
            call_service(self, lambda: confirm_match(self.state.db, child_id, same), state=self.state, changes={CATCHMENT})

    def open_case(self) -> QInputDialog | None:
        row = self.selected()
        if row is None or row.finding is None:
            return None
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Persuade to return"))
        dialog.setLabelText(fill(self.tr("Open a persuade-to-return case for %1 (%2). Why is the child not in school?"),
                                 (row.name, row.destination)))
        dialog.setComboBoxItems(list(DROPOUT_REASONS))
        finding_id = row.finding.id
        dialog.textValueSelected.connect(lambda reason: call_service(
            self, lambda: open_return_case(self.state.db, finding_id, reason), state=self.state,
            changes={CATCHMENT, DROPOUT, PUPILS}))
        self.shown["case"] = dialog
        dialog.open()
        return dialog

    def confirm_delete(self) -> QMessageBox | None:
        row = self.selected()
        if row is None:
            return None
        return ask_yes_no(self, fill(self.tr("Remove %1 of %2 from the list, with every verification of the child? "
                                             "Only for a child listed by mistake."), (row.name, row.village)),
                          lambda: call_service(self, lambda: delete_child(self.state.db, row.id), state=self.state,
                                               changes={CATCHMENT}))

    def edit_destinations(self) -> Any:
        from schooldesk.ui.dialogs.destinations_dialog import DestinationsDialog

        dialog = DestinationsDialog(self.state.db, self, may_add=self.state.user is None or self.state.user.role == ADMIN)
        dialog.finished.connect(lambda _r: self.state.notify_changed(CATCHMENT) if dialog.changed else None)
        self.shown["dialog"] = dialog
        dialog.open()
        return dialog

    def check_status(self) -> Any:
        from schooldesk.ui.status_check_dialog import StatusCheckDialog

        dialog = StatusCheckDialog(self.state, self)
        self.shown["dialog"] = dialog
        dialog.open()
        return dialog

    # ---- paper and Excel ----
    def _read(self) -> Any:
        from schooldesk.services.catchment_report import catchment_report

        semester = self.state.semester
        return catchment_report(self.state.db, semester.key) if semester is not None else None

    def print_report(self) -> None:
        from schooldesk.services.print_settings import pdf_font_path
        from schooldesk.ui.printing import print_read

        def write(path: Any, report: Any, font: Any) -> Any:
            from schooldesk.exports.catchment_sheets import write_catchment_pdf

            return write_catchment_pdf(path, report, font_path=font)

        if self.state.semester is not None:
            print_read(self, self._read, write, lambda: pdf_font_path(self.state.db),
                       lambda w: self.shown.__setitem__("preview", w))

    def export_excel(self) -> Any:
        from schooldesk.exports.catchment_sheets import write_catchment_xlsx
        from schooldesk.ui.printing import save_workbook

        if self.state.semester is None:
            return None
        return save_workbook(self, self.state.db.path.parent, self._read, write_catchment_xlsx,
                             lambda box: self.shown.__setitem__("saved", box))
