"""PDF pages read from PDFium (readers/pdfium.py): which pages it reads, and that what it reads is
what pdfplumber reads — lines, tables, origins and findings — including on hostile files."""

from __future__ import annotations

import io

import pytest

from readers_fixtures import FONT, TEXT_PAGE, minimal_pdf

pdfplumber = pytest.importorskip("pdfplumber")
pytest.importorskip("pypdfium2")

from gklint.readers import pdfium  # noqa: E402
from gklint.readers.pdf import read_pdf  # noqa: E402

# A 3 × 2 grid of ruled cells with a number in each, under a line of text.
GRID = b" ".join(f"{x} {y} 100 20 re S".encode() for x in (72, 172, 272) for y in (600, 620))
CELLS = b" ".join(f"BT /F1 10 Tf {x + 10} {y + 6} Td ({x + y}) Tj ET".encode() for x in (72, 172, 272) for y in (600, 620))
TABLE_PAGE = TEXT_PAGE + b" " + GRID + b" " + CELLS
UNDERLINED = TEXT_PAGE + b" 72 715 m 400 715 l S"  # a rule across, none down: no table can be drawn


def pages(data: bytes):
    pdf = pdfplumber.open(io.BytesIO(data))
    return pdf, pdfium.Document(data)


def plumber_only(monkeypatch, data: bytes):
    """What the reader gives with every page read by pdfplumber, as before PDFium."""
    with monkeypatch.context() as m:
        m.setattr(pdfium.Document, "page", lambda self, index, page: None)
        return read_pdf("r.pdf", data)


def same(a, b) -> None:
    assert (a.lines, a.origins, a.fatal, a.meta) == (b.lines, b.origins, b.fatal, b.meta)
    assert [(f.code, f.message) for f in a.findings] == [(f.code, f.message) for f in b.findings]


def test_page_with_a_ruled_table_goes_to_the_table_finder_and_finds_pdfplumbers_cells():
    pdf, doc = pages(minimal_pdf([TABLE_PAGE], FONT))
    plain = doc.page(0, pdf.pages[0])
    assert plain is not None and plain.ruled
    ours, theirs = plain.find_tables(), pdf.pages[0].find_tables()
    assert [t.extract() for t in ours] == [t.extract() for t in theirs] != []
    assert [v for t in ours for v in t.bbox] == pytest.approx([v for t in theirs for v in t.bbox], abs=0.01)


@pytest.mark.parametrize("content", [TEXT_PAGE, UNDERLINED])
def test_page_without_rules_both_ways_skips_the_table_finder(content):
    pdf, doc = pages(minimal_pdf([content], FONT))
    plain = doc.page(0, pdf.pages[0])
    assert plain is not None and not plain.ruled and plain.find_tables() == []
    assert pdf.pages[0].find_tables() == []  # pdfplumber agrees: nothing was skipped


def test_characters_are_placed_where_pdfminer_places_them():
    data = minimal_pdf([TABLE_PAGE], FONT).replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [10 100 605 942]")
    pdf, doc = pages(data)
    ours, theirs = doc.page(0, pdf.pages[0]).chars, pdf.pages[0].chars
    assert [c["text"] for c in ours] == [c["text"] for c in theirs]
    for key in ("x0", "x1", "top", "bottom"):
        assert [c[key] for c in ours] == pytest.approx([c[key] for c in theirs], abs=0.01)


