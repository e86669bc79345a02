"""The 适龄儿童摸底 list: every child of the villages with where they are (去向) on a day. A child tied to a pupil
on roll takes its 去向 from the register (本校在读, 送教上门, 辍学 …: record once); every other child keeps
the latest verification on or before the day, else is 待核实. Verifications are kept as history."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.catchment_models import CatchmentChild, CatchmentFinding
from schooldesk.db.database import Database
from schooldesk.db.models import DropoutCase, Pupil, PupilStatus, SchoolSetting
from schooldesk.domain import catchment as rules
from schooldesk.domain.catchment import Destination
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.pinyin_search import search_keys
from schooldesk.domain.pupils import (
    DROPPED_OUT, HOME_TAUGHT, ID_CARD, IN_SCHOOL, status_on, validate_choice, validate_long_text, validate_text,
)
from schooldesk.services.access import masking, require_admin, require_record_keeper
from schooldesk.services.photos import link_photos, new_photos, photos_of, unlink_record
from schooldesk.services.pupils import class_names, status_histories
from schooldesk.services.school_rules import write_setting

PHOTOS = "catchment"  # the photo service's record kind: a finding's proof
DESTINATIONS_KEY = "catchment_destinations"
CONFIRMED_MATCHES = ("id", "confirmed")
FROM_REGISTER = {IN_SCHOOL: rules.AT_THIS_SCHOOL, "转入": rules.AT_THIS_SCHOOL, HOME_TAUGHT: rules.HOME_TAUGHT,
                 DROPPED_OUT: rules.DROPPED_OUT, "休学": "休学/缓学/免学"}


@dataclass(frozen=True, kw_only=True)
class FindingInput:
    destination: str
    verified_on: date
    school: str = ""
    grade: str = ""
    way: str = ""
    verifier: str = ""
    note: str = ""
    photo_ids: tuple[int, ...] = ()  # kept proof photos, in order
    new_photos: tuple[Path, ...] = ()


@dataclass(frozen=True, kw_only=True)
class FindingRow:
    id: int
    destination: str
    school: str
    grade: str
    way: str
    verifier: str
    verified_on: date
    note: str
    dropout_case_id: int | None
    photos: tuple[object, ...] = ()  # PhotoRef


@dataclass(frozen=True, kw_only=True)
class ChildRow:
    """One child as the 摸底 page and the 花名册 show them on a day."""

    id: int
    village: str
    name: str
    name_keys: str
    gender: str
    birth_date: date | None
    id_number: str  # masked for whoever may not see it in full
    id_valid: bool
    householder: str
    relation: str
    phone: str
    disability: str
    note: str
    pupil_id: int | None
    pupil_name: str
    class_name: str
    match: str  # id, name_birth (to confirm), confirmed, ''
    compulsory: bool
    stage: str
    destination: str  # 待核实 when none
    group: str
    from_register: bool
    finding: FindingRow | None = None
    history: tuple[FindingRow, ...] = field(default=())

    @property
    def to_verify(self) -> bool:
        return self.destination == rules.TO_VERIFY

    @property
    def has_proof(self) -> bool:
        """本在外 closed with proof: a photo of a 证明 or a receiving school's confirmation (外校协查)."""
        return self.from_register or (self.finding is not None and (bool(self.finding.photos) or self.finding.way == "外校协查"))

    @property
    def flagged(self) -> bool:
        return not self.id_valid


# ---- the school's own 去向, with history ------------------------------------------------------------------

def read_destinations(session: Session) -> tuple[Destination, ...]:
    setting = session.get(SchoolSetting, DESTINATIONS_KEY)
    return tuple(Destination(name=d["name"], group=d["group"], asks_school=bool(d.get("asks_school")),
                             since=date.fromisoformat(d["since"]))
                 for d in (setting.value.get("added", []) if setting else []))


def destinations_on(db: Database, day: date) -> tuple[Destination, ...]:
    with db.transaction() as session:
        return rules.destinations_on(day, read_destinations(session))


def add_destination(db: Database, new: Destination) -> Destination:
    """A 去向 of the school's own, offered from *new.since* on; earlier findings and reports are untouched."""
    require_admin(db)
    if new.since is None:
        raise ValidationError("since", QT_TRANSLATE_NOOP("Errors", "Give the day from which it is offered."))
    with db.transaction() as session:
        known = read_destinations(session)
        added = rules.validate_destination(new, known)
        write_setting(session, DESTINATIONS_KEY, {"added": [
            {"name": d.name, "group": d.group, "asks_school": d.asks_school, "since": d.since.isoformat()}  # type: ignore[union-attr]
            for d in (*known, added)]})
        return added


# ---- the list on a day -------------------------------------------------------------------------------------

def list_children(db: Database, day: date, school_year: int) -> list[ChildRow]:
    """Every child on file with their 去向 on *day*; compulsory age judged by *school_year*'s 31 August.
    To-verify children first, then by village and name."""
    mask_id, _ = masking(db)
    with db.transaction() as session:
        return sorted(read_children(session, db, day, school_year, mask_id),
                      key=lambda c: (not c.to_verify, c.village, c.name_keys))


