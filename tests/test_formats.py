"""Output formats for CI and people: each one's shape, plus the baseline round trip."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, SEEDS, seed
from gklint.checks import all_rules
from gklint.cli import main

# The official SARIF 2.1.0 JSON schema (2.1.0-rtm.5, the version the OASIS standard published), copied
# unchanged from the npm package @microsoft/jest-sarif 1.0.0-beta.0 (MIT), lib/schemas/sarif-2.1.0-rtm.5.json.
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# Shape tests count and place findings; pinned to the core families so new rules elsewhere
# (content, narrative, dates) do not change what a format test is about.
CORE = ("--select", "GK0,GK1,GK2,GK3,GK4")


def seeds() -> list[str]:
    return [str(p) for p in sorted(SEEDS.glob("*.txt"))]


def test_sarif_is_valid_and_carries_rule_help(capsys):
    code, out, _ = run(capsys, "check", "--format", "sarif", *CORE, *seeds())
    log = json.loads(out)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    assert code == 1 and log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    assert all(r["help"]["text"].startswith(r["id"]) and "修改：" in r["help"]["text"] for r in rules)
    results = run_["results"]
    assert len(results) == 9
    gk302 = next(r for r in results if r["ruleId"] == "GK302")
    assert rules[gk302["ruleIndex"]]["id"] == "GK302" and gk302["level"] == "error"
    region = gk302["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (112, 2)
    assert gk302["properties"]["suspect"]["should_be"] == 2
    assert {r["level"] for r in results} == {"error", "warning", "note"}


def test_github_annotations(capsys, tmp_path):
    odd = tmp_path / "报告,2023:v2.txt"  # property values must escape , and :
    shutil.copy(seed("002"), odd)
    code, out, _ = run(capsys, "check", "--format", "github", "-q", *CORE, str(seed("001")), str(odd))
    lines = out.splitlines()
    pattern = re.compile(r"^::(error|warning|notice) file=([^,:]+),line=(\d+),col=(\d+),title=(GK\d{3})::(.+)$")
    assert all(pattern.match(line) for line in lines), lines
    assert re.match(r"::error file=.*001_1244fb917606d24f\.txt,line=112,col=2,title=GK302::收到", lines[2])
    assert lines[-1].startswith("::warning file=") and "%2C2023%3Av2.txt,line=12,col=13,title=GK204::" in lines[-1]
    assert lines[3].startswith("::notice ")  # info → notice


def test_junit_xml(capsys):
    _, out, _ = run(capsys, "check", "--format", "junit", *CORE, str(seed("001")), str(seed("002")))
    root = ET.fromstring(out)
    assert root.tag == "testsuites" and (root.get("tests"), root.get("failures")) == ("5", "5")
    first, second = root.findall("testsuite")
    assert first.get("name").endswith("001_1244fb917606d24f.txt") and first.get("failures") == "4"
    failures = [c.find("failure") for c in first.findall("testcase")]
    assert [f.get("type") for f in failures] == ["warning", "warning", "error", "info"]
    assert "GK302" in first.findall("testcase")[2].get("name") and failures[2].get("message").startswith("收到")
    # A clean report is one passing test case.
    _, out, _ = run(capsys, "check", "--format", "junit", "--select", "GK8", str(seed("001")))
    (suite,) = ET.fromstring(out).findall("testsuite")
    (case,) = suite.findall("testcase")
    assert suite.get("failures") == "0" and case.find("failure") is None


def test_junit_drops_characters_xml_cannot_carry(capsys, tmp_path):
    text = seed("002").read_text(encoding="utf-8").replace("本年度止件数", "本年度止\x0c件数")
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    _, out, _ = run(capsys, "check", "--format", "junit", str(tmp_path / "r.txt"))
    ET.fromstring(out)  # parses


def _gitlab(capsys, *paths):
    code, out, _ = run(capsys, "check", "--format", "gitlab", *CORE, *paths)
    return json.loads(out)


def test_gitlab_code_quality(capsys):
    issues = _gitlab(capsys, *seeds())
    assert len(issues) == 9
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert re.fullmatch(r"GK\d{3}", issue["check_name"])
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["path"], str) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_survive_inserted_lines(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # paths, and so fingerprints, relative to the working directory
    report = Path("001.txt")
    text = seed("001").read_text(encoding="utf-8")
    report.write_text(text, encoding="utf-8")
    before = _gitlab(capsys, str(report))
    report.write_text("\n\n\n" + text, encoding="utf-8")
    after = _gitlab(capsys, str(report))
    assert [i["location"]["lines"]["begin"] + 3 for i in before] == [i["location"]["lines"]["begin"] for i in after]
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert before[0]["location"]["path"] == "001.txt"


def test_json_lines(capsys):
    _, out, _ = run(capsys, "check", "--format", "json-lines", *CORE, *seeds())
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 9 and out.endswith("\n")
    assert all({"path", "code", "severity", "line", "column", "message"} <= set(r) for r in rows)
    gk302 = next(r for r in rows if r["code"] == "GK302")
    assert gk302["path"].endswith("001_1244fb917606d24f.txt") and gk302["suspect"]["cell"] == "收到和处理政府信息公开申请情况表“（一）予以公开”行“总计”列"


# --- HTML (rendering; the browser test is in test_html_browser.py) ---

SCRIPT = '<script>document.title="PWNED"</script>'
IMG = '<img src=x onerror="document.body.dataset.pwned=1">'


def injected_report(tmp_path) -> Path:
    """Seed 002 with markup in a table cell (→ GK208) and in a row label (→ GK206, GK205)."""
    text = seed("002").read_text(encoding="utf-8")
    text = text.replace("行政许可\t9\t", f"行政许可\t{SCRIPT}\t", 1).replace("行政处罚\t55", f"行政处罚{IMG}\t55", 1)
    path = tmp_path / "injected.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_html_is_self_contained_and_escapes_report_text(capsys, tmp_path):
    injected = injected_report(tmp_path)
    code, out, _ = run(capsys, "check", "--format", "html", str(seed("001")), str(injected), str(tmp_path / "missing.txt"))
    assert " GK208 " in run(capsys, "check", str(injected))[1]  # the markup really reaches the findings
    assert out.startswith("<!doctype html>") and '<html lang="zh-CN">' in out and '<meta charset="utf-8">' in out
    assert "<script>document" not in out and "<img" not in out
    assert out.count("&lt;script&gt;document.title=&#34;PWNED&#34;&lt;/script&gt;") == 2  # message and cell
    assert "行政处罚&lt;img src=x onerror=" in out
    # Nothing fetched: no external script, style, font or image.
    assert not re.search(r"""(src|href)=["']?(https?:)?//|@import|url\(""", out)
    assert out.count("<script>") == 1  # the table sorter
    assert 'id="index-table"' in out and 'href="#r3"' in out  # several files: an index
    assert 'id="rule-GK302"' in out and 'href="#rule-GK302"' in out
    assert "GK001" in out  # the missing file still gets its part


