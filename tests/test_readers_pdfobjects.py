"""readers/pdfobjects.py: a dictionary it reads is pdfminer's parse of it, value for value and
type for type; anything else it leaves to pdfminer."""

from __future__ import annotations

import io
import pathlib
import random

import pytest

from readers_fixtures import FONT, TEXT_PAGE, minimal_pdf

pytest.importorskip("pdfplumber")

from pdfminer.pdfdocument import PDFDocument  # noqa: E402
from pdfminer.pdfparser import PDFParser  # noqa: E402
from pdfminer.pdftypes import PDFObjRef  # noqa: E402
from pdfminer.psparser import PSLiteral  # noqa: E402

from gklint.readers.pdfobjects import Objects, read_dictionary  # noqa: E402

CORPUS = pathlib.Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf"
if not CORPUS.is_dir():
    CORPUS = pathlib.Path("/work/shared/corpus/pdf")


def same(a, b) -> bool:
    """Equal as pdfminer's objects are: names interned, references by object number."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, PDFObjRef):
        return a.objid == b.objid and a.doc is b.doc
    if isinstance(a, PSLiteral):
        return a is b
    return a == b


def document(data: bytes) -> PDFDocument:
    return PDFDocument(PDFParser(io.BytesIO(data)))


def every_object(data: bytes) -> tuple[int, int]:
    """(objects read here, objects pdfminer reads): each read here must be pdfminer's."""
    ours_doc, theirs = document(data), document(data)
    objects = Objects(ours_doc, data)
    ids = sorted({i for xref in ours_doc.xrefs for i in xref.get_objids()})
    read = 0
    for objid in ids:
        got = objects._dictionary(objid)
        if got is None:
            continue
        read += 1
        want = theirs.getobj(objid)
        assert same(_rebind(got, theirs), want), objid
    return read, len(ids)


def _rebind(x, doc):
    """References made for one document, compared with another's parse of the same bytes."""
    if isinstance(x, dict):
        return {k: _rebind(v, doc) for k, v in x.items()}
    if isinstance(x, list):
        return [_rebind(v, doc) for v in x]
    if isinstance(x, PDFObjRef):
        return PDFObjRef(doc, x.objid)
    return x


@pytest.mark.parametrize("name", ["hzq2023_working.pdf", "hzq2024_working.pdf", "szfgs2024.pdf"])
def test_corpus_dictionaries_are_pdfminers(name):
    path = CORPUS / name
    if not path.is_file():
        pytest.skip("shared corpus not present")
    read, total = every_object(path.read_bytes())
    assert read >= 30 and total > read  # fonts, descriptors and pages; streams are pdfminer's


def test_test_pdf_dictionaries_are_pdfminers():
    read, total = every_object(minimal_pdf([TEXT_PAGE, TEXT_PAGE], FONT))
    assert read == 4 and total == 8  # page tree, resources, pages; catalog: parsed on opening; streams


# Tokens and near-tokens: what pdfminer reads its own way (escapes, comments, keywords, numbers
# run together, unbalanced closers) must be left to it or read as it reads them.
PIECES = [b"/A", b"/B#41", b"/C#4", b"/D#", b"/#e5#be#ae", b"/", b"/E#ff", b"1", b"-2", b"+3", b"4.", b".5",
          b"-.5", b"+.5", b"1.2.3", b"12R", b"0 0 R", b"7 0 R", b"1.5 0 R", b"R", b"(x)", b"()", b"(a(b)c)",
          b"(a\\)b)", b"<41>", b"%c\n", b"true", b"null", b"false", b"\x00", b"{", b"}", b"[", b"]", b"<<",
          b">>", b">", b"-", b".", b"--1", b"1e5", b"/F 1", b"(\r\n)", b"obj", b"endobj"]
SPACES = [b" ", b"\n", b"", b"\r\n", b"\t", b"\x0c"]


def test_random_objects_read_here_are_pdfminers():
    rng = random.Random(13)
    read = 0
    for _ in range(3000):
        body = b"".join(rng.choice(PIECES) + rng.choice(SPACES) for _ in range(rng.randint(0, 12)))
        if rng.random() < 0.7:  # mostly balanced: a dictionary of pairs
            pairs = b" ".join(b"/K%d %s" % (i, rng.choice(PIECES)) for i in range(rng.randint(0, 5)))
            body = pairs + rng.choice(SPACES) + (body if rng.random() < 0.3 else b"")
        data = b"1 0 obj" + rng.choice(SPACES) + b"<<" + body + b">>" + rng.choice(SPACES + [b"x"]) + b"endobj\n"
        doc = document(minimal_pdf([TEXT_PAGE], FONT))
        ours = read_dictionary(data, 0, 1, doc)
        if ours is None:
            continue
        parser = PDFParser(io.BytesIO(data))
        parser.set_document(doc)
        tokens = [parser.nexttoken()[1] for _ in range(3)]
        assert tokens[0] == 1
        _, theirs = parser.nextobject()
        assert same(ours, theirs), data
        read += 1
    assert read > 300  # the test reads many, not only the empty dictionary


def test_page_tree_read_here_gives_pdfplumber_the_pages_pdfminer_parses():
    import pdfplumber

    data = minimal_pdf([TEXT_PAGE, TEXT_PAGE, TEXT_PAGE], FONT)
    primed, plain = pdfplumber.open(io.BytesIO(data)), pdfplumber.open(io.BytesIO(data))
    objects = Objects(primed.doc, data)
    objects.prime_pages()
    assert {2, 5, 7, 9} <= set(primed.doc._cached_objs) and {2, 5, 7, 9} <= set(objects.read)
    assert len(primed.pages) == len(plain.pages) == 3
    for a, b in zip(primed.pages, plain.pages):
        assert same(_rebind(a.page_obj.attrs, plain.doc), b.page_obj.attrs)
        assert (a.bbox, a.extract_text()) == (b.bbox, b.extract_text())
