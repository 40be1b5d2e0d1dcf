"""Where the shards of a corpus are extracted: local worker processes, or a Dask cluster.

An engine runs one function over many tasks and yields each task's result (or the exception
it raised) as it completes, in any order. The corpus runner (:mod:`spinekg.pipeline.corpus`)
writes each result as it comes, so a run stopped half-way keeps what was done.

Dask (``distributed``) was chosen over Ray by measurement (``benchmarks/corpus.py``): the same
throughput per worker, a cluster that starts in a fraction of Ray's time, and a far lighter
installation.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from spinekg.kernel.errors import SpineKGError, require_extra

__all__ = ["DaskEngine", "Engine", "EngineError", "LocalEngine"]

T = TypeVar("T")
R = TypeVar("R")
Shared = TypeVar("Shared")


class EngineError(SpineKGError):
    """The engine could not start (no scheduler at the address given, say)."""


class Engine(Protocol):
    """Runs ``work(task, shared)`` for every task; ``shared`` is sent to each worker once."""

    #: How many tasks run at once.
    workers: int

    def run(
        self, work: Callable[[T, Shared], R], tasks: list[T], shared: Shared
    ) -> Iterator[tuple[T, R | BaseException]]:
        """Yield every task with its result, or the exception it raised, as each completes."""
        ...


class LocalEngine:
    """Worker processes on this machine (``jobs=1``: in this process, one task after another)."""

    def __init__(self, jobs: int = 1) -> None:
        """Use ``jobs`` processes (``0``: one per core)."""
        self.workers = jobs or os.cpu_count() or 1

    def run(
        self, work: Callable[[T, Shared], R], tasks: list[T], shared: Shared
    ) -> Iterator[tuple[T, R | BaseException]]:
        """Yield every task with its result, or the exception it raised, as each completes."""
        if self.workers == 1 or len(tasks) < 2:
            for task in tasks:
                try:
                    yield task, work(task, shared)
                except Exception as exc:
                    yield task, exc
            return
        with ProcessPoolExecutor(min(self.workers, len(tasks))) as pool:
            # a few tasks ahead of each worker: results are written as they come, and a run
            # that stops leaves at most that many unfinished
            pending: dict[Future[R], T] = {}
            queue = iter(tasks)
            broken: BrokenProcessPool | None = None
            for task in queue:
                pending[pool.submit(work, task, shared)] = task
                if len(pending) >= 2 * self.workers:
                    break
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    task = pending.pop(future)
                    error = future.exception()
                    yield task, error if error is not None else future.result()
                    following = next(queue, None) if broken is None else None
                    if following is None:
                        continue
                    try:
                        pending[pool.submit(work, following, shared)] = following
                    except BrokenProcessPool as exc:  # a worker died: the pool takes no more
                        broken = exc
                        yield following, exc
            for task in queue:  # never started: failed with the pool
                yield task, broken or BrokenProcessPool("the worker pool stopped")


class DaskEngine:
    """A Dask cluster: the scheduler at ``address``, or a local cluster of worker processes.

    The shared object is scattered to every worker once; tasks go to whichever worker is free,
    and a worker that dies has its tasks run again elsewhere (Dask's own retry).
    """

    def __init__(
        self, address: str | None = None, *, workers: int = 0, timeout: float = 10.0
    ) -> None:
        """Connect to ``address`` (``tcp://host:8786``), or start ``workers`` local processes.

        :param timeout: seconds to wait for the scheduler.
        :raises EngineError: when the scheduler cannot be reached.
        """
        require_extra("cluster", "distributed")
        from distributed import Client, LocalCluster

        self._cluster: Any = None
        try:
            if address:
                self._client: Any = Client(address, timeout=f"{timeout}s")
            else:
                count = workers or os.cpu_count() or 1
                self._cluster = LocalCluster(
                    n_workers=count,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                self._client = Client(self._cluster)
        except OSError as exc:
            raise EngineError(
                f"cannot reach the Dask scheduler at {address} ({exc}); start one with "
                "`dask scheduler` and workers with `dask worker <address>`"
            ) from None
        self.workers = max(1, sum(self._client.nthreads().values()))

    def run(
        self, work: Callable[[T, Shared], R], tasks: list[T], shared: Shared
    ) -> Iterator[tuple[T, R | BaseException]]:
        """Yield every task with its result, or the exception it raised, as each completes."""
        from distributed import as_completed

        if not tasks:
            return
        everywhere = self._client.scatter(shared, broadcast=True, hash=False)
        futures = {self._client.submit(work, task, everywhere, pure=False): task for task in tasks}
        for future in as_completed(futures):
            task = futures[future]
            if future.status == "error":
                yield task, future.exception()
            else:
                yield task, future.result()
            future.release()

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this engine started one."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskEngine:
        """Use as a context manager that closes the engine."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the engine."""
        self.close()