def test_html_marks_the_cells_of_a_finding(capsys):
    _, out, _ = run(capsys, "check", "--format", "html", str(seed("001")))
    # Cells are named as people name them (their tooltip); anchors are neutral ids.
    assert re.search(r'<td id="r1-c\d+" class="hl-suspect k-number" title="收到和处理政府信息公开申请情况表“（一）予以公开”行“总计”列"><a href="#r1-f\d">0</a></td>', out)
    assert re.search(r'<td id="r1-c\d+" class="hl-operand k-number" title="收到和处理政府信息公开申请情况表“（一）予以公开”行“自然人”列"', out)
    assert "应为 2，实为 0，相差 -2" in out
    assert 'id="index-table"' not in out  # one file: no index


def test_html_written_alongside_another_format(capsys, tmp_path):
    page = tmp_path / "r.html"
    code, out, _ = run(capsys, "check", "--html", str(page), str(seed("002")))
    assert code == 0 and " GK204 " in out  # text output unchanged
    html = page.read_text(encoding="utf-8")
    assert "<del>本年度止件数</del>" in html and "本年废止件数" in html


# --- Baseline ---

def _copy_seeds(tmp_path, *prefixes):
    for p in prefixes:
        shutil.copy(seed(p), tmp_path / seed(p).name)
    return [str(tmp_path / seed(p).name) for p in prefixes]


def test_baseline_round_trip(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r001, r002 = _copy_seeds(tmp_path, "001", "002")
    code, out, err = run(capsys, "check", "--write-baseline", ".gklint-baseline.json", r001, r002)
    assert code == 0 and "未发现问题" in out and "已把 13 项问题写入基线 .gklint-baseline.json" in err
    entries = json.loads(Path(".gklint-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [e["path"] for e in entries] == [Path(r001).name] * 7 + [Path(r002).name] * 6
    # Shift every line (blank lines above the title), and add one new defect: a heading numbered "3、" instead of "三、".
    text = Path(r001).read_text(encoding="utf-8")
    assert text.count("三、收到和处理政府信息公开申请情况") == 1
    text = "\n" * 5 + text.replace("三、收到和处理政府信息公开申请情况", "3、收到和处理政府信息公开申请情况")
    Path(r001).write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "check", "--baseline", ".gklint-baseline.json", "--fail-on", "warning", r001, r002)
    new = out.splitlines()[:-1]
    assert len(new) == 1 and " GK105 " in new[0] and "“3”" in new[0], out
    assert code == 1 and "13 项已记录的问题未再报告" in err and "不再出现" not in err
    # Fix the arithmetic error: its baseline entry is now stale and listed.
    lines = text.split("\n")
    assert lines[116] == "\t0"  # line 112 before the shift: 表三 “（一）予以公开” 总计
    lines[116] = "\t2"
    Path(r001).write_text("\n".join(lines), encoding="utf-8")
    code, out, err = run(capsys, "check", "--baseline", ".gklint-baseline.json", "--select", "GK3", r001)
    assert "1 项记录已不再出现" in err and "001_1244fb917606d24f.txt: GK302 " in err, err


@pytest.mark.parametrize("content, expected", [
    ("{not json", "不是有效的 JSON"),
    ('{"findings": []}', "格式不对"),
    ('{"gklint_baseline": 1, "findings": [{"path": "a.txt"}]}', "第 1 条记录格式不对"),
    (None, "无法读取基线文件"),
])
def test_malformed_baseline_is_a_usage_error(capsys, tmp_path, content, expected):
    baseline = tmp_path / "b.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "check", "--baseline", str(baseline), str(seed("002")))
    assert code == 2 and out == "" and expected in err and str(baseline) in err


def test_pre_commit_hook_definition():
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "gklint" and hook["entry"].startswith("gklint check") and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert all(files.search(n) for n in ("2023年报告.txt", "r.md", "r.docx", "r.html", "r.htm", "r.pdf"))
    assert not any(files.search(n) for n in ("r.csv", "r.txt.bak", "README"))
