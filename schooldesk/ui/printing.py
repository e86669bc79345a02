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

_scratch: tempfile.TemporaryDirectory[str] | None = None


def scratch_folder() -> Path:
    """One temporary folder per run for printouts; removed when the app ends."""
    global _scratch
    if _scratch is None:
        _scratch = tempfile.TemporaryDirectory(prefix="schooldesk-print-")
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
