"""A regular expression compiled when first used, for module-level patterns that many runs never
need: a class with a large CJK range costs milliseconds to compile (sre fills its character map
one code point at a time, in Python), and a one-file check pays every module's patterns."""

from __future__ import annotations

import re


class LazyPattern:
    """Stands for `re.compile(pattern, flags)`: the first attribute asked for compiles it, and its
    methods are then kept on the object, so later calls cost what the pattern's own do."""

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("_"):  # copy.copy asks for dunders of an object made without __init__
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for method in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)
