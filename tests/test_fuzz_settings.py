"""Fuzzing what a repository or a user hands gklint besides the reports: configuration files,
rule packs, baselines, cache entries and command-line options (the documents themselves are
fuzzed in their own suite).

Properties, for every case: the exit status is 0, 1 or 2 (2 for unusable settings); no exception
escapes main() (no traceback); each case ends within a liveness guard; no input file changes; and
a cache entry not written by this user never changes the findings.

CI runs a few examples of each (derandomized); GKLINT_FUZZ_EXAMPLES=N runs N of each:

    GKLINT_FUZZ_EXAMPLES=1000 python -m pytest -q tests/test_fuzz_settings.py
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import seed
from gklint import catalog
from gklint.checks import REGISTRY, load_rules
from gklint.cli import main
from gklint.pack import builtin_packs
from gklint.resources import resource_dir

EXAMPLES = int(os.environ.get("GKLINT_FUZZ_EXAMPLES", "12"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
                suppress_health_check=list(HealthCheck))
GUARD_S = 30  # a liveness check, not a speed target (benchmarks/ has those)
FAILING = seed("001")
CASES = {"n": 0}
if "GKLINT_FUZZ_EXAMPLES" in os.environ:  # a long run says how many cases it tried
    import atexit

    atexit.register(lambda: print(f"\ngklint fuzz: {CASES['n']} runs of main()", file=sys.__stderr__))


def _digest(paths) -> dict:
    out = {}
    for p in paths:
        for f in ([p] if p.is_file() else sorted(x for x in p.rglob("*") if x.is_file())):
            out[str(f)] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def gklint(*argv, inputs=(), allowed=(0, 1, 2)) -> tuple[int, str, str]:
    """main() in this process: exit status, stdout, stderr; the properties checked."""
    inputs = [Path(p) for p in inputs]
    before = _digest(inputs)
    load_rules()
    builtin_packs()  # registered before the snapshot, which is restored after the case
    registry, inline = dict(REGISTRY), dict(catalog._INLINE)  # packs register their relation codes
    out, err = io.StringIO(), io.StringIO()
    t = time.monotonic()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in argv])
    finally:
        REGISTRY.clear()
        REGISTRY.update(registry)
        catalog._INLINE.clear()
        catalog._INLINE.update(inline)
        catalog.catalog.cache_clear()
    CASES["n"] += 1
    assert time.monotonic() - t < GUARD_S, argv
    assert code in allowed, (code, argv, err.getvalue()[-2000:])
    assert "Traceback" not in err.getvalue()
    assert _digest(inputs) == before, "an input changed"
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def workdir():
    d = Path(tempfile.mkdtemp(prefix="gklint-fuzz-"))
    try:
        report = d / "r.txt"
        shutil.copy(FAILING, report)
        yield d, report
    finally:
        shutil.rmtree(d, ignore_errors=True)


# --- building blocks -----------------------------------------------------------------------------

HOSTILE_NUMBERS = st.sampled_from([0, -1, 1, 2, 20, 10 ** 30, -(10 ** 30), 0.001, 1e300, -0.0])
HOSTILE_FLOATS = st.sampled_from(["inf", "-inf", "nan", "1e300", "-1", "0", "0.0001", "3", "1e-300"])
CODES = st.sampled_from(["GK302", "GK3", "GK", "GK3O2", "GK999", "E501", "", " ", "gk1", "GK0000", "GK00", "GK8",
                         "GK30", "GK1,GK2", "GK302,", ",", "GK\u0661"])
GLOB_CHARS = st.sampled_from(list("*?[]!-/\\.az") + ["**", "**/", "[z-a]", "[!", "\x00", "\u202e"])
GLOBS = st.lists(GLOB_CHARS, max_size=40).map("".join) | st.sampled_from(["*a" * 60 + "b", "[" * 50, "**/" * 80])
DAYS = st.sampled_from(["02-29", "01-31", "03-31", "13-01", "00-00", "02-30", "12-31", "1-1", "", "99-99"])


def toml_value(depth: int = 0):
    leaf = st.one_of(st.booleans(), HOSTILE_NUMBERS, st.text(max_size=12), CODES, GLOBS, DAYS)
    if depth > 2:
        return leaf
    return st.one_of(leaf, st.lists(toml_value(depth + 1), max_size=4),
                     st.dictionaries(st.text(max_size=8) | CODES | GLOBS, toml_value(depth + 1), max_size=4))


def toml_literal(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v) if abs(v) < 1e400 else "inf"
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_literal(x) for x in v) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_literal(x)}" for k, x in v.items()) + "}"


KEYS = st.sampled_from(["select", "ignore", "extend-select", "per-file-ignores", "severity", "fail-on",
                        "fail-on-unchecked", "template", "issuer", "deadlines", "packs", "max-size", "jobs",
                        "cache-dir", "suppress", "selct"])
RAW_TOML = st.sampled_from(["x = " + "[" * 3000 + "]" * 3000, "a" + ".a" * 3000 + " = 1", "max-size = inf",
                            "max-size = nan", "jobs = -1", 'deadlines = {department = "02-29"}',
                            '[per-file-ignores]\n"[z-a]" = ["GK3"]', 'packs = ["/dev/zero"]', "= =", "\x00",
                            'cache-dir = "/dev/null"', '[[suppress]]\ncode = "GK302"\nfile = "*"\nreason = "r"'])


@st.composite
def configs(draw) -> str:
    if draw(st.integers(0, 4)) == 0:
        return draw(RAW_TOML)
    lines = [f"{json.dumps(k)} = {toml_literal(draw(toml_value()))}" for k in draw(st.lists(KEYS, max_size=5,
                                                                                         unique=True))]
    return "\n".join(lines) + "\n"


@FUZZ
@given(text=configs(), pyproject=st.booleans())
def test_fuzz_config_files(text, pyproject):
    with workdir() as (d, report):
        name = "pyproject.toml" if pyproject else "gklint.toml"
        body = "[tool.gklint]\n" + text if pyproject else text
        (d / name).write_text(body, encoding="utf-8", errors="surrogatepass")
        gklint("check", "--no-cache", report, inputs=[d])  # found by discovery
        gklint("check", "--no-cache", "--config", d / name, report, inputs=[d])


# --- packs ---------------------------------------------------------------------------------------

PACK_EDITS = st.sampled_from([
    ("delete", None), ("duplicate", None), ("value", "&a [*a]"), ("value", "*undefined"), ("value", "1e999"),
    ("value", "[" * 200 + "]" * 200), ("value", '"02-29"'), ("value", "-1"), ("value", "null"), ("value", "{}"),
    ("value", "[]"), ("value", '"t3[R99][C99]"'), ("value", '"/dev/zero"'), ("value", '"../../etc/passwd"'),
    ("value", '"a = b + "'), ("value", '"t3[R01][C1] == t3[R01][C1] + 1"'), ("value", "!!python/object:os.system"),
    ("value", '"GK302"'), ("value", '"GK010"'), ("value", "2021"), ("value", '"2021"'), ("indent", None),
])


@st.composite
def packs(draw) -> tuple[str, str]:
    """A built-in pack file (or its common parent) with a few lines broken."""
    name = draw(st.sampled_from(["gov-2021.yaml", "common.yaml", "gov-2019.yaml"]))
    lines = (Path(resource_dir("rules")) / name).read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        kind, value = draw(PACK_EDITS)
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "indent":
            lines[i] = "  " + lines[i]
        elif ":" in lines[i]:
            lines[i] = lines[i].split(":", 1)[0] + ": " + value
        if not lines:
            lines = ["x"]
    return name, "\n".join(lines) + "\n"


@FUZZ
@given(pack=packs())
def test_fuzz_packs(pack):
    name, text = pack
    with workdir() as (d, report):
        for f in Path(resource_dir("rules")).glob("*.yaml"):
            shutil.copy(f, d / f.name)
        (d / name).write_text(text, encoding="utf-8")
        target = d / ("gov-2021.yaml" if name == "common.yaml" else name)
        gklint("check", "--no-cache", "--isolated", "--pack", target, report, inputs=[d])


# --- baselines -----------------------------------------------------------------------------------

JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=10),
                       lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=10), kids,
                                                                                  max_size=4), max_leaves=20)
ENTRY = st.fixed_dictionaries({}, optional={"path": st.just("r.txt") | JSONISH, "fingerprint": st.text(max_size=20)
                                            | JSONISH, "code": CODES | JSONISH, "message": st.text(max_size=10)
                                            | JSONISH})


@FUZZ
@given(findings=st.lists(ENTRY | JSONISH, max_size=6), version=st.sampled_from([1, 1, 1, 2, "1", None]),
       raw=st.sampled_from([None, "", "{", "[" * 100000, '{"gklint_baseline": 1}', "\ud800"]),
       select=st.sampled_from([None, "GK3", "GK1"]))
def test_fuzz_baselines(findings, version, raw, select):
    with workdir() as (d, report):
        b = d / "baseline.json"
        text = raw if raw is not None else json.dumps({"gklint_baseline": version, "findings": findings})
        b.write_text(text, encoding="utf-8", errors="surrogatepass")
        argv = ["check", "--no-cache", "--baseline", b, report] + (["--select", select] if select else [])
        gklint(*argv, inputs=[d])


# --- cache entries -------------------------------------------------------------------------------

REFERENCE: dict = {}


def _reference() -> str:
    if "out" not in REFERENCE:
        with workdir() as (_, report):
            REFERENCE["out"] = gklint("check", "--no-cache", report)[1].replace(str(report), "R")
    return REFERENCE["out"]


@st.composite
def cache_entries(draw):
    """What could be in an entry's file: garbage, an old format, or a real entry changed, signed
    with this user's key (validation must catch it) or not (authentication must)."""
    kind = draw(st.sampled_from(["json", "old", "forged", "signed"]))
    if kind == "json":
        return kind, json.dumps(draw(JSONISH)), False
    change = draw(st.sampled_from([
        ("info", "x"), ("info", {"relations": "x"}), ("info", {"year": "2023"}), ("info", []), ("findings", {}),
        ("findings", []), ("findings", [None]), ("findings", [{"code": "GK302"}]), ("format", 4), ("version", 1),
        ("f.severity", "fatal"), ("f.code", "GK999"), ("f.code", None), ("f.data", []), ("f.msg", "core:nope"),
        ("f.line", -5), ("f.line", 10 ** 40), ("f.args", {}), ("f.args", []), ("f.col", True),
        ("f.msg", "GK302:nope"), ("f.extra", 1), ("f.line", 2.5), ("info", {"config": True}),
    ]))
    return kind, change, draw(st.booleans())


