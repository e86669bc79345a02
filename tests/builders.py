"""Test data builders: valid ID numbers and messy spreadsheets written with real writers."""
from __future__ import annotations

import math
import subprocess
import sys
from datetime import date, time
from pathlib import Path
from typing import Any

from PIL import Image
from pypdf import PdfReader

from schooldesk.domain.id_number import check_digit
from schooldesk.services.home_teaching import PlanInput, VisitInput


def make_id(birth: date, gender: str, region: str = "4113", serial: int = 1) -> str:
    """A valid 18-character ID number, distinct for each *serial* (up to 50,000): the serial picks the
    county digits and the sequence; the sequence's last digit is odd for 男, even for 女."""
    county, rest = divmod(serial, 500)
    sequence = rest * 2 + (1 if gender == "男" else 0)
    first17 = f"{region}{county:02d}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)


def write_xlsx(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "学生名册"
    for row in rows:
        sheet.append(row)
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    workbook.save(path)
    return path


def write_xls(path: Path, rows: list[list[Any]], merges: tuple[tuple[int, int, int, int], ...] = ()) -> Path:
    """An old-format .xls (BIFF8), as the student-status system and older WPS still produce."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("学生名册")
    dated = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    merged_cells = {(r, c) for r0, r1, c0, c1 in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    for r0, r1, c0, c1 in merges:
        sheet.write_merge(r0, r1, c0, c1, rows[r0][c0])
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) in merged_cells or value is None:
                continue
            if isinstance(value, date):
                sheet.write(r, c, value, dated)
            else:
                sheet.write(r, c, value)
    workbook.save(str(path))
    return path


NATIONAL_HEADER = ["姓名", "性别", "出生日期", "民族", "身份证件类型", "身份证件号", "学籍号", "年级", "班级",
                   "是否留守儿童", "随班就读", "残疾人类型", "是否进城务工人员随迁子女", "是否孤儿",
                   "成员1姓名", "成员1关系", "成员1联系电话"]


def plan_input(teachers: tuple[int, ...], **changes: object) -> PlanInput:
    values = dict(start_date=date(2025, 9, 1), end_date=date(2026, 1, 31), teacher_ids=teachers,
                  goals=("康复训练", "文化知识"), goal_notes="认识常用汉字100个；能独立进餐", schedule="每月第一、三周周三下午")
    values.update(changes)
    return PlanInput(**values)  # type: ignore[arg-type]


def visit_input(teachers: tuple[int, ...], day: date, **changes: object) -> VisitInput:
    values = dict(date=day, start_time=time(14, 0), end_time=time(15, 30), teacher_ids=teachers,
                  content_kinds=("文化知识", "康复训练"), content="认读汉字“山、水”；手指精细动作训练",
                  performance="注意力集中约15分钟", guardian_feedback="希望多练习写字", next_steps="复习并学写“山”")
    values.update(changes)
    return VisitInput(**values)  # type: ignore[arg-type]


def photo(path: Path, size: tuple[int, int] = (3000, 2000)) -> Path:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x8825] = {2: (30.0, 15.0, 0.0)}  # GPS latitude: where the child lives
    exif[0x010F] = "PhoneMaker"
    image.save(path, "JPEG", exif=exif)
    return path


A4_POINTS = (595, 842)


def text_of(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def render_page(pdf: Path, out: Path, *, dpi: int, page: int = 1) -> Image.Image:
    """Page *page* of *pdf* as pixels at *dpi*, as a clerk's viewer draws it: pdftoppm (poppler) where it runs,
    and on Windows QtPdf (PDFium, the engine of the app's own print preview); saved as *out*.png too."""
    if sys.platform != "win32":
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile", str(pdf),
                        str(out)], check=True)
        return Image.open(f"{out}.png").convert("L")
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])
    document = QPdfDocument()
    document.load(str(pdf))
    points = document.pagePointSize(page - 1)
    size = QSize(math.ceil(points.width() * dpi / 72), math.ceil(points.height() * dpi / 72))
    drawn = document.render(page - 1, size)
    image = QImage(size, QImage.Format.Format_RGB32)  # on white paper, as pdftoppm draws it
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.drawImage(0, 0, drawn)
    finally:
        painter.end()
    document.close()
    image.save(f"{out}.png")
    return Image.open(f"{out}.png").convert("L")


