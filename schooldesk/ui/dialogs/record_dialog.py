"""Base of every add/edit dialog: a FieldForm, Save/Cancel, Ctrl+S, errors shown at the field, and a
question before edits are thrown away (Esc, Cancel or the window's close button)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFrame, QLineEdit,
    QListWidget, QMessageBox, QPlainTextEdit, QScrollArea, QStyle, QVBoxLayout, QWidget,
)

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.i18n import error_text
from schooldesk.ui.errors import ask_to_save, show_notice
from schooldesk.ui.form import FieldForm, submit
from schooldesk.ui.window_state import PreservesGeometry


class RecordDialog(PreservesGeometry, QDialog):
    """Subclasses build fields on ``self.form`` and implement ``save()`` by calling a service."""

    saved = Signal(object)  # the row the service returned

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = FieldForm(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self.scroll = QScrollArea(self)  # a long form (a visit with ten teachers in view) scrolls on a 768-px screen
        self.scroll.setWidget(self.form)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.try_save)
        self.form.installEventFilter(self)  # a kind's own fields can widen the form: the dialog follows
        self._as_opened: list[Any] | None = None
        self.discard_question: QMessageBox | None = None

    def save(self) -> Any:
        raise NotImplementedError

    def try_save(self) -> bool:
        """Save through the service; on a rule broken, show it next to its field and stay open."""
        succeeded, row = submit(self.form, self, self.save)
        if succeeded:
            self.saved.emit(row)
            self.accept()
        return succeeded

    def fitting_size(self) -> QSize:
        """The whole form when the screen has room, else as much as fits (the rest scrolls)."""
        form = self.form.sizeHint()
        wanted = QSize(form.width() + 40, form.height() + self.buttons.sizeHint().height() + 40)
        screen = QApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            wanted = wanted.boundedTo(QSize(room.width() - 40, room.height() - 60))
        return wanted

    def keep_form_whole(self) -> None:
        """Never narrower than the form (the form scrolls only up and down): a size remembered from a kind with
        narrower fields, or dragged smaller, would cut the fields off on the right."""
        margins = self.layout().contentsMargins()
        need = (self.form.minimumSizeHint().width() + margins.left() + margins.right()
                + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self) + 4)
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            need = min(need, screen.availableGeometry().width() - 20)
        self.setMinimumWidth(need)
        if self.width() < need:
            self.resize(need, self.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.form and event.type() == QEvent.Type.LayoutRequest and self._as_opened is not None:
            self.keep_form_whole()
        return super().eventFilter(watched, event)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if self._as_opened is None:
            self.resize(self.fitting_size())
        self.restore_window_state()
        self.keep_form_whole()
        super().showEvent(event)
        if self._as_opened is None:
            self._as_opened = self._values()

    def _values(self) -> list[Any]:
        """What every input on the form holds now, to tell whether anything was edited."""
        values: list[Any] = []
        for widget in self.form.findChildren(QWidget):
            if isinstance(widget, QLineEdit) and not isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
                values.append(widget.text())
            elif isinstance(widget, QPlainTextEdit):
                values.append(widget.toPlainText())
            elif isinstance(widget, QComboBox):
                values.append(widget.currentText())
            elif isinstance(widget, (QDateTimeEdit, QAbstractSpinBox)):
                values.append(widget.text())
            elif isinstance(widget, QAbstractButton) and widget.isCheckable():
                values.append(widget.isChecked())
            elif isinstance(widget, QListWidget):
                values.append([(widget.item(r).text(), widget.item(r).checkState()) for r in range(widget.count())])
        return values

    def is_edited(self) -> bool:
        return self._as_opened is not None and self._values() != self._as_opened

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Esc with a drop-down, calendar or completer open closes that, never the form behind it."""
        if event.key() == Qt.Key.Key_Escape:
            dropped = [box for box in self.form.findChildren(QComboBox) if box.view().isVisible()]
            popup = QApplication.activePopupWidget()
            if dropped or popup is not None:
                for box in dropped:
                    box.hidePopup()
                if popup is not None and popup.isVisible():
                    popup.close()
                event.accept()
                return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Close without saving; if something was typed, ask first (Save / Discard / keep editing)."""
        if not self.is_edited():
            super().reject()
            return
        self.discard_question = ask_to_save(self, self._answered, "discardQuestion")

    def _answered(self, button: QMessageBox.StandardButton) -> None:
        if button == QMessageBox.StandardButton.Save:
            self.try_save()
        elif button == QMessageBox.StandardButton.Discard:
            self._as_opened = None  # nothing to ask any more
            super().reject()

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)


class OpensRecordDialogs:
    """Mix into a window with ``state`` and ``refresh()`` (a pupil's profile, a child's visit log): a record
    saved in a dialog it opened refreshes it and tells the screens that show such records (``changes``).

    Such windows stay open beside the main window, so ``watch_records()`` keeps them current: a change of
    anything they show (``changes`` and ``shows``) made elsewhere — another window, a page, an import, a
    restore — refreshes them, and when their own record is gone ``record_gone()`` says so and closes them
    (a clerk must never print from a stale window)."""

    changes: frozenset[str] = frozenset()
    shows: frozenset[str] = frozenset()  # what else the window shows, changed by others
    _own_change = False
    gone: QMessageBox | None = None  # what record_gone() said

    def watch_records(self) -> None:
        self.state.watch(self, self.changes | self.shows, self._changed_elsewhere)  # type: ignore[attr-defined]

    def _changed_elsewhere(self) -> None:
        if not self._own_change:  # its own save has refreshed it already
            self.refresh()  # type: ignore[attr-defined]

    def _open(self, dialog: RecordDialog) -> RecordDialog:
        dialog.saved.connect(lambda _row: self._changed())
        dialog.open()
        return dialog

    def _changed(self) -> None:
        self.refresh()  # type: ignore[attr-defined]
        self._own_change = True
        try:
            self.state.notify_changed(*self.changes)  # type: ignore[attr-defined]
        finally:
            self._own_change = False

    def record_gone(self, error: SchoolDeskError) -> None:
        """The window's record was deleted elsewhere (or a restored backup does not have it): say so on the
        window behind it and close."""
        window: QDialog = self  # type: ignore[assignment]
        if self.gone is not None:
            return  # said once
        self.gone = show_notice(window.parentWidget(), error_text(error) + "\n\n" + QCoreApplication.translate(
            "Windows", "It was deleted elsewhere (in another window, on a page or by restoring a backup), so its "
                       "window was closed."))
        window.reject()