def read_children(session: Session, db: Database, day: date, school_year: int, mask_id=lambda n: n) -> list[ChildRow]:
    added = read_destinations(session)
    children = list(session.scalars(select(CatchmentChild).options(
        selectinload(CatchmentChild.findings), selectinload(CatchmentChild.pupil))))
    pupil_ids = [c.pupil_id for c in children if c.pupil_id is not None]
    histories = status_histories(session, pupil_ids)
    classes = class_names(session, school_year, pupil_ids)
    finding_ids = [f.id for c in children for f in c.findings]
    photos = photos_of(session, db, PHOTOS, finding_ids) if finding_ids else {}
    return [_row(c, day, school_year, added, histories, classes, photos, mask_id) for c in children]


def _finding_row(f: CatchmentFinding, photos: dict[int, tuple[object, ...]]) -> FindingRow:
    return FindingRow(id=f.id, destination=f.destination, school=f.school, grade=f.grade, way=f.way,
                      verifier=f.verifier, verified_on=f.verified_on, note=f.note, dropout_case_id=f.dropout_case_id,
                      photos=photos.get(f.id, ()))


def _row(child: CatchmentChild, day: date, school_year: int, added: tuple[Destination, ...],
         histories: dict[int, list[tuple[str, date | None]]], classes: dict[int, str],
         photos: dict[int, tuple[object, ...]], mask_id) -> ChildRow:
    history = tuple(_finding_row(f, photos) for f in child.findings if f.verified_on <= day)
    finding = history[-1] if history else None
    registered = ""
    if child.pupil_id is not None and child.match in CONFIRMED_MATCHES:
        registered = FROM_REGISTER.get(status_on(histories.get(child.pupil_id, []), day) or "", "")
    destination = registered or (finding.destination if finding else rules.TO_VERIFY)
    pupil = child.pupil
    return ChildRow(
        id=child.id, village=child.village, name=child.name, name_keys=child.name_keys, gender=child.gender,
        birth_date=child.birth_date, id_number=mask_id(child.id_number),  # a wrong number too: it is still a child's
        id_valid=child.id_valid, householder=child.householder, relation=child.relation, phone=child.phone,
        disability=child.disability, note=child.note, pupil_id=child.pupil_id,
        pupil_name=pupil.name if pupil else "", class_name=classes.get(child.pupil_id or 0, ""), match=child.match,
        compulsory=rules.is_compulsory_age(child.birth_date, school_year),
        stage=rules.stage_of(child.birth_date, school_year), destination=destination,
        group=rules.group_of(destination, added), from_register=bool(registered),
        finding=None if registered else finding, history=history)


def get_child(db: Database, child_id: int, day: date, school_year: int) -> ChildRow:
    found = next((c for c in list_children(db, day, school_year) if c.id == child_id), None)
    if found is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The child is no longer on the list."))
    return found


# ---- verifying a child -------------------------------------------------------------------------------------

def _child(session: Session, child_id: int) -> CatchmentChild:
    child = session.get(CatchmentChild, child_id)
    if child is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The child is no longer on the list."))
    return child


def _clean(session: Session, data: FindingInput, today: date) -> FindingInput:
    offered = rules.destinations_on(data.verified_on, read_destinations(session))
    names = tuple(d.name for d in offered)
    destination = validate_choice(data.destination, names, "destination", required=True)
    if data.verified_on > today:
        raise ValidationError("verified_on", QT_TRANSLATE_NOOP("Errors", "The date cannot be in the future."))
    chosen = next(d for d in offered if d.name == destination)
    school = validate_text(data.school, "school", 100)
    if chosen.asks_school and not school:
        raise ValidationError("school", QT_TRANSLATE_NOOP("Errors", "Name the school the child attends."))
    return FindingInput(destination=destination, verified_on=data.verified_on, school=school,
                        grade=validate_text(data.grade, "grade", 20),
                        way=validate_choice(data.way, rules.VERIFY_WAYS, "way", required=True),
                        verifier=_required(validate_text(data.verifier, "verifier", 60), "verifier"),
                        note=validate_long_text(data.note, "note", 2000), photo_ids=data.photo_ids,
                        new_photos=data.new_photos)


def _required(value: str, field_name: str) -> str:
    if not value:
        raise ValidationError(field_name, QT_TRANSLATE_NOOP("Errors", "Say who verified it."))
    return value


def add_finding(db: Database, child_id: int, data: FindingInput, today: date | None = None) -> int:
    """A new verification of the child's 去向 (the earlier ones stay as history). 辍学 and 未入学 are linked to
    the pupil's open 劝返 case when there is one."""
    require_record_keeper(db)
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        child = _child(session, child_id)
        data = _clean(session, data, today or date.today())
        finding = CatchmentFinding(child_id=child.id)
        _write(finding, data)
        session.add(finding)
        session.flush()
        _link_case(session, child, finding)
        link_photos(session, PHOTOS, finding.id, data.photo_ids, stored)
        return finding.id


