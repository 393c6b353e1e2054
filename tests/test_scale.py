"""Issue 6: many files at once — parallel runs in a stable order, the cache, and hostile inputs
that must end in a finding with bounded time and memory, while the rest of the run goes on."""

from __future__ import annotations

import os
import shutil

from conftest import CORPUS, SEEDS, codes, crash_rule, lint, seed
from gklint.cache import Cache
from gklint.cli import main
from gklint.engine import Options
from gklint.pack import builtin_packs
from gklint.runner import Progress, check_all


def corpus_copies(tmp_path, n=24):
    sources = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("r*.txt"))
    paths = []
    for i in range(n):
        p = tmp_path / f"r{i:03d}.txt"
        shutil.copy(sources[i % len(sources)], p)
        paths.append(str(p))
    return paths


def summary(results):
    return [[(f.code, f.line, f.col, f.message, f.data) for f in r.findings] for r in results]


def test_parallel_results_equal_serial_and_keep_order(tmp_path):
    paths = corpus_copies(tmp_path)
    serial = check_all(paths, Options(), builtin_packs(), jobs=1)
    parallel = check_all(paths, Options(), builtin_packs(), jobs=2, keep_model=False)
    assert [r.path for r in parallel] == paths
    assert summary(parallel) == summary(serial)
    assert [r.info for r in parallel] == [r.info for r in serial]


def test_parallel_keeps_the_model_when_asked(tmp_path):
    paths = corpus_copies(tmp_path, 10)
    results = check_all(paths, Options(), builtin_packs(), jobs=2, keep_model=True)
    assert all(r.report is not None and r.report.layout.template == r.info["template"] for r in results)
    # Packs travel by path and come back as the one object per process.
    assert results[0].report.expected is builtin_packs()[results[0].info["expected_template"]]


def test_cache_hits_give_the_same_findings_and_miss_on_change(tmp_path):
    (tmp_path / "in").mkdir()
    paths = corpus_copies(tmp_path / "in", 8)
    packs = builtin_packs()
    first = Cache(tmp_path / "cache", Cache.salt_for(packs, Options()))
    cold = check_all(paths, Options(), packs, cache=first, keep_model=False)
    second = Cache(tmp_path / "cache", Cache.salt_for(packs, Options()))
    warm = check_all(paths, Options(), packs, cache=second, keep_model=False)
    assert (second.hits, second.misses) == (8, 0)
    assert summary(warm) == summary(cold) and [r.info for r in warm] == [r.info for r in cold]
    # Edit one file: only it is checked again, and its new finding shows.
    with open(paths[1], "a", encoding="utf-8") as fh:
        fh.write("\n六、其他需要报告的事项\n无\n")
    third = Cache(tmp_path / "cache", Cache.salt_for(packs, Options()))
    again = check_all(paths, Options(), packs, cache=third, keep_model=False)
    assert third.hits == 7 and "GK103" in codes(again[1])
    # Other options or packs are another key.
    assert Cache.salt_for(packs, Options(template="2019")) != Cache.salt_for(packs, Options())


def test_damaged_cache_entry_is_a_miss(tmp_path):
    paths = corpus_copies(tmp_path, 1)
    packs = builtin_packs()
    cache = Cache(tmp_path / "cache", Cache.salt_for(packs, Options()))
    check_all(paths, Options(), packs, cache=cache, keep_model=False)
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    again = Cache(tmp_path / "cache", Cache.salt_for(packs, Options()))
    results = check_all(paths, Options(), packs, cache=again, keep_model=False)
    assert again.hits == 0 and summary(results) == summary(check_all(paths, Options(), packs))


def test_cli_jobs_and_cache_options(tmp_path, capsys):
    paths = corpus_copies(tmp_path, 10)
    cache = tmp_path / "c"
    assert main(["check", "--jobs", "2", "--cache-dir", str(cache), "-q", *paths]) == 1
    first = capsys.readouterr().out
    assert any(cache.rglob("*.json"))
    assert main(["check", "--jobs", "1", "--cache-dir", str(cache), "-q", *paths]) == 1
    assert capsys.readouterr().out == first
    assert main(["check", "--no-cache", "-q", *paths]) == 1
    assert capsys.readouterr().out == first


