"""Builders for the reader tests: Word files (the national blank template filled with a seed's
tables and text, or minimal OOXML written here), web pages as CMS systems write them, and the
same generated report as structured blocks for all formats.

A *block* is ("p", text) or ("table", rows); a row is a list of cells, each a text, EMPTY (the
continuation of a cell merged from the row above) or PAD (the continuation of a cell merged from
the left) — the conventions of tests/strategies.py.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from conftest import SHARED
from strategies import EMPTY, PAD, PREAMBLE, _section2_tables, _t3_table, _t4_table
from gklint.vocab import cn_number

TEMPLATE = SHARED / "corpus" / "docx" / "template-2021-blank.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# -- a seed's Word text export back into blocks ---------------------------------------------------

def seed_blocks(text: str) -> list[tuple[str, object]]:
    """Paragraphs and tables of a Word text export (seeds 001, 004): tab lines are cells, a blank
    line ends a row, a line without a tab right after a cell continues that cell."""
    blocks: list[tuple[str, object]] = []
    rows: list[list[str]] | None = None
    row: list[str] = []
    prev = ""
    for line in text.split("\n"):
        if line.startswith("\t"):
            if rows is None:
                rows, row = [], []
            row.append(line[1:])
        elif rows is not None and line.strip() and prev.startswith("\t"):
            row[-1] += "\n" + line  # a cell's second line (结果 / 纠正)
            line = "\t"  # still inside the cell run
        elif rows is not None and not line.strip():
            if row:
                rows.append(row)
                row = []
            elif prev == "" and rows:
                blocks.append(("table", rows))  # two blank lines: the table is over
                rows = None
        else:
            if rows is not None:
                if row:
                    rows.append(row)
                blocks.append(("table", rows))
                rows, row = None, []
            blocks.append(("p", line))
        prev = line
    if rows is not None:
        if row:
            rows.append(row)
        blocks.append(("table", rows))
    return blocks


def template_spans() -> list[list[list[tuple[int, bool]]]]:
    """Per table, row and w:tc of the blank template: (gridSpan, is a vMerge continuation)."""
    from xml.etree import ElementTree

    w = "{%s}" % W_NS
    with zipfile.ZipFile(TEMPLATE) as zf:
        root = ElementTree.fromstring(zf.read("word/document.xml"))
    out = []
    for tbl in root.iter(w + "tbl"):
        rows = []
        for tr in tbl.iter(w + "tr"):
            cells = []
            for tc in tr.iter(w + "tc"):
                span = tc.find(f"{w}tcPr/{w}gridSpan")
                vmerge = tc.find(f"{w}tcPr/{w}vMerge")
                cells.append((int(span.get(w + "val")) if span is not None else 1,
                              vmerge is not None and vmerge.get(w + "val") != "restart"))
            rows.append(cells)
        out.append(rows)
    return out


def seed_grid_blocks(text: str) -> list[tuple[str, object]]:
    """A seed made from the national template (001), its tables with the template's merges as
    PAD/EMPTY cells, so that every format can write them (colspan/rowspan, gridSpan/vMerge)."""
    spans = iter(template_spans())
    out = []
    for kind, content in seed_blocks(text):
        if kind != "table":
            out.append((kind, content))
            continue
        rows = []
        for cells, merges in zip(content, next(spans)):
            row = []
            for text_, (span, continuation) in zip(cells, merges):
                row.append(EMPTY if continuation else text_.replace("[bookmark: _GoBack]", ""))
                row += [PAD] * (span - 1)
            rows.append(row)
        out.append(("table", rows))
    return out


# -- filling the national template ------------------------------------------------------------------

def fill_template(blocks, dest: Path) -> Path:
    """The blank 2021 template with its paragraphs replaced by the seed's and its tables' cells
    (w:tc, in document order, merged cells included) filled with the seed's cell texts."""
    import docx
    from docx.oxml.ns import qn
    from docx.table import _Cell

    shutil.copy(TEMPLATE, dest)
    doc = docx.Document(str(dest))
    body = doc.element.body
    tables = list(doc.tables)
    seed_tables = [b for k, b in blocks if k == "table"]
    assert len(seed_tables) == len(tables), (len(seed_tables), len(tables))
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    for table, rows in zip(tables, seed_tables):
        trs = table._tbl.tr_lst
        assert len(trs) == len(rows), (len(trs), len(rows))
        for tr, cells in zip(trs, rows):
            tcs = tr.tc_lst
            assert len(tcs) == len(cells), ([c for c in cells], len(tcs))
            for tc, text in zip(tcs, cells):
                cell = _Cell(tc, table)
                goback = "[bookmark: _GoBack]" in text
                cell.text = text.replace("[bookmark: _GoBack]", "")
                if goback:  # what the seed's exporter wrote as text is a real bookmark in Word
                    p = cell.paragraphs[0]._p
                    start = p.makeelement(qn("w:bookmarkStart"), {qn("w:id"): "0", qn("w:name"): "_GoBack"})
                    end = p.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): "0"})
                    p.insert(0, start)
                    p.append(end)
    # Paragraphs go before the table that follows them; the tail before the section properties.
    queue = list(blocks)
    table_iter = iter(tables)
    pending = []
    for kind, content in queue:
        if kind == "p":
            pending.append(content)
            continue
        t = next(table_iter)
        for text in pending:
            p = doc.add_paragraph(text.replace("[bookmark: _GoBack]", ""))
            t._tbl.addprevious(p._p)
        pending = []
    for text in pending:
        doc.add_paragraph(text.replace("[bookmark: _GoBack]", ""))
    doc.save(str(dest))
    return dest


