"""PDF reports, read from the text layer: the file checked and opened with pdfplumber (pdfminer),
each page's characters and rules from PDFium where it stands in for pdfminer (pdfium.py).

* Ruled tables are found per page (pdfplumber's line strategy) and written as grids in Word's
  text-export layout (see layout.py): a cell merged across columns or rows leaves blanks, and text
  that pdfplumber leaves outside every cell (a cell whose border lies on the previous page) is put
  back in its grid place. A table continued on the next page is simply the next rows: the table
  reader merges a repeated header. One-column "tables" (ruled writing paper, framed pages) are text.
* Text outside tables is read line by line; wrapped lines are joined into paragraphs (a line that
  reaches the right margin continues on the next unindented line, across a page break too), and
  page numbers and running headers/footers (`— 3 —`, `- 3 -`, `第 3 页`, the same line at the top
  or bottom of most pages) are removed.
* Every line's origin is its page: `第3页`, `第3页 表格第5行第2列`.
* Refused with a finding: an encrypted PDF (GK013), more than `MAX_PAGES` pages (GK014, decided
  from the page tree's /Count before any page is parsed), no text layer — a scanned report needs
  OCR (GK012) — and a damaged file (GK011).
"""

from __future__ import annotations

import io
import math
import re
import statistics
from collections import Counter

from ..checks import get as get_rule
from . import Source, pdfwords
from .layout import PRIVATE_USE, Writer, iso_date, join, looks_tabular, one_line

MAX_PAGES = 500
MIN_TEXT_CHARS = 20  # fewer visible characters on every page: the PDF is pictures only
BAND = 0.08  # top and bottom share of a page where running headers and footers live

# No two white-space runs meet around an optional part (`\s*页?\s*`): a line of spaces is read once.
PAGE_NUMBER = re.compile(r"^[\s\-—–－_·•=~]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}(?:\s*页)?)?"
                         r"[\s\-—–－_·•=~]*$|^\s*第\s*\d{1,4}\s*页\s*(?:[,，]\s*)?共\s*\d{1,4}\s*页\s*$"
                         r"|^\s*(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
DASHED_NUMBER = re.compile(r"^\s*[\-—–－]+\s*\d{1,4}\s*[\-—–－]+\s*$|^\s*第\s*\d{1,4}\s*页")
ORDINAL_ONLY = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)])\s*$")
ORDINAL_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]"
                           r"|\d{1,2}\s*[、.．](?!\d)|第[一二三四五六七八九十\d]+[章节部分条])")
SENTENCE_END = "。！？!?"


SHOWN_PAGES = 10  # page numbers named in a message


def _fail(path: str, code: str, msg: str, **args) -> Source:
    src = Source(path, fatal=True)
    src.findings.append(get_rule(code).finding(msg, **args))
    return src


def _damaged(path: str, cause: Exception) -> Source:
    return _fail(path, "GK011", "pdf-damaged", error=f"{type(cause).__name__}: {cause}")


def _cause(e: Exception) -> Exception:
    """pdfplumber wraps pdfminer's exceptions; the original says what went wrong."""
    inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else None
    return inner or e


PDF_SECONDS = 120  # real reports read in well under a second a page; a file that takes longer loops or is hostile


def read_pdf(path: str, data: bytes) -> Source:
    from .deadline import TimeUp, deadline

    try:
        with deadline(PDF_SECONDS):
            return _read_pdf(path, data)
    except TimeUp:  # pdfminer caught in a loop of references (or a file built to be slow)
        return _fail(path, "GK011", "pdf-too-slow", seconds=PDF_SECONDS)


def _read_pdf(path: str, data: bytes) -> Source:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as e:  # pdfminer raises many kinds for damaged files
        cause = _cause(e)
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(cause).lower():
            return _fail(path, "GK013", "pdf")
        return _damaged(path, cause)
    try:
        return _read(path, pdf, data)
    except Exception as e:
        cause = _cause(e)
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            return _fail(path, "GK013", "pdf")
        return _damaged(path, cause)
    finally:
        _close(pdf)


