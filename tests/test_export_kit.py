"""The print-and-export kit: bureau-layout sheets, PDF forms, and files that are never left half-written."""
from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from schooldesk.domain.errors import StorageError
from schooldesk.exports.files import check_output
from schooldesk.exports.pdf_form import PdfForm, write_pdf
from schooldesk.exports.sheets import DATE, NUMBER, Column, Sheet, display_width, write_workbook
from tests.builders import assert_a4_and_drawn, photo, render_page, text_of

PEOPLE = [("张三", "411302201501011234", date(2015, 1, 1), 3), ("欧阳娜娜", "0012", None, 0)]
COLUMNS = (
    Column(label="姓名", value=lambda r: r[0]), Column(label="身份证号", value=lambda r: r[1]),
    Column(label="出生日期", value=lambda r: r[2], kind=DATE), Column(label="次数", value=lambda r: r[3], kind=NUMBER),
)


def _sheet(rows: list = PEOPLE) -> Sheet:  # type: ignore[type-arg]
    return Sheet(name="测试名册", columns=COLUMNS, rows=rows)


def test_a_sheet_in_the_bureau_layout_with_real_types(tmp_path: Path) -> None:
    result = write_workbook(tmp_path / "a.xlsx", [_sheet()], school_name="石桥村小学", filled_on=date(2026, 3, 2))
    ws = openpyxl.load_workbook(result.path)["测试名册"]
    assert ws["A1"].value == "石桥村小学测试名册" and "A1:D1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == "填报单位（盖章）：石桥村小学" and ws["C2"].value == "填报时间：2026年3月2日"
    assert [c.value for c in ws[3]] == ["姓名", "身份证号", "出生日期", "次数"]
    assert ws["B4"].value == "411302201501011234" and ws["B4"].data_type == "s"
    assert ws["B5"].value == "0012" and ws["B5"].data_type == "s"  # leading zeros kept
    assert ws["C4"].is_date and ws["C5"].value is None and ws["D4"].value == 3 and ws["D5"].value == 0
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3" and ws.auto_filter.ref == "A3:D5"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws["A7"].value.startswith("单位负责人：") and "审核人：" in ws["A7"].value
    assert ws.column_dimensions["B"].width >= display_width("411302201501011234")  # fits without ####
    assert ws.column_dimensions["A"].width >= display_width("欧阳娜娜")


def test_a_locked_target_gives_a_clear_message_and_keeps_the_old_file(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"the clerk's old file")

    def locked(src: object, dst: object) -> None:  # what Windows says while Excel has the file open
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(StorageError, match="open in Excel"):
        write_workbook(target, [_sheet()], school_name="石桥村小学")
    assert target.read_bytes() == b"the clerk's old file"
    assert [p.name for p in tmp_path.iterdir()] == ["台账.xlsx"]  # no partial file left beside it


def test_a_full_disk_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError, match="not full"):
        write_workbook(tmp_path / "a.xlsx", [_sheet()], school_name="石桥村小学")
    with pytest.raises(StorageError):
        write_pdf(tmp_path / "a.pdf", title="t", author="石桥村小学", build=lambda form: [form.text("内容")])
    assert list(tmp_path.iterdir()) == []


