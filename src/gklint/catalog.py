"""Message catalogs: every text gklint shows, by message id, in each language.

A catalog is a YAML file with one block per language (`zh`, `en`). A rule's catalog sits beside
its module (`checks/structure/section_missing.py` → `section_missing.yaml`) and holds its doc
(`summary`, `why`, `fix`, `example`) and its `messages`; shared catalogs (`gklint/messages.yaml`)
hold the texts of gklint itself (command line, outputs); a module with texts of its own has its
catalog beside it (`config/messages.yaml`, `pack/messages.yaml`, `expr.yaml`, `baseline.yaml`).
A message id is `<catalog>:<name>`, e.g. `GK101:missing`. Errors carry a message id and arguments
(`MessageError`) and are rendered in the user's language where they are reported.

Messages are `str.format` templates restricted to plain fields — `{name}` or `{name:spec}`, no
attribute or index access, since pack authors write templates too. Specs:

    q            the value in “…” quotes (template labels stay Chinese inside English text)
    list         items joined the language's way (zh 、, en “a, b and c”)
    qlist        quoted, then joined
    series       items joined by commas only (zh 、, en “a, b, c”): a run that goes on, such as
                 page numbers or the first few of many (“… and more” follows)
    qseries      quoted, then joined so
    plural=A|B   A when the value is 1, else B (English plurals)

An argument is a plain value (str, int, float), a localised term `{"zh": …, "en": …}` (a table
name from a pack), a sub-message `{"msg": id, "args": {…}}` rendered in the same language, or a
list of these. Arguments are JSON-able, so findings travel through the cache and worker
processes unchanged.
"""

from __future__ import annotations

import string
from functools import lru_cache
from .resources import beside, path_text, read_text
from .yamlload import load_yaml_at

LANGS = ("zh", "en")
DOC_KEYS = ("summary", "why", "fix", "example")


class CatalogError(Exception):
    """A catalog that is missing, malformed, or lacks a message: a bug of gklint or of a pack."""


class MessageError(Exception):
    """An error that says what is wrong by message id `msg` and arguments, so that it is shown in
    the user's language where it is reported (`e.text(lang)`); `str(e)` is the Chinese text.
    Subclasses that frame the message (file, line, key) override `text`."""

    def __init__(self, msg: str, **args):
        self.msg, self.args_ = msg, args
        super().__init__(self.text())

    def message(self, lang: str = "zh") -> str:
        return render(self.msg, self.args_, lang)

    def text(self, lang: str = "zh") -> str:
        return self.message(lang)

    def term(self) -> dict:
        """The whole text as a localised message argument (an error quoted inside another)."""
        return {lang: self.text(lang) for lang in LANGS}


_PATHS: dict[str, str] = {}
_INLINE: dict[str, dict] = {}  # catalogs given as data (rules declared by packs)


def register(name: str, path) -> None:
    """Make the catalog file `path` known as `name` (rule modules do this when they are defined)."""
    _PATHS[name] = path_text(path)


def names() -> list[str]:
    """Every catalog known so far (rule modules register theirs when imported)."""
    _discover()
    return sorted(set(_PATHS) | set(_INLINE))


def register_data(name: str, data: dict) -> None:
    """A catalog given as a mapping, e.g. the doc of a relation code declared by a pack."""
    _INLINE[name] = data
    catalog.cache_clear()


@lru_cache(maxsize=None)
def catalog(name: str) -> dict:
    if name in _INLINE:
        return _INLINE[name]
    if name not in _PATHS:
        _discover()
    path = _PATHS.get(name)
    if path is None:
        raise CatalogError(f"unknown catalog {name!r}")
    try:
        data = load_yaml_at(path, read_text(path))
    except OSError as e:
        raise CatalogError(f"{path}: {e}") from None
    if not isinstance(data, dict) or not isinstance(data.get("zh"), dict):
        raise CatalogError(f"{path}: a catalog needs a `zh` block")
    return data


