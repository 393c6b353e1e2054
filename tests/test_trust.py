"""A run whose exit code, outputs and cache can be trusted (issue 10, part B): internal errors
isolated per file and exit 2, --exit-zero, Ctrl-C, standard input, safe and atomic outputs that
never overwrite an input, an authenticated cache outside the tree, options validated."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import seed
from gklint import cache as cache_mod
from gklint.cli import main

FAILING = seed("001")  # has a GK302 error: exit 1
SRC = Path(__file__).resolve().parent.parent / "src"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def gk(*argv, stdin: bytes | None = None, env: dict | None = None, timeout: float = 120):
    """gklint in a fresh process (what CI sees): exit code, stdout, stderr."""
    p = subprocess.run([sys.executable, "-m", "gklint", *map(str, argv)], input=stdin or b"", capture_output=True,
                       timeout=timeout, env={**os.environ, **(env or {})})
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def driver(tmp_path: Path, body: str) -> Path:
    """A script that patches gklint (a deliberately crashing reader) and then runs its main()."""
    script = tmp_path / "drive.py"
    script.write_text(textwrap.dedent("""\
        import os, sys
        import gklint.engine as engine
        real = engine.read
        def read(path, limit):
            name = os.path.basename(path)
        {body}
            return real(path, limit)
        engine.read = read
        from gklint.cli import main
        sys.exit(main(sys.argv[1:]))
        """).replace("{body}", textwrap.indent(textwrap.dedent(body), "    ")), encoding="utf-8")
    return script


def drive(script: Path, *argv, env=None):
    p = subprocess.run([sys.executable, str(script), *map(str, argv)], capture_output=True, timeout=300,
                       env={**os.environ, "GKLINT_CACHE_DIR": str(script.parent / "cache"), **(env or {})})
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def many(tmp_path: Path, n: int = 10) -> Path:
    d = tmp_path / "reports"
    d.mkdir()
    for i in range(n):
        shutil.copy(FAILING if i % 2 else seed("004"), d / f"r{i:02d}.txt")
    return d


# --- exit codes and isolation -------------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "3"])
def test_a_reader_bug_is_gk010_for_its_file_and_exit_2(tmp_path, jobs):
    d = many(tmp_path)
    script = driver(tmp_path, """\
        if name == "r03.txt":
            raise KeyError("boom")
        """)
    for extra in ([], ["--exit-zero"], ["--fail-on", "never"]):
        code, out, err = drive(script, "check", "-j", jobs, *extra, d)
        assert code == 2, (extra, err)
        assert "Traceback" not in err and "Traceback" not in out
        lines = [x for x in out.splitlines() if "r03.txt" in x]
        assert len(lines) == 1 and " GK010 " in lines[0] and "KeyError" in lines[0]
        assert sum("GK302" in x for x in out.splitlines()) == 4  # every other failing file checked and reported
        (line,) = [x for x in err.splitlines() if "内部错误" in x]
        assert "r03.txt" in line and "GKLINT_DEBUG" in line
    code, _, err = drive(script, "check", "-j", jobs, d, env={"GKLINT_DEBUG": "1"})
    assert code == 2 and "Traceback" in err and "KeyError" in err


@pytest.mark.parametrize("death", ["os._exit(9)", "os.kill(os.getpid(), 9)", "raise MemoryError()"])
def test_a_dying_worker_costs_only_its_file(tmp_path, death):
    d = many(tmp_path, 12)
    script = driver(tmp_path, f"""\
        if name == "r05.txt":
            {death}
        """)
    code, out, err = drive(script, "check", "-j", "3", "--no-cache", d)
    assert code == 2 and "Traceback" not in err
    by_file = {f"r{i:02d}.txt": [x for x in out.splitlines() if f"r{i:02d}.txt:" in x] for i in range(12)}
    assert [x.split()[1] for x in by_file["r05.txt"]] == ["GK010"]
    for i in range(1, 12, 2):
        if i != 5:
            assert any("GK302" in x for x in by_file[f"r{i:02d}.txt"]), (i, out)
    assert "检查 12 个文件" in out


def test_exit_zero_with_findings_but_not_with_usage_errors(capsys):
    assert run(capsys, "check", FAILING)[0] == 1
    assert run(capsys, "check", "--exit-zero", FAILING)[0] == 0
    assert run(capsys, "check", "--exit-zero", "--select", "GK3O2", FAILING)[0] == 2


def test_ctrl_c_is_130_and_writes_no_output(tmp_path, capsys, monkeypatch):
    from gklint import runner

    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "check_plan", interrupted)
    code, _, err = run(capsys, "check", "-o", out, "--html", tmp_path / "new.html", FAILING)
    assert code == 130 and "中断" in err
    assert out.read_text(encoding="utf-8") == "old" and not (tmp_path / "new.html").exists()


# --- standard input ------------------------------------------------------------------------------

def test_stdin_with_a_name_for_findings_and_per_file_ignores(tmp_path):
    data = FAILING.read_bytes()
    code, out, _ = gk("check", "-", stdin=data)
    assert code == 1 and out.splitlines()[0].startswith("-:")
    code, out, _ = gk("check", "-", "--stdin-filename", "docs/r.txt", stdin=data)
    assert code == 1 and all(x.startswith("docs/r.txt:") for x in out.splitlines()[:-1])
    (tmp_path / "gklint.toml").write_text('[per-file-ignores]\n"docs/*.txt" = ["GK3"]\n', encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "gklint", "check", "-", "--stdin-filename", "docs/r.txt"],
                       input=data, capture_output=True, cwd=tmp_path, timeout=120)
    assert p.returncode == 0 and b"GK302" not in p.stdout


def test_stdin_is_bounded_and_binary_safe(tmp_path):
    from readers_fixtures import fill_template, seed_blocks

    docx = fill_template(seed_blocks(FAILING.read_text(encoding="utf-8")), tmp_path / "r.docx").read_bytes()
    code, out, _ = gk("check", "-", "--stdin-filename", "r.docx", "--no-cache", stdin=docx)
    assert code == 1 and "r.docx:" in out and "GK302" in out
    code, out, _ = gk("check", "-", "--max-size", "0.001", stdin=FAILING.read_bytes())
    assert "GK008" in out
    assert gk("check", "-", "-", stdin=b"x")[0] == 2
    assert gk("check", FAILING, "--stdin-filename", "a.txt")[0] == 2


# --- output safety -------------------------------------------------------------------------------

def _hostile_report(tmp_path: Path) -> Path:
    text = seed("000").read_text(encoding="utf-8")
    title = "政务信息公开工作年度报告"
    assert title in text
    p = tmp_path / "r\u202e.txt"
    p.write_text(text.replace(title, "政务\x1b]0;owned\x07信息\u202e公开\x9b2J工作年度报告", 1), encoding="utf-8")
    return p


@pytest.mark.parametrize("fmt", ["text", "github", "gitlab", "json", "json-lines", "sarif", "junit"])
def test_control_characters_from_a_report_never_reach_the_terminal(tmp_path, capsys, fmt):
    _, out, _ = run(capsys, "check", "--format", fmt, "--no-cache", _hostile_report(tmp_path))
    for c in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert c not in out
    if fmt in ("text", "github"):
        assert "\\x1b]0;owned\\x07" in out and "\\u202e" in out


def test_lone_surrogates_render_in_every_format(capsys):
    from gklint import safetext
    from gklint.engine import Options, check_file
    from gklint.findings import decorate
    from gklint.formats import FORMATS, render
    from gklint.pack import builtin_packs

    r = check_file(str(FAILING), Options(), builtin_packs())
    r.path = "bad\udcff.txt"
    r.findings = [decorate(f, path=r.path, args={k: "x\ud800" for k in f.args}, data={"actual": "\udfff"})
                  for f in r.findings]
    safetext.results([r])
    for fmt in FORMATS:
        render(fmt, [r], lang="zh").encode("utf-8")  # strict: no lone surrogate left


def test_outputs_are_written_whole_or_not_at_all(tmp_path, monkeypatch):
    from gklint import outfile

    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def fail(*a):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outfile.os, "replace", fail)
    with pytest.raises(OSError):
        outfile.write_atomic(str(target), b"new")
    assert target.read_text(encoding="utf-8") == "old" and os.listdir(tmp_path) == ["out.json"]


@pytest.mark.parametrize("flag", ["-o", "--html", "--write-baseline"])
def test_an_output_that_is_an_input_is_refused(tmp_path, capsys, flag):
    report = tmp_path / "r.txt"
    shutil.copy(FAILING, report)
    before = report.read_bytes()
    link = tmp_path / "link.txt"
    link.symlink_to(report)
    for target, inputs in ((report, [report]), (link, [report]), (tmp_path / "." / "r.txt", [tmp_path])):
        code, out, err = run(capsys, "check", flag, target, *inputs)
        assert code == 2 and "输入文件" in err and out == ""
        assert report.read_bytes() == before


# --- the cache -----------------------------------------------------------------------------------

@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is where platformdirs looks on Linux")
def test_cache_defaults_to_the_user_cache_dir_with_a_private_key(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg"), "GKLINT_CACHE_DIR": ""}
    p = subprocess.run([sys.executable, "-m", "gklint", "check", str(FAILING)], cwd=tmp_path, capture_output=True,
                       env={**os.environ, **env}, timeout=120)
    assert p.returncode == 1
    home = tmp_path / "xdg" / "gklint"
    assert list(home.glob("*/*.json")) and (home / ".gitignore").read_text().splitlines()[-1] == "*"
    assert stat.S_IMODE((home / "hmac-key").stat().st_mode) == 0o600
    assert sorted(os.listdir(tmp_path)) == ["xdg"]  # nothing in the working tree


@pytest.mark.skipif(sys.platform != "linux", reason="the plain Linux directory is worked out without platformdirs")
@pytest.mark.parametrize("env", [
    {"XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"},
    {"XDG_CACHE_HOME": "/x/cache/", "HOME": "relative"},
    {"XDG_CACHE_HOME": "", "HOME": "/home/u"},
    {"HOME": "/home/u/"},
    {"XDG_CACHE_HOME": "relative", "HOME": "/home/u"},  # platformdirs' own answer
    {"HOME": "relative"},
    {"XDG_CACHE_HOME": "/x", "HOME": "/home/u", "ANDROID_DATA": "/data", "ANDROID_ROOT": "/system"},
])
def test_the_user_cache_dir_is_platformdirs_own(monkeypatch, env):
    from platformdirs import user_cache_dir

    for name in ("XDG_CACHE_HOME", "HOME", "ANDROID_DATA", "ANDROID_ROOT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        expected = user_cache_dir("gklint", appauthor=False)
    except RuntimeError:  # platformdirs cannot place a relative HOME: neither may gklint
        with pytest.raises(RuntimeError):
            cache_mod.user_cache_dir()
        return
    assert cache_mod.user_cache_dir() == expected
    plain = cache_mod._plain_linux_cache_dir()
    assert plain is None or plain == expected
    xdg = env.get("XDG_CACHE_HOME", "")
    worked_out_here = "ANDROID_DATA" not in env and (xdg.startswith("/") or not xdg and env["HOME"].startswith("/"))
    assert (plain is not None) == worked_out_here


def test_a_cache_dir_in_a_tree_ignores_itself(tmp_path, capsys):
    run(capsys, "check", "--cache-dir", tmp_path / "tree" / ".cache", FAILING)
    assert (tmp_path / "tree" / ".cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def _entries(d: Path) -> list[Path]:
    return list(d.glob("*/*.json"))


def test_a_planted_entry_never_makes_a_failing_report_pass(tmp_path, capsys):
    d = tmp_path / "cache"
    assert run(capsys, "check", "--cache-dir", d, FAILING)[0] == 1
    (entry,) = _entries(d)
    outer = json.loads(entry.read_text())
    entry.write_text(json.dumps({"info": {}, "findings": []}))  # the entry of gklint 0.1 with nothing found
    code, out, _ = run(capsys, "check", "--cache-dir", d, FAILING)
    assert code == 1 and "GK302" in out
    body = json.loads(outer["entry"])
    body["findings"] = []
    forged = json.dumps(body)
    # Unsigned, signed with another user's key, the signature of another entry: all misses.
    import hashlib
    import hmac

    other = hmac.new(b"k" * 32, f"{entry.stem}\0{forged}".encode(), hashlib.sha256).hexdigest()
    for planted in ({"entry": forged}, {"mac": "0" * 64, "entry": forged}, {"mac": other, "entry": forged},
                    {"info": {}, "findings": []}, [], "x"):
        entry.write_text(json.dumps(planted))
        code, out, _ = run(capsys, "check", "--cache-dir", d, FAILING)
        assert code == 1 and "GK302" in out, planted


@pytest.mark.parametrize("change", [
    {"info": "string"}, {"info": {"relations": "x"}}, {"info": {"year": "2023"}}, {"findings": {}},
    {"findings": [{"code": "GK302"}]}, {"format": 4}, {"version": "0.0.0"},
    "severity=fatal", "code=GK999", "data=list", "msg=core:no-such", "line=0", "args=missing",
])
def test_a_signed_but_malformed_entry_is_a_miss(tmp_path, capsys, change):
    d = tmp_path / "cache"
    assert run(capsys, "check", "--cache-dir", d, FAILING)[0] == 1
    (entry,) = _entries(d)
    body = json.loads(json.loads(entry.read_text())["entry"])
    if isinstance(change, dict):
        body.update(change)
    else:
        field, value = change.split("=")
        f = body["findings"][0]
        f[field] = {"list": [], "0": 0, "missing": {}}.get(value, value)
    text = json.dumps(body)
    c = cache_mod.Cache(d, "")
    entry.write_text(json.dumps({"mac": c._mac(entry.stem, text), "entry": text}))
    code, out, err = run(capsys, "check", "--cache-dir", d, FAILING)
    assert code == 1 and "GK302" in out and err == ""
    code, out2, _ = run(capsys, "check", "--cache-dir", d, FAILING)  # rewritten by the miss: a hit now
    assert out2 == out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_with_the_cache_on_a_named_pipe_is_never_waited_on(tmp_path):
    """The cache read a report to hash it before the reader refused it: a FIFO named on the command
    line hung the run. A FIFO planted where a cache entry goes must be a miss, not a wait."""
    d = tmp_path / "cache"
    os.mkfifo(tmp_path / "pipe.txt")
    report = tmp_path / "r.txt"
    shutil.copy(FAILING, report)

    def gklint(*args):
        try:
            return subprocess.run([sys.executable, "-m", "gklint", "check", "--isolated", "--cache-dir", str(d), *args],
                                  capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"gklint waited on a named pipe: {args}")

    run = gklint(str(tmp_path / "pipe.txt"))
    assert run.returncode == 1 and "GK001" in run.stdout
    assert gklint(str(report)).returncode == 1  # writes the report's entry
    (entry,) = _entries(d)
    entry.unlink()
    os.mkfifo(entry)
    run = gklint(str(report))
    assert run.returncode == 1 and "GK302" in run.stdout


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_key_others_can_read_disables_the_cache(tmp_path):
    (tmp_path / "gklint").mkdir()
    key = tmp_path / "gklint" / "hmac-key"
    key.write_bytes(os.urandom(32))
    key.chmod(0o644)
    assert cache_mod.user_key(tmp_path / "gklint") is None
    key.chmod(0o600)
    assert cache_mod.user_key(tmp_path / "gklint") == key.read_bytes()


def test_the_cache_key_covers_the_file_name(tmp_path, capsys):
    """The suffix chooses the reader: the same bytes as .doc are not the .txt's findings."""
    d = tmp_path / "cache"
    a, b = tmp_path / "a.txt", tmp_path / "a.doc"
    shutil.copy(FAILING, a)
    shutil.copy(FAILING, b)
    assert run(capsys, "check", "--cache-dir", d, a)[0] == 1
    _, out, _ = run(capsys, "check", "--cache-dir", d, b)
    assert "GK009" in out and "GK302" not in out


