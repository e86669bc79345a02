"""汇总: a 中心校 or the county bureau receives many schools' semester bundles and merges them — each verified
first (a changed, incomplete, foreign, older-format or wrong-semester one is refused with its reason and the
rest merged), a school's second bundle replacing the first only when newer, everything kept in the receiver's
store (db/county_store.py), and the merged view read back from the store with its cross-school checks:
the same child on roll at two schools (双重学籍), a child 本在外 at one school not on roll at the school named,
and the schools on the receiver's list whose bundle has not come."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from schooldesk.db import county_store as store
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.exports.bundle_data import BundleData, BundleRefused, peek_manifest, read_bundle_data
from schooldesk.exports.registers import ROLL
from schooldesk.exports.sheets import SheetData

WRONG_SEMESTER = QT_TRANSLATE_NOOP("Errors", "a bundle of %1, not of %2 (the semester merged)")
NOT_NEWER = QT_TRANSLATE_NOOP("Errors", "not newer than the bundle of %1 already merged (exported %2)")
ELSEWHERE_SHEET = ("适龄儿童摸底.xlsx", "本在外")
Explain = Callable[[SchoolDeskError], str]  # a refusal in the user's words (the caller's translator; English: str)


@dataclass(frozen=True, kw_only=True)
class Rejected:
    path: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class Replaced:
    school: str
    path: str
    before: str  # when the bundle it replaced was exported


@dataclass(frozen=True, kw_only=True)
class DoubleEnrolment:
    """A child on roll at two or more schools; *id_number* as the bundles show it (masked unless full)."""

    name: str
    id_number: str
    schools: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class NotOnRoll:
    """A child a school counts as studying at another (本在外) whose roll does not hold them."""

    name: str
    id_number: str
    reported_by: str
    school: str


@dataclass(frozen=True, kw_only=True)
class SchoolLine:
    code: str
    name: str
    township: str
    pupils: int = 0
    exported_at: str = ""
    sheets: dict[tuple[str, str], int] = field(default_factory=dict)  # rows per (workbook, sheet)


@dataclass(frozen=True, kw_only=True)
class MergedSheet:
    workbook: str
    sheet: str
    title: str
    counts: bool
    columns: tuple[str, ...]
    parts: tuple[tuple[SchoolLine, tuple[tuple[Any, ...], ...]], ...]  # each school's rows


@dataclass(frozen=True, kw_only=True)
class Merge:
    """What a merge did and what the store now holds for the semester."""

    semester: str
    semester_label: str
    schools: tuple[SchoolLine, ...]
    workbooks: tuple[str, ...]  # the school workbooks merged (each read from the store when it is written)
    rejected: tuple[Rejected, ...] = ()
    replaced: tuple[Replaced, ...] = ()
    merged_now: int = 0  # bundles this run put into the store
    duplicates: tuple[DoubleEnrolment, ...] = ()
    not_on_roll: tuple[NotOnRoll, ...] = ()
    missing_schools: tuple[SchoolLine, ...] = ()

    @property
    def pupils(self) -> int:
        return sum(s.pupils for s in self.schools)

    def as_json(self) -> dict[str, Any]:
        return {"schools": len(self.schools), "rejected": [{"path": r.path, "reason": r.reason} for r in self.rejected],
                "pupils": self.pupils, "duplicates": len(self.duplicates),
                "missing_schools": [{"code": s.code, "name": s.name, "township": s.township}
                                    for s in self.missing_schools],
                "semester": self.semester, "merged": self.merged_now,
                "replaced": [{"school": r.school, "path": r.path, "before": r.before} for r in self.replaced],
                "not_on_roll": len(self.not_on_roll)}


def bundles_in(given: Sequence[Path]) -> list[Path]:
    """Each path given; a folder that is not itself a bundle (a stick's root) stands for the bundles in it."""
    from schooldesk.exports.bundle import MANIFEST

    found: list[Path] = []
    for path in given:
        if path.is_dir() and not (path / MANIFEST).exists():
            found += sorted(p for p in path.iterdir() if (p.is_dir() and (p / MANIFEST).exists())
                            or p.suffix.lower() == ".zip")
        else:
            found.append(path)
    return found


def majority_semester(paths: Sequence[Path], password: str = "") -> str:
    """The semester most of *paths* are of (their manifests peeked at; the later one on a tie), or ""."""
    counted: Counter[str] = Counter(m.get("semester", "") for m in (peek_manifest(p, password) for p in paths) if m)
    counted.pop("", None)
    return max(counted, key=lambda code: (counted[code], code)) if counted else ""


def semester_label(code: str) -> str:
    from schooldesk.domain.semester import SemesterKey

    try:
        return SemesterKey.parse(code).label_zh
    except SchoolDeskError:
        return code


def store_bundle(engine: Engine, data: BundleData, semester: str, explain: Explain = str) -> Rejected | Replaced | None:
    """One school's bundle into the store in one transaction: in place of the one kept when newer (Replaced), or
    refused when not (Rejected); None when the school's first of the semester."""
    with store.store_session(engine) as session, session.begin():
        kept = store.merged_bundle(session, data.school_code, semester)
        if kept is not None and kept.exported_at >= data.exported_at:
            return Rejected(path=str(data.path), reason=explain(BundleRefused(
                NOT_NEWER, data.school, f"{kept.exported_at:%Y-%m-%d %H:%M}")))
        outcome = None if kept is None else Replaced(school=data.school, path=str(data.path),
                                                     before=f"{kept.exported_at:%Y-%m-%d %H:%M}")
        store.save_bundle(
            session, code=data.school_code, name=data.school, township=data.township, county=data.county,
            semester=semester, exported_at=data.exported_at, app_version=data.app_version, source=str(data.path),
            sheets=[(workbook, name, sheet.title, sheet.counts, sheet.columns, sheet.rows)
                    for (workbook, name), sheet in data.sheets.items()])  # tuples: stored as JSON arrays, not copied
        return outcome


def county_merge(paths: Sequence[Path], engine: Engine, *, semester: str | None = None,
                 expected: Sequence[tuple[str, str, str]] = (), password: str = "", explain: Explain = str,
                 step: Callable[[int, int], None] = lambda _d, _t: None) -> Merge:
    """Read, verify and merge *paths* into the store, one bundle at a time (a county's two hundred never held
    at once); the semester's merged view with what was refused. *expected*: (code, name, 乡镇) of the schools
    on the receiver's list, kept in the store."""
    semester = semester or majority_semester(paths, password)
    label = semester_label(semester)
    rejected: list[Rejected] = []
    replaced: list[Replaced] = []
    merged = 0
    with store.store_session(engine) as session, session.begin():
        for code, name, township in expected:
            store.expect_school(session, code, name, township)
    for number, path in enumerate(paths, 1):
        try:
            data = read_bundle_data(path, password)
        except SchoolDeskError as error:
            rejected.append(Rejected(path=str(path), reason=explain(error)))
        else:
            if data.semester != semester:
                rejected.append(Rejected(path=str(path), reason=explain(BundleRefused(
                    WRONG_SEMESTER, data.semester_label or data.semester, label))))
            else:
                outcome = store_bundle(engine, data, semester, explain)
                if isinstance(outcome, Rejected):
                    rejected.append(outcome)
                else:
                    merged += 1
                    if outcome is not None:
                        replaced.append(outcome)
            del data
        step(number, len(paths))
    view = merged_view(engine, semester, label)
    return Merge(**{**vars(view), "rejected": tuple(rejected), "replaced": tuple(replaced), "merged_now": merged})


def _parts(found: Sequence[tuple[Any, Any]], schools: dict[str, SchoolLine]) -> list[MergedSheet]:
    """The stored sheets *found* (bundle, sheet) stacked by name: one MergedSheet per (workbook, sheet)."""
    grouped: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for bundle, sheet in found:
        grouped[(sheet.workbook, sheet.sheet)].append((bundle.school_code, sheet))
    merged = []
    for (workbook, name), parts in grouped.items():
        columns = tuple(dict.fromkeys(c for _code, sheet in parts for c in sheet.columns))
        merged.append(MergedSheet(
            workbook=workbook, sheet=name, title=parts[0][1].title, counts=any(p[1].counts for p in parts),
            columns=columns, parts=tuple((schools[code], tuple(_aligned(sheet.columns, columns, sheet.rows)))
                                         for code, sheet in parts)))
    return merged


def merged_view(engine: Engine, semester: str, label: str = "") -> Merge:
    """The semester as the store holds it: each school with its counts, and the cross-school checks (which read
    the rolls and the 本在外 lists only; the sheets are read workbook by workbook as they are written)."""
    with store.store_session(engine) as session:
        bundles = store.semester_bundles(session, semester)
        counts: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
        workbooks: set[str] = set()
        for code, workbook, sheet, rows in store.sheet_counts(session, semester):
            counts[code][(workbook, sheet)] = rows
            if workbook != ROLL:
                workbooks.add(workbook)
        schools = {b.school_code: SchoolLine(
            code=b.school_code, name=b.school.name, township=b.school.township,
            pupils=counts[b.school_code].get((ROLL, ROLL), 0), exported_at=f"{b.exported_at:%Y-%m-%d %H:%M}",
            sheets=counts[b.school_code]) for b in bundles}
        missing = tuple(SchoolLine(code=s.code, name=s.name, township=s.township)
                        for s in store.known_schools(session) if s.code not in schools)
        checked = _parts(store.semester_sheets(session, semester, sheets=[(ROLL, ROLL), ELSEWHERE_SHEET]), schools)
    rolls = {school.code: SheetData(name=ROLL, title="", columns=sheet.columns, rows=rows)
             for sheet in checked if sheet.sheet == ROLL for school, rows in sheet.parts}
    elsewhere = next((s for s in checked if (s.workbook, s.sheet) == ELSEWHERE_SHEET), None)
    lines = tuple(schools.values())
    return Merge(semester=semester, semester_label=label or semester, schools=lines, workbooks=tuple(sorted(workbooks)),
                 duplicates=double_enrolments(rolls, schools),
                 not_on_roll=not_on_roll(elsewhere, rolls, {s.name: s for s in lines}), missing_schools=missing)


def workbook_sheets(engine: Engine, merge: Merge, workbook: str) -> list[MergedSheet]:
    """*workbook*'s sheets of every school merged, read from the store, each sheet stacked school by school."""
    schools = {s.code: s for s in merge.schools}
    with store.store_session(engine) as session:
        found = store.semester_sheets(session, merge.semester, workbook=workbook)
        return sorted(_parts(found, schools), key=lambda s: s.sheet)


def _aligned(have: Sequence[str], columns: Sequence[str], rows: list[list[Any]]) -> list[tuple[Any, ...]]:
    """Rows of a sheet whose columns are *have*, laid out under *columns* (a school on an older version may lack
    a column another has: its cells stay empty)."""
    if tuple(have) == tuple(columns):
        return [tuple(r) for r in rows]
    where = [list(have).index(c) if c in have else None for c in columns]
    return [tuple(r[i] if i is not None and i < len(r) else None for i in where) for r in rows]


def child_key(row: dict[str, Any]) -> tuple[str, ...] | None:
    """Who a child is across schools: the full ID number when the bundle holds it; a masked one only with the
    name and birth date beside it (4113**********123X alone is many children)."""
    number = str(row.get("身份证号") or "").strip().upper()
    if not number:
        return None
    if "*" not in number:
        return (number,)
    return (number, str(row.get("姓名") or ""), str(row.get("出生日期") or ""))


def _rows(sheet: SheetData) -> list[dict[str, Any]]:
    return [dict(zip(sheet.columns, row)) for row in sheet.rows]


def double_enrolments(rolls: dict[str, SheetData], schools: dict[str, SchoolLine]) -> tuple[DoubleEnrolment, ...]:
    """双重学籍: a child on roll at two or more of the merged schools (each counted once however many)."""
    where: dict[tuple[str, ...], dict[str, dict[str, Any]]] = defaultdict(dict)
    for code, roll in rolls.items():
        for row in _rows(roll):
            key = child_key(row)
            if key is not None:
                where[key].setdefault(code, row)
    found = []
    for key, at in where.items():
        if len(at) > 1:
            first = next(iter(at.values()))
            found.append(DoubleEnrolment(name=str(first.get("姓名") or ""), id_number=str(first.get("身份证号") or ""),
                                         schools=tuple(sorted(schools[c].name for c in at))))
    return tuple(sorted(found, key=lambda d: (d.schools, d.name)))


def not_on_roll(elsewhere: MergedSheet | None, rolls: dict[str, SheetData], by_name: dict[str, SchoolLine]
                ) -> tuple[NotOnRoll, ...]:
    """A child one school counts as 本在外 at a school that sent its bundle, missing from that school's roll.
    A school named that is not among the merged ones cannot be told: it is not listed."""
    if elsewhere is None:
        return ()
    on_roll = {code: {k for k in map(child_key, _rows(roll)) if k} for code, roll in rolls.items()}
    found = []
    for school, rows in elsewhere.parts:
        for values in rows:
            row = dict(zip(elsewhere.columns, values))
            named = by_name.get(str(row.get("就读学校") or "").strip())
            key = child_key(row)
            if named is None or key is None or named.code == school.code:
                continue
            if key not in on_roll.get(named.code, set()):
                found.append(NotOnRoll(name=str(row.get("姓名") or ""), id_number=str(row.get("身份证号") or ""),
                                       reported_by=school.name, school=named.name))
    return tuple(found)
