"""The fuzz suite for documents: hostile .docx, .html, .pdf, .txt and .md files built by hypothesis
from mutated real reports (../shared/seeds, ../shared/corpus with its docx/ and pdf/) and from
crafted markup (deep nesting, huge spans, numbering values, symbols, charsets, comments, unclosed
tags, zip bombs, truncated zips, surrogates, control characters, binary noise).

Properties, for every case: the check finishes in the liveness guard (tests/liveness.py: 30 s and
2 GB for an input under 100 KB) without a traceback and without GK010, every finding has the file
and a line and column, every output format renders, and the input is unchanged (hashed before and
after). One test makes a rule crash on purpose, where GK010 must appear.

CI runs a fixed, small number of derandomized examples per strategy (no example database). The long
run (docs/usage.md, "Input bounds"): GKLINT_FUZZ_EXAMPLES=4000 python -m pytest tests/test_fuzz_documents.py
-p no:cacheprovider --hypothesis-show-statistics; GKLINT_FUZZ_SEED=N for another sequence,
GKLINT_FUZZ_LOG=file for a line per case.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from conftest import SHARED
from liveness import Guard
from readers_fixtures import FONT, TEXT_PAGE, W_NS, minimal_pdf, ooxml_docx

SEEDS = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("r*.txt")) + \
    sorted(p for p in (SHARED / "corpus" / "wild").glob("*") if p.suffix in (".txt", ".md"))
DOCX = sorted((SHARED / "corpus" / "docx").glob("*.docx"))
PDFS = sorted((SHARED / "corpus" / "pdf").glob("*.pdf"))

EXAMPLES = int(os.environ.get("GKLINT_FUZZ_EXAMPLES", "0"))
LONG = EXAMPLES > 0
LOG = os.environ.get("GKLINT_FUZZ_LOG")  # a file: one line per case (suffix, bytes, seconds, MB, problem)
FUZZ = settings(
    max_examples=EXAMPLES or 25, deadline=None, database=None,
    derandomize=not LONG and "GKLINT_FUZZ_SEED" not in os.environ,
    # The long run reports every failing case at once; shrinking a 30 s hang would take hours.
    phases=[Phase.explicit, Phase.generate] if LONG else [Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck), print_blob=True)
if "GKLINT_FUZZ_SEED" in os.environ:
    from hypothesis import seed as _seed

    def _seeded(test):
        return _seed(int(os.environ["GKLINT_FUZZ_SEED"]))(test)
else:
    def _seeded(test):
        return test

_names = itertools.count()


@pytest.fixture(scope="module")
def guard():
    # Every format but the HTML report, which takes 0.7 s a case and renders the same message texts.
    g = Guard(formats=("text", "json", "sarif", "junit", "json-lines", "github", "gitlab"))
    yield g
    g.close()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(guard, workdir: Path, data: bytes, ext: str, crash: str | None = None):
    """Write the case, check it in the guard, and fail with what went wrong."""
    path = workdir / f"case{next(_names)}{ext}"
    path.write_bytes(data)
    before = _digest(path)
    outcome = guard.check(path, crash=crash)
    problem = outcome.problem(crash=crash is not None)
    if LOG:  # one line per case, so that a long run stopped early still says how far it got
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(f"{ext}\t{len(data)}\t{outcome.seconds:.2f}\t{outcome.peak >> 20}\t{problem or 'ok'}\n")
    assert problem is None, f"{ext}, {len(data)} bytes, kept at {path}: {problem}"
    assert _digest(path) == before, f"{path} was changed by the check"
    path.unlink()
    return outcome


# -- building blocks -------------------------------------------------------------------------------

HOSTILE_TEXT = ["\ud800", "\udfff", "\x00", "\x1b[31m", "\u202e", "\ufeff", "\u200b", "\r", "\x0c",
                "一二三四五六七八九十百千万" * 40, " " * 3000, "\u3000" * 500, "[bookmark:" * 300,
                "{ PAGE }", "2023年" * 200, "（一）" * 200, "第1页共2页" * 50, "9" * 5000, "、" * 500,
                "本年度共收到政府信息公开申请" + "十" * 2000 + "件", "关于 " * 500]
ENCODINGS = ["utf-8", "utf-16", "utf-16-le", "gb18030", "big5", "utf-32", "latin-1", "utf-8-sig", "utf-7"]


@st.composite
def hostile_text(draw) -> str:
    """Report prose with hostile pieces spliced in."""
    base = draw(st.sampled_from(SEEDS)).read_text(encoding="utf-8", errors="replace")
    cut = draw(st.integers(0, len(base)))
    base = base[:cut] if draw(st.booleans()) else base
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(base)))
        piece = draw(st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=200)))
        base = base[:at] + piece * draw(st.integers(1, 30)) + base[at:]
    return base[:90_000]


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf-") and encoding != "utf-7"
                       else "replace")


@st.composite
def mutated_bytes(draw, data: bytes) -> bytes:
    """A file's bytes flipped, cut, repeated or spliced with noise, kept under 100 KB."""
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "cut", "noise", "repeat", "zero"]))
        at = draw(st.integers(0, len(data)))
        if op == "flip" and data:
            i = min(at, len(data) - 1)
            data[i] ^= draw(st.integers(1, 255))
        elif op == "cut":
            data = data[:at] if draw(st.booleans()) else data[at:]
        elif op == "noise":
            data[at:at] = draw(st.binary(max_size=300))
        elif op == "repeat":
            piece = data[at:at + draw(st.integers(1, 64))]
            data[at:at] = piece * draw(st.integers(1, 200))
        else:
            data[at:at + draw(st.integers(1, 200))] = b"\x00" * draw(st.integers(1, 200))
    return bytes(data[:100_000])


