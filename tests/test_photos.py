"""Evidence photos shared by every record family: one picture, many records, deleted with the last link."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from schooldesk.db.models import Photo, PhotoLink
from schooldesk.services.home_teaching import add_plan, add_visit, delete_visit, list_visits, update_visit
from schooldesk.services.photos import (
    link_photos, photos_of, remove_files, set_caption, store_photos, thumbnail, unlink_record, unused_photos,
)
from tests.builders import photo, plan_input, visit_input
from tests.test_home_teaching import TERM1


def test_a_picture_linked_to_two_records_lives_until_the_last_link_goes(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    [stored] = store_photos(db, [photo(tmp_path / "班会.jpg")])
    with db.transaction() as session:
        link_photos(session, "activity", 1, [], [stored], captions=None)
        picture = session.scalars(select(Photo)).one()
        link_photos(session, "home_teaching_visit", 7, [picture.id], [], captions={picture.id: "送教现场"})
        found = photos_of(session, db, "home_teaching_visit", [7])
    [ref] = found[7]
    assert ref.caption == "送教现场" and ref.path.is_file() and ref.original_name == "班会.jpg"
    set_caption(db, "activity", 1, ref.id, "主题班会：安全教育")
    with db.transaction() as session:
        assert photos_of(session, db, "activity", [1])[1][0].caption == "主题班会：安全教育"
        unlink_record(session, "activity", 1)
        gone = unused_photos(session)
    remove_files(db, gone)
    assert gone == [] and ref.path.is_file()  # the visit still links it
    small = thumbnail(db, ref)
    with Image.open(small) as image:
        assert max(image.size) == 160
    with db.transaction() as session:
        unlink_record(session, "home_teaching_visit", 7)
        gone = unused_photos(session)
        assert session.scalars(select(Photo)).all() == []
    remove_files(db, gone)
    assert not ref.path.exists() and not small.exists()


def test_a_visit_keeps_its_photos_in_order_and_deleting_it_removes_unused_files(home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, pupil_id, teachers, _ = home
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers))
    first, second = photo(tmp_path / "a.jpg", (900, 600)), photo(tmp_path / "b.png", (600, 900))
    visit = add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 8), new_photos=(first, second)))
    assert [p.original_name for p in visit.photos] == ["a.jpg", "b.png"]
    reordered = update_visit(db, visit.id, visit_input(teachers, date(2025, 10, 8),
                                                        photo_ids=(visit.photos[1].id, visit.photos[0].id)))
    assert [p.original_name for p in reordered.photos] == ["b.png", "a.jpg"]
    dropped = update_visit(db, visit.id, visit_input(teachers, date(2025, 10, 8), photo_ids=(visit.photos[1].id,)))
    assert [p.original_name for p in dropped.photos] == ["b.png"]
    assert not visit.photos[0].path.exists()  # no record links a.jpg any more
    delete_visit(db, visit.id)
    assert list_visits(db, plan.id) == [] and not visit.photos[1].path.exists()
    with db.transaction() as session:
        assert session.scalars(select(PhotoLink)).all() == [] and session.scalars(select(Photo)).all() == []