def _close(pdf) -> None:
    """PDF.close() walks every page (loading the page tree): only when pages were loaded anyway.
    It parses them again and raises what they raised when read (a MediaBox of `1e9`): the
    finding is made already, the file is in memory, nothing is left to release."""
    if getattr(pdf, "_pages", None) is not None:
        try:
            pdf.close()
        except Exception:
            pass


def page_count(pdf) -> int | None:
    """/Count of the page tree, read without parsing any page (None if the tree is damaged)."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"]).get("Count"))
        return int(count)
    except Exception:
        return None


def _read(path: str, pdf, data: bytes) -> Source:
    count = page_count(pdf)
    if count is not None and count > MAX_PAGES:
        return _fail(path, "GK014", "pdf-pages", count=count, limit=MAX_PAGES)
    objects = _objects(pdf, data)
    fast = _pdfium(data, len(pdf.pages), objects)
    try:
        return _read_pages(path, pdf, fast)
    finally:
        if fast is not None:
            fast.close()


def _objects(pdf, data: bytes):
    """pdfminer's dictionaries read without its tokeniser (pdfobjects.py), the page tree's
    first: pdfplumber's pages are made from them."""
    from .pdfobjects import Objects

    objects = Objects(pdf.doc, data)
    try:
        objects.prime_pages()
    except Exception:  # a damaged tree: pdfminer parses what is left as before
        pass
    return objects


def _pdfium(data: bytes, pages: int, objects=None):
    """PDFium's reading of the file, used page by page where it gives pdfminer's characters
    (pdfium.py); None where PDFium is missing, cannot open the file or sees other pages
    (a damaged page tree pdfminer rebuilt its own way)."""
    try:
        from .pdfium import Document

        fast = Document(data, objects)
    except Exception:  # ImportError, or PDFium refuses what pdfminer opened: pdfminer reads it all
        return None
    try:
        same = len(fast.doc) == pages
    except Exception:
        same = False
    if not same:
        fast.close()
        return None
    return fast


def _read_pages(path: str, pdf, fast) -> Source:
    src = Source(path)
    pages: list[_Page] = []
    scanned: list[int] = []
    broken: list[int] = []
    garbled = total = 0
    for number, page in enumerate(pdf.pages, 1):
        if number > MAX_PAGES:
            return _fail(path, "GK014", "pdf-over", limit=MAX_PAGES)
        try:
            read = (fast.page(number - 1, page) if fast is not None else None) or page
            chars = [c for c in read.chars if c.get("text", "").strip()]
            total += len(chars)
            garbled += _garbled(chars)
            if len(chars) < MIN_TEXT_CHARS:
                if _picture_page(page):
                    scanned.append(number)
                if not chars:
                    continue
            pages.append(_Page.read(number, read, chars))
        except Exception:
            broken.append(number)
        finally:
            if hasattr(page, "close"):
                page.close()
    n = len(pdf.pages)
    if total < MIN_TEXT_CHARS:
        what = {"msg": "GK012:all-images" if scanned else "GK012:no-text"}
        return _fail(path, "GK012", "no-text-layer", pages=n, what=what)
    if garbled > 0.3 * total:
        return _fail(path, "GK012", "garbled", garbled=garbled, total=total)
    if garbled > 0.02 * total:
        src.findings.append(get_rule("GK012").finding("some-garbled", garbled=garbled))
    if scanned:
        src.findings.append(get_rule("GK012").finding("image-pages", pages=_pages(scanned)))
    if broken:
        src.findings.append(get_rule("GK011").finding("pdf-pages", pages=_pages(broken)))
    _drop_running_lines(pages)
    writer = Writer()
    _write(writer, pages)
    src.lines, src.origins = writer.source_fields()
    src.meta.update(_meta(pdf))
    return src


def _garbled(chars: list[dict]) -> int:
    """How many characters are pdfminer's `(cid:N)` or in the private use area (unmapped): the
    first letters looked through at once, `(cid:` asked only where one starts with `(`."""
    firsts = "".join([c["text"][0] for c in chars])
    count = len(PRIVATE_USE.findall(firsts))
    if "(" in firsts:
        count += sum(1 for c in chars if c["text"].startswith("(cid:"))
    return count


