"""SARIF 2.1.0: one run, the rule catalogue with its explanations, one result per finding."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..checks import all_rules
from ..fingerprint import fingerprint
from ..places import public
from ..ruledoc import render_rule
from . import relpath

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    rel = relpath(path)
    return Path(rel).as_uri() if os.path.isabs(rel) else quote(rel)


def render(results, summary: bool = True, lang: str = "zh") -> str:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    driver = {
        "name": "gklint", "version": __version__, "semanticVersion": __version__,
        "rules": [{
            "id": r.code, "name": r.name,
            "shortDescription": {"text": r.doc(lang)["summary"]},
            "fullDescription": {"text": r.doc(lang)["why"]},
            "help": {"text": render_rule(r, lang)},
            "defaultConfiguration": {"level": LEVEL[r.severity]},
        } for r in rules],
    }
    out = []
    for res in results:
        for f in res.findings:
            result = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": LEVEL[f.severity],
                "message": {"text": f.text(lang)},
                # The region is a line of gklint's text export (what SARIF can address); the place
                # a person finds in a Word, PDF or web page is the logical location (and in the message).
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)},
                    "region": {"startLine": f.line, "startColumn": f.col},
                }, **({"logicalLocations": [{"name": f.where(lang), "kind": "element"}]} if f.data.get("origin") else {})}],
                "partialFingerprints": {"gklint/v1": fingerprint(f, res.report)},
            }
            properties = {k: v for k, v in public(f.data, lang).items() if k != "trace"}
            if properties:
                result["properties"] = properties
            out.append(result)
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": out}]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
