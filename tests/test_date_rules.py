"""GK7xx date rules beyond GK701: statistics period, narrative year, deadline, sign-off date."""

from __future__ import annotations

from conftest import CORPUS, codes, lint, lint_text, seed
from test_rules import edited

SEED_004 = seed("004").read_text(encoding="utf-8")
SEED_000 = seed("000").read_text(encoding="utf-8")
R008 = (CORPUS / "r008.txt").read_text(encoding="utf-8")


def by(res, code):
    return [f for f in res.findings if f.code == code]


def test_gk702_period_missing_on_seeds_000_and_002():
    for name in ("000", "002"):
        (f,) = by(lint(seed(name)), "GK702")
        assert f.severity == "info"
    for name in ("001", "003", "004"):
        assert "GK702" not in codes(lint(seed(name)))


def test_gk703_period_wrong(tmp_path):
    for name in ("001", "003", "004"):  # 1月1日至12月31日 with or without the end year: correct
        assert "GK703" not in codes(lint(seed(name)))
    res = lint_text(tmp_path, edited(SEED_004, "统计期限为2024年1月1日", "统计期限为2023年1月1日"), "r.txt")
    (f,) = by(res, "GK703")
    assert f.severity == "error" and f.data["expected"] == "2024-01-01/2024-12-31"
    res = lint_text(tmp_path, edited(SEED_004, "至12月31日", "至11月30日"), "r.txt")
    assert len(by(res, "GK703")) == 1


def test_gk704_narrative_names_another_year(tmp_path):
    res = lint_text(tmp_path, edited(SEED_004, "（一）主动公开方面。2024年，累计", "（一）主动公开方面。2023年，我局累计"), "r.txt")
    (f,) = by(res, "GK704")
    assert f.severity == "warning" and f.data["said"] == 2023
    # Plans for next year and "since" phrases are normal (seed 001: 2022年，我委将… in a 2021 report).
    assert "GK704" not in codes(lint(seed("001")))
    ok = edited(SEED_004, "（一）主动公开方面。2024年，累计", "（一）主动公开方面。2023年以来，我局累计")
    assert "GK704" not in codes(lint_text(tmp_path, ok, "r.txt"))


def test_gk705_deadline_from_page_metadata(tmp_path):
    # r008: a 管委会 reporting for its area, as a government: 2026-03-10 is before 31 March.
    assert "GK705" not in codes(lint(CORPUS / "r008.txt"))
    late = edited(R008, "发布时间: 2026-03-10", "发布时间: 2026-04-02")
    (f,) = by(lint_text(tmp_path, late, "r.txt"), "GK705")
    assert (f.data["deadline"], f.data["issuer"]) == ("2026-03-31", "government")
    # As a department (setting), 31 January applies.
    res = lint(CORPUS / "r008.txt", settings={"issuer": "department"})
    (f,) = by(res, "GK705")
    assert f.data["deadline"] == "2026-01-31"
    # Local deadlines override the 条例.
    res = lint(CORPUS / "r008.txt", settings={"deadlines": {"government": "02-28"}})
    assert by(res, "GK705")[0].data["deadline"] == "2026-02-28"


def test_gk705_department_from_metadata_and_signoff(tmp_path):
    assert "GK705" not in codes(lint(seed("000")))  # 撰写时间 2024-01-23 ≤ 2024-01-31
    late = edited(SEED_000, "2024年01月23日", "2024年02月23日")
    (f,) = by(lint_text(tmp_path, late, "r.txt"), "GK705")
    assert f.data["issuer"] == "department" and f.data["deadline"] == "2024-01-31"
    signed = SEED_004.rstrip() + "\n\n沙河市卫生健康局\n\n2025年2月10日\n"
    (f,) = by(lint_text(tmp_path, signed, "r.txt"), "GK705")
    assert f.data["published"] == "2025-02-10"


def test_gk706_signoff_malformed_on_seed_000():
    (f,) = by(lint(seed("000")), "GK706")
    assert f.severity == "info" and f.data["said"] == "20241月5日"


def test_gk706_signoff_before_year_end(tmp_path):
    signed = SEED_004.rstrip() + "\n\n沙河市卫生健康局\n\n2024年12月1日\n"
    (f,) = by(lint_text(tmp_path, signed, "r.txt"), "GK706")
    assert "早于" in f.message
    ok = SEED_004.rstrip() + "\n\n沙河市卫生健康局\n\n2025年1月10日\n"
    assert not by(lint_text(tmp_path, ok, "r.txt"), "GK706")
