"""How a run is carried out (not what it finds): where the work runs and whether the cache is used."""
from __future__ import annotations

import os
from dataclasses import dataclass

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class RunOptions:
    jobs: int = 1  # worker processes on this machine (each loads the model once)
    engine: str = "local"  # "dask": a Dask distributed cluster
    scheduler: str | None = None  # a Dask scheduler's address; None: a LocalCluster of ``jobs`` workers
    cache: bool = True  # reuse results of unchanged documents (content, model, rules and settings)
    cache_dir: str | None = None  # None: $CRAMPTEXT_CACHE_DIR, else the user's cache folder


def cpu_count() -> int:
    """The cores this process may use (its affinity, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
