"""Where one child of the villages is (去向): the child as the 户籍 list gives them, the earlier verifications,
and a new one with how it was verified, by whom, when, and proof photos (a 证明, a receiving school's reply)."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from schooldesk.db.database import Database
from schooldesk.domain import catchment as rules
from schooldesk.domain.catchment import Destination
from schooldesk.domain.i18n import fill
from schooldesk.services.catchment import ChildRow, FindingInput, FindingRow, add_finding, update_finding
from schooldesk.ui.dialogs.record_dialog import RecordDialog
from schooldesk.ui.fields import ChoiceBox, DateField, TextArea
from schooldesk.ui.photo_field import PhotoField


def child_summary(child: ChildRow) -> str:
    """The child as the list gives them, in one block of text (ID flagged when wrong or blank)."""
    number = child.id_number or "（空）"
    flag = "" if child.id_valid else "　⚠ 信息错误待更正"
    lines = [f"{child.village}　{child.name}　{child.gender}　{child.birth_date.isoformat() if child.birth_date else ''}",
             f"身份证号：{number}{flag}",
             f"户主：{child.householder}（{child.relation}）　电话：{child.phone}" if child.householder else f"电话：{child.phone}"]
    if child.pupil_name:
        lines.append(f"学籍：{child.pupil_name}　{child.class_name}")
    if child.note:
        lines.append(f"备注：{child.note}")
    return "\n".join(line for line in lines if line.strip("：　"))


class FindingDialog(RecordDialog):
    """A new verification of *child*'s 去向, or a correction of *finding* (the latest)."""

    def __init__(self, db: Database, child: ChildRow, destinations: tuple[Destination, ...], verifier: str = "",
                 finding: FindingRow | None = None, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(self.tr("Where the child is (去向)"), parent)
        self.setObjectName("FindingDialog")
        self._db, self._child, self._finding, self._today = db, child, finding, today or date.today()
        self._destinations = destinations
        f, g = self.form, finding
        about = QLabel(child_summary(child), self)
        about.setObjectName("childSummary")
        about.setWordWrap(True)
        f.add("child", self.tr("Child"), about)
        history = [h for h in child.history if g is None or h.id != g.id]
        self.history = QLabel("\n".join(
            f"{h.verified_on.isoformat()}　{h.destination}　{h.school}　{h.way}　{h.verifier}" for h in history), self)
        self.history.setObjectName("findingHistory")
        f.add("history", self.tr("Found before"), self.history)
        f.set_row_visible("history", bool(history))
        current = g.destination if g else ""
        self.destination = f.add("destination", self.tr("&Destination (去向)"), ChoiceBox(
            [d.name for d in destinations], current=current))
        self.destination.setObjectName("destinationBox")
        self.school = f.add("school", self.tr("&School attended"), QLineEdit(g.school if g else "", self))
        self.grade = f.add("grade", self.tr("&Grade or class"), QLineEdit(g.grade if g else "", self))
        self.way = f.add("way", self.tr("&Verified by (way)"), ChoiceBox(rules.VERIFY_WAYS, current=g.way if g else ""))
        self.verifier = f.add("verifier", self.tr("Verified b&y (person)"), QLineEdit(g.verifier if g else verifier, self))
        self.verified_on = f.add("verified_on", self.tr("Da&te verified"), DateField(g.verified_on if g else self._today))
        self.note = f.add("note", self.tr("&Notes"), TextArea(g.note if g else ""))
        self.photos = f.add("photos", self.tr("&Proof photos"), PhotoField(g.photos if g else ()))
        self.photos.allow_phone(db, lambda: " · ".join((self.tr("Village children"), child.name, self.destination.currentText())))
        self.destination.currentIndexChanged.connect(self._destination_chosen)
        self._destination_chosen()

    def _destination_chosen(self) -> None:
        chosen = next((d for d in self._destinations if d.name == self.destination.currentText()), None)
        asks = chosen is not None and (chosen.asks_school or chosen.group == rules.ELSEWHERE)
        self.form.set_row_visible("school", asks or bool(self.school.text()))
        self.form.set_row_visible("grade", asks or bool(self.grade.text()))
        if chosen is not None and chosen.name in rules.RETURN_CASE_DESTINATIONS:
            self.note.setToolTip(fill(self.tr("After saving, open a persuade-to-return case for %1 from the page."),
                                      (self._child.name,)))

    def data(self) -> FindingInput:
        return FindingInput(
            destination=self.destination.currentText(), verified_on=self.verified_on.value() or self._today,
            school=self.school.text(), grade=self.grade.text(), way=self.way.currentText(),
            verifier=self.verifier.text(), note=self.note.text(), photo_ids=tuple(self.photos.list.kept_ids()),
            new_photos=tuple(self.photos.list.new_files()))

    def save(self) -> int:
        if self._finding is None:
            return add_finding(self._db, self._child.id, self.data(), today=self._today)
        update_finding(self._db, self._finding.id, self.data(), today=self._today)
        return self._finding.id
