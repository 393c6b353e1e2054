"""Configuration files: discovery, every key, precedence with flags, errors, suppressions (GK090)."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT, seed
from gklint import runner
from gklint.cache import Cache
from gklint.cli import main
from gklint.config import ConfigError, Finder, glob_match, load
from gklint.engine import Options, check_file
from gklint.pack import builtin_packs

# Seed 001 (2021): GK404 warning (line 4), GK105 warning (19), GK302 error (112, cell t3[R03][C7]),
# GK104 info (409). Seed 002 (2023): GK204 warning. Seed 000: GK107 info. Rules in other families
# (GK5xx narrative, GK7xx dates …) are still being added, so assertions look at these families only.
STABLE = ("GK0", "GK1", "GK2", "GK3", "GK4")
ONLY_STABLE = 'select = ["GK0", "GK1", "GK2", "GK3", "GK4"]\n'


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def found(out: str) -> list[str]:
    """Codes of the text output's finding lines (in the stable families)."""
    codes = [line.split(": ", 1)[1].split()[0] for line in out.splitlines()[:-1] if ": GK" in line]
    return [c for c in codes if c.startswith(STABLE)]


@pytest.fixture
def proj(tmp_path, monkeypatch):
    """A project directory with copies of seeds 000–002, as the current directory."""
    (tmp_path / "reports").mkdir()
    shutil.copy(seed("001"), tmp_path / "reports" / "a.txt")
    shutil.copy(seed("002"), tmp_path / "b.txt")
    shutil.copy(seed("000"), tmp_path / "c.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def pyproject(dir_, body: str):
    return write(dir_ / "pyproject.toml", "[project]\nname = \"x\"\n\n[tool.gklint]\n" + body)


A = "reports/a.txt"


# --- discovery ----------------------------------------------------------------------------------

def test_nearest_config_wins(proj, capsys):
    pyproject(proj, 'select = ["GK1"]\n')
    write(proj / "reports" / "gklint.toml", 'select = ["GK3"]\n')
    assert found(run(capsys, "check", A)[1]) == ["GK302"]
    assert found(run(capsys, "check", "b.txt", "c.txt")[1]) == ["GK107"]
    # One run, two configs: each file follows its own.
    code, out, _ = run(capsys, "check", A, "c.txt")
    assert found(out) == ["GK302", "GK107"] and "检查 2 个文件" in out


def test_gklint_toml_beats_pyproject_in_the_same_directory(proj, capsys):
    pyproject(proj, 'select = ["GK1"]\n')
    write(proj / "gklint.toml", 'select = ["GK4"]\n')
    assert found(run(capsys, "check", A)[1]) == ["GK404"]


def test_pyproject_without_table_is_skipped(proj, capsys):
    write(proj / "reports" / "pyproject.toml", "[project]\nname = \"inner\"\n")
    pyproject(proj, 'select = ["GK105"]\n')
    assert found(run(capsys, "check", A)[1]) == ["GK105"]
    assert Finder().for_file(str(proj / A)).path == str(proj / "pyproject.toml")


def test_no_config_anywhere_is_the_defaults(proj, capsys):
    assert Finder().for_file(str(proj / A)) is None
    assert found(run(capsys, "check", A)[1]) == ["GK404", "GK105", "GK302", "GK104"]


def test_isolated_ignores_config_files(proj, capsys):
    pyproject(proj, 'select = ["GK1"]\nbogus = 1\n')  # not even read
    assert found(run(capsys, "check", A, "--isolated")[1]) == ["GK404", "GK105", "GK302", "GK104"]


def test_config_flag_forces_one_file(proj, capsys):
    pyproject(proj, 'select = ["GK1"]\n')
    write(proj / "ci" / "strict.toml", 'select = ["GK4"]\nper-file-ignores = {"../b.txt" = ["GK2"]}\n')
    code, out, _ = run(capsys, "check", A, "b.txt", "--config", "ci/strict.toml")
    assert found(out) == ["GK404"]
    assert run(capsys, "check", A, "--config", "missing.toml")[0] == 2
    write(proj / "other" / "pyproject.toml", "[project]\nname = \"y\"\n")
    code, _, err = run(capsys, "check", A, "--config", "other/pyproject.toml")
    assert code == 2 and "没有 [tool.gklint] 表" in err
    with pytest.raises(SystemExit):  # --config and --isolated exclude each other
        main(["check", A, "--config", "ci/strict.toml", "--isolated"])


# --- keys and precedence --------------------------------------------------------------------------

def test_select_ignore_extend_select(proj, capsys):
    pyproject(proj, 'select = ["GK1"]\nextend-select = ["GK302"]\nignore = ["GK104"]\n')
    assert found(run(capsys, "check", A)[1]) == ["GK105", "GK302"]
    # --select replaces select and extend-select; ignores add up.
    assert found(run(capsys, "check", A, "--select", "GK4,GK104")[1]) == ["GK404"]
    assert found(run(capsys, "check", A, "--ignore", "GK302")[1]) == ["GK105"]


def test_per_file_ignores_relative_to_config(proj, capsys):
    pyproject(proj, '[tool.gklint.per-file-ignores]\n"reports/*.txt" = ["GK4", "GK302"]\n"c.txt" = ["GK107"]\n')
    code, out, _ = run(capsys, "check", A, "b.txt", "c.txt")
    assert found(out) == ["GK105", "GK104", "GK204"]


def test_severity_overrides_default_before_fail_on(proj, capsys):
    pyproject(proj, ONLY_STABLE + '[tool.gklint.severity]\nGK302 = "warning"\nGK1 = "info"\n')
    code, out, _ = run(capsys, "check", A, "--format", "json")
    data = json.loads(out)
    sev = {f["code"]: f["severity"] for f in data["files"][0]["findings"]}
    assert sev == {"GK404": "warning", "GK105": "info", "GK302": "warning", "GK104": "info"}
    assert code == 0  # no error left: the default --fail-on error passes
    assert run(capsys, "check", A)[1].splitlines()[-1] == "检查 1 个文件，1 个有问题：共 4 项（警告 2，提示 2）。"


def test_fail_on_from_config_and_flag_overrides(proj, capsys):
    pyproject(proj, ONLY_STABLE + 'fail-on = "info"\n')
    assert run(capsys, "check", "c.txt")[0] == 1  # GK107 info only
    assert run(capsys, "check", "c.txt", "--fail-on", "error")[0] == 0
    pyproject(proj, 'fail-on = "never"\n')
    assert run(capsys, "check", A)[0] == 0


def test_template_from_config_and_flag_overrides(proj, capsys):
    pyproject(proj, 'template = "2019"\n')
    data = json.loads(run(capsys, "check", A, "--format", "json")[1])
    assert data["files"][0]["expected_template"] == "2019"
    data = json.loads(run(capsys, "check", A, "--format", "json", "--template", "auto")[1])
    assert data["files"][0]["expected_template"] == "2021"


def test_issuer_and_deadlines_reach_report_settings(proj, capsys, monkeypatch):
    cfg_path = pyproject(proj, 'issuer = "government"\ndeadlines = {department = "01-31", government = "03-31"}\n')
    cfg = load(cfg_path)
    settings = {"issuer": "government", "deadlines": {"department": "01-31", "government": "03-31"}}
    assert cfg.settings == settings
    result = check_file(str(proj / A), Options(settings=cfg.settings), builtin_packs())
    assert result.report.settings == settings
    seen = []
    real = runner.check_all
    monkeypatch.setattr(runner, "check_all", lambda paths, options, *a, **k: seen.append(options) or real(paths, options, *a, **k))
    run(capsys, "check", A)
    assert [o.settings for o in seen] == [settings]
    # Settings change checking, so they are part of the cache key; selection and suppressions are not.
    salts = {Cache.salt_for(builtin_packs(), Options(settings=s)) for s in ({}, settings, {"issuer": "department"})}
    assert len(salts) == 3


def test_packs_relative_to_config_replace_builtin(proj, capsys):
    packs = proj / "packs"
    packs.mkdir()
    for p in (ROOT / "rules").glob("*.yaml"):
        shutil.copy(p, packs / p.name)
    text = (packs / "gov-2021.yaml").read_text(encoding="utf-8")
    (packs / "gov-2021.yaml").write_text(text.replace("本年废止件数", "本年度止件数"), encoding="utf-8")
    assert found(run(capsys, "check", "b.txt")[1]) == ["GK204"]
    pyproject(proj, 'packs = ["packs/gov-2021.yaml"]\n')
    assert found(run(capsys, "check", "b.txt")[1]) == []


def test_max_size_jobs_cache_dir(proj, capsys, monkeypatch):
    monkeypatch.delenv("GKLINT_CACHE_DIR")
    pyproject(proj, 'max-size = 0.001\njobs = 1\ncache-dir = "build/cache"\n')
    assert found(run(capsys, "check", A, "--no-cache")[1]) == ["GK008"]
    assert not (proj / "build").exists()
    assert found(run(capsys, "check", A, "--max-size", "20")[1]) == ["GK404", "GK105", "GK302", "GK104"]
    assert list((proj / "build" / "cache").glob("*/*.json"))  # the findings cache, relative to the config
    jobs = []
    real = runner.check_all
    monkeypatch.setattr(runner, "check_all", lambda *a, **k: jobs.append(k["jobs"]) or real(*a, **k))
    run(capsys, "check", A)
    run(capsys, "check", A, "-j", "3")
    assert jobs == [1, 3]


def test_config_applies_after_the_cache(proj, capsys):
    assert run(capsys, "check", A)[0] == 1  # fills the cache with the unfiltered findings
    pyproject(proj, 'ignore = ["GK3"]\n')
    assert found(run(capsys, "check", A)[1]) == ["GK404", "GK105", "GK104"]
    (proj / "pyproject.toml").unlink()
    assert found(run(capsys, "check", A)[1]) == ["GK404", "GK105", "GK302", "GK104"]


# --- errors ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("body,key,message", [
    ('fail-on = "sometimes"\n', "fail-on", '应为 error、warning、info 或 never，实际为 "sometimes"'),
    ('selct = ["GK1"]\n', "selct", "未知的配置项（是否想写 select？）"),
    ('select = "GK1"\n', "select", "应为代码列表"),
    ('select = ["E501"]\n', "select[1]", "应为规则代码或代码前缀"),
    ('ignore = ["GK999"]\n', "ignore[1]", "没有以 GK999 开头的规则"),
    ('extend-select = [3]\n', "extend-select[1]", "应为规则代码"),
    ('per-file-ignores = {"a.txt" = "GK1"}\n', "per-file-ignores.a.txt", "应为代码列表"),
    ('severity = {GK302 = "fatal"}\n', "severity.GK302", "应为 error、warning 或 info"),
    ('template = "2020"\n', "template", "应为 auto、2019 或 2021"),
    ('issuer = "city"\n', "issuer", "应为 department 或 government"),
    ('deadlines = {department = "3-31"}\n', "deadlines.department", "MM-DD"),
    ('deadlines = {government = "02-30"}\n', "deadlines.government", "MM-DD"),
    ('deadlines = {county = "03-31"}\n', "deadlines.county", "未知的配置项"),
    ('packs = ["missing.yaml"]\n', "packs[1]", "规则包错误"),
    ('packs = "a.yaml"\n', "packs", "应为规则包文件列表"),
    ("max-size = -1\n", "max-size", "应为大于 0、不超过 1024 的数"),
    ("max-size = inf\n", "max-size", "实际为 Infinity"),
    ("max-size = nan\n", "max-size", "实际为 NaN"),
    ("max-size = 1e300\n", "max-size", "不超过 1024"),
    ('jobs = "many"\n', "jobs", "应为 0 到 256 之间的整数"),
    ("jobs = 100000000000\n", "jobs", "应为 0 到 256 之间的整数"),
    ('deadlines = {department = "02-29"}\n', "deadlines.department", "MM-DD"),
    ('per-file-ignores = {"' + "*" * 1001 + '" = ["GK1"]}\n', "per-file-ignores." + "*" * 1001, "路径模式过长"),
    ("cache-dir = 1\n", "cache-dir", "应为非空字符串"),
    ('[[tool.gklint.suppress]]\ncode = "GK302"\nfile = "a.txt"\n', "suppress[1]", "缺少 reason"),
    ('[[tool.gklint.suppress]]\ncode = "GK302"\nfile = "a.txt"\nreason = " "\n', "suppress[1].reason", "缺少 reason"),
    ('[[tool.gklint.suppress]]\ncode = "GK302"\nreason = "r"\n', "suppress[1]", "缺少 file"),
    ('[[tool.gklint.suppress]]\ncode = "GK302"\nfile = "a"\nreason = "r"\nwhy = "r"\n', "suppress[1].why", "未知的配置项"),
])
def test_bad_config_is_exit_2_naming_file_line_and_key(proj, capsys, body, key, message):
    path = pyproject(proj, 'select = ["GK1"]\n' * (not body.startswith("select")) + body)
    code, out, err = run(capsys, "check", A)
    assert code == 2 and out == ""
    assert err.startswith(f"gklint: 配置错误: {path}:"), err
    assert f"[tool.gklint] {key}: " in err and message in err, err
    line = int(err.split(f"{path}:")[1].split(":")[0])
    first_key = key.split("[")[0].split(".")[0]
    assert first_key in path.read_text(encoding="utf-8").splitlines()[line - 1] or "suppress" in first_key, (line, err)