def _picture_page(page) -> bool:
    """A page that is a picture: an image covering much of it (a scan), not a small seal or logo."""
    area = float(page.width) * float(page.height) or 1.0
    for im in page.images:
        w = abs(float(im.get("x1", 0)) - float(im.get("x0", 0)))
        h = abs(float(im.get("bottom", 0)) - float(im.get("top", 0)))
        if w * h >= 0.3 * area:
            return True
    return False


def _pages(numbers: list[int]) -> dict:
    """Page numbers as a message argument: the first few, then “and more”."""
    more = {"msg": "input:more"} if len(numbers) > SHOWN_PAGES else ""
    return {"msg": "input:pages", "args": {"count": len(numbers), "pages": numbers[:SHOWN_PAGES], "more": more}}


class _Line:
    __slots__ = ("text", "x0", "x1", "top", "bottom", "page")

    def __init__(self, text, x0, x1, top, bottom, page):
        self.text, self.x0, self.x1, self.top, self.bottom, self.page = text, x0, x1, top, bottom, page


class _Page:
    def __init__(self, number: int, height: float):
        self.number = number
        self.height = height
        self.items: list[tuple[float, object]] = []  # (top, _Line | grid)
        self.left = self.right = 0.0
        self.size = 10.0
        self.first_line: _Line | None = None

    @classmethod
    def read(cls, number: int, page, chars) -> "_Page":
        """`page`: pdfplumber's page or PDFium's reading of it (pdfium.PlainPage)."""
        self = cls(number, float(page.height))
        tables = []
        for t in page.find_tables():
            rows = t.rows  # pdfplumber works them out anew on every look
            tables += _data_parts(t, rows, _grid(page, t, rows))
        boxes = [b for b, _ in tables]

        def outside(obj) -> bool:
            if obj.get("object_type") != "char":
                return True
            cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
            for b in boxes:
                if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                    return False
            return True

        text_page = page.filter(outside) if boxes else page
        lines = []
        for ln in text_page.extract_text_lines(layout=False, strip=True, return_chars=False):
            text = ln["text"].strip()
            if text:
                lines.append(_Line(text, ln["x0"], ln["x1"], ln["top"], ln["bottom"], number))
        for ln in _with_numbers(lines):
            self.items.append((ln.top, ln))
        self.first_line = min(lines, key=lambda ln: ln.top) if lines else None
        for bbox, grid in tables:
            self.items.append((bbox[1], grid))
        self.items.sort(key=lambda it: it[0])
        lines = [it for _, it in self.items if isinstance(it, _Line) and len(it.text) >= 6]
        if lines:
            self.left = min(ln.x0 for ln in lines)
            self.right = max(ln.x1 for ln in lines)
        widths = [c["x1"] - c["x0"] for c in chars if ord(c["text"][0]) > 0x2E80]
        if widths:
            self.size = statistics.median(widths)
        return self


def _with_numbers(lines: list[_Line]) -> list[_Line]:
    """An automatic list number (`一、`, `1.`) set in its own font size comes out as a line of its
    own beside its heading; it is put back in front of the text it stands beside."""
    out: list[_Line] = []
    for ln in lines:
        beside = next((o for o in reversed(out[-2:]) if ln.x1 <= o.x0 + 1 and _overlap(ln, o) > 0.5), None)
        if beside is not None and ORDINAL_ONLY.match(ln.text):
            beside.text, beside.x0 = ln.text + beside.text, ln.x0
            continue
        out.append(ln)
    return out


def _overlap(a: _Line, b: _Line) -> float:
    """How much two lines share vertically, as a share of the shorter one."""
    shared = min(a.bottom, b.bottom) - max(a.top, b.top)
    return shared / max(min(a.bottom - a.top, b.bottom - b.top), 0.1)


