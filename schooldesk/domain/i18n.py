"""Marking text for translation without importing Qt.

`pyside6-lupdate` finds calls named ``QT_TRANSLATE_NOOP`` in any Python file, so the core can
mark its user-facing messages here and the UI or CLI translates them at display time.
"""
from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name lupdate looks for
    """Return *text* unchanged; the call only marks it for extraction."""
    del context
    return text


def fill(template: str, args: tuple[str, ...]) -> str:
    """Replace Qt-style %1, %2 … placeholders (highest first, so %10 is not eaten by %1)."""
    for index in range(len(args), 0, -1):
        template = template.replace(f"%{index}", args[index - 1])
    return template
