"""A bounded pool of query processes, each holding the release in memory, for the endpoint.

Why processes: a running pyoxigraph query cannot be interrupted, so the only real time limit is
to end the process that runs it, and a query that crashes the engine ends only its own worker.
The pool keeps a fixed number of workers; a request waits for an idle one (never more queries
at once than workers, so load never exhausts threads or memory); a worker that overruns the
time limit is killed at once and replaced while the others go on answering; a worker that dies
is replaced and its client told why. (Pebble's process pool stops an overrunning worker with
SIGTERM, which a worker inside the engine cannot handle, then waits 3 s before SIGKILL while
every other worker's results wait behind it: too slow for an endpoint.)

A worker answers one :class:`Request` at a time with a :class:`Reply` whose body is already
serialised in the negotiated format, and never writes more than the result-size limit.
"""

from __future__ import annotations

import asyncio
import io
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from spinekg.kernel.namespaces import PREFIXES
from spinekg.querying.store import add_union_default_graph

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

__all__ = ["Pool", "Reply", "Request"]

_SPAWN = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class Request:
    """A query as the endpoint received it: its text, formats accepted and dataset."""

    sparql: str
    #: Media types the client accepts, best first (``*/*`` for any).
    accept: tuple[str, ...] = ("*/*",)
    #: ``default-graph-uri`` values; none means the union of every named graph.
    default_graphs: tuple[str, ...] = ()
    #: ``named-graph-uri`` values; none means every named graph.
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, media type and body."""

    status: int
    media_type: str
    body: bytes

    @classmethod
    def text(cls, status: int, message: str) -> Reply:
        """A plain-text message (an error the client should read)."""
        return cls(status, "text/plain; charset=utf-8", (message + "\n").encode())


class _TooLargeError(Exception):
    """The serialised answer went over the result-size limit."""


class _CappedBuffer(io.BytesIO):
    """An in-memory binary stream that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def write(self, data: ReadableBuffer, /) -> int:
        if self.tell() + memoryview(data).nbytes > self.limit:
            raise _TooLargeError
        return super().write(data)


def answer(store: ox.Store, request: Request, max_bytes: int) -> Reply:
    """Run ``request`` on ``store`` and serialise the answer in the first acceptable format."""
    dataset: dict[str, object] = {}  # the default graph is the union (add_union_default_graph)
    if request.default_graphs:
        dataset["default_graph"] = [ox.NamedNode(iri) for iri in request.default_graphs]
    if request.named_graphs:
        dataset["named_graphs"] = [ox.NamedNode(iri) for iri in request.named_graphs]
    try:
        result = store.query(request.sparql, prefixes=PREFIXES, **dataset)  # type: ignore[arg-type]
    except (SyntaxError, ValueError) as exc:
        return Reply.text(400, f"invalid SPARQL query: {exc}")
    table = isinstance(result, ox.QuerySolutions | ox.QueryBoolean)
    media_type, found = _negotiate(request.accept, _RESULTS if table else _GRAPHS)
    if not found:
        kind = "SPARQL results" if table else "RDF graph"
        return Reply.text(406, f"none of the accepted media types is an {kind} format")
    buffer = _CappedBuffer(max_bytes)
    try:
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            result.serialize(buffer, _RESULTS[media_type])
        else:
            ox.serialize(result, buffer, _GRAPHS[media_type])
    except _TooLargeError:
        return Reply.text(
            422,
            f"the answer is larger than the endpoint's limit of {max_bytes:,} bytes; "
            "narrow the query or add LIMIT",
        )
    except OSError as exc:
        return Reply.text(500, f"the query failed: {exc}")
    return Reply(200, media_type, buffer.getvalue())


_RESULTS: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPHS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


def _negotiate(accept: tuple[str, ...], formats: Mapping[str, object]) -> tuple[str, bool]:
    """The media type to answer in: the client's first among ``formats``, and whether any fits."""
    default = next(iter(formats))
    for media_type in accept:
        if media_type in formats:
            return media_type, True
        if media_type in ("*/*", "application/*", "text/*"):
            return default, True
    return default, False


def _worker(conn: Connection, nquads: str, max_bytes: int, parent: int) -> None:
    """A worker process: load the release, then answer requests until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the front, which stops us
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    store = ox.Store()
    try:
        store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
        add_union_default_graph(store)
    except (OSError, SyntaxError, ValueError) as exc:
        conn.send(f"cannot load {nquads}: {exc}")
        return
    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(store, request, max_bytes))


def _exit_with_parent(parent: int) -> None:
    """End this worker, even mid-query, once the process that started it is gone."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    generation: int

    def ask(self, request: Request) -> Reply:
        self.conn.send(request)
        reply: Reply = self.conn.recv()
        return reply

    def kill(self) -> None:
        if self.process.pid is not None and self.process.is_alive():
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(5)
        self.conn.close()


