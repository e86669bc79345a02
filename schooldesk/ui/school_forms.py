"""The school-details and term-dates forms, shared by the set-up wizard and the settings page."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit, QSpinBox, QWidget

from schooldesk.domain.semester import FIRST_YEAR, LAST_YEAR, SemesterKey, TermDates
from schooldesk.services.rows import SchoolDetails
from schooldesk.ui.form import FieldForm

SCHOOL_FIELDS = ("name", "code", "county", "township", "address", "principal", "phone")


def date_edit(value: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if value:
        edit.setDate(QDate(value.year, value.month, value.day))
    return edit


def to_date(edit: QDateEdit) -> date:
    return edit.date().toPython()


class SchoolForm(FieldForm):
    """The school's details; shared by the set-up wizard and the settings page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        labels = (self.tr("School na&me"), self.tr("School &code (学校标识码)"), self.tr("Co&unty"),
                  self.tr("&Township"), self.tr("&Address"), self.tr("&Principal"), self.tr("P&hone"))
        self.edits = {name: self.add(name, label, QLineEdit()) for name, label in zip(SCHOOL_FIELDS, labels)}
        self.edits["code"].setPlaceholderText(self.tr("10 digits, e.g. 2141051203"))

    def details(self) -> SchoolDetails:
        return SchoolDetails(**{name: edit.text() for name, edit in self.edits.items()})

    def set_details(self, details: SchoolDetails) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(details, name))


class TermForm(FieldForm):
    """One school year's two terms; shared by the set-up wizard and the settings page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = self.add("school_year", self.tr("School &year starting in"), QSpinBox())
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.term1_start = self.add("term1", self.tr("First term starts"), date_edit())
        self.term1_end = self.add("term1_end", self.tr("First term ends"), date_edit())
        self.term2_start = self.add("term2", self.tr("Second term starts"), date_edit())
        self.term2_end = self.add("term2_end", self.tr("Second term ends"), date_edit())

    def set_terms(self, term1: TermDates, term2: TermDates) -> None:
        self.year.blockSignals(True)
        self.year.setValue(term1.key.school_year)
        self.year.blockSignals(False)
        for edit, value in ((self.term1_start, term1.start), (self.term1_end, term1.end),
                            (self.term2_start, term2.start), (self.term2_end, term2.end)):
            edit.setDate(QDate(value.year, value.month, value.day))

    def terms(self) -> tuple[TermDates, TermDates]:
        year = self.year.value()
        return (TermDates(SemesterKey(year, 1), to_date(self.term1_start), to_date(self.term1_end)),
                TermDates(SemesterKey(year, 2), to_date(self.term2_start), to_date(self.term2_end)))
