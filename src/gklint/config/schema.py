"""One configuration file read and validated: `[tool.gklint]` in `pyproject.toml`, or the top
level of `gklint.toml`. Every unknown key or bad value raises `ConfigError`, naming the file, the
line when it can be found (keylines.py), and the key."""

from __future__ import annotations

import json
import os

from .. import catalog
from ..findings import SEVERITIES
from ..prebuilt import regex
from ..resources import beside, path_text
from ..terminal import COLORS
from .keylines import key_line
from .model import Config, Suppression


def _toml():
    """The TOML parser, imported only when a configuration file is actually read."""
    try:  # Python 3.11+
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    return tomllib


FAIL_ON = ("error", "warning", "info", "never")
ISSUERS = ("department", "government")
KEYS = ("select", "ignore", "extend-select", "per-file-ignores", "severity", "fail-on", "fail-on-unchecked",
        "template", "issuer",
        "deadlines", "packs", "max-size", "jobs", "cache-dir", "suppress",
        "exclude", "extend-exclude", "color", "show-source")
SUPPRESS_KEYS = ("code", "file", "where", "reason")
CODE = regex(r"GK\d{0,3}")
MAX_GLOB = 1000  # characters of a path glob (matching is linear in it: globs.py)

catalog.register("config", beside(__file__, "messages.yaml"))


class ConfigError(catalog.MessageError):
    """A configuration file that cannot be used: `file:line: key: message`, the message by id and
    arguments of the `config` catalog (config/messages.yaml)."""

    def __init__(self, path, key: str, msg: str, line: int | None = None, table: str = "", **args):
        self.path, self.key, self.line, self.table = str(path), key, line, table
        super().__init__(f"config:{msg}", **args)

    def text(self, lang: str = "zh") -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = f"{self.table} {self.key}".strip() if self.key else self.table
        return f"{where}: {label}: {self.message(lang)}" if label else f"{where}: {self.message(lang)}"


def show(value) -> str:
    """A configured value as the messages quote it."""
    return json.dumps(value, ensure_ascii=False, default=str)


class _Reader:
    def __init__(self, path: str, text: str, in_pyproject: bool):
        self.path, self.text, self.in_pyproject = path, text, in_pyproject
        self.table = "[tool.gklint]" if in_pyproject else ""

    def line(self, keypath: list) -> int | None:
        return key_line(self.text, self.in_pyproject, keypath)

    def error(self, keypath: list, msg: str, **args) -> ConfigError:
        name = ""
        for k in keypath:
            name += f"[{k + 1}]" if isinstance(k, int) else (f".{k}" if name else str(k))
        return ConfigError(self.path, name, msg, self.line(keypath), self.table, **args)

    def choice(self, keypath, value, choices) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value not in choices:
            raise self.error(keypath, "choice", first=list(choices[:-1]), last=choices[-1], got=show(value))
        return value

    def codes(self, keypath, value, rules) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.error(keypath, "codes-string" if isinstance(value, str) else "codes", got=show(value))
        out = []
        for i, c in enumerate(value):
            out.append(self.code(keypath + [i], c, rules))
        return tuple(out)

    def code(self, keypath, value, rules) -> str:
        if not isinstance(value, str) or not CODE.fullmatch(value.strip().upper()):
            raise self.error(keypath, "code", got=show(value))
        code = value.strip().upper()
        if not any(r.startswith(code) for r in rules):
            raise self.error(keypath, "no-such-code", code=code)
        return code

    def string(self, keypath, value) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(keypath, "string", got=show(value))
        return value

    def glob(self, keypath, value: str) -> str:
        if len(value) > MAX_GLOB:
            raise self.error(keypath, "glob-too-long", limit=MAX_GLOB)
        return value

    def table_of(self, keypath, value) -> dict:
        if not isinstance(value, dict):
            raise self.error(keypath, "table", got=show(value))
        return value


def _unknown(reader: _Reader, keypath: list, key: str, known) -> ConfigError:
    import difflib  # only for the "did you mean" hint of an error

    close = difflib.get_close_matches(key, known, n=1)
    hint = {"msg": "config:did-you-mean", "args": {"name": close[0]}} if close else ""
    return reader.error(keypath, "unknown", hint=hint, known=list(known))


