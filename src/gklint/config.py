"""Configuration files: `[tool.gklint]` in `pyproject.toml`, or the top level of `gklint.toml`.

Found by walking up from each checked file (ruff/yamllint style): the nearest directory holding a
`gklint.toml`, or a `pyproject.toml` with a `[tool.gklint]` table, wins (a `gklint.toml` beats a
`pyproject.toml` in the same directory); there is no merging with configs further up. `--config
FILE` forces one file for every checked file; `--isolated` ignores configuration files.

Configuration is applied *after* checking (and after the findings cache): selection, severity
overrides and suppressions are filters over the unfiltered findings of a file, so one cache entry
serves every configuration. Only what changes checking itself — template, packs, settings
(issuer, deadlines), max-size — goes into `engine.Options` and so into the cache salt.

Every unknown key or bad value raises `ConfigError`, naming the file, the line when it can be
found, and the key.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path



def _toml():
    """The TOML parser, imported only when a configuration file is actually read."""
    try:  # Python 3.11+
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    return tomllib

from .findings import SEVERITIES, SEVERITY_RANK, Finding, decorate

CONFIG_NAMES = ("gklint.toml", "pyproject.toml")  # in this order within one directory
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


@dataclass(eq=False)
class Suppression:
    code: str
    file: str  # glob relative to the config file's directory
    where: str | None
    reason: str
    line: int | None = None
    used: int = 0  # findings it hid in this run
    applies: bool = False  # some checked file matched `file`

    def matches(self, f: Finding, rel: str) -> bool:
        if not f.code.startswith(self.code):
            return False
        if not glob_match(self.file, rel):
            return False
        return self.where is None or where_matches(self.where, f)


@dataclass(eq=False)  # compared and hashed by identity: one object per file
class Config:
    path: str  # the configuration file
    root: str  # its directory: globs and paths in it are relative to this
    table: str = ""  # "[tool.gklint]" for pyproject.toml, "" for gklint.toml
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    fail_on_unchecked: bool | None = None
    template: str | None = None
    issuer: str | None = None
    deadlines: dict[str, str] | None = None
    packs: list = field(default_factory=list)  # loaded Pack objects, in file order
    max_size: float | None = None
    jobs: int | None = None
    cache_dir: str | None = None
    suppress: list[Suppression] = field(default_factory=list)

    @property
    def settings(self) -> dict:
        out: dict = {}
        if self.issuer:
            out["issuer"] = self.issuer
        if self.deadlines:
            out["deadlines"] = dict(self.deadlines)
        return out

    def relative(self, path: str) -> str:
        """`path` relative to the config's directory, with `/` (may start with `../`)."""
        try:
            rel = os.path.relpath(os.path.abspath(path), self.root)
        except ValueError:  # another drive on Windows
            rel = os.path.abspath(path)
        return rel.replace(os.sep, "/")


# --- globs and `where` ---------------------------------------------------------------------------

def _glob_re(pattern: str) -> re.Pattern:
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and pattern.find("]", i + 2) != -1:
            end = pattern.find("]", i + 2)
            body = pattern[i + 1:end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, rel: str) -> bool:
    """Does a config glob match a path relative to the config's directory?

    `*` and `?` stay within one path segment, `**` spans directories; a pattern without `/` also
    matches the file name anywhere; a pattern matching a directory matches every file under it."""
    pattern = pattern.replace("\\", "/")
    while pattern.startswith("./"):
        pattern = pattern[2:]
    rx = _glob_re(pattern.rstrip("/"))
    parts = rel.split("/")
    if "/" not in pattern.rstrip("/") and rx.match(parts[-1]):
        return True
    return any(rx.match("/".join(parts[:n])) for n in range(len(parts), 0, -1))


def where_matches(where: str, f: Finding) -> bool:
    """`where` is a table path from the finding (its cell, suspect cell, table, row or section; a
    shorter path such as `t3[R03]` covers the cells under it), or text contained in the message."""
    d = f.data
    paths = [d.get("cell"), (d.get("suspect") or {}).get("cell") if isinstance(d.get("suspect"), dict) else None,
             d.get("table"), d.get("section")]
    if d.get("table") and d.get("row"):
        paths.append(f"{d['table']}[{d['row']}]")
    if d.get("table") and d.get("binding"):
        paths.append(f"{d['table']}[{d['binding']}]")
    for p in paths:
        if isinstance(p, str) and (p == where or p.startswith(where + "[")):
            return True
    return where in f.message


# --- loading and validation ----------------------------------------------------------------------

