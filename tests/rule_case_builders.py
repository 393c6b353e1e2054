"""Documents for rule cases that cannot be written as text edits (tests/rule_cases, `base:
build:<name>`): binary data, broken or hostile Word and PDF files, inputs too large to spell out.
Each builder is a plain function returning (bytes, file name)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from readers_fixtures import (CONTENT_TYPES, IMAGE_PAGE, TEXT_PAGE, W_NS, encrypted_pdf, html_page, minimal_pdf,
                              ooxml_docx, ooxml_paragraph, ooxml_table, seed_blocks)

BASE = Path(__file__).parent / "rule_cases" / "base"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: old .doc/.wps, or an encrypted .docx


def _base(name: str) -> str:
    return (BASE / f"{name}.txt").read_text(encoding="utf-8")


def binary() -> tuple[bytes, str]:
    return bytes(range(256)) * 4, "report.txt"


def invalid_utf8() -> tuple[bytes, str]:
    """clean-2021 with two bytes that are not UTF-8 in front of the heading of section 六 (line 395)."""
    text = _base("clean-2021").encode("utf-8")
    heading = "六、其他需要报告的事项".encode("utf-8")
    return text.replace(heading, b"\xff\xfe" + heading, 1), "report.txt"


def binary_web_page() -> tuple[bytes, str]:
    return b"<html><body>" + bytes(100) + b"</body></html>", "report.html"


def web_page_with_invalid_bytes() -> tuple[bytes, str]:
    """A web page without a charset whose second line of source has two bytes that are not UTF-8."""
    return "<html><body><p>一、总体情况</p>\n".encode("utf-8") + b"<p>\xff\xfe</p></body></html>", "report.html"


def old_word_document() -> tuple[bytes, str]:
    return OLE + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1000), "report.doc"


def encrypted_word_document() -> tuple[bytes, str]:
    return OLE + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(1000), "report.docx"


def zip_not_word() -> tuple[bytes, str]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in ("报告.txt", "images/a.png", "images/b.png", "images/c.png"):
            zf.writestr(name, "x")
    return buf.getvalue(), "report.docx"


def opendocument_text() -> tuple[bytes, str]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return buf.getvalue(), "report.docx"


def zip_bomb() -> tuple[bytes, str]:
    """A .docx whose document.xml inflates 16 MB of spaces from a few kilobytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        with zf.open("word/document.xml", "w") as fh:
            fh.write(f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode())
            for _ in range(16):
                fh.write(b" " * (1 << 20))
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue(), "report.docx"


def scanned_pdf() -> tuple[bytes, str]:
    return minimal_pdf([IMAGE_PAGE, IMAGE_PAGE], b"<< /XObject << /Im1 4 0 R >> >>"), "report.pdf"


def pdf_with_scanned_pages() -> tuple[bytes, str]:
    """A page of text followed by twelve pages that are pictures only."""
    resources = (b"<< /XObject << /Im1 4 0 R >> /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> "
                 b">> >>")
    return minimal_pdf([TEXT_PAGE] + [IMAGE_PAGE] * 12, resources), "report.pdf"


def password_pdf() -> tuple[bytes, str]:
    return encrypted_pdf("secret", "RC4-128"), "report.pdf"


def pdf_of_501_pages() -> tuple[bytes, str]:
    return minimal_pdf([b""] * 501), "report.pdf"


def too_many_lines() -> tuple[bytes, str]:
    """clean-2021 followed by blank lines up to 100 001 lines."""
    text = _base("clean-2021")
    return (text + "\n" * (100_000 - text.count("\n"))).encode("utf-8"), "report.txt"


def _cells_after_table_four(text: str, cells: int) -> str:
    """`cells` more cells of zeros at the end of table 四, in the Word text-export layout."""
    five = "\n五、存在的主要问题及改进情况"
    assert five in text
    return text.replace(five, "\n" + "\t0\n" * cells + five, 1)


def many_cells() -> tuple[bytes, str]:
    """clean-2021 whose table 四 runs on for 20 500 more cells."""
    return _cells_after_table_four(_base("clean-2021"), 20_500).encode("utf-8"), "report.txt"


def many_cells_2019_layout_dated_2023() -> tuple[bytes, str]:
    """clean-2019 dated 2023 (so its tables are re-read in the 2019 layout) with 20 500 more cells in table 四."""
    text = _base("clean-2019")
    assert "2020" in text
    return _cells_after_table_four(text.replace("2020", "2023"), 20_500).encode("utf-8"), "report.txt"


def _clean_2021_page(pubdate: str) -> tuple[bytes, str]:
    """The clean 2021 base as a CMS web page whose metadata says when it was published."""
    blocks = seed_blocks(_base("clean-2021"))
    return html_page(blocks, pubdate=pubdate).encode("utf-8"), "report.html"


def page_published_in_time() -> tuple[bytes, str]:
    return _clean_2021_page("2024-01-20 09:00:00")


def page_published_late() -> tuple[bytes, str]:
    return _clean_2021_page("2024-02-10 09:00:00")


def _clean_2021_docx(extra_xml: str = "") -> tuple[bytes, str]:
    """The clean 2021 base as a Word document (paragraphs and plain tables), `extra_xml` at its end."""
    body = []
    for kind, content in seed_blocks(_base("clean-2021")):
        body.append(ooxml_table(content) if kind == "table" else ooxml_paragraph(content))
    return ooxml_docx("".join(body) + extra_xml), "report.docx"


def word_document() -> tuple[bytes, str]:
    return _clean_2021_docx()


def word_symbols_beyond_unicode() -> tuple[bytes, str]:
    """Two Word symbols that are no characters: a lone surrogate and a code beyond Unicode."""
    return _clean_2021_docx('<w:p><w:r><w:t>附注</w:t><w:sym w:char="D800"/><w:sym w:char="FFFFFFFF"/></w:r></w:p>')


def word_table_too_large_to_grid() -> tuple[bytes, str]:
    """A table whose one wide row (40 cells spanning 64 grid columns) pads 100 more rows to 2 560
    cells each: 258 560 places."""
    wide = "<w:tr>" + '<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr><w:p/></w:tc>' * 40 + "</w:tr>"
    narrow = "<w:tr><w:tc><w:p><w:r><w:t>附表</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"
    return _clean_2021_docx("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>" + wide + narrow * 100 + "</w:tbl>")


def web_page_table_too_large_to_grid() -> tuple[bytes, str]:
    """The clean 2021 page with a table of 200 cells spanning 1 000 columns each, over two rows, at
    the end of the report."""
    data, name = _clean_2021_page("2024-01-20 09:00:00")
    table = ("<table><tr>" + '<td colspan="1000">附表</td>' * 200 + "</tr><tr><td>合计</td><td>0</td></tr></table>")
    end = b'</div>\n<div class="share">'  # the end of the page's content element
    assert end in data
    return data.replace(end, table.encode() + end, 1), name
