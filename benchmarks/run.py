"""gklint benchmarks — run from the repository root after `pip install .`:

    python benchmarks/run.py [--files 2000] [--repeat 3]

Builds a corpus in a temporary directory (the five seeds and three corpus pages from ../shared,
plus generated variants of them with other agencies and numbers, so no two files are equal) and
measures, as medians over --repeat runs:

  (a) full-check throughput, reports per second on one core, and with all cores (--jobs);
  (b) wall time of `gklint check` on one file against the floor of starting Python and
      importing gklint's dependencies (lark, yaml);
  (c) time per check as the narrative grows 1×, 10×, 100×;
  (d) peak resident memory of one `gklint check` process over the whole corpus;
  (e) time per check of 100 KB inputs of other shapes — table rows, run-together digits,
      tab-separated cells, labels without values, headings, one line of digits — the slowest;
  (f) the ratios to the floors, defined once below (FLOOR_GRAMMAR, floor_check, IMPORT_FLOOR):
      full check against the per-file floor, one `gklint check` against the import floor,
      `--jobs N` against one process, a warm cache against a cold run, and PDF checking
      (start-up excluded) against pypdfium2's text extraction of the same pages.

Prints a Markdown table (paste into docs/performance.md). Targets are in docs/performance.md;
this script reports what it measured and never asserts.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def sources() -> list[Path]:
    return sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/r*.txt"))


def build_corpus(target: Path, n: int, rng: random.Random) -> list[Path]:
    texts = [p.read_text(encoding="utf-8") for p in sources()]
    out = []
    for i in range(n):
        text = texts[i % len(texts)]
        # Another agency and shuffled narrative numbers: same shape, different bytes.
        text = re.sub(r"(卫生健康局|卫健委|卫生健康委员会|综合实验区)", f"第{i}号测试局", text, count=2)
        text = re.sub(r"(?<=共)\d+|(?<=信息)\d+(?=条)", lambda m: str(rng.randint(1, 999)), text)
        p = target / f"r{i:05d}.txt"
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


def shapes(seed: str, packs, rng: random.Random, size: int = 100 * 1024) -> dict[str, str]:
    """100 KB documents of shapes that stress one part each: the seed's head, then one pattern
    repeated. Labels come from the packs, so nothing here copies a report."""
    labels = sorted({r.label for p in packs.values() for t in p.tables.values()
                     for r in t.row_defs.values() if r.label})
    head = seed[:len(seed) // 2]

    def fill(make) -> str:
        out, n, i = [head], len(head.encode()), 0
        while n < size:
            piece = make(i)
            out.append(piece)
            n += len(piece.encode())
            i += 1
        return "".join(out).encode()[:size].decode("utf-8", "ignore")

    def digits(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))

    return {
        "table rows": fill(lambda i: f"{rng.choice(labels)} " + " ".join(digits(1) for _ in range(7)) + "\n"),
        "run-together rows": fill(lambda i: f"{rng.choice(labels)}{digits(rng.randint(8, 30))}\n"),
        "tab cells": fill(lambda i: "\t".join(rng.choice(labels + ["0", "1", "/", ""]) for _ in range(9)) + "\n"),
        "labels only": fill(lambda i: rng.choice(labels) + " "),
        "unknown rows": fill(lambda i: f"（{1000 + i}）{rng.choice(labels)[-4:]} " + " ".join(digits(1) for _ in range(7)) + "\n"),
        "headings": fill(lambda i: f"{'一二三四五六'[i % 6]}、{rng.choice(labels)}\n"),
        "digits": fill(lambda i: digits(1000)),
    }


# The floor of checking one file: read it, decode it, one pass of a compiled regular expression,
# and a trivial Lark LALR parse of its lines — what any checker of this kind must at least do.
FLOOR_GRAMMAR = r"""
start: line*
line: TEXT? NL
TEXT: /[^\n]+/
NL: /\n/
"""
FLOOR_RE = re.compile(r"[一二三四五六七八九十]+、|\d+")
# The floor of starting one run: Python and gklint's main dependencies, imported.
IMPORT_FLOOR = "import lark, yaml, jinja2"


def floor_check(paths: list[str]) -> None:
    from lark import Lark

    parser = _floor_parser(Lark)
    for path in paths:
        text = Path(path).read_bytes().decode("utf-8", "replace")
        sum(1 for _ in FLOOR_RE.finditer(text))
        parser.parse(text if text.endswith("\n") else text + "\n")


def _floor_parser(lark_cls, _cache={}):
    if "p" not in _cache:
        _cache["p"] = lark_cls(FLOOR_GRAMMAR, parser="lalr")
    return _cache["p"]


def pdf_ratio(repeat: int):
    """(gklint's in-process check time, pypdfium2's text extraction time) over the corpus PDFs."""
    try:
        import pypdfium2
    except ImportError:
        return None
    from gklint.engine import Options, check_file
    from gklint.pack import builtin_packs

    pdfs = sorted(SHARED.glob("corpus/pdf/*.pdf"))
    if not pdfs:
        return None
    packs = builtin_packs()

    def extract():
        for p in pdfs:
            doc = pypdfium2.PdfDocument(str(p))
            for i in range(len(doc)):
                page = doc[i]
                page.get_textpage().get_text_range()
            doc.close()

    def check():
        for p in pdfs:
            check_file(str(p), Options(), packs)

    check()
    extract()
    return median_time(check, repeat), median_time(extract, repeat), len(pdfs)


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run_cli(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gklint", *args], capture_output=True, text=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from gklint.engine import Options
    from gklint.pack import builtin_packs
    from gklint.runner import check_all

    packs = builtin_packs()
    rng = random.Random(2024)
    work = Path(tempfile.mkdtemp(prefix="gklint-bench-"))
    try:
        (work / "corpus").mkdir()
        corpus = build_corpus(work / "corpus", args.files, rng)
        paths = [str(p) for p in corpus]
        size = sum(p.stat().st_size for p in corpus) / len(corpus)
        rows = []

        # (a) throughput
        check_all(paths[:20], Options(), packs)  # warm-up: grammars, packs, caches
        one = median_time(lambda: check_all(paths, Options(), packs, jobs=1, keep_model=False), args.repeat)
        rows.append(("(a) full check, 1 core", f"{len(paths) / one:.0f} reports/s",
                     f"{len(paths)} files, mean {size / 1024:.1f} KB, {one:.2f} s"))
        cores = os.cpu_count() or 1
        if cores > 1:
            allc = median_time(lambda: check_all(paths, Options(), packs, jobs=cores, keep_model=False), args.repeat)
            rows.append((f"(a) full check, {cores} processes", f"{len(paths) / allc:.0f} reports/s", f"{allc:.2f} s"))

        # (f) the per-file floor, over the same corpus
        floor_check(paths[:20])
        floor = median_time(lambda: floor_check(paths), args.repeat)

        # (b) single-file start-up against the dependency-import floor
        seed_text = sources()[1].read_text(encoding="utf-8")
        import_floor = median_time(lambda: subprocess.run([sys.executable, "-c", IMPORT_FLOOR], check=True),
                                   max(5, args.repeat))
        one_file = work / "one.txt"
        one_file.write_text(seed_text, encoding="utf-8")
        cold = median_time(lambda: run_cli(["check", "--no-cache", "-q", str(one_file)]), max(5, args.repeat))
        cache_dir = work / "cache"
        counter = iter(range(10**6))

        def fresh_check():
            # New content each run: the findings are computed, only the parsed packs come from the cache.
            one_file.write_text(seed_text.replace("绥化市", f"绥化{next(counter)}市"), encoding="utf-8")
            run_cli(["check", "--cache-dir", str(cache_dir), "-q", str(one_file)])

        fresh_check()
        warm = median_time(fresh_check, max(5, args.repeat))
        rows.append(("(b) `gklint check` one file", f"{warm * 1000:.0f} ms ({cold * 1000:.0f} ms with --no-cache)",
                     f"import floor (`python -c \"{IMPORT_FLOOR}\"`) {import_floor * 1000:.0f} ms"))

        # (c) growth with narrative size
        base = sources()[1].read_text(encoding="utf-8")
        para = base[base.index("□□1、") if "□□1、" in base else base.index("一、总体情况"):base.index("2、")]
        timings = []
        for factor in (1, 10, 100):
            text = base.replace(para, para * factor, 1)
            p = work / f"grow{factor}.txt"
            p.write_text(text, encoding="utf-8")
            t = median_time(lambda: check_all([str(p)], Options(), packs), args.repeat)
            timings.append((factor, len(text.encode()) / 1024, t))
        rows.append(("(c) growth with narrative", " / ".join(f"{t * 1000:.0f} ms" for _, _, t in timings),
                     " / ".join(f"{f}× = {kb:.0f} KB" for f, kb, _ in timings)
                     + f"; 100× costs {timings[2][2] / timings[0][2]:.0f}× the time of 1×"))

        # (d) peak memory of one process checking the whole corpus (the process reports its own peak)
        probe = ("import resource, sys; from gklint.cli import main; code = main(sys.argv[1:]); "
                 "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
        proc = subprocess.run([sys.executable, "-c", probe, "check", "--no-cache", "--jobs", "1", "-q",
                               "--fail-on", "never", str(work / "corpus")], capture_output=True, text=True)
        peak_kb = int(proc.stderr.strip().splitlines()[-1])
        rows.append(("(d) peak memory, one process, whole corpus", f"{peak_kb / 1024:.0f} MB",
                     f"{len(paths)} files, {len(proc.stdout.splitlines())} finding lines"))

        # (e) 100 KB inputs of other shapes
        shape_times = {}
        for name, text in shapes(base, packs, rng).items():
            p = work / "shape.txt"
            p.write_text(text, encoding="utf-8")
            shape_times[name] = median_time(lambda: check_all([str(p)], Options(), packs), args.repeat)
        worst = max(shape_times, key=shape_times.get)
        rows.append(("(e) 100 KB inputs of other shapes, slowest", f"{shape_times[worst] * 1000:.0f} ms ({worst})",
                     ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in shape_times.items())))

        # (f) ratios to the floors
        rows.append(("(f) full check ÷ per-file floor", f"{one / floor:.2f}×",
                     f"{one / len(paths) * 1000:.2f} ms vs floor {floor / len(paths) * 1000:.2f} ms per report "
                     "(read, decode, one regex pass, trivial Lark LALR parse)"))
        rows.append(("(f) one file ÷ import floor", f"{warm / import_floor:.2f}×",
                     f"{cold / import_floor:.2f}× with --no-cache"))
        if cores > 1:
            rows.append((f"(f) --jobs {cores} speed-up", f"{one / allc:.2f}×", "1 process ÷ all processes, same corpus"))
        cache_run = work / "cache-run"
        corpus_run = ["check", "--cache-dir", str(cache_run), "-q", "--fail-on", "never", str(work / "corpus")]

        def cold_run():
            shutil.rmtree(cache_run, ignore_errors=True)
            run_cli(corpus_run)

        cold_all = median_time(cold_run, args.repeat)
        run_cli(corpus_run)
        warm_all = median_time(lambda: run_cli(corpus_run), args.repeat)
        rows.append(("(f) warm cache ÷ cold run", f"{warm_all / cold_all:.2f}×",
                     f"`gklint check` of the unchanged corpus: {warm_all:.2f} s warm, {cold_all:.2f} s cold"))
        pdf = pdf_ratio(args.repeat)
        if pdf is not None:
            check_t, extract_t, n = pdf
            rows.append(("(f) PDF check ÷ pypdfium2 text", f"{check_t / extract_t:.1f}×",
                         f"{n} corpus PDFs: check {check_t * 1000:.0f} ms (in-process), extraction {extract_t * 1000:.0f} ms"))

        print(f"gklint benchmark — Python {sys.version.split()[0]}, {cores} CPU(s), medians of {args.repeat} runs\n")
        print("| measure | result | detail |\n|---|---|---|")
        for r in rows:
            print(f"| {r[0]} | {r[1]} | {r[2]} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
