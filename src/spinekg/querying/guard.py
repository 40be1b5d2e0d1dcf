"""Refuse SPARQL that would crash or misuse the engine, before the engine sees it.

Oxigraph's parser and planner recurse once per nesting level and once per element of a chain
(triple patterns, ``;`` and ``,`` lists, path steps, ``+`` and ``&&`` chains, ``!`` prefixes),
so a few kilobytes of brackets or a long chain overflow the stack and kill the process that
runs the query (measured with pyoxigraph 0.5: 3,000 nested braces, 10,000 nested
parentheses, a chain of 8,000 ``+`` or 9,000 triple patterns). :func:`inspect` counts nesting
depth and chain elements on the query text with a small lexer, and refuses a query over the
limits with a message that says which limit and by how much; the limits sit far below where
the engine fails and far above what a person writes (the deepest catalog query nests 6 levels
and has 150 separators). ``SERVICE`` calls are refused unless their endpoint is allowed: a
store that follows any address a client names lets the client make requests from the
server's network.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from spinekg.kernel.errors import QueryError

__all__ = ["OPAQUE", "Limits", "QueryRefusedError", "inspect"]

#: SPARQL tokens that may hide a bracket, a keyword or a variable: comments, strings, IRIs.
OPAQUE = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>'
)
_NAME = r"[\w\u00b7\u00c0-\uffff]"
#: The lexemes of a query: opaque tokens, names (kept whole, dots and hyphens inside
#: included), numbers, brackets, and the operators and separators that form chains.
_LEXEME = re.compile(
    rf"(?P<opaque>{OPAQUE.pattern})"
    rf"|(?P<var>[?$]{_NAME}+)"
    rf"|(?P<name>(?:[A-Za-z\u00c0-\uffff](?:[\w\-.\u00b7\u00c0-\uffff]*[\w\-\u00b7\u00c0-\uffff])?)?"
    rf":(?:(?:[\w\-:%\\\u00b7\u00c0-\uffff]|\.(?=[\w\-:%]))*)"
    rf"|[A-Za-z_]{_NAME}*)"
    r"|(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
    r"|(?P<open>[({\[])|(?P<close>[)}\]])"
    r"|(?P<operator>&&|\|\||!=|<=|>=|\^\^|[.;,|/^!=<>+\-*])"
)
#: Keywords that join or chain graph patterns; each counts as one chain element.
_CHAINING = frozenset({"UNION", "OPTIONAL", "MINUS"})


class QueryRefusedError(QueryError):
    """The query is over a limit that protects the engine, or calls a service not allowed."""


@dataclass(frozen=True)
class Limits:
    """The largest query accepted, and the ``SERVICE`` endpoints a query may call."""

    #: Characters of query text.
    max_chars: int = 65_536
    #: Brackets (``{``, ``(`` and ``[``) open at once.
    max_depth: int = 64
    #: Operators, separators and pattern-joining keywords in the whole query.
    max_chain: int = 2_000
    #: ``SERVICE`` endpoints a query may call (none by default).
    services: Collection[str] = ()


DEFAULT_LIMITS = Limits()


def inspect(sparql: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse ``sparql`` if it is over ``limits`` or calls a ``SERVICE`` not allowed.

    >>> inspect("SELECT * WHERE { ?s ?p ?o FILTER(?o > 1.5) }")
    >>> inspect("SELECT * WHERE " + "{" * 100 + "}" * 100)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    spinekg.querying.guard.QueryRefusedError: the query nests brackets 100 deep; at most 64 ...

    :raises QueryRefusedError: naming the limit, the query's figure and the limit's value.
    """
    if len(sparql) > limits.max_chars:
        raise QueryRefusedError(
            f"the query is {len(sparql):,} characters long; at most {limits.max_chars:,} "
            "are accepted"
        )
    depth = deepest = chain = 0
    service: str | None = None  # the SERVICE keyword's text while its target is awaited
    for lexeme in _LEXEME.finditer(sparql):
        kind, text = lexeme.lastgroup, lexeme.group()
        if service is not None:
            if kind == "name" and text.upper() == "SILENT":
                continue
            if kind != "opaque" or text.startswith("<"):
                _check_service(text, limits.services)
                service = None
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth -= 1
        elif kind == "operator":
            chain += 1
        elif kind == "name" and text.upper() in _CHAINING:
            chain += 1
        elif kind == "name" and text.upper() == "SERVICE":
            service = text
    if deepest > limits.max_depth:
        raise QueryRefusedError(
            f"the query nests brackets {deepest:,} deep; at most {limits.max_depth} are "
            "accepted (deeper nesting can crash the SPARQL engine)"
        )
    if chain > limits.max_chain:
        raise QueryRefusedError(
            f"the query chains {chain:,} operators, separators and pattern joins (triple "
            f"patterns, path steps, expressions); at most {limits.max_chain:,} are accepted "
            "(longer chains can crash the SPARQL engine)"
        )


def _check_service(target: str, allowed: Collection[str]) -> None:
    """Refuse a ``SERVICE`` call unless ``target`` is an allowed endpoint's IRI."""
    if target.startswith("<") and target[1:-1] in allowed:
        return
    raise QueryRefusedError(
        f"the query calls SERVICE {target}: federated queries are off"
        + (f", except to {', '.join(sorted(allowed))}" if allowed else "")
    )
