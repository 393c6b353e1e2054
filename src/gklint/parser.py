"""Parse a report's lines into the structure model with the Lark grammar in grammar/report.lark.

The grammar is compiled once per process (LALR; the lexer is ours, see lexer.py). After the
parse, the title, agency, report year and page metadata are read from the front matter.
"""

from __future__ import annotations

from functools import lru_cache

from lark import Lark, Token, Transformer
from lark.lexer import Lexer as LarkLexer

from . import grammars
from .checks import get as get_rule
from .lexer import Item, Lexer
from .model import Pos, Report, Section
from .normalize import key
from .textscan import fold, period_re, period_words
from .pack import builtin_packs
from .prebuilt import regex
from .vocab import vocabulary


class _ItemStream(LarkLexer):
    """Feeds pre-classified items to the LALR parser; a token's value is the item's index."""

    def __init__(self, lexer_conf):
        pass

    def lex(self, items):  # type: ignore[override]
        for i, it in enumerate(items):
            yield Token(it.type, str(i), line=it.line, column=it.col)


@lru_cache(maxsize=1)
def _grammar() -> Lark:
    return grammars.load("report", lexer=_ItemStream)


@lru_cache(maxsize=8)
def _lexer(packs: tuple) -> Lexer:
    return Lexer(vocabulary(dict(packs)))


class _Build(Transformer):
    def __init__(self, items: list[Item]):
        super().__init__()
        self.items = items

    def _item(self, tok: Token) -> Item:
        return self.items[int(tok)]

    def title(self, c):
        return self._item(c[0])

    meta = subheading = paragraph = table = title

    def front(self, children):
        return list(children)

    def subsection(self, children):
        return [self._item(children[0])] + children[1:]

    def section(self, children):
        head = self._item(children[0])
        body: list[Item] = []
        for c in children[1:]:
            body.extend(c if isinstance(c, list) else [c])
        return Section(head.heading.section.key, head.heading, Pos(head.line, head.col), body)

    def start(self, children):
        return children[0], children[1:]


MAX_TABLE_CELLS = 20_000
YEAR_RE = regex(r"((?:19|20)\d{2})\s*年")


def parse(path: str, lines: list[str], packs: dict | None = None) -> Report:
    packs = packs or builtin_packs()
    items = _lexer(tuple(sorted(packs.items()))).lex(lines)
    front, sections = _Build(items).transform(_grammar().parse(items))
    report = Report(path, front=front, sections=sections)
    for it in front:
        if it.type == "META":
            report.meta.setdefault(it.meta_key, (it.text, Pos(it.line, it.col)))
        elif it.type == "TITLE" and report.title is None:
            report.title, report.title_pos = it.text, Pos(it.line, it.col)
    if report.title is None and "标题" in report.meta and report.meta["标题"][0]:
        report.title, report.title_pos = report.meta["标题"]
    for section_key, items_ in [(None, front)] + [(s.key, s.items) for s in sections]:
        for it in items_:
            if it.type == "TABLE":
                if len(it.cells) > MAX_TABLE_CELLS:
                    # Templates have under 300 cells; bound the work on hostile or broken input.
                    report.notes.append(get_rule("GK020").finding("cells", Pos(it.line, it.col), count=len(it.cells),
                                                                  limit=MAX_TABLE_CELLS))
                    del it.cells[MAX_TABLE_CELLS:]
                report.table_blocks.append((section_key, it))
    _year_and_agency(report, period_re(period_words(packs)))
    return report


def _year_and_agency(report: Report, period) -> None:
    if report.title:
        m = YEAR_RE.search(report.title)
        if m:
            report.year, report.year_source = int(m.group(1)), "title"
            # The agency: what comes before the year and an optional 关于 (某局关于2023年…).
            head = report.title[:m.start()].rstrip().removesuffix("关于").rstrip().strip(" #")
            if head and not key(head).startswith("政府信息"):
                report.agency = head
    if report.year is None:
        for it in report.front:
            if it.type in ("TEXT", "SUBHEADING"):
                m = period.search(fold(it.text)) if period else None
                year = m and m.group("y1") and m.group("m1") == "1" and m.group("d1") == "1" and m.group("y1")
                m = None if year else YEAR_RE.search(it.text)
                if year or m:
                    report.year, report.year_source = int(year or m.group(1)), "preamble"
                    break
