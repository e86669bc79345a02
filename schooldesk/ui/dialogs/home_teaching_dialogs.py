"""送教上门 forms: a child's semester plan, and one visit's log."""
from __future__ import annotations

from datetime import date, time

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.home_teaching import (
    CONTENT_KINDS, default_plan_start, hours_text, judged_months, lesson_periods, visit_minutes,
)
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP, fill
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.home_teaching import (
    PlanInput, PlanRow, VisitInput, VisitRow, add_plan, add_visit, update_plan, update_visit,
)
from schooldesk.services.home_teaching_candidates import plan_candidates
from schooldesk.services.home_teaching_rules import visit_rule_on
from schooldesk.services.rows import SemesterRow
from schooldesk.services.teachers import list_teachers
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.errors import ask_yes_no
from schooldesk.ui.form import submit
from schooldesk.ui.fields import DateField, KindChecks, TeacherChecklist, TextArea, TimeField
from schooldesk.ui.photo_field import PhotoField

DEFAULT_START, DEFAULT_END = time(14, 0), time(15, 30)


class PlanDialog(RecordDialog):
    """New plan: choose the child (those taught at home first); edit: the child is fixed."""

    def __init__(self, db: Database, semester: SemesterRow, plan: PlanRow | None = None,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(fill(self.tr("Home teaching plan — %1"), (semester.label_zh,)), parent)
        self.setObjectName("PlanDialog")
        self._db, self._semester, self._plan = db, semester, plan
        self._today = today or date.today()
        self.past_start_question: QMessageBox | None = None
        f = self.form
        self.pupil = QComboBox(self)
        self._placed_on: dict[int, date | None] = {}
        if plan is None:
            self.pupil.setEditable(True)  # type a name to find the child among a whole school
            self.pupil.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            for choice in plan_candidates(db, semester.key.school_year):
                label = " ".join(filter(None, (choice.name, choice.class_name)))
                self.pupil.addItem(f"★ {label}" if choice.taught_at_home else label, choice.id)
                self._placed_on[choice.id] = choice.placed_on
            self.pupil.setCurrentIndex(-1)  # chosen by the clerk, never the first of the list by default
            self.pupil.setPlaceholderText(self.tr("Type or choose the child…"))
            self.pupil.lineEdit().setPlaceholderText(self.tr("Type or choose the child…"))
        else:
            self.pupil.addItem(plan.pupil_name, plan.pupil_id)
            self.pupil.setEnabled(False)
        f.add("pupil", self.tr("&Child"), self.pupil)
        self.start = f.add("start_date", self.tr("&From"), DateField(plan.start_date if plan else self._default_start()))
        self.start.setToolTip(self.tr("Months from this date on are judged against the visit rule."))
        self._start_chosen = plan is not None
        self.start.userDateChanged.connect(self._start_edited)
        if plan is None:
            self.pupil.currentIndexChanged.connect(self._child_changed)
        self.end = f.add("end_date", self.tr("&Until"), DateField(plan.end_date if plan else semester.end))
        self.teachers = f.add("teachers", self.tr("&Teachers (first: responsible)"), TeacherChecklist(
            list_teachers(db), [t.id for t in plan.teachers] if plan else ()))
        self.goals = f.add("goals", self.tr("&Goals"), KindChecks(CONTENT_KINDS, plan.goals if plan else ()))
        self.goal_notes = f.add("goal_notes", self.tr("Individual plan"), TextArea(plan.goal_notes if plan else ""))
        self.goal_notes.setPlaceholderText(self.tr("e.g. recognise 100 common characters; eat without help"))
        self.schedule = f.add("schedule", self.tr("&Schedule"), QLineEdit(plan.schedule if plan else "", self))
        self.schedule.setPlaceholderText(self.tr("e.g. Wednesday afternoons of the 1st and 3rd week"))

    def _default_start(self) -> date:
        placed_on = self._placed_on.get(self.pupil.currentData()) if self.pupil.count() else None
        return default_plan_start(self._semester.start, self._semester.end, self._today, placed_on)

    def _start_edited(self) -> None:
        self._start_chosen = self.start.value() != self._default_start()

    def _child_changed(self) -> None:
        """Another child, another placement date: the default start follows unless the clerk chose one."""
        if not self._start_chosen:
            self.start.blockSignals(True)
            self.start.set_value(self._default_start())
            self.start.blockSignals(False)

    def try_save(self) -> bool:
        """A start date in the past puts its months up for judging at once: say which, and ask first."""
        start, end = self.start.value() or self._semester.start, self.end.value() or self._semester.end
        months = judged_months(start, end, self._today)
        unchanged = self._plan is not None and self._plan.start_date == start
        if start >= self._today or not months or unchanged:
            return super().try_save()
        if not submit(self.form, self, lambda: self.save(rehearse=True))[0]:
            return False  # a broken rule first, at its field; the question only for a plan that would save
        names = "、".join(f"{m.year}年{m.month}月" for m in months)
        text = fill(self.tr("The plan starts on %1, which is already past. %2 will be judged against the visit "
                            "rule at once, and months without enough visits will show as not met.\n\nSave with "
                            "this start date?"), (start.isoformat(), names))
        self.past_start_question = ask_yes_no(self, text, super().try_save)
        return False

    def data(self) -> PlanInput:
        return PlanInput(self.start.value() or self._semester.start, self.end.value() or self._semester.end,
                         self.teachers.checked_ids(), self.goals.checked(), self.goal_notes.text(), self.schedule.text())

    def save(self, *, rehearse: bool = False) -> PlanRow:
        if self._plan is not None:
            return update_plan(self._db, self._plan.id, self.data(), rehearse=rehearse)
        index = self.pupil.findText(self.pupil.currentText())
        if index < 0:
            raise ValidationError("pupil", QT_TRANSLATE_NOOP("Errors", "Choose the child from the list."))
        key = SemesterKey(self._semester.key.school_year, self._semester.key.term)
        return add_plan(self._db, self.pupil.itemData(index), key, self.data(), rehearse=rehearse)


class HomeVisitDialog(RecordDialog):
    """One visit: when, who went, what was taught, how the child did, what the family said, photos."""

    def __init__(self, db: Database, plan: PlanRow, visit: VisitRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(fill(self.tr("Home teaching visit — %1"), (plan.pupil_name,)), parent)
        self.setObjectName("HomeVisitDialog")
        self._db, self._plan, self._visit = db, plan, visit
        self._minutes_per_period = visit_rule_on(db, visit.date if visit else date.today()).minutes_per_period
        f = self.form
        today = min(date.today(), plan.end_date)
        self.date = f.add("date", self.tr("&Date"), DateField(visit.date if visit else today))
        self.start_time = TimeField(visit.start_time if visit else DEFAULT_START, self)
        self.end_time = TimeField(visit.end_time if visit else DEFAULT_END, self)
        self.length = QLabel(self)
        self.length.setObjectName("visitLength")
        times = QWidget(self)
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.start_time)
        row.addWidget(QLabel("—", self))
        row.addWidget(self.end_time)
        row.addWidget(self.length, 1)
        f.add("start_time", self.tr("&Time"), times)
        f.add("end_time", "", QWidget(self))
        f.set_row_visible("end_time", False)
        chosen = [t.id for t in (visit.teachers if visit else plan.teachers)]
        self.teachers = f.add("teachers", self.tr("T&eachers"), TeacherChecklist(list_teachers(db), chosen))
        self.kinds = f.add("content_kinds", self.tr("&Content"), KindChecks(
            CONTENT_KINDS, visit.content_kinds if visit else ()))
        self.content = f.add("content", self.tr("What was ta&ught"), TextArea(visit.content if visit else ""))
        self.performance = f.add("performance", self.tr("&How the child did"), TextArea(visit.performance if visit else ""))
        self.feedback = f.add("guardian_feedback", self.tr("Guardian's &feedback"),
                              TextArea(visit.guardian_feedback if visit else ""))
        self.next_steps = f.add("next_steps", self.tr("&Next steps"), TextArea(visit.next_steps if visit else ""))
        self.photos = f.add("photos", self.tr("&Photos"), PhotoField(visit.photos if visit else ()))
        self.photos.allow_phone(db, lambda: self.tr("Home teaching") + " · " + plan.pupil_name)
        self.start_time.timeChanged.connect(self._show_length)
        self.end_time.timeChanged.connect(self._show_length)
        self._show_length()

    def _show_length(self) -> None:
        try:
            minutes = visit_minutes(self.start_time.value(), self.end_time.value())
        except ValidationError:
            self.length.setText(self.tr("ends before it starts"))
            return
        self.length.setText(fill(self.tr("%1, %2 lesson periods"), (
            hours_text(minutes), f"{lesson_periods(minutes, self._minutes_per_period):g}")))

    def data(self) -> VisitInput:
        return VisitInput(
            self.date.value() or date.today(), self.start_time.value(), self.end_time.value(),
            self.teachers.checked_ids(), self.kinds.checked(), self.content.text(), self.performance.text(),
            self.feedback.text(), self.next_steps.text(), self.photos.list.kept_ids(), self.photos.list.new_files(),
        )

    def save(self) -> VisitRow:
        if self._visit is None:
            return add_visit(self._db, self._plan.id, self.data())
        return update_visit(self._db, self._visit.id, self.data())
