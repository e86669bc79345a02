"""The school's own details (name, 学校标识码, where it is)."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import School
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.people import validate_person_name, validate_phone
from schooldesk.domain.school_code import validate_school_code
from schooldesk.services.rows import SchoolDetails
from schooldesk.services.access import require_admin


def validate_school(details: SchoolDetails) -> SchoolDetails:
    """Cleaned details, or ValidationError naming the first bad field."""
    name = " ".join(details.name.split())
    if not name:
        raise ValidationError("name", QT_TRANSLATE_NOOP("Errors", "Enter the school's name."))
    if len(name) > 100:
        raise ValidationError("name", QT_TRANSLATE_NOOP("Errors", "The school's name is too long."))
    principal = details.principal.strip()
    return replace(
        details,
        name=name,
        code=validate_school_code(details.code),
        county=details.county.strip(),
        township=details.township.strip(),
        address=details.address.strip(),
        principal=validate_person_name(principal, "principal") if principal else "",
        phone=validate_phone(details.phone),
    )


def _school(session: Session) -> School | None:
    return session.scalars(select(School).order_by(School.id)).first()


def _as_details(school: School) -> SchoolDetails:
    return SchoolDetails(
        name=school.name, code=school.code, county=school.county, township=school.township,
        address=school.address, principal=school.principal, phone=school.phone,
    )


def get_school(db: Database) -> SchoolDetails | None:
    """The school, or None before first-run set-up."""
    with db.transaction() as session:
        school = _school(session)
        return _as_details(school) if school else None


def save_school(session: Session, details: SchoolDetails) -> SchoolDetails:
    """Create or update the one school row inside the caller's transaction."""
    details = validate_school(details)
    school = _school(session) or School()
    for field, value in vars(details).items():
        setattr(school, field, value)
    session.add(school)
    return details


def update_school(db: Database, details: SchoolDetails) -> SchoolDetails:
    require_admin(db)
    with db.transaction() as session:
        if _school(session) is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The school has not been set up yet."))
        return save_school(session, details)
