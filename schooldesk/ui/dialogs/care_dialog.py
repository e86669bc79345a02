"""Put a pupil in a care category (or edit it): dates, responsible teacher, the kind's own details."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.care import CARE_KINDS
from schooldesk.services.care import CareInput, CareRow, add_care, update_care
from schooldesk.services.teachers import list_teachers
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.dialogs.teacher_dialog import teacher_adder
from schooldesk.ui.fields import ChoiceBox, DateField, TeacherBox


class CareDialog(RecordDialog):
    def __init__(self, db: Database, pupil_id: int, record: CareRow | None = None,
                 parent: QWidget | None = None, *, teacher_added: Callable[[], None] | None = None) -> None:
        super().__init__(self.tr("Care category"), parent)
        self.setObjectName("CareDialog")
        self._db, self._pupil_id, self._record = db, pupil_id, record
        f = self.form
        self.kind = f.add("kind", self.tr("&Category"), QComboBox())
        for kind in CARE_KINDS:
            self.kind.addItem(kind.name_zh, kind.code)
        self.start = f.add("start_date", self.tr("&From"), DateField(record.start_date if record else date.today()))
        self.end = f.add("end_date", self.tr("&Until"), DateField(record.end_date if record else None, optional=True))
        self.teacher = f.add("responsible_teacher", self.tr("&Responsible teacher"),
                             TeacherBox(list_teachers(db), record.responsible_teacher_id if record else None,
                                        adder=teacher_adder(db, self, teacher_added)))
        self.details: dict[str, dict[str, QWidget]] = {}
        for kind in CARE_KINDS:
            widgets: dict[str, QWidget] = {}
            for detail in kind.details:
                current = record.details.get(detail.key, "") if record and record.kind == kind.code else ""
                widget: QWidget = ChoiceBox(detail.choices, current=current) if detail.choices else QLineEdit(current)
                widgets[detail.key] = f.add(f"{kind.code}.{detail.key}",
                                            QCoreApplication.translate("Care", detail.label), widget)
            self.details[kind.code] = widgets
        self.kind.currentIndexChanged.connect(self._show_details)
        if record:
            self.kind.setCurrentIndex(self.kind.findData(record.kind))
            self.kind.setEnabled(False)  # a different category is a different record
        self._show_details()

    def _show_details(self) -> None:
        chosen = self.kind.currentData()
        for code, widgets in self.details.items():
            for key in widgets:
                self.form.set_row_visible(f"{code}.{key}", code == chosen)
        self.adjustSize()

    def data(self) -> CareInput:
        code = self.kind.currentData()
        details = {
            key: w.currentText() if isinstance(w, QComboBox) else w.text()  # type: ignore[attr-defined]
            for key, w in self.details[code].items()
        }
        return CareInput(code, self.start.value() or date.today(), self.end.value(), self.teacher.teacher_id(), details)

    def save(self) -> CareRow:
        if self._record is None:
            return add_care(self._db, self._pupil_id, self.data())
        return update_care(self._db, self._record.id, self.data())
