"""One activity: its kind (whose own fields follow), when and where, who took part, what was done, photos
with captions; a 家访 to a pupil with an open dropout case can be saved as that case's 劝返 visit too."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.activities import KindSpec
from schooldesk.domain.i18n import fill
from schooldesk.services.activities import ActivityInput, ActivityRow, add_activity, update_activity
from schooldesk.services.dropout import list_cases
from schooldesk.services.pupils import PupilRow
from schooldesk.services.rows import TeacherRow
from schooldesk.ui.activity_fields import PUPIL_ROLE, KindValuesForm, PupilPicker
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.fields import DateField, TeacherBox, TeacherChecklist, TextArea, TimeField
from schooldesk.ui.photo_field import PhotoField


@dataclass(frozen=True, kw_only=True)
class ActivityChoices:
    """What the form offers, read by the page."""

    kinds: dict[int, KindSpec]  # the kinds in use (and a record's own, even if hidden since)
    teachers: tuple[TeacherRow, ...]
    pupils: tuple[PupilRow, ...]
    own_teacher_id: int | None = None  # a teacher's account: they organise what they add
    today: date = field(default_factory=date.today)


class ActivityDialog(RecordDialog):
    def __init__(self, db: Database, choices: ActivityChoices, activity: ActivityRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit activity") if activity else self.tr("New activity"), parent)
        self.setObjectName("ActivityDialog")
        self._db, self._choices, self._activity = db, choices, activity
        a, f = activity, self.form
        self.kind = QComboBox(self)
        self.kind.setObjectName("kindBox")
        for kind_id, spec in choices.kinds.items():
            if not spec.hidden or (a and a.kind_id == kind_id):
                self.kind.addItem(spec.name, kind_id)
        self.kind.setCurrentIndex(max(0, self.kind.findData(a.kind_id if a else None)))
        f.add("kind", self.tr("&Kind"), self.kind)
        self.title = f.add("title", self.tr("&Title"), QLineEdit(a.title if a else "", self))
        self.date = f.add("date", self.tr("&Date"), DateField(a.date if a else choices.today))
        self.timed = QCheckBox(self.tr("from"), self)
        self.start_time = TimeField(a.start_time if a and a.start_time else time(16, 0), self)
        self.end_time = TimeField(a.end_time if a and a.end_time else time(17, 0), self)
        self.timed.setChecked(bool(a and a.start_time))
        times = QWidget(self)
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.timed, self.start_time, QLabel("—", self), self.end_time):
            row.addWidget(widget)
        row.addStretch(1)
        f.add("end_time", self.tr("Ti&me"), times)
        self.place = f.add("place", self.tr("&Place"), QLineEdit(a.place if a else "", self))
        organiser = a.organiser.id if a and a.organiser else choices.own_teacher_id
        self.organiser = f.add("organiser", self.tr("&Organiser"), TeacherBox(choices.teachers, organiser))
        self.organiser.setEnabled(choices.own_teacher_id is None or a is not None)
        self.teachers = f.add("teachers", self.tr("Teachers taking pa&rt"), TeacherChecklist(
            choices.teachers, [t.id for t in a.teachers] if a else ()))
        self.pupils = f.add("pupils", self.tr("P&upils"), PupilPicker(choices.pupils, ()))
        for pupil in a.pupils if a else ():
            self.pupils.add_pupil(pupil.id, " ".join(filter(None, (pupil.name, pupil.class_name))))
        self.outside = f.add("outside_people", self.tr("Others taking part"), QLineEdit(a.outside_people if a else "", self))
        self.outside.setPlaceholderText(self.tr("e.g. 村干部 张三、网格员 李四"))
        self.values = f.add_part("values", self.tr("Details"), KindValuesForm(self))
        self.content = f.add("content", self.tr("&What was done"), TextArea(a.content if a else ""))
        self.outcome = f.add("outcome", self.tr("Outcome and re&flection"), TextArea(a.outcome if a else ""))
        self.return_visit = QComboBox(self)
        self.return_visit.setObjectName("returnVisitCase")
        f.add("return_visit", self.tr("Also a persuade-to-return &visit"), self.return_visit)
        self.photos = f.add("photos", self.tr("&Evidence photos"), PhotoField(a.photos if a else (), captions=True))
        self.photos.allow_phone(db, lambda: " · ".join(filter(None, (
            self.title.text() or self.kind.currentText(), self.date.value().isoformat() if self.date.value() else ""))))
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.pupils.changed.connect(self._fill_cases)
        self._kind_chosen()

    def current_kind(self) -> KindSpec | None:
        return self._choices.kinds.get(self.kind.currentData())

    def _kind_chosen(self) -> None:
        kind = self.current_kind()
        keep = self._activity.values if self._activity and self._activity.kind_id == self.kind.currentData() else {}
        self.values.set_kind(kind, keep)
        self.form.set_row_visible("values", bool(kind and kind.shown_fields))
        self.form.set_row_visible("pupils", bool(kind and kind.pupils) or bool(self.pupils.pupil_ids()))
        if not self.title.text() and kind is not None and self._activity is None:
            self.title.setPlaceholderText(kind.name)
        self._fill_cases()

    def _fill_cases(self) -> None:
        """The open dropout cases of the pupils chosen, when the kind can be a 劝返 visit."""
        kind = self.current_kind()
        chosen = self._activity.return_visit_case if self._activity else None
        current = self.return_visit.currentData() if self.return_visit.count() else chosen
        self.return_visit.clear()
        self.return_visit.addItem(self.tr("(no)"), None)
        if kind is not None and kind.return_visit:
            for pupil_id in self.pupils.pupil_ids():
                for case in list_cases(self._db, pupil_id):
                    if case.is_open or case.id == chosen:
                        label = next((self.pupils.list.item(r).text() for r in range(self.pupils.list.count())
                                      if self.pupils.list.item(r).data(PUPIL_ROLE) == pupil_id), "")
                        self.return_visit.addItem(fill(self.tr("%1's case since %2"), (label, case.started_on.isoformat())),
                                                  case.id)
        self.return_visit.setCurrentIndex(max(0, self.return_visit.findData(current)))
        self.form.set_row_visible("return_visit", self.return_visit.count() > 1)

    def data(self) -> ActivityInput:
        kind = self.current_kind()
        title = self.title.text() or (kind.name if kind else "")
        return ActivityInput(
            kind_id=self.kind.currentData() or 0, title=title, date=self.date.value() or self._choices.today,
            start_time=self.start_time.value() if self.timed.isChecked() else None,
            end_time=self.end_time.value() if self.timed.isChecked() else None, place=self.place.text(),
            organiser_id=self.organiser.teacher_id(), teacher_ids=self.teachers.checked_ids(),
            pupil_ids=self.pupils.pupil_ids(), outside_people=self.outside.text(), content=self.content.text(),
            outcome=self.outcome.text(), values=self.values.values(), return_visit_case=self.return_visit.currentData(),
            photo_ids=self.photos.list.kept_ids(), new_photos=self.photos.list.new_files(),
            captions=self.photos.list.kept_captions(), new_captions=self.photos.list.new_captions())

    def save(self) -> ActivityRow:
        if self._activity is None:
            return add_activity(self._db, self.data())
        return update_activity(self._db, self._activity.id, self.data())
