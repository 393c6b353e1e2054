"""Cross-year checks (GK8xx) in a run: which report is the previous year's report of which.

A checked file is compared with
  * the report given by `--previous FILE`, when the file's report year is that report's year + 1;
  * otherwise, another file of the same run with the same agency (`report.agency`, compared after
    `normalize.key`) and the year before — only when there is exactly one such file, since two
    reports of one body for one year (a .txt and a .md copy, a corrected re-issue) are ambiguous.

Results usually come back without their parsed model (the cache and worker processes drop it), so
the files of a pair are parsed again here, one at a time, and each model is dropped after its last
use. The findings go to the later year's FileResult before configuration is applied, so select,
ignore, severity and suppressions treat them like any other finding.
"""

from __future__ import annotations

from .checks.crossyear import check_pair
from .engine import FileResult, check_file, internal_error, locate
from .findings import Finding, decorate
from .model import Report
from .normalize import key

PREVIOUS = -1  # index of the --previous report in the pairs


def find_pairs(results: list[FileResult], previous: FileResult | None = None) -> list[tuple[int, int]]:
    """(this, last) index pairs; `last` is PREVIOUS for the --previous report."""
    out: list[tuple[int, int]] = []
    paired: set[int] = set()
    prev_year = previous.info.get("year") if previous is not None else None
    if prev_year:
        for i, res in enumerate(results):
            if res.info.get("year") == prev_year + 1 and not res.info.get("config"):
                out.append((i, PREVIOUS))
                paired.add(i)
    by_body: dict[tuple[str, int], list[int]] = {}
    for i, res in enumerate(results):
        year, agency = res.info.get("year"), res.info.get("agency")
        if year and agency:
            by_body.setdefault((key(agency), year), []).append(i)
    for (body, year), idx in by_body.items():
        last = by_body.get((body, year - 1))
        if last is None or len(last) != 1:
            continue
        out += [(i, last[0]) for i in idx if i not in paired]
    return out


def add_crossyear(results: list[FileResult], options_for, previous: FileResult | None = None) -> list[tuple[int, int]]:
    """Append GK8xx findings to the later file of every pair; returns the pairs.

    `options_for(i)` gives (Options, packs) to re-parse file i when its model was not kept."""
    pairs = find_pairs(results, previous)
    uses: dict[int, int] = {}
    for this, last in pairs:
        uses[this] = uses.get(this, 0) + 1
        uses[last] = uses.get(last, 0) + 1
    models: dict[int, Report | None] = {}

    def model(i: int) -> Report | None:
        if i == PREVIOUS:
            return previous.report if previous is not None else None
        if i not in models:
            res = results[i]
            models[i] = res.report if res.report is not None else check_file(res.path, *options_for(i)).report
        return models[i]

    def release(i: int) -> None:
        uses[i] -= 1
        if uses[i] == 0:
            models.pop(i, None)

    for this, last in pairs:
        res = results[this]
        rep, last_rep = model(this), model(last)
        if rep is not None and last_rep is not None:
            found: list[Finding] = []
            try:
                found = list(check_pair(rep, last_rep))
            except Exception as e:  # like a crashing family in the engine: GK010, the run goes on
                found = [internal_error("crossyear", e)]
            found = [decorate(f, data={"previous": f.data.get("previous", last_rep.path)})
                     for f in locate(found, res.path, rep, None)]
            res.findings.extend(found)
            res.findings.sort(key=Finding.sort_key)
        release(this)
        release(last)
    return pairs


def load_previous(path: str, options, packs) -> FileResult:
    """The --previous report, parsed (its own findings are not reported)."""
    return check_file(path, options, packs)
