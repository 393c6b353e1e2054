"""Published web pages (.html/.htm): the report body of a government CMS page, read with the
standard library's HTML parser into a small tree (no regular expressions over markup).

* The page is parsed into a tree with HTML's implied end tags (`<p>`, `<td>`, `<tr>`, `<li>`);
  `<script>`, `<style>`, `<noscript>`, `<template>` and hidden elements are dropped. Nesting is
  capped (`MAX_DEPTH`) and every walk over the tree is iterative, so a deeply nested page cannot
  exhaust the stack.
* The content root is the element holding the report: the lowest common ancestor of the section
  headings (一、总体情况 …) and the report tables, not the navigation around them; without those,
  an element with a usual content id/class (`zoom`, `TRS_Editor`, `Custom_UnionStyle`, …).
  A report title outside that element (CMS pages put it in an `<h1>` above) is kept.
* Data tables are expanded into a grid (the places a `rowspan` or `colspan` covers are no cells), written as
  Word's text export (see layout.py); layout tables are read as blocks. Inline markup never
  splits text: `<span>20</span><span>23</span>` is `2023`. `&nbsp;` cells are blank.
* The publication date (`<meta name="PubDate">`, `发布时间：…`) goes to `Source.meta["published"]`.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from ..findings import decorate
from ..normalize import is_breadcrumb
from . import Source
from .encoding import decode
from .layout import Writer, iso_date, join, looks_tabular

MAX_DEPTH = 512  # deeper elements are attached to the element at this depth
MAX_GRID_CELLS = 200_000  # a table whose spans would make a larger grid is read as text
SEARCH_LIMIT = 64  # how far down the open elements an end tag looks for its start tag

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
        "wbr", "keygen", "frame", "basefont", "isindex"}
DROP = {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "math", "select", "textarea",
        "button", "frameset", "noframes", "xml"}
BLOCK = {"address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div", "dl",
         "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
         "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "ul", "table",
         "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "body", "html", "legend", "option", "br"}
CLOSES_P = BLOCK - {"td", "th", "tr", "tbody", "thead", "tfoot", "caption", "body", "html", "br", "option", "li",
                    "dd", "dt"} | {"li", "dd", "dt"}
SCOPE = {"td", "th", "table", "caption", "html", "button", "template", "object", "marquee", "applet"}
TABLE_SECTION = {"tbody", "thead", "tfoot"}
CONTENT_HINTS = ("zoom", "trs_editor", "custom_unionstyle", "article", "content", "detail", "con_text", "main-txt",
                 "view", "text", "info_content", "wzy_content", "pages_content", "bt_content")
PUB_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "dcterms.issued",
            "releasedate", "createdate", "dc.date.created", "published_time", "publish_time", "lastmodifiedtime")
PUB_TEXT = re.compile(r"(发布时间|发布日期|发文日期|公开日期|成文日期|撰写时间|日期)\s*[:：]\s*((?:19|20)\d{2}[^\n]{0,16})")
HEADING = re.compile(r"^[#\s]*(?:[一二三四五六七八九十]|\d{1,2})?\s*[、.．,，]?\s*(?:政府信息公开)?"
                     r"(总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议|"
                     r"因政府信息公开工作?被申请行政复议|存在的主要问题|其他需要报告的事项)")
TABLE_WORDS = ("信息内容", "申请人情况", "行政复议", "本年制发件数", "第二十条", "本年新收")
TITLE_RE = re.compile(r"(政府信息公开|政务公开|信息公开)[^。，；]{0,12}报告\s*(?:[（(][^）)]{0,20}[）)])?\s*$")
SPACE_RUN = re.compile(r"[ \t\n\r\f]+")
# A source line break (marked \x01) next to Chinese text or full-width punctuation is layout only.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018-\u201f\u2026"
SOFT_CJK = re.compile(f"(?<=[{_WIDE}])\x01|\x01(?=[{_WIDE}])")
SOFT_DIGITS = re.compile(r"(?<=\d)\x01(?=\d)")


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: "Node | None"):
        self.tag = tag
        self.attrs = attrs
        self.children: list["Node | str"] = []
        self.parent = parent

    def hidden(self) -> bool:
        if self.tag in DROP or "hidden" in self.attrs:
            return True
        style = self.attrs.get("style", "")
        if style:
            s = style.replace(" ", "").lower()
            return "display:none" in s or "visibility:hidden" in s
        return False

    def hints(self) -> str:
        return (self.attrs.get("id", "") + " " + self.attrs.get("class", "")).lower()


class _Builder(HTMLParser):
    """A tolerant tree builder: the implied end tags that matter for report pages, nothing more."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.stack = [self.root]
        self.metas: list[dict[str, str]] = []
        self.title: list[str] = []
        self._in_title = False

    @property
    def current(self) -> Node:
        return self.stack[-1]

    def _pop_to(self, tag: str, limit: int = SEARCH_LIMIT, boundary: set[str] = frozenset()) -> bool:
        """Close open elements down to and including the nearest `tag`; False if not open."""
        for i in range(len(self.stack) - 1, max(0, len(self.stack) - 1 - limit), -1):
            t = self.stack[i].tag
            if t == tag:
                del self.stack[i:]
                return True
            if t in boundary:
                return False
        return False

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self.metas.append(a)
        if tag in CLOSES_P:
            self._pop_to("p", boundary=SCOPE)
        if tag == "li":
            self._pop_to("li", boundary=SCOPE | {"ul", "ol"})
        elif tag in ("dd", "dt"):
            if not self._pop_to("dd", boundary=SCOPE | {"dl"}):
                self._pop_to("dt", boundary=SCOPE | {"dl"})
        elif tag in ("td", "th"):
            if not self._pop_to("td", boundary={"tr", "table"}):
                self._pop_to("th", boundary={"tr", "table"})
            if self.current.tag in {"table"} | TABLE_SECTION:
                self._push("tr", {})  # a cell straight in a table gets its row, as browsers do
        elif tag == "tr":
            for t in ("td", "th"):
                self._pop_to(t, boundary={"tr", "table"})
            self._pop_to("tr", boundary={"table"} | TABLE_SECTION)
        elif tag in TABLE_SECTION:
            for t in ("td", "th", "tr", *TABLE_SECTION):
                self._pop_to(t, boundary={"table"})
        if tag == "title":
            self._in_title = True
        depth = len(self.stack)
        self._push(tag, a)
        if tag in VOID and len(self.stack) > depth:
            self.stack.pop()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID and self.current.tag == tag.lower():
            self.stack.pop()

    def _push(self, tag: str, attrs: dict[str, str]) -> None:
        if len(self.stack) >= MAX_DEPTH and tag not in VOID:
            return  # too deep: the element is dropped, its content goes to the open element
        parent = self.current
        node = Node(tag, attrs, parent)
        parent.children.append(node)
        self.stack.append(node)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag == "title":
            self._in_title = False
        if tag in VOID:
            return
        if tag in ("td", "th", "tr") or tag in TABLE_SECTION:
            self._pop_to(tag, boundary={"table"})
        elif tag == "table":
            self._pop_to("table", limit=len(self.stack))
        elif tag in ("body", "html"):
            return  # content after </body> is still content
        else:
            self._pop_to(tag, boundary={"td", "th", "tr", "table", "caption"} if tag not in SCOPE else set())

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        node = self.current
        node.children.append(data)


