"""Where files go and come from: file dialogs open in Documents the first time, then in the last folder
used for that kind of file (remembered per PC); a saved file is announced with its place and a button
打开所在文件夹, so a clerk never has to hunt for what they just wrote."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from schooldesk.domain.i18n import fill

FOLDER_KEY = "folders/%s"  # + the kind: pdf, excel, roster, photos, backup, font


def last_folder(kind: str) -> Path:
    """The folder last used for *kind*, else Documents — always one that exists (a Documents folder that is not
    there would open its parent with the word "Documents" typed into the file-name box)."""
    saved = QSettings().value(FOLDER_KEY % kind)
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    for location in (QStandardPaths.StandardLocation.DocumentsLocation, QStandardPaths.StandardLocation.HomeLocation):
        folder = Path(QStandardPaths.writableLocation(location))
        if str(folder) and folder.is_dir():
            return folder
    return Path.cwd()


def remember_folder(kind: str, path: Path) -> None:
    QSettings().setValue(FOLDER_KEY % kind, str(path if path.is_dir() else path.parent))


def file_dialog(parent: QWidget, kind: str, title: str, name_filter: str, chosen: Callable[[list[Path]], None], *,
                save_as: str = "", suffix: str = "", many: bool = False, folder: bool = False) -> QFileDialog:
    """An opened (not exec'd) file dialog starting in *kind*'s folder; *chosen* gets the paths picked, and the
    folder is remembered for next time. *save_as* makes it a save dialog with that file name proposed."""
    start = last_folder(kind)
    dialog = QFileDialog(parent, title, str(start / save_as) if save_as else str(start), name_filter)
    dialog.setObjectName(f"{kind}FileDialog")
    label = QFileDialog.DialogLabel  # Qt's own Chinese misses these two; native dialogs (Windows) ignore them
    dialog.setLabelText(label.LookIn, QCoreApplication.translate("Saving", "Look in:"))
    dialog.setLabelText(label.FileType, QCoreApplication.translate("Saving", "Files of type:"))
    if save_as:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        if suffix:
            dialog.setDefaultSuffix(suffix)
    elif folder:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)

    def accepted() -> None:
        paths = [Path(p) for p in dialog.selectedFiles()]
        if paths:
            remember_folder(kind, paths[0])
            chosen(paths)

    dialog.accepted.connect(accepted)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_folder(path: Path) -> bool:
    """Show the folder holding *path* in Explorer (or the desktop's file manager)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path if path.is_dir() else path.parent)))


def show_saved(parent: QWidget | None, path: Path, note: str = "") -> QMessageBox:
    """"Saved to D:\\…\\x.pdf" with 打开所在文件夹 (which opens the folder and keeps nothing else waiting)."""
    text = fill(QCoreApplication.translate("Saving", "Saved to:\n%1"), (str(path),))
    box = QMessageBox(QMessageBox.Icon.Information, parent.window().windowTitle() if parent else "SchoolDesk",
                      text + (f"\n\n{note}" if note else ""), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("savedBox")
    opener = box.addButton(QCoreApplication.translate("Saving", "&Open folder"), QMessageBox.ButtonRole.ActionRole)
    opener.setObjectName("openFolder")
    opener.clicked.connect(lambda: open_folder(path))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
