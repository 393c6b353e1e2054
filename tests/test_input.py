"""GK0xx and robustness: any input gives a clear finding with file and line, never a traceback,
and the other files of a run are still checked."""

from __future__ import annotations

import codecs

import pytest

from conftest import codes, crash_rule, lint, lint_text, seed
from gklint import engine
from gklint.checks import checkers

SEED_001 = seed("001").read_text(encoding="utf-8")


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("encoding,prefix,read_as", [
    ("gb18030", b"", "gb18030"), ("gbk", b"", "gb18030"), ("utf-8", codecs.BOM_UTF8, "utf-8"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"), ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
])
def test_encodings_give_the_same_findings(tmp_path, encoding, prefix, read_as):
    text = SEED_001.replace("\xa0", " ") if encoding == "gbk" else SEED_001  # GBK has no NBSP
    data = prefix + text.encode(encoding)
    res = lint(write(tmp_path, "r.txt", data))
    assert codes(res) == codes(lint(seed("001")))
    assert res.report.encoding == read_as  # GBK files are read with its superset GB18030


def test_crlf_line_endings(tmp_path):
    res = lint(write(tmp_path, "r.txt", SEED_001.replace("\n", "\r\n").encode("utf-8")))
    assert codes(res) == codes(lint(seed("001")))
    assert [f.line for f in res.findings] == [f.line for f in lint(seed("001")).findings]


def test_gk001_missing_file(tmp_path):
    res = lint(tmp_path / "nope.txt")
    assert codes(res) == ["GK001"] and res.findings[0].path.endswith("nope.txt")


def test_gk002_binary(tmp_path):
    res = lint(write(tmp_path, "r.txt", bytes(range(256)) * 4))
    assert codes(res) == ["GK002"]


def test_gk003_invalid_utf8_is_reported_and_the_rest_checked(tmp_path):
    data = SEED_001.encode("utf-8").replace("六、其他需要报告的事项".encode(), b"\xff\xfe" + "六、其他需要报告的事项".encode())
    res = lint(write(tmp_path, "r.txt", data))
    (bad,) = [f for f in res.findings if f.code == "GK003"]
    assert bad.line == 412
    assert "GK302" in codes(res)  # the rest of the report is still checked


def test_gk004_empty(tmp_path):
    assert codes(lint(write(tmp_path, "r.txt", b""))) == ["GK004"]
    assert codes(lint(write(tmp_path, "s.txt", b"\n \n\t\n"))) == ["GK004"]


def test_gk005_not_a_report(tmp_path):
    res = lint_text(tmp_path, "会议通知\n\n请各单位于周五前报送材料。\n")
    assert codes(res) == ["GK005"]


def test_gk008_too_large(tmp_path):
    res = lint(write(tmp_path, "r.txt", SEED_001.encode()), max_bytes=1000)
    assert codes(res) == ["GK008"]


@pytest.mark.parametrize("name,data", [("r.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
                                       ("r.ofd", b"whatever"), ("r.rtf", b"{\\rtf1 whatever}")])
def test_gk009_unsupported_format(tmp_path, name, data):
    res = lint(write(tmp_path, name, data))
    assert codes(res) == ["GK009"] and res.findings[0].severity == "warning"


def test_gk010_crash_in_a_rule_is_contained(tmp_path, monkeypatch):
    class Broken:
        needs_report = True

        def check(self, report):
            raise RuntimeError("boom")

    monkeypatch.setattr(engine, "checkers", lambda: [Broken()] + checkers())
    res = lint(seed("001"))
    (internal,) = [f for f in res.findings if f.code == "GK010"]
    assert "boom" in internal.message
    assert "GK302" in codes(res)  # the other rules still ran


def test_truncated_report_half_a_table(tmp_path):
    cut = SEED_001[: SEED_001.index("（五）不予处理")]
    res = lint_text(tmp_path, cut)
    assert "GK010" not in codes(res)
    assert {"GK101", "GK205"} <= set(codes(res))


def test_nul_bytes_inside_text(tmp_path):
    res = lint(write(tmp_path, "r.txt", SEED_001.encode()[:3000] + b"\x00" * 50))
    assert codes(res) == ["GK002"]


HUGE_LINE = "一、总体情况" + "政府信息公开工作稳步推进，" * 20000


def test_single_huge_line_does_not_crash(tmp_path):
    res = lint_text(tmp_path, HUGE_LINE)
    assert "GK010" not in codes(res)


def test_single_huge_line_with_a_crashing_rule(tmp_path, monkeypatch):
    """Positive control of the test above: a rule that fails on this input is reported."""
    crash_rule(monkeypatch)
    (f,) = [f for f in lint_text(tmp_path, HUGE_LINE).findings if f.code == "GK010"]
    assert "规则组 input 运行出错（RuntimeError: boom）" in f.message and f.data["family"] == "input"


def test_flattened_table_unique_split(tmp_path):
    text = ("某局2023年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
            "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
            "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计110024001510102\n")
    res = lint_text(tmp_path, text)
    t4 = res.report.tables["t4"].rows["ALL"]
    assert [t4.cells[f"F{i:02d}"].value for i in range(1, 16)] == [1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]
    assert t4.split == "unique"  # 15 digits for 15 cells: no total needed
    assert not [c for c in codes(res) if c.startswith(("GK30", "GK00"))]


def test_gk006_ambiguous_run_and_gk007_split_by_total(tmp_path):
    text = ("某局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
            "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 000行政规范性文件693665\n"
            "三、收到和处理政府信息公开申请情况\n"
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计"
            "商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量640020470\n")
    res = lint_text(tmp_path, text)
    (ambiguous,) = [f for f in res.findings if f.code == "GK006"]
    assert "693665" in ambiguous.message and ambiguous.line == 3
    (by_total,) = [f for f in res.findings if f.code == "GK007"]
    assert "64/0/0/2/0/4/70" in by_total.message
    assert "GK302" not in codes(res)
