"""GK8xx cross-year rules: a report against the same body's report for the year before, by
`--previous FILE` or paired automatically within one run (same agency, consecutive years)."""

from __future__ import annotations

import json
import shutil

from conftest import CORPUS, lint, seed
from gklint.checks.crossyear import check_pair
from gklint.checks.crossyear.text_copied_from_last_year import narrative, similarity
from gklint.cli import main

R02 = "二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0"
R25 = "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0"
NORMATIVE = "行政规范性文件\t0\t0\t0"


def make(tmp_path, name, year=2023, r02=None, r25=None, normative=None, agency=None, numbers=False):
    """Seed 002 (太康县卫健委 2023, TSV tables) with its year, some cells, agency or text figures edited."""
    text = seed("002").read_text(encoding="utf-8")
    for old, new in ((R02, r02), (R25, r25), (NORMATIVE, normative)):
        if new is not None:
            assert text.count(old) == 1
            text = text.replace(old, new)
    text = text.replace("2023", str(year))
    if agency:
        text = text.replace("太康县卫健委", agency)
    if numbers:  # figures in the text change from year to year; the wording does not
        text = text.replace("全年公开政府信息 64 条，其中行政许可 9 项、行政处罚 55 条", "全年公开政府信息 80 条，其中行政许可 12 项、行政处罚 68 条")
        text = text.replace("专职人员 1 名，兼职人员 1 名", "专职人员 2 名，兼职人员 3 名")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def report(path):
    return lint(path).report


def codes(findings, prefix="GK8"):
    return [f.code for f in findings if f.code.startswith(prefix)]


def run(capsys, *argv):
    code = main(["check", "--no-cache", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


# --- the rules, on pairs of parsed reports -------------------------------------------------------

def test_gk801_carry_over_mismatch_names_both_files_column_and_values(tmp_path):
    last = report(make(tmp_path, "last.txt", 2022, r25="四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2"))
    this = report(make(tmp_path, "this.txt", 2023))
    found = [f for f in check_pair(this, last) if f.code == "GK801"]
    assert [f.data["cell"] for f in found] == ["t3[R02][C1]", "t3[R02][C7]"]
    f = found[0]
    assert f.severity == "warning" and "last.txt" in f.message and "自然人" in f.message
    assert "为 0" in f.message and "为 2" in f.message
    assert f.data["previous"] == last.path and f.data["expected"] == "2" and f.data["actual"] == "0"
    assert f.line == next(i for i, t in enumerate(open(this.path, encoding="utf-8"), 1) if t.startswith("二、上年结转"))


def test_gk801_silent_when_carry_over_matches_or_a_cell_is_blank(tmp_path):
    last = report(make(tmp_path, "last.txt", 2022, r25="四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2"))
    same = report(make(tmp_path, "same.txt", 2023, r02="二、上年结转政府信息公开申请数量\t\t2\t0\t0\t0\t0\t0\t2"))
    assert codes(check_pair(same, last), "GK801") == []
    blank = report(make(tmp_path, "blank.txt", 2022, r25="四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t2"))
    this = report(make(tmp_path, "this.txt", 2023))
    assert [f.data["cell"] for f in check_pair(this, blank) if f.code == "GK801"] == ["t3[R02][C7]"]  # C1 blank: not checked


def test_gk802_roll_forward_of_documents_in_force(tmp_path):
    last = report(make(tmp_path, "last.txt", 2022, normative="行政规范性文件\t2\t0\t10"))
    fits = report(make(tmp_path, "fits.txt", 2023, normative="行政规范性文件\t3\t1\t12"))
    assert codes(check_pair(fits, last), "GK802") == []
    off = report(make(tmp_path, "off.txt", 2023, normative="行政规范性文件\t3\t1\t15"))
    (f,) = [f for f in check_pair(off, last) if f.code == "GK802"]
    assert f.severity == "info" and f.data["cell"] == "t2_1[normative][in_force]"
    assert "10 + 本年制发 3 − 本年废止 1 = 12" in f.message and "last.txt" in f.message


def test_gk802_only_when_both_reports_use_the_2021_layout(tmp_path):
    old = report(seed("003"))  # 2020, 2019 layout: its t2_1 has no 现行有效件数
    assert old.layout.template == "2019"
    this = report(make(tmp_path, "this.txt", 2021, normative="行政规范性文件\t3\t1\t15"))
    assert codes(check_pair(this, old), "GK802") == []
    # Control: the same report against a previous one in the 2021 layout is compared.
    new = report(make(tmp_path, "new.txt", 2020, normative="行政规范性文件\t2\t0\t10"))
    assert new.layout.template == "2021" and codes(check_pair(this, new), "GK802") == ["GK802"]


def test_gk803_same_text_with_other_numbers_and_year(tmp_path):
    last = report(make(tmp_path, "last.txt", 2022))
    this = report(make(tmp_path, "this.txt", 2023, numbers=True))
    assert "80" in open(this.path, encoding="utf-8").read()
    (f,) = [f for f in check_pair(this, last) if f.code == "GK803"]
    assert f.severity == "warning" and "last.txt" in f.message and f.data["similarity"] >= 0.9


def test_gk803_silent_on_genuinely_different_texts_of_one_body(tmp_path):
    r004, r006, r008 = (report(CORPUS / f"{n}.txt") for n in ("r004", "r006", "r008"))
    assert similarity(narrative(r006), narrative(r004)) < 0.5
    assert codes(check_pair(r006, r004), "GK803") == []
    assert codes(check_pair(r008, r006), "GK803") == []
    # Control: r006 against itself as last year's report, with other years, is a copy.
    copy = tmp_path / "r006-copy.txt"
    copy.write_text((CORPUS / "r006.txt").read_text(encoding="utf-8").replace("2023", "2022"), encoding="utf-8")
    assert codes(check_pair(r006, report(copy)), "GK803") == ["GK803"]


def test_narrative_ignores_numbers_and_years(tmp_path):
    a, b = report(make(tmp_path, "a.txt", 2022)), report(make(tmp_path, "b.txt", 2023, numbers=True))
    assert narrative(a) == narrative(b) and len(narrative(a)) > 200
    assert not any(c.isdigit() for c in narrative(a))


# --- the command line: --previous and automatic pairing ------------------------------------------

def test_cli_pairs_same_agency_consecutive_years_in_a_directory(tmp_path, capsys):
    make(tmp_path, "a.txt", 2022, r25="四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2")
    make(tmp_path, "b.txt", 2023, numbers=True)
    code, out, _ = run(capsys, tmp_path, "--select", "GK8")
    assert main(["check", str(tmp_path), "--select", "GK8"]) == 0  # fills the cache: models not kept
    assert main(["check", str(tmp_path), "--select", "GK8"]) == 0  # cache hits are parsed again for the pair
    assert capsys.readouterr()[0].count("GK80") == 2 * 3
    lines = out.splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines[:-1]] == ["GK803", "GK801", "GK801"]
    assert all(line.startswith(str(tmp_path / "b.txt")) for line in lines[:-1])  # the later year's file
    assert code == 0  # warnings only


def test_cli_no_pairing_two_years_apart_or_other_agency(tmp_path, capsys):
    shutil.copy(CORPUS / "r004.txt", tmp_path / "r004.txt")  # 2021
    shutil.copy(CORPUS / "r006.txt", tmp_path / "r006.txt")  # 2023: not the year after
    make(tmp_path, "a.txt", 2022, r25="四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2")
    make(tmp_path, "b.txt", 2023, agency="西华县卫健委")  # same text, other body
    code, out, _ = run(capsys, tmp_path, "--select", "GK8")
    assert "GK8" not in out
    # Control: a report of the same agency for the year after a.txt is paired with it.
    make(tmp_path, "c.txt", 2023)
    _, out, _ = run(capsys, tmp_path, "--select", "GK8")
    assert "GK801" in out and all(line.startswith(str(tmp_path / "c.txt")) for line in out.splitlines()[:-1])


def test_cli_previous_option(tmp_path, capsys):
    last = make(tmp_path, "last.txt", 2022, r25="四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2", agency="太康县卫生健康委员会")
    this = make(tmp_path, "this.txt", 2023)
    code, out, err = run(capsys, this, "--previous", last, "--select", "GK8", "--format", "json")
    (entry,) = json.loads(out)["files"]
    assert sorted(f["code"] for f in entry["findings"]) == ["GK801", "GK801", "GK803"]
    assert all(f["previous"] == str(last) for f in entry["findings"])
    assert entry["path"] == str(this)  # the previous file's own findings are not reported


def test_cli_previous_of_another_year_is_not_compared(tmp_path, capsys):
    last = make(tmp_path, "last.txt", 2021)
    this = make(tmp_path, "this.txt", 2023)
    code, out, err = run(capsys, this, "--previous", last, "--select", "GK8")
    assert "GK8" not in out and "2022" in err
    # Control: the same previous report is compared with the report for the year after it.
    _, out, err = run(capsys, make(tmp_path, "next.txt", 2022), "--previous", last, "--select", "GK8")
    assert "GK803" in out and not err


def test_cli_previous_missing_file_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, make(tmp_path, "this.txt"), "--previous", tmp_path / "nope.txt")
    assert code == 2 and "--previous" in err


