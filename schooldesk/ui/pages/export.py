"""导出报送材料 page: a semester's bundle for the bureau — which families, masked or full ID numbers, folder or
(encrypted) zip, onto which USB stick — with the 报送前检查 list first and the result after."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP, fill
from schooldesk.services.bundle import CHECK_TEXTS, FAMILIES, BundleCheck, bundle_checks
from schooldesk.ui.background import run_in_background
from schooldesk.ui.saving import file_dialog, open_folder
from schooldesk.ui.state import EVERYTHING, USERS, AppState
from schooldesk.ui.service_call import call_service

PAGE_OF = {"dropout": "PupilsPage", "home_teaching": "HomeTeachingPage", "observations": "ObservationsPage",
           "mentorship": "MentorshipPage", "activities": "ActivitiesPage", "catchment": "CatchmentPage"}
NO_MATCH = QT_TRANSLATE_NOOP("Errors", "The two passwords differ.")
CHECK_ROLE = Qt.ItemDataRole.UserRole
DESTINATION_KEY = "bundle/destination"  # where the clerk last wrote a bundle


class ExportPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportPage")
        self.state = state
        self.result: Any = None
        self.task: Any = None
        self.heading = QLabel(self.tr("Hand-in for the county bureau (报送材料)"), self)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.semester = QComboBox(self)
        self.semester.setObjectName("bundleSemester")
        self.semester.currentIndexChanged.connect(lambda _i: self.refresh_checks())
        self.families: dict[str, QCheckBox] = {}
        family_row = QHBoxLayout()
        for code, name in FAMILIES.items():
            box = QCheckBox(name, self)
            box.setChecked(True)
            self.families[code] = box
            family_row.addWidget(box)
        family_row.addStretch(1)
        self.full_ids = QCheckBox(self.tr("F&ull ID numbers (recorded in the audit trail)"), self)
        self.full_ids.setObjectName("bundleFullIds")
        self.full_ids.setEnabled(state.keeps_records)
        self.as_folder = QRadioButton(self.tr("A &folder"), self)
        self.as_zip = QRadioButton(self.tr("One &zip file"), self)
        self.as_folder.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.as_folder)
        group.addButton(self.as_zip)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("password to encrypt the zip (AES-256); empty: not encrypted"))
        self.password_again = QLineEdit(self)
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again.setPlaceholderText(self.tr("the password again"))
        self.as_zip.toggled.connect(self._zip_chosen)
        self.destination = QComboBox(self)
        self.destination.setObjectName("bundleDestination")
        self.destination.setPlaceholderText(self.tr("Choose a USB stick or a folder…"))
        self.choose_button = QPushButton(self.tr("Other fol&der…"), self)
        self.choose_button.clicked.connect(self.choose_folder)
        self.drives_button = QPushButton(self.tr("&Look for USB sticks"), self)
        self.drives_button.clicked.connect(self.fill_drives)
        where = QHBoxLayout()
        where.addWidget(self.destination, 1)
        where.addWidget(self.drives_button)
        where.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(self.tr("Semester"), self.semester)
        form.addRow(self.tr("Record families"), family_row)
        form.addRow("", self.full_ids)
        kind = QHBoxLayout()
        kind.addWidget(self.as_folder)
        kind.addWidget(self.as_zip)
        kind.addStretch(1)
        form.addRow(self.tr("Written as"), kind)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.password_again)
        form.addRow(self.tr("Write to"), where)
        self.checks = QListWidget(self)
        self.checks.setObjectName("bundleChecks")
        self.checks.itemActivated.connect(self.open_check)
        self.open_button = QPushButton(self.tr("Open i&t"), self)
        self.open_button.clicked.connect(lambda: self.open_check(self.checks.currentItem()))
        self.checks_title = QLabel(self)
        checks_box = QGroupBox(self.tr("Check before sending (报送前检查)"), self)
        column = QVBoxLayout(checks_box)
        column.addWidget(self.checks_title)
        column.addWidget(self.checks, 1)
        column.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.export_button = QPushButton(self.tr("&Write the bundle"), self)
        self.export_button.setObjectName("writeBundle")
        self.export_button.clicked.connect(self.export)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("bundleOutcome")
        self.outcome.setWordWrap(True)
        self.open_result = QPushButton(self.tr("&Show in its folder"), self)
        self.open_result.clicked.connect(lambda: open_folder(self.result.path) if self.result else None)
        self.open_result.setVisible(False)
        done = QHBoxLayout()
        done.addWidget(self.export_button)
        done.addWidget(self.outcome, 1)
        done.addWidget(self.open_result)
        self.county_button = QPushButton(self.tr("&Receive schools' bundles (汇总)…"), self)
        self.county_button.setObjectName("countyMerge")
        self.county_button.setToolTip(self.tr("For a 中心校 or the bureau: merge the bundles its schools hand in"))
        self.county_button.setEnabled(state.keeps_records)
        self.county_button.clicked.connect(self.open_county_merge)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.county_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(checks_box, 1)
        layout.addLayout(done)
        self._zip_chosen(False)
        state.watch(self, EVERYTHING - {USERS}, self.refresh)
        self.refresh()
        self.fill_drives()

    def open_county_merge(self) -> QWidget:
        """汇总 (a 中心校's teaching points, a county's schools): other schools' children, so the office's."""
        from schooldesk.ui.county_merge_window import CountyMergeWindow

        window = CountyMergeWindow(self.state, self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def _zip_chosen(self, zipped: bool) -> None:
        self.password.setEnabled(zipped)
        self.password_again.setEnabled(zipped)

    def refresh(self) -> None:
        chosen = self.semester.currentData()
        self.semester.blockSignals(True)
        self.semester.clear()
        for row in reversed(self.state.semesters):
            self.semester.addItem(row.label_zh, row.key)
        self.semester.blockSignals(False)
        self.choose_semester(chosen or (self.state.semester.key if self.state.semester else None))

    def choose_semester(self, key: Any) -> None:
        """Show *key*'s bundle (a semester key is compared by value: QComboBox.findData cannot)."""
        index = next((i for i in range(self.semester.count()) if self.semester.itemData(i) == key), 0)
        if index == self.semester.currentIndex():
            self.refresh_checks()
        self.semester.setCurrentIndex(index)

    def refresh_checks(self) -> None:
        key = self.semester.currentData()
        self.checks.clear()
        if key is None:
            return
        got = call_service(self, lambda: bundle_checks(self.state.db, key, date.today()))
        if not got:
            return
        found = got.value
        for check in found:
            item = QListWidgetItem(fill(QCoreApplication.translate("Bundle", CHECK_TEXTS[check.code]), check.args), self.checks)
            item.setData(CHECK_ROLE, check)
        self.checks_title.setText(fill(self.tr("%1 things are incomplete; the bundle can be sent anyway, and lists them "
                                               "in 清单.txt."), (str(len(found)),)) if found else self.tr("Nothing is incomplete."))

    def open_check(self, item: QListWidgetItem | None) -> None:
        """Go to the page where the incomplete record is mended."""
        check: BundleCheck | None = item.data(CHECK_ROLE) if item is not None else None
        window = self.window()
        if check is not None and hasattr(window, "open_page"):
            window.open_page(PAGE_OF[check.family])

    def fill_drives(self) -> None:
        kept = self.destination.currentData() or QSettings().value(DESTINATION_KEY)  # never a drive not chosen
        self.destination.clear()
        from schooldesk.exports.sticks import removable_drives

        for stick in removable_drives():
            text = (fill(self.tr("%1 (%2 MB free)"), (stick.label, f"{stick.free / 1e6:,.0f}")) if stick.writable
                    else fill(self.tr("%1 (read-only: write-protected or locked)"), (stick.label,)))
            self.destination.addItem(text, str(stick.root))
        if kept and self.destination.findData(kept) < 0 and Path(str(kept)).is_dir():
            self.destination.addItem(str(kept), str(kept))
        self.destination.setCurrentIndex(self.destination.findData(str(kept)) if kept else -1)

    def choose_folder(self) -> Any:
        return file_dialog(self, "bundle", self.tr("Write the bundle into"), "", lambda paths: self.use_folder(paths[0]),
                           folder=True)

    def use_folder(self, folder: Path) -> None:
        if self.destination.findData(str(folder)) < 0:
            self.destination.addItem(str(folder), str(folder))
        self.destination.setCurrentIndex(self.destination.findData(str(folder)))

    def export(self) -> Any:
        from schooldesk.exports.bundle_writing import write_bundle
        from schooldesk.services.bundle import bundle_contents
        from schooldesk.services.print_settings import pdf_font_path

        key, where = self.semester.currentData(), self.destination.currentData()
        families = tuple(code for code, box in self.families.items() if box.isChecked())
        def checked_font() -> Path | None:
            if not where:
                raise ValidationError("destination", QT_TRANSLATE_NOOP("Errors", "Choose a USB stick or a folder to write to."))
            if self.as_zip.isChecked() and self.password.text() != self.password_again.text():
                raise ValidationError("password", NO_MATCH)
            return pdf_font_path(self.state.db)

        got = call_service(self, checked_font)
        if not got:
            return None
        font = got.value
        password, as_zip, full = self.password.text() if self.as_zip.isChecked() else "", self.as_zip.isChecked(), self.full_ids.isChecked()
        db = self.state.db

        def work(progress: Any) -> Any:
            from schooldesk.services.bundle_seal import school_seal_key

            from schooldesk.services.hand_ins import bundle_key, note_hand_in

            contents = bundle_contents(db, key, families=families, full_ids=full)
            result = write_bundle(contents, Path(where), as_zip=as_zip, password=password, font_path=font,
                                  progress=progress.report, data_folder=db.path.parent, seal_key=school_seal_key(db))
            if len(families) == len(FAMILIES):  # the whole bundle: the calendar's 报送材料 is done
                note_hand_in(db, bundle_key(key))
            return result

        QSettings().setValue(DESTINATION_KEY, where)  # offered first next time, if it is there
        self.outcome.clear()
        self.open_result.setVisible(False)
        self.task = run_in_background(self, self.tr("Writing the bundle and reading it back…"), work, self._written,
                                      cancellable=True)
        return self.task

    def _written(self, result: Any) -> None:
        self.result = result
        photos = self.tr("photos")
        records = "，".join(f"{FAMILIES.get(k, photos)} {v}" for k, v in result.counts["records"].items())
        self.outcome.setText(fill(self.tr("Written and read back intact: %1 — %2 files (%3); %4 things incomplete."), (
            str(result.path), str(len(result.files)), records, str(len(result.warnings)))))
        self.open_result.setVisible(True)
