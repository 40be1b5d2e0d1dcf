"""Virtuoso, a second real triple store: publish into it, query it, get the embedded answers.

One Virtuoso (Debian's ``virtuoso-opensource``) for the session, on a new database, with the
release published into it through the Graph Store Protocol (HTTP digest authentication). The
tests skip, saying why, where Virtuoso is not installed; the tests of the pieces that read
Virtuoso's answers and answer its challenge run everywhere.
"""

from __future__ import annotations

import gc
import http.server
import json
import threading
import typing
import urllib.parse
import urllib.request
from base64 import b64encode
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from spinekg.cli import main
from spinekg.kernel.errors import QueryError
from spinekg.kernel.namespaces import SPARQL_PROLOGUE
from spinekg.queries import load_catalog
from spinekg.querying.catalog import run
from spinekg.querying.publish import Published, PublishError, publish
from spinekg.querying.results import render
from spinekg.querying.runner import (
    EmbeddedRunner,
    RemoteRunner,
    solutions,
    sparql_1_1,
    values_inside,
)
from tests.servers import (
    VIRTUOSO_MISSING,
    Virtuoso,
    answer_sparql_json,
    running_virtuoso,
    virtuoso_binary,
)

#: The administrator of a new Virtuoso database.
DBA = ("dba", "dba")
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A Virtuoso on a new database (its row limit the Debian default, 10,000)."""
    if virtuoso_binary() is None:
        pytest.skip(VIRTUOSO_MISSING)
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(scope="session")
def published(virtuoso: Virtuoso, release: Path) -> Published:
    """The release published into the session's Virtuoso as its administrator."""
    user, password = DBA
    return publish(
        release,
        graph_store=virtuoso.graph_store,
        endpoint=virtuoso.sparql,
        user=user,
        password=password,
    )


def _manifest_graphs(release: Path) -> dict[str, int]:
    graphs: dict[str, int] = json.loads((release / "manifest.json").read_text())["graphs"]
    return graphs