@FUZZ
@given(entry=cache_entries())
def test_fuzz_cache_entries(entry):
    from gklint.cache import Cache

    kind, change, plain = entry
    expected = _reference()
    with workdir() as (d, report):
        cache = d / "cache"
        gklint("check", "--cache-dir", cache, report, inputs=[report])
        (path,) = cache.glob("*/*.json")
        outer = json.loads(path.read_text())
        if kind == "json":
            path.write_text(change)
        else:
            body = json.loads(outer["entry"])
            key, value = change
            if key.startswith("f."):
                if body["findings"]:
                    body["findings"][0][key[2:]] = value
            else:
                body[key] = value
            text = json.dumps(body)
            if kind == "old" or plain:
                path.write_text(json.dumps(body))
            elif kind == "forged":
                path.write_text(json.dumps({"mac": hashlib.sha256(text.encode()).hexdigest(), "entry": text}))
            else:
                path.write_text(json.dumps({"mac": Cache(cache, "")._mac(path.stem, text), "entry": text}))
        code, out, _ = gklint("check", "--cache-dir", cache, report, inputs=[report])
        if kind != "signed" or plain:  # not written by this user: exactly the findings of a fresh check
            assert code == 1 and out.replace(str(report), "R") == expected


# --- command-line options ------------------------------------------------------------------------

@FUZZ
@given(select=CODES, ignore=CODES, size=HOSTILE_FLOATS, jobs=st.sampled_from(["-1", "0", "1", "2", "300", "x",
                                                                               "99999999999999999999"]),
       fail_on=st.sampled_from(["error", "never", "info"]), exit_zero=st.booleans())
def test_fuzz_options(select, ignore, size, jobs, fail_on, exit_zero):
    with workdir() as (d, report):
        argv = ["check", "--no-cache", "--isolated", "--select", select, "--ignore", ignore, "--max-size", size,
                "--jobs", jobs, "--fail-on", fail_on] + ["--exit-zero"] * exit_zero + [report]
        try:
            gklint(*argv, inputs=[d])
        except SystemExit as e:  # argparse rejects a value it cannot parse, with status 2
            assert e.code == 2
