"""The web-page reader: the report inside a government CMS page, tables with rowspan/colspan,
numbers split by inline markup, &nbsp; cells, scripts and navigation around and inside."""

from __future__ import annotations


import pytest

from conftest import codes, lint, seed
from gklint.readers import read
from readers_fixtures import html_page, seed_grid_blocks

SEED_001 = seed("001").read_text(encoding="utf-8")
TITLE = "绥化市卫生健康委员会2021年政府信息公开工作年度报告"


def signature(result):
    return sorted((f.code, f.data.get("table"), f.data.get("cell"), f.data.get("row"), f.data.get("section"))
                  for f in result.findings)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """Seed 001 as a CMS page: the title in an <h1> above the content element, the body in
    <div class="TRS_Editor">, navigation, a layout table, scripts and a footer around it."""
    blocks = seed_grid_blocks(SEED_001)[2:]  # agency and title lines: the page's <h1>
    path = tmp_path_factory.mktemp("html") / "001.html"
    path.write_text(html_page(blocks, title=TITLE, pubdate="2022-01-20 15:25:53"), encoding="utf-8")
    return path


def test_page_has_the_seed_findings(page):
    res = lint(page)
    assert signature(res) == signature(lint(seed("001")))
    assert res.report.title == TITLE and res.report.year == 2021
    (gk302,) = [f for f in res.findings if f.code == "GK302"]
    assert gk302.data["origin"] == "表2 第6行 第9列"  # 三、 (rowspan) and （一）予以公开 (colspan 2) count once


def test_content_root_leaves_the_page_frame_out(page):
    src = read(str(page))
    text = "\n".join(src.lines)
    assert src.lines[0] == TITLE and src.origins[0] == "网页标题"
    for chrome in ("首页", "当前位置", "政府信息公开指南", "分享到", "网站标识码", "浏览次数"):
        assert chrome not in text
    # Neither the <script> in the head (a table with 一、总体情况) nor the one in the body text.
    assert text.count("一、总体情况") == 1 and text.count("六、其他需要报告的事项") == 1
    assert "document.write" not in text and "border" not in text
    assert src.meta["published"] == "2022-01-20"


def _grid(html: str, tmp_path) -> list[str]:
    path = tmp_path / "t.html"
    path.write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    return read(str(path)).lines


def test_rowspan_and_colspan_cover_grid_places(tmp_path):
    # A merged cell is one cell: the grid places it covers are no cells of their own (an office
    # export spans value cells over several grid columns), while empty cells stay empty cells.
    lines = _grid('<table><tr><td rowspan="2" colspan="2">甲</td><td colspan="2">乙</td></tr>'
                  '<tr><td>结果<br>纠正</td><td><span>1</span><span>2</span></td></tr>'
                  '<tr><td>丙</td><td>&nbsp;</td><td>　</td><td><p>3</p></td></tr></table>', tmp_path)
    assert lines == ["\t甲", "\t乙", "",
                     "\t结果纠正", "\t12", "",
                     "\t丙", "\t", "\t", "\t3"]


def test_implied_end_tags_and_tbody(tmp_path):
    lines = _grid("<table><tbody><tr><td>规章<td>0<td>1<tr><td>行政规范性文件<td>2<td>3</table><p>一、总体情况", tmp_path)
    assert lines == ["\t规章", "\t0", "\t1", "", "\t行政规范性文件", "\t2", "\t3", "", "一、总体情况"]


def test_numbers_split_by_inline_markup_are_joined(tmp_path):
    lines = _grid('<p>本机关<span>20</span><span>23</span>年主动公开政府信息<b>1</b><i>36</i>条，'
                  '网站访问量\n  <span>2</span>\n<span>万</span>次。</p>'
                  '<table><tr><td>行政许可</td><td><span>15</span>\n<span>84</span></td></tr></table>', tmp_path)
    assert lines == ["本机关2023年主动公开政府信息136条，网站访问量2万次。", "", "\t行政许可", "\t1584"]


def test_hidden_script_and_style_are_dropped(tmp_path):
    lines = _grid('<p>一、总体情况<script>var s = "<p>二、主动公开</p>";</script></p>'
                  '<div style="display: none">隐藏的导航</div><p hidden>也隐藏</p><style>p {color: red}</style>'
                  '<noscript>请启用脚本</noscript><p>正文。</p>', tmp_path)
    assert lines == ["一、总体情况", "正文。"]


def test_layout_tables_are_read_as_blocks(tmp_path):
    body = "<p>" + "我局坚持公开为常态、不公开为例外。" * 30 + "</p>"
    lines = _grid(f'<table><tr><td>导航</td><td><p>一、总体情况</p>{body}'
                  '<table><tr><td>行政许可</td><td>5</td></tr></table></td></tr></table>', tmp_path)
    assert lines[0] == "导航" and lines[1] == "一、总体情况" and lines[-2:] == ["\t行政许可", "\t5"]


def test_gb2312_page_with_charset_meta(tmp_path):
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
            '<div id="zoom"><p>某局2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>我局坚持公开。</p></div>'
            '<p>发布日期：2024年1月9日</p></body></html>')
    path = tmp_path / "gb.htm"
    path.write_bytes(html.encode("gb2312"))
    src = read(str(path))
    assert src.encoding == "gb18030"
    assert src.lines == ["某局2023年政府信息公开工作年度报告", "一、总体情况", "我局坚持公开。"]
    assert src.meta["published"] == "2024-01-09"


def test_content_hint_without_report_headings(tmp_path):
    html = ('<html><body><div class="nav"><a>首页</a><a>政务公开</a></div>'
            '<div class="Custom_UnionStyle"><p>会议通知</p><p>请各单位于周五前报送材料。</p></div></body></html>')
    path = tmp_path / "n.html"
    path.write_text(html, encoding="utf-8")
    assert read(str(path)).lines == ["会议通知", "请各单位于周五前报送材料。"]
    assert codes(lint(path)) == ["GK005"]


@pytest.mark.parametrize("name", ["r.txt", "r.htm", "r.shtml"])
def test_markup_is_a_web_page_whatever_the_suffix(page, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(page.read_bytes())
    assert codes(lint(path)) == codes(lint(page))


def test_title_from_the_page_not_its_breadcrumb(tmp_path):
    """Without a heading above the content, the report's title is the page's <title>, never the
    breadcrumb trail `首页 > 政府信息公开 > 政府信息公开年度报告` (which gave GK107 and GK701)."""
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>某市交通运输局2023年政府信息公开工作年度报告</title></head><body>"
                    '<div class="crumb"><p>首页 &gt; 政府信息公开 &gt; 政府信息公开年度报告</p></div>'
                    '<div class="content"><p>一、总体情况</p><p>我局主动公开政府信息。</p>'
                    "<p>二、主动公开政府信息情况</p><p>略。</p></div></body></html>", encoding="utf-8")
    res = lint(path)
    assert (res.report.title, res.report.year) == ("某市交通运输局2023年政府信息公开工作年度报告", 2023)
    assert not [f for f in res.findings if f.code in ("GK107", "GK108", "GK701")]
