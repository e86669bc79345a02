"""One observation: the lesson, the process record, the rubric's scores, 亮点 and 建议, 二看三查阅, photos."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.i18n import fill
from schooldesk.domain.observation import LESSON_TYPES, MAX_PERIOD, OBSERVATION_KINDS
from schooldesk.domain.rubrics import RubricDefinition
from schooldesk.services.outside_observers import OutsideObserver
from schooldesk.services.observations import ObservationInput, ObservationRow, add_observation, update_observation
from schooldesk.services.rows import ClassRow, TeacherRow
from schooldesk.services.rubrics import RubricRow
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.fields import ChoiceBox, DateField, TeacherBox, TextArea
from schooldesk.ui.observation_fields import ChecksField, ScoreForm
from schooldesk.ui.photo_field import PhotoField

SUBJECTS = ("语文", "数学", "英语", "科学", "道德与法治", "音乐", "体育", "美术", "信息技术", "综合实践")


@dataclass(frozen=True, kw_only=True)
class ObservationChoices:
    """What the form offers, read by the page: teachers, this year's classes, rubrics, subjects in use."""

    teachers: tuple[TeacherRow, ...]
    classes: tuple[ClassRow, ...]
    rubrics: tuple[RubricRow, ...]
    subjects: tuple[str, ...] = ()
    own_teacher_id: int | None = None  # a teacher's account: they are the observer
    today: date = field(default_factory=date.today)
    outside: tuple[OutsideObserver, ...] = ()  # 督学, 教研员 … offered as observers after the school's teachers


