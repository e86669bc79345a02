"""Shared fixtures: a real SQLite file in a temp folder, Qt offscreen, settings kept out of $HOME."""
from __future__ import annotations

import os
import shutil
import sys
from datetime import date
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_finish(session: pytest.Session) -> None:
    """Python's cycle collector took a tenth of the in-process test time (SQLAlchemy's and Qt's many objects):
    what collection imported is frozen out of its sight, and it runs every 50,000 allocations instead of 700.
    Only the test processes are tuned; the app keeps Python's defaults."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["schooldesk-tests"]


@pytest.fixture(scope="session", autouse=True)
def _isolated_qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("qsettings")))


@pytest.fixture
def zh_app(qapp):  # type: ignore[no-untyped-def]
    """The QApplication with the Chinese translation installed, as users see it."""
    from schooldesk.app import make_application

    app = make_application("zh_CN")
    yield app
    from schooldesk.i18n import install_translations

    install_translations("zh_CN")
    # A window or dialog a test left open must not be found by the next one (files run in another order on the
    # Windows lane's shards): hidden, not closed, so no "discard your edits?" question is asked.
    for window in app.topLevelWidgets():
        if window.isVisible():
            window.hide()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the newest schema, made once per test process: each test's database starts as a copy
    (migrating a new file for each of some 400 tests costs the 2-core machine about half a minute)."""
    from schooldesk.db.database import database_path, open_database

    folder = tmp_path_factory.mktemp("migrated") / "data"
    open_database(folder).close()
    return database_path(folder)


@pytest.fixture
def db(data_dir: Path, migrated_template: Path) -> Iterator["Database"]:  # noqa: F821
    from schooldesk.db.copies import private_folder
    from schooldesk.db.database import database_path, open_database

    from schooldesk.services.access import command_line_rights

    shutil.copyfile(migrated_template, database_path(private_folder(data_dir)))
    database = open_database(data_dir)  # checked as always; nothing left to migrate
    database.actor = command_line_rights()  # as a command acts; tests of roles sign in or set their own actor
    yield database
    database.close()


@pytest.fixture(scope="session")
def school_template(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Path:
    """The school of ``school_db``, set up once per test process (its administrator's argon2 hash alone costs
    tens of milliseconds); each test's database receives a copy."""
    from schooldesk.db.copies import private_folder
    from schooldesk.db.database import database_path, open_database
    from schooldesk.domain.semester import default_term_dates
    from schooldesk.services.access import command_line_rights
    from schooldesk.services.rows import SchoolDetails
    from schooldesk.services.setup import set_up_school

    folder = tmp_path_factory.mktemp("school") / "data"
    shutil.copyfile(migrated_template, database_path(private_folder(folder)))
    db = open_database(folder)
    db.actor = command_line_rights()
    term1, term2 = default_term_dates(2025)
    set_up_school(db, school=SchoolDetails("石桥村小学", "2141051203"), term1=term1, term2=term2,
                  admin_username="admin", admin_password="correct horse")
    db.close()
    return database_path(folder)


@pytest.fixture
def school_db(db, school_template: Path):  # type: ignore[no-untyped-def]
    """A database with a school set up for 2025—2026 and an administrator (admin, “correct horse”)."""
    from tests.builders import copy_database_into

    copy_database_into(db, school_template)
    return db


@pytest.fixture
def home(school_db):  # type: ignore[no-untyped-def]
    """A 送教上门 child (陈小宇, status 送教上门), another pupil, and two teachers; (db, pupil, teachers, ID)."""
    from schooldesk.services.pupils import PupilInput, add_pupil
    from schooldesk.services.rows import TeacherInput
    from schooldesk.services.teachers import add_teacher
    from tests.builders import make_id

    db = school_db
    first = add_teacher(db, TeacherInput("李春梅", "女")).id
    second = add_teacher(db, TeacherInput("赵国强", "男")).id
    birth = date(2014, 5, 6)
    number = make_id(birth, "男", serial=7)
    pupil = add_pupil(db, PupilInput(name="陈小宇", gender="男", birth_date=birth, id_number=number,
                                     student_number=f"G{number}", status="送教上门", school_year=2025))
    add_pupil(db, PupilInput(name="安然", gender="女", birth_date=date(2015, 1, 2),
                             id_number=make_id(date(2015, 1, 2), "女", serial=8), school_year=2025))
    return db, pupil, (first, second), number


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server for the 汇总 store: the one CI gives (SCHOOLDESK_TEST_POSTGRES, which the Windows
    lane reaches over 127.0.0.1), else a throw-away cluster of Debian's packages started for this test process.
    In CI a store test never skips: a missing server fails it."""
    given = os.environ.get("SCHOOLDESK_TEST_POSTGRES")
    if given:
        yield given
        return
    from tests.postgres_server import server_bin, start, stop

    if sys.platform == "win32" or server_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("CI gave no PostgreSQL server (SCHOOLDESK_TEST_POSTGRES) and none is installed here")
        pytest.skip("no PostgreSQL server here (Debian: apt-get install postgresql)")
    folder, url = start()
    try:
        yield url
    finally:
        stop(folder)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_database(request: pytest.FixtureRequest, tmp_path: Path) -> str | None:
    """The 汇总 store, once on each: None (the SQLite file in the output folder) or a new database on the
    PostgreSQL server."""
    if request.param == "sqlite":
        return None
    server = request.getfixturevalue("postgres_server")
    from tests.postgres_server import new_database

    return new_database(server, f"county_{tmp_path.name.lower()[-40:]}")
