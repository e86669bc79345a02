"""学籍核查: the register against a fresh export of the 学籍 system (read by the roster import's reader) — who is
in one and not the other, and whose name, birth date, ID number or class differ. A list to fix: each fix is
made through the pupil's form, so it lands in the audit trail."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from schooldesk.db.database import Database
from schooldesk.db.models import Pupil
from schooldesk.domain.grades import class_name_zh
from schooldesk.imports.pupil_rows import Roster, RosterRow, read_roster
from schooldesk.imports.spreadsheet import read_sheet
from schooldesk.services.access import masking
from schooldesk.services.pupils import class_names, on_roll_on

FIELDS = {"name": "姓名", "birth_date": "出生日期", "id_number": "身份证件号", "class": "班级"}


@dataclass(frozen=True, kw_only=True)
class Difference:
    pupil_id: int
    name: str
    field: str  # name, birth_date, id_number, class
    ours: str
    theirs: str
    row: int  # the file's row


@dataclass(frozen=True, kw_only=True)
class Missing:
    name: str
    detail: str  # class, or the masked ID number
    row: int = 0  # the file's row (0: a pupil of the register)
    pupil_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class StatusCheck:
    rows_read: int
    on_roll: int
    only_in_file: tuple[Missing, ...]
    only_in_register: tuple[Missing, ...]
    differences: tuple[Difference, ...]

    def as_dict(self) -> dict[str, object]:
        return {"rows_read": self.rows_read, "on_roll": self.on_roll,
                "only_in_file": [vars(m) for m in self.only_in_file],
                "only_in_register": [vars(m) for m in self.only_in_register],
                "differences": [vars(d) for d in self.differences]}


def check_student_status_file(db: Database, path: Path, school_year: int, *, today: date | None = None,
                              sheet_name: str | None = None) -> StatusCheck:
    return check_student_status(db, read_roster(read_sheet(path, sheet_name)), school_year, today=today)


def check_student_status(db: Database, roster: Roster, school_year: int, *, today: date | None = None) -> StatusCheck:
    """Pupils on roll on *today* against the file's rows: matched by 学籍号, else ID number, else name and birth."""
    today = today or date.today()
    mask_id, _ = masking(db)
    with db.transaction() as session:
        pupils = list(session.scalars(select(Pupil).where(on_roll_on(today))))
        classes = class_names(session, school_year, [p.id for p in pupils])
    by_student = {p.student_number: p for p in pupils if p.student_number}
    by_id = {p.id_number: p for p in pupils if p.id_number}
    by_name = {(p.name, p.birth_date): p for p in pupils}
    seen: set[int] = set()
    only_in_file, differences = [], []
    rows = [r for r in roster.rows if not r.errors]
    for row in rows:
        values = row.values
        pupil = (by_student.get(values.get("student_number", "")) or by_id.get(values.get("id_number", ""))
                 or by_name.get((values.get("name"), values.get("birth_date"))))
        if pupil is None or pupil.id in seen:
            only_in_file.append(Missing(name=str(values.get("name", "")), row=row.row,
                                        detail=_class_of(row) or mask_id(str(values.get("id_number", "")))))
            continue
        seen.add(pupil.id)
        differences += _differences(pupil, row, classes.get(pupil.id, ""), mask_id)
    only_in_register = [Missing(name=p.name, detail=classes.get(p.id, "") or mask_id(p.id_number or ""), pupil_id=p.id)
                        for p in sorted(pupils, key=lambda p: p.name_keys) if p.id not in seen]
    return StatusCheck(rows_read=len(rows), on_roll=len(pupils), only_in_file=tuple(only_in_file),
                       only_in_register=tuple(only_in_register), differences=tuple(differences))


def _class_of(row: RosterRow) -> str:
    if row.grade and row.class_number:
        return class_name_zh(row.grade, row.class_number)
    return str(row.values.get("class", ""))


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value or "")


def _differences(pupil: Pupil, row: RosterRow, class_name: str, mask_id) -> list[Difference]:
    found = []
    theirs_class = _class_of(row)
    pairs = {"name": (pupil.name, row.values.get("name")), "birth_date": (pupil.birth_date, row.values.get("birth_date")),
             "id_number": (pupil.id_number, row.values.get("id_number")), "class": (class_name, theirs_class)}
    for key, (ours, theirs) in pairs.items():
        if theirs in (None, "") or ours == theirs:
            continue
        if key == "id_number":
            ours, theirs = mask_id(ours or ""), mask_id(theirs)
        found.append(Difference(pupil_id=pupil.id, name=pupil.name, field=key, ours=_shown(ours), theirs=_shown(theirs),
                                row=row.row))
    return found