# -- minimal OOXML written by hand ------------------------------------------------------------------

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""
# List 1: 一、 (chineseCounting) at level 0, （一） at level 1, 1. at level 2.
NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""


def _runs(text: str) -> str:
    """Runs of a paragraph; a number is split over two runs as Word often does after editing."""
    out = []
    for piece in re.split(r"(\d+)", text):
        if not piece:
            continue
        if piece.isdigit() and len(piece) > 1:
            out += [piece[: len(piece) // 2], piece[len(piece) // 2:]]
        else:
            out.append(piece)
    return "".join(f'<w:r><w:t xml:space="preserve">{escape(x)}</w:t></w:r>' for x in out)


def ooxml_paragraph(text: str, num_level: int | None = None) -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num_level}"/><w:numId w:val="1"/></w:numPr></w:pPr>' \
        if num_level is not None else ""
    return f"<w:p>{ppr}{_runs(text)}</w:p>"


def merged_cells(rows):
    """Rows of PAD/EMPTY cells as (text, column, span, vmerge) per cell; vmerge is "restart",
    "continue" or None. An EMPTY cell continues the cell above when one starts at its column with
    its span; otherwise it is just empty."""
    out = []
    for row in rows:
        cells = []
        c = 0
        while c < len(row):
            text = row[c]
            span = 1
            while c + span < len(row) and row[c + span] is PAD:
                span += 1
            cells.append([text if text is not None else "", c, span, None])
            c += span
        out.append(cells)
    for r in range(1, len(out)):
        above = {(cell[1], cell[2]): cell for cell in out[r - 1]}
        for cell in out[r]:
            if rows[r][cell[1]] == EMPTY and (cell[1], cell[2]) in above:
                top = above[(cell[1], cell[2])]
                if top[3] is None:
                    top[3] = "restart"
                cell[3] = "continue"
    return out


def ooxml_table(rows) -> str:
    width = max(len(r) for r in rows)
    grid = "".join('<w:gridCol w:w="600"/>' for _ in range(width))
    trs = []
    for cells in merged_cells(rows):
        tcs = []
        for text, _, span, vmerge in cells:
            pr = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + \
                 ('<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>" if vmerge else "")
            body = "" if vmerge == "continue" else text
            paras = "".join(ooxml_paragraph(x) for x in body.split("\n")) or "<w:p/>"
            tcs.append(f"<w:tc><w:tcPr>{pr}</w:tcPr>{paras}</w:tc>")
        trs.append("<w:tr>" + "".join(tcs) + "</w:tr>")
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(trs)}</w:tbl>"


def ooxml_docx(body_xml: str, extra: dict[str, bytes] | None = None, doctype: str = "") -> bytes:
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
                f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}<w:sectPr/></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("word/_rels/document.xml.rels", DOC_RELS)
        # A lone surrogate in the body becomes bytes that are no UTF-8, as in a damaged file.
        zf.writestr("word/document.xml", document.encode("utf-8", errors="surrogatepass"))
        for name, data in {"word/numbering.xml": NUMBERING, **(extra or {})}.items():
            zf.writestr(name, data)
    return buf.getvalue()


# -- a generated report as blocks -------------------------------------------------------------------

def report_blocks(report, numbered: bool = False) -> list[tuple]:
    """The blocks of a GeneratedReport in document order, as strategies.render lays them out.
    With `numbered`, headings are ("h", title) to be numbered by the format (Word list numbering)."""
    blocks: list[tuple] = [("p", f"{report.agency}{report.year}年政府信息公开工作年度报告"),
                           ("p", PREAMBLE.format(year=report.year))]
    tables = {"s2": _section2_tables(report), "s3": [_t3_table(report)], "s4": [_t4_table(report)]}
    for s, title, prose in zip(report.pack.sections, report.headings, report.prose):
        blocks.append(("h", title) if numbered else ("p", f"{cn_number(s.number)}、{title}"))
        blocks.append(("p", prose))
        for rows in tables.get(s.key, []):
            blocks.append(("table", rows))
    return blocks


def report_docx(report) -> bytes:
    """A generated report as a Word file: headings numbered by Word's list numbering (the text
    has no 一、), tables with gridSpan and vMerge merges, numbers split across runs."""
    body = []
    for kind, content in report_blocks(report, numbered=True):
        if kind == "h":
            body.append(ooxml_paragraph(content, num_level=0))
        elif kind == "p":
            body.append(ooxml_paragraph(content))
        else:
            body.append(ooxml_table(content))
    return ooxml_docx("".join(body))


