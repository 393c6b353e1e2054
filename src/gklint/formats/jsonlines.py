"""JSON lines: one finding per line, with its file — easy to grep, stream and load into a table."""

from __future__ import annotations

import json


def render(results, summary: bool = True, lang: str = "zh") -> str:
    return "".join(json.dumps({"path": f.path, **f.to_json(lang)}, ensure_ascii=False) + "\n"
                   for r in results for f in r.findings)
