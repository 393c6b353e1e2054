"""Every format gives the same findings: the same generated report written as text, as a web page
and as a Word file; and one `gklint check` run over a mix of formats and directories."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, codes, lint, seed
from gklint.cli import main
from readers_fixtures import fill_template, html_page, report_blocks, report_docx, seed_blocks
from strategies import LAYOUTS, mutations, render, reports, suffix


def signature(result):
    """Codes and table paths of the findings: what must not depend on the file format."""
    return sorted((f.code, f.data.get("table"), f.data.get("cell"), f.data.get("row"), f.data.get("section"),
                   f.data.get("relation"), f.data.get("binding")) for f in result.findings)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_txt_html_and_docx_give_the_same_findings(tmp_path, data):
    report = data.draw(reports(), label="report")
    if data.draw(st.booleans(), label="mutate"):
        report, _, _ = data.draw(mutations(report), label="mutation")  # so there are GK3xx findings too
    layout = data.draw(st.sampled_from(LAYOUTS), label="text layout")
    text = tmp_path / ("r" + suffix(layout))
    text.write_text(render(report, layout), encoding="utf-8")
    page = tmp_path / "r.html"
    page.write_text(html_page(report_blocks(report), pubdate=f"{report.year + 1}-01-20 09:00:00"), encoding="utf-8")
    word = tmp_path / "r.docx"
    word.write_bytes(report_docx(report))  # headings numbered by Word, numbers split across runs
    expected = signature(lint(text))
    assert signature(lint(page)) == expected
    assert signature(lint(word)) == expected


def test_one_run_over_every_format(tmp_path, capsys):
    """Files and directories mixed; unsupported and damaged files get their finding, the others
    are checked; JSON findings of structured files are located in the document, of text files by line."""
    d = tmp_path / "reports"
    d.mkdir()
    (d / "a.txt").write_text(seed("001").read_text(encoding="utf-8"), encoding="utf-8")
    (d / "b.md").write_text(seed("002").read_text(encoding="utf-8"), encoding="utf-8")
    fill_template(seed_blocks(seed("001").read_text(encoding="utf-8")), d / "c.docx")
    blocks = seed_blocks(seed("001").read_text(encoding="utf-8"))
    (d / "d.html").write_text(html_page(blocks, pubdate="2022-01-20 09:00:00"), encoding="utf-8")
    (d / "e.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (d / "f.pdf").write_bytes(b"%PDF-1.4 broken")
    (d / "notes.csv").write_text("not a report", encoding="utf-8")  # not a report suffix: skipped
    pdf = CORPUS / "pdf" / "hzq2024_working.pdf"
    out = tmp_path / "out.json"
    status = main(["check", str(d), str(pdf), "--format", "json", "-o", str(out)])
    assert status == 1
    files = {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(out.read_text(encoding="utf-8"))["files"]}
    assert sorted(files) == ["a.txt", "b.md", "c.docx", "d.html", "e.doc", "f.pdf", "hzq2024_working.pdf"]
    assert [f["code"] for f in files["e.doc"]["findings"]] == ["GK009"]
    assert [f["code"] for f in files["f.pdf"]["findings"]] == ["GK011"]
    same = [f["code"] for f in files["a.txt"]["findings"]]
    assert [f["code"] for f in files["c.docx"]["findings"]] == same
    assert [f["code"] for f in files["d.html"]["findings"]] == same
    in_document = {"paragraph", "table", "page"}
    assert all(in_document & set(f["location"]) for name in ("c.docx", "d.html", "hzq2024_working.pdf")
               for f in files[name]["findings"])
    assert all(set(f["location"]) == {"line", "column", "where"} for f in files["a.txt"]["findings"])
    assert files["hzq2024_working.pdf"]["year"] == 2024
    capsys.readouterr()


def test_text_output_starts_with_the_place_in_the_document(tmp_path, capsys):
    path = fill_template(seed_blocks(seed("001").read_text(encoding="utf-8")), tmp_path / "r.docx")
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert f"{path}:表2 第6行 第9列: GK302 " in out and "原文位置" not in out
    assert codes(lint(path)) == codes(lint(seed("001")))
