"""A PDF page's characters, positions and rules from PDFium (pypdfium2), in pdfplumber's terms.

pdfminer's layout (what pdfplumber reads) interprets every content stream in Python: ~90 % of
the time of a PDF check before. PDFium reads the same text in a tenth of that. It stands in for
pdfminer only where both are known to give the same characters at the same places (but for text
overprinted as fake bold, which PDFium reads once and pdfminer twice); on every other page
`Document.page` answers None and pdfplumber reads the page as before:

* a rotated page, text not upright or skewed, a character PDFium could not map to Unicode or
  mapped to the private use area (pdfminer's `(cid:N)`, counted as garbled);
* a Type3 font, a composite (Type0) font without /ToUnicode, or set vertically with glyph
  metrics of its own (/W2, /DW2) or where PDFium's box cannot tell it from a horizontal font of
  the same name; a font the content selects that its resources lack; two fonts of one name with
  different descents;
* paths inside a form XObject, or anything PDFium fails on.

What PDFium reads is handed to pdfplumber's table finder and line grouping (`PlainPage`), the
path segments as its edges; the steps that cost most are done here as it does them, result for
result (tests/test_readers_pdfium.py compares each with pdfplumber's on every corpus page): its
rules merged (`_merged`), its cells found (`_cells`) and gathered into tables (`_tables`), its
words and lines (pdfwords.py). PDFium is called through `_call` (no argument conversion).
Coordinates are pdfplumber's: from the top of the MediaBox; `x0`/`x1` the advance width
(PDFium's loose box; its advance of a glyph can be a fraction of a point off the /Widths pdfminer
reads — up to 0.7 pt in LibreOffice's PDFs, far inside pdfplumber's 3 pt tolerances; characters
of a line may come in another order, which its grouping sorts); `bottom` the origin less
pdfminer's descent (the font descriptor's /Descent), `top` that less the font size, as
pdfminer's box is; a vertical glyph a square of the font size whose lower left is PDFium's origin.

PDFium is C: a crash in it would end the process. It only sees files pdfminer has opened and
counted (GK011–GK014 come first), and every error it reports sends the page back to pdfplumber.
"""

from __future__ import annotations

import ctypes
import math
import re

MAX_DEPTH = 4  # form XObjects inside form XObjects: deeper ones are not looked into
INFERRED = frozenset((0x20, 0x0A, 0x0D, 0x02))  # what PDFium may put between characters
UNMAPPED = frozenset((0, 0xFFFD, 0xFFFE))  # with the private use area: pdfminer's `(cid:N)`


class Document:
    """The PDF opened by PDFium once, its pages read on demand."""

    def __init__(self, data: bytes, objects=None):
        import pypdfium2
        import pypdfium2.raw as raw

        self.raw, self.data = raw, data
        self.doc = pypdfium2.PdfDocument(data)
        self.objects = objects  # pdfobjects.Objects of pdfminer's document (made with the first page)

    def close(self) -> None:
        self.doc.close()

    def page(self, index: int, page) -> "PlainPage | None":
        """Page `index` as pdfplumber would see it, or None where pdfplumber must read it (see the
        module docstring). `page` is pdfplumber's page, not parsed: its boxes place the
        coordinates and its fonts are checked."""
        descents = None if page.rotation else _descents(page, self._objects(page).resolve)
        if descents is None:
            return None
        raw = self.raw  # the page and its text by their handles: pypdfium2's objects cost more than them
        pg = raw.FPDF_LoadPage(self.doc.raw, index)  # NULL for an index out of range
        if not pg:  # PDFium cannot load the page: pdfplumber says what is wrong with it
            return None
        try:
            textpage = raw.FPDFText_LoadPage(pg)
            if not textpage:
                return None
            place, texts = _Place(page), set()
            try:
                chars = _chars(raw, textpage, place, descents, texts)
            finally:
                raw.FPDFText_ClosePage(textpage)
            edges = None if chars is None else _edges(raw, pg, place, texts)
            return None if edges is None else PlainPage(page, chars, edges)
        except Exception:
            return None
        finally:
            raw.FPDF_ClosePage(pg)


    def _objects(self, page):
        from .pdfobjects import Objects

        if self.objects is None or self.objects.doc is not page.pdf.doc:
            self.objects = Objects(page.pdf.doc, self.data)
        return self.objects


