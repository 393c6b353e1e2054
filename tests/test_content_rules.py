"""GK5xx content rules: each fixture is a real seed with one edit (pattern of test_rules.py)."""

from __future__ import annotations

from conftest import codes, lint, lint_text, seed
from test_rules import edited

SEED_002 = seed("002").read_text(encoding="utf-8")
SEED_004 = seed("004").read_text(encoding="utf-8")


def by(res, code):
    return [f for f in res.findings if f.code == code]


def test_gk501_topic_missing_one_per_topic(tmp_path):
    res = lint_text(tmp_path, SEED_002, "r.md")
    (f,) = by(res, "GK501")
    assert f.data["topic"] == "依申请公开" and f.severity == "warning"
    fixed = edited(SEED_002, "二是持续强化", "依申请公开工作规范有序。二是持续强化")
    assert not by(lint_text(tmp_path, fixed, "r.md"), "GK501")


def test_gk501_silent_on_seeds_with_the_five_topics(tmp_path):
    for name in ("000", "001", "003", "004"):
        res = lint(seed(name))
        assert "GK501" not in codes(res), name
        # Control: the same seed with the words of one topic taken out of 一 is reported.
        text = without_topic(seed(name).read_text(encoding="utf-8"), res.report, "依申请公开")
        (f,) = by(lint_text(tmp_path, text, "r" + seed(name).suffix), "GK501")
        assert f.data["topic"] == "依申请公开", name


def without_topic(text: str, report, topic: str) -> str:
    """The report's text with the pack's words for `topic` blanked out in 一、总体情况 only."""
    lines = text.split("\n")
    for i in range(report.section("s1").pos.line, report.section("s2").pos.line - 1):
        for w in report.expected.items("overview_topics")[topic]:
            lines[i] = lines[i].replace(w, "某某" * len(w))
    return "\n".join(lines)


def test_gk502_government_results(tmp_path):
    # A 人民政府 must report 工作考核、社会评议和责任追究; seed 004 is a department (卫生健康局).
    assert "GK502" not in codes(lint(seed("004")))
    gov = edited(SEED_004, "沙河市卫生健康局\n2024年度", "沙河市人民政府\n2024年度")
    (f,) = by(lint_text(tmp_path, gov, "r.txt"), "GK502")
    assert f.data["missing"] == ["社会评议", "责任追究"]
    # The issuer setting overrides the inference.
    res = lint_text(tmp_path, gov, "r.txt", settings={"issuer": "department"})
    assert "GK502" not in codes(res)
    office = edited(SEED_004, "沙河市卫生健康局\n2024年度", "沙河市人民政府办公室\n2024年度")
    assert "GK502" not in codes(lint_text(tmp_path, office, "r.txt"))


def test_gk503_only_nothing(tmp_path):
    start, end = SEED_004.index("存在问题：一是"), SEED_004.index("六、其他需要报告的事项")
    res = lint_text(tmp_path, SEED_004[:start] + "无。\n\n" + SEED_004[end:], "r.txt")
    (f,) = by(res, "GK503")
    assert f.severity == "warning" and "无" in f.message


def test_gk504_rectification_is_info(tmp_path):
    (f,) = by(lint(seed("004")), "GK504")
    assert f.severity == "info"
    fixed = edited(SEED_004, "改进措施：", "上年度报告所提问题已全部整改。改进措施：")
    assert "GK504" not in codes(lint_text(tmp_path, fixed, "r.txt"))


def test_gk505_fee_statement():
    # template-spec §7.3: seeds 001 and 002 lack it (warning), 000 and 004 comply, 003 (2020) info only.
    for name in ("001", "002"):
        (f,) = by(lint(seed(name)), "GK505")
        assert f.severity == "warning" and f.data["section"] == "s6"
    for name in ("000", "004"):
        assert "GK505" not in codes(lint(seed(name)))
    (f,) = by(lint(seed("003")), "GK505")
    assert f.severity == "info"


def test_gk505_not_for_2019(tmp_path):
    text = seed("003").read_text(encoding="utf-8").replace("2020", "2019")
    assert "GK505" not in codes(lint_text(tmp_path, text, "r.txt"))
    # Controls: the same report for 2020 is reminded (info), for 2021 warned.
    for year, severity in (("2020", "info"), ("2021", "warning")):
        text = seed("003").read_text(encoding="utf-8").replace("2020", year)
        (f,) = by(lint_text(tmp_path, text, "r.txt"), "GK505")
        assert f.severity == severity, year


def test_gk504_to_gk506_not_without_a_year(tmp_path):
    # Seed 004 lacks the rectification and the other items of 六 (GK504, GK506); without a year,
    # checked against the latest template, neither is asked.
    assert {"GK504", "GK506"} <= set(codes(lint(seed("004"))))
    text = SEED_004.replace("2024", "").replace("2025", "")
    res = lint_text(tmp_path, text, "r.txt")
    assert res.report.year is None and not {"GK504", "GK505", "GK506"} & set(codes(res))


def test_gk506_other_items(tmp_path):
    assert "GK506" not in codes(lint(seed("000")))
    (f,) = by(lint(seed("004")), "GK506")
    assert f.severity == "info" and len(f.data["missing"]) == 2
    fixed = edited(SEED_004, "无其他需要报告事项。", "政务公开工作要点全部落实，建议提案办理结果已公开。")
    assert "GK506" not in codes(lint_text(tmp_path, fixed, "r.txt"))


def test_content_words_come_from_the_pack(packs):
    assert "主动公开" in packs["2021"].items("overview_topics")
    assert packs["2019"].words("fee") == packs["2021"].words("fee")
