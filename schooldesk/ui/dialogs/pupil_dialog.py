"""Add or edit a pupil: the student-status fields, the class this school year, two guardians."""
from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.i18n import fill
from schooldesk.domain.people import GENDERS
from schooldesk.domain.pupils import BOARDING, ETHNICITIES, ID_TYPES, RELATIONS, STATUSES, WAYS_TO_SCHOOL
from schooldesk.services.classes import list_classes
from schooldesk.services.pupils import GuardianInput, PupilInput, add_pupil, get_pupil, update_pupil
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.fields import ChoiceBox, DateField


class PupilDialog(RecordDialog):
    """Saving returns the pupil's id. The full ID number is shown here: this screen edits it."""

    def __init__(self, db: Database, school_year: int, pupil_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Edit pupil") if pupil_id else self.tr("New pupil"), parent)
        self.setObjectName("PupilDialog")
        self._db, self._year, self._pupil_id = db, school_year, pupil_id
        data = get_pupil(db, pupil_id, school_year) if pupil_id else PupilInput(name="", gender="")
        f = self.form
        self.name = f.add("name", self.tr("&Name"), QLineEdit(data.name))
        self.gender = f.add("gender", self.tr("&Gender"), ChoiceBox(GENDERS, current=data.gender))
        self.id_type = f.add("id_type", self.tr("ID type"), ChoiceBox(ID_TYPES, blank=False, current=data.id_type))
        self.id_number = f.add("id_number", self.tr("&ID number"), QLineEdit(data.id_number))
        self.id_number.setPlaceholderText(self.tr("18 characters; birth date and gender are read from it"))
        self.birth_date = f.add("birth_date", self.tr("&Birth date"), DateField(data.birth_date, optional=True))
        self.student_number = f.add("student_number", self.tr("Student n&umber"), QLineEdit(data.student_number))
        self.ethnicity = f.add("ethnicity", self.tr("Ethnicity"), ChoiceBox(ETHNICITIES, current=data.ethnicity))
        self.school_class = f.add("class_id", self.tr("&Class"), ChoiceBox((), blank=True))
        for row in list_classes(db, school_year):
            if row.active or row.id == data.class_id:
                self.school_class.addItem(row.name, row.id)
        self.school_class.setCurrentIndex(max(self.school_class.findData(data.class_id), 0))
        self.status = f.add("status", self.tr("&Status"), ChoiceBox(STATUSES, blank=False, current=data.status))
        self.status_date = f.add("status_date", self.tr("Status since"), DateField(data.status_date, optional=True))
        self.household = f.add("household_registration", self.tr("Household registration"),
                               QLineEdit(data.household_registration))
        self.address = f.add("address", self.tr("Current address"), QLineEdit(data.address))
        self.boarding = f.add("boarding", self.tr("Day pupil or boarder"), ChoiceBox(BOARDING, current=data.boarding))
        self.distance = f.add("distance_km", self.tr("Distance to school (km)"), QDoubleSpinBox())
        self.distance.setRange(-0.1, 200)
        self.distance.setDecimals(1)
        self.distance.setSpecialValueText(" ")
        self.distance.setValue(data.distance_km if data.distance_km is not None else -0.1)
        self.way = f.add("way_to_school", self.tr("Way to school"), ChoiceBox(WAYS_TO_SCHOOL, current=data.way_to_school))
        self.guardian_fields: list[tuple[QLineEdit, ChoiceBox, QLineEdit, QLineEdit]] = []
        for slot, guardian in enumerate(data.guardians, start=1):
            n = (str(slot),)
            self.guardian_fields.append((
                f.add(f"guardian{slot}_name", fill(self.tr("Guardian %1: name"), n), QLineEdit(guardian.name)),
                f.add(f"guardian{slot}_relation", fill(self.tr("Guardian %1: relation"), n),
                      ChoiceBox(RELATIONS, current=guardian.relation)),
                f.add(f"guardian{slot}_phone", fill(self.tr("Guardian %1: phone"), n), QLineEdit(guardian.phone)),
                f.add(f"guardian{slot}_workplace", fill(self.tr("Guardian %1: works at"), n),
                      QLineEdit(guardian.workplace)),
            ))

    def data(self) -> PupilInput:
        distance = self.distance.value()
        return PupilInput(
            name=self.name.text(), gender=self.gender.currentText(), birth_date=self.birth_date.value(),
            ethnicity=self.ethnicity.currentText(), id_type=self.id_type.currentText(),
            id_number=self.id_number.text(), student_number=self.student_number.text(),
            status=self.status.currentText(), status_date=self.status_date.value(),
            household_registration=self.household.text(), address=self.address.text(),
            boarding=self.boarding.currentText(), distance_km=None if distance < 0 else distance,
            way_to_school=self.way.currentText(), school_year=self._year,
            class_id=self.school_class.currentData(),
            guardians=tuple(GuardianInput(n.text(), r.currentText(), p.text(), w.text())
                            for n, r, p, w in self.guardian_fields),
        )

    def save(self) -> int:
        if self._pupil_id is None:
            return add_pupil(self._db, self.data())
        return update_pupil(self._db, self._pupil_id, self.data())