def test_error_line_points_at_the_key(proj, capsys):
    path = pyproject(proj, 'select = ["GK1"]\n\n[tool.gklint.severity]\nGK302 = "fatal"\n')
    err = run(capsys, "check", A)[2]
    assert f"{path}:8: [tool.gklint] severity.GK302: " in err
    write(proj / "gklint.toml", 'jobs = 1\nfail-on = "sometimes"\n')
    err = run(capsys, "check", A)[2]
    assert err.startswith(f"gklint: 配置错误: {proj / 'gklint.toml'}:2: fail-on: 应为 error"), err


def test_toml_syntax_error(proj, capsys):
    write(proj / "gklint.toml", "select = [\n")
    code, _, err = run(capsys, "check", A)
    assert code == 2 and "gklint.toml" in err and "TOML 语法错误" in err


# --- suppressions ---------------------------------------------------------------------------------

SUPPRESS = '''
[[tool.gklint.suppress]]
code = "GK302"
file = "reports/*.txt"
where = "{where}"
reason = "原表如此，已在纸质版更正"
'''


@pytest.mark.parametrize("where", ["t3[R03][C7]", "t3[R03]", "t3", "“（一）予以公开”行"])
def test_suppression_where_cell_path_or_message_text(proj, capsys, where):
    pyproject(proj, ONLY_STABLE + SUPPRESS.format(where=where))
    code, out, _ = run(capsys, "check", A)
    assert found(out) == ["GK404", "GK105", "GK104"] and code == 0
    assert out.splitlines()[-1].endswith("；已按配置忽略 1 项。")


