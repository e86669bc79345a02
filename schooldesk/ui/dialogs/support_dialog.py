"""A support record (帮扶记录): when, who, what kind, what was done, how it went."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QWidget

from schooldesk.db.database import Database
from schooldesk.domain.care import SUPPORT_KINDS
from schooldesk.services.support import SupportInput, SupportRow, add_support, update_support
from schooldesk.services.teachers import list_teachers
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.dialogs.teacher_dialog import teacher_adder
from schooldesk.ui.fields import ChoiceBox, DateField, TeacherBox, TextArea
from schooldesk.ui.photo_field import PhotoField


class SupportDialog(RecordDialog):
    def __init__(self, db: Database, pupil_id: int, record: SupportRow | None = None,
                 default_teacher: int | None = None, parent: QWidget | None = None, *,
                 teacher_added: Callable[[], None] | None = None) -> None:
        super().__init__(self.tr("Support record"), parent)
        self.setObjectName("SupportDialog")
        self._db, self._pupil_id, self._record = db, pupil_id, record
        f = self.form
        self.date = f.add("date", self.tr("&Date"), DateField(record.date if record else date.today()))
        self.teacher = f.add("teacher", self.tr("&Teacher"),
                             TeacherBox(list_teachers(db), record.teacher_id if record else default_teacher,
                                        adder=teacher_adder(db, self, teacher_added)))
        self.kind = f.add("kind", self.tr("&Kind"), ChoiceBox(SUPPORT_KINDS, blank=False,
                                                                current=record.kind if record else ""))
        self.content = f.add("content", self.tr("&What was done"), TextArea(record.content if record else ""))
        self.outcome = f.add("outcome", self.tr("&Effect"), TextArea(record.outcome if record else ""))
        self.photos = f.add("photos", self.tr("&Photos"), PhotoField(record.photos if record else ()))
        self.photos.allow_phone(db, lambda: " · ".join((self.tr("Support record"), self.kind.currentText(),
                                                          self.date.value().isoformat() if self.date.value() else "")))

    def data(self) -> SupportInput:
        return SupportInput(self.date.value() or date.today(), self.teacher.teacher_id(), self.kind.currentText(),
                            self.content.text(), self.outcome.text(), photo_ids=tuple(self.photos.list.kept_ids()),
                            new_photos=tuple(self.photos.list.new_files()))

    def save(self) -> SupportRow:
        if self._record is None:
            return add_support(self._db, self._pupil_id, self.data())
        return update_support(self._db, self._record.id, self.data())
