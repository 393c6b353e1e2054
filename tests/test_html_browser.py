"""The HTML report in a real browser: headless Chromium (Debian's chromium and chromium-driver),
driven by selenium. Highlighted cells and findings must be visible, and markup from a report must
stay text. Skipped where Chromium is missing, except in CI (CI set), where .ci/run installs it."""

from __future__ import annotations

import pytest

from browser import SUSPECT, By, chromium
from conftest import seed
from gklint.cli import main
from test_formats import IMG, injected_report

OPERAND = 'td[title="收到和处理政府信息公开申请情况表“（一）予以公开”行“自然人”列"]'


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium(tmp_path_factory.mktemp("chromium"))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """One page for seeds 001 (arithmetic error), 002 (label error) and a report with markup in it."""
    tmp = tmp_path_factory.mktemp("html")
    out = tmp / "report.html"
    paths = [str(seed("001")), str(seed("002")), str(injected_report(tmp))]
    assert main(["check", "--format", "html", "-o", str(out), *paths]) == 1
    return out.as_uri()


def test_findings_and_marked_cells_are_visible(browser, page):
    browser.get(page)
    # The arithmetic error: the suspect cell strongly marked, its operands marked, all visible.
    suspect = browser.find_element(By.CSS_SELECTOR, SUSPECT)
    assert "hl-suspect" in suspect.get_attribute("class") and suspect.text == "0" and suspect.is_displayed()
    operand = browser.find_element(By.CSS_SELECTOR, OPERAND)
    assert "hl-operand" in operand.get_attribute("class") and operand.text == "2"
    assert suspect.value_of_css_property("background-color") != operand.value_of_css_property("background-color")
    finding = browser.find_element(By.CSS_SELECTOR, "#r1 li.finding.sev-error")
    assert finding.is_displayed() and "GK302" in finding.text and "应为 2，实为 0，相差 -2" in finding.text
    # Its link to the rule explanation embedded in the page.
    finding.find_element(By.CSS_SELECTOR, "a.code").click()
    rule = browser.find_element(By.ID, "rule-GK302")
    assert rule.is_displayed() and "修改：" in rule.text
    # The label error: the column header shows what the report wrote and the template's label.
    label = browser.find_element(By.CSS_SELECTOR, "#r2 th.hl-label")
    assert label.is_displayed() and label.text == "本年度止件数 → 本年废止件数"


def test_markup_in_a_report_stays_text(browser, page):
    browser.get(page)
    assert browser.title == "gklint 检查结果"  # the injected script would have set it
    assert browser.execute_script("return document.body.dataset.pwned") is None
    assert not browser.find_elements(By.CSS_SELECTOR, "#r3 td img, #r3 th img, #r3 td script")
    cell = browser.find_element(By.CSS_SELECTOR, '#r3 td[title="第二十条第（五）项“行政许可”行“本年处理决定数量”列"]')
    assert cell.text == '<script>document.title="PWNED"</script>' and "hl-cell" in cell.get_attribute("class")
    (extra,) = browser.find_elements(By.CSS_SELECTOR, "#r3 tr.extra th")
    assert extra.text == f"行政处罚{IMG}" and extra.is_displayed()


def test_index_sorts_by_a_clicked_column(browser, page):
    browser.get(page)
    # Twice on 错误: most errors first.
    header = browser.find_element(By.XPATH, "//table[@id='index-table']//th[text()='错误']")
    header.click()
    header.click()
    errors = [int(td.text) for td in browser.find_elements(By.CSS_SELECTOR, "#index-table tbody td:nth-child(5)")]
    assert errors == sorted(errors, reverse=True) and errors[0] > errors[-1]
