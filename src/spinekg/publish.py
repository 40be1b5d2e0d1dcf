"""Publish a release into any triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of ``spinekg.nq`` is sent with ``PUT ?graph=<iri>`` (which replaces what the
store had in that graph), then the triples of every graph are counted through the store's query
endpoint and compared with the manifest. PUT is idempotent, so re-running a publish that failed
half-way repairs it; the error names the graphs already replaced and those not.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper

from spinekg.errors import SpineKGError
from spinekg.store import open_store

__all__ = ["PublishError", "Published", "publish"]

#: Environment variable holding a bearer token for stores that want one.
TOKEN_VARIABLE = "SPINEKG_TOKEN"


class PublishError(SpineKGError):
    """A publish that did not complete; it says which graphs were replaced and which were not."""


@dataclass
class Published:
    """What a publish did: triples per graph, verified on the query endpoint."""

    graphs: dict[str, int] = field(default_factory=dict)


def publish(
    release_dir: str | os.PathLike[str],
    *,
    graph_store: str,
    endpoint: str,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 120.0,
) -> Published:
    """Replace each named graph of the release in the store, then verify the counts.

    :param graph_store: the Graph Store Protocol URL (Oxigraph ``/store``, Fuseki
        ``/<dataset>/data``, GraphDB ``/repositories/<id>/rdf-graphs/service``, Virtuoso
        ``/sparql-graph-crud-auth``).
    :param endpoint: the SPARQL query URL used to verify the upload.
    :raises PublishError: naming the graphs replaced and not replaced, or the counts that differ.
    """
    release = Path(release_dir)
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    expected: dict[str, int] = manifest["graphs"]
    store = open_store(release)
    headers = {"Content-Type": "application/n-triples"}
    headers.update(_auth(user, password))
    done: list[str] = []
    for graph in sorted(expected):
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        url = f"{graph_store}?{urllib.parse.urlencode({'graph': graph})}"
        request = urllib.request.Request(url, data=body, headers=headers, method="PUT")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                answer.read()
        except (urllib.error.URLError, OSError) as exc:
            pending = [g for g in sorted(expected) if g not in done]
            reason = getattr(exc, "reason", exc)
            raise PublishError(
                f"publishing {graph} to {graph_store} failed ({reason}); replaced "
                f"{len(done)} graph(s){': ' + ', '.join(done) if done else ''}; not replaced "
                f"{len(pending)} graph(s), from {pending[0]}. Re-running the publish is safe."
            ) from None
        done.append(graph)
    counts = _counts(endpoint, user, password, timeout)
    wrong = {g: (counts.get(g, 0), n) for g, n in expected.items() if counts.get(g, 0) != n}
    if wrong:
        raise PublishError(
            "every graph was sent, but the store now counts differently (store, release): "
            + ", ".join(f"{g} {have}/{want}" for g, (have, want) in sorted(wrong.items()))
        )
    return Published({g: counts[g] for g in expected})


def _auth(user: str | None, password: str | None) -> dict[str, str]:
    if user:
        pair = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        return {"Authorization": f"Basic {pair}"}
    token = os.environ.get(TOKEN_VARIABLE)
    return {"Authorization": f"Bearer {token}"} if token else {}


def _counts(
    endpoint: str, user: str | None, password: str | None, timeout: float
) -> dict[str, int]:
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    wrapper.setReturnFormat(JSON)
    wrapper.setMethod(POST)
    wrapper.setRequestMethod(URLENCODED)
    wrapper.setTimeout(int(timeout))
    if user:
        wrapper.setCredentials(user, password or "")
    try:
        result = wrapper.query().convert()
    except Exception as exc:
        raise PublishError(
            f"the graphs were sent but could not be counted at {endpoint}: {exc}"
        ) from None
    assert isinstance(result, dict)
    return {b["g"]["value"]: int(b["n"]["value"]) for b in result["results"]["bindings"]}