def _grid(page, table, rows) -> list[list[str]]:
    """The table's cells as a grid; text outside every detected cell goes to its grid place."""
    grid, unplaced = _extract(table, rows)
    if not grid or not rows:
        return []
    if unplaced is None:
        xs = [col.bbox[0] for col in table.columns]
    else:  # finite borders: the columns' left borders are the cells' (what Table.columns sorts and groups)
        xs = sorted({c[0] for c in table.cells})
    tops = [r.bbox[1] for r in rows]
    cells = table.cells
    x0, top, x1, bottom = table.bbox
    orphans: dict[tuple[int, int], list] = {}
    if unplaced is None:
        unplaced = [(ch, (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2) for ch in page.chars]
    for ch, cx, cy in unplaced:
        if not (x0 <= cx <= x1 and top <= cy <= bottom) or not ch.get("text", "").strip():
            continue
        # a character inside a cell (half-open) is inside it closed too
        if any(c[0] <= cx <= c[2] and c[1] <= cy <= c[3] for c in cells):
            continue
        r = max((i for i, t in enumerate(tops) if t <= cy), default=0)
        c = max((i for i, x in enumerate(xs) if x <= cx), default=0)
        orphans.setdefault((r, c), []).append(ch)
    for (r, c), chars in orphans.items():
        if r < len(grid) and c < len(grid[r]) and grid[r][c] is None:
            grid[r][c] = _chars_text(chars)
    width = max(len(r) for r in grid)
    # A cell covered by a merged cell stays None: it is no cell of the document's table, and a
    # blank written for it would read as an empty cell (value cells spanning grid columns).
    return [[None if c is None else one_line(c) for c in row] + [None] * (width - len(row)) for row in grid]


def _extract(table, rows) -> tuple[list[list[str | None]], list | None]:
    """pdfplumber's `Table.extract()`, each character placed once instead of once per row and
    cell, and the characters no cell holds with their middles (None: all of the page's may be).
    Cells are cut along every cell border into slabs: a slab lies wholly inside or outside each
    cell, so the cells that hold a character (pdfplumber's half-open test on its middle) are its
    slab's. Non-finite borders: pdfplumber's."""
    from bisect import bisect_right

    from pdfplumber.utils import extract_text

    cells = {c for row in rows for c in row.cells if c is not None}
    xs = sorted({v for c in cells for v in (c[0], c[2])})
    ys = sorted({v for c in cells for v in (c[1], c[3])})
    if not ys or not all(math.isfinite(v) for v in xs + ys):
        return table.extract(), None
    inside: dict[tuple, list] = {c: [] for c in cells}
    slabs: dict[tuple[int, int], list] = {}
    x_at, y_at = {v: i for i, v in enumerate(xs)}, {v: j for j, v in enumerate(ys)}
    for c in cells:
        for i in range(x_at[c[0]], x_at[c[2]]):
            for j in range(y_at[c[1]], y_at[c[3]]):
                slabs.setdefault((i, j), []).append(inside[c])
    unplaced = []
    first, last = ys[0], ys[-1]
    for ch in table.page.chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        # above or below every slab: held by no cell (the bisection would say so)
        holders = slabs.get((bisect_right(xs, cx) - 1, bisect_right(ys, cy) - 1)) if first <= cy < last else None
        if holders:
            for held in holders:
                held.append(ch)
        else:
            unplaced.append((ch, cx, cy))
    return [[None if c is None else _cell_text(inside[c], extract_text) for c in row.cells] for row in rows], unplaced


def _cell_text(chars: list, extract_text) -> str:
    """pdfplumber's text of a cell (`extract_text`, default settings), read in one pass where
    its characters are upright (pdfwords.py)."""
    if not chars:
        return ""
    return pdfwords.text(chars) if pdfwords.readable(chars) else extract_text(chars)


def _text_row(table_row, cells: list[str]) -> bool:
    """A row that is running text, not table: one cell across the whole width holding a line of
    prose or a heading. Ruled writing paper and framed pages draw such a box around every line
    and pdfplumber takes them for one table with the real table below. A caption of a 二 table
    (第二十条第（一）项) is a table row."""
    merged = table_row.cells[1:]
    if not cells or not cells[0] or any(c is not None for c in merged):  # pdfplumber cells, not texts
        return False
    return not re.sub(r"\s", "", cells[0]).startswith("第二十条")


def _data_parts(table, rows, grid: list[list[str]]) -> list[tuple[tuple, list[list[str]]]]:
    """The runs of data rows of a detected table, each with its bounding box and grid rows."""
    parts = []
    run: list[int] = []

    def close():
        if run:
            part = [grid[i] for i in run]
            if looks_tabular(part):
                top = min(rows[i].bbox[1] for i in run)
                bottom = max(rows[i].bbox[3] for i in run)
                parts.append(((table.bbox[0], top, table.bbox[2], bottom), part))
            run.clear()

    for i, row in enumerate(rows[:len(grid)]):
        if _text_row(row, grid[i]):
            close()
        else:
            run.append(i)
    close()
    return parts


def _chars_text(chars) -> str:
    lines: list[list] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - ch["top"]) < 2:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return join("".join(c["text"] for c in sorted(ln, key=lambda c: c["x0"])) for ln in lines)