@pytest.mark.parametrize("change", [
    (b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate 90"),  # rotated page
    (b"/Subtype /Type1 /BaseFont /Helvetica", b"/Subtype /Type3 /BaseFont /Helvetica"),  # a Type3 font
    (b"/Subtype /Type1 /BaseFont /Helvetica", b"/Subtype /Type0 /BaseFont /Helvetica"),  # composite, no /ToUnicode
    (b"72 720 Td", b"0 1 -1 0 72 720 Tm"),  # text set sideways
])
def test_pages_pdfium_cannot_stand_in_for_go_to_pdfplumber(monkeypatch, change):
    data = minimal_pdf([TABLE_PAGE], FONT).replace(*change)
    pdf, doc = pages(data)
    assert doc.page(0, pdf.pages[0]) is None
    same(read_pdf("r.pdf", data), plumber_only(monkeypatch, data))


@pytest.mark.parametrize("content", [
    TABLE_PAGE,
    UNDERLINED,
    b"BT /F1 12 Tf 1e38 1e38 Td (far away) Tj ET " + TEXT_PAGE,  # text off any page
    b"0 0 1e38 1e38 re S 1e38 0 m -1e38 0 l S " + TABLE_PAGE,  # rules of absurd size
    b"q 0 0 0 0 0 0 cm 72 700 m 400 700 l S Q " + TABLE_PAGE,  # a degenerate matrix
    b"72 700 m 100 720 150 680 200 700 c 72 650 m 72 400 l h S " + TABLE_PAGE,  # curves and a closed line
    b"BT /F1 12 Tf 72 720 Td (unterminated " + GRID,  # a broken string
    b"BT /F9 12 Tf 72 720 Td (no such font) Tj ET " + TABLE_PAGE,
])
def test_same_reading_as_pdfplumber_on_odd_and_hostile_pages(monkeypatch, content):
    data = minimal_pdf([content, TABLE_PAGE], FONT)
    same(read_pdf("r.pdf", data), plumber_only(monkeypatch, data))


def test_file_pdfium_cannot_open_is_read_by_pdfplumber(monkeypatch):
    def refuse(self, data):
        raise RuntimeError("PDFium refuses")

    data = minimal_pdf([TABLE_PAGE], FONT)
    monkeypatch.setattr(pdfium.Document, "__init__", refuse)
    src = read_pdf("r.pdf", data)
    assert src.lines and not src.fatal


def test_page_pdfium_fails_on_is_read_by_pdfplumber(monkeypatch):
    data = minimal_pdf([TABLE_PAGE], FONT)
    expected = plumber_only(monkeypatch, data)

    def broken(*args):
        raise OSError("PDFium failed")

    monkeypatch.setattr(pdfium, "_chars", broken)
    same(read_pdf("r.pdf", data), expected)


def test_text_overprinted_as_fake_bold_is_read_once(monkeypatch):
    """The one place the readings differ by design: a line drawn twice a fraction of a point apart
    (bold faked by overprinting) is one line to PDFium; pdfminer reads every letter twice."""
    bold = b"BT /F1 12 Tf 72 720 Td (Annual report) Tj ET BT /F1 12 Tf 72.3 720 Td (Annual report) Tj ET"
    data = minimal_pdf([bold + b" " + TEXT_PAGE.replace(b"720", b"700")], FONT)
    assert read_pdf("r.pdf", data).lines[0] == "Annual report"
    assert plumber_only(monkeypatch, data).lines[0] == "AAnnnnuuaall rreeppoorrtt"


@pytest.mark.parametrize("name", ["hzq2023_working.pdf", "hzq2024_working.pdf", "szfgs2024.pdf"])
def test_corpus_pages_are_read_from_pdfium_as_pdfminer_reads_them(name):
    """Every page of the published reports: WPS fonts at a scale of 0.05, one text object per
    character, a table cell set in a vertical font beside horizontal text of the same font name."""
    from conftest import CORPUS

    path = CORPUS / "pdf" / name
    if not path.exists():
        pytest.skip("shared corpus not present")
    pdf, doc = pages(path.read_bytes())
    for index, page in enumerate(pdf.pages):
        plain = doc.page(index, page)
        assert plain is not None, index
        # PDFium may order the characters of a line otherwise (the lines sort them); its advance
        # of a glyph can be a fraction of a point off the font's /Widths (at most 0.19 pt here)
        ours, theirs = (sorted(p, key=lambda c: (round(c["top"]), c["x0"])) for p in (plain.chars, page.chars))
        assert [c["text"] for c in ours] == [c["text"] for c in theirs]
        for key, tolerance in (("x0", 0.01), ("top", 0.01), ("bottom", 0.01), ("x1", 0.25)):
            assert [c[key] for c in ours] == pytest.approx([c[key] for c in theirs], abs=tolerance), (index, key)
        assert [t.extract() for t in plain.find_tables()] == [t.extract() for t in page.find_tables()]


def test_page_text_in_one_call_is_the_characters_codes():
    """PDFium's page text (`_codes`) against its characters' codes one by one, on the test
    pages (one with control characters, which PDFium leaves out of its text) and every corpus
    page; where the two could part it answers None and the codes are asked per character."""
    import pypdfium2.raw as raw

    from conftest import CORPUS

    files = [minimal_pdf([TABLE_PAGE, UNDERLINED, b"BT /F1 12 Tf 72 700 Td (a\002b\003c) Tj ET " + TEXT_PAGE], FONT)]
    files += [p.read_bytes() for p in sorted((CORPUS / "pdf").glob("*.pdf"))]
    answered = 0
    for data in files:
        _, doc = pages(data)
        for index in range(len(doc.doc)):
            textpage = doc.doc[index].get_textpage()
            count = raw.FPDFText_CountChars(textpage.raw)
            codes = pdfium._codes(raw, textpage.raw, count)
            if codes is not None:
                assert codes == [raw.FPDFText_GetUnicode(textpage.raw, i) for i in range(count)]
                answered += 1
    assert answered >= 16  # every corpus page


def _char(text, x0, top, width=6.0, size=10.0, upright=True):
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size, "doctop": top,
            "upright": upright, "size": size, "object_type": "char"}


def _plumber_lines(chars):
    from pdfplumber.utils import chars_to_textmap

    return chars_to_textmap(chars, layout=False).extract_text_lines(strip=True, return_chars=False)


def _same_words_and_lines(chars) -> None:
    from pdfplumber.utils import extract_text

    from gklint.readers import pdfwords
    from gklint.readers.pdf import _cell_text

    assert pdfwords.readable(chars)
    assert pdfwords.text_lines(list(chars)) == _plumber_lines(list(chars))
    assert pdfwords.text(list(chars)) == _cell_text(list(chars), extract_text) == extract_text(list(chars))


