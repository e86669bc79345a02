"""Print preview of a PDF we wrote: the PDF's own pages are drawn onto the printer, so what prints is
exactly what is saved and sent to the bureau. The preview's toolbar gains "Save as PDF…"."""
from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAction, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QLabel, QToolBar, QWidget

from schooldesk.domain.errors import StorageError
from schooldesk.exports.files import write_atomically
from schooldesk.ui.saving import file_dialog, show_saved
from schooldesk.ui.errors import show_error

MAX_RENDER_DPI = 300  # enough for a laser printer; more only makes printing slow


def paint_pdf(document: QPdfDocument, printer: QPrinter) -> None:
    """Each PDF page, rendered at the printer's resolution, onto one printer page."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(index, size)
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(QPoint(0, 0), scaled), image)
    finally:
        painter.end()


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # still held (a second close): the scratch folder goes when the app ends


class PdfPreviewDialog(QPrintPreviewDialog):
    """Opens *pdf* (a temporary file the caller owns) with A4 set and a Save as PDF action."""

    def __init__(self, pdf: Path, suggested_name: str, parent: QWidget | None = None) -> None:
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.has_printer = bool(QPrinterInfo.availablePrinterNames())
        if not self.has_printer:  # no driver to lay pages out with (a PC with no printer): lay them out as a PDF
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        self.printer.setFullPage(True)  # the PDF carries its own margins
        self.printer.setDocName(suggested_name)
        super().__init__(self.printer, parent)
        self.setObjectName("PdfPreviewDialog")
        self.setWindowTitle(self.tr("Print preview — %1").replace("%1", suggested_name))
        self.pdf, self.suggested_name = pdf, suggested_name
        # The preview reads a copy of its own: Windows keeps a file locked while QtPdf has it open, and the same
        # printout must stay writable (printed again while this preview is still open). Removed on closing.
        self.shown_copy = pdf.with_name(f"preview-{id(self):x}-{pdf.name}")
        shutil.copyfile(pdf, self.shown_copy)
        self.document = QPdfDocument(self)
        self.document.load(str(self.shown_copy))
        self.let_go = False
        self.paintRequested.connect(lambda printer: paint_pdf(self.document, printer))
        toolbar = self.findChild(QToolBar)
        self.save_action = QAction(self.tr("Save as PDF…"), self)
        self.save_action.setObjectName("savePdfAction")
        self.save_action.triggered.connect(self.choose_where_to_save)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.save_action)
            if not self.has_printer:
                note = QLabel(self.tr("No printer is installed on this PC: save the PDF and print it elsewhere."),
                              toolbar)
                note.setObjectName("noPrinterNote")
                toolbar.addWidget(note)
        self.resize(fitting(QSize(900, 1000), parent))


    def done(self, result: int) -> None:
        """Closed: the copy goes once QtPdf has let go of it (on Windows only when its document is gone)."""
        if not self.let_go:  # (once: done() may come twice)
            self.let_go = True
            copy = self.shown_copy
            self.document.close()
            self.document.destroyed.connect(lambda *_: _remove_quietly(copy))
            self.document.deleteLater()
        super().done(result)

    def preview_widget(self) -> QPrintPreviewWidget:
        return self.findChild(QPrintPreviewWidget)

    def choose_where_to_save(self) -> None:
        file_dialog(self, "pdf", self.tr("Save as PDF"), self.tr("PDF (*.pdf)"), lambda paths: self.save_to(paths[0]),
                    save_as=self.suggested_name, suffix="pdf")

    def save_to(self, target: Path) -> bool:
        try:
            write_atomically(target, lambda partial: shutil.copyfile(self.pdf, partial))
        except StorageError as error:
            show_error(self, error)
            return False
        self.saved_box = show_saved(self, target)
        return True


def fitting(wanted: QSize, near: QWidget | None) -> QSize:
    """*wanted*, made small enough for the screen the window opens on (a 1366×768 laptop has 728 pixels below
    the taskbar), the title bar and a margin left free."""
    screen = (near.screen() if near is not None else None) or QApplication.primaryScreen()
    if screen is None:
        return wanted
    room = screen.availableGeometry()
    return wanted.boundedTo(QSize(room.width() - 40, room.height() - 60))