def _digits_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers anywhere they are unmistakable, bare numbers in the top and bottom
    bands, and a running header or footer repeated in the bands of most pages."""
    def in_band(p: _Page, ln: _Line) -> bool:
        return ln.top < p.height * BAND or ln.bottom > p.height * (1 - BAND)

    repeated: Counter = Counter()
    for p in pages:
        seen = {_digits_key(ln.text) for _, ln in p.items if isinstance(ln, _Line) and in_band(p, ln)}
        repeated.update(seen)
    common = {k for k, n in repeated.items() if n >= 2 and n >= 0.5 * len(pages)} if len(pages) >= 2 else set()
    for p in pages:
        kept = []
        for top, it in p.items:
            if isinstance(it, _Line):
                if DASHED_NUMBER.match(it.text) or (in_band(p, it) and (PAGE_NUMBER.match(it.text)
                                                                         or _digits_key(it.text) in common)):
                    continue
            kept.append((top, it))
        p.items = kept


def _continues(prev: _Line, prev_page: _Page, nxt: _Line, next_page: _Page) -> bool:
    """Whether `nxt` continues the paragraph of `prev` (a line wrapped at the right margin). A
    report's title — the first line, ending in 报告 — is continued by nothing."""
    if prev.text[-1] in SENTENCE_END or ORDINAL_START.match(nxt.text):
        return False
    if prev.page == 1 and prev is prev_page.first_line and prev.text.endswith("报告"):
        return False
    size = max(prev_page.size, 1.0)
    reaches = prev.x1 >= prev_page.right - 1.5 * size
    flush_left = nxt.x0 <= next_page.left + 0.8 * size
    return reaches and flush_left and abs(prev_page.size - next_page.size) < 1.0


def _write(writer: Writer, pages: list[_Page]) -> None:
    para: list[_Line] = []
    last: tuple[_Line, _Page] | None = None

    def flush():
        nonlocal para
        if para:
            writer.paragraph(join(ln.text for ln in para), f"第{para[0].page}页")
            para = []

    for p in pages:
        for _, it in p.items:
            if isinstance(it, _Line):
                if not (para and last is not None and _continues(last[0], last[1], it, p)):
                    flush()
                para.append(it)
                last = (it, p)
            else:
                flush()
                last = None
                writer.table(it, lambda r, c, page=p.number: f"第{page}页 表格第{r}行第{c}列")
    flush()


def _meta(pdf) -> dict[str, str]:
    out: dict[str, str] = {}
    info = pdf.metadata or {}
    for key, name in (("CreationDate", "created"), ("ModDate", "modified")):
        value = info.get(key)
        if isinstance(value, bytes):
            value = value.decode("latin-1", errors="ignore")
        m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", str(value or ""))
        if m:
            d = iso_date("-".join(m.groups()))
            if d:
                out[name] = d
    title = info.get("Title")
    if isinstance(title, str) and title[:2] in ("ÿþ", "þÿ"):
        try:
            title = title.encode("latin-1").decode("utf-16")
        except (UnicodeError, ValueError):
            title = None
    if isinstance(title, str) and title.strip() and "\ufffd" not in title:
        out["title"] = title.strip()
    return out
