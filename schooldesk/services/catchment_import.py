"""Import the 户籍 list of the school's villages and reconcile it with the register: a child is tied to a pupil
by ID number, else by name and birth date (a match the office confirms). A newer list updates the children
already on file, never adds them twice. One function previews (``dry_run``) and imports, in one transaction."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.catchment_models import CatchmentChild
from schooldesk.db.database import Database
from schooldesk.db.models import Pupil
from schooldesk.domain.areas import area_names, place_name
from schooldesk.domain.catchment import is_compulsory_age
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.pinyin_search import search_keys
from schooldesk.imports.catchment_rows import ChildLine, ChildList, read_child_list
from schooldesk.imports.pupil_rows import Problem
from schooldesk.imports.spreadsheet import read_sheet
from schooldesk.services.access import require_record_keeper
from schooldesk.services.import_counts import ImportCounts

BY_ID, BY_NAME_AND_BIRTH, CONFIRMED = "id", "name_birth", "confirmed"
FIELDS = ("village", "name", "gender", "birth_date", "id_number", "householder", "relation", "phone", "disability",
          "note")


@dataclass
class CatchmentImportReport(ImportCounts):
    school_year: int = 0
    matched_by_id: int = 0
    matched_by_name_and_birth: int = 0
    unmatched: int = 0
    not_of_compulsory_age: int = 0
    flagged: int = 0  # rows whose ID number is wrong or blank: kept, 信息错误待更正

    def as_json(self, translate: Callable[[SchoolDeskError], str]) -> dict[str, object]:
        """The keys import-catchment --json promises, beside those every import has."""
        counts = self.as_dict(translate)
        return {**counts, "rows": self.rows_read, "matched_by_id": self.matched_by_id,
                "matched_by_name_and_birth": self.matched_by_name_and_birth, "unmatched": self.unmatched,
                "not_of_compulsory_age": self.not_of_compulsory_age, "flagged": self.flagged,
                "school_year": self.school_year,
                "messages": [*counts["errors"], *counts["warnings"]]}  # type: ignore[misc]


def import_catchment_file(db: Database, path: Path, school_year: int, *, dry_run: bool,
                          sheet_name: str | None = None, today: date | None = None,
                          county: str = "") -> tuple[ChildList, CatchmentImportReport]:
    listing = read_child_list(read_sheet(path, sheet_name))
    return listing, import_catchment(db, listing, school_year, dry_run=dry_run, today=today, county=county)


def import_catchment(db: Database, listing: ChildList, school_year: int, *, dry_run: bool,
                     today: date | None = None, county: str = "", backup: bool = True) -> CatchmentImportReport:
    """Import (or rehearse, with *dry_run*) the list in one transaction, after a backup (*backup* False: the
    demo school's own list, in a folder with nothing to lose)."""
    require_record_keeper(db)
    today = today or date.today()
    report = CatchmentImportReport(rows_read=len(listing.lines), dry_run=dry_run, sheet=listing.sheet.name,
                                   school_year=school_year)
    lines = _without_duplicates(listing, report)
    _foreign_list(lines, county, listing, report)
    if not dry_run and lines and backup:
        from schooldesk.db.backups import take_rotated_backup

        take_rotated_backup(db.path, "pre-import")
    with db.transaction(rehearse=dry_run) as session:
        reconcile = _Reconciler(session, lines)
        for line in lines:
            child, created = reconcile.child_for(line)
            _count_change(child, line, created, today, report)
            reconcile.match(child, line)
            report.flagged += not child.id_valid
            if not is_compulsory_age(child.birth_date, school_year):
                report.not_of_compulsory_age += 1
            elif child.match == BY_ID:
                report.matched_by_id += 1
            elif child.match in (BY_NAME_AND_BIRTH, CONFIRMED):
                report.matched_by_name_and_birth += 1
            else:
                report.unmatched += 1
        session.flush()
    report.errors.sort(key=lambda p: p.row)
    report.warnings.sort(key=lambda p: p.row)
    return report


def _without_duplicates(listing: ChildList, report: CatchmentImportReport) -> list[ChildLine]:
    """Lines to import: those without errors, a child listed twice (same valid ID, or no valid ID and the same
    name, birth date and village) only once."""
    kept: list[ChildLine] = []
    seen: dict[tuple[object, ...], int] = {}
    for line in listing.lines:
        report.warnings.extend(line.warnings)
        if line.errors:
            report.errors.extend(line.errors)
            continue
        key = _key(line.values, line.id_valid)
        if key in seen:
            report.errors.append(Problem(line.row, listing.headers.get("name", ""), "duplicate", SchoolDeskError(
                QT_TRANSLATE_NOOP("Errors", "%1 is on the list twice (row %2 too); this row was skipped."),
                line.values["name"], seen[key])))
            continue
        seen[key] = line.row
        kept.append(line)
    return kept


def _key(values: dict[str, object], id_valid: bool) -> tuple[object, ...]:
    if id_valid:
        return ("id", values["id_number"])
    return ("name", values["name"], values.get("birth_date"), values.get("village", ""))


def _foreign_list(lines: list[ChildLine], county: str, listing: ChildList, report: CatchmentImportReport) -> None:
    """A list from another town: most ID numbers were issued outside the school's county."""
    codes = [str(line.values["id_number"])[:6] for line in lines if line.id_valid]
    names = area_names() if county and len(codes) >= 5 else {}
    if not names:
        return
    outside = Counter(place_name(code, names) for code in codes if county not in place_name(code, names))
    if sum(outside.values()) * 2 > len(codes):
        report.warnings.insert(0, Problem(listing.header_row, "", "foreign_list", SchoolDeskError(QT_TRANSLATE_NOOP(
            "Errors", "%1 of %2 ID numbers on this list were issued outside %3 (most of them in %4): is it the "
                      "list of another town?"), sum(outside.values()), len(codes), county, outside.most_common(1)[0][0])))


def _count_change(child: CatchmentChild, line: ChildLine, created: bool, today: date,
                  report: CatchmentImportReport) -> None:
    values = {key: line.values[key] for key in FIELDS if line.values.get(key) not in ("", None)}
    valid = line.id_valid if "id_number" in values else bool(child.id_valid)  # a blank cell erases nothing
    changed = any(getattr(child, key) != value for key, value in values.items()) or bool(child.id_valid) != valid
    for key, value in values.items():
        setattr(child, key, value)
    child.id_valid = valid
    child.name_keys = search_keys(child.name)
    child.listed_on = today
    if created:
        report.new += 1
    elif changed:
        report.updated += 1
    else:
        report.unchanged += 1


class _Reconciler:
    """The children on file and the pupils of the register, indexed once for the whole list."""

    def __init__(self, session: Session, lines: list[ChildLine]) -> None:
        self.session = session
        self.children = list(session.scalars(select(CatchmentChild)))
        self.by_id = {c.id_number: c for c in self.children if c.id_valid}
        self.by_text = {c.id_number: c for c in self.children if c.id_number and not c.id_valid}
        self.by_name: dict[tuple[object, ...], CatchmentChild] = {
            (c.name, c.birth_date, c.village): c for c in self.children if not c.id_valid}
        pupils = session.execute(select(Pupil.id, Pupil.name, Pupil.birth_date, Pupil.id_number)).all()
        self.pupil_by_id = {number: pupil_id for pupil_id, _n, _b, number in pupils if number}
        self.pupils_by_name: dict[tuple[str, date | None], list[int]] = defaultdict(list)
        for pupil_id, name, birth, _number in pupils:
            self.pupils_by_name[(name, birth)].append(pupil_id)
        self.lines_by_name = Counter((line.values["name"], line.values.get("birth_date")) for line in lines)
        self.claimed = {c.pupil_id for c in self.children if c.pupil_id is not None and c.match in (BY_ID, CONFIRMED)}
        self.claimed |= {self.pupil_by_id[str(line.values["id_number"])] for line in lines
                         if line.id_valid and line.values["id_number"] in self.pupil_by_id}

    def child_for(self, line: ChildLine) -> tuple[CatchmentChild, bool]:
        """The child on file this line is (by ID; by the same wrong ID; by name, birth and village), or a new one."""
        values = line.values
        number = str(values.get("id_number", ""))
        found = (self.by_id.get(number) if line.id_valid else self.by_text.get(number)) if number else None
        found = found or self.by_name.get((values["name"], values.get("birth_date"), values.get("village", "")))
        if found is not None:
            return found, False
        child = CatchmentChild(name=values["name"], listed_on=date.today())
        self.session.add(child)
        self.children.append(child)
        return child, True

    def match(self, child: CatchmentChild, line: ChildLine) -> None:
        """By ID first; by name and birth only when exactly one pupil and one child share them; a match the
        office confirmed stays."""
        if child.id_valid and child.id_number in self.pupil_by_id:
            child.pupil_id, child.match = self.pupil_by_id[child.id_number], BY_ID
        elif child.match == CONFIRMED and child.pupil_id is not None:
            pass
        else:
            key = (child.name, child.birth_date)
            candidates = [p for p in self.pupils_by_name.get(key, []) if p not in self.claimed]
            if child.birth_date is not None and len(candidates) == 1 and self.lines_by_name[key] == 1:
                child.pupil_id, child.match = candidates[0], BY_NAME_AND_BIRTH
            else:
                child.pupil_id, child.match = None, ""
        if child.pupil_id is not None and child.match in (BY_ID, CONFIRMED):
            self.claimed.add(child.pupil_id)
