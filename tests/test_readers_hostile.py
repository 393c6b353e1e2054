"""Hostile and damaged inputs to the readers and the text scanners: each gives one clear finding
(or is read safely), never a crash or a GK010. The cases of issue 10 that hung or exhausted memory
run under the liveness guard (tests/liveness.py), so that a hang fails its test."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile

import pytest

from conftest import ROOT, codes, crash_rule, lint
from gklint.readers.docx import container as docx_container
from gklint.formats import render
from gklint.normalize import normalize_line
from gklint.readers import read
from liveness import Guard
from readers_fixtures import (CONTENT_TYPES, FONT, IMAGE_PAGE, NUMBERING, TEXT_PAGE, W_NS, encrypted_pdf, html_page,
                              minimal_pdf, ooxml_docx, ooxml_paragraph, seed_blocks)
from rule_case_builders import _base

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LIVENESS = 30  # seconds: a guard against a hang, not a benchmark (benchmarks/ measures speed)
MISSING_AFTER_FIRST = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                       "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def only(result, code: str):
    assert codes(result) == [code], [f.message for f in result.findings]
    return result.findings[0]


# -- Word ---------------------------------------------------------------------------------------------

def test_zip_that_is_not_a_docx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("报告.txt", "一、总体情况")
        zf.writestr("images/a.png", b"\x89PNG")
    f = only(lint(write(tmp_path, "r.docx", buf.getvalue())), "GK011")
    assert "不是 Word 文档" in f.message and "报告.txt" in f.message


def test_other_office_zip_formats_are_named(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    f = only(lint(write(tmp_path, "r.docx", buf.getvalue())), "GK009")
    assert ".odt" in f.message


def test_damaged_docx(tmp_path):
    good = ooxml_docx(ooxml_paragraph("一、总体情况"))
    assert "GK011" in codes(lint(write(tmp_path, "cut.docx", good[: len(good) // 2])))
    assert codes(lint(write(tmp_path, "junk.docx", b"this is not a zip file at all"))) == ["GK011"]
    broken_xml = ooxml_docx("<w:p><w:r><w:t>一、总体情况</w:r></w:p>")
    assert "不是完整的 XML" in only(lint(write(tmp_path, "xml.docx", broken_xml)), "GK011").message


def test_old_binary_doc_asks_for_docx(tmp_path):
    data = OLE + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1000)
    for name in ("r.doc", "r.docx", "r.wps"):
        f = only(lint(write(tmp_path, name, data)), "GK009")
        assert "另存为” .docx" in f.message and f.severity == "warning"


def test_password_protected_docx(tmp_path):
    data = OLE + bytes(504) + "EncryptionInfo".encode("utf-16-le") + "EncryptedPackage".encode("utf-16-le")
    assert "密码" in only(lint(write(tmp_path, "r.docx", data)), "GK013").message


def test_billion_laughs_is_not_expanded(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    doctype = f"<!DOCTYPE w:document [{entities}]>"
    data = ooxml_docx("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", doctype=doctype)
    start = time.perf_counter()
    f = only(lint(write(tmp_path, "lol.docx", data)), "GK011")
    assert "DTD" in f.message and time.perf_counter() - start < LIVENESS


def test_external_entity_is_refused(tmp_path):
    doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    data = ooxml_docx("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", doctype=doctype)
    f = only(lint(write(tmp_path, "xxe.docx", data)), "GK011")
    assert "root:" not in f.message


def test_zip_bomb_by_compression_ratio(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        with zf.open("word/document.xml", "w") as fh:
            fh.write(f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode())
            chunk = b" " * (1 << 20)
            for _ in range(16):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    data = buf.getvalue()
    assert len(data) < 50_000  # 16 MB inside
    start = time.perf_counter()
    f = only(lint(write(tmp_path, "bomb.docx", data)), "GK014")
    assert "压缩比" in f.message and "压缩炸弹" in f.message
    assert time.perf_counter() - start < LIVENESS


def test_zip_bomb_by_total_size(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_container, "MAX_TOTAL", 10_000)
    data = ooxml_docx(ooxml_paragraph("一、总体情况"), {"word/media/big.bin": bytes(20_000)})
    assert "解压后共" in only(lint(write(tmp_path, "r.docx", data)), "GK014").message


def test_part_larger_than_its_header_says_is_cut_off(tmp_path, monkeypatch):
    """The bound is on the bytes actually inflated, whatever the zip header claims."""
    monkeypatch.setattr(docx_container, "MAX_PART", 1000)
    monkeypatch.setattr(docx_container, "guard", lambda zf: None)  # as if the header had lied
    data = ooxml_docx(ooxml_paragraph("政府信息公开" * 200))
    assert "超过" in only(lint(write(tmp_path, "r.docx", data)), "GK014").message


def test_deeply_nested_layout_tables_in_word(tmp_path):
    inner = ooxml_paragraph("一、总体情况")
    for _ in range(200):
        inner = f"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>"
    res = lint(write(tmp_path, "deep.docx", ooxml_docx(inner)))
    assert "GK010" not in codes(res) and "GK005" not in codes(res)
    # The heading 200 tables deep is read: the five other sections are missing, and nothing else.
    assert [f.message for f in res.findings if f.code == "GK101"] == [
        f"缺少“{h}”部分（原文位置：第1段）" for h in MISSING_AFTER_FIRST]


def test_deeply_nested_layout_tables_around_other_text(tmp_path):
    """Positive control of the test above: the same nesting around a notice gives GK005."""
    inner = ooxml_paragraph("会议通知")
    for _ in range(200):
        inner = f"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>"
    assert codes(lint(write(tmp_path, "deep.docx", ooxml_docx(inner)))) == ["GK005"]


# -- PDF ----------------------------------------------------------------------------------------------

def test_scanned_pdf_needs_ocr(tmp_path):
    data = minimal_pdf([IMAGE_PAGE, IMAGE_PAGE], b"<< /XObject << /Im1 4 0 R >> >>")
    f = only(lint(write(tmp_path, "scan.pdf", data)), "GK012")
    assert "OCR" in f.message and "共 2 页，均为图片" in f.message


def test_text_that_is_not_a_report(tmp_path):
    res = lint(write(tmp_path, "t.pdf", minimal_pdf([TEXT_PAGE], FONT)))
    assert codes(res) == ["GK005"]


def testencrypted_pdf(tmp_path):
    data = encrypted_pdf("secret", "RC4-128")
    assert "加密" in only(lint(write(tmp_path, "enc.pdf", data)), "GK013").message


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    data = encrypted_pdf("", "AES-256")
    assert codes(lint(write(tmp_path, "restricted.pdf", data))) == ["GK005"]


def test_ten_thousand_pages_are_refused_cheaply(tmp_path):
    """A real 10 000-page PDF (every page a valid page object). It is refused from the page
    tree's /Count before any page is parsed: loading the page objects alone takes seconds."""
    data = minimal_pdf([b""] * 10_000)
    start = time.perf_counter()
    f = only(lint(write(tmp_path, "big.pdf", data)), "GK014")
    assert "10000 页" in f.message and time.perf_counter() - start < LIVENESS


