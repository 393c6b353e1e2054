"""Configuration files: `[tool.gklint]` in `pyproject.toml`, or the top level of `gklint.toml`.

Found by walking up from each checked file (ruff/yamllint style): the nearest directory holding a
`gklint.toml`, or a `pyproject.toml` with a `[tool.gklint]` table, wins (a `gklint.toml` beats a
`pyproject.toml` in the same directory); there is no merging with configs further up. `--config
FILE` forces one file for every checked file; `--isolated` ignores configuration files.

Configuration is applied *after* checking (and after the findings cache): selection, severity
overrides and suppressions are filters over the unfiltered findings of a file, so one cache entry
serves every configuration. Only what changes checking itself — template, packs, settings
(issuer, deadlines), max-size — goes into `engine.Options` and so into the cache salt.

    schema.py     reading and validating one file (ConfigError names file, line and key)
    keylines.py   the line of a key in TOML text
    model.py      Config and Suppression
    globs.py      path globs and `where` of suppressions and per-file-ignores
    discovery.py  which file applies to a checked file (Finder)
    apply.py      a configuration applied to findings, merged with --select/--ignore/--fail-on
"""

from .apply import apply, configure, fails, selector, severity_for, unused
from .discovery import CONFIG_NAMES, Finder
from .globs import glob_match, where_matches
from .model import Config, Suppression
from .schema import ConfigError, load

__all__ = ["CONFIG_NAMES", "Config", "ConfigError", "Finder", "Suppression", "apply", "configure", "fails",
           "glob_match", "load", "selector", "severity_for", "unused", "where_matches"]
