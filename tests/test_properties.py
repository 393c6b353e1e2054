"""Property tests: gklint on generated well-formed reports, on one-cell mutations, and on junk.

The generator (tests/strategies.py) builds reports that satisfy every 勾稽关系 of their pack and
renders them in the four serialisations of real reports. So a clean report must stay clean, one
wrong number must give exactly one arithmetic finding at the right relation, and no input at all
may crash the linter.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package

from strategies import (  # noqa: E402
    LAYOUTS, T3_CARRIED_IN, T3_CARRIED_OUT, T3_NEW, T3_TOTAL, GeneratedReport, mutations, render, reports, suffix,
)

from gklint.engine import Options, check_file  # noqa: E402
from gklint.pack import builtin_packs  # noqa: E402

PACKS = builtin_packs()
TEMPLATES = sorted(PACKS)
# The generated data is large (about 200 draws per report); keep hypothesis from calling it slow.
COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_names = itertools.count()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties")


def _check(workdir: Path, content: str | bytes, ext: str):
    # A fresh name per call: a failing example's file is left behind to inspect.
    path = workdir / f"case{next(_names)}{ext}"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return check_file(str(path), Options(), PACKS)


def _check_layout(workdir: Path, report: GeneratedReport, layout: str):
    return _check(workdir, render(report, layout), suffix(layout))


def _show(findings) -> str:
    return "\n".join(f"  {f.severity} {f.code} {f.line}:{f.col} {f.message}" for f in findings) or "  (none)"


def _values_read(result) -> dict:
    return {(t.key, r.key, c.col): int(c.value) for t in result.report.tables.values()
            for r in t.rows.values() for c in r.cells.values() if c.value is not None and c.certain}


# -- 1. well-formed reports are clean -----------------------------------------------------------

@pytest.mark.parametrize("template", TEMPLATES)
@settings(max_examples=25, **COMMON)
@given(data=st.data())
def test_well_formed_report_has_no_error_or_warning(workdir, template, data):
    report = data.draw(reports(template))
    for layout in LAYOUTS:
        res = _check_layout(workdir, report, layout)
        bad = [f for f in res.findings if f.severity in ("error", "warning")]
        assert not bad, f"{template} report, layout {layout}: unexpected findings\n{_show(res.findings)}"
        # Clean only counts if the tables were actually read: every generated number, no other.
        assert _values_read(res) == report.values, f"layout {layout}: tables read differently"
        if not report.variant_used:
            assert not res.findings, f"layout {layout}: canonical report has findings\n{_show(res.findings)}"


# -- 2. one wrong number gives exactly one arithmetic finding -----------------------------------

def _expected_code(cell) -> str:
    table, row, _ = cell
    if table == "t4":
        return "GK304"
    # The most specific relation holding the cell wins: A1 (4 operands) for the rows it names,
    # else the row total A2 (7 operands) rather than the outcome total A3 (20+ operands).
    return "GK301" if row in (T3_NEW, T3_CARRIED_IN, T3_TOTAL, T3_CARRIED_OUT) else "GK302"


@pytest.mark.parametrize("template", TEMPLATES)
@settings(max_examples=60, **COMMON)
@given(data=st.data())
def test_one_changed_cell_gives_one_arithmetic_finding(workdir, template, data):
    report = data.draw(reports(template))
    mutated, cell, delta = data.draw(mutations(report))
    layout = data.draw(st.sampled_from(LAYOUTS))
    res = _check_layout(workdir, mutated, layout)
    arithmetic = [f for f in res.findings if f.code.startswith("GK3")]
    where = f"{template} report, layout {layout}, {cell} changed by {delta:+d}\n{_show(res.findings)}"
    assert len(arithmetic) == 1, where
    (finding,) = arithmetic
    assert finding.code == _expected_code(cell), where
    if cell[0] == "t3":
        # In 四 every cell of a group explains the failure equally well, so only 三 names a suspect.
        assert finding.data.get("suspect", {}).get("cell") == f"t3[{cell[1]}][{cell[2]}]", where
    others = [f for f in res.findings if f.severity == "error" and f is not finding]
    assert not others, where


# -- 5. the serialisation does not change the verdict -------------------------------------------

@settings(max_examples=30, **COMMON)
@given(data=st.data())
def test_layouts_agree_on_mutated_report(workdir, data):
    report = data.draw(reports())
    mutated, cell, delta = data.draw(mutations(report))
    verdicts = {}
    for layout in LAYOUTS:
        res = _check_layout(workdir, mutated, layout)
        verdicts[layout] = (Counter((f.code, f.severity) for f in res.findings), res.findings)
    first = verdicts[LAYOUTS[0]][0]
    assert all(v == first for v, _ in verdicts.values()), f"{cell} changed by {delta:+d}\n" + "\n".join(
        f"{layout}:\n{_show(fs)}" for layout, (_, fs) in verdicts.items())


# -- 3, 4. no input crashes the linter ------------------------------------------------------------

def _no_crash(res):
    internal = [f for f in res.findings if f.code == "GK010"]
    assert not internal, _show(internal) + "\n" + "\n".join(str(f.data.get("trace", "")) for f in internal)


def _vocabulary() -> list[str]:
    """Words the lexer and table reader react to: headings, labels, numbers, separators."""
    words = {"\n", "\n\n", "\t", "|", "|---|", "# ", "## ", "一、", "二、", "（一）", "1.", "。", "0", "7", "12",
             "-3", "2.5", "25227 元", "/", "—", "无", "2023年", "1月1日", "统计时限为", "[bookmark: _GoBack]", "\u3000"}
    for pack in PACKS.values():
        words |= {s.title for s in pack.sections} | {v for s in pack.sections for v in s.variants}
        for t in pack.tables.values():
            words |= t.labels()
    return sorted(words)


# Report-like soup finds parser paths that uniform random text almost never reaches.
report_soup = st.lists(st.one_of(st.sampled_from(_vocabulary()), st.text(max_size=4)), max_size=60).map("".join)


@pytest.mark.parametrize("ext", [".txt", ".md"])
@settings(max_examples=150, **COMMON)
@given(text=st.one_of(st.text(), report_soup))
def test_arbitrary_text_does_not_crash(workdir, ext, text):
    _no_crash(_check(workdir, text, ext))


@settings(max_examples=150, **COMMON)
@given(blob=st.binary())
def test_arbitrary_bytes_do_not_crash(workdir, blob):
    _no_crash(_check(workdir, blob, ".txt"))


@settings(max_examples=60, **COMMON)
@given(data=st.data())
def test_damaged_report_does_not_crash(workdir, data):
    """A real-looking report with lines dropped, duplicated or cut short, as scrapes do."""
    report = data.draw(reports())
    layout = data.draw(st.sampled_from(LAYOUTS))
    lines = render(report, layout).split("\n")
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(("drop", "repeat", "cut", "join")))
        if op == "drop":
            del lines[i]
        elif op == "repeat":
            lines.insert(i, lines[i])
        elif op == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        elif i + 1 < len(lines):
            lines[i:i + 2] = [lines[i] + lines[i + 1]]
        if not lines:
            break
    _no_crash(_check(workdir, "\n".join(lines), suffix(layout)))
