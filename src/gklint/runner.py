"""Check many files: in parallel processes, through the cache, with a progress line.

Each check is a pure function of one file's bytes, the packs and the options, so files are
checked independently and the results are put back in the order the files were given.
"""

from __future__ import annotations

import os
import sys

from .cache import Cache
from .catalog import text
from .engine import FileResult, Options, check_file

MIN_PARALLEL = 8  # below this, starting worker processes costs more than it saves

_worker_state: dict = {}


def _init_worker(pack_paths: dict[str, str], options: Options, keep_model: bool) -> None:
    from .pack import load_pack_cached

    _worker_state["packs"] = {t: load_pack_cached(p) for t, p in pack_paths.items()}
    _worker_state["options"] = options
    _worker_state["keep_model"] = keep_model


def _check_in_worker(path: str) -> FileResult:
    result = check_file(path, _worker_state["options"], _worker_state["packs"])
    if not _worker_state["keep_model"]:
        result.report = None  # ~25× less to send back; findings and `info` are what outputs use
    return result


class Progress:
    """`检查 12/345` (`Checking 12/345`) on stderr, only for a person watching a terminal and a run worth watching."""

    def __init__(self, total: int, stream=None, lang: str = "zh"):
        self.total, self.done, self.lang = total, 0, lang
        self.stream = stream or sys.stderr  # looked up now: sys.stderr may have been replaced
        self.enabled = total > 5 and not os.environ.get("CI") and self.stream.isatty()

    def step(self) -> None:
        self.done += 1
        if self.enabled:
            self.stream.write("\r" + text("core:progress", self.lang, done=self.done, total=self.total))
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 24 + "\r")
            self.stream.flush()


def check_all(paths: list[str], options: Options, packs: dict, jobs: int = 1, cache: Cache | None = None,
              keep_model: bool = True, lang: str = "zh") -> list[FileResult]:
    """Results for `paths`, in order. With `keep_model` the parsed report stays available (HTML
    output needs it); cache hits carry findings and summary only, so the cache is then read-bypassed."""
    results: list[FileResult | None] = [None] * len(paths)
    digests: dict[int, str | None] = {}
    progress = Progress(len(paths), lang=lang)

    todo = []
    for i, path in enumerate(paths):
        if cache is not None:
            digests[i] = cache.digest(path, options.max_bytes)
            hit = None if keep_model else cache.get(digests[i], path)
            if hit is not None:
                results[i] = hit
                progress.step()
                continue
        todo.append(i)
    workers = min(jobs, len(todo))
    if workers > 1 and len(todo) >= MIN_PARALLEL:
        from concurrent.futures import ProcessPoolExecutor  # only runs that use it pay the import

        pack_paths = {t: str(p.path) for t, p in packs.items()}
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(pack_paths, options, keep_model)) as pool:
            chunk = max(1, min(16, len(todo) // (workers * 4)))
            for i, res in zip(todo, pool.map(_check_in_worker, [paths[i] for i in todo], chunksize=chunk)):
                results[i] = res
                progress.step()
    else:
        for i in todo:
            results[i] = check_file(paths[i], options, packs)
            if not keep_model:
                results[i].report = None  # thousands of parsed models are what would fill memory
            progress.step()
    progress.close()
    if cache is not None:
        for i in todo:
            cache.put(digests.get(i), results[i])
    return results  # type: ignore[return-value]


def check_plan(plan, keep_model: bool = True, lang: str = "zh") -> list[FileResult]:
    """The results of every file of a `commands.plan.Plan`, in file order: each group of files
    checked alike, through its own cache (the cache salt depends on the packs and options)."""
    results: list = [None] * len(plan.files)
    for options, packs, idx in plan.groups.values():
        cache = None if plan.cache_dir is None else Cache(plan.cache_dir, Cache.salt_for(packs, options))
        checked = check_all([plan.files[i] for i in idx], options, packs, jobs=plan.jobs, cache=cache,
                            keep_model=keep_model, lang=lang)
        for i, res in zip(idx, checked):
            results[i] = res
    return results
