"""A fuzzer of the command line: hostile arguments, files and endpoints; it counts tracebacks.

Every invocation must end with an answer or one clear message and a non-zero exit, never a
Python traceback. :func:`fuzz` draws ``count`` invocations from a seeded generator over the
commands a user runs on a release (``query``, ``explain``, ``localize``, ``publish``,
``extract``), with damaged releases and query files, odd parameter values, URLs that are not
endpoints, and fake servers that answer garbage, cut off, or answer JSON that is not SPARQL.
The test suite runs a bounded count with a fixed seed; ``benchmarks/fuzz.py`` runs more.
"""

from __future__ import annotations

import os
import random
import shutil
import socket
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from spinekg.cli import main

#: Strings a careless user or an attacker passes where a value is expected.
ODD_VALUES = (
    "",
    " ",
    "L5",
    "l5",
    "L4-L5",
    "C9",
    "x" * 5_000,
    '"} DROP ALL #',
    "<http://x/> } ; DROP ALL",
    "spine:root-L5>",
    "\u202eL5",
    "L5\u0301",
    "\U0001f9b4",
    "\udcff\udcfe",
    "%00",
    "a\nb",
    "a\r\nb",
    "inf",
    "-1",
    "nan",
    "1e309",
    "0",
    "left",
    "both",
    "central",
)
#: Timeouts as typed (click refuses what is out of range before any work).
TIMEOUTS = ("inf", "nan", "-1", "0", "1e309", "abc", "5", "30")
FORMATS = ("table", "json", "csv", "tsv", "xml", "text", "ttl", "png", "")


@dataclass
class Report:
    """What a fuzz run did: invocations, exit codes seen, and the tracebacks (the defects)."""

    invocations: int = 0
    exits: dict[int, int] = field(default_factory=dict)
    tracebacks: list[str] = field(default_factory=list)


@dataclass
class Fixtures:
    """The files and servers the fuzzer points commands at."""

    releases: list[Path]
    query_files: list[Path]
    articles: list[Path]
    endpoints: list[str]


def fuzz(release: Path, work: Path, *, seed: int, count: int, extract: bool = True) -> Report:
    """Run ``count`` invocations drawn with ``seed``; ``release`` is a good release to damage."""
    rng = random.Random(seed)
    report = Report()
    with _servers() as endpoints:
        fixtures = Fixtures(
            releases=_releases(release, work / "releases"),
            query_files=_query_files(work / "queries"),
            articles=_articles(work / "articles"),
            endpoints=endpoints,
        )
        # extract builds its NLP pipeline at each call (about a second): drawn less often
        commands: dict[Callable[[random.Random, Fixtures], list[str]], float] = {
            _query: 6,
            _explain: 3,
            _localize: 3,
            _publish: 2,
            _extract: 0.5 if extract else 0,
        }
        runner = CliRunner()
        for _ in range(count):
            command = rng.choices(list(commands), weights=list(commands.values()))[0]
            args = command(rng, fixtures)
            result = runner.invoke(main, args, catch_exceptions=True)
            report.invocations += 1
            report.exits[result.exit_code] = report.exits.get(result.exit_code, 0) + 1
            crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
            if crashed or "Traceback (most recent call last)" in result.output:
                assert result.exc_info is not None
                where = "".join(traceback.format_exception(*result.exc_info)[-3:])
                report.tracebacks.append(f"{args!r}\n{where}")
    return report


def _pick(rng: random.Random, *pools: tuple[str, ...] | list[str]) -> str:
    return str(rng.choice(rng.choice(pools)))


def _common(rng: random.Random, fx: Fixtures) -> list[str]:
    args: list[str] = []
    if rng.random() < 0.3:
        args += ["--endpoint", rng.choice(fx.endpoints)]
    if rng.random() < 0.3:
        args += ["--timeout", rng.choice(TIMEOUTS)]
    args += ["--dist", str(rng.choice(fx.releases))]
    return args


def _query(rng: random.Random, fx: Fixtures) -> list[str]:
    name = _pick(
        rng,
        ["muscles_weakened_by_root", "frequent_levels", "localize_feature", "codes", "nothing"],
        [str(p) for p in fx.query_files],
    )
    args = ["query", name]
    for _ in range(rng.randint(0, 3)):
        key = _pick(rng, ["root", "disc", "zone", "entity", "feature", "x"], list(ODD_VALUES))
        args += ["-p", f"{key}={rng.choice(ODD_VALUES)}" if rng.random() < 0.9 else key]
    if rng.random() < 0.4:
        args += ["--format", rng.choice(FORMATS)]
    return args + _common(rng, fx)


def _explain(rng: random.Random, fx: Fixtures) -> list[str]:
    args = ["explain", "--disc", rng.choice(ODD_VALUES), "--zone", rng.choice(ODD_VALUES)]
    if rng.random() < 0.5:
        args += ["--side", rng.choice(ODD_VALUES)]
    return args + _common(rng, fx)


def _localize(rng: random.Random, fx: Fixtures) -> list[str]:
    findings = [rng.choice(ODD_VALUES) for _ in range(rng.randint(0, 3))]
    findings += rng.sample(["absent ankle jerk", "weak great toe extension", "saddle numbness"], 1)
    return ["localize", *findings, *_common(rng, fx)]


