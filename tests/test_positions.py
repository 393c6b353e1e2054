"""Positions people find (issue 11, parts 2–3): the first position of every output is a place in
the document — 表N 第R行 第C列 or 第N段 for Word and web pages, 第N页 for PDF — checked against the
document itself, not against gklint's text export; cells, rows and tables are named, never given
as gklint's ids; the findings page redraws 表三 with its group labels and marks rows of the other
template version; the per-rule table shows the severities the findings were given."""

from __future__ import annotations

import json
import re
import zipfile
import xml.etree.ElementTree as ET

import pytest

from conftest import CORPUS, SEEDS, seed
from gklint.checks import all_rules
from gklint.cli import main
from gklint.engine import Options, check_file
from gklint.formats import FORMATS, render
from gklint.pack import builtin_packs
from readers_fixtures import fill_template, html_page, seed_blocks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SEED_001 = seed("001").read_text(encoding="utf-8")
PDF = CORPUS / "pdf" / "hzq2024_working.pdf"


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    """Seed 001 (表三 “（一）予以公开” 总计 0 where the row adds up to 2) in the national template."""
    return fill_template(seed_blocks(SEED_001), tmp_path_factory.mktemp("pos") / "报告.docx")


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    path = tmp_path_factory.mktemp("pos") / "报告.html"
    path.write_text(html_page(seed_blocks(SEED_001)), encoding="utf-8")
    return path


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(W + "t"))


def word_cell(path, table: int, row: int, cell: int) -> tuple[str, str]:
    """The text of Word cell `cell` (a w:tc, merged or not, counts once) of `row` of `table`, and
    the text of that row, read straight from document.xml."""
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    tr = root.findall(f".//{W}tbl")[table - 1].findall(W + "tr")[row - 1]
    return _text(tr.findall(W + "tc")[cell - 1]), _text(tr)


def word_paragraph(path, n: int) -> str:
    """The `n`th non-empty paragraph of the body in reading order (outside tables), as Word counts."""
    body = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(W + "body")
    in_tables = {id(p) for tbl in body.iter(W + "tbl") for p in tbl.iter(W + "p")}
    paragraphs = [_text(p) for p in body.iter(W + "p") if _text(p).strip() and id(p) not in in_tables]
    return paragraphs[n - 1]


def run(capsys, *argv) -> str:
    main(["check", "--no-cache", "--isolated", *argv])
    return capsys.readouterr().out


def findings(capsys, path, lang="zh") -> list[dict]:
    (f,) = json.loads(run(capsys, "--format", "json", "--lang", lang, str(path)))["files"]
    return f["findings"]


# --- Word --------------------------------------------------------------------------------------

def test_word_wrong_sum_is_at_its_cell(word, capsys):
    (gk302,) = [f for f in findings(capsys, word) if f["code"] == "GK302"]
    loc = gk302["location"]
    assert loc == {"table": 2, "row": 6, "column": 9, "where": "表2 第6行 第9列"}
    # In the document: that cell holds the wrong total 0, in the row of （一）予以公开.
    value, row = word_cell(word, loc["table"], loc["row"], loc["column"])
    assert value == "0" and "（一）予以公开" in row
    # Its line and column in gklint's text export are still there, but not first.
    assert gk302["line"] > 1 and "原文位置" not in gk302["message"]
    out = run(capsys, str(word))
    assert f"{word}:表2 第6行 第9列: GK302 收到和处理政府信息公开申请情况表" in out
    assert not re.search(rf"{re.escape(str(word))}:\d+:\d+:", out)  # no line:col of the export


def test_word_english_position(word, capsys):
    (gk302,) = [f for f in findings(capsys, word, "en") if f["code"] == "GK302"]
    assert gk302["location"]["where"] == "table 2, row 6, column 9"
    assert f"{word}:table 2, row 6, column 9: GK302 " in run(capsys, "--lang", "en", str(word))


def test_word_paragraph_is_the_documents_own(word, capsys):
    (gk105,) = [f for f in findings(capsys, word) if f["code"] == "GK105"]
    n = gk105["location"]["paragraph"]
    assert gk105["location"]["where"] == f"第{n}段"
    # The heading numbered “2、” is the nth non-empty paragraph of the body, counted in document.xml.
    assert re.match(r"2、\s*主动公开政府信息情况", word_paragraph(word, n))


