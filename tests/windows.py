"""What the Windows tests share: a file held open the way Excel and WPS hold a workbook, and the lane's sticks."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

WINDOWS = sys.platform == "win32"
windows_only = pytest.mark.skipif(not WINDOWS, reason="Windows behaviour (file sharing, drive types); run on the Windows lane")


@contextmanager
def held_without_sharing(path: Path) -> Iterator[None]:
    """*path* open for reading and writing with no sharing at all, as Excel holds an open workbook: Windows then
    refuses to open, rename or delete it until the handle is closed."""
    import ctypes
    from ctypes import wintypes

    kernel = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel.CreateFileW.restype = wintypes.HANDLE
    kernel.CreateFileW.argtypes = (wintypes.LPCWSTR, wintypes.DWORD, wintypes.DWORD, wintypes.LPVOID,
                                   wintypes.DWORD, wintypes.DWORD, wintypes.HANDLE)
    generic_read_write, open_existing = 0x80000000 | 0x40000000, 3
    handle = kernel.CreateFileW(str(path), generic_read_write, 0, None, open_existing, 0, None)
    if handle in (None, wintypes.HANDLE(-1).value):
        raise OSError(ctypes.get_last_error(), f"could not hold {path}")
    try:
        yield
    finally:
        kernel.CloseHandle(handle)


def lane_stick(kind: str) -> Path:
    """The lane's removable drive of *kind* ("usb", "read-only" or "empty"), mapped as a floppy-type drive by
    tools/winlane/lane.sh; a developer's Windows without one skips."""
    root = os.environ.get({"usb": "SCHOOLDESK_TEST_STICK", "read-only": "SCHOOLDESK_TEST_READONLY_STICK",
                           "empty": "SCHOOLDESK_TEST_EMPTY_STICK"}[kind])
    if not root:
        pytest.skip("no test USB stick mapped (tools/winlane/lane.sh maps E:, a write-protected F: and an empty G:)")
    return Path(root)
