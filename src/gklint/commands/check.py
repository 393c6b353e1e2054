"""`gklint check`: plan the run, check the files, pair the years (GK8xx), apply each file's
configuration, filter by a baseline, write the outputs, and say whether the run failed."""

from __future__ import annotations

import os
import sys

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, _msg
from .plan import collect, plan as make_plan


def run(args, select: tuple, ignore: tuple) -> int:
    from .. import runner
    from ..config import configure, fails
    from ..formats import render
    from ..output import nothing_checked

    files = collect(args.paths)
    try:
        plan = make_plan(args, files)
    except UsageError as e:
        print(e, file=sys.stderr)
        return EXIT_USAGE
    # The HTML page redraws the tables, so it needs the parsed model, which the cache does not keep.
    keep_model = args.format == "html" or bool(args.html)
    results = runner.check_plan(plan, keep_model, args.lang)
    if _crossyear(args, results, plan.groups):
        return EXIT_USAGE
    fail_on, wanted = configure(results, plan.configs, select, ignore, args.fail_on)
    note = None
    if args.baseline or args.write_baseline:
        from ..baseline import BaselineError, load, write
        try:
            baseline = load(args.baseline) if args.baseline else write(args.write_baseline, results)
        except BaselineError as e:
            print(f"gklint: {_msg(args, str(e), e.en)}", file=sys.stderr)
            return EXIT_USAGE
        note = baseline.apply(results, wanted, args.lang)
        if args.write_baseline:
            note = _msg(args, f"gklint: 已把 {len(baseline.entries)} 项问题写入基线 {args.write_baseline}",
                        f"gklint: wrote {len(baseline.entries)} findings to the baseline {args.write_baseline}")
    out = render(args.format, results, args.statistics, not args.quiet, args.lang)
    try:
        if args.html:
            _write(args.html, render("html", results, lang=args.lang))
        if args.output:
            _write(args.output, out)
        else:
            sys.stdout.write(out)
    except OSError as e:
        print(_msg(args, f"gklint: 无法写入 {e.filename}: {e.strerror or e}",
                   f"gklint: cannot write {e.filename}: {e.strerror or e}"), file=sys.stderr)
        return EXIT_USAGE
    if note:  # after the findings, like the summary line
        sys.stdout.flush()
        print(note, file=sys.stderr)
    failed = any(fails(r.findings, fail_on[id(r)]) for r in results)
    configs = plan.configs
    unread = [r.path for r, cfg in zip(results, configs + [None] * len(results)) if nothing_checked(r)
              and (args.fail_on_unchecked or (cfg is not None and cfg.fail_on_unchecked))]
    if unread:
        print(_msg(args, f"gklint: {len(unread)} 个报告的表格没有任何一项勾稽关系能够核对（--fail-on-unchecked）：" + "、".join(unread),
                   f"gklint: in {len(unread)} report(s) no arithmetic relation of the tables could be checked "
                   "(--fail-on-unchecked): " + ", ".join(unread)), file=sys.stderr)
    return EXIT_FINDINGS if failed or unread else EXIT_OK


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def _crossyear(args, results: list, groups: dict) -> bool:
    """GK8xx: add cross-year findings to the later report of each pair (gklint.pairing).
    True on a usage error (--previous not readable as a report)."""
    from ..pairing import add_crossyear, load_previous

    where = {i: (options, packs) for options, packs, idx in groups.values() for i in idx}
    previous = None
    if args.previous:
        if not os.path.isfile(args.previous):
            print(_msg(args, f"gklint: 错误: --previous 文件不存在: {args.previous}",
                       f"gklint: error: the --previous file does not exist: {args.previous}"), file=sys.stderr)
            return True
        from ..engine import Options
        from ..pack import builtin_packs
        options, packs = where[0] if where else (Options(), builtin_packs())
        previous = load_previous(args.previous, options, packs)
        if previous.report is None or not previous.report.looks_like_report() or not previous.info.get("year"):
            print(_msg(args, f"gklint: 错误: --previous {args.previous} 读不出年度报告或报告年度",
                       f"gklint: error: no annual report or report year can be read from --previous {args.previous}"),
                  file=sys.stderr)
            return True
    pairs = add_crossyear(results, where.__getitem__, previous)
    if previous is not None and not any(last < 0 for _, last in pairs):
        year = previous.info["year"]
        print(_msg(args, f"gklint: --previous {args.previous} 是 {year} 年度报告，检查的文件中没有 {year + 1} 年度报告，未作跨年度比较",
                   f"gklint: --previous {args.previous} is the report for {year}, and no report for {year + 1} was "
                   "checked; no cross-year comparison was made"), file=sys.stderr)
    return False