def _counts(virtuoso: Virtuoso) -> dict[str, int]:
    """Triples per named graph, as Virtuoso's query endpoint counts them."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    return {
        graph.value: int(count.value)
        for s in solutions(RemoteRunner(virtuoso.sparql), query)
        if (graph := s["g"]) is not None and (count := s["n"]) is not None
    }


def _raw(virtuoso: Virtuoso, query: str) -> str:
    """Virtuoso's own SPARQL JSON for ``query``, as it sends it."""
    request = urllib.request.Request(
        virtuoso.sparql,
        data=urllib.parse.urlencode({"query": SPARQL_PROLOGUE + query}).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return str(response.read().decode())


def test_publish_answers_the_digest_challenge_and_verifies_every_graph(
    virtuoso: Virtuoso, published: Published, release: Path
) -> None:
    graphs = _manifest_graphs(release)
    assert published.graphs == graphs
    assert published.removed == []
    counts = _counts(virtuoso)
    assert {g: counts[g] for g in graphs} == graphs
    # what publish read its counts from: SPARQL 1.0 typed literals
    raw = json.loads(_raw(virtuoso, "SELECT (COUNT(*) AS ?n) WHERE { ?s a spine:Muscle }"))
    (count,) = raw["results"]["bindings"]
    assert count["n"]["type"] == "typed-literal"
    assert count["n"]["datatype"] == f"{XSD}integer"


def test_every_typed_literal_of_the_release_comes_back_as_it_went(
    virtuoso: Virtuoso, published: Published, runner: EmbeddedRunner
) -> None:
    """Booleans (which Virtuoso writes as 1 and 0), decimals, integers, dates."""
    query = """SELECT DISTINCT ?g ?s ?p ?o WHERE {
      GRAPH ?g { ?s ?p ?o }
      FILTER(isLiteral(?o) && DATATYPE(?o) NOT IN (xsd:string, rdf:langString))
      FILTER(STRSTARTS(STR(?g), STR(spine:)))
    } ORDER BY ?g ?s ?p ?o"""
    here = render(runner.execute(query), "json")
    assert '"value":"true","datatype":"http://www.w3.org/2001/XMLSchema#boolean"' in here
    assert '"value":"false","datatype":"http://www.w3.org/2001/XMLSchema#boolean"' in here
    assert '"datatype":"http://www.w3.org/2001/XMLSchema#decimal"' in here
    assert render(RemoteRunner(virtuoso.sparql).execute(query), "json") == here


def test_a_rerun_replaces_the_graphs_and_removes_those_of_an_earlier_release(
    virtuoso: Virtuoso, published: Published, release: Path
) -> None:
    old = "https://w3id.org/spinekg/graph/articles/an-article-since-removed"
    foreign = "http://example.org/someone-elses-graph"
    broken = "https://w3id.org/spinekg/graph/tables/discs"
    with httpx.Client(auth=httpx.DigestAuth(*DBA), timeout=10) as client:
        for graph in (old, foreign, broken):
            client.put(
                virtuoso.graph_store,
                params={"graph": graph},
                content=b"<http://x/a> <http://x/b> <http://x/c> .\n",
                headers={"Content-Type": "application/n-triples"},
            ).raise_for_status()
    user, password = DBA
    result = CliRunner().invoke(
        main,
        [
            *("publish", "--endpoint", virtuoso.sparql),
            *("--user", user, "--password", password, "--dist", str(release)),
        ],
    )
    assert result.exit_code == 0, result.output
    graphs = _manifest_graphs(release)
    assert result.stdout == (
        f"published {sum(graphs.values()):,} quads in {len(graphs)} named graphs to "
        f"{virtuoso.graph_store} (counts verified at {virtuoso.sparql})\n"
        f"removed 1 graph(s) no longer in the release: {old}\n"
    )
    counts = _counts(virtuoso)
    assert counts[foreign] == 1
    assert old not in counts
    assert {g: counts[g] for g in graphs} == graphs


def test_writes_without_an_account_are_refused_and_change_nothing(
    virtuoso: Virtuoso, published: Published, release: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPINEKG_TOKEN", raising=False)
    before = _counts(virtuoso)
    graphs = _manifest_graphs(release)
    first = sorted(graphs)[0]
    tail = (
        f"; replaced 0 graph(s); not replaced {len(graphs)} graph(s), from {first}. "
        "Re-running the publish is safe."
    )
    result = CliRunner().invoke(
        main, ["publish", "--endpoint", virtuoso.sparql, "--dist", str(release)]
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: publishing {first} to {virtuoso.graph_store} failed (401 Unauthorized: the "
        "store takes writes only from an account; give --user and --password (digest or basic "
        f"authentication, as the store asks), or set SPINEKG_TOKEN for a bearer token){tail}\n"
    )
    with pytest.raises(PublishError) as wrong:
        publish(
            release,
            graph_store=virtuoso.graph_store,
            endpoint=virtuoso.sparql,
            user="dba",
            password="not the password",
        )
    assert str(wrong.value) == (
        f"publishing {first} to {virtuoso.graph_store} failed (401 Unauthorized: the store did "
        f"not accept user 'dba' with that password){tail}"
    )
    anonymous = f"{virtuoso.url}/sparql-graph-crud"  # the SPARQL user may not update
    with pytest.raises(PublishError) as refused:
        publish(release, graph_store=anonymous, endpoint=virtuoso.sparql)
    assert str(refused.value).startswith(
        f"publishing {first} to {anonymous} failed (403 Forbidden: the store does not let an "
        "anonymous client write there (Error 42000 SQ110:SECURITY: Permission denied for "
    )
    assert str(refused.value).endswith(tail)
    assert _counts(virtuoso) == before


@pytest.mark.parametrize("name", sorted(load_catalog()))
def test_every_catalog_query_gives_the_embedded_answer(
    virtuoso: Virtuoso, published: Published, runner: EmbeddedRunner, name: str
) -> None:
    """The SPARQL JSON of each catalog query: the same bytes from Virtuoso and embedded.

    The same JSON is the same solutions, which every other format is written from. The
    parameters are the header's example values, resolved on each side by its own runner.
    """
    query = load_catalog()[name]
    params = {p.name: p.example for p in query.params}
    here = render(run(runner, query, **params), "json")
    assert render(run(RemoteRunner(virtuoso.sparql), query, **params), "json") == here
    assert '"bindings":[{' in here, "the example answers"


def test_explain_and_localize_give_the_same_answers_from_virtuoso(
    virtuoso: Virtuoso, published: Published, runner: EmbeddedRunner
) -> None:
    from spinekg.querying.explain import explain
    from spinekg.querying.localize import localize

    remote = RemoteRunner(virtuoso.sparql)
    for disc, zone in (("L4-L5", "paracentral"), ("T8-T9", "central")):
        assert explain(remote, disc, zone) == explain(runner, disc, zone)
    assert explain(remote, "T8-T9", "central").spared == ("arm", "hand")
    findings = ["absent ankle jerk", "weakness of ankle plantarflexion", "saddle anaesthesia"]
    assert localize(remote, findings) == localize(runner, findings)


def test_the_cli_answers_from_virtuoso_as_from_the_release(
    virtuoso: Virtuoso, published: Published, release: Path
) -> None:
    command = ["query", "muscles_weakened_by_root", "-p", "root=L5", "--format", "tsv"]
    remote = CliRunner().invoke(main, [*command, "--endpoint", virtuoso.sparql])
    here = CliRunner().invoke(main, [*command, "--dist", str(release)])
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == here.stdout
    assert "<https://w3id.org/spinekg/muscle-extensor-hallucis-longus>" in remote.stdout


def test_an_answer_cut_off_at_the_row_limit_is_refused_with_the_setting_to_raise(
    virtuoso: Virtuoso, published: Published, tmp_path: Path
) -> None:
    """Virtuoso stops at ResultSetMaxRows: a SELECT with a header, a graph without a word."""
    remote = RemoteRunner(virtuoso.sparql)
    advice = (
        "so it may be incomplete; raise ResultSetMaxRows in the [SPARQL] section of the "
        "server's virtuoso.ini (and restart it), or ask for less"
    )
    everything = tmp_path / "everything.rq"
    everything.write_text("SELECT * WHERE { ?s ?p ?o }")
    result = CliRunner().invoke(main, ["query", str(everything), "--endpoint", virtuoso.sparql])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: {virtuoso.sparql} stopped the answer at its limit of 10,000 result rows "
        f"(10,000 rows came back), {advice}\n"
    )
    with pytest.raises(QueryError) as triples:
        remote.execute("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert str(triples.value) == (
        f"{virtuoso.sparql} stopped the answer at its limit of 10,000 result rows "
        f"(10,001 triples came back), {advice}"
    )
    under = remote.execute("SELECT ?s WHERE { ?s ?p ?o } LIMIT 9999")
    assert isinstance(under, ox.QuerySolutions)
    assert len(list(under)) == 9999


def test_blank_nodes_come_back_from_virtuoso_as_the_release_has_them(
    virtuoso: Virtuoso, published: Published, runner: EmbeddedRunner
) -> None:
    """Virtuoso names a blank node ``nodeID://b10023`` in SPARQL JSON, ``_:b10023`` in Turtle."""
    axioms = "SELECT ?axiom ?target WHERE { ?axiom owl:annotatedTarget ?target }"
    assert '"type": "bnode", "value": "nodeID://' in _raw(virtuoso, axioms + " LIMIT 1")
    remote = RemoteRunner(virtuoso.sparql)
    rows = list(solutions(remote, axioms))
    assert len(rows) == len(list(solutions(runner, axioms))) == 514  # one for each mapping
    assert all(isinstance(row["axiom"], ox.BlankNode) for row in rows)
    graph = "CONSTRUCT { ?a owl:annotatedTarget ?t } WHERE { ?a owl:annotatedTarget ?t }"
    answer = remote.execute(graph)
    assert not isinstance(answer, ox.QueryBoolean)
    constructed = {(t.subject, t.object) for t in answer}
    assert constructed == {(row["axiom"], row["target"]) for row in rows}


def test_virtuosos_ask_and_boolean_answers_are_read_as_sparql_1_1(
    virtuoso: Virtuoso, published: Published
) -> None:
    ask = "ASK { spine:root-L5 a spine:SpinalNerveRoot }"
    assert json.loads(_raw(virtuoso, ask))["head"]["vars"] == ["__ASK_RETVAL"]
    remote = RemoteRunner(virtuoso.sparql)
    yes = remote.execute(ask)
    assert isinstance(yes, ox.QueryBoolean) and bool(yes) is True
    assert bool(remote.execute("ASK { spine:root-L5 a spine:Muscle }")) is False
    query = "SELECT (xsd:boolean(1 = 1) AS ?t) (xsd:boolean(1 = 2) AS ?f) {}"
    raw = _raw(virtuoso, query)
    assert '"datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "1"' in raw
    assert '"datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "0"' in raw
    (row,) = solutions(remote, query)
    assert (row["t"], row["f"]) == (ox.Literal(True), ox.Literal(False))


# The pieces, without a server


def test_sparql_1_1_puts_virtuosos_variant_right() -> None:
    def literal(value: str, datatype: str) -> dict[str, str]:
        return {"type": "typed-literal", "datatype": XSD + datatype, "value": value}

    virtuoso = {
        "head": {"link": [], "vars": ["b", "n", "s"]},
        "results": {
            "distinct": False,
            "ordered": True,
            "bindings": [
                {
                    "b": literal("0", "boolean"),
                    "n": literal("3", "int"),
                    "s": literal("x", "string"),
                }
            ],
        },
    }
    answer = ox.parse_query_results(
        json.dumps(sparql_1_1(virtuoso)).encode(), format=ox.QueryResultsFormat.JSON
    )
    assert isinstance(answer, ox.QuerySolutions)
    (row,) = answer
    assert row["b"] == ox.Literal(False)
    assert row["n"] == ox.Literal("3", datatype=ox.NamedNode(XSD + "int"))  # kept as it is
    assert row["s"] == ox.Literal("x")
    one = literal("1", "integer")
    ask = {"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": [{"__ASK_RETVAL": one}]}}
    assert sparql_1_1(ask, ask=True) == {"head": {}, "boolean": True}
    assert sparql_1_1(ask) == ask  # a SELECT of a variable of that name stays a SELECT


def test_values_inside_keeps_the_answers_and_leaves_other_queries_alone(
    runner: EmbeddedRunner,
) -> None:
    term = "<https://w3id.org/spinekg/root-L5>"
    projected = (
        "SELECT ?root ?m WHERE { { SELECT ?m WHERE { "
        f"{term} spine:principallyInnervates ?m }} }} }} ORDER BY ?m\nVALUES (?root) {{ ({term}) }}"
    )
    moved = values_inside(projected)
    assert moved == (
        f"SELECT ?root ?m WHERE {{ VALUES (?root) {{ ({term}) }} {{ SELECT ?m WHERE {{ "
        f"{term} spine:principallyInnervates ?m }} }} }} ORDER BY ?m"
    )
    assert render(runner.execute(moved), "tsv") == render(runner.execute(projected), "tsv")
    assert render(runner.execute(moved), "tsv").count("\n") == 13
    unused = f"SELECT ?m WHERE {{ {term} spine:innervates ?m }}\nVALUES (?root) {{ ({term}) }}"
    assert values_inside(unused) == f"SELECT ?m WHERE {{ {term} spine:innervates ?m }}"
    for alone in (
        "SELECT ?s WHERE { ?s ?p ?o } VALUES (?s) { (<x:a>) (<x:b>) }",  # two rows: as it is
        "SELECT ?s WHERE { VALUES ?s { <x:a> } ?s ?p ?o }",
        "DESCRIBE ?s VALUES (?s) { (<x:a>) }",
    ):
        assert values_inside(alone) == alone


class _BadRowStore(http.server.BaseHTTPRequestHandler):
    """An endpoint whose SPARQL JSON answer has a blank node no parser can read in row 3."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        good = {"s": {"type": "uri", "value": "https://w3id.org/spinekg/root-L5"}}
        bad = {"s": {"type": "bnode", "value": "two words"}}
        answer_sparql_json(self, ["s"], [good, good, bad, good])

    def log_message(self, *args: object) -> None:
        """Quiet."""


def test_a_bad_term_anywhere_in_an_answer_is_a_message_before_any_row() -> None:
    gc.collect()  # pyoxigraph's answers are freed on the thread that made them, not the server's
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BadRowStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/query"
    try:
        with pytest.raises(QueryError) as raised:
            RemoteRunner(url).execute("SELECT ?s WHERE { ?s ?p ?o }")
        result = CliRunner().invoke(main, ["query", "frequent_levels", "--endpoint", url])
    finally:
        server.shutdown()
    expected = (
        f"{url} did not return a SPARQL result: "
        "Invalid bnode value: The blank node identifier is invalid"
    )
    assert str(raised.value) == expected
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"error: {expected}\n")


class _BasicStore(http.server.BaseHTTPRequestHandler):
    """A store that challenges for basic authentication and answers the count query."""

    seen: typing.ClassVar[list[tuple[str, str]]] = []
    counts: typing.ClassVar[dict[str, int]] = {}

    def _accepted(self) -> bool:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        given = self.headers.get("Authorization", "")
        self.seen.append((self.command, given))
        if given == "Basic " + b64encode(b"curator:s3cret").decode():
            return True
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="store"')
        self.send_header("Content-Length", "0")
        self.end_headers()
        return False

    def do_PUT(self) -> None:
        if self._accepted():
            self.send_response(204)
            self.end_headers()

    def do_POST(self) -> None:
        if self._accepted():
            rows = [
                {"g": {"type": "uri", "value": g}, "n": {"type": "literal", "value": str(n)}}
                for g, n in self.counts.items()
            ]
            answer_sparql_json(self, ["g", "n"], rows)

    def log_message(self, *args: object) -> None:
        """Quiet."""


def test_publish_answers_a_basic_challenge_with_basic_authentication(
    tiny_release: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPINEKG_TOKEN", raising=False)
    _BasicStore.counts = _manifest_graphs(tiny_release)
    gc.collect()  # pyoxigraph's answers are freed on the thread that made them, not the server's
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BasicStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        done = publish(
            tiny_release,
            graph_store=f"{url}/store",
            endpoint=f"{url}/query",
            user="curator",
            password="s3cret",
        )
        with pytest.raises(PublishError, match=r"401 Unauthorized: the store did not accept"):
            publish(
                tiny_release,
                graph_store=f"{url}/store",
                endpoint=f"{url}/query",
                user="curator",
                password="wrong",
            )
    finally:
        server.shutdown()
    assert done.graphs == _BasicStore.counts
    basic = "Basic " + b64encode(b"curator:s3cret").decode()
    puts = [auth for method, auth in _BasicStore.seen if method == "PUT"]
    # challenged once, then the credentials go with every request at once
    assert puts[:2] == ["", basic]
    assert puts[2 : len(_BasicStore.counts) + 1] == [basic] * (len(_BasicStore.counts) - 1)
