"""Reading rule-pack files: bounded YAML, `extends` chains, and where a key is (file and line)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..catalog import text
from ..fileio import NotRegularFile, TooLarge, read_bounded
from ..yamlload import YAMLLimitError, load_yaml_at


class PackError(Exception):
    """`str(e)` is Chinese; `e.text("en")` gives the same `file:line: key: message` in English."""

    def __init__(self, path: Path, keypath: list, message: str, en: str | None = None):
        self.path, self.keypath = path, keypath
        self.line = _line_of(path, keypath)
        self.where = ".".join(str(k) for k in keypath) or "(top)"
        self.message, self.en = message, en or message
        super().__init__(self.text())

    def text(self, lang: str = "zh") -> str:
        where = f" {self.where}:" if self.where else ""
        return f"{self.path}:{self.line}:{where} {self.en if lang == 'en' else self.message}"


def _line_of(path: Path, keypath: list) -> int:
    """Line of a key path in a YAML file (1-based), found by composing the node tree safely."""
    try:
        node = yaml.compose(_read(path), Loader=yaml.SafeLoader)
    except (OSError, ValueError, yaml.YAMLError):
        return 1
    line = node.start_mark.line + 1 if node else 1
    for k in keypath:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for kn, vn in node.value:
                if kn.value == str(k):
                    nxt = vn
                    line = kn.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(k, int) and k < len(node.value):
            nxt = node.value[k]
            line = nxt.start_mark.line + 1
        if nxt is None:
            break
        node = nxt
    return line


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    return over


MAX_PACK_BYTES = 2 * 1024 * 1024  # the built-in packs are about 20 KB


def _read(path: Path) -> str:
    return read_bounded(path, MAX_PACK_BYTES).decode("utf-8")


def load_yaml_chain(path: Path, seen: tuple[Path, ...] = ()) -> tuple[dict, list[Path]]:
    """The merged mapping of `path` and its `extends` chain, plus the chain (child first)."""
    if path in seen:
        raise PackError(path, ["extends"], "extends 形成循环", en="extends forms a cycle")
    try:
        data = load_yaml_at(path, _read(path))
    except TooLarge as e:
        raise PackError(path, [], f"规则包过大（{e.size} 字节，上限 {e.limit}）",
                        en=f"the rule pack is too large ({e.size} bytes, limit {e.limit})") from None
    except NotRegularFile:
        raise PackError(path, [], "不是普通文件", en="not a regular file") from None
    except OSError as e:
        raise PackError(path, [], f"无法读取规则包：{e.strerror or e}",
                        en=f"cannot read the rule pack: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise PackError(path, [], "规则包不是 UTF-8 文本", en="the rule pack is not UTF-8 text") from None
    except YAMLLimitError as e:
        raise PackError(path, [], text(e.msg, "zh", **e.args_), en=text(e.msg, "en", **e.args_)) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        err = PackError(path, [], f"YAML 语法错误：{getattr(e, 'problem', e)}",
                        en=f"YAML syntax error: {getattr(e, 'problem', e)}")
        if mark is not None:
            err.line, err.where = mark.line + 1, ""
            err.args = (err.text(),)
        raise err from None
    if not isinstance(data, dict):
        raise PackError(path, [], "规则包顶层必须是映射（key: value）",
                        en="the top level of a rule pack must be a mapping (key: value)")
    chain = [path]
    parent = data.pop("extends", None)
    if parent is not None:
        if not isinstance(parent, str) or os.path.isabs(parent) or ".." in Path(parent).parts:
            raise PackError(path, ["extends"], "extends 必须是同一目录（或其子目录）中的文件名",
                            en="extends must name a file in the same directory (or below it)")
        base, parents = load_yaml_chain(path.parent / parent, seen + (path,))
        data = _merge(base, data)
        chain += parents
    return data, chain
