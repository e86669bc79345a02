"""师徒结对 forms: a pair (with its plan and status), a guidance record, and the year-end assessment."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.i18n import fill
from schooldesk.domain.mentorship import ACTIVE, GUIDANCE_KINDS, PAIRING_TYPES, STATUSES, school_year_bounds
from schooldesk.domain.semester import school_year_label_zh
from schooldesk.services.mentorship import GuidanceInput, PairActivity, PairInput, PairRow, add_guidance, add_pair, update_guidance, update_pair
from schooldesk.services.mentorship_assessment import Assessment, AssessmentInput, save_assessment
from schooldesk.services.rows import TeacherRow
from schooldesk.ui.dialogs.observation_dialog import SUBJECTS
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.fields import ChoiceBox, DateField, TeacherBox, TextArea
from schooldesk.ui.observation_fields import ScoreForm
from schooldesk.ui.photo_field import PhotoField


class PairDialog(RecordDialog):
    def __init__(self, db: Database, school_year: int, teachers: Sequence[TeacherRow], pair: PairRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(fill(self.tr("Mentoring pair — %1"), (school_year_label_zh(school_year),)), parent)
        self.setObjectName("PairDialog")
        self._db, self._pair, self._year = db, pair, school_year
        p, f = pair, self.form
        self.mentor = f.add("mentor", self.tr("&Mentor"), TeacherBox(teachers, p.mentor.id if p else None))
        self.apprentice = f.add("apprentice", self.tr("&Apprentice"), TeacherBox(teachers, p.apprentice.id if p else None))
        self.subject = QComboBox(self)
        self.subject.setEditable(True)
        self.subject.addItems(list(SUBJECTS))
        self.subject.setCurrentText(p.subject if p else "")
        f.add("subject", self.tr("&Subject"), self.subject)
        self.pairing_type = f.add("pairing_type", self.tr("&Kind of pairing"), ChoiceBox(
            PAIRING_TYPES, blank=False, current=p.pairing_type if p else ""))
        first = school_year_bounds(school_year)[0]
        self.agreement_date = f.add("agreement_date", self.tr("A&greement date"), DateField(
            p.agreement_date if p else max(first, min(date.today(), school_year_bounds(school_year)[1]))))
        self.goals = f.add("goals", self.tr("G&oals"), TextArea(p.goals if p else ""))
        self.content = f.add("content", self.tr("&Content"), TextArea(p.content if p else ""))
        self.measures = f.add("measures", self.tr("Meas&ures"), TextArea(p.measures if p else ""))
        self.status = f.add("status", self.tr("S&tatus"), ChoiceBox(STATUSES, blank=False, current=p.status if p else ACTIVE))
        self.status_date = f.add("status_date", self.tr("&Ended on"), DateField(p.status_date if p else None, optional=True))
        self.status_reason = f.add("status_reason", self.tr("&Reason"), QLineEdit(p.status_reason if p else "", self))
        self.status.currentIndexChanged.connect(self._status_chosen)
        self._status_chosen()

    def _status_chosen(self) -> None:
        ended = self.status.currentText() != ACTIVE
        self.form.set_row_visible("status_date", ended)
        self.form.set_row_visible("status_reason", ended)

    def data(self) -> PairInput:
        return PairInput(
            school_year=self._year, mentor_id=self.mentor.teacher_id() or 0, apprentice_id=self.apprentice.teacher_id() or 0,
            subject=self.subject.currentText(), pairing_type=self.pairing_type.currentText(),
            agreement_date=self.agreement_date.value() or date.today(), goals=self.goals.text(),
            content=self.content.text(), measures=self.measures.text(), status=self.status.currentText(),
            status_date=self.status_date.value(), status_reason=self.status_reason.text())

    def save(self) -> PairRow:
        if self._pair is None:
            return add_pair(self._db, self.data())
        return update_pair(self._db, self._pair.id, self.data())


class GuidanceDialog(RecordDialog):
    """One guidance record of a pair: what was done, the mentor's advice, the apprentice's reflection."""

    def __init__(self, db: Database, pair: PairRow, record: PairActivity | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(fill(self.tr("Guidance record — %1"), (pair.names,)), parent)
        self.setObjectName("GuidanceDialog")
        self._db, self._pair, self._record = db, pair, record
        r, f = record, self.form
        self.date = f.add("date", self.tr("&Date"), DateField(r.date if r else min(date.today(), pair.period[1])))
        self.kind = f.add("kind", self.tr("&Kind"), ChoiceBox(GUIDANCE_KINDS, blank=False, current=r.kind if r else ""))
        self.topic = f.add("topic", self.tr("&Title or topic"), QLineEdit(r.topic if r else "", self))
        self.content = f.add("content", self.tr("&What was done"), TextArea(r.content if r else ""))
        self.advice = f.add("advice", self.tr("Mentor's &advice"), TextArea(r.advice if r else ""))
        self.reflection = f.add("reflection", self.tr("Apprentice's &reflection"), TextArea(r.reflection if r else ""))
        self.photos = f.add("photos", self.tr("&Evidence photos"), PhotoField(r.photos if r else ()))
        self.photos.allow_phone(db, lambda: " · ".join((self.tr("Mentoring"), pair.names, self.topic.text())))

    def data(self) -> GuidanceInput:
        return GuidanceInput(date=self.date.value() or date.today(), kind=self.kind.currentText(), topic=self.topic.text(),
                             content=self.content.text(), advice=self.advice.text(), reflection=self.reflection.text(),
                             photo_ids=self.photos.list.kept_ids(), new_photos=self.photos.list.new_files())

    def save(self) -> int:
        if self._record is None or self._record.guidance_id is None:
            return add_guidance(self._db, self._pair.id, self.data())
        return update_guidance(self._db, self._record.guidance_id, self.data())


class AssessmentDialog(RecordDialog):
    """考核: the form's items, the measured ones pre-filled from the year's counts (shown beside), comments."""

    def __init__(self, db: Database, pair: PairRow, assessment: Assessment, parent: QWidget | None = None) -> None:
        super().__init__(fill(self.tr("Year-end assessment — %1"), (pair.names,)), parent)
        self.setObjectName("AssessmentDialog")
        self._db, self._pair = db, pair
        f = self.form
        counts = "；".join(f"{name} {done}/{required}" for name, done, required in assessment.counts)
        self.counts = f.add("counts", self.tr("This year so far"), QLabel(counts or self.tr("nothing counted yet"), self))
        self.counts.setWordWrap(True)
        self.scores = f.add_part("scores", self.tr("Scores"), ScoreForm(self))
        self.scores.set_rubric(assessment.form, assessment.scores)
        self.date = f.add("date", self.tr("&Date"), DateField(assessment.date))
        self.comments = f.add("comments", self.tr("C&omments"), TextArea(assessment.comments))

    def save(self) -> Assessment:
        return save_assessment(self._db, self._pair.id, AssessmentInput(
            date=self.date.value() or date.today(), scores=self.scores.values(), comments=self.comments.text()))
