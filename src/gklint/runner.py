"""Check many files: in parallel processes, through the cache, with a progress line.

Each check is a pure function of one file's bytes, the packs and the options, so files are
checked independently and the results are put back in the order the files were given.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from .catalog import text
from .engine import FileResult, Options, check_file, file_failed

if TYPE_CHECKING:  # the cache (hashlib, hmac, secrets, tempfile) is imported only by runs that use it
    from .cache import Cache

MIN_PARALLEL = 8  # below this, starting worker processes costs more than it saves

_worker_state: dict = {}


def _init_worker(pack_paths: dict[str, str], options: Options, keep_model: bool) -> None:
    from .pack import load_pack_cached

    _worker_state["packs"] = {t: load_pack_cached(p) for t, p in pack_paths.items()}
    _worker_state["options"] = options
    _worker_state["keep_model"] = keep_model


def check_one(path: str, options: Options, packs: dict, keep_model: bool = True) -> FileResult:
    """check_file, with any exception of gklint's own (a bug, MemoryError, RecursionError) made
    GK010 for this file alone."""
    try:
        result = check_file(path, options, packs)
    except Exception as e:
        return file_failed(path, e)
    if not keep_model:
        result.report = None  # ~25× less to send back; findings and `info` are what outputs use
    return result


def _check_in_worker(path: str) -> FileResult:
    return check_one(path, _worker_state["options"], _worker_state["packs"], _worker_state["keep_model"])


def _parallel(paths: list[str], workers: int, initargs: tuple, done) -> None:
    """`done(i, result)` for each of `paths`, checked by `workers` processes. A worker that dies
    (killed, out of memory, a crash in C) breaks the pool; the files that may have been in it then
    are checked again one process each, so the death costs only the file that caused it (GK010),
    and a new pool goes on with the rest."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    left = list(range(len(paths)))
    while left:
        futures = []
        try:
            with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=initargs) as pool:
                futures = [(i, pool.submit(_check_in_worker, paths[i])) for i in left]
                for i, future in futures:
                    future.result()
        except BrokenProcessPool:
            pass
        finished = set()
        for i, future in futures:
            if future.done() and future.exception() is None:
                done(i, future.result())
                finished.add(i)
        left = [i for i in left if i not in finished]
        # Work goes to the workers in order, at most one more than there are workers waiting:
        # the file that killed one is among the first 2 × workers + 1 not done.
        suspects, left = left[:2 * workers + 1], left[2 * workers + 1:]
        for i in suspects:
            try:
                with ProcessPoolExecutor(1, initializer=_init_worker, initargs=initargs) as pool:
                    result = pool.submit(_check_in_worker, paths[i]).result()
            except BrokenProcessPool as e:
                result = file_failed(paths[i], e)
            done(i, result)


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
        def done(k: int, res: FileResult) -> None:
            results[todo[k]] = res
            progress.step()

        pack_paths = {t: str(p.path) for t, p in packs.items()}
        _parallel([paths[i] for i in todo], workers, (pack_paths, options, keep_model), done)
    else:
        for i in todo:
            # Without the model: thousands of parsed models are what would fill memory.
            results[i] = check_one(paths[i], options, packs, keep_model)
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
        cache = None if plan.cache_dir is None else _cache(plan.cache_dir, packs, options)
        checked = check_all([plan.files[i] for i in idx], options, packs, jobs=plan.jobs, cache=cache,
                            keep_model=keep_model, lang=lang)
        for i, res in zip(idx, checked):
            results[i] = res
    return results


def _cache(directory: str, packs: dict, options: Options) -> Cache:
    from .cache import Cache

    return Cache(directory, Cache.salt_for(packs, options))
