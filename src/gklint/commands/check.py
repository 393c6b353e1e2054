"""`gklint check`: plan the run, check the files, pair the years (GK8xx), apply each file's
configuration, filter by a baseline, write the outputs, and say whether the run failed."""

from __future__ import annotations

import os
import sys

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, say
from .plan import plan as make_plan


def run(args, select: tuple, ignore: tuple) -> int:
    from .. import runner, safetext
    from ..config import configure, fails
    from ..output import nothing_checked
    from .stdin import materialised, rename, stdin_name

    try:
        check_numbers(args)
        name = stdin_name(args, list(args.paths))
        plan = make_plan(args, args.paths, stdin=name)
        files = list(plan.files)  # `-` still stands for standard input here
        _refuse_overwrite(args, files)
        check_codes(select, "--select")
        check_codes(ignore, "--ignore")
        with materialised(plan, files, name):
            # The HTML page redraws the tables, so it needs the parsed model, which the cache does not keep.
            results = runner.check_plan(plan, args.format == "html" or bool(args.html), args.lang)
        rename(results, files, name)
        _crossyear(args, results, plan.groups)
        safetext.results(results)
        broken = [r for r in results if any(f.code == "GK010" for f in r.findings)]
        fail_on, wanted = configure(results, plan.configs, select, ignore, args.fail_on)
        note = _baseline(args, results, wanted)
        _write_outputs(args, results, plan)
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
    if not plan.files:  # a mistyped folder must not pass unnoticed
        say(args, "core:cli-no-files", paths=list(args.paths))
        if args.fail_on_unchecked:
            return EXIT_FINDINGS
    if broken:
        _internal_errors(args, broken)
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if failed or unread else EXIT_OK


def _internal_errors(args, broken: list) -> None:
    """One line per file that gklint failed on; the traceback only when asked for (GKLINT_DEBUG)."""
    sys.stdout.flush()
    for r in broken:
        f = next(f for f in r.findings if f.code == "GK010")
        say(args, "run:internal-error", path=r.path, error=f.args.get("error", ""))
        if os.environ.get("GKLINT_DEBUG") and f.data.get("trace"):
            print(f.data["trace"], file=sys.stderr)


def check_numbers(args) -> None:
    """--max-size and --jobs finite and bounded (limits.py), before anything is read."""
    from .. import limits

    if args.max_size is not None and not limits.size_mb(args.max_size):
        raise UsageError("run:bad-size", limit=limits.MAX_SIZE_MB, got=str(args.max_size))
    if args.jobs is not None and not limits.jobs(args.jobs):
        raise UsageError("run:bad-jobs", limit=limits.MAX_JOBS, got=str(args.jobs))


def check_codes(codes: tuple, option: str) -> None:
    """Codes of --select/--ignore known to the registry (with the packs' relation codes), as the
    configuration file's are: a typo must not select nothing and pass."""
    from ..checks import all_rules
    from ..config.schema import CODE

    rules = [r.code for r in all_rules()]
    for code in codes:
        known = CODE.fullmatch(code)
        if known and any(r.startswith(code) for r in rules):
            continue
        import difflib  # only for the hint of an error

        close = difflib.get_close_matches(code, rules, n=1)
        hint = {"msg": "run:did-you-mean", "args": {"code": close[0]}} if close else ""
        raise UsageError("run:unknown-code" if known else "run:bad-code", option=option, code=code, hint=hint)


def _refuse_overwrite(args, files: list[str]) -> None:
    """An output that is one of the inputs would destroy it: refused before anything is read."""
    from ..outfile import same_file

    inputs = [f for f in files if f != "-"] + [args.previous, args.baseline, args.config, *args.pack]
    for out in (args.output, args.html, args.write_baseline):
        hit = same_file(out, inputs) if out else None
        if hit is not None:
            raise UsageError("run:output-is-input", path=out, input=hit)


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


def _write_outputs(args, results: list, plan) -> None:
    from ..formats import render
    from ..terminal import SourceLines, use_color

    from ..outfile import write_atomic
    from ..safetext import output

    color = use_color(plan.color, None if args.output else sys.stdout)  # a file gets colour only if "always"
    source = None
    if plan.show_source:
        limits = {plan.files[i]: options.max_bytes for options, _, idx in plan.groups.values() for i in idx}
        source = SourceLines(limits)
    out = render(args.format, results, args.statistics, not args.quiet, args.lang, color, source)
    target = None
    try:
        if args.html:
            target = args.html
            write_atomic(args.html, output(render("html", results, lang=args.lang)))
        if args.output:
            target = args.output
            write_atomic(args.output, output(out))
        else:
            sys.stdout.write(out)
    except OSError as e:
        raise UsageError("core:cli-cannot-write", path=e.filename or target, reason=str(e.strerror or e)) from None