# -- text and markdown -----------------------------------------------------------------------------

@_seeded
@FUZZ
@given(data=st.data())
def test_fuzz_text(guard, workdir, data):
    text = data.draw(hostile_text())
    raw = encode(text, data.draw(st.sampled_from(ENCODINGS)))
    if data.draw(st.booleans()):
        raw = data.draw(mutated_bytes(raw))
    check(guard, workdir, raw[:100_000], data.draw(st.sampled_from([".txt", ".md"])))


# -- Word ------------------------------------------------------------------------------------------

NUMBERS = st.one_of(st.integers(-10 ** 12, 10 ** 12).map(str), st.sampled_from(
    ["1e8", "100000000000", "9" * 5000, "-0", "", "x", "+5", "0x10", " 7 "]))
FORMATS = ["decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "chineseCounting",
           "ideographTraditional", "decimalZero", "bullet", "none", "japaneseCounting"]


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def ooxml_body(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["p", "sym", "num", "tbl", "sdt", "raw"] if depth < 3 else ["p", "sym"]))
        if kind == "p":
            parts.append(f'<w:p><w:r><w:t xml:space="preserve">{_xml_text(draw(hostile_text())[:3000])}'
                         f'</w:t></w:r></w:p>')
        elif kind == "sym":
            code = draw(st.one_of(st.sampled_from(["D800", "DFFF", "FFFFFFFF", "110000", "-1", "F020", "4E00",
                                                   "0", "x", "F" * 400]),
                                  st.integers(0, 2 ** 40).map(lambda n: f"{n:X}")))
            parts.append(f'<w:p><w:r><w:sym w:font="Symbol" w:char="{code}"/></w:r></w:p>' * draw(st.integers(1, 20)))
        elif kind == "num":
            parts.append(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{draw(NUMBERS)}"/><w:numId w:val="'
                         f'{draw(st.sampled_from(["1", "2", "9"]))}"/></w:numPr></w:pPr>'
                         f'<w:r><w:t>总体情况</w:t></w:r></w:p>' * draw(st.integers(1, 30)))
        elif kind == "tbl":
            rows = draw(st.integers(1, 300))
            cells = []
            for _ in range(draw(st.integers(1, 8))):
                span = draw(NUMBERS) if draw(st.booleans()) else "1"
                merge = draw(st.sampled_from(["", '<w:vMerge w:val="restart"/>', "<w:vMerge/>",
                                              '<w:hMerge w:val="continue"/>']))
                before = f'<w:trPr><w:gridBefore w:val="{draw(NUMBERS)}"/></w:trPr>' if draw(st.booleans()) else ""
                cells.append((before, f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/>{merge}</w:tcPr>'
                                      f'<w:p><w:r><w:t>{draw(st.integers(0, 999))}</w:t></w:r></w:p></w:tc>'))
            tr = "<w:tr>" + cells[0][0] + "".join(c for _, c in cells) + "</w:tr>"
            parts.append(f"<w:tbl><w:tblGrid>{'<w:gridCol/>' * draw(st.integers(0, 50))}</w:tblGrid>"
                         f"{tr * rows}</w:tbl>")
        elif kind == "sdt":
            inner = draw(ooxml_body(depth + 1))
            n = draw(st.integers(1, 300))
            parts.append("<w:sdt><w:sdtContent>" * n + inner + "</w:sdtContent></w:sdt>" * n)
        else:
            parts.append(draw(st.sampled_from(["<w:p>" * 2000, "</w:tbl>", "<w:tbl><w:tr><w:tc>" * 200,
                                               "&amp;#xD800;", "<w:t>\x01</w:t>"])))
    return "".join(parts)


