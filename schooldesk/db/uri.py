"""SQLite ``file:`` URIs built from paths the clerk chose.

A raw path pasted into ``file:{path}`` opens the wrong file when a folder's name holds ``#`` or ``?`` (the
rest is read as a fragment or parameters) or ``%`` (read as an escape), and a Windows path's backslashes and
drive letter are not a URI path at all. ``Path.as_uri()`` escapes all of it; SQLite decodes it back."""
from __future__ import annotations

from pathlib import Path


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """The URI that opens the SQLite file *path* read-only (*immutable*: without any locking, for read-only
    media where SQLite cannot create its lock files)."""
    return f"{Path(path).absolute().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
