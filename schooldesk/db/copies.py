"""Consistent copies of a live database through SQLite's online backup API (never a raw file copy)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def snapshot(source: Path, target: Path) -> Path:
    """Copy *source* into *target* atomically: written under a temporary name, synced, then renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    return target
