"""Word documents (.docx, and .wps saved in the OOXML format) read straight from the OOXML.

The zip is opened with `zipfile`, every part is read with a size bound (zip-bomb guard), and the
XML is parsed with `defusedxml` (no DTDs, so no entity expansion). The body is written in Word's
own text-export layout (see `layout.py`): paragraphs and tables in body order; merged cells
resolved to the table grid — a cell spanning columns (`w:gridSpan`) is followed by blanks for the
columns it covers, the continuation of a vertically merged cell (`w:vMerge`) is blank — so every
row has its grid's cell count. Automatic numbering (`numbering.xml`) is written in front of the
paragraph text when the text lacks it, as Word's export does: a heading typed as “总体情况” with
list numbering reads “一、总体情况”. Deleted revisions, hidden text and field codes are left out.

Old binary Word/WPS files (an OLE compound file) cannot be read: they get a finding that asks for
the file to be saved as .docx; a password-protected .docx (also an OLE file) gets GK013.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from ..checks import get as get_rule
from ..findings import Finding
from . import Source
from .layout import Writer, iso_date, join, looks_tabular, pad_rows

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"  # ISO strict OOXML: same names
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Zip-bomb guards. A report's document.xml is well under 5 MB; XML compresses about 10:1.
MAX_ENTRIES = 5000
MAX_TOTAL = 200 * 1024 * 1024  # declared uncompressed size of all entries
MAX_PART = 64 * 1024 * 1024  # bytes actually read from one XML part
MAX_RATIO = 200  # compression ratio of an entry larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_DEPTH = 64  # nested layout tables deeper than this are read as plain text

MAIN_TYPES = ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
              "ms-word.document.macroEnabled.main+xml", "ms-word.template.macroEnabledTemplate.main+xml")
VALUE_RE = re.compile(r"^[+-]?[\d,，.]+\s*(?:%|元|万元|件|项|个|次)?$|^[/—-]$")
ORDINAL_RE = re.compile(r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]"
                        r"|\d{1,2}\s*[、.．](?!\d)|第[一二三四五六七八九十\d]+[章节部分条])")


class DocxError(Exception):
    """Why the document cannot be read, as the finding to report."""

    def __init__(self, code: str, msg: str, **args):
        super().__init__(f"{code}:{msg}")
        self.finding = get_rule(code).finding(msg, **args)


def _fail(path: str, finding: Finding) -> Source:
    src = Source(path, fatal=True)
    src.findings.append(finding)
    return src


def ole_finding(data: bytes) -> Finding:
    """What to say about an OLE compound file: an old .doc/.wps, or an encrypted .docx."""
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return get_rule("GK013").finding("word")
    return get_rule("GK009").finding("ole")


def read_docx(path: str, data: bytes) -> Source:
    if data.startswith(OLE_MAGIC):
        return _fail(path, ole_finding(data))
    try:
        return _read(path, data)
    except DocxError as e:
        return _fail(path, e.finding)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError, KeyError,
            NotImplementedError, RuntimeError) as e:
        return _fail(path, get_rule("GK011").finding("docx-damaged", error=f"{type(e).__name__}: {e}"))


def _read(path: str, data: bytes) -> Source:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocxError("GK011", "not-zip") from None
    with zf:
        _guard(zf)
        names = set(zf.namelist())
        main = _main_part(zf, names)
        if main is None:
            raise _other_zip(zf, names)
        rels = _relationships(zf, names, main)
        root = _xml(zf, main)
        numbering = styles = None
        if rels.get("numbering") in names:
            numbering = _xml(zf, rels["numbering"])
        if rels.get("styles") in names:
            styles = _xml(zf, rels["styles"])
        meta = _core_meta(zf, names)
    body = root.find(W + "body")
    if body is None:
        raise DocxError("GK011", "no-body", part=main)
    src = Source(path)
    writer = Writer()
    _Body(writer, Numbering(numbering, styles), _Styles(styles)).walk(body)
    src.lines, src.origins = writer.source_fields()
    src.meta.update(meta)
    return src


# -- the container --------------------------------------------------------------------------------

def _guard(zf: zipfile.ZipFile) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise DocxError("GK014", "zip-entries", count=len(infos), limit=MAX_ENTRIES)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        raise DocxError("GK014", "zip-total", size=total // 1024 // 1024, limit=MAX_TOTAL // 1024 // 1024)
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            ratio = i.file_size // max(i.compress_size, 1)
            raise DocxError("GK014", "zip-ratio", part=i.filename, ratio=ratio, limit=MAX_RATIO,
                            size=i.file_size // 1024 // 1024)


def _part(zf: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes, read with a bound whatever its header claims."""
    with zf.open(name) as fh:
        data = fh.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise DocxError("GK014", "zip-part", part=name, limit=MAX_PART // 1024 // 1024)
    return data


def _xml(zf: zipfile.ZipFile, name: str) -> Element:
    data = _part(zf, name)
    if STRICT_NS in data:
        data = data.replace(STRICT_NS, W_NS.encode())
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise DocxError("GK011", "xml-dtd", part=name) from None
    except ParseError as e:
        raise DocxError("GK011", "xml-broken", part=name, error=str(e)) from None


def _main_part(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    if "word/document.xml" in names:
        return "word/document.xml"
    if "[Content_Types].xml" in names:
        try:
            types = _xml(zf, "[Content_Types].xml")
        except DocxError:
            return None
        for o in types.iter(CT_NS + "Override"):
            if o.get("ContentType", "").endswith(MAIN_TYPES):
                name = o.get("PartName", "").lstrip("/")
                if name in names:
                    return name
    return None


def _other_zip(zf: zipfile.ZipFile, names: set[str]) -> DocxError:
    """What a zip that is not a Word document is."""
    mimetype = b""
    if "mimetype" in names:
        try:
            mimetype = _part(zf, "mimetype")[:100]
        except DocxError:
            pass
    if b"opendocument.text" in mimetype:
        return DocxError("GK009", "odt")
    if "OFD.xml" in names:
        return DocxError("GK009", "ofd")
    if "xl/workbook.xml" in names:
        return DocxError("GK009", "xlsx")
    if "ppt/presentation.xml" in names:
        return DocxError("GK009", "pptx")
    return DocxError("GK011", "zip-not-word", count=len(names), names=sorted(names)[:3],
                     more={"msg": "GK011:more-files"} if len(names) > 3 else "")




def _relationships(zf: zipfile.ZipFile, names: set[str], main: str) -> dict[str, str]:
    folder, base = posixpath.split(main)
    out = {"numbering": posixpath.join(folder, "numbering.xml"), "styles": posixpath.join(folder, "styles.xml")}
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels in names:
        try:
            root = _xml(zf, rels)
        except DocxError:
            return out
        for r in root.iter(REL_NS + "Relationship"):
            kind = r.get("Type", "").rsplit("/", 1)[-1]
            target = r.get("Target", "")
            if kind in ("numbering", "styles") and r.get("TargetMode") != "External":
                out[kind] = posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") else target[1:]
    return out


def _core_meta(zf: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    if "docProps/core.xml" not in names:
        return meta
    try:
        core = _xml(zf, "docProps/core.xml")
    except DocxError:
        return meta
    for el in core:
        name = el.tag.rsplit("}", 1)[-1]
        if name in ("created", "modified") and el.text:
            d = iso_date(el.text)
            if d:
                meta[name] = d
        elif name == "title" and el.text and el.text.strip():
            meta["title"] = el.text.strip()
    return meta


# -- numbering --------------------------------------------------------------------------------------

CN = "零一二三四五六七八九"
LEGAL = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
EARTHLY = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = CN, ten: str = "十") -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "koreanCounting", "taiwaneseCountingThousand", "japaneseLegal"):
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese(n, LEGAL, "拾")
    if fmt == "ideographTraditional":
        return HEAVENLY[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return EARTHLY[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


def _val(el: Element | None, child: str, default: str | None = None) -> str | None:
    if el is None:
        return default
    c = el.find(W + child)
    if c is None:
        return default
    return c.get(W + "val", default)


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


class _Styles:
    """Paragraph styles: the numbering a style carries and whether it is a table-of-contents style."""

    def __init__(self, root: Element | None):
        self.base: dict[str, str] = {}
        self.num: dict[str, tuple[str | None, str | None]] = {}
        self.toc: set[str] = set()
        if root is None:
            return
        for s in root.iter(W + "style"):
            sid = s.get(W + "styleId")
            if not sid:
                continue
            based = _val(s, "basedOn")
            if based:
                self.base[sid] = based
            name = (_val(s, "name") or "").lower()
            if name.startswith("toc ") or name.startswith("toc") and name[3:].strip().isdigit():
                self.toc.add(sid)
            ppr = s.find(W + "pPr")
            num = ppr.find(W + "numPr") if ppr is not None else None
            if num is not None:
                self.num[sid] = (_val(num, "numId"), _val(num, "ilvl"))

    def numbering(self, sid: str | None) -> tuple[str | None, str | None]:
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.num:
                return self.num[sid]
            sid = self.base.get(sid)
        return None, None


class Numbering:
    """Counters for Word's automatic list numbering, enough for 一、/（一）/1. headings."""

    def __init__(self, root: Element | None, styles: Element | None):
        self.levels: dict[str, dict[int, tuple[str, str, int, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int | None]] = {}
        self.started: set[str] = set()
        self.styles = _Styles(styles)
        if root is None:
            return
        for a in root.iter(W + "abstractNum"):
            aid = a.get(W + "abstractNumId")
            levels = {}
            for lvl in a.findall(W + "lvl"):
                ilvl = _int(lvl.get(W + "ilvl"))
                fmt = _val(lvl, "numFmt", "decimal") or "decimal"
                if lvl.find(W + "isLgl") is not None:
                    fmt = "decimal"
                text = _val(lvl, "lvlText", "") or ""
                start = _int(_val(lvl, "start"), 1)
                suff = _val(lvl, "suff", "tab") or "tab"
                levels[ilvl] = (fmt, text, start, suff)
            self.levels[aid] = levels
        for n in root.iter(W + "num"):
            nid = n.get(W + "numId")
            aid = _val(n, "abstractNumId")
            overrides = {}
            for o in n.findall(W + "lvlOverride"):
                start = _val(o, "startOverride")
                if start is not None:
                    overrides[_int(o.get(W + "ilvl"))] = _int(start, 1)
            if nid and aid:
                self.nums[nid] = (aid, overrides)

    def snapshot(self):
        return {k: dict(v) for k, v in self.counters.items()}, set(self.started)

    def restore(self, snap) -> None:
        self.counters, self.started = snap

    def label(self, ppr: Element | None) -> str | None:
        """The number Word shows in front of a paragraph (advancing the counters), or None."""
        num_id = ilvl = None
        style = _val(ppr, "pStyle")
        num = ppr.find(W + "numPr") if ppr is not None else None
        if num is not None:
            num_id, ilvl = _val(num, "numId"), _val(num, "ilvl")
        if num_id is None or ilvl is None:
            s_id, s_lvl = self.styles.numbering(style)
            num_id, ilvl = num_id or s_id, ilvl or s_lvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        aid, overrides = self.nums[num_id]
        levels = self.levels.get(aid)
        if not levels:
            return None
        level = _int(ilvl)
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv in overrides:
                counters[lv] = None
        fmt, text, start, suff = levels.get(level, ("decimal", f"%{level + 1}.", 1, "tab"))

        def start_of(lv: int) -> int:
            return overrides.get(lv, levels.get(lv, ("", "", 1, ""))[2])

        current = counters.get(level)
        counters[level] = start_of(level) if current is None else current + 1
        for deeper in [k for k in counters if k > level]:
            counters[deeper] = None
        if fmt in ("bullet", "none") or not text:
            return None

        def sub(m: re.Match) -> str:
            lv = int(m.group(1)) - 1
            value = counters.get(lv)
            value = start_of(lv) if value is None else value
            lv_fmt = levels.get(lv, ("decimal",))[0]
            return format_number(value, fmt if lv == level else lv_fmt)

        out = re.sub(r"%([1-9])", sub, text)
        return out + (" " if suff == "space" else "")


# -- the body -----------------------------------------------------------------------------------------

SKIP = {W + "del", W + "moveFrom", W + "delText", W + "instrText", W + "delInstrText", W + "pPr", W + "rPr",
        W + "fldData", MC + "Fallback", W + "footnoteReference", W + "endnoteReference", W + "commentReference",
        W + "annotationRef", W + "sectPr", W + "tblPr", W + "trPr", W + "tcPr", W + "tblGrid"}
CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo", W + "smartTag"}


def _hidden(run: Element) -> bool:
    rpr = run.find(W + "rPr")
    if rpr is None:
        return False
    v = rpr.find(W + "vanish")
    return v is not None and v.get(W + "val", "true") not in ("0", "false", "off")


def _children(el: Element, wanted: str):
    """Children with tag `wanted`, looking through content controls and custom XML wrappers."""
    stack = [iter(el)]
    while stack:
        c = next(stack[-1], None)
        if c is None:
            stack.pop()
            continue
        if c.tag == wanted:
            yield c
        elif c.tag in CONTAINERS:
            stack.append(iter(c))


def _paragraphs(el: Element):
    """Paragraphs inside `el` in document order (not inside other paragraphs, not in fallbacks)."""
    stack = [iter(el)]
    while stack:
        c = next(stack[-1], None)
        if c is None:
            stack.pop()
        elif c.tag == W + "p":
            yield c
        elif c.tag not in SKIP and len(c):
            stack.append(iter(c))


def _is_toc(sdt: Element) -> bool:
    pr = sdt.find(W + "sdtPr")
    if pr is None:
        return False
    gallery = pr.find(f"{W}docPartObj/{W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(W + "val") or "").lower()


class _Body:
    def __init__(self, writer: Writer, numbering: Numbering, styles: _Styles):
        self.out = writer
        self.numbering = numbering
        self.styles = styles

    # paragraphs
    def paragraph_text(self, p: Element, boxes: list[Element] | None = None) -> str:
        parts: list[str] = []
        stack = [iter(p)]
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            tag = el.tag
            if tag == W + "t":
                parts.append(el.text or "")
            elif tag in (W + "tab", W + "ptab"):
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                try:
                    code = int(el.get(W + "char", ""), 16)
                except ValueError:
                    continue
                if code < 0xE000 or code > 0xF8FF:
                    parts.append(chr(code))
            elif tag == W + "txbxContent":
                if boxes is not None:
                    boxes.append(el)
            elif tag in SKIP or (tag == W + "r" and _hidden(el)):
                continue
            elif len(el):
                stack.append(iter(el))
        ppr = p.find(W + "pPr")
        text = "".join(parts)
        label = self.numbering.label(ppr)
        if label and text.strip() and not ORDINAL_RE.match(text):
            text = label + text.lstrip()
        return text

    def _is_toc_paragraph(self, p: Element) -> bool:
        return _val(p.find(W + "pPr"), "pStyle") in self.styles.toc

    def _paragraph(self, p: Element) -> None:
        boxes: list[Element] = []
        text = self.paragraph_text(p, boxes)
        for box in boxes:  # text boxes (a title or letterhead drawn in a box) before the anchor
            self.walk(box)
        if self._is_toc_paragraph(p):
            return
        # Leading tabs are indentation; tabs inside a short tab-separated line are columns.
        text = text.lstrip("\t")
        parts = [x for x in text.split("\t") if x.strip()]
        tabular = len(parts) >= 2 and "\n" not in text and all(len(x.strip()) <= 45 and "。" not in x for x in parts) \
            and (len(parts) >= 3 or bool(VALUE_RE.match(parts[-1].strip())))
        self.out.paragraph("\t".join(x.strip() for x in parts) if tabular else text, keep_tabs=tabular)

    # tables
    def _cell_text(self, tc: Element) -> str:
        pieces = []
        for p in _paragraphs(tc):
            boxes: list[Element] = []
            pieces.append(self.paragraph_text(p, boxes))
            pieces += [self.paragraph_text(q) for box in boxes for q in _paragraphs(box)]
        return join(x.replace("\t", " ") for x in pieces)

    def _grid(self, tbl: Element) -> list[list[str]]:
        rows = []
        self.cell_numbers = []  # per grid place, the number of the Word cell there (for origins)
        for tr in _children(tbl, W + "tr"):
            trpr = tr.find(W + "trPr")
            before = min(_int(_val(trpr, "gridBefore"), 0), 64)
            after = min(_int(_val(trpr, "gridAfter"), 0), 64)
            row = [""] * before
            numbers = [1] * before
            for i, tc in enumerate(_children(tr, W + "tc"), 1):
                tcpr = tc.find(W + "tcPr")
                span = max(1, min(_int(_val(tcpr, "gridSpan"), 1), 64))
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                hmerge = _val(tcpr, "hMerge")
                continuation = (vmerge is not None and vmerge.get(W + "val", "continue") == "continue") \
                    or hmerge == "continue"
                text = "" if continuation else self._cell_text(tc)
                row += [text] + [""] * (span - 1)
                numbers += [i] * span
            row += [""] * after
            rows.append(row)
            self.cell_numbers.append(numbers + [numbers[-1] if numbers else 1] * after)
        grid = tbl.find(W + "tblGrid")
        width = len(grid.findall(W + "gridCol")) if grid is not None else 0
        return pad_rows(rows, max(width, max((len(r) for r in rows), default=0)))

    def _layout_cells(self, tbl: Element):
        """The blocks of a layout table's cells, in reading order."""
        for tr in _children(tbl, W + "tr"):
            for tc in _children(tr, W + "tc"):
                yield from tc

    def walk(self, container: Element) -> None:
        stack = [iter(container)]
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            tag = el.tag
            if tag == W + "p":
                self._paragraph(el)
            elif tag == W + "tbl":
                if len(stack) > MAX_DEPTH:
                    self.out.paragraph(join("".join(t.text or "") for t in el.iter(W + "t")))
                    continue
                nested = any(True for tc in el.iter(W + "tc") for _ in tc.iter(W + "tbl"))
                grid_cols = el.find(W + "tblGrid")
                one_column = grid_cols is not None and len(grid_cols.findall(W + "gridCol")) <= 1
                if not nested and not one_column:
                    snap = self.numbering.snapshot()
                    rows = self._grid(el)
                    if looks_tabular(rows):
                        self.out.table(rows, cells=self.cell_numbers)
                        continue
                    self.numbering.restore(snap)
                stack.append(self._layout_cells(el))
            elif tag == W + "sdt" and _is_toc(el):
                continue
            elif tag in CONTAINERS or tag == W + "body" or tag == W + "txbxContent":
                stack.append(iter(el))