class PlainPage:
    """What gklint asks of a pdfplumber page, from PDFium's characters and path segments:
    `ruled` says whether pdfplumber's table finder runs at all."""

    def __init__(self, page, chars: list[dict], edges: list[dict]):
        self.bbox, self.width, self.height = page.bbox, page.width, page.height
        self.chars, self.edges = chars, edges
        across = any(e["orientation"] == "h" for e in edges)
        self.ruled = across and any(e["orientation"] == "v" for e in edges)

    def find_tables(self) -> list:
        if not self.ruled:  # a table needs rules both ways
            return []
        from pdfplumber.table import Table, TableFinder, TableSettings, edges_to_intersections

        # TableFinder.__init__, its cells found by _cells
        finder = object.__new__(TableFinder)
        finder.page, finder.settings = self, TableSettings.resolve(None)
        edges = _merged(self.edges, finder.settings)
        points = edges_to_intersections(finder.get_edges() if edges is None else edges,
                                        finder.settings.intersection_x_tolerance,
                                        finder.settings.intersection_y_tolerance)
        return [Table(self, group) for group in _tables(_cells(points))]

    def filter(self, keep) -> "PlainPage":
        out = object.__new__(PlainPage)
        out.__dict__.update(self.__dict__)
        out.chars = [c for c in self.chars if keep(c)]
        return out

    def extract_text_lines(self, layout: bool = False, strip: bool = True, return_chars: bool = False) -> list[dict]:
        from pdfplumber.utils import chars_to_textmap

        from . import pdfwords

        if (layout, strip, return_chars) == (False, True, False) and pdfwords.readable(self.chars):
            return pdfwords.text_lines(self.chars)
        textmap = chars_to_textmap(self.chars, layout=layout, layout_bbox=self.bbox, layout_width=self.width,
                                   layout_height=self.height)
        return textmap.extract_text_lines(strip=strip, return_chars=return_chars)


def _merged(edges: list[dict], settings) -> list[dict] | None:
    """pdfplumber's `TableFinder.get_edges` with its default settings (the lines strategy), float
    for float: rules at least 1 pt long, snapped to the mean position of their cluster (3 pt),
    joined along each line where they meet or nearly (3 pt), kept where 3 pt long — without its
    copy of every rule per step. None for pdfplumber's own where a position is not finite."""
    from pdfplumber.utils import resize_object

    from .pdfwords import clusters

    # a sum is finite only if its terms are (or it overflows: then pdfplumber's is used too);
    # rules as _edge makes them: a doctop, no y0 (what pdfplumber moves besides top and bottom)
    if not all(math.isfinite(e["x0"] + e["x1"] + e["top"] + e["bottom"] + e["width"] + e["height"])
               and "doctop" in e and "y0" not in e for e in edges):
        return None
    snap = {"v": settings.snap_x_tolerance, "h": settings.snap_y_tolerance}
    join = {"h": settings.join_x_tolerance, "v": settings.join_y_tolerance}
    snapped = []
    for orientation, at in (("v", "x0"), ("h", "top")):
        dim = "height" if orientation == "v" else "width"
        rules = [e for e in edges if e["orientation"] == orientation and e[dim] >= settings.edge_min_length_prefilter]
        index = clusters({e[at] for e in rules}, snap[orientation])
        groups: dict[int, list] = {}
        for e in rules:
            groups.setdefault(index[e[at]], []).append(e)
        for k in sorted(groups):
            group = groups[k]
            mean = sum([e[at] for e in group]) / len(group)
            for e in group:
                shift = mean - e[at]
                if orientation == "v":
                    snapped.append({**e, "x0": e["x0"] + shift, "x1": e["x1"] + shift})
                else:
                    snapped.append({**e, "top": e["top"] + shift, "bottom": e["bottom"] + shift,
                                    "doctop": e["doctop"] + shift})
    lines: dict[tuple, list] = {}
    for e in snapped:
        lines.setdefault(("h", e["top"]) if e["orientation"] == "h" else ("v", e["x0"]), []).append(e)
    out = []
    for key in sorted(lines):
        low, high = ("x0", "x1") if key[0] == "h" else ("top", "bottom")
        joined: list[dict] = []
        for e in sorted(lines[key], key=lambda e: e[low]):
            if joined and e[low] <= joined[-1][high] + join[key[0]]:
                if e[high] > joined[-1][high]:
                    joined[-1] = resize_object(joined[-1], high, e[high])
            else:
                joined.append(e)
        out += joined
    return [e for e in out if e["height" if e["orientation"] == "v" else "width"] >= settings.edge_min_length]