def test_cli_configuration_applies_to_cross_year_findings(tmp_path, capsys):
    make(tmp_path, "a.txt", 2022, r25="四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2")
    make(tmp_path, "b.txt", 2023)
    _, out, _ = run(capsys, tmp_path, "--select", "GK8", "--ignore", "GK801")
    assert "GK803" in out and "GK801" not in out
    code, out, _ = run(capsys, tmp_path, "--select", "GK8", "--fail-on", "warning")
    assert code == 1 and "GK801" in out  # control: without --ignore the pair's GK801 is there


def test_gk803_fingerprint_does_not_depend_on_the_similarity_figure():
    from gklint.findings import Finding
    from gklint.fingerprint import fingerprint

    args = {"previous": "last.txt", "year": 2022, "threshold": "90%"}
    a = Finding("GK803", "warning", "GK803:similar", {**args, "similarity": "97%"}, data={"anchor": "narrative", "similarity": 0.97})
    b = Finding("GK803", "warning", "GK803:similar", {**args, "similarity": "93%"}, data={"anchor": "narrative", "similarity": 0.93})
    assert a.message != b.message
    assert fingerprint(a, None) == fingerprint(b, None)


def test_rule_data_never_overwrites_core_json_keys():
    from gklint.findings import Finding

    args = {"row": "二、上年结转政府信息公开申请数量", "col": "自然人", "value": "0", "previous": "last.txt", "year": 2022,
            "previous_row": "四、结转下年度继续办理", "previous_value": "2"}
    f = Finding("GK801", "warning", "GK801:differs", args, 7, 3, data={"column": "C1", "line": 99})
    out = f.to_json()
    assert (out["line"], out["column"]) == (7, 3)
