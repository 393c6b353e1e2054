"""GitLab Code Quality report (a JSON array of Code Climate issues), shown in merge requests.

Fingerprints must stay the same from one pipeline to the next for GitLab to tell new findings
from old ones, so they are built from the line-free fingerprint, never from line numbers.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from ..fingerprint import fingerprint_key
from . import relpath

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(results, summary: bool = True, lang: str = "zh") -> str:
    issues = []
    for r in results:
        seen = Counter()  # the same fingerprint twice in one file still needs two distinct ones
        for f in r.findings:
            path = relpath(f.path)
            k = fingerprint_key(f, r.report)
            seen[k] += 1
            digest = hashlib.sha256(f"{path}\0{k}\0{seen[k]}".encode("utf-8")).hexdigest()[:32]
            issues.append({
                "type": "issue",
                "check_name": f.code,
                "description": f.text(lang),
                "fingerprint": digest,
                "severity": SEVERITY[f.severity],
                "location": {"path": path, "lines": {"begin": f.line}},
            })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
