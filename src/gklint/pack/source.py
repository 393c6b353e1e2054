"""Reading rule-pack files: bounded YAML, `extends` chains, and where a key is (file and line)."""

from __future__ import annotations

import os
from typing import Any


from .. import catalog
from ..fileio import NotRegularFile, TooLarge, read_bounded
from ..resources import beside, path_text
from ..yamlload import YAMLLimitError, YAMLSyntaxError, load_yaml_at

catalog.register("pack", beside(__file__, "messages.yaml"))


class PackError(catalog.MessageError):
    """A pack that cannot be used: `file:line: key: message`, the message by id and arguments
    (mostly of the `pack` catalog, pack/messages.yaml)."""

    def __init__(self, path: str, keypath: list, msg: str, **args):
        self.path, self.keypath = path, keypath
        self.line = _line_of(path, keypath)
        self.where = ".".join(str(k) for k in keypath) or "(top)"
        super().__init__(msg, **args)

    def text(self, lang: str = "zh") -> str:
        where = f" {self.where}:" if self.where else ""
        return f"{self.path}:{self.line}:{where} {self.message(lang)}"


def _line_of(path: str, keypath: list) -> int:
    """Line of a key path in a YAML file (1-based), found by composing the node tree safely."""
    import yaml  # only when an error is reported

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


def _parts(path: str) -> list[str]:
    """The names a path is made of, split at every separator of this system."""
    return (path.replace(os.altsep, os.sep) if os.altsep else path).split(os.sep)


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    return over


MAX_PACK_BYTES = 2 * 1024 * 1024  # the built-in packs are about 20 KB


def _read(path: str) -> str:
    return read_bounded(path, MAX_PACK_BYTES).decode("utf-8")


def load_yaml_chain(path: str, seen: tuple[str, ...] = ()) -> tuple[dict, list[str]]:
    """The merged mapping of `path` (as `path_text` gives it) and its `extends` chain, plus the chain
    (child first)."""
    if path in seen:
        raise PackError(path, ["extends"], "pack:extends-cycle")
    try:
        data = load_yaml_at(path, _read(path))
    except TooLarge as e:
        raise PackError(path, [], "pack:too-large", size=e.size, limit=e.limit) from None
    except NotRegularFile:
        raise PackError(path, [], "pack:not-a-file") from None
    except OSError as e:
        raise PackError(path, [], "pack:unreadable", reason=str(e.strerror or e)) from None
    except UnicodeDecodeError:
        raise PackError(path, [], "pack:not-utf8") from None
    except YAMLLimitError as e:
        raise PackError(path, [], e.msg, **e.args_) from None
    except YAMLSyntaxError as e:
        mark = e.problem_mark
        err = PackError(path, [], "pack:yaml-syntax", problem=e.problem)
        if mark is not None:
            err.line, err.where = mark.line + 1, ""
            err.args = (err.text(),)
        raise err from None
    if not isinstance(data, dict):
        raise PackError(path, [], "pack:top-not-mapping")
    chain = [path]
    parent = data.pop("extends", None)
    if parent is not None:
        if not isinstance(parent, str) or os.path.isabs(parent) or ".." in _parts(parent):
            raise PackError(path, ["extends"], "pack:extends-path")
        base, parents = load_yaml_chain(path_text(os.path.join(os.path.dirname(path), parent)), seen + (path,))
        data = _merge(base, data)
        chain += parents
    return data, chain
