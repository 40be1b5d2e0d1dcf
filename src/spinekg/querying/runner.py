"""Run SPARQL on the embedded release or on any SPARQL 1.1 endpoint, one way for both.

A :class:`Runner` executes query text and answers with pyoxigraph's result objects: the
embedded store's own, or an endpoint's SPARQL 1.1 JSON parsed by pyoxigraph. Everything above
it (parameter resolution, catalog queries, ``explain``, ``localize``, the output formats) is
therefore the same code for the two, and an endpoint needs no local release.

Parameters are bound by :func:`bind`, the one binder: pyoxigraph's ``substitutions=`` is not
usable here (it only binds variables of the SELECT projection, and no endpoint has it).
"""

from __future__ import annotations

import http.client
import json
import re
import urllib.error
import urllib.parse
import weakref
from collections.abc import Iterable, Mapping
from typing import Protocol

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from spinekg.kernel.errors import QueryError, QuerySyntaxError
from spinekg.kernel.namespaces import PREFIXES, SPARQL_PROLOGUE
from spinekg.querying.guard import DEFAULT_LIMITS, OPAQUE, Limits, inspect

__all__ = [
    "Answer",
    "EmbeddedRunner",
    "RemoteRunner",
    "Runner",
    "Term",
    "bind",
    "checked_url",
    "kept",
    "solutions",
    "without_comments",
]

#: An RDF term a parameter is bound to.
Term = ox.NamedNode | ox.Literal
#: What a query answers: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE).
Answer = ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple]


class Runner(Protocol):
    """Something that executes SPARQL query text and answers with pyoxigraph results."""

    #: Where the answers come from, for messages ("the release in dist/", an endpoint URL).
    where: str

    def execute(self, sparql: str) -> Answer:
        """Run ``sparql`` (the project's prefixes are declared) over every named graph.

        :raises QueryError: for invalid SPARQL, or an endpoint that fails or cannot be reached.
        """


