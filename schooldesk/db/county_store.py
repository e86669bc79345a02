"""The receiver's store (汇总): every school's merged bundles, kept in a SQLAlchemy database of its own — a
SQLite file in the output folder, or a PostgreSQL server a county's staff share (``--database
postgresql://…``). Portable constructs only; the SQLite pragmas come from db/engine.py, the one dialect seam.
Its schema changes are Alembic revisions of its own (db/county_migrations/), marked in ``county_store_version``."""
from __future__ import annotations

from datetime import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import (
    JSON, Boolean, Connection, DateTime, Engine, ForeignKey, MetaData, String, UniqueConstraint, column,
    create_engine, delete, and_, insert, inspect, make_url, or_, select, table,
)
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from schooldesk.db.base import NAMING_CONVENTION
from schooldesk.domain.errors import StorageError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

STORE_FILE = "汇总.sqlite3"
VERSION_TABLE = "county_store_version"
FIRST_REVISION = "county_0001"
STORE_HEAD = "county_0001"  # the newest revision in db/county_migrations/versions (a test keeps them the same)
MIGRATIONS_DIR = Path(__file__).with_name("county_migrations")
NEWER_STORE = QT_TRANSLATE_NOOP("Errors", "The merge store %1 was made by a newer SchoolDesk (its schema %2). Merge "
                                          "with that SchoolDesk, or choose another store.")
NO_DRIVER = QT_TRANSLATE_NOOP("Errors", "This SchoolDesk cannot reach a PostgreSQL server (its driver, psycopg, is "
                                        "not installed); merge into the SQLite file instead.")
UNREACHABLE = QT_TRANSLATE_NOOP("Errors", "The merge store %1 cannot be opened: %2")
NOT_A_URL = QT_TRANSLATE_NOOP("Errors", "%1 is not a database address; give one such as "
                                        "postgresql://user:password@server/county.")


class CountyBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class MergedSchool(CountyBase):
    """A school the receiver knows: from a bundle it merged, or from its list of expected schools."""

    __tablename__ = "merged_school"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)  # 学校标识码
    name: Mapped[str] = mapped_column(String(100))
    township: Mapped[str] = mapped_column(String(60), default="")
    county: Mapped[str] = mapped_column(String(60), default="")
    expected: Mapped[bool] = mapped_column(Boolean, default=False)  # on the receiver's list of schools


class MergedBundle(CountyBase):
    """One school's bundle of one semester (a newer one replaces it)."""

    __tablename__ = "merged_bundle"
    __table_args__ = (UniqueConstraint("school_code", "semester", name="school_semester"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_code: Mapped[str] = mapped_column(ForeignKey("merged_school.code", ondelete="CASCADE"), index=True)
    semester: Mapped[str] = mapped_column(String(20), index=True)
    exported_at: Mapped[datetime] = mapped_column(DateTime)
    app_version: Mapped[str] = mapped_column(String(20), default="")
    source: Mapped[str] = mapped_column(String(500), default="")
    merged_at: Mapped[datetime] = mapped_column(DateTime)
    school: Mapped[MergedSchool] = relationship()


class MergedSheet(CountyBase):
    __tablename__ = "merged_sheet"

    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("merged_bundle.id", ondelete="CASCADE"), index=True)
    workbook: Mapped[str] = mapped_column(String(100))
    sheet: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(200), default="")
    counts: Mapped[bool] = mapped_column(Boolean, default=False)
    columns: Mapped[list[str]] = mapped_column(JSON)
    row_count: Mapped[int] = mapped_column(default=0)
    rows: Mapped[list[list[Any]]] = mapped_column(JSON)  # the sheet's rows, whole: a sheet is read and replaced whole


