"""接收手机照片: a QR code and the address in words; photos a teacher's phone sends over the school's Wi-Fi arrive
here as thumbnails and go into the form. Listens only while this window is open (at most 15 minutes); says
plainly what to check when nothing arrives (the same Wi-Fi, Windows' question about network access)."""
from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListView, QVBoxLayout, QWidget

from schooldesk.db.database import Database
from schooldesk.domain.i18n import fill
from schooldesk.services.phone_photos import keep_received
from schooldesk.services.photos import PhotoRef
from schooldesk.ui.service_call import call_service

QUIET_AFTER_S = 60  # no photo yet after this long: the window says what to check


class PhonePhotosDialog(QDialog):
    def __init__(self, db: Database, title: str, room: int, arrived: Callable[[PhotoRef], None],
                 parent: QWidget | None = None, *, host: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PhonePhotosDialog")
        self.setWindowTitle(self.tr("Receive photos from a phone"))
        self._db, self._arrived = db, arrived
        self._stack = ExitStack()
        self.received: list[PhotoRef] = []
        self.receiver: Any = None
        self.qr = QLabel(self)
        self.qr.setObjectName("qrCode")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.address = QLabel(self)
        self.address.setObjectName("phoneAddress")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("phoneHint")
        self.hint.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setObjectName("phoneStatus")
        self.thumbnails = QListWidget(self)
        self.thumbnails.setViewMode(QListView.ViewMode.IconMode)
        self.thumbnails.setIconSize(QSize(96, 72))
        self.thumbnails.setMinimumHeight(110)
        buttons = QDialogButtonBox(self)
        self.done_button = buttons.addButton(self.tr("&Done"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.clicked.connect(self.accept)
        side = QVBoxLayout()
        side.addWidget(QLabel(fill(self.tr("For: %1"), (title,)), self))
        side.addWidget(self.address)
        side.addWidget(self.hint)
        side.addStretch(1)
        side.addWidget(self.status)
        top = QHBoxLayout()
        top.addWidget(self.qr)
        top.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.thumbnails, 1)
        layout.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(300)
        self.timer.timeout.connect(self.poll)
        self.resize(680, 520)
        self._listen(title, room, host)

    def _listen(self, title: str, room: int, host: str | None) -> None:
        from schooldesk.db.scratch import private_scratch
        from schooldesk.services.phone_receiver import PhotoReceiver

        def start() -> Any:
            scratch = self._stack.enter_context(private_scratch(self._db.path.parent, "phone-"))
            receiver = PhotoReceiver(self._db.photos, scratch, title=title, host=host, max_files=room)
            receiver.start()
            return receiver

        got = call_service(self, start)
        if not got:
            self.status.setText(self.tr("Not listening."))
            return
        self.receiver = got.value
        self.qr.setPixmap(_qr_pixmap(self.receiver.url))
        self.address.setText(fill(self.tr("Scan the code with the phone's camera, or open this address in its browser:"
                                          "\n%1"), (self.receiver.url,)))
        self.hint.setText(self.tr("The phone must be on the same Wi-Fi as this computer. If Windows asks whether "
                                  "SchoolDesk may use the network, allow it on private networks."))
        self.timer.start()
        self.poll()

    def poll(self) -> None:
        receiver = self.receiver
        if receiver is None:
            return
        while not receiver.photos.empty():
            stored = receiver.photos.get()
            got = call_service(self, lambda: keep_received(self._db, stored))
            if got:
                self.received.append(got.value)
                self._arrived(got.value)
                from schooldesk.ui.thumbnails import thumbnail

                self.thumbnails.addItem(_item(thumbnail(got.value.path), got.value.original_name))
        left = receiver.seconds_left
        self.status.setText(fill(self.tr("Received: %1 (refused: %2). Listening for %3 more minutes."), (
            str(len(self.received)), str(receiver.counts.refused), str((left + 59) // 60))))
        if receiver.finished.is_set():
            self.timer.stop()
            self.status.setText(fill(self.tr("Received: %1 (refused: %2). No longer listening."), (
                str(len(self.received)), str(receiver.counts.refused))))
        elif not self.received and receiver.timeout - left > QUIET_AFTER_S:
            self.hint.setStyleSheet("color: #c0392b;")
            self.hint.setText(self.tr(
                "Nothing has arrived yet. Check that the phone is on the same Wi-Fi (not mobile data, not a guest "
                "network that keeps devices apart), that the address above opens on it, and that Windows allows "
                "SchoolDesk on private networks (the IT person can add the rule in the README)."))

    def done(self, result: int) -> None:
        if self.receiver is not None:
            self.poll()  # what arrived before the window closed still goes in
            self.receiver.stop()
        self.timer.stop()
        self._stack.close()
        super().done(result)


def _item(icon: Any, name: str) -> Any:
    from PySide6.QtWidgets import QListWidgetItem

    return QListWidgetItem(icon, name)


def _qr_pixmap(url: str) -> QPixmap:
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=6, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(out.getvalue(), "PNG")
    return pixmap
