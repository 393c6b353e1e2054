"""The `gklint` command.

    gklint check PATH...        check reports (files or directories)
    gklint rule CODE | --all    explain a rule (--pack YAML: with the relation codes of a pack)
    gklint web build DIR | serve [--port N] [DIR]   gklint in the browser (gklint.web)

Exit status: 0 no finding at or above --fail-on; 1 such findings; 2 usage or configuration error.
This module parses the arguments and dispatches; the commands themselves are gklint.commands.
"""

from __future__ import annotations

import argparse
import sys

from . import __version__, catalog
from .commands import EXIT_OK, EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    lang = "zh"  # of the `gklint: 错误:` prefix; argparse's own message stays as argparse prints it

    def error(self, message):  # argparse's own exit code 2 is ours too
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, catalog.text("core:cli-error", self.lang, message=message) + "\n")


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
    c.add_argument("--template", default=None, metavar="VERSION",
                   help="模板版本：auto，或某个规则包的 template（内置 2019、2021，或 --pack 规则包的版本）；"
                        "auto 按报告年度选择（内置规则包：2020 年及以前 2019，2021 年起 2021）")
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
    c.add_argument("--lang", choices=catalog.LANGS, default="zh", help="问题说明的语言（默认 zh 中文；en 英文）")
    r = sub.add_parser("rule", help="解释规则代码", description="显示规则的说明、依据和修改方法")
    r.add_argument("code", nargs="?", help="规则代码，如 GK302")
    r.add_argument("--all", action="store_true", help="列出全部规则")
    r.add_argument("--pack", action="append", default=[], metavar="YAML",
                   help="也说明自定义规则包声明的勾稽关系代码（可多次使用）")
    r.add_argument("--lang", choices=catalog.LANGS, default="zh", help="说明的语言（默认 zh 中文；en 英文）")
    p.lang = c.lang = r.lang = lang
    from .web import add_parser as add_web_parser
    add_web_parser(sub, lang)
    return p


def _codes(arg: str | None) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in arg.split(",") if c.strip()) if arg else ()


def main(argv: list[str] | None = None) -> int:
    parser = _build_parser(_argv_lang(sys.argv[1:] if argv is None else argv))

    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            from .commands import check
            return check.run(args, _codes(args.select), _codes(args.ignore))
        if args.command == "rule":
            from .commands import rule
            return rule.run(args)
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