class EmbeddedRunner:
    """Queries on a pyoxigraph store's default graph.

    :func:`spinekg.querying.store.open_store` makes that graph the union of the release's
    named graphs, each triple once; ``GRAPH`` patterns still reach every named graph.

    Every query passes :func:`spinekg.querying.guard.inspect` first: one that would crash the
    engine, or call a ``SERVICE`` not listed in ``limits``, is refused with a message.
    """

    def __init__(
        self, store: ox.Store, where: str = "the embedded store", limits: Limits = DEFAULT_LIMITS
    ) -> None:
        """Run on ``store``; ``where`` names it in messages."""
        self.store = store
        self.where = where
        self.limits = limits

    def execute(self, sparql: str) -> Answer:
        """Run ``sparql`` on the store.

        :raises QueryRefusedError: if the guard refuses it.
        """
        inspect(sparql, self.limits)
        try:
            return self.store.query(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QuerySyntaxError(f"invalid SPARQL: {exc}") from None


class RemoteRunner:
    """Queries sent to a SPARQL 1.1 endpoint through SPARQLWrapper (POST, form-encoded).

    SELECT and ASK answers are requested as SPARQL 1.1 JSON and parsed by pyoxigraph, so they
    serialise to the same bytes as the embedded store's; CONSTRUCT and DESCRIBE as Turtle.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        timeout: float = 30.0,
        user: str | None = None,
        password: str | None = None,
        token: str | None = None,
    ) -> None:
        """Send queries to ``endpoint``, waiting at most ``timeout`` seconds for each.

        ``user`` and ``password`` authenticate with HTTP basic auth, else ``token`` as a bearer.

        :raises QueryError: if ``endpoint`` is not an http(s) URL.
        """
        self.endpoint = checked_url(endpoint)
        self.where = endpoint
        self.timeout = timeout
        self.user = user
        self.password = password
        self.token = token

    def execute(self, sparql: str) -> Answer:
        """Run ``sparql`` on the endpoint."""
        wrapper = SPARQLWrapper(self.endpoint)
        # SPARQLWrapper reads the query's form from its words, comments included ("foot drop"
        # in a header comment made it send a query as a DROP update): send no comments.
        wrapper.setQuery(SPARQL_PROLOGUE + without_comments(sparql))
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setTimeout(int(max(1, self.timeout)))
        if self.user:
            wrapper.setCredentials(self.user, self.password or "")
        elif self.token:
            wrapper.addCustomHttpHeader("Authorization", f"Bearer {self.token}")
        graph_answer = wrapper.queryType in ("CONSTRUCT", "DESCRIBE")
        wrapper.setReturnFormat(TURTLE if graph_answer else JSON)
        try:
            body = wrapper.query().response.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            reason = getattr(exc, "reason", exc)
            raise QueryError(
                f"cannot reach the SPARQL endpoint {self.endpoint}: {reason}"
            ) from None
        except (http.client.HTTPException, OSError) as exc:
            raise QueryError(
                f"{self.endpoint} did not answer as a web server does ({type(exc).__name__}: {exc})"
            ) from None
        except SPARQLWrapperException as exc:
            raise QueryError(f"the endpoint {self.endpoint} answered an error: {exc}") from None
        try:
            if graph_answer:
                return [quad.triple for quad in ox.parse(body, format=ox.RdfFormat.TURTLE)]
            json.loads(body)  # a clearer message than the results parser's for an HTML page
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"{self.endpoint} did not return a SPARQL result: {exc}") from None


def checked_url(url: str, option: str = "--endpoint") -> str:
    """``url``, if it is an http(s) URL that a request can be sent to.

    >>> checked_url("http://[::1")
    Traceback (most recent call last):
    ...
    spinekg.kernel.errors.QueryError: --endpoint 'http://[::1' is not a valid URL: Invalid IPv6 URL

    :raises QueryError: naming the option and what is wrong with the URL.
    """
    example = "such as http://127.0.0.1:7878/query"
    if not url.strip():
        raise QueryError(f"{option} is empty; expected an http(s) URL {example}")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise QueryError(f"{option} {url!r} contains spaces or control characters")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (a port out of range raises here)
    except ValueError as exc:
        raise QueryError(f"{option} {url!r} is not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise QueryError(f"{option} {url!r} is not an http(s) URL {example}")
    return url


def solutions(runner: Runner, sparql: str) -> ox.QuerySolutions:
    """The solutions of a SELECT query.

    :raises QueryError: if the query is not a SELECT.
    """
    answer = runner.execute(sparql)
    if not isinstance(answer, ox.QuerySolutions):
        raise QueryError("a SELECT query was expected")
    return answer


_KEPT: weakref.WeakKeyDictionary[object, dict[str, object]] = weakref.WeakKeyDictionary()


def kept(runner: Runner) -> dict[str, object]:
    """Answers worth keeping for ``runner`` while it lives.

    One dictionary per runner (the reader's vocabulary, the lesions of ``localize``); a runner
    that cannot be weakly referenced gets an empty one each time and keeps nothing.
    """
    try:
        return _KEPT.setdefault(runner, {})
    except TypeError:
        return {}


_TOKEN = re.compile(r"[{}]|\b(?:SELECT|WHERE)\b|[?$](?P<var>[A-Za-z0-9_]+)", re.IGNORECASE)


def without_comments(sparql: str) -> str:
    r"""The query text without its ``#`` comments (``#`` inside IRIs and strings stays).

    >>> without_comments('#+ title: foot drop\nSELECT ?s WHERE { ?s ?p "#1" } # end')
    '\nSELECT ?s WHERE { ?s ?p "#1" } '
    """
    return OPAQUE.sub(lambda m: "" if m.group().startswith("#") else m.group(), sparql)


def bind(sparql: str, terms: Mapping[str, Term]) -> str:
    r"""Bind each variable to a validated RDF term: the one way parameters reach a query.

    The term replaces the variable inside the query's groups (a constant reaches nested groups
    and property paths, which engines then evaluate from a bound end: ``causal_chain`` 30 ms
    with a ``VALUES`` block, under 15 ms this way), and a trailing ``VALUES`` clause binds the
    variable itself, so a query that projects, orders or groups by a parameter still sees its
    value. A subquery's projection keeps the variable. The terms are RDF terms in N-Triples
    form (pyoxigraph escapes literals), each one lexical token, so a value can never change
    the query's structure.

    >>> bind('SELECT ?s ?o WHERE { ?s ?p ?o }', {"o": ox.Literal('x" } DROP ALL #')})
    'SELECT ?s ?o WHERE { ?s ?p "x\\" } DROP ALL #" }\nVALUES (?o) { ("x\\" } DROP ALL #") }'
    """
    if not terms:
        return sparql
    masked = OPAQUE.sub(lambda m: " " * len(m.group()), sparql)
    pieces: list[str] = []
    last = depth = 0
    projection = False
    for token in _TOKEN.finditer(masked):
        text = token.group().upper()
        if text == "{":
            depth += 1
            projection = False
        elif text == "}":
            depth -= 1
        elif text == "SELECT":
            projection = depth > 0
        elif text == "WHERE":
            projection = False
        elif token["var"] in terms and depth > 0 and not projection:
            pieces += [sparql[last : token.start()], str(terms[token["var"]])]
            last = token.end()
    names = " ".join(f"?{name}" for name in terms)
    values = " ".join(str(term) for term in terms.values())
    return "".join(pieces) + sparql[last:] + f"\nVALUES ({names}) {{ ({values}) }}"
