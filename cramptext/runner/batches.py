"""Sending documents to workers in small batches, a bounded number in flight, results back in order."""
from __future__ import annotations

from collections import deque
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")

BATCH_DOCUMENTS = 4  # documents a worker takes at once: fewer round trips, early results still
BATCH_CHARS = 200_000  # ...or fewer when they are long


def batches(documents: Iterable, size: int = BATCH_DOCUMENTS, chars: int = BATCH_CHARS) -> Iterator[list]:
    batch, length = [], 0
    for document in documents:
        batch.append(document)
        length += len(document.text)
        if len(batch) >= size or length >= chars:
            yield batch
            batch, length = [], 0
    if batch:
        yield batch


def in_order(submit: Callable[[list], object], result_of: Callable[[object], list], documents: Iterable,
             in_flight: int) -> Iterator:
    """Submit batches of ``documents`` (at most ``in_flight`` pending, so a large corpus is never
    all in memory) and yield their results in input order."""
    pending: deque = deque()
    source = batches(documents)
    for batch in islice(source, in_flight):
        pending.append(submit(batch))
    while pending:
        done = result_of(pending.popleft())
        for batch in islice(source, 1):
            pending.append(submit(batch))
        yield from done
