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

from .fingerprint import fingerprint

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or written; `en` is the message in English."""

    def __init__(self, message: str, en: str):
        super().__init__(message)
        self.en = en


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
        if lang == "en":
            note = f"gklint: baseline {self.path}: {known} recorded findings not reported again"
            if stale:
                note += (f"; {len(stale)} entries no longer occur, update the baseline with --write-baseline:\n"
                         + "\n".join(f"  {e['path']}: {e['code']} {e['message']}" for e in stale))
            return note
        note = f"gklint: 基线 {self.path}：{known} 项已记录的问题未再报告"
        if stale:
            note += f"；{len(stale)} 项记录已不再出现，可用 --write-baseline 更新基线：\n" + "\n".join(
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
        raise BaselineError(f"无法写入基线文件 {path}：{e.strerror}",
                            f"Cannot write the baseline file {path}: {e.strerror}") from None
    return Baseline(path, entries)


def load(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as e:
        raise BaselineError(f"无法读取基线文件 {path}：{e.strerror}",
                            f"Cannot read the baseline file {path}: {e.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BaselineError(f"基线文件 {path} 不是有效的 JSON：{e}",
                            f"The baseline file {path} is not valid JSON: {e}") from None
    if not isinstance(data, dict) or data.get("gklint_baseline") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"基线文件 {path} 格式不对：应为 {{\"gklint_baseline\": {VERSION}, \"findings\": [...]}}，"
                            "请用 --write-baseline 生成",
                            f"The baseline file {path} has the wrong shape: it should be "
                            f"{{\"gklint_baseline\": {VERSION}, \"findings\": [...]}}; make one with --write-baseline")
    for i, e in enumerate(data["findings"]):
        if not (isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("fingerprint"), str)):
            raise BaselineError(f"基线文件 {path} 第 {i + 1} 条记录格式不对：需要字符串 path 和 fingerprint",
                                f"Entry {i + 1} of the baseline file {path} is malformed: it needs string path and "
                                "fingerprint")

        e.setdefault("code", "?")
        e.setdefault("message", "")
    return Baseline(path, data["findings"])
