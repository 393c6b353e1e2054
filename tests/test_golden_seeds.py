"""Golden tests: the findings template-spec §7.3 expects on the five seed reports, and the three
scraped corpus pages (their defects are noted by hand in corpus/INDEX.tsv)."""

from __future__ import annotations

import pytest

from conftest import CORPUS, codes, lint, lint_text, seed


def by_code(result, code):
    return [f for f in result.findings if f.code == code]


def test_seed_000_only_the_title_slip():
    res = lint(seed("000"))
    assert res.report.year == 2023 and res.report.layout.template == "2021"
    # STR-006 as info: 政务信息公开 instead of 政府信息公开. Tables balance: no GK3xx.
    # DAT-002 (no period sentence) and DAT-006 (sign-off "20241月5日") as info, and the unverified
    # CNT-004 (no rectification of last year's problems in 五) as info.
    assert sorted(codes(res)) == ["GK107", "GK504", "GK702", "GK706"]
    assert {f.severity for f in res.findings} == {"info"}
    (title,) = by_code(res, "GK107")
    assert "政务信息公开" in title.message


def test_seed_001_row_total_error_reported_once():
    res = lint(seed("001"))
    gk302 = by_code(res, "GK302")
    assert len(gk302) == 1, res.findings
    f = gk302[0]
    assert f.severity == "error"
    assert (f.data["expected"], f.data["actual"], f.data["difference"]) == (2, 0, -2)
    assert f.data["suspect"]["cell"] == "t3[R03][C7]"
    assert "（一）予以公开" in f.message and "自然人 2" in f.message
    # The same wrong cell also breaks A3 for 总计; that is folded into this finding, not repeated.
    assert not by_code(res, "GK303") and f.data["also_breaks"] == [{"relation": "A3", "binding": "C7"}]
    # Line 112 is the 总计 cell of （一）予以公开 in the Word export.
    assert (f.line, f.col) == (112, 2)


def test_seed_001_other_expected_findings():
    res = lint(seed("001"))
    # Plus CNT-005 (六 = "无需要说明的其他事项。", warning) and the unverified CNT-004/CNT-006 (info).
    assert set(codes(res)) == {"GK404", "GK105", "GK302", "GK104", "GK505", "GK504", "GK506"}
    (fee,) = by_code(res, "GK505")
    assert fee.severity == "warning"
    (numbering,) = by_code(res, "GK105")
    assert numbering.line == 19 and numbering.data["fix"] == "二、主动公开政府信息情况"
    (basis,) = by_code(res, "GK404")
    assert "60号" in basis.message and basis.severity == "warning"
    (variant,) = by_code(res, "GK104")
    assert variant.line == 409 and variant.severity == "info"


def test_seed_002_label_with_fix():
    res = lint(seed("002"))
    # Plus CNT-005 (六 = "无") and CNT-001 (总体情况 never mentions 依申请公开) as warnings, DAT-002 and
    # the unverified CNT-004/CNT-006 as info.
    assert sorted(codes(res)) == ["GK204", "GK501", "GK504", "GK505", "GK506", "GK702"]
    (f,) = by_code(res, "GK204")
    assert f.data["actual"] == "本年度止件数" and f.data["fix"] == "本年废止件数"
    assert (f.line, f.col) == (12, 13)


def test_seed_003_2019_layout_is_right_for_2020(tmp_path):
    res = lint(seed("003"))
    assert res.report.year == 2020 and res.report.layout.template == "2019"
    assert not [c for c in codes(res) if c.startswith("GK4")]
    # Control: the same report dated 2021 is told its layout is the old one.
    later = lint_text(tmp_path, seed("003").read_text(encoding="utf-8").replace("2020", "2021"), "r.txt")
    assert "GK401" in codes(later)
    # CNT-005 at most info for a 2020 report.
    assert sorted(codes(res)) == ["GK204", "GK505"] and by_code(res, "GK505")[0].severity == "info"
    (f,) = by_code(res, "GK204")
    assert f.data["actual"] == "社会组织" and f.data["fix"] == "社会公益组织"
    # Page-split table: the rows after the repeated header are all read.
    t3 = res.report.tables["t3"]
    assert len(t3.rows) == 23 and t3.rows["R21_19"].cells["C7"].value == 0
    # Signed change and an amount with its unit in the cell.
    t25 = res.report.tables["t2_5"]
    assert t25.rows["other_services"].cells["items_change"].value == -2
    amount = res.report.tables["t2_9"].rows["procurement"].cells["amount"]
    assert (amount.value, amount.unit) == (25227, "元")