def update_finding(db: Database, finding_id: int, data: FindingInput, today: date | None = None) -> None:
    require_record_keeper(db)
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        finding = session.get(CatchmentFinding, finding_id)
        if finding is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The verification no longer exists."))
        _write(finding, _clean(session, data, today or date.today()))
        _link_case(session, finding.child, finding)
        link_photos(session, PHOTOS, finding.id, data.photo_ids, stored)


def delete_finding(db: Database, finding_id: int) -> None:
    require_record_keeper(db)
    with db.transaction() as session:
        finding = session.get(CatchmentFinding, finding_id)
        if finding is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The verification no longer exists."))
        unlink_record(session, PHOTOS, finding.id)
        session.delete(finding)


def _write(finding: CatchmentFinding, data: FindingInput) -> None:
    finding.destination, finding.verified_on, finding.school, finding.grade = (
        data.destination, data.verified_on, data.school, data.grade)
    finding.way, finding.verifier, finding.note = data.way, data.verifier, data.note


def _link_case(session: Session, child: CatchmentChild, finding: CatchmentFinding) -> None:
    if finding.destination not in rules.RETURN_CASE_DESTINATIONS:
        finding.dropout_case_id = None
    elif finding.dropout_case_id is None and child.pupil_id is not None and child.match in CONFIRMED_MATCHES:
        finding.dropout_case_id = session.scalar(select(DropoutCase.id).where(
            DropoutCase.pupil_id == child.pupil_id, DropoutCase.closed_on.is_(None)))


def open_return_case(db: Database, finding_id: int, reason: str, today: date | None = None) -> int:
    """劝返 for a child found 辍学 or 未入学: the pupil's case when the child is on the register, else the child is
    entered in the register as 辍学 (the school answers for the children of its villages) and a case opened.
    The finding is linked to it: one case, counted on the 劝返 register and the 摸底 alike."""
    from schooldesk.domain.care import CONFIRMED_DROPOUT, DROPOUT_REASONS

    require_record_keeper(db)
    today = today or date.today()
    reason = validate_choice(reason, DROPOUT_REASONS, "reason", required=True)
    with db.transaction() as session:
        finding = session.get(CatchmentFinding, finding_id)
        if finding is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The verification no longer exists."))
        if finding.destination not in rules.RETURN_CASE_DESTINATIONS:
            raise ValidationError("destination", QT_TRANSLATE_NOOP(
                "Errors", "A 劝返 case is opened for a child found 辍学 or 未入学."))
        child = finding.child
        pupil = child.pupil if child.match in CONFIRMED_MATCHES else None
        if pupil is None:
            pupil = _enter_in_register(session, child)
        case = session.scalar(select(DropoutCase).where(DropoutCase.pupil_id == pupil.id, DropoutCase.closed_on.is_(None)))
        if case is None:
            case = DropoutCase(pupil_id=pupil.id, started_on=finding.verified_on, reason=reason,
                               stage=CONFIRMED_DROPOUT, reason_note=finding.note[:2000])
            session.add(case)
            if pupil.status != DROPPED_OUT:
                from schooldesk.services.pupils import set_status

                set_status(pupil, DROPPED_OUT, finding.verified_on)
            session.flush()
        finding.dropout_case_id = case.id
        return case.id


def _enter_in_register(session: Session, child: CatchmentChild) -> Pupil:
    """A child of the villages not in school, entered as the school's 辍学 pupil (no class, no 学籍号): never on
    roll before, so no earlier month counts them."""
    if not child.gender:
        raise ValidationError("gender", QT_TRANSLATE_NOOP(
            "Errors", "The list gives no gender for %1; correct the child's details first."), child.name)
    pupil = Pupil(name=child.name, name_keys=search_keys(child.name), gender=child.gender, birth_date=child.birth_date,
                  id_type=ID_CARD if child.id_valid else "", id_number=child.id_number if child.id_valid else None,
                  status=DROPPED_OUT, household_registration=child.village, address=child.village)
    pupil.statuses.append(PupilStatus(status=DROPPED_OUT, from_date=None))
    session.add(pupil)
    session.flush()
    child.pupil_id, child.match = pupil.id, "confirmed"
    return pupil


def confirm_match(db: Database, child_id: int, confirmed: bool) -> None:
    """The office says whether a name-and-birth match is the same child: confirmed, the register gives its 去向;
    refused, the child is to verify like any other."""
    require_record_keeper(db)
    with db.transaction() as session:
        child = _child(session, child_id)
        if child.pupil_id is None:
            raise ValidationError("match", QT_TRANSLATE_NOOP("Errors", "The child is matched to no pupil."))
        if confirmed:
            child.match = "confirmed"
        else:
            child.pupil_id, child.match = None, ""


def delete_child(db: Database, child_id: int) -> None:
    """A child listed by mistake (another village's): removed with their verifications."""
    require_record_keeper(db)
    with db.transaction() as session:
        child = _child(session, child_id)
        for finding in child.findings:
            unlink_record(session, PHOTOS, finding.id)
        session.delete(child)


def villages(db: Database) -> list[str]:
    with db.transaction() as session:
        return sorted({v for v in session.scalars(select(CatchmentChild.village)) if v})
