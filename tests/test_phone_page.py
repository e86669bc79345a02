"""The phone's upload page in a real browser (Debian's chromium, headless, at a phone's size, driven by selenium):
two photos picked and sent, then 完成; they are on the record without GPS. Linux only: the Windows lane has no
browser (its HTTP side is test_phone_photos.py, run there too)."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from schooldesk.services.activities import list_activities
from tests.builders import open_as_command
from tests.test_phone_photos import AUTUMN, _start, activity, phone_jpeg, png  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no browser on the Windows lane (Wine)")
PHONE = (390, 844)  # CSS pixels of a common phone


def _browser(download: Path):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "chromium and chromium-driver are installed by ./dev.sh setup"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={PHONE[0]},{PHONE[1]}", f"--user-data-dir={download}"):
        options.add_argument(argument)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": PHONE[0], "height": PHONE[1],
                                                                          "pixelRatio": 2}})
    return webdriver.Chrome(service=Service(driver), options=options)


def test_a_phone_browser_sends_two_photos_and_finishes(activity, data_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    db, activity_id = activity
    db.close()
    first, second = tmp_path / "IMG_0001.jpg", tmp_path / "IMG_0002.png"
    first.write_bytes(phone_jpeg())
    second.write_bytes(png())
    process, url = _start(data_dir, f"activity:{activity_id}")
    browser = _browser(tmp_path / "profile")
    try:
        browser.get(url)
        assert "安全教育班会" in browser.find_element(By.ID, "record").text
        browser.find_element(By.ID, "files").send_keys(f"{first}\n{second}")
        WebDriverWait(browser, 60).until(lambda b: "已上传 2 张" in b.find_element(By.ID, "status").text)
        browser.save_screenshot(str(tmp_path / "phone.png"))
        browser.find_element(By.ID, "done").click()
        WebDriverWait(browser, 30).until(lambda b: "已完成" in b.find_element(By.TAG_NAME, "body").text)
        out, err = process.communicate(timeout=60)
    finally:
        browser.quit()
        process.kill()
    assert json.loads(out.strip().splitlines()[-1]) == {"received": 2, "refused": 0}, err
    db = open_as_command(data_dir)
    try:
        [row] = [r for r in list_activities(db, AUTUMN) if r.id == activity_id]
        assert sorted(p.original_name for p in row.photos) == ["IMG_0001.jpg", "IMG_0002.png"]
    finally:
        db.close()
