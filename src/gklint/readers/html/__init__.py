"""Published web pages (.html/.htm): the report body of a government CMS page, read into a small
tree (no regular expressions over markup).

    charset.py   the page's bytes as text (BOM, `<meta charset>`, detection)
    tree.py      the tree, with HTML's implied end tags; hidden and script elements dropped later
    text.py      the blocks in reading order: paragraphs and data tables
    grid.py      data tables expanded into a grid (rowspan/colspan)
    root.py      the element holding the report, not the navigation around it

* `<script>`, `<style>`, `<noscript>`, `<template>` and hidden elements are dropped.
* The content root is the element holding the report (root.py). A report title outside that
  element (CMS pages put it in an `<h1>` above) is kept.
* Data tables are written as Word's text export (see layout.py); layout tables are read as blocks.
* The publication date (`<meta name="PubDate">`, `发布时间：…`) goes to `Source.meta["published"]`.
"""

from __future__ import annotations

import re

from ...findings import decorate
from ...normalize import is_breadcrumb
from .. import Source
from ..layout import Writer, grids_cut, iso_date
from .charset import decode_page
from .root import content_root
from .text import Item, Linear, finish
from .tree import Builder, build, inside

PUB_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "dcterms.issued",
            "releasedate", "createdate", "dc.date.created", "published_time", "publish_time", "lastmodifiedtime")
PUB_TEXT = re.compile(r"(发布时间|发布日期|发文日期|公开日期|成文日期|撰写时间|日期)\s*[:：]\s*((?:19|20)\d{2}[^\n]{0,16})")
TITLE_RE = re.compile(r"(政府信息公开|政务公开|信息公开)[^。，；]{0,12}报告\s*(?:[（(][^）)]{0,20}[）)]\s*)?$")
TITLE_SEPARATOR = re.compile(r"[_|｜]|--|——|-\s")  # between a page title's parts; the parts are stripped


def _title_like(text: str) -> bool:
    return len(text) <= 80 and bool(TITLE_RE.search(text)) and not is_breadcrumb(text)


def _published(builder: Builder, items: list[Item]) -> str | None:
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


def _page_title(builder: Builder) -> str | None:
    for m in builder.metas:
        name = (m.get("name") or m.get("property") or "").lower()
        if name in ("articletitle", "og:title", "title") and TITLE_RE.search(m.get("content", "")):
            return m["content"].strip()
    title = finish(builder.title)
    for part in TITLE_SEPARATOR.split(title):
        if TITLE_RE.search(part):
            return part.strip()
    return None


def read_html(path: str, data: bytes) -> Source:
    decoded = decode_page(data)
    src = Source(path, encoding=decoded.encoding)
    if decoded.problem:
        # Its line is one of the page source, not of the text read: the finding goes on line 1 and says so.
        p = decoded.problem
        src.findings.append(decorate(p, msg="input:in-page-source", line=1, col=1,
                                     args={"problem": {"msg": p.msg, "args": dict(p.args)}}))

    if decoded.text is None:
        src.fatal = True
        return src
    builder = build(decoded.text)
    doc = builder.root
    linear = Linear()
    items = linear.items(doc)
    root = content_root(doc, items)
    inside_root = [it for it in items if inside(it.node, root)] if root is not doc else items
    writer = Writer()
    # A title above the content element (an <h1> in the page frame), else the page's own title.
    head = [it for it in inside_root[:6] if it.kind == "p" and _title_like(it.content)]
    if not head and inside_root:
        first = items.index(inside_root[0])
        before = [it for it in items[:first] if it.kind == "p" and _title_like(it.content) and "报告" in it.content]
        if before:
            writer.paragraph(before[-1].content, "网页标题")
        else:
            title = _page_title(builder)
            if title:
                writer.paragraph(title, "网页标题（<title>）")
    # The text of a table too large to grid starts where its first block is written (GK020).
    cut = [t for t in linear.cut if inside(t, root)]
    first_cut = next((it for it in inside_root if inside(it.node, cut[0])), None) if cut else None
    mark = 0
    for it in inside_root:
        if it is first_cut:
            mark = writer.mark()
        if it.kind == "p":
            writer.paragraph(it.content)
        else:
            writer.table(it.content)
    src.findings += grids_cut(writer, len(cut), mark)
    src.lines, src.origins = writer.source_fields()
    published = _published(builder, items)
    if published:
        src.meta["published"] = published
    title = _page_title(builder)
    if title:
        src.meta["title"] = title
    return src
