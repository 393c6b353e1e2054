"""A PDF's indirect dictionaries (fonts, font descriptors, the page tree) read as pdfminer reads
them, without its tokeniser: pdfminer's PSStackParser costs ~7 µs a token, most of
`pdfium._descents`' time (a CIDFont's /W array is tokenised whole to read its /FontDescriptor).

Only a plain form is read here, token for token as pdfminer reads it: `N G obj << … >> endobj`
at the offset pdfminer's cross-reference gives, made of numbers, names (`#xx` escapes), literal
strings without escapes or parentheses, arrays, dictionaries and `N G R` references, each
token ending where pdfminer's ends it. Anything else — an object in an object stream, an
encrypted file, a comment, a hex string, `true`/`false`/`null`, a stream, an object pdfminer has
parsed already, whatever the form does not cover — is pdfminer's own (`resolve1`).
"""

from __future__ import annotations

import re

# pdfminer's delimiters and white space (psparser: END_LITERAL, END_KEYWORD, `\s`); a token is
# read here only where what follows it ends it for pdfminer too and starts a token read here.
_AFTER = rb"(?=[\s/\[\]()<>])"
TOKEN = re.compile(rb"\s*(?:(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+))" + _AFTER
                   + rb"|/(?P<name>(?:[^#/%\[\]()<>{}\s]|#[0-9A-Fa-f]{2})*)" + _AFTER
                   + rb"|\((?P<string>[^()\\]*)\)|(?P<open><<|\[)|(?P<close>>>|\])|(?P<ref>R)" + _AFTER + rb")")
HEADER = re.compile(rb"\s*(\d+)\s+\d+\s+obj\s*(?=<<)")
END = re.compile(rb"\s*endobj(?=[#/%\[\]()<>{}\s])")
ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
NOT_READ = object()


class Objects:
    """pdfminer's document `doc` (parsed from `data`), its dictionaries read once each."""

    def __init__(self, doc, data: bytes):
        self.doc, self.data = doc, data
        self.read: dict[int, object] = {}

    def resolve(self, x):
        """pdfminer's `resolve1(x)`."""
        from pdfminer.pdftypes import PDFObjRef, resolve1

        while isinstance(x, PDFObjRef):
            if x.doc is not self.doc:
                return resolve1(x)
            got = self.read.get(x.objid, NOT_READ)
            if got is NOT_READ:
                got = self.read[x.objid] = self._dictionary(x.objid)
            if got is None:
                return resolve1(x)
            x = got
        return x

    def prime_pages(self) -> None:
        """The page tree's dictionaries (/Pages, /Page) read here and put in pdfminer's object
        cache, as its `getobj` caches what it parses: making pdfplumber's pages then parses
        none of them again. What is not of the plain form pdfminer parses as before."""
        from pdfminer.pdftypes import PDFObjRef

        doc = self.doc
        cached = getattr(doc, "_cached_objs", None)
        if cached is None or not getattr(doc, "caching", False):
            return
        pending, seen = [doc.catalog.get("Pages")], set()
        while pending:  # each object once: as long as the file's trees
            ref = pending.pop()
            if not isinstance(ref, PDFObjRef) or ref.doc is not doc or ref.objid in seen:
                continue
            seen.add(ref.objid)
            if ref.objid in cached:
                obj = cached[ref.objid][0]
            else:
                read = self._dictionary(ref.objid, with_generation=True)
                if read is None:
                    continue
                obj = self.read[ref.objid] = read[0]
                cached[ref.objid] = read
            kids = obj.get("Kids") if isinstance(obj, dict) else None
            if isinstance(kids, list):
                pending += reversed(kids)

    def _dictionary(self, objid: int, with_generation: bool = False):
        """Object `objid` as pdfminer's `getobj` parses it, where it is a dictionary of the
        plain form (with its generation: as pdfminer caches it); None otherwise."""
        doc = self.doc
        cached = getattr(doc, "_cached_objs", None)
        if cached is None or objid in cached or getattr(doc, "decipher", True):
            return None
        for xref in getattr(doc, "xrefs", ()):  # the first that holds it, as getobj takes it
            try:
                stream, pos, generation = xref.get_pos(objid)
            except KeyError:
                continue
            if stream is not None or not isinstance(pos, int):
                return None
            obj = read_dictionary(self.data, pos, objid, doc)
            return None if obj is None else (obj, generation) if with_generation else obj
        return None


def read_dictionary(data: bytes, pos: int, objid: int, doc) -> dict | None:
    """The dictionary of object `objid` at `pos` in `data` as pdfminer's `_getobj_parse` reads
    it; None where the object is not of the plain form (see the module docstring)."""
    from pdfminer.psparser import LIT, PSLiteral, literal_name
    from pdfminer.pdftypes import PDFObjRef

    head = HEADER.match(data, pos)
    if head is None or int(head[1]) != objid:
        return None
    at, stack, kinds = head.end(), [], []  # the open containers' items and kinds ("d", "a")
    items: list = []
    while True:
        m = TOKEN.match(data, at)
        if m is None:
            return None
        at = m.end()
        kind = m.lastgroup
        if kind == "number":
            token = m["number"]
            items.append(float(token) if b"." in token else int(token))
        elif kind == "name":
            name = ESCAPE.sub(lambda e: bytes((int(e[1], 16),)), m["name"])
            try:
                items.append(LIT(str(name, "utf-8")))
            except UnicodeDecodeError:
                items.append(LIT(name))
        elif kind == "string":
            items.append(m["string"])
        elif kind == "ref":
            # pdfminer's R takes the two items before it in their container
            if len(items) < 2 or type(items[-1]) is not int or type(items[-2]) is not int:
                return None
            objref = items[-2]
            del items[-2:]
            items.append(PDFObjRef(doc, objref))
        elif kind == "open":
            stack.append(items)
            kinds.append("d" if m["open"] == b"<<" else "a")
            items = []
        else:
            if not kinds or kinds.pop() != ("d" if m["close"] == b">>" else "a"):
                return None
            if m["close"] == b">>":
                if len(items) % 2 or not all(isinstance(k, PSLiteral) for k in items[::2]):
                    return None
                value: object = {literal_name(k): v for k, v in zip(items[::2], items[1::2])}
            else:
                value = items
            items = stack.pop()
            items.append(value)
            if not kinds:  # the object's dictionary closed: pdfminer reads on to endobj
                if len(items) != 1 or not isinstance(value, dict) or END.match(data, at) is None:
                    return None
                return value
        if not kinds:  # a token outside the dictionary
            return None
