"""Rule test cases as data (sqlfluff's std_rule_cases): tests/rule_cases/GKnnn.yml, one file per
rule code, each with cases that must pass (no finding of that code) and cases that must fail.

A case starts from a base document and edits it:

    base:     clean-2021 | clean-2019   tests/rule_cases/base/ (generated well-formed reports)
              seed:001 | corpus:r004.txt | wild:pt-2021-gaj.txt | pdf:szfgs2024.pdf   (../shared, read only)
              build:<name>              bytes from tests/rule_case_builders.py (Word, PDF, binary …)
    text:     the document itself, instead of a base
    name:     the file name to check it under (suffix decides the reader; default from the base)
    edit:     [{replace: [old, new]}, {replace_all: [old, new]}, {delete: text}, {append: text},
               {prepend: text}] applied in order; `old` must occur
    args:     extra command-line arguments (["--template", "2019"])
    config:   gklint.toml text, used with --config
    previous: {base, edit, name}: last year's report, given with --previous
    pack:     {file: gov-2021.yaml, edit: [...]}: a copy of the built-in packs with one edited, via --pack
    crash:    GKnnn: that rule's check raises, as a bug would (for GK010, the contained crash)
    missing:  true: the document is not written, so its path does not exist (GK001)
    expect:   pass | fail
    messages: [text, …]   each must occur in the message of some finding of the code (fail)
    severity: the severity of the code's findings (fail)
    count:    how many findings of the code (fail)

The meta-test checks that every registered code has at least one passing and one failing case.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import CORPUS, SEEDS, SHARED, copy_packs
from gklint.checks import all_rules, get as get_rule
from gklint.cli import main
from gklint.pack import builtin_packs

CASES_DIR = Path(__file__).parent / "rule_cases"
BASE_DIR = CASES_DIR / "base"


def _load_cases():
    out = []
    for path in sorted(CASES_DIR.glob("GK*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        code = data["rule"]
        assert path.stem == code, f"{path.name} holds rule {code}"
        for name, case in data["cases"].items():
            out.append(pytest.param(code, name, case, id=f"{code}-{name}"))
    return out


CASES = _load_cases()


def _base(spec: str) -> tuple[bytes, str]:
    kind, _, ref = spec.partition(":")
    if kind in ("clean-2021", "clean-2019"):
        return (BASE_DIR / f"{kind}.txt").read_bytes(), "report.txt"
    if kind == "seed":
        (path,) = SEEDS.glob(f"{ref}_*.txt")
        return path.read_bytes(), path.name
    if kind in ("corpus", "wild", "pdf"):
        path = {"corpus": CORPUS, "wild": CORPUS / "wild", "pdf": CORPUS / "pdf"}[kind] / ref
        return path.read_bytes(), path.name
    if kind == "build":
        import rule_case_builders

        return getattr(rule_case_builders, ref)()
    raise ValueError(f"unknown base {spec!r}")


def _edit(data: bytes, edits) -> bytes:
    if not edits:
        return data
    text = data.decode("utf-8")
    for e in edits:
        (op, arg), = e.items()
        if op in ("replace", "replace_all", "delete"):
            old, new = (arg, "") if op == "delete" else arg
            assert old in text, f"edit target not in the document: {old!r}"
            text = text.replace(old, new, -1 if op == "replace_all" else 1)
        elif op == "append":
            text += arg
        elif op == "prepend":
            text = arg + text
        else:
            raise ValueError(f"unknown edit {op!r}")
    return text.encode("utf-8")


def _document(case: dict, directory: Path, default_name: str = "report.txt") -> Path:
    if "text" in case:
        data, name = case["text"].encode("utf-8"), default_name
    else:
        data, name = _base(case["base"])
    path = directory / case.get("name", name)
    path.write_bytes(_edit(data, case.get("edit")))
    return path


def run_case(case: dict, tmp_path: Path, capsys, monkeypatch=None) -> list[dict]:
    """Findings (JSON) of the case's document."""
    if "crash" in case:
        def boom(self, report):
            raise RuntimeError(f"{self.code} crashed (rule case)")

        monkeypatch.setattr(type(get_rule(case["crash"])), "check", boom)
    work = tmp_path / "this"
    work.mkdir()
    path = _document(case, work)
    if case.get("missing"):
        path.unlink()
    argv = ["check", "--no-cache", "--format", "json", "-q", *case.get("args", [])]
    if "config" in case:
        cfg = tmp_path / "gklint.toml"
        cfg.write_text(case["config"], encoding="utf-8")
        argv += ["--config", str(cfg)]
    else:
        argv.append("--isolated")
    if "previous" in case:
        last = tmp_path / "last"
        last.mkdir()
        argv += ["--previous", str(_document(case["previous"], last, "previous.txt"))]
    if "pack" in case:
        packs = tmp_path / "packs"
        packs.mkdir()
        copy_packs(packs)
        target = packs / case["pack"]["file"]
        target.write_bytes(_edit(target.read_bytes(), case["pack"].get("edit")))
        argv += ["--pack", str(target)]
    capsys.readouterr()
    status = main(argv + [str(path)])
    out = capsys.readouterr().out
    # A deliberate crash is an internal error: exit 2 (issue 10), whatever else was found.
    assert status in ((2,) if "crash" in case else (0, 1)), f"exit status {status}: {out[-500:]}"
    findings = [f for file in json.loads(out)["files"] for f in file["findings"]]
    return findings


@pytest.mark.parametrize("code, name, case", CASES)
def test_rule_case(code, name, case, tmp_path, capsys, monkeypatch):
    findings = run_case(case, tmp_path, capsys, monkeypatch)
    mine = [f for f in findings if f["code"] == code]
    if case["expect"] == "pass":
        assert not mine, f"{code} should not be raised: {[f['message'] for f in mine]}"
        return
    assert case["expect"] == "fail", f"expect must be pass or fail, not {case['expect']!r}"
    assert mine, f"{code} should be raised; got {[(f['code'], f['message'][:60]) for f in findings]}"
    for text in case.get("messages", []):
        assert any(text in f["message"] for f in mine), f"no {code} message contains {text!r}: {[f['message'] for f in mine]}"
    if "severity" in case:
        assert {f["severity"] for f in mine} == {case["severity"]}
    if "count" in case:
        assert len(mine) == case["count"], f"{len(mine)} findings of {code}, expected {case['count']}"


def test_every_rule_has_a_passing_and_a_failing_case():
    kinds: dict[str, set] = {}
    for p in CASES:
        code, _, case = p.values
        kinds.setdefault(code, set()).add(case["expect"])
    missing = [r.code for r in all_rules(builtin_packs()) if kinds.get(r.code) != {"pass", "fail"}]
    assert not missing, f"rules without both a passing and a failing case in tests/rule_cases: {missing}"


def test_bases_are_clean():
    """The generated bases have no finding at all: every failing case's finding comes from its edit."""
    for name in ("clean-2021", "clean-2019"):
        from conftest import lint
        res = lint(BASE_DIR / f"{name}.txt")
        assert res.findings == [], [(f.code, f.message) for f in res.findings]


def test_shared_material_is_there():
    assert SHARED.is_dir(), "../shared must sit beside the repository"
