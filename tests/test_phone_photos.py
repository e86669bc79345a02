"""Photos from a phone over the school's network: `receive-photos` listens at a token URL, takes JPEG and PNG (HEIC
converted), refuses a wrong token, a non-image and an oversize file, strips GPS, attaches to the record, and
frees its port when done. A real HTTP client here; a real browser in test_phone_page.py."""
from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import urllib3
from PIL import Image

from schooldesk.domain.errors import ValidationError
from schooldesk.services.activities import ActivityInput, add_activity, list_activities
from schooldesk.services.activity_kinds import list_kinds
from schooldesk.services.phone_photos import parse_record, photo_target
from schooldesk.services.phone_receiver import MAX_BYTES, picture_kind
from schooldesk.domain.semester import SemesterKey
from tests.builders import open_as_command
from tests.test_catchment import roll  # noqa: F401 - the fixture

AUTUMN = SemesterKey(2025, 1)


def phone_jpeg(colour: str = "orange") -> bytes:
    """A photo as a phone takes it: JPEG with the camera's EXIF, GPS position included."""
    image = Image.new("RGB", (1600, 1200), colour)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 5.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "teal").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def activity(school_db):
    from schooldesk.services.rows import TeacherInput
    from schooldesk.services.teachers import add_teacher

    teacher = add_teacher(school_db, TeacherInput("李春梅", "女")).id
    kind = next(i for i, k in list_kinds(school_db).items() if k.name == "主题班会")
    row = add_activity(school_db, ActivityInput(kind_id=kind, title="安全教育班会", date=date(2025, 10, 9),
                                                organiser_id=teacher))
    return school_db, row.id


