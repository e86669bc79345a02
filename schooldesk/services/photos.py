"""Evidence photos (佐证照片) for records of every family: add, caption, link, thumbnails, remove.

A record is named by its kind (its table's name) and id. A picture is stored once (db/photo_store.py)
and may be linked to several records; its file is deleted only when no record links to it any more.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import Photo, PhotoLink
from schooldesk.db.photo_store import StoredPhoto
from schooldesk.domain.errors import StorageError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.pupils import validate_text

MAX_PHOTOS = 12
MAX_CAPTION = 100
THUMBNAIL_DIRNAME = "thumbnails"


@dataclass(frozen=True)
class PhotoRef:
    id: int
    original_name: str
    path: Path
    caption: str = ""


def store_photos(db: Database, files: Sequence[Path]) -> list[StoredPhoto]:
    """Photos go to the store before the transaction: a failed save leaves unused files, never a record
    pointing at a missing one (:func:`new_photos` then removes them)."""
    return [db.photos.add(path) for path in files]


@contextmanager
def new_photos(db: Database, files: Sequence[Path]) -> Iterator[list[StoredPhoto]]:
    """*files* put in the store for the save in the block; when the save fails (refused, invalid), the
    pictures it stored that no record uses are removed again, so a refused edit leaves no orphan in photos/."""
    stored = store_photos(db, files)
    try:
        yield stored
    except BaseException:
        names = [photo.file_name for photo in stored]
        if names:
            with db.transaction() as session:
                known = set(session.scalars(select(Photo.file_name).where(Photo.file_name.in_(names))))
            remove_files(db, [name for name in names if name not in known])
        raise


def _photo_rows(session: Session, kept: Sequence[int], stored: Sequence[StoredPhoto]) -> list[Photo]:
    photos = []
    for photo_id in kept:
        photo = session.get(Photo, photo_id)
        if photo is None:
            raise ValidationError("photos", QT_TRANSLATE_NOOP("Errors", "A photo no longer exists."))
        photos.append(photo)
    for new in stored:
        photo = session.scalars(select(Photo).where(Photo.sha256 == new.sha256)).first()
        if photo is None:
            photo = Photo(sha256=new.sha256, file_name=new.file_name, original_name=new.original_name,
                          width=new.width, height=new.height, size=new.size, added_at=datetime.now())
            session.add(photo)
            session.flush()
        photos.append(photo)
    unique = list({p.sha256: p for p in photos}.values())
    if len(unique) > MAX_PHOTOS:
        raise ValidationError("photos", QT_TRANSLATE_NOOP("Errors", "A record can keep at most %1 photos."), MAX_PHOTOS)
    return unique


def link_photos(session: Session, kind: str, record_id: int, kept: Sequence[int], stored: Sequence[StoredPhoto],
                captions: dict[int, str] | None = None) -> list[Photo]:
    """Make *kept* (photo ids, in this order) then *stored* the record's photos; captions of kept photos stay
    unless *captions* (photo id → text) says otherwise. Photos no longer linked anywhere are removed."""
    photos = _photo_rows(session, kept, stored)
    links = {link.photo_id: link for link in _links(session, kind, [record_id])}
    captions = captions or {}
    for position, photo in enumerate(photos):
        link = links.pop(photo.id, None) or PhotoLink(record_kind=kind, record_id=record_id, photo_id=photo.id)
        link.position = position
        if photo.id in captions or link.caption is None:
            link.caption = validate_text(captions.get(photo.id, ""), "caption", MAX_CAPTION)
        session.add(link)
    for gone in links.values():
        session.delete(gone)
    session.flush()
    return photos


def unlink_record(session: Session, kind: str, record_id: int) -> None:
    """A record is deleted: its links go with it (the pictures stay while another record links to them)."""
    for link in _links(session, kind, [record_id]):
        session.delete(link)
    session.flush()


def _links(session: Session, kind: str, record_ids: Iterable[int]) -> list[PhotoLink]:
    return list(session.scalars(select(PhotoLink).where(
        PhotoLink.record_kind == kind, PhotoLink.record_id.in_(list(record_ids))).order_by(PhotoLink.position)))


def photos_of(session: Session, db: Database, kind: str, record_ids: Iterable[int]) -> dict[int, tuple[PhotoRef, ...]]:
    """Record id → its photos in order, for the records *record_ids* of *kind* (one query)."""
    found: dict[int, list[PhotoRef]] = defaultdict(list)
    store = db.photos
    for link in _links(session, kind, record_ids):
        found[link.record_id].append(PhotoRef(link.photo.id, link.photo.original_name,
                                              store.path(link.photo.file_name), link.caption))
    return {record_id: tuple(refs) for record_id, refs in found.items()}


def record_owners(session: Session, kind: str, record_id: int) -> list[int | None]:
    """The teachers whose record this is (who may edit it, and so caption its photos)."""
    from schooldesk.db.activity_models import Activity, ActivityTeacher
    from schooldesk.db.mentorship_models import GuidanceRecord, MentorshipPair
    from schooldesk.db.models import HomeTeachingVisitTeacher
    from schooldesk.db.observation_models import Observation

    if kind == "activity":
        return [session.scalar(select(Activity.organiser_id).where(Activity.id == record_id)),
                *session.scalars(select(ActivityTeacher.teacher_id).where(ActivityTeacher.activity_id == record_id))]
    if kind == "observation":
        return [session.scalar(select(Observation.observer_id).where(Observation.id == record_id))]
    if kind == "home_teaching_visit":
        return list(session.scalars(select(HomeTeachingVisitTeacher.teacher_id).where(
            HomeTeachingVisitTeacher.visit_id == record_id)))
    if kind == "guidance_record":
        pair = session.execute(select(MentorshipPair.mentor_id, MentorshipPair.apprentice_id).join(
            GuidanceRecord, GuidanceRecord.pair_id == MentorshipPair.id).where(GuidanceRecord.id == record_id)).first()
        return list(pair) if pair else []
    if kind == "support_record":
        from schooldesk.db.models import SupportRecord

        return [session.scalar(select(SupportRecord.teacher_id).where(SupportRecord.id == record_id))]
    if kind in ("teacher_training", "teacher_ethics", "teacher_honour", "teacher_exchange"):  # the teacher's file
        from schooldesk.db import teacher_file_models as file

        model = {"teacher_training": file.TeacherTraining, "teacher_ethics": file.TeacherEthics,
                 "teacher_honour": file.TeacherHonour, "teacher_exchange": file.TeacherExchange}[kind]
        return [session.scalar(select(model.teacher_id).where(model.id == record_id))]
    return []  # a kind of record no teacher owns: the office's


def set_caption(db: Database, kind: str, record_id: int, photo_id: int, caption: str) -> None:
    """A teacher captions only the photos of their own records (as they edit only those)."""
    from schooldesk.services.access import require_own

    with db.transaction() as session:
        require_own(db, record_owners(session, kind, record_id))
        link = session.scalars(select(PhotoLink).where(
            PhotoLink.record_kind == kind, PhotoLink.record_id == record_id, PhotoLink.photo_id == photo_id)).first()
        if link is None:
            raise ValidationError("photos", QT_TRANSLATE_NOOP("Errors", "A photo no longer exists."))
        link.caption = validate_text(caption, "caption", MAX_CAPTION)


def unused_photos(session: Session) -> list[str]:
    """Delete the photo rows no record links to; return their file names (delete those after the commit)."""
    linked = select(PhotoLink.photo_id)
    gone = list(session.scalars(select(Photo).where(Photo.id.not_in(linked))))
    for photo in gone:
        session.delete(photo)
    session.flush()
    return [photo.file_name for photo in gone]


def remove_files(db: Database, file_names: Iterable[str]) -> None:
    """After the transaction that unlinked them committed: the files of photos no record uses."""
    for name in file_names:
        path = db.photos.path(name)
        path.unlink(missing_ok=True)
        for small in (path.parent.parent / THUMBNAIL_DIRNAME).glob(f"*-{name}"):
            small.unlink(missing_ok=True)


def thumbnail(db: Database, photo: PhotoRef, size: int = 160) -> Path:
    """A small JPEG of *photo* for lists and forms, made once and kept beside the store."""
    target = photo.path.parent.parent / THUMBNAIL_DIRNAME / f"{size}-{photo.path.name}"
    if target.is_file():
        return target
    from PIL import Image

    from schooldesk.db.copies import replace_atomically

    try:
        with Image.open(photo.path) as image:
            image.thumbnail((size, size))
            replace_atomically(target, lambda partial: image.save(partial, "JPEG", quality=80), make_folder=True)
    except OSError as error:
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "The picture %1 cannot be read: %2"), photo.original_name,
                           getattr(error, "strerror", None) or error) from error
    return target