class ObservationDialog(RecordDialog):
    def __init__(self, db: Database, choices: ObservationChoices, observation: ObservationRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit observation") if observation else self.tr("New observation"), parent)
        self.setObjectName("ObservationDialog")
        self._db, self._observation, self._choices = db, observation, choices
        o, f = observation, self.form
        observer = o.observer.id if o else choices.own_teacher_id
        self.observer = f.add("observer", self.tr("&Observer"), TeacherBox(choices.teachers, observer, blank=False))
        self.observer.setEnabled(choices.own_teacher_id is None)  # a teacher records their own observations
        outside = [p for p in choices.outside if p.active or p.id == observer]
        if outside:
            self.observer.insertSeparator(self.observer.count())
            for person in outside:
                self.observer.addItem(person.label, person.id)
            if observer is not None:  # (an observer from outside was not in the list the box began with)
                self.observer.set_teacher(observer)
        self.taught = f.add("taught_teacher", self.tr("&Teacher observed"),
                            TeacherBox(choices.teachers, o.taught.id if o else None))
        self.school_class = QComboBox(self)
        self.school_class.addItem("", None)
        for school_class in choices.classes:
            if school_class.active or (o and school_class.id == o.class_id):
                self.school_class.addItem(school_class.name, school_class.id)
        self.school_class.setCurrentIndex(max(0, self.school_class.findData(o.class_id if o else None)))
        f.add("class", self.tr("C&lass"), self.school_class)
        self.subject = QComboBox(self)
        self.subject.setEditable(True)
        self.subject.addItems(list(dict.fromkeys([*SUBJECTS, *choices.subjects])))
        self.subject.setCurrentText(o.subject if o else "")
        f.add("subject", self.tr("&Subject"), self.subject)
        self._filled_subject = ""  # what the teacher's subject put there (replaced when another is chosen)
        self.taught.currentIndexChanged.connect(self._fill_subject)
        self.topic = f.add("topic", self.tr("Lesson t&itle"), QLineEdit(o.topic if o else "", self))
        self.lesson_type = f.add("lesson_type", self.tr("Lesson t&ype"), ChoiceBox(
            LESSON_TYPES, blank=False, current=o.lesson_type if o else ""))
        self.kind = f.add("kind", self.tr("&Kind"), ChoiceBox(OBSERVATION_KINDS, blank=False, current=o.kind if o else ""))
        self.date = f.add("date", self.tr("&Date"), DateField(o.date if o else choices.today))
        self.period = QSpinBox(self)
        self.period.setRange(1, MAX_PERIOD)
        self.period.setValue(o.period if o else 1)
        self.period.setPrefix(self.tr("period "))
        self.period.setSuffix(self.tr(" of the day"))  # 第 3 节
        f.add("period", self.tr("Pe&riod"), self.period)
        self.process = f.add("process_record", self.tr("&Process record"), TextArea(o.process_record if o else ""))
        self.process.setMaximumHeight(160)
        self.rubric = QComboBox(self)
        self.rubric.setObjectName("rubricBox")
        self._definitions: list[RubricDefinition | None] = [None]
        self.rubric.addItem(self.tr("(not scored)"), None)
        for row in choices.rubrics:
            if row.active or (o and row.version_id == o.rubric_version_id):
                self.rubric.addItem(row.name, row.version_id)
                self._definitions.append(row.definition)
        if o and o.rubric_version_id and self.rubric.findData(o.rubric_version_id) < 0:
            self.rubric.addItem(fill(self.tr("%1 (as scored then)"), (o.rubric.name if o.rubric else "",)),
                                o.rubric_version_id)  # an older version of a rubric since edited
            self._definitions.append(o.rubric)
        default = next((r.version_id for r in choices.rubrics if r.is_default), None)
        self.rubric.setCurrentIndex(max(0, self.rubric.findData(o.rubric_version_id if o else default)))
        f.add("rubric", self.tr("Ru&bric"), self.rubric)
        self.scores = f.add_part("scores", self.tr("Scores"), ScoreForm(self))
        self.scores.set_rubric(self._definitions[self.rubric.currentIndex()], o.scores if o else ())
        self.rubric.currentIndexChanged.connect(self._rubric_chosen)
        self.average = QLabel(self)
        self.average.setObjectName("lessonAverage")
        if o is not None and o.lesson_observers > 1:
            f.add("average", self.tr("This lesson"), self.average)
            average = f"{o.lesson_average:g}" if o.lesson_average is not None else self.tr("not scored")
            self.average.setText(fill(self.tr("%1 observers, average %2"), (str(o.lesson_observers), average)))
        self.highlights = f.add("highlights", self.tr("&Highlights"), TextArea(o.highlights if o else ""))
        self.suggestions = f.add("suggestions", self.tr("Su&ggestions"), TextArea(o.suggestions if o else ""))
        self.checks = f.add("checks", self.tr("Plans and ho&mework"), ChecksField(o.checks if o else (), self))
        self.photos = f.add("photos", self.tr("&Evidence photos"), PhotoField(o.photos if o else ()))
        self.photos.allow_phone(db, lambda: self.tr("Lesson observation") + " · " + self.topic.text())

    def _rubric_chosen(self, index: int) -> None:
        self.scores.set_rubric(self._definitions[index])

    def _fill_subject(self) -> None:
        """学科 from the observed teacher's first subject, unless the clerk typed another."""
        teacher = next((t for t in self._choices.teachers if t.id == self.taught.teacher_id()), None)
        subject = teacher.subjects.split("、")[0] if teacher and teacher.subjects else ""
        if subject and self.subject.currentText() in ("", self._filled_subject):
            self.subject.setCurrentText(subject)
            self._filled_subject = subject

    def data(self) -> ObservationInput:
        return ObservationInput(
            observer_id=self.observer.teacher_id() or 0, taught_teacher_id=self.taught.teacher_id() or 0,
            class_id=self.school_class.currentData(), subject=self.subject.currentText(), topic=self.topic.text(),
            lesson_type=self.lesson_type.currentText(), kind=self.kind.currentText(),
            date=self.date.value() or self._choices.today, period=self.period.value(),
            process_record=self.process.text(), rubric_version_id=self.rubric.currentData(),
            scores=self.scores.values(), highlights=self.highlights.text(), suggestions=self.suggestions.text(),
            checks=self.checks.checks(), photo_ids=self.photos.list.kept_ids(), new_photos=self.photos.list.new_files(),
        )

    def save(self) -> ObservationRow:
        if self._observation is None:
            return add_observation(self._db, self.data())
        return update_observation(self._db, self._observation.id, self.data())
