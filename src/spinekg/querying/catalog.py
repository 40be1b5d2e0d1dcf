"""Run catalog queries (or a user's ``.rq`` file): parameters resolved, bound, executed.

>>> import pyoxigraph as ox
>>> list(run(EmbeddedRunner(ox.Store()), "muscles_weakened_by_root", root="L5"))
Traceback (most recent call last):
...
spinekg.kernel.errors.QueryError: unknown root 'L5' (no spine:SpinalNerveRoot in the embedded store)
"""

from __future__ import annotations

import pyoxigraph as ox

from spinekg.kernel.errors import QueryError, QuerySyntaxError
from spinekg.queries import Query, get_query
from spinekg.querying.resolve import Value, resolve_params
from spinekg.querying.runner import Answer, EmbeddedRunner, Runner, bind

__all__ = ["EmbeddedRunner", "Row", "rows", "run"]

#: One solution as ``{variable: value}``; unbound variables are left out.
Row = dict[str, str]


def run(runner: Runner, query: Query | str, **params: Value) -> Answer:
    """Run a catalog query (by id or ``.rq`` path) with its parameters bound as RDF terms.

    :raises QueryError: for an unknown query, a missing, unexpected or unresolvable parameter,
        invalid SPARQL (naming the file), or an endpoint that fails.
    """
    q = get_query(query) if isinstance(query, str) else query
    terms = resolve_params(runner, q, params)
    try:
        return runner.execute(bind(q.text, terms))
    except QuerySyntaxError as exc:
        raise QuerySyntaxError(f"{q.path}: {exc}") from None


def rows(runner: Runner, query: Query | str, **params: Value) -> list[Row]:
    """The rows of a SELECT query, as ``{variable: value}``.

    :raises QueryError: as :func:`run`, and for a query that is not a SELECT.
    """
    answer = run(runner, query, **params)
    if not isinstance(answer, ox.QuerySolutions):
        raise QueryError("rows() needs a SELECT query")
    names = [v.value for v in answer.variables]
    return [
        {name: term.value for name in names if (term := solution[name]) is not None}
        for solution in answer
    ]
