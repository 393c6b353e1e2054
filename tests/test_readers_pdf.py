"""The PDF reader on the three published reports in ../shared/corpus/pdf, end to end.

They are real reports: what they contain is recorded here (year, agency, sections, every table
read with its values), and their real defects are findings, not test failures.

    hzq2023_working.pdf   洪泽区人民政府 2023, 5 pages. Body text is typeset on ruled lines that
                          pdfplumber takes for a one-column table joined to the real table below.
                          Defects: row label “2.其他法律行政止公开” (GK203); （六）其他处理 written
                          as one row as in the 2019 format (GK205 for its three 2021 rows, GK402);
                          表四 行政复议 10/1/0/0 with 总计 0 and 复议后起诉 5/0/0/0 with 总计 0 (GK304 ×2).
    hzq2024_working.pdf   淮安市洪泽区人民政府 2024, 5 pages, same layout and the same label typo and
                          （六）其他处理 row (GK203, GK205, GK402); every table balances.
    szfgs2024.pdf         淮安市人民政府 2024, 6 pages. （六）其他处理's rows are numbered “1、” “2、”
                          “3、” instead of “1.” (GK203 ×3); 表三 balances in the original.
"""

from __future__ import annotations

import pytest

from conftest import CORPUS, codes, lint

PDF = CORPUS / "pdf"
SECTIONS = ["s1", "s2", "s3", "s4", "s5", "s6"]
TABLES = {"t2_1", "t2_5", "t2_6", "t2_8", "t3", "t4"}


@pytest.fixture(scope="module")
def results():
    return {p.name: lint(p) for p in sorted(PDF.glob("*.pdf"))}


def values(table, row):
    return [int(c.value) if c.value == int(c.value) else float(c.value) for c in table.rows[row].cells.values()]


def common_checks(res, t3_rows):
    rep = res.report
    assert [s.key for s in rep.sections] == SECTIONS
    assert set(rep.tables) == TABLES
    assert len(rep.tables["t3"].rows) == t3_rows
    assert not [c for c in codes(res) if c.startswith("GK0")]  # no GK010, nothing unreadable
    for f in res.findings:
        assert f.data["origin"].startswith("第") and "页" in f.data["origin"]


def test_hzq2023(results):
    res = results["hzq2023_working.pdf"]
    rep = res.report
    # 20 rows R01–R20 (R06 under a mistyped label), the 2019-style （六）其他处理, R24, R25.
    common_checks(res, 23)
    assert (rep.year, rep.agency) == (2023, "洪泽区人民政府")
    assert rep.title == "洪泽区人民政府2023 年政府信息公开工作年度报告"
    t = rep.tables
    assert values(t["t2_1"], "normative") == [0, 5, 5] and values(t["t2_5"], "licensing") == [550]
    assert values(t["t2_6"], "penalty") == [4119] and values(t["t2_8"], "fees") == [7730.28]
    assert values(t["t3"], "R01") == [21, 0, 0, 0, 0, 0, 21] and values(t["t3"], "R24") == [21, 0, 0, 0, 0, 0, 21]
    assert values(t["t4"], "ALL") == [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]
    # GK502: a 人民政府 report that never mentions 工作考核、社会评议、责任追究 (checked in the text).
    assert sorted(codes(res)) == ["GK203", "GK205", "GK304", "GK304", "GK402", "GK502", "GK504", "GK506"]
    (typo,) = [f for f in res.findings if f.code == "GK203"]
    assert "2.其他法律行政止公开" in typo.message and typo.data["origin"] == "第3页 表格第9行第3列"