def _cells(intersections: dict) -> list[tuple]:
    """pdfplumber's `intersections_to_cells`, each point's edges made a set once (it makes them
    for every pair of points it tries) and the points below and to the right of each taken from
    its column and row, not from a scan of all later points. Non-finite points: pdfplumber's."""
    from pdfplumber.table import intersections_to_cells
    from pdfplumber.utils import obj_to_bbox

    points = sorted(intersections)
    if not all(math.isfinite(v) for p in points for v in p):
        return intersections_to_cells(intersections)
    down = {p: {obj_to_bbox(e) for e in edges["v"]} for p, edges in intersections.items()}
    across = {p: {obj_to_bbox(e) for e in edges["h"]} for p, edges in intersections.items()}

    def connects(p1, p2) -> bool:
        return ((p1[0] == p2[0] and not down[p1].isdisjoint(down[p2]))
                or (p1[1] == p2[1] and not across[p1].isdisjoint(across[p2])))

    columns: dict[float, list] = {}
    rows: dict[float, list] = {}
    for p in points:  # in sorted order: a point's later ones in its column lie below, in its row right
        columns.setdefault(p[0], []).append(p)
        rows.setdefault(p[1], []).append(p)
    column_at = {p: i for col in columns.values() for i, p in enumerate(col)}
    row_at = {p: i for row in rows.values() for i, p in enumerate(row)}
    cells = []
    for pt in points:
        below, right = columns[pt[0]][column_at[pt] + 1:], rows[pt[1]][row_at[pt] + 1:]
        cell = next(((pt[0], pt[1], r[0], b[1]) for b in below if connects(pt, b) for r in right
                     if connects(pt, r) and (r[0], b[1]) in intersections
                     and connects((r[0], b[1]), r) and connects((r[0], b[1]), b)), None)
        if cell is not None:
            cells.append(cell)
    return cells


def _tables(cells: list[tuple]) -> list[list[tuple]]:
    """pdfplumber's `cells_to_tables`: cells gathered into a table in passes over those left,
    each cell that shares a corner with the table so far joining it, until a pass adds none —
    each pass's leftovers kept in a new list rather than removed one by one. Non-finite
    cells: pdfplumber's."""
    from pdfplumber.table import cells_to_tables

    if not all(math.isfinite(v) for c in cells for v in c):
        return cells_to_tables(cells)
    remaining, tables = list(cells), []
    corners: set[tuple] = set()
    current: list[tuple] = []
    while remaining:
        before, left = len(current), []
        for cell in remaining:
            x0, top, x1, bottom = cell
            these = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or not corners.isdisjoint(these):
                corners.update(these)
                current.append(cell)
            else:
                left.append(cell)
        remaining = left
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    return [t for t in sorted(tables, key=lambda t: min((c[1], c[0]) for c in t)) if len(t) > 1]


class _Place:
    """PDF user space to pdfplumber's coordinates: pdfminer's are relative to the MediaBox
    origin, pdfplumber turns them back and measures from the top."""

    def __init__(self, page):
        self.y0 = float(page.page_obj.mediabox[1])
        self.height, self.top = float(page.height), float(page.mediabox[1])

    def y(self, y: float) -> float:
        return self.height - (y - self.y0) + self.top


