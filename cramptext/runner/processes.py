"""``--jobs N``: the engine in N worker processes on this machine, each loading the model once."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from ..io.documents import Document
from ..results import DocumentResult
from .batches import in_order
from .options import RunOptions
from .spec import EngineSpec, engine_for_spec

_spec: EngineSpec | None = None
_parses = None


def _start(spec: EngineSpec, options: RunOptions) -> None:
    global _spec, _parses
    _spec = spec
    if options.cache:
        from .cache import open_parse_cache

        _parses = open_parse_cache(spec, options)
    engine_for_spec(spec)  # load the model now, once per worker


def _analyse(documents: list[Document]) -> list[DocumentResult]:
    return list(engine_for_spec(_spec).analyse(documents, parses=_parses, batch=len(documents)))


def analyse_in_processes(documents: Iterable[Document], spec: EngineSpec, options: RunOptions
                         ) -> Iterator[DocumentResult]:
    # fork: workers start at once from this process's imports (spawn would import everything
    # again); nothing here holds threads or open databases that a child could inherit mid-way.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(options.jobs, mp_context=multiprocessing.get_context(method),
                             initializer=_start, initargs=(spec, options)) as pool:
        yield from in_order(lambda batch: pool.submit(_analyse, batch), lambda future: future.result(),
                            documents, in_flight=2 * options.jobs)
