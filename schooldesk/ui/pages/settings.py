"""设置: the school's details, term dates, support-record rules, backups, the interface language."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox, QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget,
)

from schooldesk.config import DEFAULT_LANGUAGE, LANGUAGE_KEY
from schooldesk.domain.access import ADMIN
from schooldesk.domain.i18n import fill
from schooldesk.domain.semester import TermDates, default_term_dates, school_year_label_zh
from schooldesk.domain.moving_up import SCHOOL_TYPES
from schooldesk.services.new_school_year import school_type, set_school_type
from schooldesk.services.school import update_school
from schooldesk.services.semesters import set_school_year
from schooldesk.ui.form import FieldForm, submit
from schooldesk.ui.idle_lock import IDLE_MINUTES_KEY, idle_minutes
from schooldesk.ui.pages.activity_rules_box import ActivityRulesBox
from schooldesk.ui.pages.backups_box import BackupsBox
from schooldesk.ui.pages.home_teaching_box import HomeTeachingRuleBox
from schooldesk.ui.pages.mentorship_rules_box import MentorshipRulesBox
from schooldesk.ui.pages.observation_rules_box import ObservationRulesBox
from schooldesk.ui.pages.users_box import UsersBox
from schooldesk.ui.pages.support_rules_box import SupportRulesBox
from schooldesk.ui.school_forms import SchoolForm, TermForm
from schooldesk.ui.state import CLASSES, SCHOOL, SEMESTERS, AppState



class SettingsPage(QWidget):
    language_changed = Signal(str)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsPage")
        self.state = state
        self.school_form = SchoolForm(self)
        self.school_type = QComboBox(self)
        self.school_type.setObjectName("schoolType")
        for code, name in SCHOOL_TYPES.items():
            self.school_type.addItem(name, code)
        self.school_type.setToolTip(self.tr("Decides the top grade that graduates when a new school year starts."))
        self.school_form.add("school_type", self.tr("&Kind of school"), self.school_type)
        save_school = QPushButton(self.tr("Save school details"), self)
        save_school.setObjectName("saveSchool")
        save_school.clicked.connect(self.save_school)
        school_box = QGroupBox(self.tr("School"), self)
        QVBoxLayout(school_box).addWidget(self.school_form)
        school_box.layout().addWidget(save_school)

        self.term_form = TermForm(self)
        self.term_form.year.valueChanged.connect(self._load_terms)
        save_terms = QPushButton(self.tr("Save term dates"), self)
        save_terms.setObjectName("saveTerms")
        save_terms.clicked.connect(self.save_terms)
        terms_box = QGroupBox(self.tr("School years and terms"), self)
        QVBoxLayout(terms_box).addWidget(self.term_form)
        terms_box.layout().addWidget(save_terms)

        self.language = QComboBox(self)
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(QSettings().value(LANGUAGE_KEY, DEFAULT_LANGUAGE))))
        self.language.currentIndexChanged.connect(self._save_language)
        language_row = QHBoxLayout()
        language_row.addWidget(QLabel(self.tr("Interface language (applies after restart):"), self))
        language_row.addWidget(self.language)
        language_row.addSpacing(24)
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setSpecialValueText(self.tr("never"))
        self.idle_minutes.setSuffix(self.tr(" min"))
        self.idle_minutes.setValue(idle_minutes())
        self.idle_minutes.valueChanged.connect(self._save_idle_minutes)
        language_row.addWidget(QLabel(self.tr("Lock after no use for:"), self))
        language_row.addWidget(self.idle_minutes)
        language_row.addStretch(1)

        self.backups = BackupsBox(state, self)
        right = QVBoxLayout()
        right.addWidget(terms_box)
        self.home_teaching_rule = HomeTeachingRuleBox(state, self)
        right.addWidget(self.home_teaching_rule)
        self.observation_rules = ObservationRulesBox(state, self)
        right.addWidget(self.observation_rules)
        right.addWidget(self.backups, 1)
        self.support_rules = SupportRulesBox(state, self)
        left = QVBoxLayout()
        left.addWidget(school_box)
        left.addWidget(self.support_rules)
        self.mentorship_rules = MentorshipRulesBox(state, self)
        left.addWidget(self.mentorship_rules)
        self.activity_rules = ActivityRulesBox(state, self)
        right.insertWidget(right.count() - 1, self.activity_rules)
        # Settings, users, the audit trail and restoring are the administrator's (the services refuse
        # anyone else too); others see the settings, greyed out, and may take backups.
        self.is_admin = state.user is None or state.user.role == ADMIN
        self.users: UsersBox | None = None
        if self.is_admin:
            self.users = UsersBox(state, self)
            left.addWidget(self.users)
        self.rule_boxes = (self.support_rules, self.home_teaching_rule, self.observation_rules, self.mentorship_rules,
                           self.activity_rules)  # each loads, tells whether it is edited, and saves itself
        for box in (school_box, terms_box, *self.rule_boxes):
            box.setEnabled(self.is_admin)
        self.backups.restore_button.setVisible(self.is_admin)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.addLayout(columns, 1)
        inner.addLayout(language_row)
        scroll = QScrollArea(self)  # the page is taller than an old 768-pixel screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.refresh()

    def _save_idle_minutes(self, minutes: int) -> None:
        QSettings().setValue(IDLE_MINUTES_KEY, minutes)
        window = self.window()
        if hasattr(window, "idle"):
            window.idle.set_minutes(minutes)

    def refresh(self) -> None:
        if self.state.school:
            self.school_form.set_details(self.state.school)
        self.school_type.setCurrentIndex(self.school_type.findData(school_type(self.state.db)))
        self.term_form.year.setValue(self.state.school_year)
        self._load_terms(self.state.school_year)

    def _load_terms(self, year: int) -> None:
        known = {s.key: TermDates(s.key, s.start, s.end) for s in self.state.semesters}
        defaults = default_term_dates(year)
        self.term_form.set_terms(known.get(defaults[0].key, defaults[0]), known.get(defaults[1].key, defaults[1]))
        self.term_form.clear_errors()

    def save_school(self) -> None:
        def save() -> None:
            update_school(self.state.db, self.school_form.details())
            if self.school_type.currentData() != school_type(self.state.db):
                set_school_type(self.state.db, self.school_type.currentData())

        self._save(self.school_form, save, self.tr("School details saved."))

    def save_terms(self) -> None:
        year = self.term_form.year.value()
        self._save(self.term_form, lambda: set_school_year(self.state.db, *self.term_form.terms()),
                   fill(self.tr("Term dates of %1 saved."), (school_year_label_zh(year),)))

    def has_unsaved_edits(self) -> bool:
        """School details or term dates typed but not saved (asked about when the window closes)."""
        if not self.is_admin:
            return False
        school_edited = self.state.school is not None and self.school_form.details() != self.state.school
        school_edited = school_edited or self.school_type.currentData() != school_type(self.state.db)
        known = {s.key: TermDates(s.key, s.start, s.end) for s in self.state.semesters}
        typed = self.term_form.terms()
        terms_edited = typed[0].key in known and typed != (known.get(typed[0].key), known.get(typed[1].key))
        return school_edited or terms_edited or any(box.is_edited() for box in self.rule_boxes)

    def discard_edits(self) -> None:
        """Back to what is saved (the clerk chose not to keep the typing)."""
        self.refresh()
        for box in self.rule_boxes:
            box.load()

    def save(self) -> None:
        """Ctrl+S on this page saves every section that was changed."""
        self.save_school()
        self.save_terms()
        for box in self.rule_boxes:
            if box.is_edited():
                box.save()

    def _save(self, form: FieldForm, action: Callable[[], object], done_message: str) -> None:
        succeeded, _result = submit(form, self, action)
        if succeeded:
            self.state.notify_changed(SCHOOL, SEMESTERS, CLASSES)
            self.window().statusBar().showMessage(done_message, 5000)  # type: ignore[attr-defined]

    def _save_language(self) -> None:
        QSettings().setValue(LANGUAGE_KEY, self.language.currentData())
        self.language_changed.emit(self.language.currentData())
