"""Growth of gklint's text scanning on worst-case inputs — run from the repository root:

    python benchmarks/regex_growth.py [--sizes 1,10,100,1000] [--budget 20]

For each family of patterns that runs on report text (lexer, parser, normalize, textscan, pack
phrases, readers), the input that made it backtrack before issue 10 (or the nearest worst case:
long runs of what the pattern repeats, with no match at the end) is built at each size in KB and
scanned --repeat times (the fastest is shown). Prints a Markdown table of seconds per size and the growth exponent between the two
largest sizes measured (1 = linear, 2 = quadratic). A size is skipped once the previous one took
more than --budget seconds. Measures, never asserts.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from gklint import lexer, normalize, parser, textscan  # noqa: E402
from gklint.checks.dates import narrative_year_wrong  # noqa: E402
from gklint.readers import _starts_as_html  # noqa: E402
from gklint.readers import pdf as pdf_reader  # noqa: E402
from gklint.readers.html import TITLE_RE, TITLE_SEPARATOR  # noqa: E402
from gklint.readers.html import charset, root, tokenizer  # noqa: E402
from gklint.reading import values  # noqa: E402


def _repeat(unit: str, kb: int, tail: str = "") -> str:
    """`unit` repeated to about `kb` KB of UTF-8, then `tail` (what makes the match fail late)."""
    n = max(1, kb * 1024 // len(unit.encode("utf-8")))
    return unit * n + tail


def _title_agency(text: str) -> None:
    from gklint.model import Report
    report = Report(path="bench")
    report.title = text
    parser._year_and_agency(report, None)


PERIOD = textscan.period_re(("统计期限", "统计数据时间段"))
PHRASE = textscan.phrase_re(["共(收到|受理)? {n} 件", "办结 {n} 件"])

# (family, pattern, the worst-case text at a size in KB, the scan)
CASES = [
    ("lexer: heading H1_RE", "一 ␣…", lambda kb: _repeat(" ", kb, "一").replace(" ", "一" + " ", 1),
     lambda s: lexer.H1_RE.match(s)),
    ("lexer: sub-heading H2_RE", "（一␣…", lambda kb: "（" + _repeat(" ", kb), lambda s: lexer.H2_RE.match(s)),
    ("parser: title year and agency", "关于␣…", lambda kb: _repeat("关于 ", kb, "20x"), _title_agency),
    ("normalize: WORD_RESIDUE", "[bookmark:…", lambda kb: _repeat("[bookmark:", kb),
     lambda s: normalize.WORD_RESIDUE.sub("", s)),
    ("normalize: key()", "␣…x", lambda kb: _repeat(" \u3000", kb, "x"), normalize.key.__wrapped__),  # past its cache
    ("textscan: DATE_RE", "2023␣…", lambda kb: _repeat("2023 ", kb), lambda s: textscan.DATE_RE.search(s)),
    ("textscan: period_re", "统计期限␣…", lambda kb: "统计期限" + _repeat(" 起 ", kb),
     lambda s: PERIOD.search(s)),
    ("textscan: to_int numerals", "一十…", lambda kb: _repeat("一十", kb), textscan.to_int),
    ("phrases: pack phrase {n}", "共十十…", lambda kb: "共" + _repeat("十", kb),
     lambda s: PHRASE.search(s)),
    ("phrases: pack phrase, digits", "共111…", lambda kb: "共" + _repeat("1", kb),
     lambda s: PHRASE.search(s)),
    ("values: NUMBER_RE", "1␣…x", lambda kb: "1" + _repeat(" ", kb, "x"), lambda s: values.NUMBER_RE.match(s)),
    ("dates: YEAR_START_RE", "。2023␣…", lambda kb: _repeat("。2023 年 ", kb),
     lambda s: narrative_year_wrong.YEAR_START_RE.search(s)),
    ("pdf: PAGE_NUMBER", "␣…x", lambda kb: "1" + _repeat(" ", kb, "x"), lambda s: pdf_reader.PAGE_NUMBER.match(s)),
    ("readers: sniffing", "<!---->…", lambda kb: _repeat("<!---->", kb, "x").encode(), _starts_as_html),
    ("html: tokenizer", "<a␣…", lambda kb: _repeat("<a ", kb), lambda s: sum(1 for _ in tokenizer.tokens(s))),
    ("html: tokenizer", "<a…", lambda kb: _repeat("<a", kb), lambda s: sum(1 for _ in tokenizer.tokens(s))),
    ("html: tokenizer", "<!--…", lambda kb: _repeat("<!--", kb), lambda s: sum(1 for _ in tokenizer.tokens(s))),
    ("html: tokenizer", "<a b='…", lambda kb: _repeat("<a b='", kb), lambda s: sum(1 for _ in tokenizer.tokens(s))),
    ("html: character references", "&#99…", lambda kb: "&#" + _repeat("9", kb), tokenizer.unescape),
    ("html: charset meta", "<meta ␣…", lambda kb: _repeat("<meta ", kb).encode(),
     lambda b: charset._META.search(b[:8192])),
    ("html: charset meta", "charset=␣…", lambda kb: ("<meta charset=" + _repeat(" ", kb, "!")).encode(),
     lambda b: charset._META.search(b)),
    ("html: content-root HEADING", "␣…x", lambda kb: _repeat(" ", kb, "x"), lambda s: root.HEADING.match(s)),
    ("html: page title", "_|…", lambda kb: _repeat("政府信息公开 _|", kb),
     lambda s: [TITLE_RE.search(p) for p in TITLE_SEPARATOR.split(s)]),
]


def measure(scan, text, repeat: int) -> float:
    """The fastest of `repeat` scans in CPU time of this process (wall time would count the time
    other processes had the CPU)."""
    best = math.inf
    for _ in range(repeat):
        start = time.process_time()
        scan(text)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,10,100,1000", help="sizes in KB, comma-separated")
    ap.add_argument("--repeat", type=int, default=3, help="scans per size; the fastest is shown")
    ap.add_argument("--budget", type=float, default=20.0, help="skip larger sizes after a scan this slow (s)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    print("| family | worst case | " + " | ".join(f"{kb} KB" for kb in sizes) + " | growth |")
    print("|---|---|" + "---|" * (len(sizes) + 1))
    for family, shape, build, scan in CASES:
        times: list[float | None] = []
        for kb in sizes:
            if times and (times[-1] is None or times[-1] > args.budget):
                times.append(None)
                continue
            times.append(measure(scan, build(kb), args.repeat))
        done = [(kb, t) for kb, t in zip(sizes, times) if t is not None]
        growth = "—"
        if len(done) >= 2 and done[-2][1] > 0:
            (k1, t1), (k2, t2) = done[-2], done[-1]
            growth = f"{math.log(max(t2, 1e-9) / t1) / math.log(k2 / k1):.2f}"
        cells = " | ".join("skipped" if t is None else f"{t * 1000:.2f} ms" for t in times)
        print(f"| {family} | `{shape}` | {cells} | {growth} |", flush=True)


if __name__ == "__main__":
    main()
