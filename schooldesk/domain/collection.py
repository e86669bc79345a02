"""Python's cyclic garbage collector held back while a document is made or a semester is read.

Laying out an archive, or reading a semester's records, makes hundreds of thousands of short-lived
objects (flowables, cell styles, ORM rows), and each time enough have been made the collector walks
every object still alive: for a bundle, the whole semester's records too. On a 1,000-record archive
that was a quarter of the time. Reference counting still frees what is no longer used as it goes;
what only the collector can free (a cycle) waits until the block ends, a few megabytes for a
semester's archive.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collector runs inside the block; nested blocks and a collector switched off already are left as
    they are."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