# -- web pages --------------------------------------------------------------------------------------

CHROME_TOP = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}_政府信息公开_某市人民政府</title>
<meta name="PubDate" content="{pubdate}">
<script>var nav = "<table><tr><td>一、总体情况</td><td>1</td></tr></table>"; if (a < b) {{ x(); }}</script>
<style>td {{ border: 1px solid; }} .x:before {{ content: "二、主动公开政府信息情况"; }}</style>
</head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/xxgk">政府信息公开年报</a></li><li><a href="/hd">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk">政府信息公开</a> &gt; 年度报告</div>
<table class="layout" width="100%"><tr><td class="side" width="200">
<ul><li><a href="/a">政府信息公开指南</a></li><li><a href="/b">政府信息公开制度</a></li><li>主动公开</li></ul>
</td><td class="main">
<div class="title"><h1>{title}</h1></div>
<div class="info">发布时间：{pubdate}&nbsp;&nbsp;来源：某市人民政府办公室&nbsp;&nbsp;浏览次数：<span id="hits">123</span></div>
<div class="TRS_Editor" id="zoom">
"""
CHROME_BOTTOM = """</div>
<div class="share">分享到：<a>微信</a><a>微博</a></div>
</td></tr></table>
<div class="footer"><p>主办：某市人民政府办公室 网站标识码：1234567890</p><p>联系我们 | 网站地图</p></div>
<script src="/js/common.js"></script>
</body></html>
"""


def _inline(text: str) -> str:
    """Cell or paragraph text the way CMS editors write it: numbers split across spans."""
    out = []
    for piece in re.split(r"(\d+)", text):
        if piece.isdigit() and len(piece) > 1:
            h = len(piece) // 2
            out.append(f'<span style="font-family:宋体">{piece[:h]}</span><span>{piece[h:]}</span>')
        else:
            out.append(html.escape(piece))
    return "".join(out)


def html_table(rows) -> str:
    """rowspan/colspan as CMS pages write them; empty cells as &nbsp;, labels in <p><span>."""
    cells = merged_cells(rows)
    spans = {}
    for r, row in enumerate(cells):
        for cell in row:
            if cell[3] == "restart":
                n = 1
                while r + n < len(cells) and any(c[1] == cell[1] and c[3] == "continue" for c in cells[r + n]):
                    n += 1
                spans[(r, cell[1])] = n
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse" width="600"><tbody>']
    for r, row in enumerate(cells):
        out.append("<tr>")
        for text, c, span, vmerge in row:
            if vmerge == "continue":
                continue
            attrs = (f' colspan="{span}"' if span > 1 else "") + \
                    (f' rowspan="{spans[(r, c)]}"' if (r, c) in spans else "")
            body = "<br>".join(_inline(x) for x in text.split("\n")) if text else "&nbsp;"
            out.append(f'<td{attrs} valign="center"><p style="text-align:center"><span>{body}</span></p></td>')
        out.append("</tr>\n")
    out.append("</tbody></table>")
    return "".join(out)


def html_page(blocks, title: str = "", pubdate: str = "2024-01-23 15:25:53") -> str:
    """A CMS page: navigation, a layout table, the title outside the content element, the report
    in <div class="TRS_Editor">, a <script> inside the body text, and a footer."""
    parts = []
    first = True
    for kind, content in blocks:
        if kind == "table":
            parts.append(html_table(content))
        elif first and not title:
            title = content
        else:
            parts.append(f'<p style="text-indent:2em"><span style="font-size:16px">{_inline(content)}</span></p>')
            if len(parts) == 3:
                parts.append('<script type="text/javascript">document.write("<p>六、其他需要报告的事项</p>");</script>')
        first = False
    return CHROME_TOP.format(title=html.escape(title), pubdate=pubdate) + "\n".join(parts) + CHROME_BOTTOM


# -- PDF ----------------------------------------------------------------------------------------------

IMAGE = (b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 "
         b"/Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream")


def minimal_pdf(pages: list[bytes], resources: bytes = b"<< >>") -> bytes:
    """A valid PDF written by hand: catalog, page tree, one shared resource dictionary (object 3),
    a small grey image (object 4, `/Im1 4 0 R`), and the pages with the given content streams."""
    n = len(pages)
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: resources, 4: IMAGE}
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(n))
    objs[2] = f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()
    for i, content in enumerate(pages):
        objs[5 + 2 * i] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {6 + 2 * i} 0 R "
                           f"/Resources 3 0 R >>").encode()
        objs[6 + 2 * i] = f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += f"{k} 0 obj\n".encode() + objs[k] + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for k in sorted(objs):
        out += f"{offsets[k]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


TEXT_PAGE = b"BT /F1 12 Tf 72 720 Td (Annual report 2023 of a county government) Tj ET"
FONT = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
IMAGE_PAGE = b"q 400 0 0 600 100 100 cm /Im1 Do Q"


def encrypted_pdf(user_password: str, algorithm: str) -> bytes:
    """A one-page PDF encrypted with `user_password` (empty: it opens without one)."""
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(minimal_pdf([TEXT_PAGE], FONT))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