# -- text -------------------------------------------------------------------------------------------

def _finish(pieces: list[str], cell: bool = False) -> str:
    """Inline text of one block: HTML white space collapsed; a line break in the source between
    Chinese characters (or, in a cell, between digits) is dropped, as it is only source layout."""
    raw = "".join(pieces)
    if not raw:
        return ""
    raw = SPACE_RUN.sub(lambda m: "\x01" if "\n" in m.group() or "\r" in m.group() else " ", raw)
    raw = re.sub(r"[ \x01]{2,}", lambda m: " " if " " in m.group() else "\x01", raw)
    if "\x01" in raw:
        raw = SOFT_CJK.sub("", raw.strip("\x01"))
        if cell:
            raw = SOFT_DIGITS.sub("", raw)
        raw = raw.replace("\x01", " ")
    return raw.strip()


class _Item:
    __slots__ = ("kind", "content", "node")

    def __init__(self, kind: str, content, node: Node):
        self.kind, self.content, self.node = kind, content, node


class _Linear:
    """The blocks of a subtree in reading order: paragraphs and data tables."""

    def __init__(self):
        self.grids: dict[int, list[list[str]] | None] = {}

    def items(self, root: Node, tables: bool = True, cell: bool = False) -> list[_Item]:
        out: list[_Item] = []
        pieces: list[str] = []
        block = [root]

        number = [""]  # a list item's number, waiting for the item's first text

        def flush():
            if pieces:
                text = _finish(pieces, cell)
                pieces.clear()
                if text:
                    out.append(_Item("p", number[0] + text, block[-1]))
                    number[0] = ""

        stack: list[tuple[Node, int]] = [(root, 0)]
        while stack:
            node, i = stack.pop()
            if i == 0 and node is not root:
                if node.hidden():
                    continue
                if node.tag == "table" and tables:
                    rows = self.grid(node)
                    if rows is not None:
                        flush()
                        for cap in _own(node, {"caption"}, stop={"table", "tr"}, through=TABLE_SECTION):
                            text = join(it.content for it in self.items(cap, tables=False))
                            if text:  # a caption such as 第二十条第（一）项 is the table's first line
                                out.append(_Item("p", text, node))
                        out.append(_Item("table", rows, node))
                        continue
                if node.tag in BLOCK:
                    flush()
                    block.append(node)
                    if node.tag == "br":
                        block.pop()
                        continue
                    if node.tag == "li":
                        number[0] = _list_number(node)
            if i < len(node.children):
                stack.append((node, i + 1))
                child = node.children[i]
                if isinstance(child, str):
                    pieces.append(child)
                else:
                    stack.append((child, 0))
            elif node is not root and node.tag in BLOCK:
                flush()
                if block[-1] is node:
                    block.pop()
        flush()
        return out

    def cell_text(self, cell: Node) -> str:
        return join(it.content for it in self.items(cell, tables=False, cell=True))

    def grid(self, table: Node) -> list[list[str]] | None:
        """The table as a grid if it is a data table; None for a layout table."""
        if id(table) in self.grids:
            return self.grids[id(table)]
        self.grids[id(table)] = None
        trs = list(_own(table, {"tr"}, stop={"table"}, through=TABLE_SECTION | {"form"}))
        cells_by_row = [list(_own(tr, {"td", "th"}, stop={"table", "tr"}, through={"form"})) for tr in trs]
        for cells in cells_by_row:
            for c in cells:
                if _has_descendant(c, "table"):
                    return None  # a table in a cell: this one is for page layout
        taken: dict[tuple[int, int], str] = {}
        n = len(trs)
        for r, cells in enumerate(cells_by_row):
            c = 0
            for td in cells:
                while (r, c) in taken:
                    c += 1
                colspan = max(1, min(_span(td.attrs.get("colspan")), 1000))
                rowspan = _span(td.attrs.get("rowspan"))
                rowspan = n - r if rowspan == 0 else max(1, min(rowspan, n - r))
                if len(taken) + colspan * rowspan > MAX_GRID_CELLS:
                    return None
                text = "" if td.hidden() else self.cell_text(td)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        # Places a merged cell covers are None: no cell of their own (a value cell
                        # spanning grid columns of an office export is one cell, not one and blanks).
                        taken.setdefault((r + dr, c + dc), text if dr == 0 and dc == 0 else None)
                c += colspan
        if not taken:
            return None
        width = max(c for _, c in taken) + 1
        rows = [[taken.get((r, c)) for c in range(width)] for r in range(n)]
        if not looks_tabular(rows):
            return None
        self.grids[id(table)] = rows
        return rows


