"""The diagnostics log keeps no personal data and rotates."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from schooldesk.diagnostics import LOG_DIRNAME, LOG_NAME, log, scrub, start_logging, stop_logging
from tests.builders import make_id


@pytest.fixture(autouse=True)
def _closed_afterwards():  # type: ignore[no-untyped-def]
    yield
    stop_logging()


def test_id_numbers_phones_and_chinese_never_reach_the_log(tmp_path: Path) -> None:
    number = make_id(date(2015, 3, 4), "女")
    path = start_logging(tmp_path)
    try:
        log.info("import failed for %s, guardian phone 13812345678", number)
        log.error("(sqlite3.IntegrityError) UNIQUE constraint failed [parameters: ('张书涵', '%s', '青山镇北村')]", number)
        try:
            raise ValueError(f"bad row 王小明 {number.lower()}")
        except ValueError:
            log.exception("row rejected")
        old = make_id(date(1980, 1, 2), "男")[:6] + "800102123"  # a 15-digit number
        log.info("old card %s", old)
    finally:
        for handler in log.handlers:
            handler.flush()
    text = path.read_text(encoding="utf-8")
    assert number not in text and number.lower() not in text and "13812345678" not in text and old not in text
    assert number[:4] + "*" * 10 + number[-4:] in text and "138****5678" in text
    assert "张书涵" not in text and "青山镇" not in text and "王小明" not in text
    assert "UNIQUE constraint failed" in text and "row rejected" in text  # what a technician needs stays


def test_the_log_rotates_and_keeps_five_old_files(tmp_path: Path) -> None:
    from logging.handlers import RotatingFileHandler

    path = start_logging(tmp_path)
    handler = next(h for h in log.handlers if isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path)
    handler.maxBytes = 2000
    for line in range(400):
        log.info("backup taken %s", line)
    names = sorted(p.name for p in (tmp_path / LOG_DIRNAME).iterdir())
    assert names == [LOG_NAME] + [f"{LOG_NAME}.{n}" for n in range(1, 6)]
    assert scrub("plain text 2025") == "plain text 2025"


def test_statement_parameters_never_reach_the_log(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Names in Latin, Uyghur or Tibetan script and birth dates are not masked by pattern: they are never logged,
    because no statement's parameters are (the engine hides them, the formatter drops any that slip through)."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    path = start_logging(tmp_path)
    try:
        try:
            with db.transaction() as session:
                session.execute(text("INSERT INTO teacher (id, name, gender, subjects, title, phone, active) "
                                     "VALUES (1, :name, 'M', '', '', '', 1), (1, :name, 'M', '', '', '', 1)"),
                                {"name": "Aygül Tursun 2013-04-09"})
        except IntegrityError:
            log.exception("saving a teacher failed")
        log.error("old style [parameters: ('Dolkar', '2014-05-06')]")
    finally:
        for handler in log.handlers:
            handler.flush()
    logged = path.read_text(encoding="utf-8")
    assert "saving a teacher failed" in logged and "UNIQUE constraint failed" in logged
    for secret in ("Aygül", "Tursun", "2013-04-09", "Dolkar", "2014-05-06"):
        assert secret not in logged, secret
