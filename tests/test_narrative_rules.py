"""GK6xx text-vs-table rules, and the numeral helper they use."""

from __future__ import annotations

import pytest

from conftest import CORPUS, lint, lint_text, seed
from test_rules import edited

from gklint import facts
from gklint.textscan import to_int

SEED_001 = seed("001").read_text(encoding="utf-8")
SEED_000 = seed("000").read_text(encoding="utf-8")
R008 = (CORPUS / "r008.txt").read_text(encoding="utf-8")


def gk6(res):
    return [f for f in res.findings if f.code.startswith("GK6")]


@pytest.mark.parametrize("text,value", [("2", 2), ("两", 2), ("十二", 12), ("二十", 20), ("一百零五", 105),
                                        ("1,234", 1234), ("零", 0), ("一千零一", 1001), ("一二", None), ("件", None)])
def test_to_int(text, value):
    assert to_int(text) == value


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_no_narrative_finding_on_seeds(name, tmp_path):
    # Seed 001 lists 权责清单 items (行政许可17项, 行政处罚159项), not decisions: no GK604.
    res = lint(seed(name))
    assert not gk6(res)
    # Control: the same seed saying it received one request more than its table has is reported.
    assert [f.code for f in gk6(lint_text(tmp_path, one_more(seed(name), res), "r" + seed(name).suffix))] == ["GK601"]


@pytest.mark.parametrize("name", ["r004.txt", "r006.txt", "r008.txt"])
def test_no_narrative_finding_on_corpus(name, tmp_path):
    res = lint(CORPUS / name)
    assert not gk6(res)
    assert [f.code for f in gk6(lint_text(tmp_path, one_more(CORPUS / name, res), name))] == ["GK601"]


def one_more(path, res) -> str:
    """The report with a sentence stating one request more than 表三's new requests."""
    n = facts.count(res.report, "requests_new")
    return path.read_text(encoding="utf-8").rstrip() + f"\n\n本年度共收到政府信息公开申请{n + 1}件。\n"


def test_gk601_received_count(tmp_path):
    text = edited(SEED_001, "2021年共收到申请公开的信息数2件", "2021年共收到申请公开的信息数5件")
    (f,) = gk6(lint_text(tmp_path, text, "r.txt"))
    assert f.code == "GK601" and (f.data["said"], f.data["table"]) == (5, 2) and f.severity == "warning"
    # Chinese numerals are read too: 两件 is 2, as in the table.
    text = edited(SEED_001, "2021年共收到申请公开的信息数2件", "2021年共收到申请公开的信息数两件")
    assert not gk6(lint_text(tmp_path, text, "r.txt"))


def test_gk601_done_and_carried_on_corpus(tmp_path):
    res = lint_text(tmp_path, edited(R008, "共办结148件，结转至2026年6件", "共办结147件，结转至2026年7件"), "r.txt")
    assert [(f.code, f.data["cell"]) for f in gk6(res)] == [("GK601", "t3[R24][C7]"), ("GK601", "t3[R25][C7]")]


def test_gk602_no_applications_but_table(tmp_path):
    text = edited(SEED_001, "2021年共收到申请公开的信息数2件", "2021年未收到政府信息公开申请")
    (f,) = gk6(lint_text(tmp_path, text, "r.txt"))
    assert f.code == "GK602" and f.severity == "error" and f.data["table"] == 2


def test_gk603_review_and_litigation(tmp_path):
    res = lint_text(tmp_path, edited(R008, "行政复议36起，行政诉讼9起", "行政复议三十五起，行政诉讼9起"), "r.txt")
    (f,) = gk6(res)
    assert f.code == "GK603" and (f.data["said"], f.data["table"]) == (35, 36)
    res = lint_text(tmp_path, edited(R008, "行政复议36起，行政诉讼9起", "行政复议36起，行政诉讼8起"), "r.txt")
    (f,) = gk6(res)
    assert (f.data["said"], f.data["table"]) == (8, 9)


def test_gk603_says_none_but_table(tmp_path):
    text = edited(R008, "全年办理因政府信息公开申请引发的行政复议36起", "全年未发生因政府信息公开申请引发的行政复议")
    (f,) = gk6(lint_text(tmp_path, text, "r.txt"))
    assert f.code == "GK603" and (f.data["said"], f.data["table"]) == (0, 36)


def test_gk604_decisions_info_only(tmp_path):
    text = edited(SEED_000, "本年度办理行政处罚案件71件", "本年度办理行政处罚案件72件")
    (f,) = gk6(lint_text(tmp_path, text, "r.txt"))
    assert f.code == "GK604" and f.severity == "info" and f.data["cell"] == "t2_6[penalty][decisions]"
    # Counted in 项 (权责清单 items), never compared.
    text = edited(SEED_000, "本年度办理行政处罚案件71件", "本年度行政处罚事项72项")
    assert not gk6(lint_text(tmp_path, text, "r.txt"))


def test_gk605_fee_amount_without_applications(tmp_path):
    text = edited(SEED_000, "2023年度没有收取政府信息处理费。", "2023年度收取信息处理费200元。")
    (f,) = gk6(lint_text(tmp_path, text, "r.txt"))
    assert f.code == "GK605" and f.severity == "warning"
