"""The diagnostics log: a rotating file in the data folder for whoever has to find out what went wrong.

These files are read by technicians and sent around, so no personal data may reach them: ID numbers
and phone numbers are masked, and any Chinese text is blanked (SchoolDesk's own log messages are
English, so Chinese in a log line can only be data: a name, an address, a note), including inside
database errors that quote the values of a failed statement.
"""
from __future__ import annotations

import logging
import re
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_DIRNAME = "logs"
LOG_NAME = "schooldesk.log"
MAX_BYTES = 1 << 20
BACKUP_COUNT = 5
ID_NUMBER = re.compile(r"(?<![0-9])(\d{6})(\d{8}|\d{6})(\d{3})([0-9Xx]?)(?![0-9])")
PHONE = re.compile(r"(?<![0-9])(1[3-9]\d)(\d{4})(\d{4})(?![0-9])")
CJK_RUN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f\uf900-\ufaff]+")
log = logging.getLogger("schooldesk")
log.addHandler(logging.NullHandler())  # without a log file (a read-only folder), nothing goes to the console
log.propagate = False


PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(\(Background|$))", re.S | re.M)


def scrub(text: str) -> str:
    """*text* with statement parameters dropped, ID numbers, phone numbers and Chinese text masked."""
    text = PARAMETERS.sub("[parameters hidden]", text)
    text = ID_NUMBER.sub(lambda m: m[1][:4] + "*" * (len(m[0]) - 8) + m[0][-4:], text)
    text = PHONE.sub(lambda m: f"{m[1]}****{m[3]}", text)
    return CJK_RUN.sub(lambda m: "＊" * min(len(m[0]), 3), text)


class PrivateRotatingFileHandler(RotatingFileHandler):
    """Each log file (the first and every one rotation opens) readable by the user only."""

    def _open(self):  # type: ignore[no-untyped-def]  # noqa: ANN202 - logging's own hook
        from schooldesk.db.copies import make_private

        stream = super()._open()
        make_private(Path(self.baseFilename))
        return stream


class ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def start_logging(data_dir: Path) -> Path:
    """Log to ``logs/schooldesk.log`` in *data_dir* (1 MB, five older files kept); uncaught errors too."""
    from schooldesk.db.copies import private_folder

    folder = private_folder(data_dir / LOG_DIRNAME)
    path = folder / LOG_NAME
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in log.handlers):
        handler = PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
    log.setLevel(logging.INFO)
    previous = sys.excepthook

    def log_uncaught(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        log.error("uncaught %s", kind.__name__, exc_info=(kind, error, trace))
        previous(kind, error, trace)

    sys.excepthook = log_uncaught
    return path


def stop_logging() -> None:
    """Close the log files (at exit, and between tests)."""
    for handler in [h for h in log.handlers if isinstance(h, RotatingFileHandler)]:
        log.removeHandler(handler)
        handler.close()
    sys.excepthook = sys.__excepthook__