def _numbering(draw) -> bytes:
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{draw(NUMBERS)}"/><w:numFmt w:val="{draw(st.sampled_from(FORMATS))}"/>'
        f'<w:lvlText w:val="{_xml_text(draw(st.sampled_from(["%1、", "（%1）", "%1.%2", "%9" * 500, ""])))}"/></w:lvl>'
        for i in range(draw(st.integers(1, 9))))
    override = f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{draw(NUMBERS)}"/></w:lvlOverride>'
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
            f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{override}</w:num>'
            f'<w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num></w:numbering>').encode()


def _zip_bomb(draw) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        body = b"<w:p>" + b" " * draw(st.sampled_from([2 ** 20, 30 * 2 ** 20, 90 * 2 ** 20])) + b"</w:p>"
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>'.encode() + body)
    return buf.getvalue()


@_seeded
@FUZZ
@given(data=st.data())
def test_fuzz_word(guard, workdir, data):
    kind = data.draw(st.sampled_from(["crafted", "crafted", "mutated", "bomb", "truncated"]))
    if kind == "bomb":
        raw = _zip_bomb(data.draw)
    elif kind == "mutated" and DOCX:
        raw = data.draw(mutated_bytes(data.draw(st.sampled_from(DOCX)).read_bytes()))
    else:
        body = data.draw(ooxml_body())
        decl = data.draw(st.sampled_from(["", '<?xml version="1.0" encoding="UT-8"?>',
                                          '<?xml version="1.0" encoding="utf-16"?>',
                                          '<?xml version="1.0" encoding="punycode"?>']))
        extra = {"word/numbering.xml": _numbering(data.draw)}
        if decl:
            extra["word/styles.xml"] = (decl + f'<w:styles xmlns:w="{W_NS}"/>').encode()
        raw = ooxml_docx(body, extra)
        if kind == "truncated":
            raw = raw[:data.draw(st.integers(0, len(raw)))]
    check(guard, workdir, raw[:100_000] if kind != "bomb" else raw, ".docx")


# -- web pages -------------------------------------------------------------------------------------

CHARSETS = ["utf-8", "gbk", "gb2312", "big5", "utf-16", "utf-7", "unicode_escape", "punycode", "undefined",
            "rot13", "x-user-defined", "iso-2022-kr", "utf-32", "raw_unicode_escape", "idna", "zlib"]
MARKUP = ["<a", "<a ", "<a href='", '<td rowspan="{n}" colspan="{n}">', "<table>", "</table>", "<tr>", "<td>",
          "<!--", "-->", "<![", "<![CDATA[", "<!doctype", "<?xml ", "&#", "&#x", "&#99999999999;", "&" * 50,
          "<ol start='{n}'>", "<li>", "<script>", "<style>", "</", "<div>", "<span>", "<br>", "<p>",
          "<title>", "<meta name='pubdate' content='{t}'>", "\ud800", "\x00", "<h1>一、总体情况</h1>"]


