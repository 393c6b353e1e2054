"""Relation codes declared by packs are rules: registered when the pack is loaded, explained by
`gklint rule --pack`, selectable, and never allowed to take the code of a built-in rule."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, copy_packs
from gklint.checks import all_rules
from gklint.cli import main
from gklint.pack import PackError, builtin_packs, load_pack

GK305 = """
relations:
  - id: L1
    code: {code}
    table: t4
    assert: t4[ALL][F10] + t4[ALL][F15] = 0
    about: 本单位不参与行政诉讼，行政诉讼的总计应为 0
relation_rules:
  {code}:
    name: no-litigation
    severity: warning
    zh: {{summary: 表四：行政诉讼的总计不为 0, why: 本地规则包：本单位不参与行政诉讼。, fix: 核对表四行政诉讼各栏。}}
    en: {{summary: "Table 4: the litigation totals are not 0", why: A local rule pack., fix: Check Table 4.}}
"""
BASE = ROOT / "tests" / "rule_cases" / "base" / "clean-2021.txt"


def local_pack(tmp_path, code="GK305"):
    """The built-in packs copied into tmp_path/packs, gov-2021.yaml with one relation coded `code`."""
    packs = tmp_path / "packs"
    packs.mkdir()
    target = copy_packs(packs) / "gov-2021.yaml"
    target.write_text(target.read_text(encoding="utf-8") + GK305.format(code=code), encoding="utf-8")
    return target


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_rule_command_explains_a_pack_code(tmp_path, capsys):
    pack = local_pack(tmp_path)
    code, out, _ = run(capsys, "rule", "--pack", pack, "GK305")
    assert code == 0 and out.startswith("GK305 no-litigation（警告）") and "依据：本地规则包" in out
    code, out, _ = run(capsys, "rule", "--pack", pack, "--all", "--lang", "en")
    assert code == 0 and "GK305  warning  Table 4: the litigation totals are not 0" in out.splitlines()
    assert len(out.splitlines()) == len(all_rules(builtin_packs())) + 1
    # Without the pack there is no such rule, whatever this process loaded before.
    code, _, err = run(capsys, "rule", "GK305")
    assert code == 2 and "没有规则 GK305" in err


def test_all_rules_of_some_packs(tmp_path):
    pack = load_pack(local_pack(tmp_path))
    assert "GK305" in [r.code for r in all_rules()]  # every pack loaded in this process
    assert "GK305" in [r.code for r in all_rules([builtin_packs()["2019"], pack])]
    assert "GK305" not in [r.code for r in all_rules(builtin_packs())]
    assert {"GK301", "GK302", "GK303", "GK304", "GK309"} <= {r.code for r in all_rules(builtin_packs())}


def test_check_finds_a_pack_code_also_in_worker_processes(tmp_path, capsys):
    pack = local_pack(tmp_path)
    # One suit after reconsideration (the last group of table 四, just before section 五).
    text = BASE.read_text(encoding="utf-8").replace("\t0\n\t0\n\t0\n\t0\n\t0\n\n五、", "\t1\n\t0\n\t0\n\t0\n\t1\n\n五、")
    reports = tmp_path / "reports"
    reports.mkdir()
    for i in range(8):  # runner.MIN_PARALLEL: checked by two worker processes
        (reports / f"r{i}.txt").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "check", "--no-cache", "--isolated", "-j", "2", "--pack", pack, "--select", "GK305",
                         "--format", "sarif", reports)
    assert code == 0 and not err and out.count('"ruleId": "GK305"') == 8


@pytest.mark.parametrize("how", ["--pack", "config", "rule"])
def test_relation_code_of_a_built_in_rule_is_a_pack_error(tmp_path, capsys, how):
    pack = local_pack(tmp_path, code="GK309")
    with pytest.raises(PackError, match="GK309"):
        load_pack(pack)
    report = tmp_path / "r.txt"
    report.write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
    if how == "--pack":
        code, out, err = run(capsys, "check", "--no-cache", "--isolated", "--pack", pack, report)
    elif how == "config":
        (tmp_path / "gklint.toml").write_text(f'packs = ["{pack.relative_to(tmp_path)}"]\n', encoding="utf-8")
        code, out, err = run(capsys, "check", "--no-cache", "--config", tmp_path / "gklint.toml", report)
    else:
        code, out, err = run(capsys, "rule", "--pack", pack, "--all")
    assert code == 2 and out == ""
    assert "relation_rules.GK309: GK309 是 gklint 内置规则的代码，勾稽关系不能使用" in err and "Traceback" not in err


def test_generated_docs_of_some_packs(tmp_path):
    from gklint.ruledoc import rules_markdown

    pack = load_pack(local_pack(tmp_path))
    docs = rules_markdown("en", [builtin_packs()["2019"], pack])
    assert "| [GK305](#gk305) | no-litigation | warning | Table 4: the litigation totals are not 0 |" in docs
    assert "### GK305" not in rules_markdown("en")  # docs/rules.en.md: the built-in packs only


def _pack_of_version(tmp_path, version: str):
    """The built-in 2021 pack under another template version: a pack the command line has no list of."""
    packs = tmp_path / "packs"
    packs.mkdir(exist_ok=True)
    target = copy_packs(packs) / "gov-2021.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace('template: "2021"', f'template: "{version}"'),
                      encoding="utf-8")
    return target


def _template_used(capsys, *argv):
    """The template version the report was checked against (its tables may follow another)."""
    code, out, err = run(capsys, "check", "--no-cache", "--format", "json", *argv)
    assert code in (0, 1), err
    return json.loads(out)["files"][0]["expected_template"]


def test_template_names_the_version_of_any_loaded_pack(tmp_path, capsys):
    pack = _pack_of_version(tmp_path, "2030")
    assert _template_used(capsys, "--isolated", BASE) == "2021"
    assert _template_used(capsys, "--isolated", "--pack", pack, "--template", "2030", BASE) == "2030"
    assert _template_used(capsys, "--isolated", "--pack", pack, "--template", "2019", BASE) == "2019"
    code, _, err = run(capsys, "check", "--no-cache", "--isolated", "--template", "2030", BASE)
    assert code == 2 and err == "gklint: 没有模板版本 2030 的规则包\n"


def test_config_template_names_the_version_of_its_own_or_the_command_lines_pack(tmp_path, capsys, monkeypatch):
    pack = _pack_of_version(tmp_path, "2030")
    report = tmp_path / "a.txt"
    report.write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
    config = tmp_path / "gklint.toml"
    monkeypatch.chdir(tmp_path)
    config.write_text('template = "2030"\npacks = ["packs/gov-2021.yaml"]\n', encoding="utf-8")
    assert _template_used(capsys, report) == "2030"
    config.write_text('template = "2030"\n', encoding="utf-8")
    assert _template_used(capsys, "--pack", pack, report) == "2030"
    code, _, err = run(capsys, "check", "--no-cache", report)
    assert code == 2 and err.startswith(f"gklint: 配置错误: {config}:1: template: 应为 auto、2019 或 2021，实际为 \"2030\"")
