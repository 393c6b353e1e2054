"""Hostile and damaged inputs to the Word, PDF and web-page readers: each gives one clear finding
(or is read safely), quickly, never a crash or a GK010."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from conftest import codes, crash_rule, lint
from gklint.readers.docx import container as docx_container
from readers_fixtures import (CONTENT_TYPES, FONT, IMAGE_PAGE, TEXT_PAGE, W_NS, encrypted_pdf, minimal_pdf,
                              ooxml_docx, ooxml_paragraph)

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
    assert "DTD" in f.message and time.perf_counter() - start < 2


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
    assert time.perf_counter() - start < 2


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
    assert "10000 页" in f.message and time.perf_counter() - start < 2.5


def test_damaged_pdf(tmp_path):
    f = only(lint(write(tmp_path, "r.pdf", b"%PDF-1.4 whatever")), "GK011")
    assert "PDF" in f.message
    good = minimal_pdf([TEXT_PAGE], FONT)
    assert "GK010" not in codes(lint(write(tmp_path, "cut.pdf", good[: len(good) // 2])))


# -- web pages ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["div", "span", "table><tr><td", "ul><li"])
def test_deeply_nested_html(tmp_path, tag):
    depth = 10_000
    close = "</" + "></".join(reversed(tag.replace("><", " ").split())) + ">" if "><" in tag else f"</{tag}>"
    html = ("<html><body>" + f"<{tag}>" * depth + "<p>某局2023年政府信息公开工作年度报告</p><p>一、总体情况</p>"
            + close * depth + "</body></html>")
    start = time.perf_counter()
    res = lint(write(tmp_path, "deep.html", html.encode()))
    assert "GK010" not in codes(res) and "GK005" not in codes(res)
    assert time.perf_counter() - start < 3


def test_deeply_nested_html_without_the_report_is_not_a_report(tmp_path):
    """Positive control of the test above: the same nesting around other text gives GK005."""
    html = "<html><body>" + "<div>" * 10_000 + "<p>会议通知</p>" + "</div>" * 10_000 + "</body></html>"
    assert codes(lint(write(tmp_path, "deep.html", html.encode()))) == ["GK005"]


HUGE_SPANS = ('<table><tr><td colspan="100000" rowspan="100000">规章</td><td>0</td></tr>'
              + '<tr><td>行政规范性文件</td><td>1</td></tr>' * 200 + "</table>")
STRAY_TAGS = "</td></tr></table></div><table><tr><td>一、总体情况<td></p></b><p><p><li>我局坚持公开。" * 50


def test_huge_spans_do_not_blow_up(tmp_path):
    res = lint(write(tmp_path, "span.html", HUGE_SPANS.encode()))
    assert "GK010" not in codes(res)


def test_unclosed_and_stray_tags(tmp_path):
    res = lint(write(tmp_path, "junk.html", STRAY_TAGS.encode()))
    assert "GK010" not in codes(res)


@pytest.mark.parametrize("html", [HUGE_SPANS, STRAY_TAGS], ids=["spans", "stray-tags"])
def test_hostile_pages_with_a_crashing_rule(tmp_path, monkeypatch, html):
    """Positive control of the two tests above: a rule that fails on these pages is reported."""
    crash_rule(monkeypatch)
    assert "GK010" in codes(lint(write(tmp_path, "page.html", html.encode())))