def _start(data_dir: Path, record: str, *extra: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "schooldesk", "receive-photos", "--record", record, "--host", "127.0.0.1", "--json",
         "--data-dir", str(data_dir), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    line = process.stdout.readline()  # type: ignore[union-attr]
    assert line, process.stderr.read()  # type: ignore[union-attr]
    return process, json.loads(line)["url"]


def _send(http: urllib3.PoolManager, url: str, *files: tuple[str, bytes]) -> urllib3.BaseHTTPResponse:
    return http.request("POST", url + "upload", fields=[("photo", (name, data)) for name, data in files])


def test_photos_from_a_phone_reach_the_record_without_gps(activity, data_dir: Path) -> None:
    db, activity_id = activity
    db.close()
    process, url = _start(data_dir, f"activity:{activity_id}")
    try:
        http = urllib3.PoolManager()
        page = http.request("GET", url)
        assert page.status == 200 and "安全教育班会" in page.data.decode() and "完成" in page.data.decode()
        wrong = url.replace(url.split("/")[-2], "not-the-token")
        assert http.request("GET", wrong).status == 404
        assert _send(http, wrong, ("x.jpg", phone_jpeg("red"))).status == 404  # nothing stored for a wrong token
        assert http.request("GET", url.rsplit("/", 2)[0] + "/").status == 404  # no listing
        answer = json.loads(_send(http, url, ("IMG_0001.jpg", phone_jpeg()), ("IMG_0002.png", png())).data)
        assert answer["received"] == 2 and answer["refused"] == []
        answer = json.loads(_send(http, url, ("note.jpg", b"not a picture at all, only text")).data)
        assert answer["received"] == 0 and answer["refused"][0]["reason"] == "不是 JPEG、PNG 或 HEIC 照片"
        big = b"\xff\xd8\xff" + b"\0" * (MAX_BYTES + 10)
        assert json.loads(_send(http, url, ("huge.jpg", big)).data)["refused"][0]["reason"] == "超过 20 MB"
        assert http.request("POST", url + "done").status == 200
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert json.loads(out.strip().splitlines()[-1]) == {"received": 2, "refused": 2}
    port = int(url.split(":")[2].split("/")[0])
    with socket.socket() as probe:  # the port is free again
        probe.bind(("127.0.0.1", port))
    db = open_as_command(data_dir)
    try:
        [row] = [r for r in list_activities(db, AUTUMN) if r.id == activity_id]
        assert len(row.photos) == 2
        for photo in row.photos:
            with Image.open(photo.path) as stored:
                assert stored.getexif().get_ifd(0x8825) == {} and 0x010F not in stored.getexif()
                assert max(stored.size) <= 1600
    finally:
        db.close()


def test_the_timeout_stops_listening(activity, data_dir: Path) -> None:
    db, activity_id = activity
    db.close()
    process, url = _start(data_dir, f"activity:{activity_id}", "--timeout", "2")
    out, _err = process.communicate(timeout=60)
    assert json.loads(out.strip().splitlines()[-1]) == {"received": 0, "refused": 0}
    with pytest.raises(urllib3.exceptions.MaxRetryError):
        urllib3.PoolManager(retries=urllib3.Retry(0)).request("GET", url, timeout=2)


def test_records_are_named_by_kind_and_number(activity) -> None:
    db, activity_id = activity
    assert parse_record(f"activity:{activity_id}") == ("activity", activity_id)
    for wrong in ("activity", "photo:1", "activity:x"):
        with pytest.raises(ValidationError):
            parse_record(wrong)
    target = photo_target(db, "activity", activity_id)
    assert target.kind == "activity" and "安全教育班会" in target.title and target.room == 12


def test_a_teacher_may_not_receive_onto_someone_elses_record(activity) -> None:
    from schooldesk.domain.access import Actor
    from schooldesk.domain.access import AccessDenied

    db, activity_id = activity
    db.actor = Actor("zhao", "teacher", 99)
    with pytest.raises(AccessDenied):
        photo_target(db, "activity", activity_id)


def test_pictures_are_known_by_their_first_bytes() -> None:
    assert picture_kind(phone_jpeg()[:16]) == "jpeg" and picture_kind(png()[:16]) == "png"
    assert picture_kind(b"\0\0\0\x18ftypheic\0\0\0\0") == "heic"
    assert picture_kind(b"GIF89a") == "" and picture_kind(b"<html>") == ""


def _stored(db, colour: str = "navy"):  # type: ignore[no-untyped-def]
    from schooldesk.services.phone_receiver import PhotoReceiver

    receiver = PhotoReceiver(db.photos, db.path.parent / "scratch-test", title="t", host="127.0.0.1")
    return receiver._store("IMG.jpg", phone_jpeg(colour))


def test_support_records_and_return_visits_take_photos_too(home, tmp_path: Path) -> None:
    """The command's other kinds: a support record and a 劝返 visit show what the phone sent in their forms."""
    from schooldesk.services.dropout import CaseInput, VisitInput, add_visit, list_cases, open_case
    from schooldesk.services.phone_photos import attach
    from schooldesk.services.support import SupportInput, add_support, list_support

    db, pupil, teachers, _number = home
    picture = tmp_path / "帮扶.jpg"
    picture.write_bytes(phone_jpeg("green"))
    record = add_support(db, pupil, SupportInput(date(2025, 10, 8), teachers[0], "学业辅导", "讲解分数", new_photos=(picture,)))
    assert len(record.photos) == 1
    attach(db, photo_target(db, "support", record.id), [_stored(db)])
    assert [len(r.photos) for r in list_support(db, pupil)] == [2]
    case = open_case(db, pupil, CaseInput(date(2025, 10, 1), "厌学"))
    case = add_visit(db, case.id, VisitInput(date(2025, 10, 3), "王老师"))
    visit = case.visits[0]
    target = photo_target(db, "return-visit", visit.id)
    assert target.kind == "return_visit" and "劝返" in target.title
    attach(db, target, [_stored(db, "purple")])
    assert len(list_cases(db, pupil)[0].visits[0].photos) == 1


def test_a_catchment_childs_photos_are_the_proof_of_their_latest_destination(roll, tmp_path: Path) -> None:
    from schooldesk.services.catchment import FindingInput, add_finding, list_children
    from schooldesk.services.catchment_import import import_catchment_file
    from schooldesk.services.phone_photos import attach
    from tests.test_catchment import TODAY, realistic

    import_catchment_file(roll, realistic(tmp_path), 2025, dry_run=False)
    qian = next(c for c in list_children(roll, TODAY, 2025) if c.name == "钱三")
    with pytest.raises(ValidationError):  # no 去向 yet: nothing for the photo to prove
        photo_target(roll, "catchment", qian.id)
    add_finding(roll, qian.id, FindingInput(destination="本县外校就读", school="镇中学", way="电话", verifier="李老师",
                                            verified_on=date(2025, 11, 1)), today=TODAY)
    attach(roll, photo_target(roll, "catchment", qian.id), [_stored(roll)])
    qian = next(c for c in list_children(roll, TODAY, 2025) if c.name == "钱三")
    assert len(qian.finding.photos) == 1 and qian.has_proof
