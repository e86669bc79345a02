"""First-run set-up: school details and kind, the current school year's terms, the first administrator."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget, QWizard, QWizardPage

from schooldesk.db.database import Database
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.moving_up import SCHOOL_TYPES, validate_school_type
from schooldesk.domain.semester import default_term_dates, school_year_of, validate_school_year, validate_term_dates
from schooldesk.services.accounts import validate_password, validate_username
from schooldesk.services.school import validate_school
from schooldesk.services.setup import set_up_school
from schooldesk.ui.form import FieldForm, submit
from schooldesk.ui.school_forms import SchoolForm, TermForm


class _FormPage(QWizardPage):
    """A wizard page holding one FieldForm; ``check()`` raises ValidationError to keep the user here."""

    def __init__(self, title: str, subtitle: str, form: FieldForm) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = form
        QVBoxLayout(self).addWidget(form)

    def check(self) -> None:
        raise NotImplementedError

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        succeeded, _ = submit(self.form, self, self.check)
        return succeeded


class SchoolPage(_FormPage):
    def __init__(self) -> None:
        super().__init__(self.tr("Your school"), self.tr("These details print on every document sent to the bureau."),
                         SchoolForm())
        self.kind = QComboBox()  # asked, never assumed: it decides the grades a roster may fill
        self.kind.setObjectName("schoolType")
        for code, name in SCHOOL_TYPES.items():
            self.kind.addItem(name, code)
        self.kind.setCurrentIndex(-1)
        self.kind.setPlaceholderText(self.tr("Choose…"))
        self.kind.setToolTip(self.tr("Decides the grades a roster may fill and the top grade that graduates; "
                                     "it can be changed later in Settings."))
        self.form.add("school_type", self.tr("&Kind of school"), self.kind)

    def check(self) -> None:
        validate_school(self.form.details())  # type: ignore[attr-defined]
        validate_school_type(self.kind.currentData() or "")


class TermsPage(_FormPage):
    def __init__(self, today: date) -> None:
        super().__init__(self.tr("School year and terms"),
                         self.tr("Records are filed by term according to their dates. You can add more years later."),
                         TermForm())
        self.form.set_terms(*default_term_dates(school_year_of(today)))  # type: ignore[attr-defined]
        self.form.year.valueChanged.connect(  # type: ignore[attr-defined]
            lambda year: self.form.set_terms(*default_term_dates(year)))  # type: ignore[attr-defined]

    def check(self) -> None:
        term1, term2 = self.form.terms()  # type: ignore[attr-defined]
        validate_school_year(term1.key.school_year)
        validate_term_dates(term1, term2)


class AdminPage(_FormPage):
    def __init__(self, db: Database, school_page: SchoolPage, terms_page: TermsPage) -> None:
        form = FieldForm()
        super().__init__(self.tr("Administrator"),
                         self.tr("The first account. It can add other users and change settings."), form)
        self._db, self._school_page, self._terms_page = db, school_page, terms_page
        self.username = form.add("username", self.tr("&User name"), QLineEdit())
        self.username.setText("admin")
        self.recovery_code = ""  # set once the school is created; shown once by the launcher
        self.password = form.add("password", self.tr("&Password"), QLineEdit())
        self.repeat = form.add("repeat", self.tr("&Repeat password"), QLineEdit())
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)

    def check(self) -> None:
        validate_username(self.username.text())
        validate_password(self.password.text())
        if self.password.text() != self.repeat.text():
            raise ValidationError("repeat", QT_TRANSLATE_NOOP("Errors", "The two passwords differ."))
        self.recovery_code = set_up_school(
            self._db,
            school=self._school_page.form.details(),  # type: ignore[attr-defined]
            term1=self._terms_page.form.terms()[0],  # type: ignore[attr-defined]
            term2=self._terms_page.form.terms()[1],  # type: ignore[attr-defined]
            admin_username=self.username.text(),
            admin_password=self.password.text(),
            school_type=self._school_page.kind.currentData(),
        )


class SetupWizard(QWizard):
    """Shown when the data folder holds no school yet; the school exists once Finish succeeds."""

    def __init__(self, db: Database, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SetupWizard")
        self.setWindowTitle(self.tr("Set up SchoolDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.school_page = SchoolPage()
        self.terms_page = TermsPage(today or date.today())
        self.admin_page = AdminPage(db, self.school_page, self.terms_page)
        for page in (self.school_page, self.terms_page, self.admin_page):
            self.addPage(page)
        self.resize(640, 560)
