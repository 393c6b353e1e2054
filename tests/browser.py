"""Headless Chromium (Debian's chromium and chromium-driver) driven by selenium, for the browser
tests. Importing this skips the importing test module where Chromium is missing, except in CI
(CI set), where .ci/run installs it and a missing browser must fail."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")

if not os.environ.get("CI"):
    if not (CHROMIUM and DRIVER):
        pytest.skip("chromium and chromium-driver are not installed (.ci/run installs them)", allow_module_level=True)
    pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402, F401  (the tests find elements with it)

# Cells are found by their names (the tooltip), as a person reads them.
SUSPECT = 'td[title="收到和处理政府信息公开申请情况表“（一）予以公开”行“总计”列"]'


def chromium(profile: Path, *flags: str) -> webdriver.Chrome:
    """A headless Chromium with its own profile folder and no background traffic of its own."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1000", f"--user-data-dir={profile}", *flags):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
