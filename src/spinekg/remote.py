"""Run catalog queries on any SPARQL 1.1 endpoint through SPARQLWrapper.

Parameters are resolved on the embedded release (labels, synonyms, CURIEs) into RDF terms and
sent in a ``VALUES`` block, so a value can never change the query's structure. Results come
back as SPARQL 1.1 JSON and are turned into the same rows the embedded runner gives.
"""

from __future__ import annotations

import json
import statistics
import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from spinekg.errors import QueryError
from spinekg.namespaces import PREFIXES
from spinekg.queries import Query, bind, get_query, load_catalog, resolve, resolve_params, rows

__all__ = ["catalog_rows", "remote_rows", "remote_select", "run_load"]

PREAMBLE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def remote_select(
    endpoint: str,
    query: Query | str,
    params: dict[str, str],
    *,
    store: ox.Store,
    timeout: float = 30.0,
) -> dict[str, Any]:
    """The SPARQL 1.1 JSON results of a catalog query run on ``endpoint``.

    :param store: the embedded release, used to resolve parameter values into RDF terms.
    :raises QueryError: unreachable endpoint, an error answer, a timeout, or a reply that is
        not a SPARQL result.
    """
    q = get_query(query) if isinstance(query, str) else query
    terms = resolve_params(store, q, params)
    body = "\n".join(
        line for line in bind(q.text, terms).splitlines() if not line.lstrip().startswith("#+")
    )
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setQuery(PREAMBLE + body)
    wrapper.setMethod(POST)
    wrapper.setRequestMethod(URLENCODED)
    wrapper.setReturnFormat(JSON)
    wrapper.setTimeout(int(max(1, timeout)))
    try:
        result = wrapper.query().convert()
    except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise QueryError(f"cannot reach the SPARQL endpoint {endpoint}: {reason}") from None
    except SPARQLWrapperException as exc:
        raise QueryError(f"the endpoint {endpoint} answered an error: {exc}") from None
    except (json.JSONDecodeError, ValueError) as exc:
        raise QueryError(f"{endpoint} did not return a SPARQL result: {exc}") from None
    if not isinstance(result, dict) or "results" not in result or "head" not in result:
        raise QueryError(f"{endpoint} did not return SPARQL 1.1 JSON results")
    return result


def catalog_rows(
    store: ox.Store, query: Query | str, params: dict[str, str], endpoint: str | None = None
) -> list[dict[str, str]]:
    """Rows of a catalog query from ``endpoint`` if given, else from the embedded ``store``."""
    if endpoint:
        return remote_rows(endpoint, query, params, store=store)
    return rows(store, query, **params)


def remote_rows(
    endpoint: str,
    query: Query | str,
    params: dict[str, str],
    *,
    store: ox.Store,
    timeout: float = 30.0,
) -> list[dict[str, str]]:
    """Rows of a remote catalog query as {variable: value}, like :func:`spinekg.queries.rows`."""
    result = remote_select(endpoint, query, params, store=store, timeout=timeout)
    return [
        {name: cell["value"] for name, cell in binding.items()}
        for binding in result["results"]["bindings"]
    ]


def run_load(endpoint: str, store: ox.Store, clients: int, per_client: int) -> dict[str, float]:
    """Run ``clients`` x ``per_client`` catalog queries concurrently; latency and errors."""
    catalog = list(load_catalog().values())
    params = [
        {p.name: resolve(store, p.example, p.type, name=p.name).value for p in q.params}
        for q in catalog
    ]

    def client(number: int) -> tuple[list[float], int]:
        latencies, errors = [], 0
        for i in range(per_client):
            k = (number + i) % len(catalog)
            started = time.perf_counter()
            try:
                remote_select(endpoint, catalog[k], params[k], store=store, timeout=30)
            except QueryError:
                errors += 1
            latencies.append((time.perf_counter() - started) * 1000)
        return latencies, errors

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(client, range(clients)))
    elapsed = time.perf_counter() - started
    latencies = sorted(ms for lat, _ in results for ms in lat)
    return {
        "clients": clients,
        "queries": len(latencies),
        "errors": sum(e for _, e in results),
        "seconds": round(elapsed, 2),
        "qps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1),
    }
