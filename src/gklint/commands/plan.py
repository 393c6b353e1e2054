"""What `gklint check` will do, before any file is read: the files, each file's configuration,
and groups of files checked alike (same template, packs, settings and size limit), with the
command line's options merged over the configuration's."""

from __future__ import annotations

import os
from dataclasses import dataclass

from . import UsageError


def collect(paths: list[str]) -> list[str]:
    """Files to check: given files as they are, directories walked for report suffixes."""
    from ..readers import NOT_YET, SUFFIXES

    out: list[str] = []
    wanted = SUFFIXES + tuple(NOT_YET)
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p, onerror=lambda e: out.append(e.filename)):
                dirs.sort()
                found += [os.path.join(root, f) for f in files if f.lower().endswith(wanted) and not f.startswith(".")]
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


def cli_packs(args) -> dict:
    """The --pack packs by template version; loading them registers their relation codes."""
    from ..pack import PackError, load_pack

    try:
        return {p.template: p for p in (load_pack(os.path.abspath(path)) for path in args.pack)}
    except PackError as e:
        raise UsageError("core:cli-pack-error", error=e.term()) from None


@dataclass
class Plan:
    files: list[str]
    configs: list  # per file, its Config or None
    cache_dir: str | None
    jobs: int
    groups: dict  # key -> (Options, packs, indexes into files)


def plan(args, files: list[str]) -> Plan:
    """Per file, its configuration; and groups of files that are checked alike."""
    from ..cache import DEFAULT_DIR
    from ..config import ConfigError, Finder
    from ..engine import Options
    from ..pack import builtin_packs

    builtin_packs()  # registered first, so that a --pack redefining a relation code of theirs wins
    packs_given = cli_packs(args)  # before the configurations, so that they may name its relation codes
    try:  # each file's configuration: --config, none (--isolated), or the nearest found walking up
        finder = Finder(args.config, args.isolated, tuple(packs_given))
        configs = [finder.for_file(p) for p in files]
        # Run-wide keys (jobs, cache-dir) come from the config of the current directory, else from
        # the one config all files share.
        shared = configs[0] if configs and all(c is configs[0] for c in configs) else None
        run_cfg = finder.for_dir(os.getcwd()) or shared
    except ConfigError as e:
        raise UsageError("core:cli-config-error", error=e.term()) from None
    cache_dir = None if args.no_cache else (args.cache_dir or os.environ.get("GKLINT_CACHE_DIR")
                                             or (run_cfg and run_cfg.cache_dir) or DEFAULT_DIR)
    groups: dict = {}
    for i, cfg in enumerate(configs):
        packs = dict(builtin_packs())
        packs.update({p.template: p for p in (cfg.packs if cfg else ())})
        packs.update(packs_given)  # --pack beats the config's packs, like every flag
        template = args.template or (cfg and cfg.template) or "auto"
        if template != "auto" and template not in packs:
            raise UsageError("core:cli-no-template", template=template)
        max_size = args.max_size if args.max_size is not None else (cfg and cfg.max_size) or 20
        options = Options(template=None if template == "auto" else template,
                          max_bytes=int(max_size * 1024 * 1024), settings=cfg.settings if cfg else {})
        # Files whose configs check alike (template, packs, settings, size limit) go together.
        key = (tuple(sorted((t, str(p.path)) for t, p in packs.items())), options.template, options.max_bytes,
               repr(sorted(options.settings.items())))
        groups.setdefault(key, (options, packs, []))[2].append(i)
    jobs = args.jobs if args.jobs is not None else (run_cfg.jobs if run_cfg and run_cfg.jobs is not None else 0)
    return Plan(files, configs, cache_dir, jobs if jobs > 0 else (os.cpu_count() or 1), groups)
