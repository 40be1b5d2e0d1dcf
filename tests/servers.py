"""Real servers for the tests: `spinekg serve` as a user starts it, and a writable Oxigraph."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from spinekg.querying.serve import wait_until_ready


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