def test_no_pickle_anywhere():
    for p in (SRC / "gklint").rglob("*.py"):
        assert "pickle" not in p.read_text(encoding="utf-8").replace("picklable", ""), p


# --- validation at the edges ---------------------------------------------------------------------

@pytest.mark.parametrize("argv,message", [
    (["--select", "GK3O2"], "是否想用 GK302"),
    (["--ignore", "GK999"], "不是任何规则的代码或前缀"),
    (["--select", "E501"], "不是规则代码"),
    (["--max-size", "inf"], "--max-size"), (["--max-size", "nan"], "--max-size"),
    (["--max-size", "1e300"], "--max-size"), (["--max-size", "-1"], "--max-size"),
    (["--jobs", "-1"], "--jobs"), (["--jobs", "100000000000000000000"], "--jobs"),
])
def test_bad_options_are_exit_2(capsys, argv, message):
    code, out, err = run(capsys, "check", *argv, FAILING)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_selected_pack_relation_codes_are_known(capsys):
    assert run(capsys, "check", "--select", "GK30", FAILING)[0] == 1


def test_hostile_globs_are_safe_and_fast(tmp_path, capsys):
    (tmp_path / "r.txt").write_bytes(FAILING.read_bytes())
    for glob in ("[z-a]", "*a" * 40 + "b", "[", "**/**/**/" * 30 + "x"):
        (tmp_path / "gklint.toml").write_text(f'[per-file-ignores]\n"{glob}" = ["GK3"]\n', encoding="utf-8")
        t = time.monotonic()
        code, _, err = run(capsys, "check", "--no-cache", tmp_path / "r.txt")
        # a liveness guard, not a speed target: a backtracking matcher would take hours on these
        assert code == 1 and err == "" and time.monotonic() - t < 30, glob


