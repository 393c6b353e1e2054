"""Check one file: read → parse → read tables with the right pack → run every rule.

Nothing here raises for bad input: every problem becomes a finding, and a crash inside one rule
family becomes a GK010 finding while the others still run.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field

from .checks import checkers, get as get_rule
from .findings import Finding, decorate
from .fingerprint import section_at
from .model import Report
from .pack import Pack, pack_for_year
from .places import names
from .parser import parse
from .readers import MAX_BYTES, read
from .table_reader import TableReader


MAX_LINES = 100_000  # reports have hundreds of lines; beyond this the input is broken or hostile


@dataclass
class Options:
    """How files are checked: template version, size limit and the settings rules read."""

    template: str | None = None  # force a template version ("2019"/"2021"); None: by report year
    max_bytes: int = MAX_BYTES
    # Settings rules read from the report (report.settings): "issuer" ("department"/"government"),
    # "deadlines" ({"department": "01-31", "government": "03-31"}), filled from configuration.
    settings: dict = field(default_factory=dict)


@dataclass
class FileResult:
    """What checking one file gave: its findings, and the report when kept."""

    path: str
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    # What outputs show about the report (template, year, agency …); kept when `report` is not
    # (a cache hit carries findings and this summary only).
    info: dict = field(default_factory=dict)


def _choose_layout(report: Report, packs: dict[str, Pack], expected: Pack) -> Pack:
    """Read tables with the expected pack; if they follow another version only, re-read with it."""
    others = [p for p in packs.values() if p is not expected]
    TableReader(expected, others).read(report)
    own = report.markers.get(expected.template)
    foreign = [v for v, m in report.markers.items() if v != expected.template and m]
    if len(foreign) == 1 and not own:
        layout = packs[foreign[0]]
        TableReader(layout, [p for p in packs.values() if p is not layout]).read(report)
        return layout
    return expected


def _origin(src, line: int) -> str | None:
    """Where a line of a structured reader's text came from in the original document. A line of
    its own (a blank between blocks, a place where a section is missing) is where the block before
    it is, or the first block: a person is pointed at the document, never at gklint's export."""
    if src is None or not src.origins:
        return None
    line = max(1, min(line, len(src.origins)))
    before = (o for o in reversed(src.origins[:line]) if o)
    return next(before, None) or next((o for o in src.origins if o), None)


def check_file(path: str, options: Options, packs: dict[str, Pack]) -> FileResult:
    result = FileResult(path)
    src = read(path, options.max_bytes)
    found = list(src.findings)
    report = None
    if not src.fatal:
        if not any(line.strip() for line in src.lines):
            found.append(get_rule("GK004").finding("empty"))
        else:
            lines = src.lines
            if len(lines) > MAX_LINES:
                found.append(get_rule("GK020").finding("lines", count=len(lines), limit=MAX_LINES))
                lines = lines[:MAX_LINES]
            try:
                report = parse(path, lines, packs)
                report.encoding = src.encoding
                report.settings = dict(options.settings)
                report.source_meta = dict(src.meta)
                report.origins = src.origins
                expected = packs[options.template] if options.template else pack_for_year(report.year, packs)
                report.expected = expected
                report.layout = _choose_layout(report, packs, expected)
            except Exception as e:  # a parser bug must not stop the run
                report = None
                found.append(get_rule("GK010").finding("structure-failed", error=f"{type(e).__name__}: {e}",
                                                       data={"trace": traceback.format_exc(limit=3)}))
            if report is not None:
                # What the parser and the table reader met (GK020), then the rules.
                found.extend(_settle(report.notes + report.table_notes + _run_checks(report), report))
    result.report = report
    result.info = {
        "template": report.layout.template if report and report.layout else None,
        "expected_template": report.expected.template if report and report.expected else None,
        "year": report.year if report else None, "agency": report.agency if report else None,
        "title": report.title if report else None, "encoding": report.encoding if report else None,
        **(report.stats if report else {}),
    }
    result.findings = sorted(locate(found, path, report, src), key=Finding.sort_key)
    return result


def _run_checks(report: Report) -> list[Finding]:
    out: list[Finding] = []
    is_report = report.looks_like_report()
    for checker in checkers():
        if checker.needs_report and not is_report:
            continue
        try:
            out.extend(checker.check(report))
        except Exception as e:
            out.append(internal_error(family_of(checker), e))
    return out


def family_of(checker) -> str:
    """The rule family a checker belongs to: `structure` for checks/structure/section_missing.py."""
    module = type(checker).__module__
    prefix = __package__ + ".checks."
    return module[len(prefix):].split(".")[0] if module.startswith(prefix) else module.rsplit(".", 1)[-1]


def file_failed(path: str, e: BaseException) -> FileResult:
    """GK010 for a file whose reading or checking raised, or whose worker process died: the
    other files are still checked and reported."""
    trace = traceback.format_exc(limit=5) if e.__traceback__ is not None else ""
    f = get_rule("GK010").finding("file-failed", error=f"{type(e).__name__}: {e}", data={"trace": trace})
    return FileResult(path, None, [decorate(f, path=path)], {})


def internal_error(family: str, e: Exception) -> Finding:
    """GK010 for a rule family that raised: the run goes on with the others."""
    return get_rule("GK010").finding("family-failed", family=family, error=f"{type(e).__name__}: {e}",
                                     data={"family": family, "trace": traceback.format_exc(limit=3)})


def _settle(found: list[Finding], report: Report) -> list[Finding]:
    """Per-version rule settings of the report's pack (`rules:` … `applies:`): a rule switched off
    for the report's year is dropped, and its default severity replaced where the pack says."""
    pack = report.expected
    if pack is None or not pack.settings:
        return found
    out = []
    for f in found:
        default = get_rule(f.code).severity
        severity = pack.rule_severity(f.code, default, report.year)
        if severity == "off":
            continue
        out.append(decorate(f, severity=severity) if f.severity == default and severity != default else f)
    return out


def locate(found, path: str, report: Report | None, src) -> list[Finding]:
    """The findings of one file with their path, report section and place in the original document.
    The section is recorded here once, so fingerprints and grouping agree with or without the model."""
    out = []
    memo: dict = {}  # names of the report's tables, rows and cells, made once for all its findings
    for f in found:
        data = {}
        if report is not None and "section" not in f.data:
            section = section_at(report, f.line)
            if section:
                data["section"] = section
        origin = _origin(src, f.line)
        if origin:
            data["origin"] = origin
        named = names({**f.data, **data}, report, memo)
        if named:
            data["names"] = named
        out.append(decorate(f, path=path, data=data))
    return out
