"""A PDF page's characters and their positions from PDFium (pypdfium2), in pdfplumber's terms.

pdfminer's layout (what pdfplumber reads) interprets every content stream in Python: ~90 % of
the time of a PDF check. PDFium reads the same text in a tenth of that. It stands in for pdfminer
only where both are known to give the same characters at the same places; on every other page
`chars` answers None and pdfplumber reads the page as before:

* a page that may hold a ruled table (path objects running both across and down, or any inside a
  form XObject): pdfplumber's table finder needs its edges and cells;
* a rotated page, a character that is not upright or is skewed, a character PDFium could not map
  to Unicode or mapped to the private use area (pdfminer's `(cid:N)`, counted as garbled);
* a composite (Type0) font without /ToUnicode or a Type3 font: pdfminer and PDFium decode them
  differently.

Coordinates are pdfplumber's: `top` and `bottom` from the top of the MediaBox, `x0`/`x1` the
advance width. PDFium's loose box has pdfminer's bottom and x-extent; its top comes from the
font's ascent, so `top` is `bottom` less the font size, as pdfminer's box is.
"""

from __future__ import annotations

import ctypes

MAX_DEPTH = 4  # form XObjects inside form XObjects: deeper ones are not looked into
MIN_RULE = 1.0  # pdfplumber keeps edges from 1 pt before joining them into table rules


class Document:
    """The PDF opened by PDFium once, its pages read on demand (None: PDFium cannot open it)."""

    def __init__(self, data: bytes):
        import pypdfium2
        import pypdfium2.raw as raw

        self.raw = raw
        self.doc = pypdfium2.PdfDocument(data)

    def close(self) -> None:
        self.doc.close()

    def chars(self, index: int, page) -> list[dict] | None:
        """The characters of page `index` as pdfplumber's page.chars gives them (blanks included),
        or None where pdfplumber must read the page (see the module docstring). `page` is
        pdfplumber's page: its boxes place the coordinates and its fonts are checked."""
        if page.rotation or not _fonts_decodable(page):
            return None
        try:
            pg = self.doc[index]
        except Exception:  # PDFium cannot load the page: pdfplumber says what is wrong with it
            return None
        try:
            if _may_hold_rules(self.raw, pg):
                return None
            textpage = pg.get_textpage()
            try:
                return _chars(self.raw, textpage, page)
            finally:
                textpage.close()
        except Exception:
            return None
        finally:
            pg.close()


def _fonts_decodable(page) -> bool:
    from pdfminer.pdftypes import resolve1

    def fine(resources, depth: int) -> bool:
        resources = resolve1(resources) or {}
        for font in (resolve1(resources.get("Font")) or {}).values():
            font = resolve1(font) or {}
            sub = getattr(resolve1(font.get("Subtype")), "name", None)
            if sub == "Type3" or (sub == "Type0" and font.get("ToUnicode") is None):
                return False
        for xobj in (resolve1(resources.get("XObject")) or {}).values():
            xobj = resolve1(xobj)
            attrs = getattr(xobj, "attrs", {})
            if getattr(resolve1(attrs.get("Subtype")), "name", None) == "Form":
                if depth >= MAX_DEPTH or not fine(attrs.get("Resources"), depth + 1):
                    return False
        return True

    try:
        return fine(page.page_obj.resources, 0)
    except Exception:  # a damaged resource dictionary: pdfplumber decides what it is
        return False


def _may_hold_rules(raw, pg) -> bool:
    """Whether pdfplumber's line strategy could find a table: path objects on the page that run
    across and others (or the same) that run down, or paths inside a form (whose bounds are in
    the form's own space)."""
    across = down = False
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in range(raw.FPDFPage_CountObjects(pg)):
        obj = raw.FPDFPage_GetObject(pg, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM and _form_has_paths(raw, obj, 1):
            return True
        if kind != raw.FPDF_PAGEOBJ_PATH or not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        across = across or right.value - left.value >= MIN_RULE
        down = down or top.value - bottom.value >= MIN_RULE
        if across and down:
            return True
    return False


def _form_has_paths(raw, form, depth: int) -> bool:
    for i in range(raw.FPDFFormObj_CountObjects(form)):
        obj = raw.FPDFFormObj_GetObject(form, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            return True
        if kind == raw.FPDF_PAGEOBJ_FORM and (depth >= MAX_DEPTH or _form_has_paths(raw, obj, depth + 1)):
            return True
    return False


def _chars(raw, textpage, page) -> list[dict] | None:
    # pdfminer's coordinates are relative to the MediaBox origin; pdfplumber turns them back.
    mb_y0 = float(page.page_obj.mediabox[1])
    height, mb_top = float(page.height), float(page.mediabox[1])
    box, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
    get_unicode, generated, map_error = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated, raw.FPDFText_HasUnicodeMapError
    loose_box, font_size, get_matrix = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize, raw.FPDFText_GetMatrix
    out = []
    for i in range(raw.FPDFText_CountChars(textpage)):
        if generated(textpage, i) == 1:  # a space or line break PDFium inferred: pdfminer has none
            continue
        code = get_unicode(textpage, i)
        if code in (0, 0xFFFD, 0xFFFE) or 0xE000 <= code <= 0xF8FF or map_error(textpage, i) == 1:
            return None
        if not loose_box(textpage, i, box) or not get_matrix(textpage, i, matrix):
            return None
        if matrix.b or matrix.c or matrix.a * matrix.d <= 0:
            return None
        text = chr(code)
        bottom = height - (box.bottom - mb_y0) + mb_top
        size = font_size(textpage, i) * abs(matrix.d)
        if not text.isspace() and (box.right < box.left or size <= 0):
            return None
        out.append({"text": text, "x0": box.left, "x1": box.right,
                    "top": bottom - size, "bottom": bottom, "doctop": bottom - size, "upright": True,
                    "size": size, "object_type": "char"})
    return out