def test_word_html_page_shows_the_cell(word, capsys):
    page = run(capsys, "--format", "html", str(word))
    item = next(li for li in re.findall(r'<li class="finding.*?</li>', page, re.S) if "GK302" in li)
    assert '<span class="pos">表2 第6行 第9列</span>' in item
    assert "第 " not in re.search(r'<span class="pos">(.*?)</span>', item).group(1)


def test_ci_formats_carry_the_place_in_the_message(word, capsys):
    sarif = json.loads(run(capsys, "--format", "sarif", str(word)))
    (res,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "GK302"]
    assert res["locations"][0]["logicalLocations"] == [{"name": "表2 第6行 第9列", "kind": "element"}]
    assert res["message"]["text"].endswith("（原文位置：表2 第6行 第9列）")
    assert "region" in res["locations"][0]["physicalLocation"]
    github = run(capsys, "--format", "github", str(word))
    assert any(line.startswith("::error ") and "原文位置：表2 第6行 第9列" in line for line in github.splitlines())
    junit = run(capsys, "--format", "junit", str(word))
    assert 'name="GK302 表2 第6行 第9列"' in junit


# --- web page and PDF ----------------------------------------------------------------------------

def test_web_page_positions(web, capsys):
    found = findings(capsys, web)
    (gk302,) = [f for f in found if f["code"] == "GK302"]
    # 三、 (rowspan) and （一）予以公开 (colspan 2) each count once: 总计 is the row's 9th cell.
    assert gk302["location"] == {"table": 2, "row": 6, "column": 9, "where": "表2 第6行 第9列"}
    (gk105,) = [f for f in found if f["code"] == "GK105"]
    assert set(gk105["location"]) == {"paragraph", "where"}


def test_pdf_positions_are_pages(capsys):
    found = findings(capsys, PDF)
    assert found and all("page" in f["location"] for f in found)
    (typo,) = [f for f in found if f["code"] == "GK203" and "2.其他法律行政止公开" in f["message"]]
    assert typo["location"] == {"page": 3, "row": 9, "column": 3, "where": "第3页 表格第9行第3列"}
    out = run(capsys, str(PDF)).splitlines()
    assert all(re.match(rf"{re.escape(str(PDF))}:第\d+页", line) for line in out[:-1])


def test_text_files_keep_line_and_column(capsys):
    out = run(capsys, str(seed("001")))
    assert f"{seed('001')}:112:2: GK302 " in out
    (gk302,) = [f for f in findings(capsys, seed("001")) if f["code"] == "GK302"]
    assert gk302["location"] == {"line": 112, "column": 2, "where": "第 112 行第 2 列"}


# --- no internal ids ---------------------------------------------------------------------------

INTERNAL = re.compile(r"\bt\d\w*\[|\bR\d\d|\bC\d|\bF\d\d|\"(?:section|relation)\": \"(?:s\d|A\d)")


def test_no_internal_ids_in_any_output(word, web):
    files = [*sorted(SEEDS.glob("*.txt")), *sorted(CORPUS.glob("*.txt")), *sorted((CORPUS / "wild").glob("*.*")),
             *sorted((CORPUS / "docx").glob("*.docx")), *sorted((CORPUS / "pdf").glob("*.pdf")), word, web]
    files = [f for f in files if f.suffix in (".txt", ".md", ".docx", ".pdf", ".html")]
    packs = builtin_packs()
    results = [check_file(str(f), Options(), packs) for f in files]
    for fmt in FORMATS:
        for lang in ("zh", "en"):
            out = render(fmt, results, lang=lang)
            assert not INTERNAL.search(out), (fmt, lang, INTERNAL.search(out).group(0),
                                              out[max(0, INTERNAL.search(out).start() - 200):][:400])


def test_cells_named_in_json(capsys):
    (gk302,) = [f for f in findings(capsys, seed("001")) if f["code"] == "GK302"]
    assert gk302["suspect"]["cell"] == "收到和处理政府信息公开申请情况表“（一）予以公开”行“总计”列"
    assert gk302["table"] == "收到和处理政府信息公开申请情况表" and gk302["binding"] == "“（一）予以公开”"
    (en,) = [f for f in findings(capsys, seed("001"), "en") if f["code"] == "GK302"]
    assert en["suspect"]["cell"] == \
        "Table 3 (requests for disclosure received and handled), row “（一）予以公开”, column “总计”"


# --- the findings page ---------------------------------------------------------------------------

