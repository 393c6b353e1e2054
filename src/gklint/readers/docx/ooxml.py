"""Names and small accessors of WordprocessingML that every part of the Word reader uses."""

from __future__ import annotations

from xml.etree.ElementTree import Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"  # ISO strict OOXML: same names
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def val(el: Element | None, child: str, default: str | None = None) -> str | None:
    """The `w:val` of child `w:<child>` of `el`."""
    if el is None:
        return default
    c = el.find(W + child)
    if c is None:
        return default
    return c.get(W + "val", default)


def integer(text: str | None, default: int = 0) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:  # also a number of more digits than int() converts
        return default


class Walk:
    """The elements below `root` in document order, without recursion (Word nests content
    controls, text boxes and tables deeply): `enter(children)` makes those come next, before the
    rest of the element's siblings; `depth` is how many levels are open."""

    def __init__(self, root):
        self._stack = [iter(root)]

    def __iter__(self):
        while self._stack:
            el = next(self._stack[-1], None)
            if el is None:
                self._stack.pop()
                continue
            yield el

    def enter(self, children) -> None:
        self._stack.append(iter(children))

    @property
    def depth(self) -> int:
        return len(self._stack)