CN_NUMERALS = "一二三四五六七八九十"


def _list_number(li: Node) -> str:
    """The number an ordered list gives its item, as the page shows it. Office suites export a
    Word document's numbered headings as `<ol start="2"><li>…`, the numbering format lost: a
    top-level item of a list without a `type` is taken in the report's own style (`二、`), a
    format the page does not contradict; nested items and unordered lists get nothing."""
    ol = li.parent
    if ol is None or ol.tag != "ol" or any(a.tag == "li" for a in _ancestors(ol)):
        return ""
    start = _span(ol.attrs.get("start"))
    n = start + sum(1 for c in ol.children if isinstance(c, Node) and c.tag == "li" and c is not li
                    and ol.children.index(c) < ol.children.index(li))
    kind = ol.attrs.get("type")
    if kind == "1":
        return f"{n}."
    if kind is None and 1 <= n <= len(CN_NUMERALS):
        return CN_NUMERALS[n - 1] + "、"
    return ""


def _title_like(text: str) -> bool:
    return len(text) <= 80 and bool(TITLE_RE.search(text)) and not is_breadcrumb(text)


def _span(value: str | None) -> int:
    m = re.match(r"\s*(\d+)", value or "")
    return int(m.group(1)) if m else 1


def _own(node: Node, wanted: set[str], stop: set[str], through: set[str]):
    """Descendants with a tag in `wanted` that belong to `node`: looking through `through`
    wrappers, never into `stop` elements (a nested table's rows are not this table's)."""
    stack = [iter(node.children)]
    while stack:
        c = next(stack[-1], None)
        if c is None:
            stack.pop()
            continue
        if isinstance(c, str):
            continue
        if c.tag in wanted:
            yield c
        elif c.tag not in stop and (c.tag in through or c.tag not in BLOCK):
            stack.append(iter(c.children))


def _has_descendant(node: Node, tag: str) -> bool:
    stack = [iter(node.children)]
    while stack:
        c = next(stack[-1], None)
        if c is None:
            stack.pop()
        elif not isinstance(c, str):
            if c.tag == tag:
                return True
            stack.append(iter(c.children))
    return False


