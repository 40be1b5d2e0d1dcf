"""`spinekg serve` under hostile queries, load, signals and release changes: the real server."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import VOID, Graph, URIRef

from spinekg.queries import load_catalog
from spinekg.querying.catalog import rows
from spinekg.querying.runner import RemoteRunner, bind
from spinekg.querying.workers import Reply, Request
from tests.servers import alive, children, serving, start_serve, stop

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: A one-root lookup, bound as `spinekg query` binds it: the query the saturation test sends.
LOOKUP = bind(
    load_catalog()["muscles_weakened_by_root"].text,
    {"root": ox.NamedNode("https://w3id.org/spinekg/root-L5")},
)


@pytest.fixture(scope="module")
def server(release: Path) -> Iterator[str]:
    """`spinekg serve` on the release: 3 s per query, answers up to 200 kB, none kept (every
    request reaches a worker); yields its URL."""
    options = ("--timeout", "3", "--max-bytes", "200000", "--workers", "2", "--cache-mb", "0")
    with serving(release, *options) as url:
        yield url


def _ask(url: str, sparql: str, **headers: str) -> httpx.Response:
    return httpx.post(f"{url}/query", data={"query": sparql}, headers=headers, timeout=30)


def _workers(server: subprocess.Popen[str]) -> list[int]:
    """The worker processes of a `spinekg serve` process."""
    return [
        pid
        for pid in children(server.pid)
        if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    ]


@pytest.mark.parametrize(
    ("sparql", "status", "message"),
    [
        (
            "SELECT * WHERE " + "{" * 2_000 + "}" * 2_000,
            400,
            "query refused: the query nests brackets 2,000 deep; at most 64 are accepted",
        ),
        (
            "ASK { FILTER(" + "(" * 20_000 + "1" + ")" * 20_000 + ") }",
            400,
            "query refused: the query nests brackets 20,002 deep; at most 64 are accepted",
        ),
        (
            "SELECT * WHERE { " + "?a ?b ?c . " * 6_000 + "}",
            400,
            "query refused: the query is 66,018 characters long; at most 65,536 are accepted",
        ),
        (
            "SELECT * WHERE { " + "?a ?b ?c . " * 20_000 + "}",
            400,
            "query refused: the query is 220,018 characters long; at most 65,536 are accepted",
        ),
        (
            "SELECT ?a WHERE { " + "?a ?b ?c . " * 50_000 + "}",
            413,
            "the request body is over 528,384 bytes",
        ),
        (
            "SELECT*{" + "?a ?b ?c." * 6_000 + "}",
            400,
            "query refused: the query chains 6,001 operators, separators and pattern joins",
        ),
        (
            "SELECT * WHERE { SERVICE <http://169.254.169.254/latest> { ?s ?p ?o } }",
            400,
            "query refused: the query calls SERVICE <http://169.254.169.254/latest>: "
            "federated queries are off",
        ),
    ],
    ids=["braces", "parentheses", "size", "20k-patterns", "body", "chain", "service"],
)
def test_queries_that_would_crash_or_call_out_are_refused(
    server: str, sparql: str, status: int, message: str
) -> None:
    refused = _ask(server, sparql)
    assert refused.status_code == status
    assert refused.text.startswith(message)
    assert rows(RemoteRunner(f"{server}/query"), "frequent_levels")


def test_a_runaway_query_is_stopped_at_its_limit_while_others_are_answered(server: str) -> None:
    answers: dict[str, httpx.Response] = {}
    runaway = threading.Thread(target=lambda: answers.update(slow=_ask(server, RUNAWAY)))
    started = time.monotonic()
    runaway.start()
    time.sleep(0.3)
    quick = [_ask(server, LOOKUP) for _ in range(20)]
    runaway.join()
    stopped_after = time.monotonic() - started
    assert [r.status_code for r in quick] == [200] * 20
    assert "extensor hallucis longus" in quick[-1].text
    assert answers["slow"].status_code == 503
    assert answers["slow"].text == (
        "the query ran longer than the endpoint's limit of 3 s and was stopped\n"
    )
    assert 3 <= stopped_after < 5
    assert _ask(server, LOOKUP).status_code == 200


def test_an_answer_over_the_size_limit_is_refused(server: str) -> None:
    large = _ask(server, "SELECT * WHERE { ?s ?p ?o }")
    assert large.status_code == 422
    assert large.text == (
        "the answer is larger than the endpoint's limit of 200,000 bytes; "
        "narrow the query or add LIMIT\n"
    )


def test_protocol_mistakes_get_their_status_and_a_message(server: str) -> None:
    assert httpx.get(f"{server}/query", timeout=10).text == (
        "a query request has exactly one 'query' parameter (it had 0)\n"
    )
    utf = httpx.post(
        f"{server}/query",
        content=b"SELECT * { ?s ?p '\xff' }",
        headers={"Content-Type": "application/sparql-query"},
        timeout=10,
    )
    assert (utf.status_code, utf.text) == (400, "the query is not UTF-8 text\n")
    big = httpx.post(f"{server}/query", content=b"#" * 600_000, timeout=10)
    assert big.status_code == 413
    csv = _ask(server, LOOKUP, accept="text/csv")
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.text.startswith("muscle,")
    unknown = _ask(server, LOOKUP, accept="image/png")
    assert (unknown.status_code, unknown.text) == (
        406,
        "none of the accepted media types is an SPARQL results format\n",
    )
    bad = _ask(server, "SELECT ?x WHERE { ?x }")
    assert bad.status_code == 400
    assert bad.text == "invalid SPARQL query: error at 1:23: expected one of BIND, [_]\n"


def test_every_kind_of_write_is_refused(server: str) -> None:
    for method, path, body, kind in [
        ("POST", "/update", b"update=DROP%20ALL", "application/x-www-form-urlencoded"),
        ("POST", "/query", b"update=DROP%20ALL", "application/x-www-form-urlencoded"),
        ("POST", "/query", b"DROP ALL", "application/sparql-update"),
        ("PUT", "/store?default", b"<http://x/a> <http://x/b> <http://x/c> .", "text/turtle"),
        ("DELETE", "/store?default", b"", "text/plain"),
    ]:
        answer = httpx.request(
            method, f"{server}{path}", content=body, headers={"Content-Type": kind}, timeout=10
        )
        assert answer.status_code == 403, (method, path)
        assert "read-only" in answer.text
    assert rows(RemoteRunner(f"{server}/query"), "frequent_levels")


def test_a_worker_that_dies_is_replaced_and_its_client_told_why(release: Path) -> None:
    url, process = start_serve(release, "--timeout", "20", "--workers", "2")
    try:
        answers: dict[str, httpx.Response] = {}
        runaway = threading.Thread(target=lambda: answers.update(slow=_ask(url, RUNAWAY)))
        runaway.start()
        time.sleep(1.0)
        workers = _workers(process)
        assert len(workers) == 2
        for pid in workers:
            subprocess.run(["kill", "-SEGV", str(pid)], check=True)
        runaway.join()
        assert answers["slow"].status_code == 500
        assert re.fullmatch(
            r"the SPARQL engine failed on this query after \d+\.\d s \(its process ended with "
            r"code -11\); the endpoint restarted it\n",
            answers["slow"].text,
        )
        assert "extensor hallucis longus" in _ask(url, LOOKUP).text
        assert len(_workers(process)) == 2
    finally:
        stop(process)
    assert process.stderr is not None
    assert "a query worker ended (exit code -11); starting a new worker" in process.stderr.read()


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_server_and_its_workers(release: Path, how: int) -> None:
    url, process = start_serve(release, "--workers", "2")
    workers = _workers(process)
    assert len(workers) == 2
    assert stop(process, how) == 0
    time.sleep(0.5)
    assert not [pid for pid in workers if alive(pid)]
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/query", timeout=2)


def test_workers_end_when_the_server_is_killed(release: Path) -> None:
    _, process = start_serve(release, "--workers", "2")
    workers = _workers(process)
    process.kill()
    process.wait()
    deadline = time.monotonic() + 5
    while [pid for pid in workers if alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if alive(pid)]


def test_a_port_in_use_is_an_error(release: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "spinekg", "serve", "--dist", str(release), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr == f"error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_serving_reads_the_release_and_notices_a_new_one(release: Path, tmp_path: Path) -> None:
    copy = tmp_path / "dist"
    shutil.copytree(release, copy)
    before = {p.name: p.stat().st_mtime_ns for p in copy.iterdir()}
    marker = "ASK { <https://w3id.org/spinekg/muscle-popliteus> ?p ?o }"
    with serving(copy, "--workers", "2") as url:
        first = _ask(url, marker)
        assert first.json()["boolean"] is False
        assert first.headers["x-spinekg-release"].startswith("spinekg 0.1.0 (")
        assert {p.name: p.stat().st_mtime_ns for p in copy.iterdir()} == before
        # a new build: the N-Quads and the manifest replaced, as `spinekg build` does
        nquads = copy / "spinekg.nq"
        added = (
            "<https://w3id.org/spinekg/muscle-popliteus> "
            '<http://www.w3.org/2000/01/rdf-schema#label> "popliteus" '
            "<https://w3id.org/spinekg/graph/tables/muscles> .\n"
        )
        staged = tmp_path / "new.nq"
        staged.write_text(nquads.read_text() + added)
        manifest = json.loads((copy / "manifest.json").read_text())
        manifest["files"]["spinekg.nq"]["sha256"] = "0123456789ab" + "0" * 52
        (copy / "manifest.json").write_text(json.dumps(manifest))
        staged.replace(nquads)
        second = _ask(url, marker)
        assert second.json()["boolean"] is True
        assert "sha256 0123456789ab" in second.headers["x-spinekg-release"]


@pytest.mark.skipif(
    shutil.which("wrk") is None, reason="wrk is not installed (make tools installs it with apt)"
)
def test_saturation_gives_no_error_and_the_server_stays_up(server: str) -> None:
    """wrk, 8 connections on one catalog lookup for 8 s, or SPINEKG_SATURATION_SECONDS.

    8 s keeps the suite within its CPU budget; `benchmarks/saturation.py` runs 60 s.
    """
    from urllib.parse import quote

    seconds = int(os.environ.get("SPINEKG_SATURATION_SECONDS", "8"))
    result = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", f"{server}/query?query={quote(LOOKUP)}"],
        capture_output=True,
        text=True,
        check=True,
    )
    done = re.search(r"(\d+) requests in", result.stdout)
    assert done is not None and int(done.group(1)) > 100 * seconds, result.stdout
    assert "Non-2xx" not in result.stdout, result.stdout
    assert "Socket errors" not in result.stdout, result.stdout
    assert "extensor hallucis longus" in _ask(server, LOOKUP).text


def test_the_endpoint_serves_the_dataset_description_where_void_advises(server: str) -> None:
    answer = httpx.get(f"{server}/.well-known/void", headers={"Accept": "text/turtle"}, timeout=30)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/turtle")
    description = Graph().parse(data=answer.text, format="turtle")
    dataset = URIRef("https://w3id.org/spinekg/dataset")
    subsets = set(description.objects(dataset, VOID.subset))
    assert URIRef("https://w3id.org/spinekg/graph/ontology") in subsets
    assert len(subsets) > 40
    assert int(str(description.value(dataset, VOID.triples))) > 50_000
    assert "/.well-known/void" in httpx.get(server, timeout=30).text


class _CountingPool:
    """A stand-in for the worker pool that answers every query and counts what it ran."""

    def __init__(self) -> None:
        self.ran: list[str] = []
        self.reloads = 0

    async def run(self, request: Request) -> Reply:
        self.ran.append(request.sparql)
        return Reply(200, "application/sparql-results+json", b'{"boolean": true}')

    def reload(self) -> None:
        self.reloads += 1


def test_the_endpoint_gives_a_kept_answer_again_until_the_release_changes(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from spinekg.querying.answer_cache import AnswerCache
    from spinekg.querying.endpoint import application
    from spinekg.querying.guard import Limits

    (tmp_path / "spinekg.nq").write_text("", encoding="utf-8")
    pool = _CountingPool()
    app = application(pool, tmp_path, Limits(), lambda line: None, AnswerCache(1_000_000))  # type: ignore[arg-type]
    client = TestClient(app)
    json_ = {"Accept": "application/sparql-results+json"}
    for _ in range(3):
        answer = client.post("/query", data={"query": "ASK { ?s ?p ?o }"}, headers=json_)
        assert (answer.status_code, answer.content) == (200, b'{"boolean": true}')
    assert pool.ran == ["ASK { ?s ?p ?o }"]  # once: twice given again
    client.post("/query", data={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
    client.post("/query", data={"query": "ASK { ?s a ?o }"}, headers=json_)
    assert len(pool.ran) == 3  # another format, another query: each run
    time.sleep(0.01)
    (tmp_path / "spinekg.nq").write_text("# a new build\n", encoding="utf-8")
    client.post("/query", data={"query": "ASK { ?s ?p ?o }"}, headers=json_)
    assert (pool.reloads, len(pool.ran)) == (1, 4)  # a new release: run again
