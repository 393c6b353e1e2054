"""A configuration applied to the unfiltered (possibly cached) findings of a run: severity
overrides, suppressions, selection, with the command line's --select/--ignore/--fail-on merged in;
GK090 for suppressions that hid nothing."""

from __future__ import annotations

from ..findings import SEVERITY_RANK, Finding, decorate
from .globs import glob_match
from .model import Config
from .schema import show


def selector(cfg: Config | None, path: str, cli_select: tuple, cli_ignore: tuple):
    """`wanted(code)` for one file: --select replaces the config's select and extend-select;
    ignores add up (config ignore, matching per-file-ignores, --ignore)."""
    if cli_select:
        select = tuple(cli_select)
    elif cfg is not None and cfg.select is not None:
        select = cfg.select + cfg.extend_select
    else:
        select = ()  # everything (extend-select adds nothing to "all")
    ignore = tuple(cli_ignore)
    if cfg is not None:
        ignore += cfg.ignore
        rel = cfg.relative(path)
        for glob, codes in cfg.per_file_ignores:
            if glob_match(glob, rel):
                ignore += codes

    def wanted(code: str) -> bool:
        return (not select or code.startswith(select)) and not (ignore and code.startswith(ignore))

    return wanted


def severity_for(cfg: Config | None, code: str) -> str | None:
    """The configured severity of a code: the longest matching code or prefix in `severity`."""
    if cfg is None:
        return None
    best = max((c for c in cfg.severity if code.startswith(c)), key=len, default=None)
    return cfg.severity[best] if best else None


def apply(result, cfg: Config | None, wanted) -> int:
    """Severity overrides, then suppressions, then selection, in place on one FileResult.
    Returns how many findings a suppression hid (among those that would have been reported)."""
    rel = cfg.relative(result.path) if cfg is not None else ""
    rules = [s for s in (cfg.suppress if cfg else ()) if glob_match(s.file, rel)]
    for s in rules:
        s.applies = True
    kept, hidden = [], 0
    for f in result.findings:
        sev = severity_for(cfg, f.code)
        if sev:
            f = decorate(f, severity=sev)
        match = next((s for s in rules if s.matches(f, rel)), None)
        if match is not None:
            match.used += 1
            hidden += wanted(f.code)
        elif wanted(f.code):
            kept.append(f)
    result.findings = kept
    return hidden


def unused(cfg: Config) -> list[Finding]:
    """GK090 for each suppression that applied to a checked file but hid nothing."""
    from ..checks import get

    rule = get("GK090")
    out = []
    for s in cfg.suppress:
        if s.applies and not s.used:
            where = {"msg": "GK090:where", "args": {"where": show(s.where)}} if s.where else ""
            suppression = {"code": s.code, "file": s.file, "where": s.where, "reason": s.reason}
            f = rule.finding("unused", None, code=s.code, file=show(s.file), where=where, reason=s.reason,
                             data={"suppression": suppression})
            out.append(decorate(f, line=s.line or 1, path=cfg.path))
    return out


def configure(results: list, configs: list, cli_select: tuple, cli_ignore: tuple, cli_fail_on: str | None):
    """Apply each file's configuration to its results, in place; add a result with GK090 for each
    configuration file with unused suppressions. Returns (fail_on per result id, wanted) where
    `wanted(code)` says whether a code is reported for any file (for a baseline's stale entries)."""
    from ..engine import FileResult

    fail_on: dict[int, str] = {}
    wanted_all = []
    for res, cfg in zip(list(results), configs):
        wanted = selector(cfg, res.path, cli_select, cli_ignore)
        wanted_all.append(wanted)
        res.info["suppressed"] = apply(res, cfg, wanted)
        fail_on[id(res)] = cli_fail_on or (cfg and cfg.fail_on) or "error"
    for cfg in dict.fromkeys(c for c in configs if c is not None):
        res = FileResult(cfg.path, info={"config": True})
        res.findings = unused(cfg)
        apply(res, cfg, selector(cfg, cfg.path, cli_select, cli_ignore))
        if res.findings:
            fail_on[id(res)] = cli_fail_on or cfg.fail_on or "error"
            results.append(res)

    def wanted(code: str) -> bool:
        return any(w(code) for w in wanted_all) if wanted_all else True

    return fail_on, wanted


def fails(findings, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    floor = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= floor for f in findings)