def test_hzq2024(results):
    res = results["hzq2024_working.pdf"]
    rep = res.report
    common_checks(res, 23)  # as in 2023
    assert (rep.year, rep.agency) == (2024, "淮安市洪泽区人民政府")
    t = rep.tables
    assert values(t["t2_1"], "normative") == [3, 0, 8] and values(t["t2_5"], "licensing") == [9487]
    assert values(t["t3"], "R01") == [95, 0, 0, 0, 0, 0, 95] and values(t["t3"], "R24") == [95, 0, 0, 0, 0, 0, 95]
    # （四）无法提供 1.本机关不掌握相关政府信息 is the last row on page 3, its group cell on the same row.
    assert values(t["t3"], "R13") == [31, 0, 0, 0, 0, 0, 31]
    assert values(t["t4"], "ALL") == [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]
    # GK502 names only 社会评议、责任追究: this report does mention 考核.
    assert sorted(codes(res)) == ["GK203", "GK205", "GK402", "GK502", "GK504", "GK506"]
    (gov,) = [f for f in res.findings if f.code == "GK502"]
    assert "未找到社会评议、责任追究" in gov.message


def test_szfgs2024(results):
    res = results["szfgs2024.pdf"]
    rep = res.report
    common_checks(res, 25)  # all 25, the three （六） sub-rows under labels numbered 1、2、3、
    assert (rep.year, rep.agency) == (2024, "淮安市人民政府")
    t = rep.tables
    assert values(t["t2_1"], "rules") == [1, 0, 11] and values(t["t2_1"], "normative") == [8, 26, 66]
    assert values(t["t2_5"], "licensing") == [447228] and values(t["t2_6"], "penalty") == [3985758]
    assert values(t["t2_8"], "fees") == [96171.6]
    assert values(t["t3"], "R01") == [3001, 53, 0, 0, 61, 4, 3119]
    assert values(t["t3"], "R24") == [2932, 53, 0, 0, 61, 4, 3050]
    assert values(t["t3"], "R25") == [103, 0, 0, 0, 0, 0, 103]
    assert values(t["t4"], "ALL") == [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
    relabelled = [f for f in res.findings if f.code == "GK203"]
    assert [f.data["origin"] for f in relabelled] == ["第5页 表格第8行第3列", "第5页 表格第9行第3列", "第5页 表格第10行第3列"]
    assert "“1、申请人无正当理由逾期不补正" in relabelled[0].message
    # The relabelled rows count in the totals: 自然人 adds up to 2932 as printed, so no GK303.
    assert sorted(codes(res)) == ["GK203", "GK203", "GK203", "GK502", "GK504", "GK506"]


def test_page_furniture_and_wrapped_lines(results):
    from gklint.readers import read

    src = read(str(PDF / "hzq2023_working.pdf"))
    text = "\n".join(src.lines)
    assert "- 1 -" not in text and "- 3 -" not in text  # page numbers
    # A paragraph wrapped across the page break from page 1 to 2 is one line again.
    (line,) = [x for x in src.lines if "严格执行“分级审核、先审后发”程序" in x]
    assert line.startswith("加强区政府门户网站") and src.origins[src.lines.index(line)] == "第1页"
    # The section heading that sat among ruled lines is a heading, not a table cell.
    assert "二、主动公开政府信息情况" in src.lines
    # The header cell of 第二十条第（六）项 lost its top border to page 2; it is put back.
    i = src.lines.index("\t本年处理决定数量", src.lines.index("\t第二十条第（六）项"))
    assert src.lines[i - 1] == "\t信息内容" and src.origins[i - 1] == "第3页 表格第1行第1列"
    assert src.meta["created"] == "2024-02-26"


def test_garbled_characters_are_counted_one_by_one():
    """_garbled against the per-character test it stands for: pdfminer's `(cid:N)` and the
    private use area, ordinary parentheses and neighbours of the area not counted."""
    import random

    from gklint.readers.pdf import _garbled

    rng = random.Random(13)
    texts = ["(cid:12)", "(", "(c", "a", "\ue000", "\uf8ff", "\udfff", "\uf900", "一", "(cid:"]
    for _ in range(200):
        chars = [{"text": rng.choice(texts)} for _ in range(rng.randrange(0, 8))]
        assert _garbled(chars) == sum(1 for c in chars if c["text"].startswith("(cid:")
                                      or "\ue000" <= c["text"][0] <= "\uf8ff")
