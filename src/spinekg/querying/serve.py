"""Serve a release over the SPARQL 1.1 Protocol, read-only, with limits that hold under load.

:func:`serve` binds the address first (so a port in use is an error before anything starts),
then runs the endpoint of :mod:`spinekg.querying.endpoint` with uvicorn in this process: one
event loop in front of a fixed pool of query workers (:mod:`spinekg.querying.workers`), each
holding the release in memory, so the release folder is only read and may be read-only.
SIGINT and SIGTERM stop the server and its workers; a worker also ends if this process dies.

Measured before this design: Oxigraph's own server started a thread per query for its time
limit and died under 8 connections of wrk, and one deeply nested query aborted it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from spinekg.kernel.errors import ReleaseNotFoundError, SpineKGError, require_extra
from spinekg.kernel.release_files import NQUADS
from spinekg.querying.guard import Limits
from spinekg.querying.workers import Pool, WorkerStartError

if TYPE_CHECKING:
    import uvicorn

__all__ = ["ServeOptions", "serve", "wait_until_ready"]

#: The modules serving needs (the 'serve' extra).
SERVE_MODULES = ("uvicorn", "starlette")


@dataclass(frozen=True)
class ServeOptions:
    """How many workers, and the limits each query runs under (the command line checks them)."""

    workers: int = max(2, os.cpu_count() or 2)
    #: Seconds a query may run before its worker is killed.
    timeout: float = 30.0
    #: The largest serialised answer.
    max_bytes: int = 50_000_000
    limits: Limits = field(default_factory=Limits)
    #: Bytes of answers kept to give again to the same request (0 keeps none).
    cache_bytes: int = 64_000_000
    #: A static site of the release (``spinekg site``) to serve at ``/site/``.
    site: Path | None = None


def serve(release: Path, host: str, port: int, options: ServeOptions | None = None) -> None:
    """Serve ``release`` at ``http://host:port/query`` until SIGINT or SIGTERM.

    :raises ReleaseNotFoundError: if there is no release in ``release``.
    :raises SpineKGError: if the address cannot be bound or the workers cannot start.
    """
    require_extra("serve", *SERVE_MODULES)
    from spinekg.querying.answer_cache import AnswerCache
    from spinekg.querying.endpoint import application

    options = options or ServeOptions()
    nquads = release / NQUADS
    if not nquads.is_file():
        raise ReleaseNotFoundError(f"no release in {release}/; run `spinekg build` first")
    listener = _bind(host, port)
    pool = Pool(nquads, options.workers, options.timeout, options.max_bytes, log=_log)
    import uvicorn

    config = uvicorn.Config(
        application(
            pool,
            release,
            options.limits,
            _log,
            AnswerCache(options.cache_bytes),
            site=options.site,
        ),
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=5,
        timeout_keep_alive=30,
    )
    server = uvicorn.Server(config)
    _log(
        f"serving {release}/ at http://{host}:{port}/query with {options.workers} workers "
        f"(read-only; {options.timeout:g} s per query; Ctrl-C stops); a page to ask SPARQL "
        f"by hand: http://{host}:{port}/"
        + (f"; the site: http://{host}:{port}/site/index.html" if options.site else "")
    )
    # uvicorn stops on SIGINT and SIGTERM, then raises the signal again: Ctrl-C or a service
    # manager's stop ends the server normally (exit 0), not with a traceback or a signal
    previous = signal.signal(signal.SIGTERM, _stopped)
    try:
        asyncio.run(_run(server, pool, listener))
    except WorkerStartError as exc:
        raise SpineKGError(str(exc)) from None
    except (KeyboardInterrupt, _StoppedError):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        listener.close()
        pool.close()
    _log("stopped")


class _StoppedError(Exception):
    """SIGTERM arrived once the server had stopped."""


def _stopped(signum: int, frame: object) -> None:
    raise _StoppedError


async def _run(server: uvicorn.Server, pool: Pool, listener: socket.socket) -> None:
    """Start the workers, then answer until a signal stops the server."""
    await pool.start()
    await server.serve(sockets=[listener])


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``.

    :raises SpineKGError: naming the address and the reason (in use, not permitted, unknown).
    """
    try:
        # the protocol must be TCP's own number for asyncio to set TCP_NODELAY on connections
        # (with 0, Nagle's algorithm held each answer's last packet for 40 ms)
        family, kind, proto, _, _ = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
        )[0]
        listener = socket.socket(family, kind, proto)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(1024)
    except (OSError, OverflowError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise SpineKGError(f"cannot listen on {host}:{port}: {reason}") from None
    return listener


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def wait_until_ready(
    base_url: str,
    server: subprocess.Popen[str] | subprocess.Popen[bytes] | None = None,
    timeout: float = 30.0,
) -> None:
    """Block until the endpoint at ``base_url`` answers a query.

    :param server: the server's process, whose exit means it never will.
    :raises SpineKGError: if it does not within ``timeout`` seconds, or the process exits.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(f"{base_url}/query?query=ASK%7B%7D", timeout=2).read()
            return
        except OSError:
            ended = server is not None and server.poll() is not None
            if time.monotonic() > deadline or ended:
                raise SpineKGError(f"the SPARQL endpoint at {base_url} did not start") from None
            time.sleep(0.2)