def _descents(page, resolve1=None) -> dict[bytes, float] | None:
    """Each font's descent as pdfminer takes it (the font descriptor's /Descent, a standard
    font's metrics), by /BaseFont; None where pdfplumber must read the page: a Type3 font, a
    composite font without /ToUnicode or set vertically, two fonts of one name that differ.
    `resolve1`: pdfminer's, or one that gives what it gives (pdfobjects.Objects.resolve)."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdftypes import resolve1 as pdfminer_resolve1

    resolve1 = resolve1 or pdfminer_resolve1
    out: dict[bytes, float] = {}

    def name(value) -> str | None:
        return getattr(resolve1(value), "name", None)

    def add(resources, depth: int) -> bool:
        resources = resolve1(resources) or {}
        for font in (resolve1(resources.get("Font")) or {}).values():
            font = resolve1(font) or {}
            sub, base = name(font.get("Subtype")), name(font.get("BaseFont"))
            spec, vertical = font, False
            if sub == "Type0":
                encoding = resolve1(font.get("Encoding"))
                spec = resolve1((resolve1(font.get("DescendantFonts")) or [None])[0]) or {}
                if resolve1(getattr(encoding, "attrs", {}).get("WMode")) == 1 or font.get("ToUnicode") is None:
                    return False
                vertical = (name(encoding) or "").endswith("-V")
                # pdfminer and PDFium agree on a vertical glyph's box with the default metrics only
                if vertical and (spec.get("W2") is not None or spec.get("DW2") is not None):
                    return False
            elif sub == "Type3" or base is None:
                return False
            if sub != "Type0" and base in FONT_METRICS:
                descent = FONT_METRICS[base][0].get("Descent", 0)
            else:
                descent = resolve1((resolve1(spec.get("FontDescriptor")) or {}).get("Descent", 0)) or 0
            descent = -abs(float(descent))
            key = _unsubset(base if isinstance(base, bytes) else base.encode("utf-8"))  # pdfminer decodes UTF-8
            if out.setdefault(key, {}).setdefault(vertical, descent) != descent:
                return False
        for xobj in (resolve1(resources.get("XObject")) or {}).values():
            attrs = getattr(resolve1(xobj), "attrs", {})
            if name(attrs.get("Subtype")) == "Form":
                if depth >= MAX_DEPTH or not add(attrs.get("Resources"), depth + 1):
                    return False
        return True

    try:
        if not add(page.page_obj.resources, 0) or not _fonts_known(page):
            return None
    except Exception:  # a damaged resource dictionary: pdfplumber decides what it is
        return None
    return out


# A font selected in a content stream (`/F1 12 Tf`): its resource name.
SELECTED_FONT = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+[-+.\d]+\s+Tf")


def _fonts_known(page) -> bool:
    """Whether every font the page's content selects is in its resources: pdfminer and PDFium
    stand in different fonts for a missing one."""
    from pdfminer.pdftypes import resolve1

    def names(resources) -> set[bytes]:
        fonts = resolve1((resolve1(resources) or {}).get("Font")) or {}
        return {k.encode("utf-8") if isinstance(k, str) else k for k in fonts}

    def fine(streams, resources, known: set[bytes], depth: int) -> bool:
        for stream in streams if isinstance(streams, list) else [streams]:
            stream = resolve1(stream)
            if stream is not None and not set(SELECTED_FONT.findall(stream.get_data())) <= known:
                return False
        for xobj in (resolve1((resolve1(resources) or {}).get("XObject")) or {}).values():
            xobj = resolve1(xobj)
            attrs = getattr(xobj, "attrs", {})
            if getattr(resolve1(attrs.get("Subtype")), "name", None) == "Form":
                inner = attrs.get("Resources")  # a form without resources uses its page's
                if depth >= MAX_DEPTH or not fine(xobj, inner, names(inner) if inner else known, depth + 1):
                    return False
        return True

    resources = page.page_obj.resources
    return fine(page.page_obj.contents, resources, names(resources), 0)


def _unsubset(name: bytes) -> bytes:
    """A font name without its subset tag (`ABCDEF+`), which PDFium drops for some fonts."""
    return name[7:] if len(name) > 7 and name[6:7] == b"+" and name[:6].isupper() else name


def _edges(raw, pg, place: _Place, texts: set) -> list[dict] | None:
    """pdfplumber's edges (page.edges) of the page's path objects: pdfminer's reading of each
    subpath as a line (`m l`, `m l h`), or a rectangle or curve whose edges join its points. None
    where paths lie inside a form XObject (their matrix is the form's): pdfplumber reads it.
    `texts`: the page's text objects (their addresses), known to be no path or form."""
    edges: list[dict] = []
    matrix, x, y = raw.FS_MATRIX(), ctypes.c_float(), ctypes.c_float()
    matrix_ref, x_ref, y_ref = ctypes.byref(matrix), ctypes.byref(x), ctypes.byref(y)
    get_object, get_type = _call(raw, "FPDFPage_GetObject", address=True), _call(raw, "FPDFPageObj_GetType")
    get_segment, segment_type = _call(raw, "FPDFPath_GetPathSegment"), _call(raw, "FPDFPathSegment_GetType")
    get_point, get_close = _call(raw, "FPDFPathSegment_GetPoint"), _call(raw, "FPDFPathSegment_GetClose")
    page, path, form = getattr(pg, "raw", pg), raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
    moveto, bezierto = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO
    get_matrix, count_segments = _call(raw, "FPDFPageObj_GetMatrix"), _call(raw, "FPDFPath_CountSegments")
    for i in range(_call(raw, "FPDFPage_CountObjects")(page)):
        address = get_object(page, i)  # an address first: a handle made only for what is no text
        if address in texts:  # WPS: most objects, one per character
            continue
        obj = _Handle(address)
        kind = get_type(obj)
        if kind == form and _form_has_paths(raw, obj, 1):
            return None
        if kind != path:
            continue
        if not get_matrix(obj, matrix_ref):
            return None
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        subpaths: list[list] = []
        bezier = 0
        for j in range(count_segments(obj)):
            seg = get_segment(obj, j)
            kind = segment_type(seg)
            if not get_point(seg, x_ref, y_ref):
                return None
            xv, yv = x.value, y.value
            pt = (a * xv + c * yv + e, b * xv + d * yv + f)
            if kind == moveto or not subpaths:
                subpaths.append(["m", [pt]])
                bezier = 0
            elif kind == bezierto:
                bezier += 1
                if bezier % 3 == 0:  # pdfminer keeps a curve's end point, not its control points
                    subpaths[-1][0] += "c"
                    subpaths[-1][1].append(pt)
            else:
                subpaths[-1][0] += "l"
                subpaths[-1][1].append(pt)
            if get_close(seg):
                subpaths[-1][0] += "h"
                subpaths[-1][1].append(subpaths[-1][1][0])
        for shape, pts in subpaths:
            edges += _subpath_edges(shape, pts, place)
    return edges


def _subpath_edges(shape: str, pts: list, place: _Place) -> list[dict]:
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:  # pdfminer drops the redundant `l`
        shape = shape[:-2] + "h"
        pts = pts[:-2] + pts[-1:]
    if shape in ("ml", "mlh"):
        (x0, y0), (x1, y1) = pts[0], pts[1]
        return [_edge(x0, y0, x1, y1, place, "line", None)]
    return [_edge(x0, y0, x1, y1, place, "curve_edge", "v" if x0 == x1 else ("h" if y0 == y1 else None))
            for (x0, y0), (x1, y1) in zip(pts, pts[1:])]


def _edge(x0: float, y0: float, x1: float, y1: float, place: _Place, kind: str, orientation: str | None) -> dict:
    """A line's orientation is its own (a flat one is "h"), a curve's given; the comparisons are
    those of sorted(), min() and max(), kept for their order of equal and unordered values."""
    a, b = place.y(y0), place.y(y1)
    top, bottom = (b, a) if b < a else (a, b)
    if kind == "line":
        orientation = "h" if top == bottom else "v"
    return {"object_type": kind, "x0": x1 if x1 < x0 else x0, "x1": x1 if x1 > x0 else x0, "top": top,
            "bottom": bottom, "doctop": top, "width": abs(x1 - x0), "height": bottom - top, "orientation": orientation}


def _form_has_paths(raw, form, depth: int) -> bool:
    for i in range(_call(raw, "FPDFFormObj_CountObjects")(form)):
        obj = _call(raw, "FPDFFormObj_GetObject")(form, i)
        kind = _call(raw, "FPDFPageObj_GetType")(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            return True
        if kind == raw.FPDF_PAGEOBJ_FORM and (depth >= MAX_DEPTH or _form_has_paths(raw, obj, depth + 1)):
            return True
    return False


def _chars(raw, textpage, place: _Place, descents: dict, texts: set) -> list[dict] | None:
    """The page's characters in pdfplumber's terms, the addresses of their text objects added
    to `texts`; None where pdfplumber must read the page."""
    tp = getattr(textpage, "raw", textpage)
    box, matrix, ox, oy = raw.FS_RECTF(), raw.FS_MATRIX(), ctypes.c_double(), ctypes.c_double()
    box_ref, matrix_ref, ox_ref, oy_ref = ctypes.byref(box), ctypes.byref(matrix), ctypes.byref(ox), ctypes.byref(oy)
    name = ctypes.create_string_buffer(256)
    get_unicode, generated, map_error, origin, loose_box, get_matrix, font_size, text_object = (
        _call(raw, "FPDFText_" + f) for f in ("GetUnicode", "IsGenerated", "HasUnicodeMapError", "GetCharOrigin",
                                              "GetLooseCharBox", "GetMatrix", "GetFontSize", "GetTextObject"))
    object_font, font_name = _call(raw, "FPDFTextObj_GetFont"), _call(raw, "FPDFFont_GetBaseFontName")
    # Font, size and matrix are the text object's; WPS writes one object per character, so they
    # are asked per character (four calls) and what they give is worked out once per value.
    names: dict[int, bytes | None] = {}  # by font handle: fonts live as long as the page
    fonts: dict[tuple, tuple | None] = {}
    objects: dict[int, bool | None] = {}  # a font of a name set both ways: per text object
    out = []
    room, unknown = len(name), ()
    height_of_page, y0, top_of_box = place.height, place.y0, place.top  # _Place.y, written out
    count = raw.FPDFText_CountChars(tp)
    codes = _codes(raw, tp, count) or [get_unicode(tp, i) for i in range(count)]
    for i, code in enumerate(codes):
        if code in INFERRED and generated(tp, i) == 1:  # inferred by PDFium: pdfminer has none
            continue
        if code in UNMAPPED or 0xE000 <= code <= 0xF8FF or map_error(tp, i) == 1:
            return None
        obj = text_object(tp, i)
        font = object_font(obj) if obj else None  # no object, no font: PDFium made the char up
        if not font:
            return None
        texts.add(obj.value)
        fname = names.get(font.value, unknown)
        if fname is unknown:
            n = font_name(font, name, room)
            fname = names[font.value] = name.value if 0 < n <= room else None
        if fname is None or not origin(tp, i, ox_ref, oy_ref) or not loose_box(tp, i, box_ref):
            return None
        left, right = box.left, box.right
        if right < left or not get_matrix(tp, i, matrix_ref):
            return None
        key = (fname, matrix.a, matrix.b, matrix.c, matrix.d, font_size(tp, i))
        metrics = fonts.get(key, unknown)
        if metrics is unknown:
            metrics = fonts[key] = _font_metrics(key, descents)
        if metrics is None:
            return None
        height, descent, variants, widest = metrics
        vertical = False
        if True in variants:
            if obj.value not in objects:
                objects[obj.value] = _vertical(key, variants, box)
            vertical = objects[obj.value]
            if vertical is None:
                return None
            descent = variants[vertical] * key[5] * key[4] / 1000  # as _font_metrics: same rounding
        if vertical:
            # PDFium's origin of a vertical glyph is its box's lower left (default metrics)
            left = ox.value
            right, bottom = left + height, height_of_page - (oy.value - y0) + top_of_box
        else:
            # x-extent: PDFium's loose box (the advance); y: the descent to the descent plus the size
            if right - left > widest:  # PDFium's fallback box: the font size unscaled
                return None
            bottom = height_of_page - (oy.value + descent - y0) + top_of_box
        top = bottom - height
        out.append({"text": chr(code), "x0": left, "x1": right, "top": top, "bottom": bottom,
                    "doctop": top, "upright": True, "size": height, "object_type": "char"})
    return out


def _codes(raw, tp, count: int) -> list[int] | None:
    """The code points of the page's `count` characters from its text in one call, where that
    text is they one for one: PDFium's text is its characters' codes less those it leaves out
    (control characters), each outside the BMP as two UTF-16 units — so a text of `count` units
    and no surrogate leaves nothing out and splits nothing. None otherwise."""
    if count <= 0:
        return None
    buffer = (ctypes.c_ushort * (2 * count + 2))()  # room for every character as a surrogate pair
    written = _call(raw, "FPDFText_GetText")(tp, 0, count, ctypes.byref(buffer))  # with its NUL
    units = buffer[:count]
    if written != count + 1 or any(0xD800 <= u <= 0xDFFF for u in units):
        return None
    return units


def _font_metrics(key: tuple, descents: dict) -> tuple | None:
    """How pdfminer boxes characters of font `name` at `size` under the text matrix, in page
    units: (font size, descent of the horizontal font, the font's descents by whether set
    vertically, the widest box of a glyph PDFium boxed itself); None where pdfplumber must read
    the page."""
    name, a, b, c, d, size = key
    if b or c or a * d <= 0:  # not upright: pdfminer's box turns with it
        return None
    variants = descents.get(_unsubset(name))
    if not variants or size <= 0:
        return None
    return size * d, variants.get(False, 0) * size * d / 1000, variants, 2 * (size * d) + 1


def _vertical(key: tuple, variants: dict, box) -> bool | None:
    """Whether a text object of a font name set both ways (or only vertically) is set
    vertically, from its first character's box; None where that cannot be told."""
    _, a, _, _, d, size = key
    # PDFium does not say whether the object's font is set vertically; it boxes a vertical
    # glyph as a square of the font size unscaled, which tells where the scale is not 1.
    if abs(a - 1) < 1e-3 or a != d:
        return None
    vertical = abs(box.right - box.left - size) < 1e-3 and abs(box.top - box.bottom - size) < 1e-3
    return vertical if vertical in variants else None


class _Handle(ctypes.c_void_p):
    """A PDFium handle answered by a `_call` function: a ctypes object (a subclass, so ctypes
    does not turn it into an int), which goes back to PDFium as the pointer it is."""


def _call(raw, name: str, address: bool = False, _made={}):
    """pypdfium2's function `name`, cheaper to call: a call is most of a character's time, and
    half of it is converting the arguments. Where every parameter is an `int` or a pointer the
    function takes its arguments unconverted, as C's defaults pass them — so an `int` goes only
    to an `int` parameter (an index below a count PDFium gave), a pointer only as a handle or
    `ctypes.byref` of a buffer; otherwise (a `size_t`) they are converted as declared, handles
    as addresses. Handles it answers are `_Handle`s (NULL is falsy), or with `address` their
    addresses (NULL: None)."""
    if (name, address) not in _made:
        f = getattr(raw, name)
        fast = type(f)(ctypes.cast(f, ctypes.c_void_p).value)
        pointer = (ctypes._Pointer, ctypes.c_void_p)
        if all(t is ctypes.c_int or issubclass(t, pointer) for t in f.argtypes):
            fast.argtypes = None
        else:
            fast.argtypes = [ctypes.c_void_p if issubclass(t, ctypes._Pointer) and "fpdf_" in t._type_.__name__ else t
                             for t in f.argtypes]
        handle = isinstance(f.restype, type) and issubclass(f.restype, ctypes._Pointer)
        fast.restype = (ctypes.c_void_p if address else _Handle) if handle else f.restype
        _made[name, address] = fast
    return _made[name, address]
