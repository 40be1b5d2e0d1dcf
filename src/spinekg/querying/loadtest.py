"""A bounded load on an endpoint: concurrent clients running the catalog's example queries."""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor

from spinekg.kernel.errors import QueryError
from spinekg.queries import load_catalog
from spinekg.querying.catalog import run
from spinekg.querying.resolve import resolve_params
from spinekg.querying.runner import RemoteRunner

__all__ = ["run_load"]


def run_load(endpoint: str, clients: int, per_client: int) -> dict[str, float]:
    """Run ``clients`` x ``per_client`` catalog queries concurrently; latency and errors.

    Each query gets its header's example values, resolved once on the endpoint beforehand.
    """
    runner = RemoteRunner(endpoint, timeout=30)
    catalog = list(load_catalog().values())
    params = [resolve_params(runner, q, {p.name: p.example for p in q.params}) for q in catalog]

    def client(number: int) -> tuple[list[float], int]:
        latencies, errors = [], 0
        for i in range(per_client):
            k = (number + i) % len(catalog)
            started = time.perf_counter()
            try:
                run(runner, catalog[k], **params[k])
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
