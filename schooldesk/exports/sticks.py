"""The USB sticks a bundle can go on: found by drive type, with label and free space, and a read-only one
found by trying to write to it (Windows' permission bits do not show a write-protect switch)."""
from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from schooldesk.db.copies import can_write

DRIVE_REMOVABLE = 2  # GetDriveTypeW: a USB stick or card reader (a USB hard disk says DRIVE_FIXED)
LINUX_MEDIA = ("/media/", "/run/media/")  # where a Linux desktop mounts what is plugged in


@dataclass(frozen=True, kw_only=True)
class Stick:
    """A removable drive as the clerk sees it in Explorer."""

    label: str
    root: Path
    free: int
    writable: bool


def _windows_roots() -> list[tuple[Path, str]]:
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mode = kernel.SetErrorMode(0x0001)  # SEM_FAILCRITICALERRORS: an empty card reader must not ask for a disk
    try:
        mask = kernel.GetLogicalDrives()
        found = []
        for index in range(26):
            if not mask & (1 << index):
                continue
            root = f"{chr(ord('A') + index)}:\\"
            if kernel.GetDriveTypeW(root) != DRIVE_REMOVABLE:
                continue
            label = ctypes.create_unicode_buffer(261)
            if not kernel.GetVolumeInformationW(root, label, 261, None, None, None, None, 0):
                continue  # a card reader with no card in it
            found.append((Path(root), label.value))
        return found
    finally:
        kernel.SetErrorMode(mode)


def _removable_device(device: str, sys_block: Path) -> bool:
    """A USB stick or card: the kernel marks the disk removable, or it hangs off a USB bus. A loop-mounted image
    (another program's /media/… snap or AppImage) and the system's own disks are neither."""
    if not device.startswith("/dev/"):
        return False
    name = Path(device).name
    if name.startswith(("loop", "ram", "zram", "dm-")):
        return False
    node = sys_block / name
    try:
        real = node.resolve()
    except OSError:
        return False
    for candidate in (real, real.parent):  # a partition (sdb1) sits inside its disk (sdb)
        try:
            if (candidate / "removable").read_text(encoding="ascii").strip() == "1":
                return True
        except OSError:
            continue
    return "/usb" in str(real)


def _linux_roots(mounts_file: Path = Path("/proc/mounts"), sys_block: Path = Path("/sys/class/block")
                 ) -> list[tuple[Path, str]]:
    found = []
    try:
        mounts = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    for line in mounts:
        fields = line.split()
        if len(fields) < 2:
            continue
        mount = fields[1].replace("\\040", " ")
        if mount.startswith(LINUX_MEDIA) and _removable_device(fields[0], sys_block):
            found.append((Path(mount), Path(mount).name))
    return found


def removable_drives() -> list[Stick]:
    """Every plugged-in removable drive, the system's own disks left out: on Windows by drive type, elsewhere
    the removable media a desktop mounts under /media or /run/media."""
    roots = _windows_roots() if sys.platform == "win32" else _linux_roots()
    sticks = []
    for root, label in roots:
        try:
            free = shutil.disk_usage(root).free
        except OSError:
            continue  # pulled out while we looked
        name = f"{label} ({str(root).rstrip(os.sep)})" if label else str(root)
        sticks.append(Stick(label=name, root=root, free=free, writable=can_write(root)))
    return sticks
