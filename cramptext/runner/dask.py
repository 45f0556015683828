"""``--engine dask``: the engine on a Dask distributed cluster.

Each worker builds the engine (and loads the model) once, on its first batch, and keeps it
for the run. Batches go out a few at a time per worker; results come back here in input
order, so the checks across documents and the exporters run exactly as locally.
Without a scheduler address, a ``LocalCluster`` of ``jobs`` worker processes is started
for the run. The workers need cramptext and the model installed (the README says how).
"""
from __future__ import annotations

import logging
from typing import Iterable, Iterator

from ..errors import CramptextError
from ..io.documents import Document
from ..results import DocumentResult
from .batches import in_order
from .options import RunOptions, cpu_count
from .spec import EngineSpec, engine_for_spec


def analyse_batch(spec: EngineSpec, documents: list[Document]) -> list[DocumentResult]:
    """On a worker: the results of a batch (the worker's engine is built once per spec)."""
    return list(engine_for_spec(spec).analyse(documents, batch=len(documents)))


def analyse_on_dask(documents: Iterable[Document], spec: EngineSpec, options: RunOptions
                    ) -> Iterator[DocumentResult]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise CramptextError("--engine dask needs Dask: pip install 'cramptext[dask]'") from None
    cluster = None
    try:
        if options.scheduler:
            client = Client(options.scheduler, timeout="30s")
        else:
            workers = options.jobs if options.jobs > 1 else cpu_count()
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise CramptextError(f"cannot reach the Dask scheduler {options.scheduler}: {exc}") from None
    try:
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        yield from in_order(lambda batch: client.submit(analyse_batch, spec, batch, pure=False),
                            lambda future: future.result(), documents, in_flight=2 * workers)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
