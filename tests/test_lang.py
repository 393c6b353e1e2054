"""--lang en: English rule docs and finding messages, the same findings as in Chinese."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from gklint.checks import all_rules
from gklint.cli import main
from gklint.origins import CJK, in_language
from gklint.ruledoc import rules_markdown, rules_markdown_en

from conftest import SEEDS, copy_packs, edit_text

DOCS = Path(__file__).resolve().parent.parent / "docs"
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|`[^`]*`")


def unquoted_cjk(text: str) -> list[str]:
    """CJK characters outside quoted document text — what an English message must not contain."""
    return CJK.findall(_QUOTED.sub("", text))


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, out


@pytest.mark.parametrize("r", all_rules(), ids=lambda r: r.code)
def test_every_rule_has_english_docs(r):
    summary, why, fix, example = r.doc("en").values()
    for name, text in (("summary", summary), ("why", why), ("fix", fix)):
        assert text.strip(), f"{r.code}: {name}_en is empty"
        assert not unquoted_cjk(text), f"{r.code}: {name}_en has Chinese outside quotes: {unquoted_cjk(text)}"
    assert bool(example) == bool(r.doc("zh")["example"]), f"{r.code}: example_en should be given exactly when example is"
    assert not unquoted_cjk(example), f"{r.code}: example_en has Chinese outside quotes"


def test_unquoted_cjk_allows_quoted_labels_only():
    assert unquoted_cjk("row “（一）予以公开”, column `总计`, 「其他」") == []
    assert unquoted_cjk("表三 row") == ["表", "三"]
    assert in_language("表3 第6行 第9列", "en") == "table 3, row 6, column 9"
    assert in_language("第3页 表格第9行第3列", "en") == "page 3, table row 9, column 3"
    assert in_language("第12段", "en") == "paragraph 12" and in_language("第3页", "en") == "page 3"
    assert in_language("附件", "en") == "“附件”"  # a place of no known form is quoted as it is
    assert in_language("表3 第6行 第9列", "zh") == "表3 第6行 第9列"


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


def test_reader_problems_in_english(tmp_path, capsys):
    files = {"empty.txt": b"", "binary.txt": b"\x00\x01\x02\x03 not text",
             "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "damaged.pdf": b"%PDF-1.4\nnot a pdf",
             "damaged.docx": b"PK\x03\x04 not a zip", "notes.rtf": b"{\\rtf1 text}"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    data, en = _json(capsys, str(tmp_path), "--lang", "en")
    _, zh = _json(capsys, str(tmp_path))
    codes = {Path(p).name: code for p, code, *_ in en}
    assert codes == {"empty.txt": "GK004", "binary.txt": "GK002", "old.doc": "GK009", "damaged.pdf": "GK011",
                     "damaged.docx": "GK011", "notes.rtf": "GK009"}
    assert [f[:4] for f in en] == [f[:4] for f in zh] and all(CJK.search(f[4]) for f in zh)
    for *where, message in en:
        assert not unquoted_cjk(message), (where, message)
    assert any("old binary Word" in m for *_, m in en)


def test_cli_errors_in_english(tmp_path, capsys):
    seed = str(next(SEEDS.glob("001_*")))
    bad = tmp_path / "baseline.json"
    bad.write_text('{"findings": 1}', encoding="utf-8")
    assert main(["check", "--no-cache", "--lang", "en", "--baseline", str(bad), seed]) == 2
    err = capsys.readouterr().err
    assert "has the wrong shape" in err and not unquoted_cjk(err.replace(str(bad), ""))
    assert main(["check", "--no-cache", "--baseline", str(bad), seed]) == 2
    assert "格式不对" in capsys.readouterr().err  # Chinese stays the default
    good = tmp_path / "good.json"
    main(["check", "--no-cache", "--lang", "en", "--write-baseline", str(good), seed])
    assert "findings to the baseline" in capsys.readouterr().err
    main(["check", "--no-cache", "--lang", "en", "--baseline", str(good), seed])
    assert "recorded findings not reported again" in capsys.readouterr().err
    assert main(["rule", "GK999", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gklint: no rule GK999") and not unquoted_cjk(err)
    with pytest.raises(SystemExit):
        main(["check", "--lang", "en", "--no-such-flag", seed])
    assert "gklint: error: " in capsys.readouterr().err


def test_progress_in_english():
    from gklint.runner import Progress

    class Tty:
        text = ""

        def isatty(self):
            return True

        def write(self, s):
            self.text += s

        def flush(self):
            pass

    stream = Tty()
    p = Progress(10, stream, lang="en")
    p.enabled = True  # whatever CI says
    p.step()
    assert "Checking 1/10" in stream.text


def test_html_page_labels_in_english(capsys):
    _, en = run(capsys, "check", "--no-cache", "--format", "html", "--lang", "en", str(SEEDS))
    _, zh = run(capsys, "check", "--no-cache", "--format", "html", str(SEEDS))
    assert '<html lang="en">' in en and '<html lang="zh-CN">' in zh
    labels_zh = ["问题（按报告部分）", "表格（按 gklint 读到的内容重绘）", "<dt>标题</dt>", "<dt>机关</dt>",
                 "<dt>年度</dt>", "<dt>表格格式</dt>", "标记：", "有问题的单元格", "检查 5 个文件", "文件一览",
                 "按规则统计", "规则说明", "<th>项目</th>", "行第", ">错误 "]
    labels_en = ["Findings (by report section)", "Tables (redrawn from what gklint read)", "<dt>Title</dt>",
                 "<dt>Agency</dt>", "<dt>Year</dt>", "<dt>Table format</dt>", "Legend: ", "cell with a problem",
                 "Checked 5 file(s)", "<h2>Files</h2>", "<h2>By rule</h2>", "<h2>Rule descriptions</h2>",
                 "<th>Item</th>", ", column ", ">error "]
    for zh_label, en_label in zip(labels_zh, labels_en):
        assert zh_label in zh and zh_label not in en, zh_label
        assert en_label in en, en_label
    own = re.findall(r"<h[13]>([^<]*)</h[13]>|<dt>([^<]*)</dt>|<title>([^<:]*)", en)  # h2, h4, th: report text
    assert own and not any(CJK.search("".join(o)) for o in own)
    assert "“（一）予以公开”" in en  # the report's own text stays Chinese



@pytest.mark.parametrize("file,old,new,where,message", [
    ("gov-2021.yaml", "rows: [licensing]", "rows: [nope]", "tables.t2_5.rows.0", "row 'nope' is not defined in row_defs"),
    ("gov-2021.yaml", "template: \"2021\"\n", "", "template", "required but missing"),
    ("common.yaml", "assert: t4[ALL][F05] = sum(t4[ALL][F01..F04])", "assert: t4[ALL][F05] = sum(t4[ALL][F01..F99])",
     "relations.3.assert", "unknown column 'F99'"),
    ("common.yaml", "assert: t3[$row][C7] = sum(t3[$row][C1..C6])", "assert: t3[$row][C7] == C1",
     "relations.1.assert", "cannot parse the equation"),
    ("gov-2021.yaml", "kind: amount, units: [万元]", "kind: money", "tables.t2_8.columns.0.kind", "kind should be"),
])
def test_pack_errors_in_english(tmp_path, capsys, file, old, new, where, message):
    packs = copy_packs(tmp_path)
    edit_text(packs / file, old, new)
    seed = str(next(SEEDS.glob("001_*")))
    assert main(["check", "--no-cache", "--lang", "en", "--pack", str(packs / "gov-2021.yaml"), seed]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gklint: rule pack error: {packs / file}:"), err
    assert f": {where}: {message}" in err and not unquoted_cjk(err), err
    assert main(["check", "--no-cache", "--pack", str(packs / "gov-2021.yaml"), seed]) == 2
    assert "gklint: 规则包错误: " in capsys.readouterr().err  # Chinese stays the default


@pytest.mark.parametrize("body,key,message", [
    ('fail-on = "sometimes"\n', "fail-on", 'should be error, warning, info or never, got "sometimes"'),
    ('selct = ["GK3"]\n', "selct", "unknown setting (did you mean select?)"),
    ('select = ["GK999"]\n', "select[1]", "no rule code starts with GK999"),
    ('packs = ["missing.yaml"]\n', "packs[1]", "rule pack error: "),
    ('[[suppress]]\ncode = "GK302"\nfile = "a.txt"\n', "suppress[1]", "reason is missing"),
])
def test_config_errors_in_english(tmp_path, capsys, monkeypatch, body, key, message):
    seed = tmp_path / "a.txt"
    shutil.copy(next(SEEDS.glob("001_*")), seed)
    config = tmp_path / "gklint.toml"
    config.write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-cache", "--lang", "en", str(seed)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"gklint: configuration error: {config}:"), err
    assert f": {key}: {message}" in err and not unquoted_cjk(err), err
    assert main(["check", "--no-cache", str(seed)]) == 2
    assert "gklint: 配置错误: " in capsys.readouterr().err  # Chinese stays the default
