"""Which record a phone's photos go to (``KIND:ID`` as the command names it), what the phone page calls it, who
may add to it, and attaching what arrived through the photo service (one link per photo, in the audit trail).
A 劝返 visit recorded as a 家访 takes its photos on that activity: one record, one set of photos."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.activity_models import Activity
from schooldesk.db.catchment_models import CatchmentChild
from schooldesk.db.database import Database
from schooldesk.db.models import HomeTeachingPlan, HomeTeachingVisit, PhotoLink, Pupil, ReturnVisit, SupportRecord
from schooldesk.db.observation_models import Observation
from schooldesk.db.photo_store import StoredPhoto
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.services.access import require_own
from schooldesk.services.photos import MAX_PHOTOS, PhotoRef, link_photos, record_owners

KINDS = ("activity", "home-teaching-visit", "observation", "return-visit", "support", "catchment")
GONE = QT_TRANSLATE_NOOP("Errors", "There is no record %1 (it may have been deleted).")


@dataclass(frozen=True, kw_only=True)
class PhotoTarget:
    """Where the photos go: the photo service's record kind and id, and the title the phone page shows."""

    kind: str
    record_id: int
    title: str
    photos: int  # already on the record

    @property
    def room(self) -> int:
        return max(0, MAX_PHOTOS - self.photos)


def parse_record(text: str) -> tuple[str, int]:
    """``activity:12`` → ('activity', 12), or a message naming the kinds."""
    kind, _, number = text.partition(":")
    if kind not in KINDS or not number.strip().isdigit():
        raise ValidationError("record", QT_TRANSLATE_NOOP(
            "Errors", "Name the record as KIND:ID, KIND one of %1 (e.g. activity:12)."), ", ".join(KINDS))
    return kind, int(number)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _target(session: Session, kind: str, number: int) -> tuple[str, int, str]:
    """(photo kind, record id, title) of the record, or NotFoundError."""
    found: object | None
    if kind == "activity":
        found = session.get(Activity, number)
        if found is not None:
            return "activity", number, f"{found.title} · {_day(found.date)}"
    elif kind == "home-teaching-visit":
        row = session.execute(select(HomeTeachingVisit.date, Pupil.name).join(
            HomeTeachingPlan, HomeTeachingPlan.id == HomeTeachingVisit.plan_id).join(
            Pupil, Pupil.id == HomeTeachingPlan.pupil_id).where(HomeTeachingVisit.id == number)).first()
        if row is not None:
            return "home_teaching_visit", number, f"送教上门 · {row.name} · {_day(row.date)}"
    elif kind == "observation":
        found = session.get(Observation, number)
        if found is not None:
            return "observation", number, f"听课 · {found.topic} · {_day(found.date)}"
    elif kind == "return-visit":
        found = session.get(ReturnVisit, number)
        if found is not None:
            if found.activity_id is not None:  # recorded as a 家访 too: its photos are the activity's
                return "activity", found.activity_id, f"劝返 · {_day(found.date)}"
            return "return_visit", number, f"劝返 · {_day(found.date)}"
    elif kind == "support":
        row = session.execute(select(SupportRecord.date, Pupil.name).join(Pupil, Pupil.id == SupportRecord.pupil_id)
                              .where(SupportRecord.id == number)).first()
        if row is not None:
            return "support_record", number, f"帮扶记录 · {row.name} · {_day(row.date)}"
    elif kind == "catchment":
        child = session.get(CatchmentChild, number)
        finding = child.findings[-1] if child is not None and child.findings else None
        if child is not None and finding is None:
            raise ValidationError("record", QT_TRANSLATE_NOOP(
                "Errors", "Record where %1 is (去向) first; the photos are its proof."), child.name)
        if finding is not None:
            return "catchment", finding.id, f"适龄儿童 · {child.name} · {finding.destination}"  # type: ignore[union-attr]
    raise NotFoundError(GONE, f"{kind}:{number}")


def photo_target(db: Database, kind: str, number: int) -> PhotoTarget:
    """The record's target, checked: it exists and this user may add photos to it."""
    with db.transaction() as session:
        photo_kind, record_id, title = _target(session, kind, number)
        owners = record_owners(session, photo_kind, record_id)
        count = len(session.scalars(select(PhotoLink.id).where(
            PhotoLink.record_kind == photo_kind, PhotoLink.record_id == record_id)).all())
    require_own(db, owners)  # the office any record; a teacher only their own
    return PhotoTarget(kind=photo_kind, record_id=record_id, title=title, photos=count)


def attach(db: Database, target: PhotoTarget, stored: list[StoredPhoto]) -> int:
    """Add *stored* after the record's photos (a photo it has already is not added twice); how many it has now."""
    with db.transaction() as session:
        kept = list(session.scalars(select(PhotoLink.photo_id).where(
            PhotoLink.record_kind == target.kind, PhotoLink.record_id == target.record_id).order_by(PhotoLink.position)))
        return len(link_photos(session, target.kind, target.record_id, kept, stored))


def keep_received(db: Database, stored: StoredPhoto) -> PhotoRef:
    """A photo received for a form still being filled: in the store and on file now, linked when the form is saved
    (an unsaved form's photo is an unused one, removed by the store's tidy-up like any other)."""
    from schooldesk.services.photos import _photo_rows

    with db.transaction() as session:
        [photo] = _photo_rows(session, [], [stored])
        return PhotoRef(photo.id, photo.original_name, db.photos.path(photo.file_name))
