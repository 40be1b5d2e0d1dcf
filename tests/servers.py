"""Real servers for the tests: `spinekg serve` as a user starts it, writable Oxigraph, Virtuoso."""

from __future__ import annotations

import http.server
import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spinekg.querying.serve import wait_until_ready


def answer_sparql_json(
    handler: http.server.BaseHTTPRequestHandler, variables: list[str], rows: list[Any]
) -> None:
    """Answer the request ``handler`` serves with a SPARQL JSON table, as an endpoint would."""
    results = {"head": {"vars": variables}, "results": {"bindings": rows}}
    body = json.dumps(results).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def free_port() -> int:
    """A TCP port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_serve(
    release: Path, *options: str, port: int | None = None, ready_timeout: float = 30.0
) -> tuple[str, subprocess.Popen[str]]:
    """Start `spinekg serve` on ``release``; return its base URL once it answers, and it.

    :param ready_timeout: seconds to wait for it (each worker loads the whole release first).
    """
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "spinekg",
        "serve",
        "--dist",
        str(release),
        "--port",
        str(port),
    ]
    server = subprocess.Popen(
        [*command, *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, server, timeout=ready_timeout)
    except Exception:
        stop(server)
        raise
    return url, server


@contextmanager
def serving(release: Path, *options: str) -> Iterator[str]:
    """A `spinekg serve` on ``release`` for the block; yields its base URL."""
    url, server = start_serve(release, *options)
    try:
        yield url
    finally:
        stop(server)


def stop(server: subprocess.Popen[str] | subprocess.Popen[bytes], how: int = signal.SIGTERM) -> int:
    """Stop a server process as a user would (SIGTERM by default); return its exit code."""
    if server.poll() is None:
        server.send_signal(how)
    try:
        return server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        return server.wait()


def children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def oxigraph_binary() -> str:
    """The Oxigraph server installed with the test extra."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    assert found, "the Oxigraph server comes with the test extra"
    return found


def start_writable(location: Path, port: int) -> subprocess.Popen[bytes]:
    """A read-write Oxigraph server over ``location`` (a store for `spinekg publish`)."""
    command = [
        oxigraph_binary(),
        "serve",
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_ready(f"http://127.0.0.1:{port}", server)
    except Exception:
        server.kill()
        raise
    return server


#: Why the Virtuoso tests skip on a machine without it.
VIRTUOSO_MISSING = (
    "virtuoso-t not found: apt-get install virtuoso-opensource (make tools does it as root)"
)

#: A small Virtuoso for the tests: its own database in ``{folder}``, loopback ports, small
#: buffers, no plugins or VAD packages, no checkpoints while it runs (the database is thrown
#: away). A fresh database's administrator is ``dba``, password ``dba``.
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso server of the tests."""

    #: Its base URL, ``http://127.0.0.1:<port>``.
    url: str
    #: Its database folder (the log is ``virtuoso.log`` there).
    folder: Path
    process: subprocess.Popen[bytes]
    #: Its ``ResultSetMaxRows``: no answer has more rows.
    max_rows: int

    @property
    def sparql(self) -> str:
        """The SPARQL 1.1 Protocol endpoint (anonymous, read-only)."""
        return f"{self.url}/sparql"

    @property
    def graph_store(self) -> str:
        """The Graph Store Protocol endpoint that takes writes (HTTP digest authentication)."""
        return f"{self.url}/sparql-graph-crud-auth"


def virtuoso_binary() -> str | None:
    """Virtuoso's server program (Debian's ``virtuoso-opensource``), if installed."""
    return shutil.which("virtuoso-t") or shutil.which("virtuoso-t", path="/usr/bin:/usr/sbin")


def start_virtuoso(
    folder: Path, *, max_rows: int = 10_000, ready_timeout: float = 60.0
) -> Virtuoso:
    """Start Virtuoso on a new database in ``folder``; return it once ``/sparql`` answers.

    :raises RuntimeError: if it is not installed, exits, or does not answer in time (with the
        end of its log).
    """
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError(VIRTUOSO_MISSING)
    folder.mkdir(parents=True, exist_ok=True)
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(
            folder=folder, sql_port=free_port(), http_port=http_port, max_rows=max_rows
        )
    )
    with (folder / "virtuoso.log").open("ab") as log:  # in the foreground it logs here
        server = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{http_port}"
    deadline = time.monotonic() + ready_timeout
    while True:
        try:
            urllib.request.urlopen(f"{url}/sparql?query=ASK%7B%7D", timeout=2).read()
            return Virtuoso(url, folder, server, max_rows)
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                stop(server)
                logged = folder / "virtuoso.log"
                tail = logged.read_text(errors="replace")[-2000:] if logged.exists() else ""
                message = f"Virtuoso did not start at {url}; its log ends:\n{tail}"
                raise RuntimeError(message) from None
            time.sleep(0.1)


@contextmanager
def running_virtuoso(folder: Path, *, max_rows: int = 10_000) -> Iterator[Virtuoso]:
    """A Virtuoso on a new database in ``folder`` for the block, stopped after it."""
    server = start_virtuoso(folder, max_rows=max_rows)
    try:
        yield server
    finally:
        stop(server.process)
