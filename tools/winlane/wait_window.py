"""Run by the Windows python in the lane's setup prefix: wait until a visible top-level window whose title holds
TEXT is on the screen, bring it to the front and write its place and size (left top width height) to OUT.

    python.exe tools/winlane/wait_window.py TEXT SECONDS OUT
Exits 1 when no such window came in time. (A file rather than standard output: see wait_window in window.sh.)"""
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


def main(text: str, seconds: float, out: str) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        window = find(text)
        if window:
            user32.SetForegroundWindow(window)
            rect = wintypes.RECT()
            user32.GetWindowRect(window, ctypes.byref(rect))
            with open(out, "w", encoding="utf-8") as stream:
                stream.write(f"{rect.left} {rect.top} {rect.right - rect.left} {rect.bottom - rect.top}\n")
            return 0
        time.sleep(0.5)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]), sys.argv[3]))