def load(path, required: bool = True, templates: tuple = ()) -> Config | None:
    """Read and validate one configuration file. A `pyproject.toml` without `[tool.gklint]` is
    None when found by discovery (`required=False`), an error when named by --config.
    `template` may name the version of a built-in pack, of a pack the file lists, or of
    `templates` (the versions of the command line's --pack)."""
    from ..checks import all_rules
    from ..pack import PackError, builtin_packs, load_pack, valid_mmdd

    from .. import limits
    from ..fileio import TooLarge, read_bounded

    path = path_text(path)
    try:
        text = read_bounded(path, limits.SETTINGS_BYTES).decode("utf-8")
    except TooLarge as e:
        raise ConfigError(path, "", "too-large", size=e.size, limit=e.limit) from None
    except OSError as e:
        raise ConfigError(path, "", "unreadable", reason=str(e.strerror or e)) from None
    except UnicodeDecodeError:
        raise ConfigError(path, "", "not-utf8") from None
    toml = _toml()
    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError as e:
        raise ConfigError(path, "", "toml-syntax", detail=str(e)) from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(path, "", "toml-too-deep") from None
    in_pyproject = os.path.basename(path) == "pyproject.toml"
    r = _Reader(path, text, in_pyproject)
    if in_pyproject:
        table = data.get("tool", {}).get("gklint") if isinstance(data.get("tool"), dict) else None
        if table is None:
            if required:
                raise ConfigError(path, "", "no-table")
            return None
        data = r.table_of([], table)
    rules = [x.code for x in all_rules()]
    root = os.path.dirname(os.path.abspath(path))
    cfg = Config(str(path), root, r.table)
    template = None
    for key, value in data.items():
        kp = [key]
        if key not in KEYS:
            raise _unknown(r, kp, key, KEYS)
        if key == "select":
            cfg.select = r.codes(kp, value, rules)
        elif key == "ignore":
            cfg.ignore = r.codes(kp, value, rules)
        elif key == "extend-select":
            cfg.extend_select = r.codes(kp, value, rules)
        elif key == "per-file-ignores":
            for glob, codes in r.table_of(kp, value).items():
                cfg.per_file_ignores.append((r.glob(kp + [glob], glob), r.codes(kp + [glob], codes, rules)))
        elif key == "severity":
            for code, sev in r.table_of(kp, value).items():
                cfg.severity[r.code(kp + [code], code, rules)] = r.choice(kp + [code], sev, SEVERITIES)
        elif key == "fail-on":
            cfg.fail_on = r.choice(kp, value, FAIL_ON)
        elif key in ("fail-on-unchecked", "show-source"):
            if not isinstance(value, bool):
                raise r.error(kp, "bool", got=show(value))
            setattr(cfg, key.replace("-", "_"), value)
        elif key == "color":
            cfg.color = r.choice(kp, value, COLORS)
        elif key in ("exclude", "extend-exclude"):
            if not isinstance(value, list):
                raise r.error(kp, "globs", got=show(value))
            setattr(cfg, key.replace("-", "_"), tuple(r.string(kp + [i], g) for i, g in enumerate(value)))
        elif key == "template":
            template = value  # checked once the file's packs are known
        elif key == "issuer":
            cfg.issuer = r.choice(kp, value, ISSUERS)
        elif key == "deadlines":
            cfg.deadlines = {}
            for who, day in r.table_of(kp, value).items():
                if who not in ISSUERS:
                    raise _unknown(r, kp + [who], who, ISSUERS)
                if not (isinstance(day, str) and valid_mmdd(day)):  # a date in every year: never 02-29
                    raise r.error(kp + [who], "month-day", got=show(day))
                cfg.deadlines[who] = day
        elif key == "packs":
            if not isinstance(value, list):
                raise r.error(kp, "packs", got=show(value))
            for i, p in enumerate(value):
                p = r.string(kp + [i], p)
                try:
                    cfg.packs.append(load_pack(os.path.join(root, p)))
                except PackError as e:
                    raise r.error(kp + [i], "pack-error", error=e.term()) from None
        elif key == "max-size":
            if not limits.size_mb(value):
                raise r.error(kp, "max-size", got=show(value), limit=limits.MAX_SIZE_MB)
            cfg.max_size = float(value)
        elif key == "jobs":
            if not limits.jobs(value):
                raise r.error(kp, "jobs", got=show(value), limit=limits.MAX_JOBS)
            cfg.jobs = value
        elif key == "cache-dir":
            cfg.cache_dir = os.path.join(root, r.string(kp, value))
        elif key == "suppress":
            if not isinstance(value, list):
                raise r.error(kp, "suppress-list")
            for i, entry in enumerate(value):
                cfg.suppress.append(_suppression(r, kp + [i], entry, rules))
    if template is not None:
        known = dict.fromkeys([*builtin_packs(), *templates, *(p.template for p in cfg.packs)])
        t = r.choice(["template"], template, ("auto", *known))
        cfg.template = None if t == "auto" else t
    return cfg


def _suppression(r: _Reader, kp: list, entry, rules) -> Suppression:
    entry = r.table_of(kp, entry)
    for k in entry:
        if k not in SUPPRESS_KEYS:
            raise _unknown(r, kp + [k], k, SUPPRESS_KEYS)
    if "code" not in entry:
        raise r.error(kp, "code-missing")
    code = r.code(kp + ["code"], entry["code"], rules)
    if not isinstance(entry.get("reason"), str) or not entry["reason"].strip():
        raise r.error(kp + (["reason"] if "reason" in entry else []), "reason-missing")
    if "file" not in entry:
        raise r.error(kp, "file-missing")
    file = r.glob(kp + ["file"], r.string(kp + ["file"], entry["file"]))
    where = r.string(kp + ["where"], entry["where"]) if "where" in entry else None
    return Suppression(code, file, where, entry["reason"].strip(), r.line(kp))
