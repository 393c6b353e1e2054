"""Pure-Python wheels written by the build: from a package's sources in its sdist (PyYAML,
MarkupSafe) and from the installed gklint itself. Entries are sorted and dated 1980-01-01, so the
same files always give the same bytes and a rebuild of the same tree gives the same folder."""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
import tarfile
import zipfile
from pathlib import Path

DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
TAG = "py3-none-any"
PACKAGE_FILES = (".py", ".typed")  # what a pure package's folder in an sdist contributes
LICENCES = re.compile(r"^(LICEN[CS]E|COPYING)(\.\w+)?$", re.I)


def wheel_name(name: str, version: str) -> str:
    return f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}-{TAG}.whl"


def write_wheel(dest: Path, name: str, version: str, files: dict[str, bytes], metadata: str,
                licences: dict[str, bytes] | None = None) -> Path:
    """A wheel of `files` (archive path → bytes) with its dist-info; returns its path."""
    info = f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}.dist-info"
    entries = dict(sorted(files.items()))
    entries.update({f"{info}/licenses/{n}": data for n, data in sorted((licences or {}).items())})
    entries[f"{info}/METADATA"] = metadata.encode("utf-8")
    entries[f"{info}/WHEEL"] = (f"Wheel-Version: 1.0\nGenerator: gklint web build\nRoot-Is-Purelib: true\n"
                                f"Tag: {TAG}\n").encode()
    record = "".join(f"{p},sha256={_urlsafe(hashlib.sha256(d).digest())},{len(d)}\n" for p, d in entries.items())
    entries[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    path = dest / wheel_name(name, version)
    with zipfile.ZipFile(path, "w") as zf:
        for arcname, data in entries.items():
            entry = zipfile.ZipInfo(arcname, DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zf.writestr(entry, data, compresslevel=9)
    return path


def _urlsafe(digest: bytes) -> str:
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def from_sdist(sdist: Path, source: str) -> tuple[dict[str, bytes], str, dict[str, bytes]]:
    """(the files of the package folder `source` as they go into a wheel, the METADATA, licence
    files) from an sdist: `lib/yaml/*.py` becomes `yaml/*.py`; C sources and build scripts stay out."""
    files: dict[str, bytes] = {}
    metadata, licences = "", {}
    with tarfile.open(sdist, "r:gz") as tar:
        for member in tar.getmembers():
            top, _, inner = member.name.partition("/")
            if not member.isfile():
                continue
            if inner == "PKG-INFO":
                metadata = _read(tar, member).decode("utf-8")
            elif "/" not in inner and LICENCES.match(inner):
                licences[inner] = _read(tar, member)
            elif posixpath.dirname(inner) == source and inner.endswith(PACKAGE_FILES):
                files[f"{posixpath.basename(source)}/{posixpath.basename(inner)}"] = _read(tar, member)
    return files, metadata, licences


def _read(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    fh = tar.extractfile(member)
    return fh.read() if fh is not None else b""


def from_tree(root: Path, prefix: str) -> dict[str, bytes]:
    """Every file under `root` as `prefix/…`, without bytecode caches and hidden files."""
    out = {}
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if path.is_file() and not any(p == "__pycache__" or p.startswith(".") for p in parts) \
                and path.suffix != ".pyc":
            out["/".join((prefix, *parts))] = path.read_bytes()
    return out
