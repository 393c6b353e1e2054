"""Baselines: accept the findings a report already has, and from then on report only new ones.

    gklint check --write-baseline .gklint-baseline.json reports/
    gklint check --baseline .gklint-baseline.json reports/

Findings are matched by file and line-free fingerprint (gklint.fingerprint), so inserting text
elsewhere in a report does not make old findings new. Paths are stored relative to the baseline
file, so the baseline works from any working directory and in a fresh clone.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from . import catalog
from .fingerprint import fingerprint

VERSION = 1

catalog.register("baseline", Path(__file__).with_name("baseline.yaml"))


class BaselineError(catalog.MessageError):
    """A baseline file that cannot be read or written (messages of baseline.yaml)."""

    def __init__(self, msg: str, **args):
        super().__init__(f"baseline:{msg}", **args)


def _rel(baseline: str, path: str) -> str:
    """A report's path as the baseline records it: relative to the baseline file, with `/`."""
    return os.path.relpath(os.path.abspath(path), os.path.dirname(os.path.abspath(baseline))).replace(os.sep, "/")


class Baseline:
    def __init__(self, path: str, entries: list[dict]):
        self.path = path
        self.entries = entries  # one per finding: a fingerprint found twice in a file is there twice

    def apply(self, results, wanted=lambda code: True, lang: str = "zh") -> str:
        """Drop baselined findings from `results` (in place); say how many, and which entries are stale.

        An entry is stale when its file was checked and its code reported (`wanted`: --select and
        --ignore), but the finding was not there."""
        left = Counter((e["path"], e["fingerprint"]) for e in self.entries)
        known = 0
        checked = set()
        for r in results:
            rel = _rel(self.path, r.path)
            checked.add(rel)
            new = []
            for f in r.findings:
                k = (rel, fingerprint(f, r.report))
                if left[k] > 0:
                    left[k] -= 1
                    known += 1
                else:
                    new.append(f)
            r.findings = new
        stale = []
        for e in self.entries:
            k = (e["path"], e["fingerprint"])
            if e["path"] in checked and wanted(e["code"]) and left[k] > 0:
                left[k] -= 1
                stale.append(e)
        note = catalog.text("baseline:applied", lang, path=self.path, known=known)
        if stale:
            note += catalog.text("baseline:stale", lang, count=len(stale)) + "\n" + "\n".join(
                f"  {e['path']}: {e['code']} {e['message']}" for e in stale)
        return note


def write(path: str, results) -> Baseline:
    entries = []
    for r in results:
        rel = _rel(path, r.path)
        for f in r.findings:
            entries.append({"path": rel, "fingerprint": fingerprint(f, r.report), "code": f.code, "message": f.message})
    data = {"gklint_baseline": VERSION, "findings": entries}
    try:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
    except OSError as e:
        raise BaselineError("cannot-write", path=path, reason=str(e.strerror)) from None
    return Baseline(path, entries)


def load(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as e:
        raise BaselineError("cannot-read", path=path, reason=str(e.strerror)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BaselineError("not-json", path=path, detail=str(e)) from None
    if not isinstance(data, dict) or data.get("gklint_baseline") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError("wrong-shape", path=path, version=VERSION)
    for i, e in enumerate(data["findings"]):
        if not (isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("fingerprint"), str)):
            raise BaselineError("bad-entry", path=path, n=i + 1)
        e.setdefault("code", "?")
        e.setdefault("message", "")
    return Baseline(path, data["findings"])