# -- the content root -------------------------------------------------------------------------------

def _ancestors(node: Node) -> list[Node]:
    out = []
    while node is not None:
        out.append(node)
        node = node.parent
    return out


def _lca(nodes: list[Node]) -> Node:
    common = None
    for n in nodes:
        chain = _ancestors(n)
        if common is None:
            common = chain
        else:
            ids = {id(x) for x in chain}
            common = [x for x in common if id(x) in ids]
    return common[0]


def _inside(node: Node, root: Node) -> bool:
    while node is not None:
        if node is root:
            return True
        node = node.parent
    return False


def _is_marker(item: _Item) -> bool:
    if item.kind == "table":
        cells = "".join(c for row in item.content[:6] for c in row if c).replace(" ", "")
        return any(w in cells for w in TABLE_WORDS)
    text = item.content.replace(" ", "").replace("\u3000", "")
    return len(text) <= 40 and bool(HEADING.match(text))


def _hinted_root(doc: Node) -> Node | None:
    best, best_len = None, 0
    stack = [doc]
    while stack:
        n = stack.pop()
        if n.hidden():
            continue
        hints = n.hints()
        if hints.strip() and any(h in hints for h in CONTENT_HINTS):
            size = _text_size(n)
            if size > best_len:
                best, best_len = n, size
        stack.extend(c for c in n.children if not isinstance(c, str))
    return best


def _text_size(node: Node) -> int:
    size = 0
    stack = [node]
    while stack:
        n = stack.pop()
        for c in n.children:
            if isinstance(c, str):
                size += len(c.strip())
            elif c.tag not in DROP:
                stack.append(c)
    return size


# -- reading a page ---------------------------------------------------------------------------------

def _decode(data: bytes):
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    m = re.search(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", data[:8192], re.I)
    if m:
        name = m.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "x-gb18030", "euc-cn"):
            name = "gb18030"
        try:
            codecs.lookup(name)
            from .encoding import Decoded
            return Decoded(data.decode(name), name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _published(builder: _Builder, items: list[_Item]) -> str | None:
    for m in builder.metas:
        name = (m.get("name") or m.get("property") or m.get("itemprop") or "").lower()
        if name in PUB_META and m.get("content"):
            d = iso_date(m["content"])
            if d:
                return d
    for it in items:
        if it.kind == "p":
            m = PUB_TEXT.search(it.content)
            if m:
                d = iso_date(m.group(2))
                if d:
                    return d
    return None


def _page_title(builder: _Builder) -> str | None:
    for m in builder.metas:
        name = (m.get("name") or m.get("property") or "").lower()
        if name in ("articletitle", "og:title", "title") and TITLE_RE.search(m.get("content", "")):
            return m["content"].strip()
    title = _finish(builder.title)
    for part in re.split(r"\s*(?:[_|｜]|--|——|-\s)\s*", title):
        if TITLE_RE.search(part):
            return part.strip()
    return None


def read_html(path: str, data: bytes) -> Source:
    decoded = _decode(data)
    src = Source(path, encoding=decoded.encoding)
    if decoded.problem:
        # Its line is one of the page source, not of the text read: the finding goes on line 1 and says so.
        p = decoded.problem
        src.findings.append(decorate(p, msg="input:in-page-source", line=1, col=1,
                                     args={"problem": {"msg": p.msg, "args": dict(p.args)}}))

    if decoded.text is None:
        src.fatal = True
        return src
    builder = _Builder()
    builder.feed(decoded.text)
    builder.close()
    doc = builder.root
    linear = _Linear()
    items = linear.items(doc)
    markers = [it.node for it in items if _is_marker(it)]
    if len(markers) >= 2:
        root = _lca(markers)
    else:
        root = _hinted_root(doc) or doc
    inside = [it for it in items if _inside(it.node, root)] if root is not doc else items
    writer = Writer()
    # A title above the content element (an <h1> in the page frame), else the page's own title.
    head = [it for it in inside[:6] if it.kind == "p" and _title_like(it.content)]
    if not head and inside:
        first = items.index(inside[0])
        before = [it for it in items[:first] if it.kind == "p" and _title_like(it.content) and "报告" in it.content]
        if before:
            writer.paragraph(before[-1].content, "网页标题")
        else:
            title = _page_title(builder)
            if title:
                writer.paragraph(title, "网页标题（<title>）")
    for it in inside:
        if it.kind == "p":
            writer.paragraph(it.content)
        else:
            writer.table(it.content)
    src.lines, src.origins = writer.source_fields()
    published = _published(builder, items)
    if published:
        src.meta["published"] = published
    title = _page_title(builder)
    if title:
        src.meta["title"] = title
    return src
