"""The 汇总 window through the real widgets: opened from the hand-in page, three schools' bundles and a tampered
copy added from one folder, merged off the GUI thread; the schools, the refusal with its reason and the checks
shown in their tabs, the workbooks written; what was typed remembered for next time; a merge with nothing added
refused plainly."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from schooldesk.db.database import Database
from schooldesk.ui.main_window import MainWindow
from schooldesk.ui.state import AppState
from tests.test_county_merge import A, B, C, _all_other_children, _one_more_at_the_second_school, _other_children, _school

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture(scope="module")
def received(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A stick's folder as the bureau gets it: three schools' bundles and a copy of one, changed."""
    root = tmp_path_factory.mktemp("county")
    folder = root / "received"
    folder.mkdir()
    for who, change, as_zip in ((A, _one_more_at_the_second_school, False), (B, _other_children([]), False), (C, _all_other_children, True)):
        made = _school(root / who[0], who, full_ids=False, as_zip=as_zip, change=change)
        (shutil.copytree if made.is_dir() else shutil.copyfile)(made, folder / made.name)
    tampered = shutil.copytree(folder / _school_name(folder, A[1]), folder / "复制的材料")
    roll = tampered / "数据" / "在籍学生名册" / "在籍学生名册.json"
    roll.write_bytes(roll.read_bytes().replace("在读".encode(), "休学".encode(), 1))
    return folder


def _school_name(folder: Path, name: str) -> str:
    return next(p.name for p in folder.iterdir() if p.name.startswith(name))


def _merge_window(qtbot, db: Database):  # type: ignore[no-untyped-def]
    main = MainWindow(AppState(db, None))
    qtbot.addWidget(main)
    main.show()
    page = main.open_page("ExportPage")
    assert page.county_button.isEnabled()
    window = page.open_county_merge()  # the page's child, deleted when closed
    qtbot.waitExposed(window)
    return main, window


def test_the_bureau_merges_a_sticks_bundles_and_sees_what_was_refused(  # type: ignore[no-untyped-def]
        qtbot, zh_app, school_db: Database, received: Path, tmp_path: Path) -> None:
    _main, window = _merge_window(qtbot, school_db)
    window.add_bundles([received])
    window.add_bundles([received / _school_name(received, A[1])])  # added twice: listed once
    assert window.bundles.count() == 4
    window.receiver.setText("示范县教育局")
    window.out.setText(str(tmp_path / "汇总"))
    window.merge_button.click()
    qtbot.waitUntil(lambda: window.merge is not None, timeout=120_000)
    assert [s.name for s in window.school_model.rows()] == [B[1], A[1], C[1]] or \
        sorted(s.name for s in window.school_model.rows()) == sorted([A[1], B[1], C[1]])
    refused = window.refused_model.rows()
    assert [Path(r.path).name for r in refused] == ["复制的材料"] and "被改动或不完整" in refused[0].reason
    assert window.tabs.tabText(1) == "未合并 (1)" and window.tabs.tabText(2) == "双重学籍 (1)"
    assert [d.name for d in window.double_model.rows()] and window.elsewhere_model.rows()
    assert "已汇总 3 所学校" in window.summary.text() and window.open_button.isVisible()
    written = sorted(p.name for p in (tmp_path / "汇总").glob("*.xlsx"))
    assert any(n.startswith("汇总_控辍保学台账_") for n in written) and any(n.startswith("学校汇总_") for n in written)
    window.tabs.setCurrentIndex(0)
    window.resize(980, 760)
    QApplication.processEvents()  # the resize laid out, without a timer (under Wine one once never fired)
    DOCS.mkdir(exist_ok=True)
    assert window.grab().save(str(DOCS / "county-merge-window.png"))
    window.close()
    _main2, again = _merge_window(qtbot, school_db)  # what was typed is there next time (not the password)
    assert again.receiver.text() == "示范县教育局" and again.out.text() == str(tmp_path / "汇总")
    assert again.password.text() == ""


def test_a_merge_with_no_bundles_added_is_refused_plainly(qtbot, zh_app, school_db: Database) -> None:  # type: ignore[no-untyped-def]
    _main, window = _merge_window(qtbot, school_db)
    window.out.setText("")
    window.merge_button.click()
    box = next(w for w in window.findChildren(QMessageBox) if w.isVisible())
    assert "报送材料" in box.text() and window.merge is None
    box.close()