@pytest.mark.parametrize("chars", [
    [_char("1", 10, 5)],
    [_char(" ", 10, 5)],
    [_char("\ufb01", 10, 5)],  # a ligature: expanded
    [_char(t, 10 + 6 * i, 5) for i, t in enumerate("12 34")],  # a blank breaks the word
    [_char("a", 10, 5), _char("b", 20, 5), _char("c", 26, 5)],  # a gap of more than 3 pt
    [_char("b", 16, 5), _char("a", 10, 5), _char("c", 14, 5)],  # out of order, overlapping
    [_char("a", 10, 5), _char("b", 16, 5.5)],  # two tops of one line
    [_char("a", 10, 5), _char("b", 16, 20)],  # two lines
    [_char("a", 10, 5), _char("b", 16, 7.5), _char("c", 22, 10), _char("d", 40, 10)],  # a chain of tops
    [_char("a", 10, 10), _char("b", 16, 7), _char("c", 60, 13), _char("d", 30, 4)],  # words' tops apart
    [_char("b", 10, 20), _char("a", 10, 5), _char("c", 10, 20.5)],  # lines given bottom first
])
def test_words_and_lines_are_pdfplumbers(chars):
    _same_words_and_lines(chars)


def test_words_and_lines_are_pdfplumbers_on_random_characters():
    """Places on a coarse grid, so that tops and gaps fall on pdfplumber's tolerances and tie."""
    import random

    rng = random.Random(13)
    for _ in range(400):
        chars = [_char(rng.choice("ab \ufb01一"), rng.randrange(0, 40) / 2, rng.randrange(0, 30) / 2,
                       width=rng.choice([1.0, 2.5, 3.0, 6.0])) for _ in range(rng.randrange(1, 12))]
        _same_words_and_lines(chars)


def test_not_upright_or_not_finite_characters_are_left_to_pdfplumber():
    from pdfplumber.utils import extract_text

    from gklint.readers import pdfwords
    from gklint.readers.pdf import _cell_text

    for chars in ([_char("a", 10, 5), _char("b", 16, 5, upright=False)], [_char("a", float("nan"), 5)],
                  [_char("a", 1e308, 5, width=1e308)]):
        assert not pdfwords.readable(chars)
        assert _cell_text(list(chars), extract_text) == extract_text(list(chars))


def test_words_and_lines_are_pdfplumbers_on_every_page():
    """pdfwords against pdfplumber's line grouping and text on the test pages and every corpus
    page, with PDFium's characters and with pdfminer's."""
    from conftest import CORPUS

    files = [minimal_pdf([TABLE_PAGE, UNDERLINED], FONT)]
    files += [p.read_bytes() for p in sorted((CORPUS / "pdf").glob("*.pdf"))]
    lines = 0
    for data in files:
        pdf, doc = pages(data)
        for index, page in enumerate(pdf.pages):
            for chars in (doc.page(index, page).chars, page.chars):
                _same_words_and_lines(chars)
                lines += len(_plumber_lines(chars))
    assert lines > 100


def test_cells_placed_once_and_found_by_columns_and_rows_as_pdfplumber_finds_them():
    """The reader's rule merging (_merged), cell finder (_cells) and cell placement (_extract)
    against pdfplumber's, on the test pages and every corpus page: rules snapped and joined,
    merged cells, characters on borders, empty cells."""
    from pdfplumber.table import TableFinder, TableSettings, cells_to_tables

    from conftest import CORPUS
    from gklint.readers.pdf import _extract

    split = b"72 500 m 150 500 l S 151.5 500.5 m 300 500.5 l S 72 400 m 72 520 l S 73 380 m 73 450 l S"
    files = [minimal_pdf([TABLE_PAGE, split + b" " + TABLE_PAGE], FONT)]
    files += [p.read_bytes() for p in sorted((CORPUS / "pdf").glob("*.pdf"))]
    tables = 0
    for data in files:
        pdf, doc = pages(data)
        for index, page in enumerate(pdf.pages):
            plain = doc.page(index, page)
            finder = TableFinder(plain, TableSettings.resolve(None))
            assert pdfium._merged(plain.edges, finder.settings) == finder.edges
            assert pdfium._cells(finder.intersections) == finder.cells
            assert pdfium._tables(finder.cells) == cells_to_tables(finder.cells)
            for table in finder.tables:
                assert _extract(table, table.rows)[0] == table.extract()
                assert sorted({c[0] for c in table.cells}) == [col.bbox[0] for col in table.columns]  # _grid's xs
                tables += 1
    assert tables > 0


def test_cells_gathered_into_tables_as_pdfplumber_gathers_them():
    """_tables against pdfplumber's `cells_to_tables` on random cells of a small grid: cells
    touching at corners only, apart, one inside another, given in any order."""
    import random

    from pdfplumber.table import cells_to_tables

    rng = random.Random(13)
    for _ in range(300):
        cells = set()
        for _ in range(rng.randrange(0, 14)):
            x, y = rng.randrange(0, 6), rng.randrange(0, 6)
            cells.add((x, y, x + rng.randrange(1, 3), y + rng.randrange(1, 3)))
        cells = sorted(cells, key=lambda c: rng.random())
        assert pdfium._tables(list(cells)) == cells_to_tables(list(cells))
