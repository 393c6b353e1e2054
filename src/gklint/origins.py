"""Places in the original document, as the readers name them (`表3 第6行 第9列`, `第3页 表格第5行第2列`,
`第12段`), shown in the user's language. The forms are messages of the core catalog: the Chinese
template is read back to find the numbers, the other language's template writes them."""

from __future__ import annotations

import re
import string
from functools import lru_cache

from . import catalog
from .lazyre import LazyPattern

# Tried in this order: a cell of a page's table before the page alone.
FORMS = ("origin-page-cell", "origin-table-cell", "origin-paragraph", "origin-page", "origin-row", "origin-column")
CJK = LazyPattern(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


@lru_cache(maxsize=None)
def _patterns() -> tuple:
    out = []
    for name in FORMS:
        parts = []
        for literal, field, _, _ in string.Formatter().parse(catalog.template(f"core:{name}", "zh")):
            parts += [r"\s*" if piece.isspace() else re.escape(piece) for piece in re.split(r"(\s+)", literal) if piece]
            if field:
                parts.append(rf"(?P<{field}>\d+)")
        out.append((re.compile("".join(parts)), f"core:{name}"))
    return tuple(out)


def in_language(origin: str, lang: str) -> str:
    """`表3 第6行 第9列` → `table 3, row 6, column 9`; a form not in the catalog is quoted as it is."""
    if lang == "zh":
        return origin  # the readers write the Chinese forms
    out = origin
    for rx, msg in _patterns():
        out = rx.sub(lambda m, msg=msg: catalog.render(msg, m.groupdict(), lang), out)
    return out if not CJK.search(out) else catalog.quote(origin)


def without_numbers(text: str) -> str:
    """`text` with every place in the original it quotes reduced to its form (`表 第行 第列`): the
    numbers move when paragraphs or tables are added, as line numbers do."""
    for rx, _ in _patterns():
        text = rx.sub(lambda m: re.sub(r"\d+", "", m.group(0)), text)
    return text


def term(origin: str) -> dict:
    """The place as a localised message argument."""
    return {lang: in_language(origin, lang) for lang in catalog.LANGS}


# The fields of each form as they go into JSON's `location` object.
_KEYS = {"page": "page", "table": "table", "row": "row", "col": "column", "n": None}
_N = {"origin-paragraph": "paragraph", "origin-page": "page", "origin-row": "row", "origin-column": "column"}


def location(origin: str | None) -> dict:
    """`表3 第5行 第2列` → `{"table": 3, "row": 5, "column": 2}`; `第4页` → `{"page": 4}`;
    a form not in the catalog (`网页标题`) gives `{}` (its `where` still names it)."""
    for rx, msg in _patterns():
        m = rx.fullmatch((origin or "").strip())
        if m:
            name = msg.partition(":")[2]
            return {(_KEYS[k] or _N[name]): int(v) for k, v in m.groupdict().items()}
    return {}
