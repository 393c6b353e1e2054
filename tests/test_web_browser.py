"""The web app in a real browser: `gklint web build` into a temporary folder, `gklint web serve` on
127.0.0.1, headless Chromium (Debian's chromium and chromium-driver) driven by selenium. The officer's
path: choose a Word report with a wrong sum, see the GK302 finding and its highlighted cell, switch
to English; and every request the page, its findings frame and its worker made went to the page's
own origin (Chromium's network log sees all three; Resource Timing only the page's own).
Skipped where Chromium is missing, except in CI (CI set), where .ci/run installs it."""

from __future__ import annotations

import json
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from browser import SUSPECT, By, chromium as _chromium  # first: skips this module where Chromium is missing
from conftest import seed
from gklint.cli import main
from readers_fixtures import fill_template, seed_blocks
from selenium.webdriver.support.ui import WebDriverWait

SUSPECT_EN = 'td[title="Table 3 (requests for disclosure received and handled), row “（一）予以公开”, column “总计”"]'

START = 180  # seconds for Pyodide to start and gklint to load (about 10 on the CI machine)
CHECK = 120  # seconds for one report


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web") / "site"
    started = time.monotonic()
    assert main(["web", "build", str(folder)]) == 0
    print(f"web build: {time.monotonic() - started:.1f} s, "
          f"{sum(p.stat().st_size for p in folder.rglob('*') if p.is_file()) / 1e6:.1f} MB")
    return folder


@pytest.fixture(scope="module")
def origin(site):
    """`gklint web serve` itself, on a port the system picks (--port 0), read from what it prints."""
    proc = subprocess.Popen([sys.executable, "-m", "gklint", "web", "serve", "--no-browser", "--port", "0", str(site)],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([proc.stderr], [], [], 30)
        line = proc.stderr.readline() if ready else ""
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert match, f"gklint web serve printed {line!r}"
        yield match.group(0)
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def word_report(tmp_path_factory) -> Path:
    """Seed 001 in the national Word template: 表三 row （一）予以公开 has 总计 0 for 2 + 0 + … = 2."""
    path = tmp_path_factory.mktemp("docx") / "绥化市卫生健康委员会2021年报告.docx"
    return fill_template(seed_blocks(seed("001").read_text(encoding="utf-8")), path)


def chromium(tmp_path: Path, *flags: str):
    # No name resolves but 127.0.0.1: Chromium's own background requests cannot leave the machine.
    return _chromium(tmp_path / "profile", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", *flags)


def state(driver) -> str:
    return driver.find_element(By.TAG_NAME, "body").get_attribute("data-state")


def wait_for(driver, states: tuple[str, ...], timeout: int) -> str:
    WebDriverWait(driver, timeout).until(lambda d: state(d) in states + ("error",))
    return state(driver)


def message(driver) -> str:
    return driver.find_element(By.ID, "message").text


def choose(driver, *paths: Path) -> None:
    driver.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in paths))


def result_page(driver) -> str:
    """The findings page in the frame, as text, from its blob: URL."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(document.getElementById('result').src).then(r => r.text()).then(done, e => done(String(e)));")


def requests_by_page(netlog: Path, origin: str) -> list[str]:
    """URLs of every request a document or worker of `origin` started (Chromium's net log names the
    initiator; Chromium's own requests and the typed-in navigation have none)."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in log["events"]
            if e["type"] == start and e.get("params", {}).get("initiator") == origin]


