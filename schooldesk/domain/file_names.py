"""File names for the documents SchoolDesk writes: the school's words, safe on Windows and on a USB stick."""
from __future__ import annotations

import re

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def document_name(*parts: str, suffix: str) -> str:
    """学校_表名_期间.xlsx: the non-empty *parts* joined by _, without characters Windows refuses."""
    stem = "_".join(_UNSAFE.sub("-", part).strip("-. ") for part in parts if part and part.strip())
    return f"{stem[:120] or 'SchoolDesk'}{suffix}"