def _discover() -> None:
    """Catalogs of rules are registered when their modules are imported; import them all."""
    from .checks import load_rules

    load_rules()
    if "core" not in _PATHS:
        register("core", beside(__file__, "messages.yaml"))


def block(name: str, lang: str) -> dict:
    """The `lang` block of a catalog; Chinese where the language has none."""
    data = catalog(name)
    return data.get(lang) or data["zh"]


def template(msg: str, lang: str) -> str:
    name, _, key = msg.partition(":")
    for language in (lang, "zh"):
        messages = (catalog(name).get(language) or {}).get("messages") or {}
        if key in messages:
            return messages[key]
    raise CatalogError(f"no message {msg!r}")


def render(msg: str, args: dict | None = None, lang: str = "zh") -> str:
    """The text of message `msg` with `args`, in `lang`."""
    return _FORMATTER.vformat(template(msg, lang), (), _Args(args or {}, lang))


def text(msg: str, lang: str = "zh", **args) -> str:
    """`render` with keyword arguments: `text("core:no-rule", lang, code=code)`."""
    return render(msg, args, lang)


def localise(value, lang: str) -> str:
    """A value as text in `lang` (see the module doc for the kinds of value)."""
    if isinstance(value, dict):
        if "msg" in value:
            return render(value["msg"], value.get("args") or {}, lang)
        return str(value.get(lang) or value.get("zh") or "")
    if isinstance(value, (list, tuple)):
        return _join([localise(v, lang) for v in value], lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def quote(text: str) -> str:
    return f"“{text}”"


def _join(items: list[str], lang: str) -> str:
    if lang == "en":
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + " and " + items[-1]
    return "、".join(items)


class _Args(dict):
    def __init__(self, args: dict, lang: str):
        super().__init__(args)
        self.lang = lang

    def __missing__(self, key):
        raise CatalogError(f"message argument {key!r} not given")


class _Formatter(string.Formatter):
    """`str.format` without attribute or index access, with gklint's format specs."""

    def get_field(self, field_name, args, kwargs):
        if not field_name.isidentifier():
            raise CatalogError(f"message field {field_name!r}: only plain names are allowed")
        return kwargs[field_name], field_name

    def convert_field(self, value, conversion):
        if conversion is not None:
            raise CatalogError("message fields take no !conversion")
        return value

    def format_field(self, value, spec):
        lang = "zh"
        if isinstance(value, tuple) and len(value) == 2 and value[0] is _LANG:
            lang, value = value[1]
        if spec.startswith("plural="):
            one, _, many = spec[len("plural="):].partition("|")
            return one if _number(value) == 1 else many
        if spec == "q":
            return quote(localise(value, lang))
        if spec in ("list", "qlist", "series", "qseries"):
            items = value if isinstance(value, (list, tuple)) else [value]
            texts = [localise(v, lang) for v in items]
            if spec.startswith("q"):
                texts = [quote(t) for t in texts]
            return _join(texts, lang) if spec.endswith("list") else (", " if lang == "en" else "、").join(texts)
        if spec:
            raise CatalogError(f"unknown format spec {spec!r}")
        return localise(value, lang)

    def vformat(self, format_string, args, kwargs):
        lang = getattr(kwargs, "lang", "zh")
        tagged = _Tagged(kwargs, lang)
        return super().vformat(format_string, args, tagged)


_LANG = object()


class _Tagged(dict):
    """Hands each argument to format_field together with the language."""

    def __init__(self, args: _Args, lang: str):
        super().__init__()
        self.args, self.lang = args, lang

    def __getitem__(self, key):
        return (_LANG, (self.lang, self.args[key]))


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


_FORMATTER = _Formatter()


def fields(template_text: str) -> set[str]:
    """The argument names a template uses (for catalog checks)."""
    out = set()
    for _, name, _, _ in string.Formatter().parse(template_text):
        if name:
            out.add(name)
    return out
