"""写入到 lists only removable drives (a loop-mounted image of another program under /media is not a stick), and
never pre-selects a drive the clerk did not choose before; the place last written to is offered first."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from schooldesk.exports.sticks import _linux_roots


def _device(sys_block: Path, devices: Path, name: str, removable: str, *, parent: str = "", bus: str = "pci") -> None:
    """A fake /sys/class/block entry: a symlink into a devices tree, as the kernel lays it out."""
    disk = devices / bus / (parent or name)
    node = disk / name if parent else disk
    node.mkdir(parents=True, exist_ok=True)
    (disk / "removable").write_text(removable + "\n", encoding="ascii")
    (sys_block / name).symlink_to(node)


@pytest.mark.skipif(sys.platform == "win32", reason="Linux drive detection (Windows finds sticks by drive type: "
                                                     "test_sticks_are_found_by_drive_type… on the Windows lane)")
def test_only_removable_media_under_media_are_offered(tmp_path: Path) -> None:
    sys_block, devices = tmp_path / "class" / "block", tmp_path / "devices"
    sys_block.mkdir(parents=True)
    _device(sys_block, devices, "loop3", "0", bus="virtual")
    _device(sys_block, devices, "sdb1", "1", parent="sdb", bus="usb1")
    _device(sys_block, devices, "sdc1", "0", parent="sdc", bus="pci/usb2")  # a USB disk that says "fixed"
    _device(sys_block, devices, "nvme0n1p2", "0", parent="nvme0n1")
    mounts = tmp_path / "mounts"
    mounts.write_text("\n".join((
        "/dev/nvme0n1p2 / ext4 rw 0 0",
        "/dev/loop3 /media/clerk/OtherApp squashfs ro 0 0",
        "/dev/sdb1 /media/clerk/SCHOOL\\040USB vfat rw 0 0",
        "/dev/sdc1 /run/media/clerk/BACKUP ext4 rw 0 0",
        "/dev/nvme0n1p2 /media/clerk/data ext4 rw 0 0",
        "tmpfs /media/clerk/tmp tmpfs rw 0 0",
    )) + "\n", encoding="utf-8")
    assert _linux_roots(mounts, sys_block) == [(Path("/media/clerk/SCHOOL USB"), "SCHOOL USB"),
                                               (Path("/run/media/clerk/BACKUP"), "BACKUP")]


def test_the_page_preselects_only_the_place_last_chosen(qtbot, zh_app, school_db, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from schooldesk.exports import sticks
    from schooldesk.ui.pages.export import DESTINATION_KEY, ExportPage
    from schooldesk.ui.state import AppState

    stick = tmp_path / "E"
    stick.mkdir()
    found = [sticks.Stick(label="SCHOOLUSB (E:)", root=stick, free=10**9, writable=True)]
    monkeypatch.setattr(sticks, "removable_drives", lambda: found)  # the drives plugged in are the OS's
    QSettings().remove(DESTINATION_KEY)
    page = ExportPage(AppState(school_db))
    qtbot.addWidget(page)
    page.fill_drives()
    assert page.destination.count() == 1 and page.destination.currentIndex() == -1  # offered, not chosen
    assert page.destination.placeholderText() == "请选择 U 盘或文件夹…"
    QSettings().setValue(DESTINATION_KEY, str(stick))
    page.fill_drives()
    assert page.destination.currentData() == str(stick)  # the clerk's own earlier choice
