"""Publish a release into any triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of ``spinekg.nq`` is sent with ``PUT ?graph=<iri>`` (which replaces what the
store had in that graph), graphs of an earlier release that this one no longer has are deleted
(only graphs under spinekg's own graph namespace), then the triples of every graph are counted
through the store's query endpoint and compared with the manifest. PUT is idempotent, so
re-running a publish that failed half-way repairs it; the error names the graphs already
replaced and those not.
"""

from __future__ import annotations

import json
import os
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from spinekg.kernel.errors import (
    QueryError,
    ReleaseDamagedError,
    ReleaseNotFoundError,
    SpineKGError,
)
from spinekg.kernel.namespaces import GRAPH
from spinekg.kernel.release_files import MANIFEST
from spinekg.querying.runner import RemoteRunner, checked_url, solutions
from spinekg.querying.store import open_store

__all__ = ["PublishError", "Published", "publish"]

#: Environment variable holding a bearer token for stores that want one.
TOKEN_VARIABLE = "SPINEKG_TOKEN"


class PublishError(SpineKGError):
    """A publish that did not complete; it says which graphs were replaced and which were not."""


@dataclass
class Published:
    """What a publish did: triples per graph, verified on the query endpoint."""

    graphs: dict[str, int] = field(default_factory=dict)
    #: Graphs of an earlier release, no longer in this one, that were removed from the store.
    removed: list[str] = field(default_factory=list)


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
    checked_url(graph_store, "--graph-store")
    checked_url(endpoint)
    expected = _graphs(release)
    store = open_store(release)
    done: list[str] = []
    with httpx.Client(auth=_auth(user, password), timeout=timeout) as client:
        for graph in sorted(expected):
            body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
            try:
                client.put(
                    graph_store,
                    params={"graph": graph},
                    content=body,
                    headers={"Content-Type": "application/n-triples"},
                ).raise_for_status()
            except httpx.HTTPError as exc:
                pending = [g for g in sorted(expected) if g not in done]
                raise PublishError(
                    f"publishing {graph} to {graph_store} failed ({exc}); replaced "
                    f"{len(done)} graph(s){': ' + ', '.join(done) if done else ''}; not replaced "
                    f"{len(pending)} graph(s), from {pending[0]}. Re-running the publish is safe."
                ) from None
            done.append(graph)
        token = None if user else os.environ.get(TOKEN_VARIABLE)
        runner = RemoteRunner(endpoint, timeout=timeout, user=user, password=password, token=token)
        counts = _counts(runner)
        stale = sorted(g for g in counts if g.startswith(str(GRAPH)) and g not in expected)
        for graph in stale:  # a graph of an earlier release that this one no longer has
            try:
                client.delete(graph_store, params={"graph": graph}).raise_for_status()
            except httpx.HTTPError as exc:
                raise PublishError(
                    f"every graph was replaced, but {graph}, no longer in the release, could "
                    f"not be removed from {graph_store} ({exc}). Re-running the publish is safe."
                ) from None
        counts = {g: n for g, n in counts.items() if g not in stale}
    wrong = {g: (counts.get(g, 0), n) for g, n in expected.items() if counts.get(g, 0) != n}
    if wrong:
        raise PublishError(
            "every graph was sent, but the store now counts differently (store, release): "
            + ", ".join(f"{g} {have}/{want}" for g, (have, want) in sorted(wrong.items()))
        )
    return Published({g: counts[g] for g in expected}, stale)


def _graphs(release: Path) -> dict[str, int]:
    """The triples per named graph that the release's manifest lists.

    :raises ReleaseNotFoundError: if there is no manifest.
    :raises ReleaseDamagedError: if it cannot be read as a spinekg manifest.
    """
    path = release / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReleaseNotFoundError(f"no release in {release}/; run `spinekg build` first") from None
    except (OSError, ValueError) as exc:
        raise ReleaseDamagedError(f"{path} cannot be read ({exc}); rebuild the release") from None
    graphs = manifest.get("graphs") if isinstance(manifest, dict) else None
    if not isinstance(graphs, dict) or not all(
        isinstance(n, int) and isinstance(g, str) and g.startswith(("http://", "https://"))
        for g, n in graphs.items()
    ):
        raise ReleaseDamagedError(
            f"{path} does not list the release's graphs as {{graph IRI: triples}}; "
            "rebuild the release"
        )
    return graphs


class _Bearer(httpx.Auth):
    """``Authorization: Bearer <token>`` on every request."""

    def __init__(self, token: str) -> None:
        """Send ``token``."""
        self.token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Add the header."""
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


def _auth(user: str | None, password: str | None) -> httpx.Auth | None:
    if user:
        return httpx.BasicAuth(user, password or "")
    token = os.environ.get(TOKEN_VARIABLE)
    return _Bearer(token) if token else None


_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _counts(runner: RemoteRunner) -> dict[str, int]:
    try:
        return {
            graph.value: int(count.value)
            for s in solutions(runner, _COUNTS)
            if (graph := s["g"]) is not None and (count := s["n"]) is not None
        }
    except QueryError as exc:
        raise PublishError(f"the graphs were sent but could not be counted: {exc}") from None