class WorkerStartError(RuntimeError):
    """A worker could not load the release."""


@dataclass
class Pool:
    """``size`` workers over the release's N-Quads, answering at most ``size`` queries at once.

    :param timeout: seconds a query may run before its worker is killed.
    :param max_bytes: the largest serialised answer.
    :param log: where to report restarts and reloads (one line each).
    """

    nquads: Path
    size: int
    timeout: float
    max_bytes: int
    log: Callable[[str], None] = print
    generation: int = 0
    _idle: asyncio.Queue[_Worker] = field(default_factory=asyncio.Queue)
    _all: set[_Worker] = field(default_factory=set)
    _threads: ThreadPoolExecutor | None = None

    def __post_init__(self) -> None:
        self._threads = ThreadPoolExecutor(max_workers=2 * self.size + 2)

    async def start(self) -> None:
        """Start every worker and wait until each has loaded the release.

        :raises WorkerStartError: if a worker cannot load it.
        """
        started = await asyncio.gather(*(self._spawn() for _ in range(self.size)))
        for worker in started:
            self._idle.put_nowait(worker)

    async def run(self, request: Request) -> Reply:
        """Answer ``request`` on an idle worker, within the time limit."""
        loop = asyncio.get_running_loop()
        try:
            worker = await asyncio.wait_for(self._live_worker(), self.timeout)
        except TimeoutError:
            return Reply.text(
                503, f"every query worker stayed busy for {self.timeout:g} s; try again later"
            )
        started = time.monotonic()
        try:
            reply = await asyncio.wait_for(
                loop.run_in_executor(self._threads, worker.ask, request), self.timeout
            )
        except TimeoutError:
            self._replace(worker, f"a query ran over {self.timeout:g} s and was stopped")
            return Reply.text(
                503,
                f"the query ran longer than the endpoint's limit of {self.timeout:g} s "
                "and was stopped",
            )
        except asyncio.CancelledError:  # the client went away: its worker's answer is lost
            self._replace(worker, "")
            raise
        except (EOFError, OSError):
            # the pipe closes before the system reports the exit: wait for it (briefly)
            await loop.run_in_executor(self._threads, worker.process.join, 1.0)
            code = worker.process.exitcode
            self._replace(worker, f"a query worker ended (exit code {code})")
            return Reply.text(
                500,
                f"the SPARQL engine failed on this query after "
                f"{time.monotonic() - started:.1f} s (its process ended with code {code}); "
                "the endpoint restarted it",
            )
        if worker.generation != self.generation:
            self._replace(worker, "")
        else:
            self._idle.put_nowait(worker)
        return reply

    async def _live_worker(self) -> _Worker:
        """The next idle worker that is still alive (one that died idle is replaced)."""
        while True:
            worker = await self._idle.get()
            if worker.process.is_alive():
                return worker
            self._replace(worker, f"an idle worker ended (exit code {worker.process.exitcode})")

    def reload(self) -> None:
        """Serve the release's current file: replace every worker, idle ones at once."""
        self.generation += 1
        while not self._idle.empty():
            self._replace(self._idle.get_nowait(), "")

    def close(self) -> None:
        """Stop every worker."""
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)

    def _replace(self, worker: _Worker, why: str) -> None:
        worker.kill()
        self._all.discard(worker)
        if why:
            self.log(f"{why}; starting a new worker")
        task = asyncio.get_running_loop().create_task(self._spawn())
        task.add_done_callback(self._ready)

    def _ready(self, task: asyncio.Task[_Worker]) -> None:
        if task.cancelled():
            return
        if task.exception() is not None:
            self.log(f"a worker could not start: {task.exception()}")
            return
        self._idle.put_nowait(task.result())

    async def _spawn(self) -> _Worker:
        ours, theirs = _SPAWN.Pipe()
        process = _SPAWN.Process(
            target=_worker,
            args=(theirs, str(self.nquads), self.max_bytes, os.getpid()),
            daemon=True,
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours, self.generation)
        self._all.add(worker)
        loop = asyncio.get_running_loop()
        try:
            status = await loop.run_in_executor(self._threads, ours.recv)
        except (EOFError, OSError):
            status = f"it ended with code {process.exitcode}"
        if status != "ready":
            worker.kill()
            self._all.discard(worker)
            raise WorkerStartError(f"a query worker could not start: {status}")
        return worker