def test_progress_only_on_a_terminal():
    class Tty:
        def __init__(self, tty):
            self.tty, self.text = tty, ""

        def isatty(self):
            return self.tty

        def write(self, s):
            self.text += s

        def flush(self):
            pass

    for tty, total, shown in ((True, 50, True), (False, 50, False), (True, 3, False)):
        stream = Tty(tty)
        p = Progress(total, stream)
        if os.environ.get("CI"):
            assert not p.enabled
            continue
        for _ in range(total):
            p.step()
        p.close()
        assert ("检查" in stream.text) == shown


# -- hostile input: each ends in a finding, the run goes on ------------------------------------

def test_50mb_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    res = lint(big)
    assert codes(res) == ["GK008"]


LINE_5MB = "二、主动公开政府信息情况" + "第二十条第（一）项信息内容规章0" * 300_000


def test_single_5mb_line_is_bounded(tmp_path):
    p = tmp_path / "line.txt"
    p.write_text(LINE_5MB, encoding="utf-8")
    res = lint(p)
    assert "GK010" not in codes(res)


def test_single_5mb_line_with_a_crashing_rule(tmp_path, monkeypatch):
    """Positive control of the test above: a rule that fails on this input is reported."""
    crash_rule(monkeypatch)
    p = tmp_path / "line.txt"
    p.write_text(LINE_5MB, encoding="utf-8")
    assert "GK010" in codes(lint(p))


def test_many_lines_and_cells_are_truncated_with_a_finding(tmp_path):
    p = tmp_path / "zeros.txt"
    p.write_text("某局2023年政府信息公开工作年度报告\n" + "规章\n0\n" * 60_000, encoding="utf-8")
    res = lint(p)
    assert "GK020" in codes(res) and "GK010" not in codes(res)


def test_mixed_encodings_in_one_file(tmp_path):
    text = seed("001").read_text(encoding="utf-8")
    half = len(text) // 2
    p = tmp_path / "mixed.txt"
    p.write_bytes(text[:half].encode("utf-8") + text[half:].encode("gb18030"))
    res = lint(p)
    assert "GK010" not in codes(res)
    assert {"GK003", "GK002"} & set(codes(res))  # said, not silently garbled


def test_unreadable_file_in_a_directory(tmp_path, capsys, monkeypatch):
    import gklint.readers as readers

    shutil.copy(seed("002"), tmp_path / "a.md")
    locked = tmp_path / "b.txt"
    locked.write_text("x", encoding="utf-8")
    real_read = readers.read_bounded

    def deny(path, *args, **kwargs):  # CI runs as root, which chmod cannot lock out
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(readers, "read_bounded", deny)
    code = main(["check", "--no-cache", "--jobs", "1", str(tmp_path)])
    out = capsys.readouterr().out
    assert "b.txt:1:1: GK001" in out and " GK204 " in out and code == 1


def test_symlink_loop_and_dangling_link_in_a_directory(tmp_path, capsys):
    shutil.copy(seed("002"), tmp_path / "a.md")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "loop")  # a directory link back up: not followed
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    code = main(["check", "--no-cache", str(tmp_path)])
    out = capsys.readouterr().out
    assert " GK204 " in out and "dangling.txt:1:1: GK001" in out
    assert "检查 2 个文件" in out.splitlines()[-1] and code == 1


def test_directory_given_as_a_file_path(tmp_path):
    res = lint(tmp_path)  # a directory passed straight to the engine
    assert codes(res) == ["GK001"]


def test_split_search_is_bounded_per_report():
    """Run-together digits with more readings than can be tried: the row is left unread (None),
    and the steps every row of one report may take together are bounded by its Budget."""
    from gklint.reading.values import MAX_SPLITS, REPORT_SPLITS, Budget, splits

    columns = builtin_packs()["2021"].tables["t3"].columns
    assert splits(["1234567"], columns) is not None  # seven digits, seven columns: one reading
    assert splits(["1" * 40], columns) is None  # C(39, 6) readings: far beyond MAX_SPLITS
    budget = Budget()
    rows = 0
    while budget.left > 0 and rows < 10 * REPORT_SPLITS // MAX_SPLITS:
        splits(["1" * 40], columns, budget)
        rows += 1
    assert budget.left <= 0 and rows <= REPORT_SPLITS // MAX_SPLITS + 1
    assert splits(["1234567"], columns, budget) is None  # nothing left for this report

