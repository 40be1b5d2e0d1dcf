"""Real servers: `spinekg serve` queried through SPARQLWrapper, and stores to publish to."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
import typing
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from spinekg.kernel.errors import QueryError
from spinekg.queries import load_catalog
from spinekg.querying.catalog import rows, run
from spinekg.querying.publish import PublishError, publish
from spinekg.querying.results import render
from spinekg.querying.runner import EmbeddedRunner, RemoteRunner
from tests.servers import answer_sparql_json, free_port, serving, start_writable, stop


@pytest.fixture(scope="module")
def endpoint(release: Path) -> Iterator[str]:
    """`spinekg serve` on the release, its queries limited to 3 s; yields the query URL."""
    with serving(release, "--timeout", "3") as url:
        yield f"{url}/query"


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_every_catalog_query_prints_the_same_bytes_remotely(
    runner: EmbeddedRunner, endpoint: str, name: str
) -> None:
    """CSV, TSV and JSON of each catalog query: the same bytes from the server and embedded.

    The parameters are the header's example values, resolved on each side by its own runner.
    """
    query = load_catalog()[name]
    params = {p.name: p.example for p in query.params}
    remote = RemoteRunner(endpoint)
    for fmt in ("csv", "tsv", "json"):
        here = render(run(runner, query, **params), fmt)
        there = render(run(remote, query, **params), fmt)
        assert there == here, fmt
    assert render(run(runner, query, **params), "csv").count("\n") > 1, "the example answers"


def test_updates_are_refused(endpoint: str) -> None:
    update = urllib.request.Request(
        endpoint.replace("/query", "/update"),
        data=b"update=DROP%20ALL",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(update, timeout=5)
    assert refused.value.code in {403, 404, 405}
    assert rows(RemoteRunner(endpoint), "frequent_levels")


def test_a_runaway_query_times_out_and_the_server_keeps_answering(
    endpoint: str, tmp_path: Path
) -> None:
    runaway = tmp_path / "runaway.rq"
    runaway.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"answered an error|did not return|cannot reach"):
        rows(RemoteRunner(endpoint, timeout=5), str(runaway))
    assert time.monotonic() - started < 15
    assert rows(RemoteRunner(endpoint), "frequent_levels")


def test_unreachable_and_non_sparql_endpoints_get_clear_messages(endpoint: str) -> None:
    closed = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(QueryError, match=rf"cannot reach the SPARQL endpoint {closed}"):
        rows(RemoteRunner(closed, timeout=3), "frequent_levels")
    with pytest.raises(QueryError, match=r"answered an error|did not return"):
        rows(RemoteRunner(endpoint.replace("/query", "/nowhere")), "frequent_levels")


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[str]:
    """A read-write Oxigraph server over an empty store; yields its base URL."""
    port = free_port()
    server = start_writable(tmp_path / "store", port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server)


def test_a_server_killed_mid_publish_is_repaired_by_a_rerun(tmp_path: Path, release: Path) -> None:
    manifest = json.loads((release / "manifest.json").read_text())
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_writable(tmp_path / "store", port)
    try:
        publish(release, graph_store=f"{url}/store", endpoint=f"{url}/query")
        server.kill()  # the store is left as the dying server left it
        server.wait()
        with pytest.raises(PublishError, match="Re-running the publish is safe"):
            publish(release, graph_store=f"{url}/store", endpoint=f"{url}/query", timeout=3)
        server = start_writable(tmp_path / "store", port)
        again = publish(release, graph_store=f"{url}/store", endpoint=f"{url}/query")
        assert again.graphs == manifest["graphs"]
    finally:
        stop(server)


def test_publish_replaces_every_graph_and_a_rerun_repairs(
    writable: str, release: Path, runner: EmbeddedRunner
) -> None:
    manifest = json.loads((release / "manifest.json").read_text())
    done = publish(release, graph_store=f"{writable}/store", endpoint=f"{writable}/query")
    assert done.graphs == manifest["graphs"]
    published = RemoteRunner(f"{writable}/query")
    assert rows(published, "roots_of_muscle", muscle="biceps") == rows(
        runner, "roots_of_muscle", muscle="biceps"
    )
    _put_a_triple(writable, "https://w3id.org/spinekg/graph/tables/discs")  # a broken graph
    again = publish(release, graph_store=f"{writable}/store", endpoint=f"{writable}/query")
    assert again.graphs == manifest["graphs"]


def test_publish_to_an_unreachable_store_says_what_was_not_replaced(release: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    graphs = len(json.loads((release / "manifest.json").read_text())["graphs"])
    with pytest.raises(PublishError, match=rf"replaced 0 graph\(s\); not replaced {graphs} graph"):
        publish(release, graph_store=f"{closed}/store", endpoint=f"{closed}/query", timeout=3)


def test_explain_and_localize_give_the_same_answers_remotely(
    runner: EmbeddedRunner, endpoint: str
) -> None:
    from spinekg.querying.explain import explain
    from spinekg.querying.localize import localize

    remote = RemoteRunner(endpoint)
    for disc, zone in (("L4-L5", "paracentral"), ("C5-C6", "central")):
        assert explain(remote, disc, zone) == explain(runner, disc, zone)
    findings = ["absent ankle jerk", "weakness of ankle plantarflexion", "saddle anaesthesia"]
    assert localize(remote, findings) == localize(runner, findings)


def test_bounded_load_on_loopback(endpoint: str) -> None:
    """8 clients x 25 catalog queries each, concurrently: no errors (figures: make bench)."""
    from spinekg.querying.loadtest import run_load

    report = run_load(endpoint, clients=8, per_client=25)
    assert report["errors"] == 0
    assert report["queries"] == 200
    assert report["qps"] > 0


def test_serve_refuses_without_a_build(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from spinekg.cli import main

    result = CliRunner().invoke(main, ["serve", "--dist", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: no release in {tmp_path / 'nothing'}/; run `spinekg build` first\n"
    )


def test_the_cli_answers_from_an_endpoint_and_publishes(
    endpoint: str, writable: str, release: Path
) -> None:
    from click.testing import CliRunner

    from spinekg.cli import main

    runner = CliRunner()
    nowhere = str(release.parent / "no-release-here")  # an endpoint needs no local release
    result = runner.invoke(
        main,
        [
            "explain",
            "--disc",
            "L5-S1",
            "--zone",
            "paracentral",
            "--endpoint",
            endpoint,
            "--dist",
            nowhere,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "compresses: S1 nerve root (principal)" in result.stdout
    result = runner.invoke(
        main, ["localize", "absent ankle jerk", "--endpoint", endpoint, "--dist", nowhere]
    )
    assert result.exit_code == 0, result.output
    assert "L5-S1 paracentral herniation (S1 nerve root)" in result.stdout
    result = runner.invoke(
        main, ["publish", "--endpoint", f"{writable}/query", "--dist", str(release)]
    )
    assert result.exit_code == 0, result.output
    graphs = json.loads((release / "manifest.json").read_text())["graphs"]
    assert result.stdout == (
        f"published {sum(graphs.values()):,} quads in {len(graphs)} named graphs to "
        f"{writable}/store (counts verified at {writable}/query)\n"
    )


def _put_a_triple(store: str, graph: str) -> None:
    """Replace ``graph`` in the writable store at ``store`` by one unrelated triple."""
    request = urllib.request.Request(
        f"{store}/store?graph={urllib.parse.quote(graph, safe='')}",
        data=b"<http://x/a> <http://x/b> <http://x/c> .\n",
        headers={"Content-Type": "application/n-triples"},
        method="PUT",
    )
    urllib.request.urlopen(request, timeout=5).read()


def test_publish_removes_graphs_of_an_earlier_release_and_keeps_others(
    writable: str, release: Path
) -> None:
    old = "https://w3id.org/spinekg/graph/articles/an-article-since-removed"
    foreign = "http://example.org/someone-elses-graph"
    for graph in (old, foreign):
        _put_a_triple(writable, graph)
    done = publish(release, graph_store=f"{writable}/store", endpoint=f"{writable}/query")
    assert done.removed == [old]
    listed = RemoteRunner(f"{writable}/query").execute("SELECT DISTINCT ?g { GRAPH ?g {} }")
    assert isinstance(listed, ox.QuerySolutions)
    graphs = {s["g"].value for s in listed if s["g"] is not None}
    assert foreign in graphs
    assert old not in graphs


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Records each request's method and Authorization header; answers as a store would."""

    seen: typing.ClassVar[list[tuple[str, str]]] = []

    def _record(self) -> None:
        self.seen.append((self.command, self.headers.get("Authorization", "")))
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)

    def do_PUT(self) -> None:
        self._record()
        self.send_response(204)
        self.end_headers()

    def do_POST(self) -> None:
        self._record()
        answer_sparql_json(self, ["g", "n"], [])

    def log_message(self, *args: object) -> None:
        """Quiet."""


