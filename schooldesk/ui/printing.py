"""Printing a document we write: the PDF is written off the GUI thread into a scratch folder, then shown in
the print preview (print it, or save it from there); the writer's warnings are shown over the preview."""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from schooldesk.ui.background import run_in_background
from schooldesk.ui.errors import show_warnings
from schooldesk.ui.service_call import call_service

_scratch: tempfile.TemporaryDirectory[str] | None = None


def scratch_folder() -> Path:
    """One temporary folder per run for printouts; removed when the app ends."""
    global _scratch
    if _scratch is None:
        _scratch = tempfile.TemporaryDirectory(prefix="schooldesk-print-", ignore_cleanup_errors=True)
    return Path(_scratch.name)


def print_document(parent: QWidget, name: str, write: Callable[[Path], Any],
                   shown: Callable[[Any], None] | None = None) -> None:
    """Write the PDF *name* with *write* (off the GUI thread), then open it in a print preview over *parent*."""
    from schooldesk.ui.print_preview import PdfPreviewDialog

    path = scratch_folder() / name

    def preview(result: Any) -> None:
        dialog = PdfPreviewDialog(result.path, name, parent)
        dialog.open()
        show_warnings(dialog, result.warnings)
        if shown is not None:
            shown(dialog)

    label = QCoreApplication.translate("Printing", "Preparing the printout…")
    run_in_background(parent, label, lambda _progress: write(path), preview)


def print_read(parent: QWidget, read: Callable[[], Any], write: Callable[[Path, Any, Any], Any], font: Callable[[], Any],
               shown: Callable[[Any], None] | None = None) -> None:
    """Read what a document shows (*read*, a service call; its known errors are shown), then write it with
    *write(path, document, font)* and preview it. The document names its own file (``file_name``)."""
    got = call_service(parent, lambda: (read(), font()))
    if not got:
        return
    document, chosen_font = got.value
    print_document(parent, document.file_name, lambda path: write(path, document, chosen_font), shown)


def save_workbook(parent: QWidget, data_folder: Path, read: Callable[[], Any], write: Callable[[Path, Any], Any],
                  saved: Callable[[Any], None] | None = None) -> Any:
    """Read what a workbook shows (*read*; its known errors are shown), ask where to save it (its own
    ``file_name`` proposed), then write it off the GUI thread and say where it went."""
    from schooldesk.exports.files import check_output
    from schooldesk.ui.saving import file_dialog, show_saved

    got = call_service(parent, read)
    if not got:
        return None
    document = got.value

    def chosen(paths: list[Path]) -> None:
        got = call_service(parent, lambda: check_output(paths[0], data_folder))
        if not got:
            return
        path = got.value
        label = QCoreApplication.translate("Printing", "Writing the workbook…")
        run_in_background(parent, label, lambda _progress: write(path, document),
                          lambda result: (saved or (lambda _box: None))(show_saved(parent, result.path)))

    title = QCoreApplication.translate("Printing", "Export to Excel")
    kind = QCoreApplication.translate("Printing", "Excel workbook (*.xlsx)")
    return file_dialog(parent, "excel", title, kind, chosen, save_as=document.file_name, suffix="xlsx")
