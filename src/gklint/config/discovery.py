"""Which configuration file applies to a checked file: forced (--config), none (--isolated), or the
nearest one found walking up from the file (ruff/yamllint style)."""

from __future__ import annotations

import os

from .model import Config
from .schema import load

CONFIG_NAMES = ("gklint.toml", "pyproject.toml")  # in this order within one directory


class Finder:
    """The configuration of each checked file: forced (--config), none (--isolated), or the nearest."""

    def __init__(self, forced: str | None = None, isolated: bool = False, templates: tuple = ()):
        self.isolated, self.templates = isolated, templates  # templates: of the --pack packs
        self.forced = load(forced, templates=templates) if forced else None
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
                    cfg = load(p, required=False, templates=self.templates)
                    if cfg is None:
                        continue
                    self._files[p] = cfg
                return self._files[p]
        return None
