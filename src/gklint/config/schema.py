"""One configuration file read and validated: `[tool.gklint]` in `pyproject.toml`, or the top
level of `gklint.toml`. Every unknown key or bad value raises `ConfigError`, naming the file, the
line when it can be found (keylines.py), and the key."""

from __future__ import annotations

import datetime
import json
import os
import re
from pathlib import Path

from ..findings import SEVERITIES
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
TEMPLATES = ("auto", "2019", "2021")
ISSUERS = ("department", "government")
KEYS = ("select", "ignore", "extend-select", "per-file-ignores", "severity", "fail-on", "fail-on-unchecked",
        "template", "issuer",
        "deadlines", "packs", "max-size", "jobs", "cache-dir", "suppress")
SUPPRESS_KEYS = ("code", "file", "where", "reason")
_CODE = re.compile(r"GK\d{0,3}")
_MMDD = re.compile(r"(\d{2})-(\d{2})")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names file, line and key.
    `str(e)` is Chinese; `e.text("en")` gives the same shape in English."""

    def __init__(self, path, key: str, message: str, line: int | None = None, table: str = "",
                 en: str | None = None):
        self.path, self.key, self.line, self.table = str(path), key, line, table
        self.message, self.en = message, en or message
        super().__init__(self.text())

    def text(self, lang: str = "zh") -> str:
        message = self.en if lang == "en" else self.message
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = f"{self.table} {self.key}".strip() if self.key else self.table
        return f"{where}: {label}: {message}" if label else f"{where}: {message}"


def show(value) -> str:
    """A configured value as the messages quote it."""
    return json.dumps(value, ensure_ascii=False, default=str)


class _Reader:
    def __init__(self, path: Path, text: str, in_pyproject: bool):
        self.path, self.text, self.in_pyproject = path, text, in_pyproject
        self.table = "[tool.gklint]" if in_pyproject else ""

    def line(self, keypath: list) -> int | None:
        return key_line(self.text, self.in_pyproject, keypath)

    def error(self, keypath: list, message: str, en: str) -> ConfigError:
        name = ""
        for k in keypath:
            name += f"[{k + 1}]" if isinstance(k, int) else (f".{k}" if name else str(k))
        return ConfigError(self.path, name, message, self.line(keypath), self.table, en=en)

    def choice(self, keypath, value, choices) -> str:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value not in choices:
            names = "、".join(choices[:-1]) + f" 或 {choices[-1]}"
            names_en = ", ".join(choices[:-1]) + f" or {choices[-1]}"
            raise self.error(keypath, f"应为 {names}，实际为 {show(value)}",
                             f"should be {names_en}, got {show(value)}")
        return value

    def codes(self, keypath, value, rules) -> tuple[str, ...]:
        if isinstance(value, str):
            raise self.error(keypath, f"应为代码列表，如 [\"GK3\", \"GK101\"]，实际为字符串 {show(value)}",
                             f"should be a list of codes, such as [\"GK3\", \"GK101\"], got the string {show(value)}")
        if not isinstance(value, list):
            raise self.error(keypath, f"应为代码列表，如 [\"GK3\", \"GK101\"]，实际为 {show(value)}",
                             f"should be a list of codes, such as [\"GK3\", \"GK101\"], got {show(value)}")
        out = []
        for i, c in enumerate(value):
            out.append(self.code(keypath + [i], c, rules))
        return tuple(out)

    def code(self, keypath, value, rules) -> str:
        if not isinstance(value, str) or not _CODE.fullmatch(value.strip().upper()):
            raise self.error(keypath, f"应为规则代码或代码前缀（如 GK302、GK3），实际为 {show(value)}",
                             f"should be a rule code or code prefix (such as GK302, GK3), got {show(value)}")
        code = value.strip().upper()
        if not any(r.startswith(code) for r in rules):
            raise self.error(keypath, f"没有以 {code} 开头的规则；用 gklint rule --all 查看全部规则",
                             f"no rule code starts with {code}; gklint rule --all lists every rule")
        return code

    def string(self, keypath, value) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(keypath, f"应为非空字符串，实际为 {show(value)}",
                             f"should be a non-empty string, got {show(value)}")
        return value

    def table_of(self, keypath, value) -> dict:
        if not isinstance(value, dict):
            raise self.error(keypath, f"应为表（键 = 值），实际为 {show(value)}",
                             f"should be a table (key = value), got {show(value)}")
        return value


def _unknown(reader: _Reader, keypath: list, key: str, known) -> ConfigError:
    import difflib  # only for the "did you mean" hint of an error

    close = difflib.get_close_matches(key, known, n=1)
    hint = f"（是否想写 {close[0]}？）" if close else ""
    hint_en = f" (did you mean {close[0]}?)" if close else ""
    return reader.error(keypath, f"未知的配置项{hint}；可用的有 {'、'.join(known)}",
                        f"unknown setting{hint_en}; the known ones are {', '.join(known)}")


def load(path, required: bool = True) -> Config | None:
    """Read and validate one configuration file. A `pyproject.toml` without `[tool.gklint]` is
    None when found by discovery (`required=False`), an error when named by --config."""
    from ..checks import all_rules
    from ..pack import PackError, load_pack

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(path, "", f"无法读取配置文件：{e.strerror or e}",
                          en=f"cannot read the configuration file: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise ConfigError(path, "", "配置文件应为 UTF-8 编码", en="the configuration file should be UTF-8") from None
    toml = _toml()
    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError as e:
        raise ConfigError(path, "", f"TOML 语法错误：{e}", en=f"TOML syntax error: {e}") from None
    in_pyproject = path.name == "pyproject.toml"
    r = _Reader(path, text, in_pyproject)
    if in_pyproject:
        table = data.get("tool", {}).get("gklint") if isinstance(data.get("tool"), dict) else None
        if table is None:
            if required:
                raise ConfigError(path, "", "没有 [tool.gklint] 表", en="there is no [tool.gklint] table")
            return None
        data = r.table_of([], table)
    rules = [x.code for x in all_rules()]
    root = os.path.dirname(os.path.abspath(path))
    cfg = Config(str(path), root, r.table)
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
                cfg.per_file_ignores.append((glob, r.codes(kp + [glob], codes, rules)))
        elif key == "severity":
            for code, sev in r.table_of(kp, value).items():
                cfg.severity[r.code(kp + [code], code, rules)] = r.choice(kp + [code], sev, SEVERITIES)
        elif key == "fail-on":
            cfg.fail_on = r.choice(kp, value, FAIL_ON)
        elif key == "fail-on-unchecked":
            if not isinstance(value, bool):
                raise r.error(kp, f"应为 true 或 false，实际为 {show(value)}", f"should be true or false, got {show(value)}")
            cfg.fail_on_unchecked = value
        elif key == "template":
            t = r.choice(kp, value, TEMPLATES)
            cfg.template = None if t == "auto" else t
        elif key == "issuer":
            cfg.issuer = r.choice(kp, value, ISSUERS)
        elif key == "deadlines":
            cfg.deadlines = {}
            for who, day in r.table_of(kp, value).items():
                if who not in ISSUERS:
                    raise _unknown(r, kp + [who], who, ISSUERS)
                m = _MMDD.fullmatch(day) if isinstance(day, str) else None
                try:
                    datetime.date(2000, int(m.group(1)), int(m.group(2))) if m else None
                except ValueError:
                    m = None
                if m is None:
                    raise r.error(kp + [who], f"应为月-日，如 \"03-31\"（MM-DD），实际为 {show(day)}",
                                  f"should be month-day, such as \"03-31\" (MM-DD), got {show(day)}")
                cfg.deadlines[who] = day
        elif key == "packs":
            if not isinstance(value, list):
                raise r.error(kp, f"应为规则包文件列表，实际为 {show(value)}",
                              f"should be a list of rule pack files, got {show(value)}")
            for i, p in enumerate(value):
                p = r.string(kp + [i], p)
                try:
                    cfg.packs.append(load_pack(Path(root) / p))
                except PackError as e:
                    raise r.error(kp + [i], f"规则包错误：{e}", f"rule pack error: {e.text('en')}") from None
        elif key == "max-size":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise r.error(kp, f"应为正数（MB），实际为 {show(value)}",
                              f"should be a positive number (MB), got {show(value)}")
            cfg.max_size = float(value)
        elif key == "jobs":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise r.error(kp, f"应为非负整数（0 = CPU 核数），实际为 {show(value)}",
                              f"should be a non-negative integer (0 = the number of CPU cores), got {show(value)}")
            cfg.jobs = value
        elif key == "cache-dir":
            cfg.cache_dir = os.path.join(root, r.string(kp, value))
        elif key == "suppress":
            if not isinstance(value, list):
                raise r.error(kp, "应为条目列表（[[tool.gklint.suppress]] 或 [[suppress]]）",
                              "should be a list of entries ([[tool.gklint.suppress]] or [[suppress]])")
            for i, entry in enumerate(value):
                cfg.suppress.append(_suppression(r, kp + [i], entry, rules))
    return cfg


def _suppression(r: _Reader, kp: list, entry, rules) -> Suppression:
    entry = r.table_of(kp, entry)
    for k in entry:
        if k not in SUPPRESS_KEYS:
            raise _unknown(r, kp + [k], k, SUPPRESS_KEYS)
    if "code" not in entry:
        raise r.error(kp, "缺少 code（要忽略的规则代码）", "code is missing (the rule code to suppress)")
    code = r.code(kp + ["code"], entry["code"], rules)
    if not isinstance(entry.get("reason"), str) or not entry["reason"].strip():
        raise r.error(kp + (["reason"] if "reason" in entry else []),
                      "缺少 reason：每条忽略都要写明理由（非空字符串）",
                      "reason is missing: every suppression needs a reason (a non-empty string)")
    if "file" not in entry:
        raise r.error(kp, "缺少 file（条目适用的文件，相对于配置文件所在目录的 glob，如 \"reports/2021/*.txt\"）",
                      "file is missing (the files the entry applies to: a glob relative to the configuration "
                      "file's directory, such as \"reports/2021/*.txt\")")
    file = r.string(kp + ["file"], entry["file"])
    where = r.string(kp + ["where"], entry["where"]) if "where" in entry else None
    return Suppression(code, file, where, entry["reason"].strip(), r.line(kp))
