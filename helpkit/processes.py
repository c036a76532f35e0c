"""Worker processes that end with the process that started them, whatever ends it.

A pool's workers wait for tasks on a pipe whose other end they hold themselves, so when the parent is
killed (SIGTERM from systemd, a container stop or a CI runner; SIGKILL) without shutting the pool down, they
wait forever as orphans. Every pool helpkit starts runs :func:`exit_with_parent` in each worker: a daemon
thread that ends the worker as soon as its parent is gone.

Ctrl-C: a terminal sends SIGINT to the whole process group, so every worker gets it along with the parent. In
Python's hands it would raise ``KeyboardInterrupt`` in each worker, and an idle one (waiting for a task) prints
its traceback. The parent owns the message (``Aborted!``, ``Shutting down...``); the workers stay silent:

- :func:`process_pool`'s workers take SIGINT's default action: the kernel ends them at once, busy or idle, even
  inside a long C call, before the parent's ``KeyboardInterrupt`` unwinds and removes the temporary folders they
  were writing to (ignoring SIGINT there made a build's Ctrl-C fail with "Directory not empty"). The executor
  survives a worker dying. When the parent is interrupted otherwise (``helpkit serve`` turns SIGTERM into
  ``KeyboardInterrupt``), :class:`WorkerPool` terminates its workers rather than waiting for their tasks.
- :func:`worker_pool`'s workers ignore SIGINT and the pool terminates them when its block is left: a
  :class:`multiprocessing.pool.Pool` whose idle worker dies holding the task queue's lock hangs in ``terminate``.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import signal
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


def _start_worker(parent: int, on_ctrl_c: signal.Handlers, initializer: Callable[..., None] | None,
                  initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, on_ctrl_c)  # silent on Ctrl-C (see the module's docstring)
    exit_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


class WorkerPool(ProcessPoolExecutor):
    """A :class:`ProcessPoolExecutor` whose workers end with this process and silently on Ctrl-C; leaving its
    ``with`` block on ``KeyboardInterrupt`` (or calling :meth:`terminate`) stops them at once."""

    def terminate(self) -> None:
        """Stop every worker now, busy or idle (their tasks are lost), and shut the pool down."""
        for process in list((self._processes or {}).values()):
            process.terminate()
        self.shutdown(wait=True, cancel_futures=True)

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> bool | None:
        if exc_type is not None and issubclass(exc_type, KeyboardInterrupt):
            self.terminate()
            return None
        return super().__exit__(exc_type, *rest)


def process_pool(max_workers: int, *, start_method: str | None = None,
                 initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
                 ) -> WorkerPool:
    """A :class:`WorkerPool` (``start_method``: ``spawn`` for a clean interpreter, None for the platform's
    default)."""
    context = multiprocessing.get_context(start_method)
    return WorkerPool(max_workers=max_workers, mp_context=context, initializer=_start_worker,
                      initargs=(os.getpid(), signal.SIG_DFL, initializer, initargs))


@contextmanager
def worker_pool(workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
                ) -> Iterator[multiprocessing.pool.Pool]:
    """A forked :class:`multiprocessing.pool.Pool` whose workers end with this process and silently on Ctrl-C;
    terminated on exit."""
    context = multiprocessing.get_context("fork")
    start = (os.getpid(), signal.SIG_IGN, initializer, initargs)
    with context.Pool(workers, initializer=_start_worker, initargs=start) as pool:
        yield pool
