"""YAML for rule packs and catalogs: safe, bounded, and fast where libyaml is there.

`yaml.safe_load` alone builds shared objects for aliases, so a few hundred bytes (`&a [*a, *a …]`
nested, or `x: &a [*a]`) make a structure that is huge or endless once walked. The document is
composed first and its size counted with every alias expanded; a cycle or more than `max_nodes`
nodes is a `YAMLLimitError` before anything is constructed.

The YAML library is imported only when YAML is parsed: the package's own files come from the
prebuilt store (prebuilt.py), so most runs never need it. Its errors reach callers as
`YAMLSyntaxError`, which is caught without importing it.
"""

from __future__ import annotations

from functools import lru_cache

MAX_NODES = 200_000  # the built-in packs have a few thousand


class YAMLProblem(ValueError):
    """YAML text that is not loaded."""

    problem_mark = None


class YAMLLimitError(YAMLProblem):
    """`msg` and `args` name the problem in the core catalog (messages.yaml)."""

    def __init__(self, msg: str, **args):
        super().__init__(msg)
        self.msg, self.args_ = msg, args


class YAMLSyntaxError(YAMLProblem):
    """The YAML library's error: `problem` says what, `problem_mark` (line, column) where, if known."""

    def __init__(self, problem: str, mark=None):
        super().__init__(problem)
        self.problem, self.problem_mark = problem, mark


@lru_cache(maxsize=1)
def _loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's loader is ~10× faster


def load_yaml_at(path, text: str, max_nodes: int = MAX_NODES):
    """`load_yaml` of a file's text; the package's own files come from the prebuilt store."""
    from .prebuilt import packaged_yaml

    data = packaged_yaml(path, text)
    return load_yaml(text, max_nodes) if data is None else data


def load_yaml(text: str, max_nodes: int = MAX_NODES):
    import yaml

    try:
        return _load(text, max_nodes)
    except yaml.YAMLError as e:
        raise YAMLSyntaxError(str(getattr(e, "problem", None) or e), getattr(e, "problem_mark", None)) from None


def _load(text: str, max_nodes: int):
    loader = _loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _count(node, max_nodes)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _count(root, limit: int) -> None:
    """Expanded node count of a node graph, in time linear in its distinct nodes."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        nid = id(node)
        if done:
            active.discard(nid)
            children = _children(node)
            sizes[nid] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[nid] > limit:
                raise YAMLLimitError("core:yaml-too-large", limit=limit)
            continue
        if nid in sizes:
            continue
        if nid in active:
            raise YAMLLimitError("core:yaml-cycle")
        active.add(nid)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in active:
                raise YAMLLimitError("core:yaml-cycle")
            if id(child) not in sizes:
                stack.append((child, False))


def _children(node) -> list:
    value = node.value  # a scalar's is its text, a sequence's its nodes, a mapping's (key, value) pairs
    if not isinstance(value, list):
        return []
    return [n for item in value for n in (item if isinstance(item, tuple) else (item,))]
