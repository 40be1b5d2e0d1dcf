"""Publish a release into any triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of ``spinekg.nq`` is sent with ``PUT ?graph=<iri>`` (which replaces what the
store had in that graph), graphs of an earlier release that this one no longer has are deleted
(only graphs under spinekg's own graph namespace), then the triples of every graph are counted
through the store's query endpoint and compared with the manifest. PUT is idempotent, so
re-running a publish that failed half-way repairs it; the error names the graphs already
replaced and those not, and says why in one line (a refused write: which account to give).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from spinekg.kernel.corpus_files import corpus_shards
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
    claims: Sequence[Path] = (),
) -> Published:
    """Replace each named graph of the release in the store, then verify the counts.

    :param graph_store: the Graph Store Protocol URL (Oxigraph ``/store``, Fuseki
        ``/<dataset>/data``, GraphDB ``/repositories/<id>/rdf-graphs/service``, Virtuoso
        ``/sparql-graph-crud-auth``).
    :param endpoint: the SPARQL query URL used to verify the upload.
    :param user: an account that may write, with ``password``: sent by HTTP digest or basic
        authentication, as the store's challenge asks (Virtuoso asks for digest); without one,
        a bearer token from ``SPINEKG_TOKEN`` if set.
    :param claims: folders of a corpus's claims (``spinekg extract --out``) published beside
        the release, one graph per shard (the store then holds the release and these corpora:
        a later publish without them removes their graphs).
    :raises PublishError: naming the graphs replaced and not replaced, or the counts that differ.
    :raises CuratedDataError: when a corpus is incomplete or a shard changed since extraction.
    """
    release = Path(release_dir)
    checked_url(graph_store, "--graph-store")
    checked_url(endpoint)
    expected = _graphs(release)
    shards = {s.graph: s for folder in claims for s in corpus_shards(folder)}
    expected |= {graph: shard.triples for graph, shard in shards.items()}
    store = open_store(release)
    done: list[str] = []
    with httpx.Client(auth=_auth(user, password), timeout=timeout) as client:
        for graph in sorted(expected):
            body = (
                shards[graph].ntriples()
                if graph in shards
                else store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
            )
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
                    f"publishing {graph} to {graph_store} failed ({_why(exc, user)}); replaced "
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
                    f"every graph was replaced, but {graph}, no longer in the release, could not "
                    f"be removed from {graph_store} ({_why(exc, user)}). Re-running the publish "
                    "is safe."
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


def _why(exc: httpx.HTTPError, user: str | None) -> str:
    """What went wrong with a request to the graph store, on one line.

    A refusal (``401``, ``403``) says what to give; another status, the server's own words (the
    text of its error page, shortened).
    """
    if not isinstance(exc, httpx.HTTPStatusError):
        return str(exc) or type(exc).__name__
    response = exc.response
    status = f"{response.status_code} {response.reason_phrase}".strip()
    if response.status_code == 401 and not user:
        return (
            f"{status}: the store takes writes only from an account; give --user and "
            f"--password (digest or basic authentication, as the store asks), or set "
            f"{TOKEN_VARIABLE} for a bearer token"
        )
    if response.status_code == 401:
        return f"{status}: the store did not accept user {user!r} with that password"
    said = " ".join(_TAGS.sub(" ", response.text).split())[:300]
    if response.status_code == 403:
        who = f"user {user!r}" if user else "an anonymous client"
        return f"{status}: the store does not let {who} write there" + (
            f" ({said})" if said else ""
        )
    return f"{status}: {said}" if said else status


#: Markup of an error page, and its title and heading (which repeat the status).
_TAGS = re.compile(r"<(title|h1)>.*?</\1>|<[^>]*>", re.IGNORECASE | re.DOTALL)


class _Bearer(httpx.Auth):
    """``Authorization: Bearer <token>`` on every request."""

    def __init__(self, token: str) -> None:
        """Send ``token``."""
        self.token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Add the header."""
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


class Challenged(httpx.Auth):
    """Answer the server's challenge: HTTP digest if it asks for Digest, else basic.

    The first request goes without credentials; a ``401`` whose ``WWW-Authenticate`` names
    ``Digest`` (Virtuoso's ``/sparql-graph-crud-auth``) is answered through httpx's
    :class:`httpx.DigestAuth`, which then signs every later request with the server's nonce; one
    that names ``Basic``, or none (a bare ``401`` or ``403``), is answered with basic
    authentication, which is then sent at once on every later request. Any other scheme leaves
    the refusal to the caller.
    """

    requires_request_body = True  # the body is sent again with the credentials

    def __init__(self, user: str, password: str) -> None:
        """Authenticate as ``user``."""
        self.user = user
        self.password = password
        self.scheme: str | None = None  # "digest" or "basic", once the server has said
        self.digest = httpx.DigestAuth(user, password)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Send ``request``, and again with credentials if the server challenges it."""
        if self.scheme == "digest":
            yield from self.digest.auth_flow(request)
            return
        if self.scheme == "basic":
            yield from httpx.BasicAuth(self.user, self.password).auth_flow(request)
            return
        response = yield request
        if response.status_code not in (401, 403):  # some stores refuse strangers with a 403
            return
        challenges = response.headers.get_list("www-authenticate")
        schemes = [c.split(None, 1)[0].lower() for c in challenges if c.strip()]
        if "digest" in schemes:
            self.scheme = "digest"
            flow = self.digest.auth_flow(request)
            next(flow)  # the request as it went first, without credentials
            try:  # DigestAuth reads the challenge from the 401 already in hand
                response = yield flow.send(response)
                while True:
                    response = yield flow.send(response)
            except StopIteration:
                return
        if "basic" in schemes or not schemes:
            self.scheme = "basic"
            yield from httpx.BasicAuth(self.user, self.password).auth_flow(request)


def _auth(user: str | None, password: str | None) -> httpx.Auth | None:
    if user:
        return Challenged(user, password or "")
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
