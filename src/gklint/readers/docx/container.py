"""The .docx container: a zip opened with bounds (zip-bomb guard) and XML parts parsed with
`defusedxml` (no DTDs, so no entity expansion). Every way a container is not a Word document,
or is a hostile one, becomes a `DocxError` carrying the finding to report."""

from __future__ import annotations

import io
import posixpath
import zipfile
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from ...checks import get as get_rule
from ..layout import iso_date
from .ooxml import CT_NS, REL_NS, STRICT_NS, W_NS

# Zip-bomb guards. A report's document.xml is well under 5 MB; XML compresses about 10:1.
MAX_ENTRIES = 5000
MAX_TOTAL = 200 * 1024 * 1024  # declared uncompressed size of all entries
MAX_PART = 64 * 1024 * 1024  # bytes actually read from one XML part
MAX_RATIO = 200  # compression ratio of an entry larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024

MAIN_TYPES = ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
              "ms-word.document.macroEnabled.main+xml", "ms-word.template.macroEnabledTemplate.main+xml")


class DocxError(Exception):
    """Why the document cannot be read, as the finding to report."""

    def __init__(self, code: str, msg: str, **args):
        super().__init__(f"{code}:{msg}")
        self.finding = get_rule(code).finding(msg, **args)


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocxError("GK011", "not-zip") from None
    try:
        guard(zf)
    except DocxError:
        zf.close()
        raise
    return zf


def guard(zf: zipfile.ZipFile) -> None:
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


def part(zf: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes, read with a bound whatever its header claims."""
    with zf.open(name) as fh:
        data = fh.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise DocxError("GK014", "zip-part", part=name, limit=MAX_PART // 1024 // 1024)
    return data


def xml(zf: zipfile.ZipFile, name: str) -> Element:
    data = part(zf, name)
    if STRICT_NS in data:
        data = data.replace(STRICT_NS, W_NS.encode())
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise DocxError("GK011", "xml-dtd", part=name) from None
    except (ParseError, LookupError, ValueError) as e:  # LookupError, ValueError: a declared encoding expat cannot use
        raise DocxError("GK011", "xml-broken", part=name, error=str(e)) from None


def main_part(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    if "word/document.xml" in names:
        return "word/document.xml"
    if "[Content_Types].xml" in names:
        try:
            types = xml(zf, "[Content_Types].xml")
        except DocxError:
            return None
        for o in types.iter(CT_NS + "Override"):
            if o.get("ContentType", "").endswith(MAIN_TYPES):
                name = o.get("PartName", "").lstrip("/")
                if name in names:
                    return name
    return None


def other_zip(zf: zipfile.ZipFile, names: set[str]) -> DocxError:
    """What a zip that is not a Word document is."""
    mimetype = b""
    if "mimetype" in names:
        try:
            mimetype = part(zf, "mimetype")[:100]
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


def relationships(zf: zipfile.ZipFile, names: set[str], main: str) -> dict[str, str]:
    folder, base = posixpath.split(main)
    out = {"numbering": posixpath.join(folder, "numbering.xml"), "styles": posixpath.join(folder, "styles.xml")}
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels in names:
        try:
            root = xml(zf, rels)
        except DocxError:
            return out
        for r in root.iter(REL_NS + "Relationship"):
            kind = r.get("Type", "").rsplit("/", 1)[-1]
            target = r.get("Target", "")
            if kind in ("numbering", "styles") and r.get("TargetMode") != "External":
                out[kind] = posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") else target[1:]
    return out


def core_meta(zf: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    if "docProps/core.xml" not in names:
        return meta
    try:
        core = xml(zf, "docProps/core.xml")
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
