"""Loading the Chinese translation (ours and Qt's own) and translating core error messages.

Needs a QCoreApplication (or QApplication) to exist; imports only QtCore so the CLI stays light.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from schooldesk.config import DEFAULT_LANGUAGE, translations_dir
from schooldesk.domain.errors import ERRORS, SchoolDeskError
from schooldesk.domain.i18n import fill

CATALOGUE = "schooldesk_zh_CN"
_installed: list[QTranslator] = []  # translators must outlive the call that installs them


def compiled_catalogue(folder: Path | None = None) -> Path:
    """The ``.qm`` built from the ``.ts``; rebuilt with pyside6-lrelease when missing or stale."""
    folder = folder or translations_dir()
    source, compiled = folder / f"{CATALOGUE}.ts", folder / f"{CATALOGUE}.qm"
    if source.exists() and (not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime):
        lrelease = Path(sys.executable).with_name("pyside6-lrelease")
        try:
            subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(compiled)], check=False, timeout=60)
        except (OSError, subprocess.SubprocessError):
            pass  # no lrelease (e.g. an installed build): use the .qm that shipped, or English

    return compiled


def install_translations(language: str = DEFAULT_LANGUAGE) -> bool:
    """Install Chinese translators on the running application; English needs none.

    Returns False when the Chinese catalogue could not be loaded (the UI then shows English).
    """
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_own = QTranslator()
    if qt_own.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _install(qt_own)
    ours = QTranslator()
    loaded = ours.load(str(compiled_catalogue()))
    if loaded:
        _install(ours)
    return loaded


def _install(translator: QTranslator) -> None:
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)


def tr(context: str, text: str, *args: object) -> str:
    """Translate outside a QObject, filling %1 … placeholders."""
    return fill(QCoreApplication.translate(context, text), tuple(str(a) for a in args))


def error_text(error: SchoolDeskError) -> str:
    """A core error's message in the user's language."""
    return fill(QCoreApplication.translate(ERRORS, error.message), error.message_args)
