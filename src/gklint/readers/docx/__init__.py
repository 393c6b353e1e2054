"""Word documents (.docx, and .wps saved in the OOXML format) read straight from the OOXML.

    container.py   the zip and its XML parts, read with bounds (zip bombs, DTDs, damage)
    numbering.py   automatic list numbering and the numbering paragraph styles carry
    tables.py      tables resolved to their grid (merged cells)
    body.py        paragraphs and tables in body order, written as Word's text export with origins

The body is written in Word's own text-export layout (see `layout.py`): paragraphs and tables in
body order; merged cells resolved to the table grid, so every row has its grid's cell count.
Automatic numbering is written in front of the paragraph text when the text lacks it, as Word's
export does: a heading typed as “总体情况” with list numbering reads “一、总体情况”. Deleted
revisions, hidden text and field codes are left out.

Old binary Word/WPS files (an OLE compound file) cannot be read: they get a finding that asks for
the file to be saved as .docx; a password-protected .docx (also an OLE file) gets GK013.
"""

from __future__ import annotations

import zipfile
import zlib

from ...checks import get as get_rule
from ...findings import Finding
from .. import Source
from ..layout import Writer, grids_cut
from . import container
from .body import Body
from .container import DocxError
from .numbering import Numbering, Styles
from .ooxml import W

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
    with container.open_zip(data) as zf:
        names = set(zf.namelist())
        main = container.main_part(zf, names)
        if main is None:
            raise container.other_zip(zf, names)
        rels = container.relationships(zf, names, main)
        root = container.xml(zf, main)
        numbering = styles = None
        if rels.get("numbering") in names:
            numbering = container.xml(zf, rels["numbering"])
        if rels.get("styles") in names:
            styles = container.xml(zf, rels["styles"])
        meta = container.core_meta(zf, names)
    body = root.find(W + "body")
    if body is None:
        raise DocxError("GK011", "no-body", part=main)
    src = Source(path)
    writer = Writer()
    paragraph_styles = Styles(styles)
    reader = Body(writer, Numbering(numbering, paragraph_styles), paragraph_styles)
    reader.walk(body)
    src.findings += grids_cut(writer, len(reader.cut), reader.cut[0] if reader.cut else 0)
    src.replaced = reader.replaced
    src.lines, src.origins = writer.source_fields()
    src.meta.update(meta)
    return src
