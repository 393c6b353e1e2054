"""What `gklint check` will do, before any file is read: the files, each file's configuration,
and groups of files checked alike (same template, packs, settings and size limit), with the
command line's options merged over the configuration's."""

from __future__ import annotations

import os
from dataclasses import dataclass

from . import UsageError


def collect(paths: list[str], excluded=None) -> list[str]:
    """Files to check: given files as they are, directories walked for report suffixes, leaving
    out what `excluded(path, named)` names (`named`: the path was given on the command line)."""
    from ..readers import NOT_YET, SUFFIXES

    out: list[str] = []
    wanted = SUFFIXES + tuple(NOT_YET)
    skip = excluded or (lambda path, named: False)
    for p in paths:
        if skip(p, True):
            continue
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p, onerror=lambda e: out.append(e.filename)):
                dirs[:] = sorted(d for d in dirs if not skip(os.path.join(root, d), False))
                found += [os.path.join(root, f) for f in files if f.lower().endswith(wanted) and not f.startswith(".")
                          and not skip(os.path.join(root, f), False)]
            out.extend(sorted(found))
        else:
            out.append(p)
    return out


class Exclusion:
    """`exclude`/`extend-exclude` of the configuration that applies where a path is (globs relative
    to its directory) and --exclude/--extend-exclude (relative to the working directory): --exclude
    replaces the configured list, which replaces the defaults; the extends add to it. Paths named
    on the command line are checked anyway, unless --force-exclude (ruff's conventions)."""

    def __init__(self, finder, args):
        self.finder, self.force = finder, args.force_exclude
        self.cli = _globs(args.exclude)
        self.cli_extend = _globs(args.extend_exclude)

    def __call__(self, path: str, named: bool) -> bool:
        from ..config.globs import DEFAULT_EXCLUDE, excluder, relative_to

        if named and not self.force:
            return False
        cfg = self.finder.for_dir(os.path.dirname(os.path.abspath(path)))
        here = os.getcwd()
        own = cfg.exclude if cfg is not None and cfg.exclude is not None else DEFAULT_EXCLUDE
        base = cfg.root if cfg is not None and cfg.exclude is not None else here
        rules = [(here, self.cli)] if self.cli is not None else [(base, own)]
        rules += [(cfg.root, cfg.extend_exclude)] if cfg is not None else []
        rules += [(here, self.cli_extend or ())]
        for b, globs in rules:
            if globs:
                excludes = excluder(tuple(globs))
                rel = os.path.basename(path) if excludes.by_name and not named else relative_to(path, b)
                if excludes(rel, ancestors=named):
                    return True
        return False


def _globs(arg: str | None) -> tuple[str, ...] | None:
    return tuple(g.strip() for g in arg.split(",") if g.strip()) if arg is not None else None


def cli_packs(args) -> dict:
    """The --pack packs by template version; loading them registers their relation codes."""
    from ..pack import PackError, load_pack

    try:
        return {p.template: p for p in (load_pack(os.path.abspath(path)) for path in args.pack)}
    except PackError as e:
        raise UsageError("core:cli-pack-error", error=e.term()) from None


@dataclass
class Plan:
    """What a run checks: the files, their configurations and groups, and run-wide settings."""

    files: list[str]
    configs: list  # per file, its Config or None
    cache_dir: str | None
    jobs: int
    groups: dict  # key -> (Options, packs, indexes into files)
    color: str = "auto"  # --color, else the run's configuration
    show_source: bool = False


def plan(args, paths: list[str], stdin: str = "-") -> Plan:
    """The files (`paths` walked, less what is excluded), per file its configuration; and groups
    of files that are checked alike. `-` (standard input) is configured as a file named `stdin`."""
    from ..config import ConfigError, Finder
    from ..engine import Options
    from ..pack import builtin_packs

    builtin_packs()  # registered first, so that a --pack redefining a relation code of theirs wins
    packs_given = cli_packs(args)  # before the configurations, so that they may name its relation codes
    try:  # each file's configuration: --config, none (--isolated), or the nearest found walking up
        finder = Finder(args.config, args.isolated, tuple(packs_given))
        excluded = Exclusion(finder, args)  # standard input is excluded by the name it goes by
        files = collect(paths, lambda path, named: excluded(stdin if path == "-" else path, named))
        configs = [finder.for_file(stdin if p == "-" else p) for p in files]
        # Run-wide keys (jobs, cache-dir) come from the config of the current directory, else from
        # the one config all files share.
        shared = configs[0] if configs and all(c is configs[0] for c in configs) else None
        run_cfg = finder.for_dir(os.getcwd()) or shared
    except ConfigError as e:
        raise UsageError("core:cli-config-error", error=e.term()) from None
    cache_dir = None
    if not args.no_cache:
        from ..cache import default_dir  # only a run that uses the cache imports it

        cache_dir = (args.cache_dir or os.environ.get("GKLINT_CACHE_DIR") or (run_cfg and run_cfg.cache_dir)
                     or default_dir())
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
    color = args.color or (run_cfg and run_cfg.color) or "auto"
    show_source = args.show_source if args.show_source is not None else bool(run_cfg and run_cfg.show_source)
    return Plan(files, configs, cache_dir, jobs if jobs > 0 else (os.cpu_count() or 1), groups, color, show_source)
