"""gklint in the browser, offline (docs/web.md).

    gklint web build DIR                  a static web app in DIR that runs gklint itself (Pyodide)
    gklint web serve [--port N] [DIR]     serve it on 127.0.0.1 and open the browser

Modules: fetch.py (pinned downloads, pins.yaml), wheel.py (pure wheels), build.py (the folder),
serve.py (the local server), inbrowser.py (what the page runs), static/ (the page itself);
texts in messages.yaml. Only this file is imported by the command line's parser.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from .. import catalog
from ..resources import beside

if TYPE_CHECKING:
    from pathlib import Path

catalog.register("web", beside(__file__, "messages.yaml"))

DEFAULT_PORT = 8765


def add_parser(sub, lang: str = "zh") -> None:
    """`gklint web …` under the command line's subparsers."""
    w = sub.add_parser("web", help="生成或打开在浏览器中运行的 gklint 网页",
                       description="生成或打开在浏览器中运行的 gklint 网页（报告文件不离开浏览器；见 docs/web.md）")
    w.lang = lang
    actions = w.add_subparsers(dest="web_command", metavar="{build,serve}")
    b = actions.add_parser("build", help="把网页生成到目录 DIR",
                           description="把网页生成到目录 DIR（可放到任意静态网站服务器上）")
    b.add_argument("dir", metavar="DIR", help="输出目录（不存在则新建；已有的 gklint 网页目录会被替换）")
    s = actions.add_parser("serve", help="在本机 127.0.0.1 上打开网页",
                           description="在本机 127.0.0.1 上提供网页并打开浏览器")
    s.add_argument("dir", nargs="?", metavar="DIR",
                   help="网页目录（没有网页则先生成；默认为缓存目录中的 site，每次重新生成）")
    s.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="N", help=f"端口（默认 {DEFAULT_PORT}）")
    s.add_argument("--no-browser", action="store_true", help="不自动打开浏览器")
    for p in (b, s):
        p.lang = lang
        p.add_argument("--lang", choices=catalog.LANGS, default="zh", help="提示信息的语言（默认 zh 中文；en 英文）")
    w.set_defaults(web_parser=w)


def run(args) -> int:
    """Exit status: 0 done (serve: stopped with Ctrl+C), 2 usage or build error."""
    from .fetch import BuildError

    lang = getattr(args, "lang", "zh")

    def say(msg: str, **kw) -> None:
        print(catalog.text(msg, lang, **kw), file=sys.stderr, flush=True)

    if args.web_command is None:
        args.web_parser.print_help(sys.stderr)
        return 2
    from pathlib import Path  # not imported for the other commands (≈ 4 ms of a one-file check)

    try:
        if args.web_command == "build":
            summary = _built(_build(Path(args.dir), say), say)
            say("web:built-next", dir=summary["dir"])
            return 0
        from .fetch import cache_dir
        from .serve import serve

        # The default folder is rebuilt each time (offline, under a second): it follows gklint's updates.
        folder = Path(args.dir) if args.dir else cache_dir() / "site"
        if not args.dir or not (folder / "index.html").is_file():
            _built(_build(folder, say), say)
        return serve(folder, args.port, not args.no_browser, say)
    except BuildError as e:
        print(f"gklint: {catalog.text(e.msg, lang, **e.args_)}", file=sys.stderr)
        return 2


def _build(folder: Path, say) -> dict:
    from .build import build
    from .fetch import BuildError

    try:
        return build(folder, say)
    except OSError as e:
        raise BuildError("web:cannot-write", dir=str(e.filename or folder), error=e.strerror or str(e)) from None


def _built(summary: dict, say) -> dict:
    say("web:built", dir=summary["dir"], files=summary["files"], mb=f"{summary['bytes'] / 1e6:.1f}",
        seconds=f"{summary['seconds']:.1f}")
    return summary
