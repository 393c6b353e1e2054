"""The `gklint` command.

    gklint check PATH...        check reports (files or directories)
    gklint rule CODE | --all    explain a rule (--pack YAML: with the relation codes of a pack)
    gklint web build DIR | serve [--port N] [DIR]   gklint in the browser (gklint.web)

Exit status: 0 no finding at or above --fail-on; 1 such findings; 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    lang = "zh"  # of the `gklint: 错误:` prefix; argparse's own message stays as argparse prints it

    def error(self, message):  # argparse's own exit code 2 is ours too; keep the Chinese hint
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"gklint: {'error' if self.lang == 'en' else '错误'}: {message}\n")


def _msg(args, zh: str, en: str) -> str:
    """A message for stderr in the language of --lang."""
    return en if getattr(args, "lang", "zh") == "en" else zh


def _argv_lang(argv: list[str]) -> str:
    """--lang as given on the command line, for errors found while parsing it."""
    for i, a in enumerate(argv):
        if a == "--lang=en" or (a == "--lang" and argv[i + 1:i + 2] == ["en"]):
            return "en"
    return "zh"


def _build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    from .formats import FORMATS

    p = _Parser(prog="gklint", description="政府信息公开工作年度报告合规检查（gklint）")
    p.add_argument("--version", action="version", version=f"gklint {__version__}")
    sub = p.add_subparsers(dest="command", metavar="{check,rule,web}")
    c = sub.add_parser("check", help="检查报告文件或目录", description="检查年度报告（.txt/.md；目录会递归查找）")
    c.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或目录")
    c.add_argument("--format", choices=FORMATS, default="text",
                   help="输出格式（默认 text；html 为网页报告，sarif/github/junit/gitlab/json-lines 供 CI 使用）")
    c.add_argument("-o", "--output", metavar="FILE", help="把结果写入文件而不是标准输出")
    c.add_argument("--html", metavar="FILE", help="另外写一份 HTML 网页报告（可与任何 --format 同用）")
    b = c.add_mutually_exclusive_group()
    b.add_argument("--baseline", metavar="FILE", help="只报告基线文件中没有记录的新问题")
    b.add_argument("--write-baseline", metavar="FILE", help="把当前全部问题记入基线文件（此后用 --baseline）")
    c.add_argument("--template", choices=("auto", "2019", "2021"), default=None,
                   help="模板版本；auto 按报告年度选择（2020 年及以前 2019，2021 年起 2021）")
    c.add_argument("--fail-on-unchecked", action="store_true", default=None,
                   help="表格中没有任何一项勾稽关系能够核对的报告（表格缺失、是图片或无法读取）也使退出码为 1")
    c.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default=None,
                   help="达到此级别的问题使退出码为 1（默认 error）")
    c.add_argument("--select", metavar="CODES", help="只报告这些代码（逗号分隔，可用前缀，如 GK3,GK101）")
    c.add_argument("--ignore", metavar="CODES", help="不报告这些代码（逗号分隔，可用前缀）")
    c.add_argument("--pack", action="append", default=[], metavar="YAML",
                   help="使用自定义规则包（替换同一模板版本的内置规则包；可多次使用）")
    c.add_argument("--max-size", type=float, default=None, metavar="MB", help="单个文件大小上限（默认 20 MB）")
    c.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="并行检查的进程数（默认 0 = CPU 核数；1 为不并行）")
    c.add_argument("--no-cache", action="store_true", help="不使用缓存，全部重新检查")
    c.add_argument("--cache-dir", default=None, metavar="DIR",
                   help="缓存目录（默认为环境变量 GKLINT_CACHE_DIR，否则当前目录下的 .gklint_cache；内容未变的文件直接取用上次结果）")
    g = c.add_mutually_exclusive_group()
    g.add_argument("--config", metavar="FILE",
                   help="只用这个配置文件（gklint.toml，或含 [tool.gklint] 的 pyproject.toml），不再向上查找")
    g.add_argument("--isolated", action="store_true", help="不读取任何配置文件")
    c.add_argument("--previous", metavar="FILE",
                   help="同一机关上一年度的报告：与年度晚一年的报告比较上年结转、现行有效件数和正文雷同（GK8xx）；"
                        "不给出时，同一次检查中机关名称相同、年度相邻的文件自动配对")
    c.add_argument("--statistics", action="store_true", help="按代码统计问题数")
    c.add_argument("-q", "--quiet", action="store_true", help="不输出末尾的汇总行")
    c.add_argument("--lang", choices=("zh", "en"), default="zh", help="问题说明的语言（默认 zh 中文；en 英文）")
    r = sub.add_parser("rule", help="解释规则代码", description="显示规则的说明、依据和修改方法")
    r.add_argument("code", nargs="?", help="规则代码，如 GK302")
    r.add_argument("--all", action="store_true", help="列出全部规则")
    r.add_argument("--pack", action="append", default=[], metavar="YAML",
                   help="也说明自定义规则包声明的勾稽关系代码（可多次使用）")
    r.add_argument("--lang", choices=("zh", "en"), default="zh", help="说明的语言（默认 zh 中文；en 英文）")
    p.lang = c.lang = r.lang = lang
    from .web import add_parser as add_web_parser
    add_web_parser(sub, lang)
    return p


def _codes(arg: str | None) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in arg.split(",") if c.strip()) if arg else ()


def collect(paths: list[str]) -> list[str]:
    """Files to check: given files as they are, directories walked for report suffixes."""
    from .readers import NOT_YET, SUFFIXES

    out: list[str] = []
    wanted = SUFFIXES + tuple(NOT_YET)
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p, onerror=lambda e: out.append(e.filename)):
                dirs.sort()
                found += [os.path.join(root, f) for f in files if f.lower().endswith(wanted) and not f.startswith(".")]
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


class _UsageError(Exception):
    """A configuration, pack or option problem: reported on stderr, exit status 2."""


def _cli_packs(args) -> dict:
    """The --pack packs by template version; loading them registers their relation codes."""
    from .pack import PackError, load_pack

    try:
        return {p.template: p for p in (load_pack(os.path.abspath(path)) for path in args.pack)}
    except PackError as e:
        raise _UsageError(_msg(args, f"gklint: 规则包错误: {e}", f"gklint: rule pack error: {e.text('en')}")) from None


def _plan(args, files: list[str]):
    """Per file, its configuration; and groups of files that are checked alike.

    Returns (configs, cache_dir, jobs, groups) where groups maps a key to (Options, packs, indexes)."""
    from .cache import DEFAULT_DIR
    from .config import ConfigError, Finder
    from .engine import Options
    from .pack import builtin_packs

    builtin_packs()  # registered first, so that a --pack redefining a relation code of theirs wins
    cli_packs = _cli_packs(args)  # before the configurations, so that they may name its relation codes
    try:  # each file's configuration: --config, none (--isolated), or the nearest found walking up
        finder = Finder(args.config, args.isolated)
        configs = [finder.for_file(p) for p in files]
        # Run-wide keys (jobs, cache-dir) come from the config of the current directory, else from
        # the one config all files share.
        shared = configs[0] if configs and all(c is configs[0] for c in configs) else None
        run_cfg = finder.for_dir(os.getcwd()) or shared
    except ConfigError as e:
        raise _UsageError(_msg(args, f"gklint: 配置错误: {e}",
                               f"gklint: configuration error: {e.text('en')}")) from None
    cache_dir = None if args.no_cache else (args.cache_dir or os.environ.get("GKLINT_CACHE_DIR")
                                             or (run_cfg and run_cfg.cache_dir) or DEFAULT_DIR)
    groups: dict = {}
    for i, cfg in enumerate(configs):
        packs = dict(builtin_packs())
        packs.update({p.template: p for p in (cfg.packs if cfg else ())})
        packs.update(cli_packs)  # --pack beats the config's packs, like every flag
        template = args.template or (cfg and cfg.template) or "auto"
        if template != "auto" and template not in packs:
            raise _UsageError(_msg(args, f"gklint: 没有模板版本 {template} 的规则包",
                                   f"gklint: no rule pack for template version {template}"))
        max_size = args.max_size if args.max_size is not None else (cfg and cfg.max_size) or 20
        options = Options(template=None if template == "auto" else template,
                          max_bytes=int(max_size * 1024 * 1024), settings=cfg.settings if cfg else {})
        # Files whose configs check alike (template, packs, settings, size limit) go together.
        key = (tuple(sorted((t, str(p.path)) for t, p in packs.items())), options.template, options.max_bytes,
               repr(sorted(options.settings.items())))
        groups.setdefault(key, (options, packs, []))[2].append(i)
    jobs = args.jobs if args.jobs is not None else (run_cfg.jobs if run_cfg and run_cfg.jobs is not None else 0)
    return configs, cache_dir, jobs if jobs > 0 else (os.cpu_count() or 1), groups


def _configure(args, results: list, configs: list):
    """Apply configuration to the unfiltered (possibly cached) findings: severity, suppressions,
    selection; add GK090 for unused suppressions. Returns (fail_on per result id, wanted)."""
    from .config import apply as apply_config, selector, unused
    from .engine import FileResult

    cli_select, cli_ignore = _codes(args.select), _codes(args.ignore)
    fail_on: dict[int, str] = {}
    wanted_all = []
    for res, cfg in zip(list(results), configs):
        wanted = selector(cfg, res.path, cli_select, cli_ignore)
        wanted_all.append(wanted)
        res.info["suppressed"] = apply_config(res, cfg, wanted)
        fail_on[id(res)] = args.fail_on or (cfg and cfg.fail_on) or "error"
    for cfg in dict.fromkeys(c for c in configs if c is not None):
        res = FileResult(cfg.path, info={"config": True})
        res.findings = unused(cfg)
        apply_config(res, cfg, selector(cfg, cfg.path, cli_select, cli_ignore))
        if res.findings:
            fail_on[id(res)] = args.fail_on or cfg.fail_on or "error"
            results.append(res)

    def wanted(code: str) -> bool:  # for the baseline's stale entries: reported anywhere
        return any(w(code) for w in wanted_all) if wanted_all else True

    return fail_on, wanted


def _crossyear(args, results: list, groups: dict) -> bool:
    """GK8xx: add cross-year findings to the later report of each pair (gklint.pairing).
    True on a usage error (--previous not readable as a report)."""
    from .pairing import add_crossyear, load_previous

    where = {i: (options, packs) for options, packs, idx in groups.values() for i in idx}
    previous = None
    if args.previous:
        if not os.path.isfile(args.previous):
            print(_msg(args, f"gklint: 错误: --previous 文件不存在: {args.previous}",
                       f"gklint: error: the --previous file does not exist: {args.previous}"), file=sys.stderr)
            return True
        from .engine import Options
        from .pack import builtin_packs
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


def _check(args) -> int:
    from .cache import Cache
    from .config import fails
    from .formats import render
    from .output import nothing_checked
    from .runner import check_all

    files = collect(args.paths)
    try:
        configs, cache_dir, jobs, groups = _plan(args, files)
    except _UsageError as e:
        print(e, file=sys.stderr)
        return EXIT_USAGE
    # The HTML page redraws the tables, so it needs the parsed model, which the cache does not keep.
    keep_model = args.format == "html" or bool(args.html)
    results: list = [None] * len(files)
    for options, packs, idx in groups.values():
        cache = None if cache_dir is None else Cache(cache_dir, Cache.salt_for(packs, options))
        checked = check_all([files[i] for i in idx], options, packs, jobs=jobs, cache=cache, keep_model=keep_model,
                            lang=args.lang)
        for i, res in zip(idx, checked):
            results[i] = res
    if _crossyear(args, results, groups):
        return EXIT_USAGE
    fail_on, wanted = _configure(args, results, configs)
    note = None
    if args.baseline or args.write_baseline:
        from .baseline import BaselineError, load, write
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
    unread = [r.path for r, cfg in zip(results, configs + [None] * len(results)) if nothing_checked(r)
              and (args.fail_on_unchecked or (cfg is not None and cfg.fail_on_unchecked))]
    if unread:
        print(_msg(args, f"gklint: {len(unread)} 个报告的表格没有任何一项勾稽关系能够核对（--fail-on-unchecked）：" + "、".join(unread),
                   f"gklint: in {len(unread)} report(s) no arithmetic relation of the tables could be checked "
                   "(--fail-on-unchecked): " + ", ".join(unread)), file=sys.stderr)
    return EXIT_FINDINGS if failed or unread else EXIT_OK





def _rule(args) -> int:
    from .checks import all_rules
    from .pack import builtin_packs
    from .ruledoc import render_rule

    try:
        packs = _cli_packs(args)
    except _UsageError as e:
        print(e, file=sys.stderr)
        return EXIT_USAGE
    # The --pack packs last: where they redefine a built-in relation code, theirs is explained.
    rules = all_rules([p for t, p in builtin_packs().items() if t not in packs] + list(packs.values()))
    if args.all or not args.code:
        for r in rules:
            print(f"{r.code}  {r.severity:<7}  {r.doc(args.lang)['summary']}")
        return EXIT_OK
    code = args.code.upper()
    match = next((r for r in rules if r.code == code), None)
    if match is None:
        print(_msg(args, f"gklint: 没有规则 {args.code}；用 gklint rule --all 查看全部规则",
                   f"gklint: no rule {args.code}; see all rules with gklint rule --all"), file=sys.stderr)
        return EXIT_USAGE
    print(render_rule(match, args.lang))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = _build_parser(_argv_lang(sys.argv[1:] if argv is None else argv))

    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rule":
            return _rule(args)
        if args.command == "web":
            from .web import run as web
            return web(args)
        parser.print_help()
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