def _show(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _key_line(text: str, in_pyproject: bool, keypath: list) -> int | None:
    """Line of a key in the TOML text, by a plain search (tomllib keeps no positions)."""
    lines = text.splitlines()
    prefix = r"tool\s*\.\s*gklint" if in_pyproject else ""

    def header(name: str = "", array: bool = False) -> re.Pattern:
        dotted = r"\s*\.\s*".join(p for p in (prefix, re.escape(name) if name else "") if p)
        o, c = (r"\[\[", r"\]\]") if array else (r"\[", r"\]")
        return re.compile(rf"\s*{o}\s*{dotted}\s*{c}")

    start = 0
    if in_pyproject:
        start = next((i for i, ln in enumerate(lines) if header().match(ln)), None)
        if start is None:
            return None
    if not keypath:
        return start + 1
    first, rest = keypath[0], list(keypath[1:])
    pos = None
    if first == "suppress" and rest and isinstance(rest[0], int):
        hits = [i for i, ln in enumerate(lines) if header("suppress", array=True).match(ln)]
        if rest[0] < len(hits):
            pos = hits[rest[0]]
        rest = rest[1:]
    if pos is None:
        key_rx = re.compile(rf"\s*[\"']?{re.escape(str(first))}[\"']?\s*=")
        sub = header(str(first))
        pos = next((i for i in range(start, len(lines)) if key_rx.match(lines[i]) or sub.match(lines[i])), None)
        if pos is None:
            return None
    for k in rest:
        if isinstance(k, int):
            continue
        key_rx = re.compile(rf"\s*[\"']?{re.escape(str(k))}[\"']?\s*=|.*[{{,]\s*[\"']?{re.escape(str(k))}[\"']?\s*=")
        nxt = next((i for i in range(pos, len(lines)) if key_rx.match(lines[i])), None)
        if nxt is None:
            break
        pos = nxt
    return pos + 1


class _Reader:
    def __init__(self, path: Path, text: str, in_pyproject: bool):
        self.path, self.text, self.in_pyproject = path, text, in_pyproject
        self.table = "[tool.gklint]" if in_pyproject else ""

    def line(self, keypath: list) -> int | None:
        return _key_line(self.text, self.in_pyproject, keypath)

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
            raise self.error(keypath, f"应为 {names}，实际为 {_show(value)}",
                             f"should be {names_en}, got {_show(value)}")
        return value

    def codes(self, keypath, value, rules) -> tuple[str, ...]:
        if isinstance(value, str):
            raise self.error(keypath, f"应为代码列表，如 [\"GK3\", \"GK101\"]，实际为字符串 {_show(value)}",
                             f"should be a list of codes, such as [\"GK3\", \"GK101\"], got the string {_show(value)}")
        if not isinstance(value, list):
            raise self.error(keypath, f"应为代码列表，如 [\"GK3\", \"GK101\"]，实际为 {_show(value)}",
                             f"should be a list of codes, such as [\"GK3\", \"GK101\"], got {_show(value)}")
        out = []
        for i, c in enumerate(value):
            out.append(self.code(keypath + [i], c, rules))
        return tuple(out)

    def code(self, keypath, value, rules) -> str:
        if not isinstance(value, str) or not _CODE.fullmatch(value.strip().upper()):
            raise self.error(keypath, f"应为规则代码或代码前缀（如 GK302、GK3），实际为 {_show(value)}",
                             f"should be a rule code or code prefix (such as GK302, GK3), got {_show(value)}")
        code = value.strip().upper()
        if not any(r.startswith(code) for r in rules):
            raise self.error(keypath, f"没有以 {code} 开头的规则；用 gklint rule --all 查看全部规则",
                             f"no rule code starts with {code}; gklint rule --all lists every rule")
        return code

    def string(self, keypath, value) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(keypath, f"应为非空字符串，实际为 {_show(value)}",
                             f"should be a non-empty string, got {_show(value)}")
        return value

    def table_of(self, keypath, value) -> dict:
        if not isinstance(value, dict):
            raise self.error(keypath, f"应为表（键 = 值），实际为 {_show(value)}",
                             f"should be a table (key = value), got {_show(value)}")
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
    from .checks import all_rules
    from .pack import PackError, load_pack

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
                raise r.error(kp, f"应为 true 或 false，实际为 {_show(value)}", f"should be true or false, got {_show(value)}")
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
                    raise r.error(kp + [who], f"应为月-日，如 \"03-31\"（MM-DD），实际为 {_show(day)}",
                                  f"should be month-day, such as \"03-31\" (MM-DD), got {_show(day)}")
                cfg.deadlines[who] = day
        elif key == "packs":
            if not isinstance(value, list):
                raise r.error(kp, f"应为规则包文件列表，实际为 {_show(value)}",
                              f"should be a list of rule pack files, got {_show(value)}")
            for i, p in enumerate(value):
                p = r.string(kp + [i], p)
                try:
                    cfg.packs.append(load_pack(Path(root) / p))
                except PackError as e:
                    raise r.error(kp + [i], f"规则包错误：{e}", f"rule pack error: {e.text('en')}") from None
        elif key == "max-size":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise r.error(kp, f"应为正数（MB），实际为 {_show(value)}",
                              f"should be a positive number (MB), got {_show(value)}")
            cfg.max_size = float(value)
        elif key == "jobs":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise r.error(kp, f"应为非负整数（0 = CPU 核数），实际为 {_show(value)}",
                              f"should be a non-negative integer (0 = the number of CPU cores), got {_show(value)}")
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


# --- discovery -----------------------------------------------------------------------------------

class Finder:
    """The configuration of each checked file: forced (--config), none (--isolated), or the nearest."""

    def __init__(self, forced: str | None = None, isolated: bool = False):
        self.isolated = isolated
        self.forced = load(forced) if forced else None
        self._dirs: dict[str, Config | None] = {}
        self._files: dict[str, Config] = {}

    def for_file(self, path: str) -> Config | None:
        if self.forced is not None or self.isolated:
            return self.forced
        return self.for_dir(os.path.dirname(os.path.abspath(path)))

    def for_dir(self, directory: str) -> Config | None:
        if self.forced is not None or self.isolated:
            return self.forced
        directory = os.path.abspath(directory)
        walked = []
        found = None
        d = directory
        while True:
            if d in self._dirs:
                found = self._dirs[d]
                break
            walked.append(d)
            found = self._here(d)
            if found is not None:
                break
            parent = os.path.dirname(d)
            if parent == d:  # the filesystem root
                break
            d = parent
        for w in walked:
            self._dirs[w] = found
        return found

    def _here(self, d: str) -> Config | None:
        for name in CONFIG_NAMES:
            p = os.path.join(d, name)
            if os.path.isfile(p):
                if p not in self._files:
                    cfg = load(p, required=False)
                    if cfg is None:
                        continue
                    self._files[p] = cfg
                return self._files[p]
        return None


# --- applying a configuration to results ---------------------------------------------------------

def selector(cfg: Config | None, path: str, cli_select: tuple, cli_ignore: tuple):
    """`wanted(code)` for one file: --select replaces the config's select and extend-select;
    ignores add up (config ignore, matching per-file-ignores, --ignore)."""
    if cli_select:
        select = tuple(cli_select)
    elif cfg is not None and cfg.select is not None:
        select = cfg.select + cfg.extend_select
    else:
        select = ()  # everything (extend-select adds nothing to "all")
    ignore = tuple(cli_ignore)
    if cfg is not None:
        ignore += cfg.ignore
        rel = cfg.relative(path)
        for glob, codes in cfg.per_file_ignores:
            if glob_match(glob, rel):
                ignore += codes

    def wanted(code: str) -> bool:
        return (not select or code.startswith(select)) and not (ignore and code.startswith(ignore))

    return wanted


def severity_for(cfg: Config | None, code: str) -> str | None:
    """The configured severity of a code: the longest matching code or prefix in `severity`."""
    if cfg is None:
        return None
    best = max((c for c in cfg.severity if code.startswith(c)), key=len, default=None)
    return cfg.severity[best] if best else None


def apply(result, cfg: Config | None, wanted) -> int:
    """Severity overrides, then suppressions, then selection, in place on one FileResult.
    Returns how many findings a suppression hid (among those that would have been reported)."""
    rel = cfg.relative(result.path) if cfg is not None else ""
    rules = [s for s in (cfg.suppress if cfg else ()) if glob_match(s.file, rel)]
    for s in rules:
        s.applies = True
    kept, hidden = [], 0
    for f in result.findings:
        sev = severity_for(cfg, f.code)
        if sev:
            f = decorate(f, severity=sev)
        match = next((s for s in rules if s.matches(f, rel)), None)
        if match is not None:
            match.used += 1
            hidden += wanted(f.code)
        elif wanted(f.code):
            kept.append(f)
    result.findings = kept
    return hidden


def unused(cfg: Config) -> list[Finding]:
    """GK090 for each suppression that applied to a checked file but hid nothing."""
    from .checks import get

    rule = get("GK090")
    out = []
    for s in cfg.suppress:
        if s.applies and not s.used:
            where = {"msg": "GK090:where", "args": {"where": _show(s.where)}} if s.where else ""
            suppression = {"code": s.code, "file": s.file, "where": s.where, "reason": s.reason}
            f = rule.finding("unused", None, code=s.code, file=_show(s.file), where=where, reason=s.reason,
                             data={"suppression": suppression})
            out.append(decorate(f, line=s.line or 1, path=cfg.path))
    return out


def fails(findings, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    floor = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= floor for f in findings)
