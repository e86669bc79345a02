"""接收手机照片 from a form: the window shows a QR code and the address, photos a phone sends arrive as thumbnails
and in the form, and are the record's once it is saved; closing the window stops listening."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import urllib3

from schooldesk.services.activities import list_activities
from schooldesk.ui.dialogs.activity_dialog import ActivityChoices, ActivityDialog
from tests.test_phone_photos import AUTUMN, activity, phone_jpeg, png  # noqa: F401 - the fixture


def test_photos_from_a_phone_arrive_in_the_form_and_are_saved_with_it(qtbot, zh_app, activity, tmp_path: Path) -> None:  # noqa: F811
    from schooldesk.services.activity_kinds import list_kinds
    from schooldesk.services.teachers import list_teachers

    db, activity_id = activity
    [row] = [r for r in list_activities(db, AUTUMN) if r.id == activity_id]
    choices = ActivityChoices(kinds=list_kinds(db, include_hidden=True), teachers=tuple(list_teachers(db)), pupils=())
    form = ActivityDialog(db, choices, row)
    qtbot.addWidget(form)
    form.show()
    assert form.photos.phone_button.isVisible() and form.photos.phone_button.text() == "从手机接收(&Q)…"
    form.photos.phone_button.click()
    window = form.photos.phone_dialog
    assert window.receiver is not None and not window.qr.pixmap().isNull()
    url = window.receiver.url
    assert url in window.address.text() and "Wi-Fi" in window.hint.text()
    http = urllib3.PoolManager()
    answer = http.request("POST", url + "upload", fields=[("photo", ("IMG_1.jpg", phone_jpeg())), ("photo", ("IMG_2.png", png()))])
    assert json.loads(answer.data)["received"] == 2
    qtbot.waitUntil(lambda: window.thumbnails.count() == 2, timeout=5000)
    assert form.photos.list.count() == 2 and "已收到：2" in window.status.text()
    window.grab().save(str(tmp_path / "phone-window.png"))
    port = window.receiver.port
    window.done_button.click()
    with socket.socket() as probe:  # closed: the port is free again
        probe.bind((window.receiver.host, port))
    assert form.try_save()
    [saved] = [r for r in list_activities(db, AUTUMN) if r.id == activity_id]
    assert sorted(p.original_name for p in saved.photos) == ["IMG_1.jpg", "IMG_2.png"]
