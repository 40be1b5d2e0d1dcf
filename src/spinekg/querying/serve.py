"""Serve a release over the SPARQL 1.1 Protocol with the Oxigraph server (read-only).

The release's N-Quads are loaded once into an on-disk Oxigraph store beside the release
(``dist/oxigraph/``, reloaded when the release changes); ``oxigraph serve-read-only`` then
answers ``/query`` with every named graph, the union as default graph, and a query page for
browsers. No home-made HTTP server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from spinekg.kernel.errors import ReleaseNotFoundError, SpineKGError
from spinekg.kernel.release_files import NQUADS, SERVER_STORE, sha256

__all__ = ["oxigraph_binary", "prepare_store", "server_command", "wait_until_ready"]

STAMP = ".release-sha256"


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed with the project (PyPI package ``oxigraph``)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if found is None:
        raise SpineKGError(
            "the Oxigraph server is not installed: it comes with the 'serve' extra, "
            "`pip install 'spinekg[serve]'` (or `make install`)"
        )
    return found


def prepare_store(release_dir: str | os.PathLike[str]) -> Path:
    """An on-disk Oxigraph store holding the release, (re)loaded if the release changed.

    :raises ReleaseNotFoundError: if there is no built release.
    """
    release = Path(release_dir)
    nquads = release / NQUADS
    if not nquads.is_file():
        raise ReleaseNotFoundError(f"no release in {release}/; run `spinekg build` first")
    location = release / SERVER_STORE
    digest = sha256(nquads)
    stamp = location / STAMP
    if stamp.is_file() and stamp.read_text() == digest:
        return location
    if location.exists():
        shutil.rmtree(location)
    location.mkdir(parents=True)
    result = subprocess.run(
        [oxigraph_binary(), "load", "--location", str(location), "--file", str(nquads)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        shutil.rmtree(location, ignore_errors=True)
        raise SpineKGError(f"oxigraph could not load {nquads}: {result.stderr.strip()}")
    stamp.write_text(digest)
    return location


def server_command(location: Path, host: str, port: int, timeout_s: int = 30) -> list[str]:
    """The command line of a read-only Oxigraph server over ``location``."""
    return [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        f"{host}:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(timeout_s),
    ]


def wait_until_ready(
    base_url: str, server: subprocess.Popen[bytes] | None = None, timeout: float = 30.0
) -> None:
    """Block until the server at ``base_url`` answers a query.

    :raises SpineKGError: if it does not within ``timeout`` seconds, or its process exits.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(f"{base_url}/query?query=ASK%7B%7D", timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline or (server is not None and server.poll() is not None):
                raise SpineKGError(f"the Oxigraph server at {base_url} did not start") from None
            time.sleep(0.2)
