"""Dropout cases: open one, log a persuade-to-return visit, close it with an outcome."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.care import CONFIRMED_DROPOUT, DROPOUT_OUTCOMES, DROPOUT_REASONS, DROPOUT_STAGES, VISIT_RESULTS
from schooldesk.services.dropout import (
    CaseInput, CaseRow, VisitInput, VisitRow, add_visit, close_case, open_case, update_visit,
)
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.photo_field import PhotoField
from schooldesk.ui.fields import ChoiceBox, DateField, TextArea


class OpenCaseDialog(RecordDialog):
    def __init__(self, db: Database, pupil_id: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pupil stopped coming"), parent)
        self.setObjectName("OpenCaseDialog")
        self._db, self._pupil_id = db, pupil_id
        self.started = self.form.add("started_on", self.tr("First day &missed"), DateField(date.today()))
        self.stage = self.form.add("stage", self.tr("&Stage"), ChoiceBox(DROPOUT_STAGES, blank=False))
        self.stage.setCurrentText(CONFIRMED_DROPOUT)
        self.reason = self.form.add("reason", self.tr("&Reason"), ChoiceBox(DROPOUT_REASONS, blank=False))
        self.note = self.form.add("reason_note", self.tr("&Details"), TextArea())

    def save(self) -> CaseRow:
        return open_case(self._db, self._pupil_id,
                         CaseInput(self.started.value() or date.today(), self.reason.currentText(), self.note.text(),
                                   stage=self.stage.currentText()))


class VisitDialog(RecordDialog):
    """A 劝返 visit: new for a case, or one already logged opened to correct it."""

    def __init__(self, db: Database, case_id: int, parent: QWidget | None = None, *,
                 visit: VisitRow | None = None) -> None:
        super().__init__(self.tr("Persuade-to-return visit"), parent)
        self.setObjectName("VisitDialog")
        self._db, self._case_id, self._visit = db, case_id, visit
        f = self.form
        self.date = f.add("date", self.tr("&Date"), DateField(visit.date if visit else date.today()))
        self.visitors = f.add("visitors", self.tr("&Who went"), QLineEdit(visit.visitors if visit else ""))
        self.visitors.setPlaceholderText(self.tr("e.g. 王老师、村主任李明"))
        self.met_with = f.add("met_with", self.tr("Who was &met"), QLineEdit(visit.met_with if visit else ""))
        self.met_with.setPlaceholderText(self.tr("e.g. the pupil, the mother, the grandfather"))
        self.conversation = f.add("conversation", self.tr("What was &said"), TextArea(visit.conversation if visit else ""))
        self.result = f.add("result", self.tr("&Result"), ChoiceBox(VISIT_RESULTS, current=visit.result if visit else ""))
        self.photos = f.add("photos", self.tr("&Photos"), PhotoField(visit.photos if visit else ()))
        self.photos.allow_phone(db, lambda: " · ".join((self.tr("Persuade-to-return visit"), self.visitors.text())))
        f.set_row_visible("photos", visit is None or visit.activity_id is None)  # a 家访's are on the activity

    def save(self) -> CaseRow:
        data = VisitInput(self.date.value() or date.today(), self.visitors.text(), self.met_with.text(),
                          self.conversation.text(), self.result.currentText(),
                          photo_ids=tuple(self.photos.list.kept_ids()), new_photos=tuple(self.photos.list.new_files()))
        if self._visit is not None:
            return update_visit(self._db, self._visit.id, data)
        return add_visit(self._db, self._case_id, data)


class CloseCaseDialog(RecordDialog):
    def __init__(self, db: Database, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Close the case"), parent)
        self.setObjectName("CloseCaseDialog")
        self._db, self._case_id = db, case_id
        self.closed = self.form.add("closed_on", self.tr("&Date"), DateField(date.today()))
        self.outcome = self.form.add("outcome", self.tr("&Outcome"), ChoiceBox(DROPOUT_OUTCOMES, blank=False))
        self.note = self.form.add("outcome_note", self.tr("&Details (school moved to …)"), QLineEdit())

    def save(self) -> CaseRow:
        return close_case(self._db, self._case_id, self.closed.value() or date.today(),
                          self.outcome.currentText(), self.note.text())
