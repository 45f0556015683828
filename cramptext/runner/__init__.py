"""Running the engine over many documents: here, in worker processes (``jobs``) or on a Dask
cluster, with a cache of earlier results. Every way gives the same results, in input order,
each as soon as it (and every document before it) is done.

    for result in analyse(documents, spec, RunOptions(jobs=2)):
        ...
"""
from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator

from ..io.documents import Document
from ..results import DocumentResult
from .cache import ResultCache, open_cache, open_parse_cache
from .options import ENGINES, RunOptions
from .spec import EngineSpec, corpus_checker, engine_for_spec


def analyse(documents: Iterable[Document], spec: EngineSpec, options: RunOptions | None = None
            ) -> Iterator[DocumentResult]:
    """Each document's result in input order, the checks across documents included. A document
    whose analysis is cached (same text, model, rules and settings) is not analysed again; when
    every one is, the model is never loaded."""
    options = options or RunOptions()
    cache = open_cache(spec, options) if options.cache else None
    corpus = corpus_checker(spec)
    try:
        for result in _in_order(documents, spec, options, cache):
            yield corpus(result)
    finally:
        if cache is not None:
            cache.close()


def _in_order(documents: Iterable[Document], spec: EngineSpec, options: RunOptions,
              cache: ResultCache | None) -> Iterator[DocumentResult]:
    """Cached results and fresh ones, merged back into input order."""
    if cache is None:
        yield from _fresh(documents, spec, options)
        return
    slots: deque[tuple[Document, DocumentResult | None]] = deque()  # input order; None: being analysed

    def misses() -> Iterator[Document]:
        for document in documents:
            hit = cache.get(document)
            slots.append((document, hit))
            if hit is None:
                yield document

    for fresh in _fresh(misses(), spec, options):
        # every slot before this result's document is a hit: those go out first
        document, hit = slots.popleft()
        while hit is not None:
            yield hit
            document, hit = slots.popleft()
        if fresh.error is None:
            cache.put(fresh)
        yield fresh
    while slots:
        yield slots.popleft()[1]


def _fresh(documents: Iterable[Document], spec: EngineSpec, options: RunOptions) -> Iterator[DocumentResult]:
    if options.engine == "dask":
        from .dask import analyse_on_dask

        return analyse_on_dask(documents, spec, options)
    if options.jobs > 1:
        from .processes import analyse_in_processes

        return analyse_in_processes(documents, spec, options)
    return _local(documents, spec, options)


def _local(documents: Iterable[Document], spec: EngineSpec, options: RunOptions) -> Iterator[DocumentResult]:
    """In this process; the engine (and the model) only once the first document needs it."""
    iterator = iter(documents)
    for first in iterator:
        parses = open_parse_cache(spec, options) if options.cache else None
        try:
            yield from engine_for_spec(spec).analyse(_chain(first, iterator), parses=parses)
        finally:
            if parses is not None:
                parses.close()


def _chain(first: Document, rest: Iterator[Document]) -> Iterator[Document]:
    yield first
    yield from rest


__all__ = ["ENGINES", "EngineSpec", "RunOptions", "analyse", "engine_for_spec"]
