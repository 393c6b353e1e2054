"""A cache of findings keyed by file content, gklint version, rule packs and options.

An unchanged repository re-checks from the cache. Entries are JSON (never pickle: a cache
directory must not be a way to run code), written atomically; a damaged entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from . import __version__
from .findings import Finding

DEFAULT_DIR = ".gklint_cache"
FORMAT = 4  # of an entry; 3: messages as catalog ids and arguments; 4: no legacy texts. A new format makes old entries misses.


class Cache:
    def __init__(self, directory: str | os.PathLike, salt: str):
        self.dir = Path(directory)
        self.salt = salt.encode("utf-8")
        self.hits = self.misses = 0

    @staticmethod
    def salt_for(packs: dict, options) -> str:
        """What besides the file decides the findings: version, packs, options (with settings)."""
        h = hashlib.sha256(f"{__version__} {FORMAT}".encode())
        for name in sorted(packs):
            h.update(json.dumps(packs[name].raw, sort_keys=True, ensure_ascii=False, default=str).encode())
        h.update(repr((options.template, options.max_bytes)).encode())
        h.update(json.dumps(options.settings, sort_keys=True, ensure_ascii=False, default=str).encode())
        return h.hexdigest()

    def _entry(self, digest: str) -> Path:
        return self.dir / digest[:2] / f"{digest}.json"

    def digest(self, path: str, max_bytes: int) -> str | None:
        try:
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError:
            return None  # the engine reports it (GK001); nothing to cache
        if len(data) > max_bytes:
            return None
        return hashlib.sha256(self.salt + b"\0" + data).hexdigest()

    def get(self, digest: str | None, path: str):
        from .engine import FileResult

        if digest is None:
            return None
        try:
            entry = json.loads(self._entry(digest).read_text(encoding="utf-8"))
            findings = [Finding(f["code"], f["severity"], f["msg"], f["args"], f["line"], f["col"], path, f["data"])
                        for f in entry["findings"]]
            result = FileResult(path, None, findings, entry["info"])
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, digest: str | None, result) -> None:
        if digest is None:
            return
        entry = {"info": result.info, "findings": [
            {"code": f.code, "severity": f.severity, "msg": f.msg, "args": f.args,
             "line": f.line, "col": f.col, "data": f.data} for f in result.findings]}
        target = self._entry(digest)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(entry, fh, ensure_ascii=False, default=str)
            os.replace(tmp, target)
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written only costs time
