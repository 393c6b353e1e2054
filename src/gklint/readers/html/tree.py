"""The page as a small tree of elements, with HTML's implied end tags that matter for report
pages (`<p>`, `<td>`, `<tr>`, `<li>`) and nothing more. Nesting is capped (`MAX_DEPTH`) and every
walk over the tree is iterative, so a deeply nested page cannot exhaust the stack."""

from __future__ import annotations

from .tokenizer import tokens

MAX_DEPTH = 512  # deeper elements are attached to the element at this depth
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


class Builder:
    """A tolerant tree builder: the implied end tags that matter for report pages, nothing more."""

    def __init__(self):
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


def build(text: str) -> Builder:
    builder = Builder()
    for t in tokens(text):
        if t[0] == "text":
            builder.handle_data(t[1])
        elif t[0] == "end":
            builder.handle_endtag(t[1])
        elif t[3]:
            builder.handle_startendtag(t[1], t[2])
        else:
            builder.handle_starttag(t[1], t[2])
    return builder


# -- walking the tree -------------------------------------------------------------------------------

def own(node: Node, wanted: set[str], stop: set[str], through: set[str]):
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


def has_descendant(node: Node, tag: str) -> bool:
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


def ancestors(node: Node) -> list[Node]:
    out = []
    while node is not None:
        out.append(node)
        node = node.parent
    return out


def inside(node: Node, root: Node) -> bool:
    while node is not None:
        if node is root:
            return True
        node = node.parent
    return False