def rows_of(page: str, table: str) -> list[str]:
    i = page.index(f"<strong>{table}</strong>")
    return re.findall(r"<tr[^>]*>.*?</tr>", page[i:page.index("</table>", i)], re.S)


def test_group_labels_on_the_page(capsys):
    page = run(capsys, "--format", "html", str(seed("001")))
    rows = rows_of(page, "收到和处理政府信息公开申请情况表")
    body = [r for r in rows if 'scope="row"' in r]
    assert re.search(r'<th scope="rowgroup" class="group" rowspan="22">三、本年度办理结果</th>', page)  # （一）…（七）总计
    start = next(i for i, r in enumerate(body) if "（三）不予公开" in r)
    assert 'rowspan="8"' in body[start] and "1.属于国家秘密" in body[start]
    assert "8.属于行政查询事项" in body[start + 7]
    # The four rows numbered “1.” each sit under their own group label.
    firsts = [i for i, r in enumerate(body) if re.search(r'<th scope="row"[^>]*>1\.', r)]
    assert len(firsts) == 4 and all('class="group"' in body[i] for i in firsts)
    assert '<th scope="row" colspan="3">一、本年新收政府信息公开申请数量</th>' in body[0]


def test_other_version_row_marked_and_linked(capsys):
    page = run(capsys, "--format", "html", str(seed("004")))
    (row,) = [r for r in rows_of(page, "收到和处理政府信息公开申请情况表") if 'class="other-version"' in r]
    assert "（六）其他处理" in row and "另一版本模板的行" in page
    row_id = re.search(r'<tr id="([^"]+)"', row).group(1)
    items = re.findall(r'<li class="finding.*?</li>', page, re.S)
    (gk402,) = [li for li in items if "GK402" in li]
    assert f'href="#{row_id}"' in gk402
    (gk205,) = [li for li in items if "GK205" in li]
    target = re.search(r'<a href="#([^"]+)">在表中查看', gk205).group(1)
    assert re.search(rf'<tr id="{target}" class="missing">', page)


def test_per_rule_table_shows_the_severity_used(capsys):
    page = run(capsys, "--format", "html", str(seed("000")), str(seed("001")))
    rule_table = page[page.index('id="rule-table"'):]
    rule_table = rule_table[:rule_table.index("</table>")]
    (gk107,) = re.findall(r"<tr><td><a class=\"code\" href=\"#rule-GK107\">.*?</tr>", rule_table, re.S)
    # GK107's default is 警告; seed 000's “政务信息公开” slip is a 提示.
    assert "<td>提示</td>" in gk107 and "警告" not in gk107 and "报告标题不规范" in gk107


def test_per_rule_table_follows_configuration(capsys, tmp_path):
    (tmp_path / "gklint.toml").write_text('[severity]\nGK302 = "warning"\n', encoding="utf-8")
    for p in (seed("001"), seed("002")):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    main(["check", "--no-cache", "--format", "html", str(tmp_path / seed("001").name), str(tmp_path / seed("002").name)])
    page = capsys.readouterr().out
    (gk302,) = re.findall(r"<tr><td><a class=\"code\" href=\"#rule-GK302\">.*?</tr>", page, re.S)
    assert "<td>警告</td>" in gk302 and "错误" not in gk302


def test_rule_names_in_the_pages_language(capsys):
    zh = run(capsys, "--format", "html", str(seed("000")))
    en = run(capsys, "--format", "html", "--lang", "en", str(seed("000")))
    assert '<span class="muted">报告标题不规范</span>' in zh and "report-title" not in zh
    assert '<span class="muted">Report title</span>' in en


def test_every_rule_has_a_title_in_each_language():
    for r in all_rules(builtin_packs()):
        zh, en = r.title("zh"), r.title("en")
        assert zh != r.name and re.search(r"[\u4e00-\u9fff]", zh), r.code
        assert en != r.name and not re.search(r"[\u4e00-\u9fff]", en), r.code


def test_messages_quote_places_in_the_document(capsys):
    """Markers quoted by GK402 are named where the reader found them, not by lines of the export."""
    (gk402,) = [f for f in findings(capsys, PDF) if f["code"] == "GK402"]
    assert "“（六）其他处理”（第4页 表格第8行第2列）" in gk402["message"]
    assert not re.search(r"第 \d+ 行", gk402["message"])
    assert gk402["location"]["page"] == 4
    (txt,) = [f for f in findings(capsys, seed("004")) if f["code"] == "GK402"]
    assert "“（六）其他处理”（第 293 行）" in txt["message"]
