"""Relations between table cells, written in the packs as small equations (grammar/expr.lark).

An equation is compiled to a linear form  sum(coef * cell) + const = 0  per binding of its
`$row`/`$col` variable; evaluation and fault location work on that form. No `eval` anywhere.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import LarkError

from . import catalog, grammars, prebuilt
from .resources import beside

catalog.register("expr", beside(__file__, "expr.yaml"))


class ExprError(catalog.MessageError, ValueError):
    """An equation or fact that does not compile; its message is in the `expr` catalog."""


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return grammars.load("expr")


class Sel(NamedTuple):
    kind: str  # key | var | range | set
    a: str
    b: str | None = None


class CellRef(NamedTuple):
    table: str
    row: Sel
    col: Sel


class Term(NamedTuple):
    coef: int
    ref: CellRef | None  # None: a constant
    const: int = 0
    summed: bool = False


class Equation(NamedTuple):
    source: str
    terms: tuple[Term, ...]  # lhs terms positive, rhs terms negated

    def variables(self) -> set[str]:
        out = set()
        for t in self.terms:
            if t.ref:
                for s in (t.ref.row, t.ref.col):
                    if s.kind == "var":
                        out.add(s.a)
        return out

    def tables(self) -> set[str]:
        return {t.ref.table for t in self.terms if t.ref}


_MULTI = ("range", "set")


@v_args(inline=True)
class _Compile(Transformer):
    def key(self, name: Token) -> Sel:
        return Sel("key", str(name))

    def var(self, name: Token) -> Sel:
        return Sel("var", str(name))

    def range(self, a: Token, b: Token) -> Sel:
        return Sel("range", str(a), str(b))

    def set(self, name: Token) -> Sel:
        return Sel("set", str(name))

    def cell(self, table: Token, row: Sel, col: Sel) -> list[Term]:
        return [Term(1, CellRef(str(table), row, col))]

    def total(self, terms: list[Term]) -> list[Term]:
        return [Term(t.coef, t.ref, t.const, summed=True) for t in terms]

    def const(self, n: Token) -> list[Term]:
        return [Term(1, None, int(n))]

    def add(self, a: list[Term], b: list[Term]) -> list[Term]:
        return a + b

    def sub(self, a: list[Term], b: list[Term]) -> list[Term]:
        return a + [Term(-t.coef, t.ref, -t.const, t.summed) for t in b]

    def equation(self, lhs: list[Term], rhs: list[Term]) -> tuple[Term, ...]:
        for t in lhs + rhs:
            if t.ref and not t.summed and (t.ref.row.kind in _MULTI or t.ref.col.kind in _MULTI):
                raise ExprError("expr:several-cells", table=t.ref.table)
        return tuple(lhs) + tuple(Term(-t.coef, t.ref, -t.const, t.summed) for t in rhs)

    def fact(self, terms: list[Term]) -> tuple[Term, ...]:
        multi = [t for t in terms if t.ref and not t.summed and (t.ref.row.kind in _MULTI or t.ref.col.kind in _MULTI)]
        if multi and len(terms) > 1:
            raise ExprError("expr:several-cells-in-sum", table=multi[0].ref.table)
        return tuple(terms)


def select(sel: Sel, binding: dict, order: list[str], sets: dict[str, tuple]) -> list[str]:
    """The keys a selector picks: its key, its variable's binding, a range in `order`, or the
    rows of `sets` (row -> its set names) that belong to a named set."""
    if sel.kind == "key":
        return [sel.a]
    if sel.kind == "var":
        return [binding[sel.a]]
    if sel.kind == "range":
        i, j = order.index(sel.a), order.index(sel.b)
        return order[i:j + 1]
    return [r for r, names in sets.items() if sel.a in names]


@lru_cache(maxsize=256)
def parse_fact(source: str) -> tuple[Term, ...]:
    """The terms of a pack fact (an expression without `=`)."""
    return _remembered(source, "fact")


@lru_cache(maxsize=256)
def parse_equation(source: str) -> Equation:
    return Equation(source, _remembered(source, "equation"))


def _remembered(source: str, start: str) -> tuple[Term, ...]:
    """`_transform`, or its result stored when the package was built (prebuilt.py): the packs'
    equations are then read without loading the grammar or running Lark."""
    return prebuilt.remembered(f"expr-{start}", source, lambda: _transform(source, start), _encode, _decode)


def _encode(terms: tuple[Term, ...]) -> list:
    return [[t.coef, t.ref and [t.ref.table, _sel(t.ref.row), _sel(t.ref.col)], t.const, t.summed] for t in terms]


def _sel(s: Sel) -> list:
    return [s.kind, s.a, s.b]


def _decode(data: list) -> tuple[Term, ...]:
    return tuple(Term(coef, ref and CellRef(ref[0], Sel(*ref[1]), Sel(*ref[2])), const, summed)
                 for coef, ref, const, summed in data)


def _transform(source: str, start: str):
    try:
        tree = _parser().parse(source, start=start)
    except LarkError as e:
        raise ExprError("expr:syntax", detail=str(e).splitlines()[0]) from None
    try:
        terms = _Compile().transform(tree)
    except Exception as e:  # lark wraps transformer errors in VisitError
        cause = getattr(e, "orig_exc", e)
        if isinstance(cause, ExprError):
            raise cause from None
        raise ExprError("expr:invalid", detail=str(cause)) from None
    return terms