def render(pdf: Path, out: Path) -> Image.Image:
    """Page 1 at 50 dpi as pixels."""
    return render_page(pdf, out, dpi=50)


def unembedded_fonts(pdf: Path) -> list[str]:
    """The fonts *pdf* uses without carrying them (a viewer would substitute): pdffonts (poppler) where it runs,
    else read with pypdf from each font's descriptor."""
    if sys.platform != "win32":
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        listed = fonts.splitlines()[2:]
        assert listed, fonts
        return [line.split()[0] for line in listed if line.split()[-5] != "yes"]
    missing, seen = [], 0
    for page in PdfReader(pdf).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {}).get_object()
        for font in fonts.values():
            font = font.get_object()
            seen += 1
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font.get("/BaseFont")))
    assert seen, "no fonts in the PDF"
    return missing


def assert_a4_and_drawn(pdf: Path, tmp_path: Path, *, landscape: bool = False) -> None:
    """Every page A4 (portrait or landscape), page 1 rendered and not blank, every font embedded."""
    size = A4_POINTS[::-1] if landscape else A4_POINTS
    for page in PdfReader(pdf).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size
    image = render(pdf, tmp_path / pdf.stem)
    assert image.size == ((585, 414) if landscape else (414, 585))  # A4 (595 × 842 pt) at 50 dpi
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * image.size[0] * image.size[1], "the page is (nearly) blank"
    assert unembedded_fonts(pdf) == []  # every font embedded


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: int = 180) -> "subprocess.CompletedProcess[str]":
    """`schooldesk ARGS` as a script runs it: a real process, offscreen, output captured."""
    import os
    import sys

    return subprocess.run([sys.executable, "-m", "schooldesk", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})})


def open_as_command(folder: Path) -> "Database":  # noqa: F821
    """The data folder's database with the rights a command has: the command runner gives them to what it
    opens, and a test that opens a folder itself acts as a command would."""
    from schooldesk.db.database import open_database
    from schooldesk.services.access import command_line_rights

    db = open_database(folder)
    db.actor = command_line_rights()
    return db


_DEMO_TEMPLATES: dict[date, Path] = {}


def _demo_template(today: date) -> Path:
    """The demo school of *today* in a data folder of its own, built once per test process (it takes seconds)."""
    import atexit
    import shutil
    import tempfile

    from schooldesk.services.demo import create_demo_school

    if today not in _DEMO_TEMPLATES:
        scratch = Path(tempfile.mkdtemp(prefix="schooldesk-demo-"))
        atexit.register(shutil.rmtree, scratch, ignore_errors=True)
        template = open_as_command(scratch / "data")
        try:
            create_demo_school(template, today=today)
        finally:
            template.close()
        _DEMO_TEMPLATES[today] = scratch / "data"
    return _DEMO_TEMPLATES[today]


def demo_school(db: "Database", *, today: date) -> None:  # noqa: F821
    """Fill a test's empty database with the demo school of *today*, copied in with SQLite's backup API, photos
    and all. Tests of the demo itself call ``create_demo_school``; the others only need a busy school."""
    import shutil

    from schooldesk.db.database import PHOTO_DIRNAME, database_path

    template = _demo_template(today)
    copy_database_into(db, database_path(template))
    shutil.copytree(template / PHOTO_DIRNAME, db.path.parent / PHOTO_DIRNAME, dirs_exist_ok=True)


def copy_database_into(db: "Database", source: Path) -> None:  # noqa: F821
    """*source*'s content in place of the open *db*'s, through SQLite's backup API (the file stays the one
    the Database opened, with its WAL)."""
    import sqlite3

    reader = sqlite3.connect(source)
    try:
        with db.engine.connect() as connection:
            reader.backup(connection.connection.dbapi_connection)
    finally:
        reader.close()


def demo_folder(folder: Path, *, today: date | None = None) -> Path:
    """*folder* made a data folder holding the demo school, as `schooldesk demo --data-dir FOLDER` leaves it (that
    command has its own test in test_cli.py); a copy takes milliseconds where building takes seconds."""
    import shutil

    shutil.copytree(_demo_template(today or date.today()), folder)
    return folder
