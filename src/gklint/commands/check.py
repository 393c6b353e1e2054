"""`gklint check`: plan the run, check the files, pair the years (GK8xx), apply each file's
configuration, filter by a baseline, write the outputs, and say whether the run failed."""

from __future__ import annotations

import os
import sys

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, say
from .plan import collect, plan as make_plan


def run(args, select: tuple, ignore: tuple) -> int:
    from .. import runner
    from ..config import configure, fails
    from ..output import nothing_checked

    try:
        plan = make_plan(args, collect(args.paths))
        # The HTML page redraws the tables, so it needs the parsed model, which the cache does not keep.
        results = runner.check_plan(plan, args.format == "html" or bool(args.html), args.lang)
        _crossyear(args, results, plan.groups)
        fail_on, wanted = configure(results, plan.configs, select, ignore, args.fail_on)
        note = _baseline(args, results, wanted)
        _write_outputs(args, results)
    except UsageError as e:
        print(e.text(args.lang), file=sys.stderr)
        return EXIT_USAGE
    if note:  # after the findings, like the summary line
        sys.stdout.flush()
        print(note, file=sys.stderr)
    failed = any(fails(r.findings, fail_on[id(r)]) for r in results)
    configs = plan.configs + [None] * len(results)  # results may hold a GK090 result per config file
    unread = [r.path for r, cfg in zip(results, configs) if nothing_checked(r)
              and (args.fail_on_unchecked or (cfg is not None and cfg.fail_on_unchecked))]
    if unread:
        say(args, "core:cli-unchecked", count=len(unread), paths=unread)
    return EXIT_FINDINGS if failed or unread else EXIT_OK


def _crossyear(args, results: list, groups: dict) -> None:
    """GK8xx: add cross-year findings to the later report of each pair (gklint.pairing).
    UsageError when --previous cannot be read as a report."""
    from ..pairing import add_crossyear, load_previous

    where = {i: (options, packs) for options, packs, idx in groups.values() for i in idx}
    previous = None
    if args.previous:
        if not os.path.isfile(args.previous):
            raise UsageError("core:cli-previous-missing", path=args.previous)
        from ..engine import Options
        from ..pack import builtin_packs
        options, packs = where[0] if where else (Options(), builtin_packs())
        previous = load_previous(args.previous, options, packs)
        if previous.report is None or not previous.report.looks_like_report() or not previous.info.get("year"):
            raise UsageError("core:cli-previous-unreadable", path=args.previous)
    pairs = add_crossyear(results, where.__getitem__, previous)
    if previous is not None and not any(last < 0 for _, last in pairs):
        year = previous.info["year"]
        say(args, "core:cli-previous-unpaired", path=args.previous, year=year, next=year + 1)


def _baseline(args, results: list, wanted) -> str | None:
    """--baseline: drop the findings it records; --write-baseline: record them all. The note to
    show after the findings."""
    if not (args.baseline or args.write_baseline):
        return None
    from ..baseline import BaselineError, load, write
    try:
        baseline = load(args.baseline) if args.baseline else write(args.write_baseline, results)
    except BaselineError as e:
        raise UsageError("core:cli-baseline-error", error=e.term()) from None
    note = baseline.apply(results, wanted, args.lang)
    if args.write_baseline:
        from ..catalog import text
        note = text("core:cli-baseline-written", args.lang, count=len(baseline.entries), path=args.write_baseline)
    return note


def _write_outputs(args, results: list) -> None:
    from ..formats import render

    out = render(args.format, results, args.statistics, not args.quiet, args.lang)
    try:
        if args.html:
            _write(args.html, render("html", results, lang=args.lang))
        if args.output:
            _write(args.output, out)
        else:
            sys.stdout.write(out)
    except OSError as e:
        raise UsageError("core:cli-cannot-write", path=e.filename, reason=str(e.strerror or e)) from None


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