def test_word_report_with_a_wrong_sum(site, origin, word_report, tmp_path, monkeypatch):
    netlog = tmp_path / "netlog.json"
    driver = chromium(tmp_path, f"--log-net-log={netlog}")
    try:
        driver.get(origin + "/")
        assert driver.title == "gklint 年度报告检查" and "不会上传" in driver.find_element(By.ID, "pick").text
        assert wait_for(driver, ("ready",), START) == "ready", message(driver)
        assert message(driver) == "准备就绪：请选择报告文件。"
        choose(driver, word_report)
        assert wait_for(driver, ("done",), CHECK) == "done", message(driver)
        assert message(driver) == "检查完成：1 个文件，错误 1 项，警告 3 项，提示 3 项。"
        # The same page as `gklint check --html` gives for the same file.
        page = result_page(driver)
        cli = tmp_path / "cli"
        cli.mkdir()
        shutil.copy(word_report, cli / word_report.name)
        monkeypatch.chdir(cli)  # the page names files as chosen, without a folder
        assert main(["check", word_report.name, "--isolated", "--no-cache", "-q",
                     "--html", str(tmp_path / "cli.html")]) == 1
        assert page == (tmp_path / "cli.html").read_text(encoding="utf-8")
        save = driver.find_element(By.ID, "save")
        assert save.get_attribute("download") == "gklint-检查结果.html"
        assert save.get_attribute("href").startswith("blob:")

        driver.switch_to.frame(driver.find_element(By.ID, "result"))
        suspect = driver.find_element(By.CSS_SELECTOR, SUSPECT)
        assert "hl-suspect" in suspect.get_attribute("class") and suspect.text == "0" and suspect.is_displayed()
        finding = driver.find_element(By.CSS_SELECTOR, "#r1 li.finding.sev-error")
        assert "GK302" in finding.text and "应为 2，实为 0，相差 -2" in finding.text
        finding.find_element(By.CSS_SELECTOR, "a.code").click()  # in-page links work inside the frame
        assert driver.find_element(By.ID, "rule-GK302").is_displayed()
        driver.switch_to.default_content()

        # English: the page's labels at once, the findings page re-rendered by gklint.
        driver.find_element(By.CSS_SELECTOR, "button[data-lang='en']").click()
        assert message(driver) == "Done: 1 file(s), 1 error(s), 3 warning(s), 3 info."
        WebDriverWait(driver, CHECK).until(lambda d: '<html lang="en">' in result_page(d))
        driver.switch_to.frame(driver.find_element(By.ID, "result"))
        finding = driver.find_element(By.CSS_SELECTOR, "#r1 li.finding.sev-error")
        assert "GK302" in finding.text and "should be 2, is 0, difference -2" in finding.text
        assert "hl-suspect" in driver.find_element(By.CSS_SELECTOR, SUSPECT_EN).get_attribute("class")
        driver.switch_to.default_content()
        heading = driver.find_element(By.TAG_NAME, "h1").text
        assert heading == "Check annual reports on government information disclosure"

        timing = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert timing and all(url.startswith(origin + "/") for url in timing), timing
    finally:
        driver.quit()  # the net log is complete once the browser has closed
    urls = requests_by_page(netlog, origin)
    outside = [u for u in urls if not u.startswith(origin + "/")]
    assert not outside, outside
    # The log did see the worker's requests: the runtime and every wheel.
    loaded = {u.split("?")[0].removeprefix(origin + "/") for u in urls}
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    assert {manifest["pyodide"] + "pyodide.asm.wasm", "manifest.json"} <= loaded
    assert {"wheels/" + w["file"] for w in manifest["wheels"]} <= loaded


def test_pdf_gets_a_message_and_no_crash(site, origin, word_report, tmp_path):
    pdf = tmp_path / "报告.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    renamed = tmp_path / "看似文本.txt"  # gklint goes by content: a PDF by another name is a PDF
    renamed.write_bytes(pdf.read_bytes())
    driver = chromium(tmp_path)
    try:
        driver.get(origin + "/")
        assert "PDF 报告暂不能在网页中检查" in driver.find_element(By.ID, "pick").text
        choose(driver, pdf, renamed)  # chosen before gklint is ready: checked once it is
        assert wait_for(driver, ("done",), START + CHECK) == "done", message(driver)
        assert message(driver) == "没有可以在网页中检查的文件。"
        notes = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#notices li")]
        assert notes == ["报告.pdf：PDF 文件请用命令行检查（gklint check 报告.pdf）；网页版不能读取 PDF。",
                         "看似文本.txt：PDF 文件请用命令行检查（gklint check 看似文本.txt）；网页版不能读取 PDF。"]
        # A PDF among other files: the others are checked, the PDF is named.
        choose(driver, word_report, pdf)
        WebDriverWait(driver, CHECK).until(lambda d: message(d).startswith("检查完成：1 个文件"))
        assert [li.text.split("：")[0] for li in driver.find_elements(By.CSS_SELECTOR, "#notices li")] == ["报告.pdf"]
    finally:
        driver.quit()


def test_opened_as_a_file_it_says_to_serve_it(site, tmp_path):
    driver = chromium(tmp_path)
    try:
        driver.get((site / "index.html").as_uri())
        assert state(driver) == "error"
        assert "不能直接从本机文件打开" in message(driver) and "gklint web serve" in message(driver)
    finally:
        driver.quit()
