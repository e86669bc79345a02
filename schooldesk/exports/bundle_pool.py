"""The bundle's PDFs shared out between other processes and this one, largest first.

Laying out a large school's archive (two thousand records, each on its own page) is pure Python and
holds one core; the office PC has two or four. Each worker gets the semester's contents once, then writes
whole documents by name, handed to it one at a time as it finishes the last; this process writes the
workbooks and copies the photos, then takes the next PDF itself whenever it is free, so no core waits
while there is work. Small bundles are written in this process alone: starting a worker (importing
reportlab, loading the font and the contents) costs about a second. ``spawn`` everywhere, as on Windows:
a forked copy of a process running Qt is not safe.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schooldesk.domain.collection import collector_paused
from schooldesk.services.bundle import BundleContents

if TYPE_CHECKING:
    from schooldesk.exports.bundle_documents import Document

PARALLEL_FROM = 400  # records and register rows in the bundle's PDFs: below this one process is quicker
_writers: dict[str, Callable[[Path], Any]] = {}  # in a worker: the bundle's documents by file name


def workers_for(documents: Sequence[Document], wanted: int | None = None) -> int:
    """How many worker processes to use besides this one: *wanted* if given, else one per core but this
    process's for a large bundle, else 0."""
    pdfs = [d for d in documents if d.is_pdf]
    if wanted is not None:
        return max(0, min(wanted, len(pdfs)))
    cores = os.cpu_count() or 1
    large = sum(d.weight for d in pdfs) >= PARALLEL_FROM
    return min(len(pdfs) - 1, cores - 1) if cores > 1 and large else 0


def end_with_parent() -> None:
    """In a worker: end the moment the export that started it ends. Killed (Task Manager, a power button
    held, a crash), the export cannot stop its workers, and a worker would go on writing its PDF into the
    dead export's scratch folder while the next export clears that folder, leaving part of it behind."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (parent.join(), os._exit(1)), daemon=True).start()


def _start(contents_file: str, font_path: Any) -> None:
    """A worker's start: the bundle's documents, each by its file name."""
    from schooldesk.exports.bundle_documents import bundle_documents

    end_with_parent()

    with open(contents_file, "rb") as stream, collector_paused():
        contents = pickle.load(stream)  # noqa: S301 - our own file
    _writers.update((d.name, d.write) for d in bundle_documents(contents, font_path))


def _write(name: str, path: str) -> Any:
    return _writers[name](Path(path))


class PdfShare:
    """PDFs waiting to be written (file name, target), largest first: each worker is handed the next as it
    finishes one; this process takes the next with :meth:`take`."""

    def __init__(self, jobs: Sequence[tuple[str, Path]], pool: Any = None) -> None:
        self._waiting, self._pool, self._lock = deque(jobs), pool, threading.Lock()
        self._handed: list[Any] = []
        self._stopped = False

    def hand_out(self, _done: Any = None) -> None:
        """Give a worker the next PDF (called again, in the pool's thread, each time a worker finishes)."""
        with self._lock:
            if self._stopped or not self._waiting:
                return
            name, path = self._waiting.popleft()
            self._handed.append(self._pool.apply_async(_write, (name, str(path)), callback=self.hand_out))

    def take(self) -> tuple[str, Path] | None:
        """The next PDF for this process to write; None when every one is written or handed out."""
        with self._lock:
            return self._waiting.popleft() if self._waiting else None

    def handed_out(self) -> Iterator[None]:
        """Once for each PDF handed to a worker, when it is written (a worker's error is raised here). Call
        when :meth:`take` has returned None: no more are handed out after that."""
        for result in self._handed:
            result.get()
            yield

    def stop(self) -> None:
        with self._lock:
            self._stopped = True


@contextmanager
def pdf_share(contents: BundleContents, font_path: Any, jobs: Sequence[tuple[str, Path]], workers: int,
              scratch: Path | None = None) -> Iterator[PdfShare]:
    """*jobs* (file name, target, largest first) shared between *workers* processes and this one. Leaving
    the block early (a cancel, a failure) stops the workers at once. The contents go to the workers as a
    file: handed over in the start-up pipe, this process would wait for each worker to start before going
    on with its own part. The file goes in *scratch* (the export's private folder, see db/scratch.py)."""
    if not workers:
        yield PdfShare(jobs)
        return
    with tempfile.TemporaryDirectory(prefix="contents-", dir=scratch) as handed:
        contents_file = Path(handed) / "contents.pickle"
        contents_file.write_bytes(pickle.dumps(contents, pickle.HIGHEST_PROTOCOL))
        pool = multiprocessing.get_context("spawn").Pool(workers, initializer=_start,
                                                         initargs=(str(contents_file), font_path))
        share = PdfShare(jobs, pool)
        try:
            for _ in range(workers):
                share.hand_out()
            yield share  # every PDF is written by now: the workers are stopped, not waited for to wind down
        finally:
            share.stop()
            pool.terminate()
