"""The observation form's two special parts: a rubric's items to score (each checked as it is left, the total
and grade shown as they change) and 一听二看三查阅 (what was looked at beside the lesson)."""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import fill
from schooldesk.domain.observation import CHECK_GROUPS, CheckResult
from schooldesk.domain.rubrics import RATINGS, RubricDefinition, score
from schooldesk.i18n import error_text
from schooldesk.ui.form import FieldForm


class ScoreForm(FieldForm):
    """One row per rubric item (``score_0`` …): points typed, or a rating chosen; a score out of the item's
    range is refused at its field as soon as the field is left."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rubric: RubricDefinition | None = None
        self.inputs: list[QLineEdit | QComboBox] = []
        self.total = QLabel(self)
        self.total.setObjectName("scoreTotal")

    def set_rubric(self, rubric: RubricDefinition | None, values: Sequence[str] = ()) -> None:
        """Show *rubric*'s items (none: the record is kept without scores), filled with *values*."""
        while self._layout.rowCount():
            self._layout.removeRow(0)
        for kept in (self._fields, self._errors, self._holders):
            kept.clear()
        self.rubric, self.inputs = rubric, []
        self.total = QLabel(self)
        self.total.setObjectName("scoreTotal")
        for index, item in enumerate(rubric.items if rubric else ()):
            value = values[index] if index < len(values) else ""
            if rubric is not None and rubric.mode == RATINGS:
                box = QComboBox(self)
                box.addItems(["", *rubric.rating_labels])
                box.setCurrentText(value)
                box.currentIndexChanged.connect(self._update)
                field: QLineEdit | QComboBox = box
                label = fill(self.tr("%1 (%2 points)"), (item.name, f"{item.weight:g}"))
            else:
                line = QLineEdit(value, self)
                line.setPlaceholderText(fill(self.tr("0 to %1"), (f"{item.weight:g}",)))
                line.setMaximumWidth(140)
                line.textChanged.connect(self._update)
                line.editingFinished.connect(lambda index=index: self.check_item(index))
                field = line
                label = fill(self.tr("%1 (%2 points)"), (item.name, f"{item.weight:g}"))
            field.setObjectName(f"score_{index}")
            self.inputs.append(field)
            self.add(f"score_{index}", label, field)
        if rubric is not None:
            self._layout.addRow(self.tr("Total"), self.total)
        self._update()

    def values(self) -> tuple[str, ...]:
        return tuple(f.currentText() if isinstance(f, QComboBox) else f.text().strip() for f in self.inputs)

    def check_item(self, index: int) -> bool:
        """The item's value against its range, shown under it at once (the save refuses it too)."""
        label = self._errors[f"score_{index}"]
        text = self.values()[index]
        try:
            if text and self.rubric is not None:
                self.rubric.item_points(index, text)
        except ValidationError as error:
            label.setText(error_text(error))
            label.show()
            return False
        label.hide()
        return True

    def _update(self) -> None:
        if self.rubric is None:
            return
        values = self.values()
        try:
            scored = score(self.rubric, [v or None for v in values])
        except ValidationError:
            given = sum(1 for v in values if v)
            self.total.setText(fill(self.tr("%1 of %2 items scored"), (str(given), str(len(values)))))
        else:
            self.total.setText(fill(self.tr("%1 of %2 points — %3"), (
                f"{scored.total:g}", f"{scored.maximum:g}", scored.grade)) if scored else self.tr("not scored"))
        self.changed.emit()


class ChecksField(QWidget):
    """二看三查阅: tick to record what was looked at; each item a rating from its own list and a comment."""

    def __init__(self, checks: Sequence[CheckResult] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(self.tr("Lesson plans, homework and records were looked at"), self)
        self.enabled.setObjectName("checksEnabled")
        self.grid_holder = QWidget(self)
        grid = QGridLayout(self.grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        given = {c.item: c for c in checks}
        self.rows: dict[str, tuple[QComboBox, QLineEdit]] = {}
        row = 0
        for group, items, ratings in CHECK_GROUPS:
            heading = QLabel(group, self.grid_holder)
            heading.setStyleSheet("font-weight: bold;")
            grid.addWidget(heading, row, 0, 1, 3)
            row += 1
            for item in items:
                rating = QComboBox(self.grid_holder)
                rating.addItems(["", *ratings])
                comment = QLineEdit(self.grid_holder)
                comment.setPlaceholderText(self.tr("comment"))
                if item in given:
                    rating.setCurrentText(given[item].rating)
                    comment.setText(given[item].comment)
                grid.addWidget(QLabel(item, self.grid_holder), row, 0)
                grid.addWidget(rating, row, 1)
                grid.addWidget(comment, row, 2)
                self.rows[item] = (rating, comment)
                row += 1
        grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.grid_holder)
        self.enabled.toggled.connect(self.grid_holder.setVisible)
        self.enabled.setChecked(bool(checks))
        self.grid_holder.setVisible(bool(checks))
        self.setFocusProxy(self.enabled)

    def checks(self) -> tuple[CheckResult, ...]:
        if not self.enabled.isChecked():
            return ()
        return tuple(CheckResult(item=item, rating=rating.currentText(), comment=comment.text())
                     for item, (rating, comment) in self.rows.items() if rating.currentText())

    def set_rating(self, item: str, rating: str, comment: str = "") -> None:
        self.enabled.setChecked(True)
        box, line = self.rows[item]
        box.setCurrentText(rating)
        line.setText(comment)
