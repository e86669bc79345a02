"""Forms of the teacher's file: training, 师德, honours and competitions, exchanges — each with photos of
its certificate — and an observer from outside the school."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.teacher_growth import (
    ETHICS_GRADES, ETHICS_KINDS, EXCHANGE_KINDS, HONOUR_LEVELS, MAX_HOURS, OUTSIDE_POSTS, TRAINING_LEVELS,
)
from schooldesk.services.outside_observers import (
    OutsideObserver, OutsideObserverInput, add_outside_observer, update_outside_observer,
)
from schooldesk.services.teacher_records import (
    EthicsInput, ExchangeInput, HonourInput, TeacherRecord, TrainingInput, add_teacher_record, blank_input,
    update_teacher_record,
)
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.fields import ChoiceBox, DateField, TextArea
from schooldesk.ui.photo_field import PhotoField


def line_edit(text: str, limit: int) -> QLineEdit:
    edit = QLineEdit(text)
    edit.setMaxLength(limit)
    return edit


class TeacherRecordDialog(RecordDialog):
    """One record of the teacher's file; subclasses add their fields and say what they edit (``data()``)."""

    family = ""

    def __init__(self, title: str, db: Database, teacher_id: int, record: TeacherRecord | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._db, self._teacher_id, self._record = db, teacher_id, record
        self.value: Any = record.data if record else blank_input(self.family, teacher_id, date.today())

    def add_photos(self, what: str) -> None:
        self.photos = self.form.add("photos", self.tr("Photos of the cer&tificate"),
                                    PhotoField(self._record.photos if self._record else ()))
        self.photos.allow_phone(self._db, lambda: what)

    def photo_args(self) -> dict[str, Any]:
        return {"photo_ids": tuple(self.photos.list.kept_ids()), "new_photos": tuple(self.photos.list.new_files())}

    def data(self) -> Any:
        raise NotImplementedError

    def save(self) -> TeacherRecord:
        if self._record is None:
            return add_teacher_record(self._db, self.data())
        return update_teacher_record(self._db, self._record.id, self.data())


class TrainingDialog(TeacherRecordDialog):
    family = "teacher_training"

    def __init__(self, db: Database, teacher_id: int, record: TeacherRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Training"), db, teacher_id, record, parent)
        self.setObjectName("TrainingDialog")
        v, f = self.value, self.form
        self.programme = f.add("programme", self.tr("&Programme"), line_edit(v.programme, 100))
        self.level = f.add("level", self.tr("&Level"), ChoiceBox(TRAINING_LEVELS, blank=False, current=v.level))
        self.start = f.add("start_date", self.tr("&From"), DateField(v.start_date))
        self.end = f.add("end_date", self.tr("&Until"), DateField(v.end_date))
        self.hours = f.add("hours", self.tr("&Hours (学时)"), QDoubleSpinBox())
        self.hours.setRange(0.5, MAX_HOURS)
        self.hours.setSingleStep(0.5)
        self.hours.setDecimals(1)
        self.hours.setValue(v.hours)
        self.organiser = f.add("organiser", self.tr("&Organised by"), line_edit(v.organiser, 100))
        self.certificate = f.add("certificate", self.tr("&Certificate number"), line_edit(v.certificate, 60))
        self.add_photos(self.tr("Training"))

    def data(self) -> TrainingInput:
        return TrainingInput(teacher_id=self._teacher_id, programme=self.programme.text(), level=self.level.currentText(),
                             start_date=self.start.value() or date.today(), end_date=self.end.value() or date.today(),
                             hours=self.hours.value(), organiser=self.organiser.text(),
                             certificate=self.certificate.text(), **self.photo_args())


class EthicsDialog(TeacherRecordDialog):
    family = "teacher_ethics"

    def __init__(self, db: Database, teacher_id: int, record: TeacherRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("师德 record"), db, teacher_id, record, parent)
        self.setObjectName("EthicsDialog")
        v, f = self.value, self.form
        self.kind = f.add("kind", self.tr("&Kind"), ChoiceBox(ETHICS_KINDS, blank=False, current=v.kind))
        self.date = f.add("date", self.tr("&Date"), DateField(v.date))
        self.grade = f.add("grade", self.tr("&Grade (考核等次)"), ChoiceBox(ETHICS_GRADES, blank=False,
                                                                       current=v.grade or "合格"))
        self.content = f.add("content", self.tr("&What it says"), TextArea(v.content))
        self.handling = f.add("handling", self.tr("&How it was handled"), TextArea(v.handling))
        self.add_photos(self.tr("师德 record"))
        self.kind.currentTextChanged.connect(self._kind_changed)
        self._kind_changed(self.kind.currentText())

    def _kind_changed(self, kind: str) -> None:
        self.form.set_row_visible("grade", kind == "年度考核")
        self.form.set_row_visible("handling", kind == "违规")

    def data(self) -> EthicsInput:
        return EthicsInput(teacher_id=self._teacher_id, kind=self.kind.currentText(), date=self.date.value() or date.today(),
                           grade=self.grade.currentText(), content=self.content.text(), handling=self.handling.text(),
                           **self.photo_args())


class HonourDialog(TeacherRecordDialog):
    family = "teacher_honour"

    def __init__(self, db: Database, teacher_id: int, record: TeacherRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Honour or competition"), db, teacher_id, record, parent)
        self.setObjectName("HonourDialog")
        v, f = self.value, self.form
        self.title = f.add("title", self.tr("Title or &competition"), line_edit(v.title, 100))
        self.level = f.add("level", self.tr("&Level"), ChoiceBox(HONOUR_LEVELS, blank=False, current=v.level))
        self.award = f.add("award", self.tr("&Prize or grade (等次)"), line_edit(v.award, 20))
        self.date = f.add("date", self.tr("&Date"), DateField(v.date))
        self.issuer = f.add("issuer", self.tr("&Given by"), line_edit(v.issuer, 100))
        self.add_photos(self.tr("Honour or competition"))

    def data(self) -> HonourInput:
        return HonourInput(teacher_id=self._teacher_id, title=self.title.text(), level=self.level.currentText(),
                           award=self.award.text(), date=self.date.value() or date.today(), issuer=self.issuer.text(),
                           **self.photo_args())


class ExchangeDialog(TeacherRecordDialog):
    family = "teacher_exchange"

    def __init__(self, db: Database, teacher_id: int, record: TeacherRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Exchange, 支教 or 跟岗"), db, teacher_id, record, parent)
        self.setObjectName("ExchangeDialog")
        v, f = self.value, self.form
        self.kind = f.add("kind", self.tr("&Kind"), ChoiceBox(EXCHANGE_KINDS, blank=False, current=v.kind))
        self.place = f.add("place", self.tr("&Where"), line_edit(v.place, 100))
        self.start = f.add("start_date", self.tr("&From"), DateField(v.start_date))
        self.end = f.add("end_date", self.tr("&Until (empty while it lasts)"), DateField(v.end_date, optional=True))
        self.note = f.add("note", self.tr("&Notes"), TextArea(v.note))
        self.add_photos(self.tr("Exchange, 支教 or 跟岗"))

    def data(self) -> ExchangeInput:
        return ExchangeInput(teacher_id=self._teacher_id, kind=self.kind.currentText(), place=self.place.text(),
                             start_date=self.start.value() or date.today(), end_date=self.end.value(),
                             note=self.note.text(), **self.photo_args())


DIALOGS: dict[str, type[TeacherRecordDialog]] = {
    d.family: d for d in (TrainingDialog, EthicsDialog, HonourDialog, ExchangeDialog)}


class OutsideObserverDialog(RecordDialog):
    """An observer from outside the school: name, 职务, 单位; unticked 'still comes' hides them from the form."""

    def __init__(self, db: Database, observer: OutsideObserver | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Observer from outside the school"), parent)
        self.setObjectName("OutsideObserverDialog")
        self._db, self._observer = db, observer
        f = self.form
        self.name = f.add("name", self.tr("&Name"), line_edit(observer.name if observer else "", 30))
        self.post = f.add("post", self.tr("&Post"), ChoiceBox(OUTSIDE_POSTS, blank=False,
                                                             current=observer.post if observer else "教研员"))
        self.organisation = f.add("organisation", self.tr("&Organisation (单位)"),
                                  line_edit(observer.organisation if observer else "", 60))

    def save(self) -> OutsideObserver:
        data = OutsideObserverInput(name=self.name.text(), post=self.post.currentText(),
                                    organisation=self.organisation.text())
        if self._observer is None:
            return add_outside_observer(self._db, data)
        return update_outside_observer(self._db, self._observer.id, data, active=self._observer.active)