@st.composite
def html_soup(draw) -> str:
    parts = [f'<html><head><meta charset="{draw(st.sampled_from(CHARSETS))}"><title>'
             f'{draw(st.sampled_from(["某县人民政府2023年政府信息公开工作年度报告", " " * 2000, "_|" * 500]))}'
             "</title></head><body>"]
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.integers(0, 3)) == 0:
            parts.append(draw(hostile_text())[:5000].replace("\n", "<br>"))
        piece = draw(st.sampled_from(MARKUP)).replace("{n}", draw(NUMBERS)).replace("{t}", draw(st.text(max_size=30)))
        parts.append(piece * draw(st.sampled_from([1, 2, 50, 1000, 5000])))
    return "".join(parts)[:95_000]


@_seeded
@FUZZ
@given(data=st.data())
def test_fuzz_web_page(guard, workdir, data):
    page = data.draw(html_soup())
    raw = encode(page, data.draw(st.sampled_from(ENCODINGS[:6])))
    if data.draw(st.integers(0, 3)) == 0:
        raw = data.draw(mutated_bytes(raw))
    check(guard, workdir, raw[:100_000], data.draw(st.sampled_from([".html", ".htm", ".txt"])))


# -- PDF -------------------------------------------------------------------------------------------

PDF_PIECES = [b"/MediaBox [0 0 1e9 1e9]", b"/MediaBox [0 0 99999999999 9]", b"/Count 999999999",
              b"/Length 999999999", b"<<" * 2000, b"[" * 2000, b"BT /F1 12 Tf (\xd8\x00) Tj ET",
              b"/Filter /FlateDecode", b"xref\n0 1\n", b"%%EOF", b"trailer << /Root 1 0 R >>", b"0 0 obj"]


@_seeded
@FUZZ
@given(data=st.data())
def test_fuzz_pdf(guard, workdir, data):
    if PDFS and data.draw(st.booleans()):
        raw = data.draw(st.sampled_from(PDFS)).read_bytes()
        raw = raw[:data.draw(st.integers(0, 99_000))] if len(raw) > 100_000 else raw
    else:
        text = data.draw(hostile_text())[:500].encode("utf-16-be", errors="surrogatepass")
        page = TEXT_PAGE + b" BT /F1 12 Tf 72 700 Td <" + text.hex().encode() + b"> Tj ET"
        raw = minimal_pdf([page] * data.draw(st.integers(1, 5)), FONT)
    raw = bytearray(raw)
    for _ in range(data.draw(st.integers(0, 6))):
        at = data.draw(st.integers(0, len(raw)))
        raw[at:at] = data.draw(st.sampled_from(PDF_PIECES)) * data.draw(st.sampled_from([1, 3, 100]))
    raw = data.draw(mutated_bytes(bytes(raw))) if data.draw(st.booleans()) else bytes(raw)
    check(guard, workdir, raw[:100_000], ".pdf")


# -- a file of another kind under a report's name --------------------------------------------------

@_seeded
@FUZZ
@given(data=st.data())
def test_fuzz_misnamed_file(guard, workdir, data):
    """Any of the hostile inputs, or binary noise, under any suffix: sniffing must not be fooled into a crash."""
    raw = data.draw(st.one_of(st.binary(max_size=4000),
                              html_soup().map(lambda s: encode(s, "utf-8")),
                              hostile_text().map(lambda s: encode(s, "utf-16"))))
    check(guard, workdir, raw[:100_000], data.draw(st.sampled_from([".txt", ".md", ".html", ".docx", ".pdf"])))


def test_crashing_rule_is_reported_as_gk010(guard, workdir):
    """The guard tells a crash from a finish: a rule made to crash gives GK010, not a traceback."""
    raw = SEEDS[0].read_bytes()
    outcome = check(guard, workdir, raw, ".txt", crash="GK501")
    assert "GK010" in outcome.codes