def store_revision(connection: Connection) -> str | None:
    """The store's schema revision; None when it has no version mark (new, or made before it had one)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(select(column("version_num")).select_from(table(VERSION_TABLE))).scalar()


def upgrade_store(engine: Engine, shown: str) -> None:
    """Bring the store to STORE_HEAD through its migrations (a new store is made by them). Tables without a
    version mark are the first revision's (the first 汇总 made them directly) and are marked as such; a
    store of a newer SchoolDesk is refused, never changed. Alembic loads only when there is work."""
    with engine.connect() as connection:
        revision = store_revision(connection)
        if revision == STORE_HEAD:
            return
        from alembic import command
        from alembic.script import ScriptDirectory

        from schooldesk.db.migrate import alembic_config

        config = alembic_config(connection, MIGRATIONS_DIR)
        known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
        if revision is not None and revision not in known:
            raise StorageError(NEWER_STORE, shown, revision)
        if revision is None and inspect(connection).has_table(MergedBundle.__tablename__):
            command.stamp(config, FIRST_REVISION)
        command.upgrade(config, "head")
        connection.commit()


def open_store(database: Optional[str], folder: Path) -> Engine:
    """The store: *database* (a SQLAlchemy URL such as postgresql://user@server/county) or, when None, the
    SQLite file 汇总.sqlite3 in *folder*; made or brought up to date by its migrations."""
    if database is None:
        from schooldesk.db.engine import make_engine

        folder.mkdir(parents=True, exist_ok=True)
        engine = make_engine(folder / STORE_FILE)
    else:
        try:
            url = make_url(database)
        except (ArgumentError, ValueError) as error:
            raise StorageError(NOT_A_URL, database.split("@")[-1]) from error
        if url.get_backend_name() not in ("postgresql", "sqlite"):
            raise StorageError(NOT_A_URL, database.split("@")[-1])
        if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("", "psycopg2", "psycopg"):
            url = url.set(drivername="postgresql+psycopg")
            try:
                import psycopg  # noqa: F401
            except ImportError as error:
                raise StorageError(NO_DRIVER) from error
        engine = create_engine(url, hide_parameters=True)
    shown = str(folder / STORE_FILE) if database is None else engine.url.render_as_string(hide_password=True)
    try:
        upgrade_store(engine, shown)
    except StorageError:
        engine.dispose()
        raise
    except Exception as error:  # a server refusing, a wrong password, a file that is not a database
        engine.dispose()
        said = str(getattr(error, "orig", None) or error).strip().splitlines() or [type(error).__name__]
        raise StorageError(UNREACHABLE, shown, said[0][:300]) from error
    return engine


def store_session(engine: Engine) -> Session:
    return Session(engine, expire_on_commit=False)


# ---- what the receiver does with it -------------------------------------------------------------------------

def known_schools(session: Session) -> list[MergedSchool]:
    return list(session.scalars(select(MergedSchool).order_by(MergedSchool.township, MergedSchool.name)))


def expect_school(session: Session, code: str, name: str, township: str) -> None:
    """A school on the receiver's list (it is missing from a semester until its bundle comes)."""
    school = session.get(MergedSchool, code) or MergedSchool(code=code, name=name, township=township)
    school.expected = True
    school.name, school.township = name or school.name, township or school.township
    session.add(school)


def merged_bundle(session: Session, code: str, semester: str) -> MergedBundle | None:
    return session.scalars(select(MergedBundle).where(MergedBundle.school_code == code,
                                                      MergedBundle.semester == semester)).first()


def save_bundle(session: Session, *, code: str, name: str, township: str, county: str, semester: str,
                exported_at: datetime, app_version: str, source: str,
                sheets: Sequence[tuple[str, str, str, bool, Sequence[str], Sequence[Sequence[Any]]]]) -> None:
    """One school's bundle of *semester* in place of the one kept (the caller has checked it is newer):
    *sheets* as (workbook, sheet, title, counts, columns, rows). Rows are inserted in bulk."""
    school = session.get(MergedSchool, code) or MergedSchool(code=code, expected=False)
    school.name, school.township, school.county = name, township or school.township or "", county
    session.add(school)
    old = merged_bundle(session, code, semester)
    if old is not None:  # its sheets, then itself (no reliance on ON DELETE)
        session.execute(delete(MergedSheet).where(MergedSheet.bundle_id == old.id))
        session.expunge(old)
        session.execute(delete(MergedBundle).where(MergedBundle.id == old.id))
    bundle = MergedBundle(school_code=code, semester=semester, exported_at=exported_at, app_version=app_version,
                          source=source[:500], merged_at=datetime.now().replace(microsecond=0))
    session.add(bundle)
    session.flush()
    session.execute(insert(MergedSheet), [
        {"bundle_id": bundle.id, "workbook": workbook[:100], "sheet": sheet[:60], "title": title[:200], "counts": counts,
         "columns": columns, "row_count": len(rows), "rows": rows} for workbook, sheet, title, counts, columns, rows in sheets])


def semester_sheets(session: Session, semester: str, *, workbook: str | None = None,
                    sheets: Sequence[tuple[str, str]] = ()) -> list[tuple[MergedBundle, MergedSheet]]:
    """The merged sheets of *semester* (only *workbook*'s, or only the (workbook, sheet) pairs *sheets*, when
    given) with their rows, by school (township, then name), each school's in its bundle's order."""
    bundles = semester_bundles(session, semester)
    order = {b.id: n for n, b in enumerate(bundles)}
    by_id = {b.id: b for b in bundles}
    if not bundles:
        return []
    query = select(MergedSheet).where(MergedSheet.bundle_id.in_(list(by_id)))
    if workbook is not None:
        query = query.where(MergedSheet.workbook == workbook)
    if sheets:
        query = query.where(or_(*(and_(MergedSheet.workbook == w, MergedSheet.sheet == n) for w, n in sheets)))
    found = list(session.scalars(query))
    return [(by_id[s.bundle_id], s) for s in sorted(found, key=lambda s: (order[s.bundle_id], s.id))]


def sheet_counts(session: Session, semester: str) -> list[tuple[str, str, str, int]]:
    """(school code, workbook, sheet, rows) of every merged sheet of *semester*, without reading the rows."""
    return [tuple(r) for r in session.execute(  # type: ignore[misc]
        select(MergedBundle.school_code, MergedSheet.workbook, MergedSheet.sheet, MergedSheet.row_count)
        .join(MergedBundle, MergedSheet.bundle_id == MergedBundle.id).where(MergedBundle.semester == semester))]


def semester_bundles(session: Session, semester: str) -> list[MergedBundle]:
    return list(session.scalars(select(MergedBundle).join(MergedSchool).where(MergedBundle.semester == semester)
                                .order_by(MergedSchool.township, MergedSchool.name)))
