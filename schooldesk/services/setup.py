"""First-run set-up: the school, its first school year and the first administrator, all or nothing."""
from __future__ import annotations

from sqlalchemy import select

from schooldesk.db.database import Database
from schooldesk.db.models import School
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.moving_up import validate_school_type
from schooldesk.domain.semester import TermDates
from schooldesk.services.accounts import ROLE_ADMIN, add_user
from schooldesk.services.rows import SchoolDetails
from schooldesk.services.new_school_year import SCHOOL_TYPE_KEY
from schooldesk.services.school import save_school
from schooldesk.services.school_rules import write_setting
from schooldesk.services.semesters import save_term_dates
from schooldesk.services.users import store_recovery_code


def is_set_up(db: Database) -> bool:
    with db.transaction() as session:
        return session.scalar(select(School.id).limit(1)) is not None


def set_up_school(
    db: Database,
    *,
    school: SchoolDetails,
    term1: TermDates,
    term2: TermDates,
    admin_username: str,
    admin_password: str,
    school_type: str | None = None,
) -> str:
    """Create the school; refuses to run twice so an existing school is never overwritten. Returns the
    recovery code for a forgotten administrator password (to show once and have written down)."""
    with db.transaction() as session:
        if session.scalar(select(School.id).limit(1)) is not None:
            raise SchoolDeskError(
                QT_TRANSLATE_NOOP("Errors", "This data folder already holds a school; nothing was changed.")
            )
        save_school(session, school)
        save_term_dates(session, term1, term2)
        if school_type is not None:  # the wizard asks it; a command may leave it to be guessed from the classes
            write_setting(session, SCHOOL_TYPE_KEY, {"code": validate_school_type(school_type)})
        add_user(session, username=admin_username, password=admin_password, role=ROLE_ADMIN)
        return store_recovery_code(session)