def test_publish_sends_the_token_on_every_request(
    tiny_release: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPINEKG_TOKEN", "s3cret")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(PublishError, match="the store now counts differently"):
            publish(tiny_release, graph_store=f"{url}/store", endpoint=f"{url}/query")
    finally:
        server.shutdown()
    assert {method for method, _ in _Recorder.seen} == {"PUT", "POST"}
    assert {auth for _, auth in _Recorder.seen} == {"Bearer s3cret"}


def test_a_stalled_endpoint_is_given_up_at_the_timeout(tiny_release: Path) -> None:
    from click.testing import CliRunner

    from spinekg.cli import main

    with socket.socket() as stalled:  # accepts connections, never answers
        stalled.bind(("127.0.0.1", 0))
        stalled.listen(8)
        url = f"http://127.0.0.1:{stalled.getsockname()[1]}"
        for command in (
            ["publish", "--endpoint", f"{url}/query", "--dist", str(tiny_release)],
            ["explain", "--disc", "L4-L5", "--zone", "central", "--endpoint", f"{url}/query"],
            ["localize", "absent ankle jerk", "--endpoint", f"{url}/query"],
        ):
            started = time.monotonic()
            result = CliRunner().invoke(main, [*command, "--timeout", "1"])
            assert result.exit_code == 1, command
            assert result.stderr.startswith("error: "), command
            assert "timed out" in result.stderr, result.stderr
            assert time.monotonic() - started < 10, command


def test_small_command_line_mistakes_get_messages(release: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from spinekg.cli import main

    runner = CliRunner()
    twice = runner.invoke(
        main, ["query", "muscles_weakened_by_root", "-p", "root=L5", "-p", "root=S1"]
    )
    assert twice.exit_code == 2
    assert "'root' is given twice ('L5' and 'S1'); give each parameter once" in twice.stderr
    empty = runner.invoke(main, ["query", "frequent_levels", "--endpoint", ""])
    assert (empty.exit_code, empty.stderr) == (
        1,
        "error: --endpoint is empty; expected an http(s) URL such as http://127.0.0.1:7878/query\n",
    )
    construct = tmp_path / "graph.rq"
    construct.write_text(
        "CONSTRUCT { ?root spine:principallyInnervates ?m } WHERE { "
        "VALUES ?root { spine:root-L5 } ?root spine:principallyInnervates ?m }"
    )
    answers = {
        fmt: runner.invoke(main, ["query", str(construct), "--dist", str(release), "--format", fmt])
        for fmt in ("table", "json", "xml", "csv")
    }
    assert "spine:root-L5 spine:principallyInnervates" in answers["table"].stdout
    assert "@prefix spine: <https://w3id.org/spinekg/> ." in answers["table"].stdout
    assert '"@id":"https://w3id.org/spinekg/root-L5"' in answers["json"].stdout
    assert '<rdf:Description rdf:about="https://w3id.org/spinekg/root-L5">' in answers["xml"].stdout
    assert answers["csv"].stderr == (
        "error: a CONSTRUCT or DESCRIBE query answers a graph, which has no csv form; use "
        "--format table (Turtle), json (JSON-LD) or xml (RDF/XML)\n"
    )
