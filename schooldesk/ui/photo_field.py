"""Evidence photos on a form: thumbnails, drag pictures in from Explorer or a phone's folder, or pick files."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QListView, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from schooldesk.db.photo_store import PHOTO_SUFFIXES
from schooldesk.services.photos import PhotoRef
from schooldesk.ui.saving import file_dialog
from schooldesk.ui.thumbnails import THUMB, thumbnail

KEPT_ROLE = Qt.ItemDataRole.UserRole  # a stored photo's id
NEW_ROLE = Qt.ItemDataRole.UserRole + 1  # a file to add on save
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # the file's own name: shown until a caption is typed


class PhotoList(QListWidget):
    """Accepts dropped image files; stored photos and new files can be mixed and removed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(THUMB)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setMinimumHeight(110)
        self.setAcceptDrops(True)
        self.setDragEnabled(False)
        self.setToolTip(self.tr("Drag photos here, or use “Add photos…”"))
        self.captioned = False  # captions typed under the thumbnails (double-click or F2)

    def _item(self, path: Path, name: str, caption: str = "") -> QListWidgetItem:
        item = QListWidgetItem(thumbnail(path), caption or name, self)
        item.setData(NAME_ROLE, name)
        if self.captioned:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setToolTip(self.tr("Double-click to write a caption"))
        return item

    def add_stored(self, photo: PhotoRef) -> None:
        self._item(photo.path, photo.original_name, photo.caption).setData(KEPT_ROLE, photo.id)

    def add_files(self, paths: Sequence[Path]) -> None:
        present = set(self.new_files())
        for path in paths:
            if path.suffix.lower() in PHOTO_SUFFIXES and path not in present:
                self._item(path, path.name).setData(NEW_ROLE, str(path))

    def kept_ids(self) -> tuple[int, ...]:
        items = (self.item(r) for r in range(self.count()))
        return tuple(i.data(KEPT_ROLE) for i in items if i.data(KEPT_ROLE) is not None)

    def new_files(self) -> tuple[Path, ...]:
        items = (self.item(r) for r in range(self.count()))
        return tuple(Path(i.data(NEW_ROLE)) for i in items if i.data(NEW_ROLE))

    def _caption(self, item: QListWidgetItem) -> str:
        return "" if item.text() == item.data(NAME_ROLE) else item.text().strip()[:100]

    def kept_captions(self) -> dict[int, str]:
        items = (self.item(r) for r in range(self.count()))
        return {i.data(KEPT_ROLE): self._caption(i) for i in items if i.data(KEPT_ROLE) is not None}

    def new_captions(self) -> tuple[str, ...]:
        items = (self.item(r) for r in range(self.count()))
        return tuple(self._caption(i) for i in items if i.data(NEW_ROLE))

    def remove_selected(self) -> None:
        for item in self.selectedItems():
            self.takeItem(self.row(item))

    # drag and drop of files
    def _files_in(self, event: Any) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if self._files_in(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        if self._files_in(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        files = self._files_in(event)
        if files:
            self.add_files(files)
            event.acceptProposedAction()
        else:
            super().dropEvent(event)


class PhotoField(QWidget):
    """The list plus "Add photos…" and "Remove" buttons (Delete removes the selected thumbnails)."""

    def __init__(self, photos: Sequence[PhotoRef] = (), parent: QWidget | None = None, *, captions: bool = False) -> None:
        super().__init__(parent)
        self.list = PhotoList(self)
        self.list.captioned = captions
        for photo in photos:
            self.list.add_stored(photo)
        self.add_button = QPushButton(self.tr("Add photos…"), self)
        self.phone_button = QPushButton(self.tr("From a phone…"), self)
        self.phone_button.setObjectName("phoneButton")
        self.phone_button.hide()  # shown by allow_phone: the form knows the database and what the record is called
        self.phone_button.clicked.connect(self.receive_from_phone)
        self.phone_dialog: Any = None
        self._phone: tuple[Any, Callable[[], str]] | None = None
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_button.clicked.connect(self.pick_files)
        self.remove_button.clicked.connect(self.list.remove_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, activated=self.list.remove_selected)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.phone_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)

    def allow_phone(self, db: Any, title: Callable[[], str]) -> None:
        """Offer 接收手机照片: photos sent from a phone arrive in this list, saved with the form."""
        self._phone = (db, title)
        self.phone_button.show()

    def receive_from_phone(self) -> Any:
        from schooldesk.services.photos import MAX_PHOTOS
        from schooldesk.ui.phone_photos_dialog import PhonePhotosDialog

        if self._phone is None:
            return None
        db, title = self._phone
        room = max(0, MAX_PHOTOS - self.list.count())
        self.phone_dialog = PhonePhotosDialog(db, title(), room, self.list.add_stored, self)
        self.phone_dialog.open()
        return self.phone_dialog

    def pick_files(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in PHOTO_SUFFIXES)
        file_dialog(self, "photos", self.tr("Add photos"), self.tr("Pictures (%1)").replace("%1", patterns),
                    self.list.add_files, many=True)