def test_seed_004_mixed_layout():
    res = lint(seed("004"))
    # Plus the unverified CNT-004/CNT-006 as info; 六 has the fee statement, the period is right.
    assert sorted(codes(res)) == ["GK205", "GK402", "GK504", "GK506"]
    (mixed,) = by_code(res, "GK402")
    assert mixed.severity == "error" and "（六）其他处理" in mixed.message and mixed.line == 293
    (rows,) = by_code(res, "GK205")
    assert rows.data["missing"] == ["R21", "R22", "R23"]
    # The 2019 row is read as an outcome, so the arithmetic still runs and balances.
    assert "R21_19" in res.report.tables["t3"].rows


@pytest.mark.parametrize("name", ["000", "002", "003", "004"])
def test_balanced_seeds_have_no_arithmetic_finding(name):
    res = lint(seed(name))
    assert not [c for c in codes(res) if c.startswith("GK3")]
    # Control: with one number of 三 changed, the relations of the same tables fail.
    from gklint.checks.relations.balance import Relations
    from gklint.facts import cells

    (cell,) = cells(res.report, "requests_new")
    cell.value += 1
    assert {f.code for f in Relations().check(res.report)} & {"GK301", "GK302"}


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_every_table_cell_read(name, packs):
    """All numeric cells of every expected table are read (10 or 22 in 二, 175/161 in 三, 15 in 四)."""
    res = lint(seed(name))
    layout = res.report.layout
    for key, table in layout.tables.items():
        found = res.report.tables[key]
        for row in table.rows:
            if row in found.rows:
                assert len(found.rows[row].cells) == len(table.columns), (key, row)


def test_corpus_flattened_runs_split_only_when_unique():
    res = lint(CORPUS / "r004.txt")
    t3 = res.report.tables["t3"]
    assert [t3.rows["R01"].cells[c].value for c in ("C1", "C2", "C3", "C4", "C5", "C6", "C7")] == [64, 0, 0, 2, 0, 4, 70]
    # "500000 5": the space is a cell boundary, so the split is unique without using the total.
    assert t3.rows["R04"].split == "unique"
    # "640020470" needed its own total to split: that total cannot be checked (GK007), no GK302.
    assert t3.rows["R01"].split == "by-total"
    unreadable = [f for f in res.findings if f.code == "GK006"]
    # 693665 (行政规范性文件, 3 cells) has ten readings: reported, never guessed.
    assert any("693665" in f.message for f in unreadable)
    assert not [c for c in res.report.tables["t2_1"].rows["normative"].cells.values() if c.certain]
    # Table 四 "10203120001200000": 17 digits, 15 cells, unique with the three group totals.
    t4 = res.report.tables["t4"].rows["ALL"]
    assert [t4.cells[f"F{i:02d}"].value for i in range(1, 16)] == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]
    assert not [c for c in codes(res) if c.startswith("GK3")]
    # Control: no GK3xx because the relations that could be checked balance, not because none was.
    assert res.info["relations"]["checked"] >= 20


@pytest.mark.parametrize("name", ["r004.txt", "r006.txt", "r008.txt"])
def test_corpus_pages_parse_into_six_sections(name):
    res = lint(CORPUS / name)
    assert [s.key for s in res.report.sections] == ["s1", "s2", "s3", "s4", "s5", "s6"]
    assert res.report.title and res.report.year in (2021, 2023, 2025)
    assert not [c for c in codes(res) if c in ("GK010", "GK101", "GK201")]
    # Control: every table of the layout was found, and the rules ran (these pages lack 五's
    # rectification or 六's other items, which is reported).
    assert set(res.report.tables) == set(res.report.layout.tables)
    assert "GK506" in codes(res) or "GK504" in codes(res)
