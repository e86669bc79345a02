"""Run by the Windows python in the lane's setup prefix: wait until a visible top-level window whose title holds
TEXT is on the screen, bring it to the front and print its place and size (left top width height).

    python.exe tools/winlane/wait_window.py TEXT SECONDS
Exits 1 when no such window came in time."""
from __future__ import annotations

import ctypes
import sys
import time
from ctypes import wintypes

user32 = ctypes.WinDLL("user32", use_last_error=True)
EnumProc = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)


def find(text: str) -> int | None:
    found: list[int] = []

    def visit(window: int, _param: int) -> bool:
        length = user32.GetWindowTextLengthW(window)
        title = ctypes.create_unicode_buffer(length + 1)
        user32.GetWindowTextW(window, title, length + 1)
        if user32.IsWindowVisible(window) and text in title.value:
            found.append(window)
        return True

    user32.EnumWindows(EnumProc(visit), 0)
    return found[0] if found else None


def main(text: str, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        window = find(text)
        if window:
            user32.SetForegroundWindow(window)
            rect = wintypes.RECT()
            user32.GetWindowRect(window, ctypes.byref(rect))
            print(rect.left, rect.top, rect.right - rect.left, rect.bottom - rect.top, flush=True)
            return 0
        time.sleep(0.5)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