def _publish(rng: random.Random, fx: Fixtures) -> list[str]:
    args = ["publish", "--endpoint", rng.choice(fx.endpoints)]
    if rng.random() < 0.5:
        args += ["--graph-store", rng.choice(fx.endpoints)]
    return [*args, "--dist", str(rng.choice(fx.releases))]


def _extract(rng: random.Random, fx: Fixtures) -> list[str]:
    return ["extract", str(rng.choice(fx.articles))]


# --------------------------------------------------------------------------- damaged inputs


def _releases(good: Path, folder: Path) -> list[Path]:
    """The good release, and copies of it damaged in the ways a disk or a person damages one."""
    folder.mkdir(parents=True, exist_ok=True)
    out = [good, folder / "missing", _file(folder / "a-file", b"not a folder\n")]
    damages: dict[str, Callable[[Path], object]] = {
        "truncated": lambda d: _cut(d / "spinekg.nq"),
        "binary": lambda d: (d / "spinekg.nq").write_bytes(os.urandom(4096)),
        "latin1": lambda d: (d / "spinekg.nq").write_bytes(
            '<http://x/a> <http://x/b> "caf\xe9" <http://x/g> .\n'.encode("latin-1")
        ),
        "no-manifest": lambda d: (d / "manifest.json").unlink(),
        "broken-manifest": lambda d: (d / "manifest.json").write_text('{"graphs": [1, 2'),
        "odd-manifest": lambda d: (d / "manifest.json").write_text('{"graphs": {"x": "y"}}'),
        "empty-nq": lambda d: (d / "spinekg.nq").write_text(""),
    }
    for name, damage in damages.items():
        copy = folder / name
        if not copy.exists():
            shutil.copytree(good, copy)
            damage(copy)
        out.append(copy)
    return out


def _cut(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 7])


def _file(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def _written(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """``files`` (name: content) written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [_file(folder / name, content) for name, content in files.items()]


def _query_files(folder: Path) -> list[Path]:
    files = {
        "binary.rq": os.urandom(512),
        "latin1.rq": 'SELECT * WHERE { ?s ?p "caf\xe9" }'.encode("latin-1"),
        "empty.rq": b"",
        "deep.rq": ("SELECT * WHERE " + "{" * 3_000 + "}" * 3_000).encode(),
        "service.rq": b"SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "update.rq": b"DROP ALL",
        "odd-type.rq": (
            b"#+ param: root | spine:Root> } DROP ALL # | L5 | a root\n"
            b"SELECT ?m WHERE { ?root ?p ?m }"
        ),
        "bad-param.rq": b"#+ param: root\nSELECT ?m WHERE { ?root ?p ?m }",
        "ask.rq": b"ASK { ?s ?p ?o }",
        "construct.rq": b"CONSTRUCT WHERE { ?s a ?o } LIMIT 3",
        "syntax.rq": b"SELECT ?x WHERE { ?x",
    }
    return [*_written(folder, files), folder / "missing.rq"]


def _articles(folder: Path) -> list[Path]:
    files = {
        "binary.md": os.urandom(512),
        "latin1.md": "Sciatica can cause caf\xe9 pain.".encode("latin-1"),
        "empty.md": b"",
        "aliases.md": b"---\na: &a [x, x]\nb: [*a, *a]\n---\nSciatica.",
        "open-front.md": b"---\ntitle: x\nnothing closes it",
        "long-line.md": b"Sciatica can cause pain. " * 400,
        "fine.md": b"A herniated disc can compress the L5 nerve root.\n",
    }
    return [*_written(folder, files), folder, folder / "missing.md"]


# --------------------------------------------------------------------------- fake endpoints


@contextmanager
def _servers() -> Iterator[list[str]]:
    """Loopback servers that are not SPARQL endpoints, and URLs that are not URLs."""
    answers = {
        "garbage": b"HELLO THERE\r\n",
        "cut": b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
        b'Content-Length: 1000\r\n\r\n{"head": ',
        "json": b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 8\r\n"
        b'Connection: close\r\n\r\n{"a": 1}',
        "html": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n"
        b"Connection: close\r\n\r\n<html></html>",
        "error": b"HTTP/1.1 500 Oops\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    }
    listeners = []
    urls = []
    stop = threading.Event()
    for reply in answers.values():
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        listener.settimeout(0.2)
        listeners.append(listener)
        threading.Thread(target=_answer, args=(listener, reply, stop), daemon=True).start()
        urls.append(f"http://127.0.0.1:{listener.getsockname()[1]}/query")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    urls += [
        f"http://127.0.0.1:{closed}/query",
        "http://127.0.0.1:99999/query",
        "http://exa mple.org/query",
        "http://example.org/query\r\nX-Injected: 1",
        "http://[::1",
        "",
        "ftp://127.0.0.1/query",
        "file:///etc/passwd",
        "not a url",
    ]
    try:
        yield urls
    finally:
        stop.set()
        for listener in listeners:
            listener.close()


def _answer(listener: socket.socket, reply: bytes, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            conn, _ = listener.accept()
        except OSError:
            continue
        with conn:
            conn.settimeout(1)
            try:
                conn.recv(65_536)
                conn.sendall(reply)
            except OSError:
                pass
