"""The content root: the element holding the report — the lowest common ancestor of the section
headings (一、总体情况 …) and the report tables, not the navigation around them; without those,
an element with a usual content id/class (`zoom`, `TRS_Editor`, `Custom_UnionStyle`, …)."""

from __future__ import annotations

import re

from .text import Item
from .tree import DROP, Node, ancestors

# Each white-space run follows what it separates (never `\s*X?\s*`): a line of spaces is read once.
HEADING = re.compile(r"^[#\s]*(?:(?:[一二三四五六七八九十]|\d{1,2})\s*)?(?:[、.．,，]\s*)?(?:政府信息公开)?"
                     r"(总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议|"
                     r"因政府信息公开工作?被申请行政复议|存在的主要问题|其他需要报告的事项)")
TABLE_WORDS = ("信息内容", "申请人情况", "行政复议", "本年制发件数", "第二十条", "本年新收")
CONTENT_HINTS = ("zoom", "trs_editor", "custom_unionstyle", "article", "content", "detail", "con_text", "main-txt",
                 "view", "text", "info_content", "wzy_content", "pages_content", "bt_content")


def _lca(nodes: list[Node]) -> Node:
    common = None
    for n in nodes:
        chain = ancestors(n)
        if common is None:
            common = chain
        else:
            ids = {id(x) for x in chain}
            common = [x for x in common if id(x) in ids]
    return common[0]


def _is_marker(item: Item) -> bool:
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


def content_root(doc: Node, items: list[Item]) -> Node:
    markers = [it.node for it in items if _is_marker(it)]
    if len(markers) >= 2:
        return _lca(markers)
    return _hinted_root(doc) or doc
