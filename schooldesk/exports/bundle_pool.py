"""The bundle's PDFs laid out in other processes, one per core, while this one writes the workbooks and
copies the photos.

Laying out a large school's archive (two thousand records, each on its own page) is pure Python and
holds one core; the office PC has two or four. Each worker gets the semester's contents once, then writes
whole documents by name. Small bundles are written in this process: starting a worker (importing
reportlab, loading the font) costs about a second. ``spawn`` everywhere, as on Windows: a forked copy of
a process running Qt is not safe.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from schooldesk.services.bundle import BundleContents

PARALLEL_FROM = 400  # records and register rows in the bundle's PDFs: below this one process is quicker
_writers: dict[str, Callable[[Path], Any]] = {}  # in a worker: the bundle's documents by file name


def bundle_weight(contents: BundleContents) -> int:
    """Roughly how many records the bundle's PDFs lay out."""
    c, book = contents, contents.registers
    registers = 0 if book is None else sum(len(lines) for lines in (  # type: ignore[attr-defined]
        book.care, book.support, book.dropouts, book.home_taught))  # type: ignore[attr-defined]
    return (len(c.observation_sheets) + len(c.activity_sheets) + len(c.home_teaching) + len(c.pair_records)
            + len(c.assessments) + registers)


def workers_for(contents: BundleContents, documents: int, wanted: int | None = None) -> int:
    """How many worker processes to use: *wanted* if given, else one per core for a large bundle, else 0."""
    if wanted is not None:
        return max(0, min(wanted, documents))
    cores = os.cpu_count() or 1
    return min(documents, cores) if cores > 1 and bundle_weight(contents) >= PARALLEL_FROM else 0


def _start(contents_file: str, font_path: Any) -> None:
    """A worker's start: the bundle's documents, each by its file name."""
    from schooldesk.exports.bundle import _documents

    with open(contents_file, "rb") as stream:
        contents = pickle.load(stream)  # noqa: S301 - our own file
    _writers.update((name, write) for _family, name, write in _documents(contents, font_path))


def _write(name: str, path: str) -> Any:
    return _writers[name](Path(path))


@contextmanager
def pdf_pool(contents: BundleContents, font_path: Any, jobs: Sequence[tuple[str, Path]], workers: int
             ) -> Iterator[list[tuple[str, Callable[[], Any]]]]:
    """Start *jobs* (file name, target) on *workers* processes; yields (name, wait for its result) in the
    order given. Leaving the block early (a cancel, a failure) stops the workers at once. The contents go
    to the workers as a file: handed over in the start-up pipe, this process would wait for each worker
    to start before going on with its own part."""
    with tempfile.TemporaryDirectory(prefix="schooldesk-contents-") as scratch:
        contents_file = Path(scratch) / "contents.pickle"
        contents_file.write_bytes(pickle.dumps(contents, pickle.HIGHEST_PROTOCOL))
        pool = multiprocessing.get_context("spawn").Pool(workers, initializer=_start,
                                                         initargs=(str(contents_file), font_path))
        try:
            pending = [(name, pool.apply_async(_write, (name, str(path)))) for name, path in jobs]
            yield [(name, result.get) for name, result in pending]
            pool.close()
            pool.join()
        finally:
            pool.terminate()