def test_damaged_pdf(tmp_path):
    f = only(lint(write(tmp_path, "r.pdf", b"%PDF-1.4 whatever")), "GK011")
    assert "PDF" in f.message
    good = minimal_pdf([TEXT_PAGE], FONT)
    f = only(lint(write(tmp_path, "cut.pdf", good[: len(good) // 2])), "GK011")
    assert "PDF 文件已损坏或不完整" in f.message


def _pdf_of(objects: list[bytes]) -> bytes:
    """A PDF of the numbered objects given (1 0 obj is the catalog), with a correct cross-reference."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="no interval timer on this platform")
def test_a_pdf_whose_catalog_refers_to_itself_is_stopped(tmp_path):
    loop = write(tmp_path, "loop.pdf", _pdf_of([b"1 0 R"]))  # pdfminer follows the reference for ever
    ok = write(tmp_path, "ok.pdf", minimal_pdf([TEXT_PAGE], FONT))
    # In a process of its own with a 1-second deadline: without one the check would never end.
    probe = ("import sys, time\nimport gklint.readers.pdf as p\np.PDF_SECONDS = 1\nfrom gklint.readers import read\n"
             "a = read(sys.argv[1], 10**7)\ntime.sleep(1.5)\nb = read(sys.argv[2], 10**7)\n"
             "print([f.msg for f in a.findings], [f.code for f in b.findings])")
    out = subprocess.run([sys.executable, "-c", probe, str(loop), str(ok)], capture_output=True, text=True,
                         timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    # The loop is stopped with its finding; the timer is off again, so the next file reads as ever.
    assert out.stdout.strip() == "['GK011:pdf-too-slow'] []"


def test_the_deadline_arms_only_in_the_main_thread():
    import threading

    from gklint.readers.deadline import TimeUp, deadline

    seen = []

    def work():
        with deadline(0.01):
            time.sleep(0.2)  # no timer here: nothing interrupts it
        seen.append("done")

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen == ["done"]
    if hasattr(__import__("signal"), "setitimer"):
        with pytest.raises(TimeUp):
            with deadline(0.05):
                time.sleep(2)


# -- web pages ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["div", "span", "table><tr><td", "ul><li"])
def test_deeply_nested_html(tmp_path, tag):
    depth = 10_000
    close = "</" + "></".join(reversed(tag.replace("><", " ").split())) + ">" if "><" in tag else f"</{tag}>"
    html = ("<html><body>" + f"<{tag}>" * depth + "<p>某局2023年政府信息公开工作年度报告</p><p>一、总体情况</p>"
            + close * depth + "</body></html>")
    start = time.perf_counter()
    res = lint(write(tmp_path, "deep.html", html.encode()))
    assert time.perf_counter() - start < LIVENESS
    # Read through to the bottom: title and year found, the five other sections missing.
    assert sorted(set(codes(res))) == ["GK101", "GK109", "GK702"]
    assert [f.message for f in res.findings if f.code == "GK101"] == [
        f"缺少“{h}”部分（原文位置：第1段）" for h in MISSING_AFTER_FIRST]


def test_deeply_nested_html_without_the_report_is_not_a_report(tmp_path):
    """Positive control of the test above: the same nesting around other text gives GK005."""
    html = "<html><body>" + "<div>" * 10_000 + "<p>会议通知</p>" + "</div>" * 10_000 + "</body></html>"
    assert codes(lint(write(tmp_path, "deep.html", html.encode()))) == ["GK005"]


HUGE_SPANS = ('<table><tr><td colspan="100000" rowspan="100000">规章</td><td>0</td></tr>'
              + '<tr><td>行政规范性文件</td><td>1</td></tr>' * 200 + "</table>")
STRAY_TAGS = "</td></tr></table></div><table><tr><td>一、总体情况<td></p></b><p><p><li>我局坚持公开。" * 50


def test_huge_spans_do_not_blow_up(tmp_path):
    """1 000 columns (as browsers clamp colspan) × 201 rows: over the grid bound, read as text."""
    res = lint(write(tmp_path, "span.html", HUGE_SPANS.encode()))
    assert codes(res)[0] == "GK020" and "GK010" not in codes(res)


def test_unclosed_and_stray_tags(tmp_path):
    res = lint(write(tmp_path, "junk.html", STRAY_TAGS.encode()))
    assert "GK010" not in codes(res)
    # Read as text without a title, year or the sections' headings.
    assert {"GK101", "GK107", "GK701"} <= set(codes(res))


@pytest.mark.parametrize("html", [HUGE_SPANS, STRAY_TAGS], ids=["spans", "stray-tags"])
def test_hostile_pages_with_a_crashing_rule(tmp_path, monkeypatch, html):
    """Positive control of the two tests above: a rule that fails on these pages is reported."""
    crash_rule(monkeypatch)
    assert "GK010" in codes(lint(write(tmp_path, "page.html", html.encode())))


# -- issue 10: documents that crashed, hung or exhausted memory -----------------------------------------

CLEAN_2021 = _base("clean-2021")
CLEAN_BLOCKS = seed_blocks(CLEAN_2021)


@pytest.fixture(scope="module")
def guard():
    g = Guard()
    yield g
    g.close()


def guarded(guard, path, **kwargs):
    outcome = guard.check(path, **kwargs)
    assert outcome.problem() is None, outcome.problem()
    return outcome


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of the .docx `data` with part `name` replaced."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for n in zin.namelist():
            zout.writestr(n, content if n == name else zin.read(n))
    return buf.getvalue()


@pytest.mark.parametrize("code", ["D800", "DFFF", "FFFFFFFF", "110000", "-1"])
def test_word_symbol_that_is_no_character_is_replaced_and_said_once(tmp_path, code):
    """<w:sym w:char="D800"/> (a lone surrogate) crashed every output format, FFFFFFFF raised an
    OverflowError in the reader: now U+FFFD, with one GK015 at info level, and every format renders."""
    body = (ooxml_paragraph("一、总体情况") + f'<w:p><w:r><w:t>附注</w:t><w:sym w:char="{code}"/>'
            f'<w:sym w:char="{code}"/></w:r></w:p>')
    res = lint(write(tmp_path, "sym.docx", ooxml_docx(body)))
    (gk015,) = [f for f in res.findings if f.code == "GK015"]
    assert gk015.severity == "info" and "2 个无效字符" in gk015.message and gk015.line == 2
    assert read(str(tmp_path / "sym.docx")).lines[1] == "附注\ufffd\ufffd"
    for fmt in ("text", "json", "sarif", "html", "junit"):
        render(fmt, [res]).encode("utf-8")


def test_word_symbols_that_are_characters_or_glyphs_are_no_damage(tmp_path):
    """Positive control of the test above: a real character is kept, a symbol-font glyph dropped."""
    body = ooxml_paragraph("一、总体情况") + '<w:p><w:r><w:t>附注</w:t><w:sym w:char="2605"/><w:sym w:char="F0FC"/></w:r></w:p>'
    res = lint(write(tmp_path, "sym.docx", ooxml_docx(body)))
    assert "GK015" not in codes(res)
    assert read(str(tmp_path / "sym.docx")).lines[1] == "附注★"


@pytest.mark.parametrize("encoding", ["UT-8", "punycode", "undefined", "utf-7"])
def test_word_xml_part_declaring_an_encoding_expat_cannot_use(tmp_path, encoding):
    """encoding="UT-8" raised LookupError out of the reader: now the part is damaged XML (GK011)."""
    data = ooxml_docx(ooxml_paragraph("一、总体情况"))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        document = zf.read("word/document.xml").replace(b'encoding="UTF-8"', f'encoding="{encoding}"'.encode())
    f = only(lint(write(tmp_path, "enc.docx", with_part(data, "word/document.xml", document))), "GK011")
    assert "word/document.xml 不是完整的 XML" in f.message


@pytest.mark.parametrize("start, fmt", [("100000000", "upperRoman"), ("100000000000", "upperLetter"),
                                        ("1" + "0" * 5000, "lowerRoman"), ("-5", "decimal")],
                         ids=["1e8-roman", "1e11-letter", "5000-digits", "negative"])
def test_word_numbering_values_are_clamped(tmp_path, guard, start, fmt):
    """start 1e8 with upperRoman was quadratic, 1e11 with upperLetter a MemoryError: a start is at
    most 32 767, Word's own largest, and a number beyond a format's range is written in digits."""
    numbering = NUMBERING.replace('<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>',
                                  f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1、"/>', 1)
    assert numbering != NUMBERING
    body = "".join(ooxml_paragraph(t, num_level=0) for t in ("总体情况", "主动公开政府信息情况", "其他"))
    path = write(tmp_path, "num.docx", with_part(ooxml_docx(body), "word/numbering.xml", numbering.encode()))
    guarded(guard, path)
    first = 0 if start.startswith("-") else 32767
    assert read(str(path)).lines == [f"{first}、总体情况", f"{first + 1}、主动公开政府信息情况", f"{first + 2}、其他"]


def test_word_numbering_in_range_is_kept(tmp_path):
    """Positive control of the test above: numbers within a format's range keep it."""
    numbering = NUMBERING.replace('<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>',
                                  '<w:start w:val="3998"/><w:numFmt w:val="upperRoman"/>', 1)
    body = "".join(ooxml_paragraph(t, num_level=0) for t in ("甲", "乙", "丙"))
    path = write(tmp_path, "num.docx", with_part(ooxml_docx(body), "word/numbering.xml", numbering.encode()))
    assert read(str(path)).lines == ["MMMCMXCVIII、甲", "MMMCMXCIX、乙", "4000、丙"]


def test_word_rows_padded_to_a_huge_grid_are_read_as_text(tmp_path, guard):
    """Issue 10: one row of 200 cells spanning 64 grid columns and 10 000 short rows (a few KB)
    took 49 s and 5.5 GB, every row padded to 12 800 cells. The grid is checked as it grows."""
    wide = "<w:tr>" + '<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr><w:p/></w:tc>' * 200 + "</w:tr>"
    narrow = "<w:tr><w:tc><w:p><w:r><w:t>附表</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"
    table = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>" + wide + narrow * 10_000 + "</w:tbl>"
    path = write(tmp_path, "rows.docx", ooxml_docx(ooxml_paragraph("一、总体情况") + table))
    assert path.stat().st_size < 100_000
    outcome = guarded(guard, path)
    (gk020,) = [f for f in outcome.findings if f["code"] == "GK020"]
    assert "1 个表格展开合并单元格后超过 200000 个位置" in gk020["message"]
    assert read(str(path)).lines[gk020["line"] - 1] == "附表"  # the table's first text, read as text


def test_pdf_whose_media_box_is_no_number(tmp_path):
    """`/MediaBox [0 0 1e9 1e9]` (PDF has no exponents) raised again from close() in a finally."""
    data = minimal_pdf([TEXT_PAGE], FONT).replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 1e9 1e9]")
    f = only(lint(write(tmp_path, "box.pdf", data)), "GK011")
    assert "PDF 文件已损坏" in f.message and "Bounding box" in f.message


def ascii_page(blocks) -> str:
    """A page whose every non-ASCII character is a character reference: bytes that decode the same
    in every codec that keeps ASCII, so the declared charset alone decides."""
    return "".join(c if c.isascii() else f"&#{ord(c)};" for c in html_page(blocks))


@pytest.mark.parametrize("charset", ["undefined", "punycode", "utf-7", "unicode_escape", "rot13", "x-user-defined"])
def test_web_page_charset_that_is_no_page_encoding_is_ignored(tmp_path, charset):
    """`<meta charset="undefined">` (also punycode) raised out of the reader; utf-7 and
    unicode_escape made lone surrogates of `+2AA-` and `\\ud800` that crashed every output. As
    browsers do, only WHATWG encoding labels count: the page is read by detection, its text intact."""
    page = ascii_page(CLEAN_BLOCKS).replace('<meta charset="utf-8">', f'<meta charset="{charset}">')
    assert page.isascii() and charset in page
    data = page.replace("<title>", "<title>+2AA-\\ud800", 1).encode("ascii")
    res = lint(write(tmp_path, "page.html", data))
    assert res.report.encoding == "utf-8" and res.report.year == 2023
    assert not {"GK005", "GK015", "GK101"} & set(codes(res))
    for fmt in ("text", "json", "html"):
        render(fmt, [res]).encode("utf-8")


def test_web_page_charset_that_browsers_know_is_used(tmp_path):
    """Positive control of the test above: a WHATWG label decodes the page (GBK as its superset)."""
    page = html_page(CLEAN_BLOCKS).replace('<meta charset="utf-8">', '<meta charset="GBK">')
    res = lint(write(tmp_path, "page.html", page.replace("\xa0", " ").encode("gbk")))
    assert res.report.encoding == "gb18030" and res.report.year == 2023 and "GK101" not in codes(res)


@pytest.mark.parametrize("junk", ["<a " * 30_000, "<a" * 45_000, "<a b='x " * 9_000, "<!--" * 22_000],
                         ids=["open-tags", "open-tags-no-space", "open-quotes", "open-comments"])
def test_web_page_ending_in_open_tags_is_read_in_one_pass(tmp_path, guard, junk):
    """The standard library's html.parser of Python 3.11 is quadratic on an unclosed tag repeated:
    `<a ` × 30 000 (90 KB) at the end of a page took minutes. The report before the junk is read;
    the junk is an unclosed tag (or comment) running to the end of the page, as the HTML standard says."""
    path = write(tmp_path, "page.html", (html_page(CLEAN_BLOCKS) + junk).encode("utf-8"))
    assert path.stat().st_size < 200_000
    outcome = guarded(guard, path)
    assert outcome.info["year"] == 2023 and not {"GK005", "GK101"} & set(outcome.codes)


def test_web_page_markup_the_standard_library_raised_on(tmp_path):
    """`<![` raised AssertionError in html.parser, `&#` with 5 000 digits a ValueError (int()'s
    digit limit), as did a colspan of 5 000 digits. The page around them is read; the reference
    is U+FFFD like any reference beyond Unicode."""
    junk = "<p>一、总体情况<![<![</p><p>附注&#" + "9" * 5000 + ";&#x" + "F" * 5000 + ";&#65;&amp;</p>" \
        + '<table><tr><td colspan="' + "9" * 5000 + '">甲</td><td>1</td></tr></table>'
    path = write(tmp_path, "page.html", f"<html><body>{junk}</body></html>".encode())
    src = read(str(path))
    assert src.lines[:2] == ["一、总体情况", "附注\ufffd\ufffdA&"] and "GK010" not in codes(lint(path))


def test_web_page_grid_of_huge_spans_is_read_as_text(tmp_path, guard):
    """Issue 10: rowspan × colspan grids (29 KB → 738 MB). 190 cells spanning 1 000 columns over
    1 500 rows would be 285 million places: refused before the grid is allocated (GK020)."""
    table = ("<table><tr>" + '<td colspan="1000">甲</td>' * 190 + "</tr>" + "<tr><td>乙</td><td>1</td></tr>" * 1500
             + "</table>")
    page = html_page(CLEAN_BLOCKS).replace('</div>\n<div class="share">', table + '</div>\n<div class="share">', 1)
    path = write(tmp_path, "grid.html", page.encode("utf-8"))
    outcome = guarded(guard, path)
    (gk020,) = [f for f in outcome.findings if f["code"] == "GK020"]
    assert "1 个表格展开合并单元格后超过 200000 个位置" in gk020["message"] and outcome.info["year"] == 2023


def test_web_page_list_of_many_items_is_numbered_in_one_pass(tmp_path, guard):
    """An ordered list's item numbers were counted per item over the whole list (cubic: 5 000
    items hung); now once per list."""
    items = "".join(f"<li>第{i}项</li>" for i in range(5000))
    path = write(tmp_path, "list.html", f"<html><body><ol>{items}</ol></body></html>".encode())
    guarded(guard, path)
    lines = read(str(path)).lines
    assert lines[:2] == ["一、第0项", "二、第1项"] and lines[10] == "第10项" and len(lines) == 5000


@pytest.mark.parametrize("page", [True, False], ids=["page", "text"])
def test_many_leading_comments_are_sniffed_in_one_pass(tmp_path, guard, page):
    """Content sniffing matched leading comments with a regular expression that backtracked
    exponentially when no page followed (`<!---->` × 30 took minutes): now a loop. Comments before
    a page still make it a web page, whatever the suffix; before text, the text is read as text."""
    body = html_page(CLEAN_BLOCKS) if page else CLEAN_2021
    path = write(tmp_path, "r.txt", ("<!---->" * 200 + body).encode("utf-8"))
    outcome = guarded(guard, path)
    assert (read(str(path)).origins is not None) == page  # origins: read by the web-page reader
    assert outcome.info["year"] == 2023


def test_title_with_a_run_of_spaces(tmp_path, guard):
    """Issue 10: the regular expression splitting the title at its year was cubic on a run of
    spaces not followed by the year (3 KB → 37 s). The agency is still what comes before the year."""
    text = CLEAN_2021.replace("某市交通运输局", "某市" + " " * 3000 + "交通运输局", 1)
    assert text.splitlines()[0].endswith("交通运输局2023年政府信息公开工作年度报告")
    outcome = guarded(guard, write(tmp_path, "r.txt", text.encode("utf-8")))
    assert outcome.info["agency"] == "某市" + " " * 3000 + "交通运输局" and outcome.info["year"] == 2023


@pytest.mark.parametrize("line", ["1" + " " * 100_000 + "x", "。2023年" + " " * 60_000 + "x",
                                  "统计期限为2023年1月1日" + " " * 60_000 + "x", "一" + " " * 100_000 + "x"],
                         ids=["value", "sentence-year", "period", "heading"])
def test_lines_of_spaces_are_scanned_in_linear_time(tmp_path, guard, line):
    """Patterns with two white-space runs around an optional part (`\\s*单位?\\s*`) were quadratic
    on a long run of spaces; the report around such a line is read as before."""
    text = CLEAN_2021.replace("二、主动公开政府信息情况", line + "\n二、主动公开政府信息情况", 1)
    outcome = guarded(guard, write(tmp_path, "r.txt", text.encode("utf-8")))
    assert outcome.info["year"] == 2023 and not {"GK101", "GK005"} & set(outcome.codes)


def test_bookmark_residue_never_swallows_text():
    """`[bookmark:` repeated was quadratic: the residue pattern ran to the next `]` from every
    `[bookmark:`. A bookmark name has no bracket, so an unclosed one is text, and the text before
    a real bookmark is kept."""
    assert normalize_line("甲[bookmark: 说明 [bookmark: _GoBack]乙", 1).text == "甲[bookmark: 说明 乙"
    assert normalize_line("[bookmark: _GoBack]一、总体情况", 1).text == "一、总体情况"
    line = "[bookmark:" * 100_000
    assert normalize_line(line, 1).text == line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_named_pipe_is_refused_not_waited_on(tmp_path, guard):
    """A FIFO named on the command line or found in a checked folder was opened and waited on
    forever; files must be regular files (GK001). The other files of the folder are checked."""
    os.mkfifo(tmp_path / "pipe.txt")
    outcome = guarded(guard, tmp_path / "pipe.txt")
    assert outcome.codes == ["GK001"] and "不是普通文件" in outcome.findings[0]["message"]
    (tmp_path / "report.txt").write_text(CLEAN_2021, encoding="utf-8")
    try:
        run = subprocess.run([sys.executable, "-m", "gklint", "check", "--no-cache", "--isolated", "--format", "json",
                              str(tmp_path)], capture_output=True, text=True, timeout=60, cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.fail("gklint waited on the named pipe")
    assert '"code": "GK001"' in run.stdout and '"year": 2023' in run.stdout
