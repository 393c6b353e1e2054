"""The Word reader: the national blank template filled with a seed's tables and text gives the
seed's findings; merged cells, numbering, residue and layout tables are read as Word shows them."""

from __future__ import annotations

import re
import zipfile

import pytest

from conftest import codes, lint, seed
from gklint.readers import read
from readers_fixtures import fill_template, ooxml_docx, ooxml_paragraph, ooxml_table, seed_blocks, TEMPLATE

SEED_001 = seed("001").read_text(encoding="utf-8")
HEADING = re.compile(r"^\s*(?:[一二三四五六]|\d)、\s*(?=总体情况|主动公开政府信息情况|收到和处理|政府信息公开行政复议|政府信息公开工作存在|其他需要报告)")


def signature(result):
    """What must not depend on the file format: each finding's code and its place in the model."""
    return sorted((f.code, f.data.get("table"), f.data.get("cell"), f.data.get("row"), f.data.get("section"))
                  for f in result.findings)


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """Seed 001 written into the blank national template (real Word tables with merged cells)."""
    path = tmp_path_factory.mktemp("docx") / "001.docx"
    return fill_template(seed_blocks(SEED_001), path)


def test_filled_template_has_the_seed_findings(filled):
    res, txt = lint(filled), lint(seed("001"))
    assert signature(res) == signature(txt)
    assert codes(res) == ["GK404", "GK105", "GK302", "GK104", "GK504", "GK505", "GK506"]
    assert res.report.year == 2021 and res.report.agency == "绥化市卫生健康委员会"
    assert res.report.encoding is None


def test_findings_quote_the_word_table_cell(filled):
    res = lint(filled)
    (gk302,) = [f for f in res.findings if f.code == "GK302"]
    # 表2 is 三's table; row 6 is （一）予以公开 (three header rows, two rows above). Its Word cells:
    # 三、本年度办理结果 (merged down), （一）予以公开 (spanning two grid columns), then the seven values:
    # 总计 is the 9th cell (the 10th grid column).
    assert gk302.data["origin"] == "表2 第6行 第9列"
    assert gk302.message.endswith("（原文位置：表2 第6行 第9列）")
    assert "“（一）予以公开”行" in gk302.message
    (gk105,) = [f for f in res.findings if f.code == "GK105"]
    assert re.fullmatch(r"第\d+段", gk105.data["origin"]) and "“2”" in gk105.message


def test_merged_cells_are_resolved_to_the_template_grid(filled):
    src = read(str(filled))
    lines = src.lines
    # Table 三's header: the note spans three grid columns (gridSpan 3) and is merged down
    # (vMerge) over two rows; 申请人情况 spans seven. Every row has the grid's 10 cells.
    start = lines.index("\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    assert lines[start:start + 11] == ["\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "\t", "\t",
                                       "\t申请人情况"] + ["\t"] * 6 + [""]
    row2 = lines[start + 11:start + 22]
    assert row2 == ["\t", "\t", "\t", "\t自然人", "\t法人或其他组织", "\t", "\t", "\t", "\t", "\t总计", ""]
    # （三）不予公开's second row: both group cells are vMerge continuations, so blank.
    i = lines.index("\t2.其他法律行政法规禁止公开")
    assert lines[i - 2:i] == ["\t", "\t"]
    # Word residue: the seed's bookmark is a real bookmark here and leaves nothing behind.
    assert not any("bookmark" in line for line in lines)
    assert all(o is not None for line, o in zip(lines, src.origins) if line)


def test_blank_template_reads_all_tables(tmp_path):
    res = lint(TEMPLATE)
    assert set(res.report.tables) == {"t2_1", "t2_5", "t2_6", "t2_8", "t3", "t4"}
    assert len(res.report.tables["t3"].rows) == 25
    assert "GK010" not in codes(res) and not [c for c in codes(res) if c.startswith("GK20") and c not in ("GK205", "GK209")]


