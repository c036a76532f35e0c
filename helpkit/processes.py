"""Worker processes that end with the process that started them, whatever ends it.

A pool's workers wait for tasks on a pipe whose other end they hold themselves, so when the parent is
killed (SIGTERM from systemd, a container stop or a CI runner; SIGKILL) without shutting the pool down, they
wait forever as orphans. Every pool helpkit starts runs :func:`exit_with_parent` in each worker: a daemon
thread that ends the worker as soon as its parent is gone.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

PARENT_POLL = 0.2
"""Seconds between a worker's checks that its parent is still alive."""


def exit_with_parent(parent: int) -> None:
    """In a worker process: end it (exit code 1, no cleanup) once ``parent`` is no longer its parent."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="helpkit-exit-with-parent", daemon=True).start()


def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    exit_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def process_pool(max_workers: int, *, start_method: str | None = None,
                 initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
                 ) -> ProcessPoolExecutor:
    """A :class:`ProcessPoolExecutor` whose workers end with this process (``start_method``: ``spawn`` for a
    clean interpreter, None for the platform's default)."""
    context = multiprocessing.get_context(start_method)
    return ProcessPoolExecutor(max_workers=max_workers, mp_context=context, initializer=_start_worker,
                               initargs=(os.getpid(), initializer, initargs))


@contextmanager
def worker_pool(workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
                ) -> Iterator[multiprocessing.pool.Pool]:
    """A forked :class:`multiprocessing.pool.Pool` whose workers end with this process; terminated on exit."""
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, initargs=(os.getpid(), initializer, initargs)) as pool:
        yield pool
