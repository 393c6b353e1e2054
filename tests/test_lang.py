"""--lang en: English rule docs and finding messages, the same findings as in Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gklint.checks import all_rules
from gklint.cli import main
from gklint.i18n import CJK, origin_en, unquoted_cjk
from gklint.ruledoc import rules_markdown, rules_markdown_en

from conftest import SEEDS

DOCS = Path(__file__).resolve().parent.parent / "docs"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, out


@pytest.mark.parametrize("r", all_rules(), ids=lambda r: r.code)
def test_every_rule_has_english_docs(r):
    summary, why, fix, example = r.doc("en")
    for name, text in (("summary", summary), ("why", why), ("fix", fix)):
        assert text.strip(), f"{r.code}: {name}_en is empty"
        assert not unquoted_cjk(text), f"{r.code}: {name}_en has Chinese outside quotes: {unquoted_cjk(text)}"
    assert bool(example) == bool(r.example), f"{r.code}: example_en should be given exactly when example is"
    assert not unquoted_cjk(example), f"{r.code}: example_en has Chinese outside quotes"


def test_unquoted_cjk_allows_quoted_labels_only():
    assert unquoted_cjk("row “（一）予以公开”, column `总计`, 「其他」") == []
    assert unquoted_cjk("表三 row") == ["表", "三"]
    assert origin_en("表3 第6行 第9列") == "table 3, row 6, column 9"
    assert origin_en("第3页 表格第9行第3列") == "page 3, table row 9, column 3"


def test_rule_command_in_english(capsys):
    code, out = run(capsys, "rule", "GK302", "--lang", "en")
    assert code == 0
    assert out.startswith("GK302 row-total (error)") and "Basis: " in out and "Fix: " in out
    assert not unquoted_cjk(out)
    code, out = run(capsys, "rule", "--all", "--lang", "en")
    assert code == 0 and len(out.splitlines()) == len(all_rules()) and not unquoted_cjk(out)
    _, zh = run(capsys, "rule", "GK302")
    assert "依据：" in zh  # Chinese stays the default


def test_rules_docs_are_current():
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == rules_markdown()
    assert (DOCS / "rules.en.md").read_text(encoding="utf-8") == rules_markdown_en(), \
        "regenerate: python -m gklint.ruledoc en > docs/rules.en.md"


def _json(capsys, *argv):
    _, out = run(capsys, "check", "--no-cache", "--format", "json", *argv)
    data = json.loads(out)
    return data, [(fl["path"], f["code"], f["line"], f["column"], f["message"]) for fl in data["files"] for f in fl["findings"]]


def test_seeds_in_english_match_chinese(capsys):
    zh_data, zh = _json(capsys, str(SEEDS))
    en_data, en = _json(capsys, str(SEEDS), "--lang", "en")
    assert zh and [f[:4] for f in en] == [f[:4] for f in zh]
    assert (zh_data["lang"], en_data["lang"]) == ("zh", "en")
    for *where, message in en:
        assert not unquoted_cjk(message), (where, message)
    assert all(CJK.search(m) for *_, m in zh)  # Chinese by default
    _, text = run(capsys, "check", "--no-cache", str(SEEDS), "--lang", "en")
    lines = text.splitlines()
    assert len(lines) == len(en) + 1
    for line in lines[:-1]:
        assert not unquoted_cjk(line.split(": ", 1)[1]), line
    assert lines[-1].startswith("Checked 5 files, 5 with problems: ") and lines[-1].endswith(").")


@pytest.mark.parametrize("fmt", ["sarif", "github", "gitlab", "junit", "json-lines"])
def test_other_formats_in_english(capsys, fmt):
    _, out = run(capsys, "check", "--no-cache", "--format", fmt, "--lang", "en", str(SEEDS))
    assert "does not" in out or "should" in out
    if fmt == "sarif":
        log = json.loads(out)
        results = log["runs"][0]["results"]
        assert results and not any(unquoted_cjk(r["message"]["text"]) for r in results)
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        assert not any(unquoted_cjk(r["help"]["text"]) for r in rules)


def test_summary_in_english(capsys):
    _, out = run(capsys, "check", "--no-cache", "--lang", "en", str(next(SEEDS.glob("001_*"))))
    assert out.splitlines()[-1].startswith("Checked 1 file, 1 with problems: ")
    _, out = run(capsys, "check", "--no-cache", "--lang", "en", "--select", "GK999", str(next(SEEDS.glob("001_*"))))
    assert out == "Checked 1 file, no problems found.\n"


def test_cache_serves_both_languages(tmp_path, capsys):
    cache = str(tmp_path / "cache")
    seed = str(next(SEEDS.glob("001_*")))
    _, zh = run(capsys, "check", "--cache-dir", cache, seed)
    _, en = run(capsys, "check", "--cache-dir", cache, "--lang", "en", seed)  # from the cache
    assert list((tmp_path / "cache").rglob("*.json"))
    assert "GK302" in en and "Table 3" in en and "收到和处理" not in en
    _, zh_again = run(capsys, "check", "--cache-dir", cache, seed)
    assert zh_again == zh


def test_fingerprints_do_not_depend_on_language(tmp_path, capsys):
    zh, en = tmp_path / "zh.json", tmp_path / "en.json"
    run(capsys, "check", "--no-cache", "--write-baseline", str(zh), str(SEEDS))
    run(capsys, "check", "--no-cache", "--lang", "en", "--write-baseline", str(en), str(SEEDS))
    prints = [[e["fingerprint"] for e in json.loads(p.read_text(encoding="utf-8"))["findings"]] for p in (zh, en)]
    assert prints[0] and prints[0] == prints[1]
    code, out = run(capsys, "check", "--no-cache", "--lang", "en", "--baseline", str(zh), str(SEEDS))
    assert code == 0 and out.startswith("Checked 5 files, no problems found")