def test_blank_template_with_a_reworded_heading(tmp_path):
    """Positive control of the test above: a column heading that deviates is reported (GK204)."""
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(tmp_path / "r.docx", "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace("本年废止件数".encode(), "本年度止件数".encode(), 1)
            dst.writestr(info, data)
    (f,) = [f for f in lint(tmp_path / "r.docx").findings if f.code == "GK204"]
    assert f.data["fix"] == "本年废止件数"


def _numbered_seed(tmp_path):
    """Seed 001 as a Word file whose section headings get their 一、 from list numbering."""
    body = []
    for kind, content in seed_blocks(SEED_001):
        if kind == "table":
            body.append(ooxml_table([[c or "" for c in row] for row in content]))
        elif HEADING.match(content) and len(content) < 40:
            body.append(ooxml_paragraph(HEADING.sub("", content), num_level=0))
        else:
            body.append(ooxml_paragraph(content.replace("[bookmark: _GoBack]", "")))
    path = tmp_path / "numbered.docx"
    path.write_bytes(ooxml_docx("".join(body)))
    return path


def test_auto_numbered_headings_are_recovered(tmp_path):
    path = _numbered_seed(tmp_path)
    lines = read(str(path)).lines
    for h in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
              "四、政府信息公开行政复议、行政诉讼情况", "五、政府信息公开工作存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert h in lines
    res = lint(path)
    # The seed typed “2、” by hand; here Word numbers the heading, so GK105 is gone, the rest stays.
    assert codes(res) == ["GK404", "GK302", "GK104", "GK504", "GK505", "GK506"]


def test_numbering_levels_and_existing_ordinals(tmp_path):
    body = (ooxml_paragraph("总体情况", 0) + ooxml_paragraph("主动公开情况", 1) + ooxml_paragraph("依申请公开", 1)
            + ooxml_paragraph("网站", 2) + ooxml_paragraph("二、主动公开政府信息情况", 0)
            + ooxml_paragraph("制度建设", 1))
    path = tmp_path / "n.docx"
    path.write_bytes(ooxml_docx(body))
    assert read(str(path)).lines == ["一、总体情况", "（一）主动公开情况", "（二）依申请公开", "1.网站",
                                     "二、主动公开政府信息情况", "（一）制度建设"]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_word_residue_is_left_out(tmp_path):
    body = ('<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:t>一、总体</w:t></w:r>'
            '<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>'
            '<w:ins><w:r><w:t>情况</w:t></w:r></w:ins>'
            '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:bookmarkEnd w:id="0"/></w:p>'
            '<w:p><w:r><w:t>本机关\u200b全年\u00ad主动公开</w:t></w:r><w:r><w:tab/><w:t>信息。</w:t></w:r></w:p>'
            '<w:p><w:r><w:tab/><w:t>规章</w:t><w:tab/><w:t>0</w:t><w:tab/><w:t>0</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>')
    path = tmp_path / "r.docx"
    path.write_bytes(ooxml_docx(body))
    assert read(str(path)).lines == ["一、总体情况", "本机关全年主动公开 信息。", "规章\t0\t0", "第一行", "第二行"]


def test_grid_span_vmerge_and_grid_before(tmp_path):
    table = ('<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
             '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc>'
             '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:tc></w:tr>'
             '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p><w:r><w:t>残留</w:t></w:r></w:p></w:tc>'
             '<w:tc><w:p><w:r><w:t>结果</w:t></w:r></w:p><w:p><w:r><w:t>纠正</w:t></w:r></w:p></w:tc>'
             '<w:tc><w:p><w:r><w:t>1</w:t></w:r><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr>'
             '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:tc></w:tr>'
             '</w:tbl>')
    path = tmp_path / "t.docx"
    path.write_bytes(ooxml_docx(table))
    src = read(str(path))
    assert src.lines == ["\t甲", "\t", "\t乙", "\t", "",
                         "\t", "\t", "\t结果纠正", "\t12", "",
                         "\t", "\t丙", "\t", "\t"]
    assert src.origins[7] == "表1 第2行 第2列"  # the row's second Word cell: 甲's spans two grid columns


def test_layout_table_is_read_as_paragraphs(tmp_path):
    """Some offices put the whole report in a one-cell table (a frame): its text is prose."""
    inner = "".join(ooxml_paragraph(x) for x in ("某局2023年政府信息公开工作年度报告", "一、总体情况", "我局坚持公开。"))
    frame = f'<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>'
    path = tmp_path / "frame.docx"
    path.write_bytes(ooxml_docx(frame))
    assert read(str(path)).lines == ["某局2023年政府信息公开工作年度报告", "一、总体情况", "我局坚持公开。"]


@pytest.mark.parametrize("name", ["r.wps", "r.txt", "r.dat"])
def test_ooxml_content_is_word_whatever_the_suffix(filled, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(filled.read_bytes())
    assert codes(lint(path)) == ["GK404", "GK105", "GK302", "GK104", "GK504", "GK505", "GK506"]


def test_core_properties_go_to_meta(tmp_path):
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<dc:title>年度报告</dc:title><dcterms:modified>2024-01-20T08:00:00Z</dcterms:modified></cp:coreProperties>')
    path = tmp_path / "m.docx"
    path.write_bytes(ooxml_docx(ooxml_paragraph("一、总体情况"), {"docProps/core.xml": core}))
    assert read(str(path)).meta == {"title": "年度报告", "modified": "2024-01-20"}
