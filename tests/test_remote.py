"""A real Oxigraph server: `spinekg serve`'s store and command, queried through SPARQLWrapper."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from spinekg.kernel.errors import QueryError
from spinekg.queries import load_catalog
from spinekg.querying.catalog import rows, run
from spinekg.querying.publish import PublishError, publish
from spinekg.querying.results import render
from spinekg.querying.runner import EmbeddedRunner, RemoteRunner
from tests.servers import free_port, serving, start_writable, stop


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
    broken = urllib.request.Request(
        f"{writable}/store?graph=https%3A%2F%2Fw3id.org%2Fspinekg%2Fgraph%2Ftables%2Fdiscs",
        data=b"<http://x/a> <http://x/b> <http://x/c> .\n",
        headers={"Content-Type": "application/n-triples"},
        method="PUT",
    )
    urllib.request.urlopen(broken, timeout=5).read()
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
        f"published {sum(graphs.values())} triples in {len(graphs)} graphs to "
        f"{writable}/store (counts verified at {writable}/query)\n"
    )