@pytest.mark.parametrize("entry", [{"path": "r.txt", "fingerprint": "x", "code": None},
                                   {"path": "r.txt", "fingerprint": 3}, {"path": "r.txt"}, "x"])
def test_a_malformed_baseline_entry_is_exit_2_with_its_number(tmp_path, capsys, entry):
    b = tmp_path / "b.json"
    b.write_text(json.dumps({"gklint_baseline": 1, "findings": [{"path": "r.txt", "fingerprint": "y"}, entry]}))
    code, _, err = run(capsys, "check", "--baseline", b, "--select", "GK3", FAILING)
    assert code == 2 and "第 2 条" in err and str(b) in err


@pytest.mark.parametrize("flag", ["--baseline", "--config", "--pack"])
def test_settings_files_that_never_end_are_refused(capsys, flag):
    code, _, err = run(capsys, "check", flag, "/dev/zero", FAILING)
    assert code == 2 and err


def test_toml_nested_too_deep_is_a_config_error(tmp_path, capsys):
    cfg = tmp_path / "gklint.toml"
    cfg.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--config", cfg, FAILING)
    assert code == 2 and "嵌套过深" in err


def test_a_folder_without_reports_is_said_and_fails_the_unchecked_gate(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "check", str(tmp_path / "empty"))
    assert code == 0 and "没有找到可检查的报告文件" in err
    code, _, err = run(capsys, "check", "--fail-on-unchecked", "--lang", "en", str(tmp_path / "empty"))
    assert code == 1 and "no report files found" in err


def test_an_output_that_cannot_be_written_is_named_in_the_error(tmp_path, capsys):
    (tmp_path / "out").mkdir()
    code, _, err = run(capsys, "check", "-o", str(tmp_path / "out"), str(FAILING))
    assert code == 2 and str(tmp_path / "out") in err and ".tmp" not in err
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary left behind