def test_outputs_never_land_in_the_data_folder_or_on_a_missing_stick(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with pytest.raises(StorageError, match="data folder"):
        check_output(data / "schooldesk.sqlite3", data)
    with pytest.raises(StorageError, match="does not exist"):
        check_output(tmp_path / "unplugged" / "a.xlsx", data)
    with pytest.raises(StorageError, match="not a file"):
        check_output(data, None)
    assert check_output(tmp_path / "a.xlsx", data) == (tmp_path / "a.xlsx").resolve()


def test_pdf_form_pieces_cover_contents_photos_and_ticks(tmp_path: Path) -> None:
    pictures = [(photo(tmp_path / f"p{i}.jpg", (1200, 800)), f"照片说明{i}") for i in range(5)]

    def build(form: PdfForm) -> list:  # type: ignore[type-arg]
        listing = form.listing(("序号", "内容"), [(str(i), f"第{i}行") for i in range(1, 120)],
                               [20 * 2.83, form.width - 20 * 2.83])
        return [*form.cover("测试文件", ("石桥村小学", "2025—2026学年第一学期"), "校长签名："), *form.contents(),
                form.part("第一部分"), form.fields([("姓名", "张三"), ("性别", "男")], wide=[("住址", "石桥村")]),
                form.ticks(("文化知识", "康复训练"), ("康复训练",)), listing, form.part("第二部分"),
                form.photos(pictures), form.signatures("签名：")]

    result = write_pdf(tmp_path / "kit.pdf", title="测试", author="石桥村小学", build=build,
                       header="石桥村小学　2025—2026学年第一学期", printed=date(2026, 1, 5))
    pages = PdfReader(result.path).pages
    words = [p.extract_text() for p in pages]
    assert "测试文件" in words[0] and "学校（盖章）" in words[0]
    assert "第一部分" in words[1] and "第二部分" in words[1]  # the contents list both parts with their pages
    for number, page in enumerate(words, 1):
        assert f"第 {number} 页 / 共 {len(pages)} 页" in page and "2025—2026学年第一学期" in page
    assert sum("序号" in page for page in words) >= 2  # the listing's header repeated on the next page
    assert "照片说明4" in "".join(words) and "☑" not in "".join(words) and "□" not in "".join(words)
    photo_pages = [i for i, page in enumerate(words) if "照片说明" in page]
    assert len(photo_pages) == 2  # five photos, two across, four to a page
    assert result.warnings == ()


def test_warnings_are_returned_once_with_the_result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = write_pdf(tmp_path / "rare.pdf", title="t", author="石桥村小学",
                       build=lambda form: [*form.heading("学生名册", "石桥村小学"), form.fields(
                           [("姓名", "𠮷野家"), ("性别", "男")] * 6, wide=[("住址", "石桥村三组")] * 10)])
    assert result.missing == ("𠮷",)
    [warning] = result.warnings
    assert "𠮷" in warning.message_args[0]
    assert "野家" in text_of(result.path)
    assert_a4_and_drawn(result.path, tmp_path)


def test_document_names_are_safe_on_windows() -> None:
    from schooldesk.domain.file_names import document_name

    assert document_name("石桥村小学", "留守儿童台账", "2025—2026学年第一学期", suffix=".xlsx") == \
        "石桥村小学_留守儿童台账_2025—2026学年第一学期.xlsx"
    assert document_name("送教上门", 'a/b:c*?"<>|', "", " x y ", suffix=".pdf") == "送教上门_a-b-c_x-y.pdf"


def test_formula_text_and_invisible_characters(tmp_path: Path) -> None:
    from schooldesk.domain.people import validate_person_name
    from schooldesk.exports.pupil_sheets import write_problem_rows
    from schooldesk.imports.pupil_rows import read_roster
    from schooldesk.imports.spreadsheet import read_sheet

    assert validate_person_name("张\u200b三\u202e") == "张三"  # zero-width and right-to-left marks dropped
    workbook = openpyxl.Workbook()
    workbook.active.append(["姓名", "性别", "身份证件号"])
    workbook.active.append(['=HYPERLINK("http://x","点")', "男", "1"])
    workbook.active["A2"].data_type = "s"  # a clerk's text cell that happens to start with =
    source = tmp_path / "in.xlsx"
    workbook.save(source)
    roster = read_roster(read_sheet(source))
    out = write_problem_rows(tmp_path / "problems.xlsx", roster, {2: ["姓名有误"]})
    ws = openpyxl.load_workbook(out).active
    linked = [c for row in ws.iter_rows() for c in row if str(c.value).startswith("=HYPERLINK")]
    assert linked and all(c.data_type == "s" for c in linked)


def test_the_contents_give_each_part_the_page_it_starts_on(tmp_path: Path) -> None:
    """Laid out in one pass: the contents' pages are held, then filled in with the pages the parts landed on —
    here over three pages of contents, with parts of one to three pages and a title that wraps."""
    import re

    from reportlab.platypus import PageBreak

    from schooldesk.exports.archive_pdf import write_archive_pdf

    def part(number: int):  # type: ignore[no-untyped-def]
        def pages(form: PdfForm) -> list:  # type: ignore[type-arg]
            story: list = []  # type: ignore[type-arg]
            for page in range(number % 3 + 1):
                story += [*([PageBreak()] if page else []), form.text(f"正文{number}第{page + 1}页", form.title_style)]
            return story
        return (f"第{number}部分" + ("很长的课题名称" * 8 if number == 5 else "")), pages

    result = write_archive_pdf(tmp_path / "archive.pdf", title="听课记录", school_name="石桥村小学",
                               period="2025—2026学年第一学期", parts=[part(n) for n in range(1, 81)],
                               printed=date(2026, 1, 5))
    words = [p.extract_text() for p in PdfReader(result.path).pages]
    assert "目　录" in words[1] and "第1部分" in words[1] and "第80部分" in words[3] and "第80部分" not in words[2]
    listed = {}
    for page in words[1:4]:
        lines = page.splitlines()
        for index, line in enumerate(lines):
            found = re.match(r"第(\d+)部分", line)
            if found:
                listed[int(found.group(1))] = int(next(n for n in lines[index + 1:] if n.strip().isdigit()))
    assert len(listed) == 80
    for number, page in listed.items():
        assert f"正文{number}第1页" in words[page - 1], number
    assert listed[1] == 5 and len(words) == result.pages == 4 + sum(n % 3 + 1 for n in range(1, 81))
    for number, page in enumerate(words, 1):
        assert f"第 {number} 页 / 共 {len(words)} 页" in page


def test_a_short_text_prints_as_a_paragraph_would_and_a_long_one_still_wraps(tmp_path: Path) -> None:
    from schooldesk.exports.pdf_text import LineText

    long_text = "送教老师为学生讲解了课文并指导康复训练，" * 3  # short enough to start as one line, too wide for one
    seen = {}

    def build(form: PdfForm) -> list:  # type: ignore[type-arg]
        short, long_ = form.text("张三  同学"), form.text(long_text)
        seen.update(short=short, long=long_)
        return [short, form.fields([("姓名", "张三"), ("住址", "石桥村三组")]), long_]

    result = write_pdf(tmp_path / "t.pdf", title="t", author="石桥村小学", build=build)
    assert isinstance(seen["short"], LineText) and seen["long"].paragraph is not None  # handed to a Paragraph
    text = text_of(result.path)
    assert "张三 同学" in text and "石桥村三组" in text  # spaces collapsed as a Paragraph collapses them
    assert text.replace("\n", "").count("康复训练") == 3 and seen["long"].paragraph.height >= 2 * 15


def test_lines_of_text_print_exactly_as_a_paragraph_with_line_breaks(tmp_path: Path) -> None:
    """A text of a few lines (a lesson's 教学过程记录) is drawn line by line without a Paragraph; the page
    renders pixel for pixel as the Paragraph with <br/> did, alone, centred and inside a form's grid."""

    from PIL import ImageChops

    from schooldesk.exports.pdf_text import KitParagraph, LineText

    texts = ["导入\n新授\n练习\n小结", "  第一环节  复习\r\n第二环节", "石桥村小学\n三年级"]
    kinds = []

    def build(as_paragraph: bool):  # type: ignore[no-untyped-def]
        def made(form: PdfForm) -> list:  # type: ignore[type-arg]
            def text(value: str, style=None):  # type: ignore[no-untyped-def]
                style = style or form.cell_style
                if as_paragraph:
                    return KitParagraph(form.fonts.markup(value).replace("\n", "<br/>"), style)
                made_text = form.text(value, style)
                kinds.append(type(made_text))
                return made_text
            story = [text(t) for t in texts] + [text(texts[2], form.label_style)]
            rows = [[form.label("教学过程记录"), text(texts[0]), "", ""], [form.label("备注"), text(texts[1]), "", ""]]
            return story + [form.grid(rows, [80, 160, 80, 160], [(0, 1), (1, 1)])]
        return made

    pictures = []
    for name, as_paragraph in (("paragraph", True), ("lines", False)):
        result = write_pdf(tmp_path / f"{name}.pdf", title="t", author="石桥村小学", build=build(as_paragraph),
                           printed=date(2026, 3, 2))
        pictures.append(render_page(result.path, tmp_path / name, dpi=150))
    assert kinds and all(kind is LineText for kind in kinds)
    assert ImageChops.difference(*pictures).getbbox() is None
    assert text_of(tmp_path / "lines.pdf").count("小结") == 2


def test_no_collector_runs_while_a_document_is_laid_out(tmp_path: Path) -> None:
    """The cyclic collector is held back while a PDF or workbook is made, and is back on afterwards (and left
    off when it was off)."""
    import gc

    seen = []
    write_pdf(tmp_path / "a.pdf", title="t", author="a", build=lambda form: seen.append(gc.isenabled()) or [form.text("x")])
    sheet = Sheet(name="名册", columns=(Column(label="是否", value=lambda r: seen.append(gc.isenabled()) or "x"),), rows=[1])
    write_workbook(tmp_path / "a.xlsx", [sheet], school_name="石桥村小学")
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        write_pdf(tmp_path / "b.pdf", title="t", author="a", build=lambda form: [form.text("x")])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_listing_never_breaks_a_number_and_a_cover_keeps_to_one_page(tmp_path: Path) -> None:
    """The 台账 as printed: a phone column that mostly says 未填 still holds a phone number on one line, and the
    cover's signature and seal block stays on the cover (landscape or not)."""
    from schooldesk.exports.sheet_pdf import write_sheets_pdf

    rows = [(f"学生{i}", "未填", "未填", "单亲外出，上海，祖父母，监护情况较好", f"4113022015010{i:05d}") for i in range(40)]
    rows[17] = ("王小明", "13900000001", "15800000002", "双亲外出，江苏苏州，" * 12, "411302201501011234")
    columns = tuple(Column(label=label, value=lambda r, i=i: r[i]) for i, label in enumerate(
        ("姓名", "母亲电话", "委托监护人电话", "具体情况", "身份证号")))
    many = columns + tuple(Column(label=f"第{n}项", value=lambda r: "是") for n in range(14))
    sheets = [Sheet(name="甲", columns=many, rows=rows), Sheet(name="乙", columns=columns, rows=rows[:3])]
    result = write_sheets_pdf(tmp_path / "台账.pdf", sheets, school_name="石桥村小学", title="控辍保学台账",
                              period="2025—2026学年第一学期", printed=date(2025, 12, 20))
    lines = [line for page in PdfReader(result.path).pages for line in page.extract_text().splitlines()]
    for number in ("13900000001", "15800000002", "411302201501011234"):
        assert any(number in line for line in lines), f"{number} broken across lines"
    cover = PdfReader(result.path).pages[0].extract_text()
    assert "控辍保学台账" in cover and "校长签名" in cover and "学校（盖章）" in cover
    assert "校长签名" not in PdfReader(result.path).pages[1].extract_text()
