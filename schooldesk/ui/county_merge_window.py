"""汇总: the window a 中心校 or the county bureau merges its schools' bundles in — bundle folders and zips added
from any number of sticks, the receiver's list of schools, where the merged workbooks (and the store) go; the
merge runs off the GUI thread, and what it did is shown school by school with what was refused and why."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP, fill
from schooldesk.ui.background import run_in_background
from schooldesk.ui.saving import file_dialog, open_folder
from schooldesk.ui.service_call import call_service
from schooldesk.ui.state import AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.window_state import PreservesGeometry

SETTINGS = "county/%s"  # receiver, schools, out, database (its password is never kept)
NO_BUNDLES = QT_TRANSLATE_NOOP("Errors", "Add the schools' bundles (folders or zip files) to merge.")
NO_OUT = QT_TRANSLATE_NOOP("Errors", "Choose the folder the merged workbooks go into.")


def _table(parent: QWidget, columns: list[tuple[str, Any]]) -> tuple[Any, RowTableModel[Any]]:
    model: RowTableModel[Any] = RowTableModel([Column(header, value) for header, value in columns])
    table = record_table(model, parent)
    table.setSortingEnabled(False)
    return table, model


class CountyMergeWindow(PreservesGeometry, QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CountyMergeWindow")
        self.setWindowTitle(self.tr("Merge schools' bundles (汇总)"))
        self.state, self.merge, self.written, self.task = state, None, [], None
        settings = QSettings()
        intro = QLabel(self.tr("Add each school's bundle as it comes (a folder, a zip, or a stick's whole folder). "
                               "Each is checked against its manifest first: a changed, incomplete or foreign one, "
                               "or one of another semester, is refused with its reason and the rest are merged. "
                               "A school's newer bundle replaces the one merged before."), self)
        intro.setWordWrap(True)
        self.bundles = QListWidget(self)
        self.bundles.setObjectName("countyBundles")
        self.bundles.setMaximumHeight(150)
        self.add_folder_button = QPushButton(self.tr("Add &folder…"), self)
        self.add_zip_button = QPushButton(self.tr("Add &zip files…"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.add_folder_button.clicked.connect(self.choose_folder)
        self.add_zip_button.clicked.connect(self.choose_zips)
        self.remove_button.clicked.connect(self.remove_selected)
        self.receiver = QLineEdit(str(settings.value(SETTINGS % "receiver", "") or ""), self)
        self.receiver.setPlaceholderText(self.tr("e.g. 示范县教育局, 青山镇中心校 (printed in the titles)"))
        self.schools = QLineEdit(str(settings.value(SETTINGS % "schools", "") or ""), self)
        self.schools.setPlaceholderText(self.tr("optional: .xlsx or .csv with 学校标识码, 学校名称, 乡镇"))
        self.out = QLineEdit(str(settings.value(SETTINGS % "out", "") or ""), self)
        self.database = QLineEdit(str(settings.value(SETTINGS % "database", "") or ""), self)
        self.database.setPlaceholderText(self.tr("empty: 汇总.sqlite3 in the output folder; or postgresql://user@server/county"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("only for encrypted zips"))
        form = QFormLayout()
        form.addRow(self.tr("Re&ceiver:"), self.receiver)
        form.addRow(self.tr("Schools e&xpected:"), self._with_button(self.schools, self.choose_schools))
        form.addRow(self.tr("&Output folder:"), self._with_button(self.out, self.choose_out))
        form.addRow(self.tr("S&tore:"), self.database)
        form.addRow(self.tr("Zip pass&word:"), self.password)
        self.merge_button = QPushButton(self.tr("&Merge"), self)
        self.merge_button.setDefault(True)
        self.merge_button.clicked.connect(self.start_merge)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.start_merge)
        self.open_button = QPushButton(self.tr("Open the output f&older"), self)
        self.open_button.clicked.connect(lambda: open_folder(Path(self.out.text())))
        self.open_button.setVisible(False)
        self.summary = QLabel(self)
        self.summary.setObjectName("countySummary")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.school_table, self.school_model = _table(self, [
            (self.tr("Township"), lambda s: s.township), (self.tr("School"), lambda s: s.name),
            (self.tr("School code"), lambda s: s.code), (self.tr("Exported"), lambda s: s.exported_at),
            (self.tr("Pupils on roll"), lambda s: s.pupils)])
        self.refused_table, self.refused_model = _table(self, [
            (self.tr("Bundle"), lambda r: r.path), (self.tr("Reason"), lambda r: r.reason)])
        self.double_table, self.double_model = _table(self, [
            (self.tr("Name"), lambda d: d.name), (self.tr("ID number"), lambda d: d.id_number),
            (self.tr("On roll at"), lambda d: "、".join(d.schools))])
        self.elsewhere_table, self.elsewhere_model = _table(self, [
            (self.tr("Name"), lambda n: n.name), (self.tr("ID number"), lambda n: n.id_number),
            (self.tr("Reported by"), lambda n: n.reported_by), (self.tr("School named"), lambda n: n.school)])
        self.missing_table, self.missing_model = _table(self, [
            (self.tr("Township"), lambda s: s.township), (self.tr("School"), lambda s: s.name),
            (self.tr("School code"), lambda s: s.code)])
        # each tab: its title (with its count), its table and model, and what of a merge it lists
        self.shown = [
            (self.tr("Schools merged (%1)"), self.school_table, self.school_model, lambda m: m.schools),
            (self.tr("Refused (%1)"), self.refused_table, self.refused_model, lambda m: m.rejected),
            (self.tr("On roll at two schools (%1)"), self.double_table, self.double_model, lambda m: m.duplicates),
            (self.tr("本在外 not on roll (%1)"), self.elsewhere_table, self.elsewhere_model, lambda m: m.not_on_roll),
            (self.tr("Schools missing (%1)"), self.missing_table, self.missing_model, lambda m: m.missing_schools)]
        for _title, table, _model, _rows in self.shown:
            self.tabs.addTab(table, "")
        self._name_tabs()
        added = QHBoxLayout()
        for button in (self.add_folder_button, self.add_zip_button, self.remove_button):
            added.addWidget(button)
        added.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.merge_button)
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(added)
        layout.addWidget(self.bundles)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.resize(900, 720)
        self.restore_window_state()

    def _with_button(self, field: QLineEdit, slot: Any) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field, 1)
        button = QPushButton(self.tr("Choose…"), box)
        button.clicked.connect(slot)
        row.addWidget(button)
        return box

    def _name_tabs(self) -> None:
        for index, (title, _table, model, _rows) in enumerate(self.shown):
            self.tabs.setTabText(index, fill(title, (str(len(model.rows())),)))

    # ---- choosing -----------------------------------------------------------------------------------------

    def add_bundles(self, paths: list[Path]) -> None:
        from schooldesk.exports.county_merge import bundles_in

        shown = {self.bundles.item(i).text() for i in range(self.bundles.count())}
        for path in bundles_in(paths):
            if str(path) not in shown:
                self.bundles.addItem(str(path))
                shown.add(str(path))

    def choose_folder(self) -> Any:
        return file_dialog(self, "county", self.tr("A bundle's folder, or a folder holding bundles"), "",
                           self.add_bundles, folder=True)

    def choose_zips(self) -> Any:
        return file_dialog(self, "county", self.tr("Bundles as zip files"), self.tr("Zip files (*.zip)"),
                           self.add_bundles, many=True)

    def remove_selected(self) -> None:
        for item in self.bundles.selectedItems():
            self.bundles.takeItem(self.bundles.row(item))

    def choose_schools(self) -> Any:
        return file_dialog(self, "roster", self.tr("The list of schools expected"),
                           self.tr("Spreadsheets (*.xlsx *.xls *.csv)"), lambda p: self.schools.setText(str(p[0])))

    def choose_out(self) -> Any:
        return file_dialog(self, "county-out", self.tr("Write the merged workbooks into"), "",
                           lambda p: self.out.setText(str(p[0])), folder=True)

    # ---- merging ------------------------------------------------------------------------------------------

    def start_merge(self) -> Any:
        from schooldesk.exports.county_sheets import merge_to_folder
        from schooldesk.i18n import error_text
        from schooldesk.imports.school_list import read_school_list

        paths = [Path(self.bundles.item(i).text()) for i in range(self.bundles.count())]
        out, schools = self.out.text().strip(), self.schools.text().strip()

        def checked() -> list[tuple[str, str, str]]:
            if not paths:
                raise ValidationError("bundles", NO_BUNDLES)
            if not out:
                raise ValidationError("out", NO_OUT)
            return read_school_list(Path(schools)) if schools else []

        got = call_service(self, checked)
        if not got:
            return None
        settings = QSettings()
        for key, field in (("receiver", self.receiver), ("schools", self.schools), ("out", self.out),
                           ("database", self.database)):
            settings.setValue(SETTINGS % key, field.text().strip())
        expected, receiver = got.value, self.receiver.text().strip()
        database, password = self.database.text().strip() or None, self.password.text()

        def work(progress: Any) -> Any:
            return merge_to_folder(paths, Path(out), database=database, receiver=receiver, expected=expected,
                                   password=password, explain=error_text, step=progress.report)

        self.task = run_in_background(self, self.tr("Reading, checking and merging the bundles…"), work, self.show_merge)
        return self.task

    def show_merge(self, result: Any) -> None:
        self.merge, self.written = result
        merge = self.merge
        for _title, table, model, rows in self.shown:
            model.set_rows(list(rows(merge)))
            table.resizeColumnsToContents()
        self._name_tabs()
        text = fill(self.tr("%1: %2 schools merged (%3 pupils on roll), %4 bundles refused; %5 workbooks written "
                            "into %6."), (merge.semester_label, str(len(merge.schools)), str(merge.pupils),
                                          str(len(merge.rejected)), str(len(self.written)), self.out.text()))
        if merge.replaced:
            text += " " + fill(self.tr("Replaced by a newer bundle: %1."), ("、".join(r.school for r in merge.replaced),))
        self.summary.setText(text)
        self.open_button.setVisible(bool(self.written))
        if merge.rejected and not merge.merged_now:
            self.tabs.setCurrentIndex(1)

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)
