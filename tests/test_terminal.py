"""Terminal and CI conventions of ruff and flake8: --color, --show-source, exclude, --statistics
with rule names, `gklint rule --format json`, the pre-commit hook's file pattern."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata

import pytest

from conftest import ROOT, seed
from gklint.cli import main
from gklint.terminal import excerpt, use_color

ESC = "\x1b["


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def columns(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def under(source: str, caret: str) -> str:
    """The source text from the display column of the caret on."""
    at = columns(caret[:caret.index("^")])
    k = next(k for k in range(len(source) + 1) if columns(source[:k]) >= at)
    assert columns(source[:k]) == at
    return source[k:]


@pytest.fixture(autouse=True)
def no_colour_variables(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


# --color


def test_color_always_colours_path_position_and_code_by_severity(capsys):
    _, out, _ = run(capsys, "check", "--color", "always", "-q", str(seed("001")))
    lines = out.splitlines()
    gk302 = next(line for line in lines if "GK302" in line)
    gk404 = next(line for line in lines if "GK404" in line)
    gk104 = next(line for line in lines if "GK104" in line)
    assert gk302.startswith(f"\x1b[1m{seed('001')}\x1b[0m\x1b[2m:112:2:\x1b[0m ")
    assert "\x1b[1;31mGK302\x1b[0m" in gk302 and "\x1b[1;33mGK404\x1b[0m" in gk404 and "\x1b[1;34mGK104\x1b[0m" in gk104
    # Colour is a layer over the plain line: without the escapes it is the line of --color never.
    _, plain, _ = run(capsys, "check", "--color", "never", "-q", str(seed("001")))
    assert re.sub(r"\x1b\[[0-9;]*m", "", out) == plain and ESC not in plain


def test_color_auto_follows_the_stream_and_the_variables(capsys, monkeypatch):
    _, out, _ = run(capsys, "check", "-q", str(seed("002")))
    assert ESC not in out  # captured: not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ESC in run(capsys, "check", "-q", str(seed("002")))[1]
    monkeypatch.setenv("NO_COLOR", "1")  # beats FORCE_COLOR; a flag beats both
    assert ESC not in run(capsys, "check", "-q", str(seed("002")))[1]
    assert ESC in run(capsys, "check", "-q", "--color", "always", str(seed("002")))[1]


class _Tty:
    def __init__(self, tty):
        self.tty = tty

    def isatty(self):
        return self.tty


def test_use_color_auto_on_a_terminal(monkeypatch):
    assert use_color("auto", _Tty(True)) and not use_color("auto", _Tty(False)) and not use_color("auto", None)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color("auto", _Tty(True)) and use_color("always", _Tty(False))
    assert not use_color("never", _Tty(True))


def test_color_never_in_other_formats_and_output_files(capsys, tmp_path):
    _, out, _ = run(capsys, "check", "--color", "always", "--format", "github", str(seed("002")))
    assert ESC not in out
    target = tmp_path / "out.txt"
    run(capsys, "check", "--color", "auto", "-o", str(target), str(seed("002")))
    assert ESC not in target.read_text(encoding="utf-8")


def test_color_and_show_source_from_the_config(capsys, tmp_path, monkeypatch):
    shutil.copy(seed("002"), tmp_path / "r.txt")
    (tmp_path / "gklint.toml").write_text('color = "always"\nshow-source = true\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "check", "-q", "r.txt")
    assert ESC in out and "^" in out
    _, out, _ = run(capsys, "check", "-q", "--color", "never", "--no-show-source", "r.txt")
    assert ESC not in out and "^" not in out
    (tmp_path / "gklint.toml").write_text('color = "sometimes"\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "r.txt")
    assert code == 2 and "color" in err and "sometimes" in err


# --show-source


def _source_of(out: str, code: str) -> tuple[str, str, str]:
    lines = out.splitlines()
    i = next(i for i, line in enumerate(lines) if f" {code} " in line)
    return lines[i], lines[i + 1], lines[i + 2]


def test_show_source_puts_the_caret_under_the_column_counting_wide_characters(capsys):
    _, out, _ = run(capsys, "check", "--show-source", "-q", str(seed("002")))
    head, source, caret = _source_of(out, "GK204")
    assert head.endswith("列标题“本年度止件数”与模板不一致，应为“本年废止件数”") and ":12:13:" in head
    original = seed("002").read_text(encoding="utf-8").splitlines()[11]
    assert source.strip() == original.replace("\t", " ").strip()
    assert caret.strip() == "^"
    # The caret's column is the display width of the text before column 13 (CJK counts 2).
    assert columns(caret[:caret.index("^")]) == columns("    " + original.replace("\t", " ")[:12])
    assert under(source, caret).startswith("本年度止件数")


def test_show_source_of_a_table_cell_shows_its_row(capsys):
    _, out, _ = run(capsys, "check", "--show-source", "-q", str(seed("001")))
    _, source, caret = _source_of(out, "GK302")  # line 112: the 总计 cell (0) of （一）予以公开
    assert "（一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 0" in source
    assert under(source, caret) == "0" and source.endswith("| 0")  # the last cell: 总计


def test_excerpt_windows_long_lines_and_neutralises_control_characters():
    line = "甲" * 500 + "错" + "乙" * 500
    text, pad = excerpt(line, 501)
    assert text.startswith("…") and text.endswith("…") and len(text) < 120
    assert under(text, pad + "^").startswith("错乙")
    shown, pad = excerpt("a\x1b[31mb\tc", 8)
    assert shown == "a?[31mb c" and len(pad) == 7
    assert excerpt("   ", 1) is None


def test_show_source_prints_nothing_without_a_source_line(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    _, out, _ = run(capsys, "check", "--show-source", "-q", str(empty), str(tmp_path / "missing.txt"))
    lines = out.splitlines()
    assert len(lines) == 2 and all(": GK00" in line for line in lines)


# exclude


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for d in ("reports", "reports/old", "reports/.venv", "reports/node_modules/x", "reports/drafts"):
        (tmp_path / d).mkdir(parents=True)
    for d in ("reports", "reports/old", "reports/.venv", "reports/node_modules/x", "reports/drafts"):
        shutil.copy(seed("000"), tmp_path / d / "r.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def checked(capsys, *argv) -> list[str]:
    _, out, _ = run(capsys, "check", "--select", "GK107", "-q", *argv)
    return sorted(line.split(":")[0] for line in out.splitlines())


def test_default_exclude_skips_tool_folders(tree, capsys):
    assert checked(capsys, "reports") == ["reports/drafts/r.txt", "reports/old/r.txt", "reports/r.txt"]


def test_exclude_in_config_relative_to_its_folder(tree, capsys):
    (tree / "reports" / "gklint.toml").write_text('extend-exclude = ["old/", "drafts"]\n', encoding="utf-8")
    assert checked(capsys, "reports") == ["reports/r.txt"]
    (tree / "reports" / "gklint.toml").write_text('exclude = ["old"]\n', encoding="utf-8")  # replaces the defaults
    assert checked(capsys, "reports") == ["reports/.venv/r.txt", "reports/drafts/r.txt",
                                          "reports/node_modules/x/r.txt", "reports/r.txt"]
    (tree / "reports" / "gklint.toml").write_text('exclude = "old"\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "reports")
    assert code == 2 and "exclude" in err


def test_exclude_on_the_command_line(tree, capsys):
    assert checked(capsys, "--extend-exclude", "reports/old,**/drafts/*.txt", "reports") == ["reports/r.txt"]
    assert checked(capsys, "--exclude", "drafts", "reports") == [
        "reports/.venv/r.txt", "reports/node_modules/x/r.txt", "reports/old/r.txt", "reports/r.txt"]


def test_named_paths_are_checked_unless_force_exclude(tree, capsys):
    (tree / "reports" / "gklint.toml").write_text('extend-exclude = ["old"]\n', encoding="utf-8")
    assert checked(capsys, "reports/old/r.txt", "reports/old") == ["reports/old/r.txt", "reports/old/r.txt"]
    assert checked(capsys, "--force-exclude", "reports/old/r.txt", "reports/.venv/r.txt", "reports/r.txt") == [
        "reports/r.txt"]


def test_standard_input_is_excluded_by_its_name_with_force_exclude(tree, capsys, monkeypatch):
    import io

    (tree / "reports" / "gklint.toml").write_text('extend-exclude = ["old"]\n', encoding="utf-8")
    for force, expected in (((), ["reports/old/r.txt"]), (("--force-exclude",), [])):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(seed("000").read_bytes())))
        assert checked(capsys, *force, "-", "--stdin-filename", "reports/old/r.txt") == expected


# --statistics


def test_statistics_have_rule_names_and_summaries(capsys):
    _, out, _ = run(capsys, "check", "--statistics", "-q", "--select", "GK1,GK2,GK3",
                    str(seed("001")), str(seed("002")), str(seed("003")))
    rows = [line for line in out.splitlines() if re.match(r"^\s+\d+  GK", line)]
    assert [r.split()[:2] for r in rows] == [["2", "GK204"], ["1", "GK104"], ["1", "GK105"], ["1", "GK302"]]
    assert rows[0].split()[2] == "column-label"  # most frequent first, then by code
    gk302 = next(r for r in rows if "GK302" in r)
    assert re.match(r"^\s+1  GK302  row-total\s+表三某行：总计不等于", gk302)
    _, out, _ = run(capsys, "check", "--statistics", "-q", "--lang", "en", str(seed("001")))
    assert re.search(r"GK302  row-total\s+Table 3, a row: the total", out)


def test_statistics_in_json(capsys):
    _, out, _ = run(capsys, "check", "--format", "json", "--statistics", str(seed("001")))
    data = json.loads(out)
    gk302 = next(s for s in data["statistics"] if s["code"] == "GK302")
    assert gk302 == {"code": "GK302", "name": "row-total", "count": 1,
                     "summary": "表三某行：总计不等于自然人与五类法人或其他组织之和"}
    assert sum(s["count"] for s in data["statistics"]) == sum(len(f["findings"]) for f in data["files"])
    _, out, _ = run(capsys, "check", "--format", "json", str(seed("001")))
    assert "statistics" not in json.loads(out)


# gklint rule --format json


def test_rule_format_json(capsys):
    code, out, _ = run(capsys, "rule", "GK302", "--format", "json")
    rule = json.loads(out)
    assert code == 0 and (rule["code"], rule["name"], rule["severity"], rule["family"]) == (
        "GK302", "row-total", "error", "relations")
    _, text, _ = run(capsys, "rule", "GK302")
    assert rule["summary"] in text and rule["why"] in text and rule["fix"] in text
    _, out, _ = run(capsys, "rule", "--all", "--format", "json", "--lang", "en")
    rules = json.loads(out)
    _, listing, _ = run(capsys, "rule", "--all", "--lang", "en")
    assert [r["code"] for r in rules] == [line.split()[0] for line in listing.splitlines()]
    assert {"code", "name", "severity", "family", "summary", "why", "fix", "example", "facts", "words"} <= set(rules[0])
    assert any(r["facts"] for r in rules) and all(r["summary"] for r in rules)


# pre-commit


def test_pre_commit_hook_files_are_exactly_the_readable_suffixes():
    import yaml

    from gklint.readers import NOT_YET, SUFFIXES

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["require_serial"] is True and "--force-exclude" in hook["entry"]
    files = re.compile(hook["files"])
    for suffix in SUFFIXES:
        assert files.search(f"reports/2023年报告{suffix}") and files.search(f"R{suffix.upper()}"), suffix
    for name in [f"r{s}" for s in NOT_YET] + ["r.csv", "r.txt.bak", "README", "r.docx~"]:
        assert not files.search(name), name
    spelled = set(re.findall(r"\w+", hook["files"].split("(", 2)[-1]))
    assert spelled == {s.lstrip(".") for s in SUFFIXES}  # no suffix the readers do not read
