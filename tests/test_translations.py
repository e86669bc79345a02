"""The Chinese UI is complete and actually loads, including Qt's own strings."""
from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from schooldesk.config import translations_dir
from schooldesk.i18n import error_text, install_translations
from schooldesk.domain.school_code import validate_school_code
from schooldesk.domain.errors import ValidationError

TS = translations_dir() / "schooldesk_zh_CN.ts"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            found[(context.findtext("name") or "", message.findtext("source") or "")] = message.find("translation")
    return found


def test_ts_has_no_unfinished_or_empty_entries() -> None:
    for key, translation in _messages(TS).items():
        assert translation is not None and translation.get("type") is None, f"unfinished: {key}"
        assert (translation.text or "").strip(), f"empty: {key}"


def test_every_string_in_the_code_is_in_the_ts(tmp_path: Path) -> None:
    """lupdate run afresh over the sources finds nothing the committed .ts lacks."""
    package = Path(__file__).resolve().parent.parent / "schooldesk"
    fresh = tmp_path / "fresh.ts"
    import PySide6

    # The Windows wheel ships lupdate.exe itself; elsewhere the pyside6-lupdate wrapper beside the interpreter.
    lupdate = (Path(PySide6.__file__).with_name("lupdate.exe") if sys.platform == "win32"
               else Path(sys.executable).with_name("pyside6-lupdate"))
    sources = [str(p) for p in package.rglob("*.py")]
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True, timeout=120)
    missing = set(_messages(fresh)) - set(_messages(TS))
    assert missing == set(), f"run pyside6-lupdate and translate: {sorted(missing)[:10]}"


def test_placeholders_survive_translation() -> None:
    for (context, source), translation in _messages(TS).items():
        for n in range(1, 4):
            assert (f"%{n}" in source) == (f"%{n}" in (translation.text or "")), f"{context}: {source}"


def test_chinese_is_loaded(qapp) -> None:  # type: ignore[no-untyped-def]
    assert install_translations("zh_CN")
    assert QCoreApplication.translate("MainWindow", "Teachers") == "教师"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own qtbase_zh_CN
    try:
        validate_school_code("123")
    except ValidationError as error:
        assert error_text(error) == "学校标识码应为 10 位数字（您输入了 3 个字符）。"
    install_translations("en")
    assert QCoreApplication.translate("MainWindow", "Teachers") == "Teachers"
    install_translations("zh_CN")


def test_english_interface_on_request(qtbot, qapp, school_db) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.app import make_application
    from schooldesk.ui.main_window import MainWindow
    from schooldesk.ui.state import AppState

    make_application("en")
    try:
        window = MainWindow(AppState(school_db))
        qtbot.addWidget(window)
        assert [window.nav.item(i).text() for i in range(13)] == [
            "Home", "Pupils", "Village children", "Home teaching", "Lesson observation", "Mentoring", "Activities", "Reports",
            "Hand-in", "Work summaries",
            "Teachers", "Classes", "Settings"]
    finally:
        install_translations("zh_CN")
    chinese = MainWindow(AppState(school_db))
    qtbot.addWidget(chinese)
    assert [chinese.nav.item(i).text() for i in range(13)] == ["首页", "学生", "适龄儿童", "送教上门", "听课评课", "师徒结对", "活动记录",
                                                               "报表", "报送材料", "工作总结", "教师", "班级", "设置"]
