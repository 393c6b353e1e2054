"""The command line: output formats, exit codes, file discovery, rule explanations, docs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS, copy_packs, edit_text, seed
from gklint.checks import all_rules
from gklint.cli import main
from gklint.ruledoc import rules_markdown


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_flake8_style(capsys):
    code, out, _ = run(capsys, "check", str(seed("001")))
    lines = out.splitlines()
    assert code == 1
    assert lines[2].startswith(f"{seed('001')}:112:2: GK302 ")
    assert lines[-1] == "检查 1 个文件，1 个有问题：共 7 项（错误 1，警告 3，提示 3）。"


def test_exit_codes_follow_fail_on(capsys):
    assert run(capsys, "check", str(seed("002")))[0] == 0  # a warning only
    assert run(capsys, "check", str(seed("002")), "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", str(seed("001")), "--fail-on", "never")[0] == 0
    assert run(capsys, "check", str(seed("000")), "--fail-on", "info")[0] == 1


def test_json_output(capsys):
    code, out, _ = run(capsys, "check", "--format", "json", str(seed("001")), str(seed("003")))
    data = json.loads(out)
    first, second = data["files"]
    assert (first["template"], first["year"], second["template"], second["year"]) == ("2021", 2021, "2019", 2020)
    (gk302,) = [f for f in first["findings"] if f["code"] == "GK302"]
    assert gk302["expected"] == 2 and gk302["actual"] == 0 and len(gk302["operands"]) == 7
    assert {"code", "severity", "line", "column", "message"} <= set(gk302)
    relations = data["summary"].pop("relations")
    assert data["summary"] == {"files": 2, "error": 1, "warning": 4, "info": 4}
    # Every relation of both tables was evaluated: 001's failure counts as checked.
    assert relations["checked"] > 0 and relations["not_checked"] == 0 and relations["reports_with_none_checked"] == 0
    assert first["relations"]["checked"] == 7 + 25 + 7 + 3


def test_directory_and_missing_file_in_one_run(capsys, tmp_path):
    for p in SEEDS.glob("*.txt"):
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")  # not a report suffix: skipped
    code, out, _ = run(capsys, "check", str(tmp_path), str(tmp_path / "missing.txt"))
    assert code == 1
    assert "检查 7 个文件" in out.splitlines()[-1]
    assert "empty.md:1:1: GK004" in out and "missing.txt:1:1: GK001" in out
    assert "notes.csv" not in out


def test_select_and_ignore(capsys):
    _, out, _ = run(capsys, "check", "--select", "GK3", str(seed("001")))
    assert [l.split()[1] for l in out.splitlines()[:-1]] == ["GK302"]
    _, out, _ = run(capsys, "check", "--ignore", "GK3,GK104,GK5", "-q", str(seed("001")))
    assert [l.split()[1] for l in out.splitlines()] == ["GK404", "GK105"]


def test_statistics_and_output_file(capsys, tmp_path):
    target = tmp_path / "out.txt"
    code, out, _ = run(capsys, "check", "--statistics", "-o", str(target), str(seed("001")))
    assert out == "" and code == 1
    assert "     1  GK302" in target.read_text(encoding="utf-8")


def test_template_override(capsys):
    # Forcing 2021 on the 2020 report flags its 2019 layout.
    _, out, _ = run(capsys, "check", "--template", "2021", str(seed("003")))
    assert " GK401 " in out


def test_custom_pack_and_broken_pack(capsys, tmp_path):
    pack = copy_packs(tmp_path) / "gov-2021.yaml"
    assert run(capsys, "check", "--pack", str(pack), str(seed("002")))[0] == 0
    edit_text(pack, "rows: [licensing]", "rows: [nope]")
    code, out, err = run(capsys, "check", "--pack", str(pack), str(seed("002")))
    assert code == 2 and out == ""
    assert f"{pack}:" in err and "tables.t2_5.rows.0" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["check"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["check", "--format", "xml", "x.txt"])
    assert e.value.code == 2
    assert run(capsys, "rule", "GK999")[0] == 2


def test_rule_explanations(capsys):
    code, out, _ = run(capsys, "rule", "gk302")
    assert code == 0 and out.startswith("GK302 表三行总计（错误）")
    assert "依据：" in out and "修改：" in out
    code, out, _ = run(capsys, "rule", "--all")
    assert len(out.splitlines()) == len(all_rules())


def test_every_rule_documented():
    for r in all_rules():
        assert r.code.startswith("GK") and len(r.code) == 5
        assert r.severity in ("error", "warning", "info")
        doc = r.doc("zh")
        assert doc["summary"] and doc["why"] and doc["fix"], r.code


def test_docs_rules_md_is_generated_from_the_rules():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), "docs/rules.md is stale: run python -m gklint.ruledoc > docs/rules.md"


def test_console_script_and_module_run():
    out = subprocess.run([sys.executable, "-m", "gklint", "check", "-q", str(seed("002"))],
                         capture_output=True, text=True, encoding="utf-8")
    assert out.returncode == 0 and " GK204 " in out.stdout and out.stderr == ""