def test_suppression_in_gklint_toml_without_where(proj, capsys):
    write(proj / "gklint.toml", '[[suppress]]\ncode = "GK1"\nfile = "**/a.txt"\nreason = "标题沿用上级文件"\n')
    code, out, _ = run(capsys, "check", A, "--format", "json")
    data = json.loads(out)
    assert [f["code"] for f in data["files"][0]["findings"] if f["code"].startswith(STABLE)] == ["GK404", "GK302"]
    assert data["summary"]["suppressed"] == 2


def test_unused_suppression_is_gk090_at_its_line(proj, capsys):
    path = pyproject(proj, 'fail-on = "warning"\n' + SUPPRESS.format(where="t3[R04][C7]")
                     + SUPPRESS.format(where="t3[R03][C7]").replace('"GK302"', '"GK204"').replace("reports/*.txt", "c.txt"))
    code, out, _ = run(capsys, "check", A, "b.txt")  # c.txt not checked: its entry is not judged
    gk090 = [line for line in out.splitlines() if "GK090" in line]
    assert gk090 == [f"{path}:7:1: GK090 忽略条目（code = GK302，file = \"reports/*.txt\"，where = \"t3[R04][C7]\"）"
                     "没有匹配任何问题，可以删除；理由为“原表如此，已在纸质版更正”"]
    assert "GK302" in found(out) and out.splitlines()[-1].startswith("检查 2 个文件，2 个有问题：")
    assert code == 1
    assert run(capsys, "check", "b.txt")[1].count("GK090") == 0  # a.txt not checked
    # The rule is documented like every other.
    code, out, _ = run(capsys, "rule", "GK090")
    assert code == 0 and out.startswith("GK090 未用到的忽略条目（警告）")


def test_suppression_of_an_ignored_code_is_still_used(proj, capsys):
    pyproject(proj, SUPPRESS.format(where="t3[R03][C7]"))
    code, out, _ = run(capsys, "check", A, "--ignore", "GK3")
    assert "GK090" not in out and "已按配置忽略" not in out


def test_globs():
    assert glob_match("reports/2021/*.txt", "reports/2021/a.txt")
    assert not glob_match("reports/*.txt", "reports/2021/a.txt")
    assert glob_match("reports/**/*.txt", "reports/2021/x/a.txt") and glob_match("reports/**/*.txt", "reports/a.txt")
    assert glob_match("a.txt", "deep/er/a.txt")  # no slash: the file name anywhere
    assert glob_match("reports", "reports/2021/a.txt")  # a directory: everything under it
    assert glob_match("r[0-9].txt", "r5.txt") and not glob_match("r[!0-9].txt", "r5.txt")
    assert glob_match("./x/?.md", "x/a.md")


def test_load_errors_are_config_errors(tmp_path):
    with pytest.raises(ConfigError) as e:
        load(tmp_path / "none.toml")
    assert str(tmp_path / "none.toml") in str(e.value)
