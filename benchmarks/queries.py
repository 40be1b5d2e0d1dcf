"""Latency of every catalog query on the built graph: end to end, engine, and rdflib.

Each query runs with the example values of its parameters, ``--runs`` times:

- **end to end**: as a user calls it, ``spinekg.rows(runner, id, disc="L4-L5", ...)``, the
  names resolved to entities on every call, the answer converted to Python rows;
- **engine**: the query with its terms already bound, on the embedded pyoxigraph store;
- **rdflib**: the same bound text on rdflib's in-memory store (``Dataset(default_union=True)``)
  loaded from the same release, in the same run.

Writes ``benchmarks/results/queries.md`` and ``queries.json``.

    make bench        # or: .venv/bin/python benchmarks/queries.py [--dist dist] [--runs 50]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import time
from pathlib import Path

from rdflib import Dataset

from spinekg.kernel.namespaces import PREFIXES, SPARQL_PROLOGUE
from spinekg.queries import load_catalog
from spinekg.querying.catalog import rows as catalog_rows
from spinekg.querying.resolve import resolve_params
from spinekg.querying.runner import bind
from spinekg.querying.store import embedded

RESULTS = Path(__file__).parent / "results"


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0-1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _rdflib_timings(
    dataset: Dataset, text: str, runs: int, timeout: float
) -> tuple[list[float], int | None]:
    """Run the query on rdflib in a forked process per run, giving up after ``timeout`` s."""
    context = multiprocessing.get_context("fork")
    timings: list[float] = []
    rows = None
    for _ in range(runs):
        queue: multiprocessing.Queue[tuple[float, int]] = context.Queue()
        worker = context.Process(target=_rdflib_once, args=(dataset, text, queue))
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            worker.terminate()
            worker.join()
            return [], None
        if worker.exitcode != 0:  # rdflib raised (e.g. an unbound variable in GROUP_CONCAT)
            return [], None
        elapsed, rows = queue.get(timeout=5)
        timings.append(elapsed)
    return timings, rows


def _rdflib_once(dataset: Dataset, text: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    started = time.perf_counter()
    try:
        count = len(list(dataset.query(text)))
    except Exception:  # reported as "failed" by the parent: rdflib's own limitation
        raise SystemExit(1) from None
    queue.put(((time.perf_counter() - started) * 1000, count))


def main() -> None:
    """Time every catalog query on both stores and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--rdflib-runs", type=int, default=3)
    parser.add_argument(
        "--timeout", type=float, default=20.0, help="seconds before an rdflib run is given up"
    )
    args = parser.parse_args()
    runner = embedded(args.dist)
    store = runner.store
    dataset = Dataset(default_union=True)
    dataset.parse(args.dist / "spinekg.nq", format="nquads")
    rows = []
    for query in load_catalog().values():
        values = resolve_params(runner, query, {p.name: p.example for p in query.params})
        text = bind(query.text, values)
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            answer = list(store.query(text, prefixes=PREFIXES))
            timings.append((time.perf_counter() - started) * 1000)
        examples = {p.name: p.example for p in query.params}
        end_to_end = []
        for _ in range(args.runs):
            started = time.perf_counter()
            catalog_rows(runner, query, **examples)
            end_to_end.append((time.perf_counter() - started) * 1000)
        slow, slow_rows = _rdflib_timings(
            dataset, SPARQL_PROLOGUE + text, args.rdflib_runs, args.timeout
        )
        median, p95 = statistics.median(timings), percentile(timings, 0.95)
        rdflib_median = statistics.median(slow) if slow else float("nan")
        rows.append(
            {
                "query": query.id,
                "rows": len(answer),
                "end_to_end_median_ms": round(statistics.median(end_to_end), 2),
                "end_to_end_p95_ms": round(percentile(end_to_end, 0.95), 2),
                "rdflib_rows": slow_rows,
                "median_ms": round(median, 2),
                "p95_ms": round(p95, 2),
                "rdflib_median_ms": round(rdflib_median, 1),
                "rdflib_p95_ms": round(percentile(slow, 0.95), 1) if slow else None,
                "ratio": round(rdflib_median / median, 1) if slow and median else None,
            }
        )
        print(
            f"{query.id:32} {rows[-1]['end_to_end_median_ms']:7.2f} ms end to end, "
            f"{median:7.2f} ms engine (p95 {p95:6.2f})  rdflib {rdflib_median:9.1f} ms"
            f"  x{rows[-1]['ratio']}  rows {len(answer)}/{slow_rows}"
        )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "queries.json").write_text(json.dumps(rows, indent=2) + "\n")
    lines = [
        "# Catalog query latency",
        "",
        "Every catalog query with the example values of its parameters, "
        f"{args.runs} runs (rdflib {args.rdflib_runs}); regenerate with `make bench`.",
        "",
        "- **end to end**: `spinekg.rows(runner, id, **params)` as a user calls it: the names "
        "resolved to entities (through the store's name index), the query bound and run, the "
        "answer turned into Python rows;",
        "- **engine**: the same query with its terms already bound, on the embedded "
        "pyoxigraph store;",
        "- **rdflib**: the bound query on rdflib's in-memory store, loaded from the same "
        "release; the ratio is rdflib's median over the engine's.",
        "",
        "| query | rows | end to end median ms | end to end p95 ms | engine median ms "
        "| engine p95 ms | rdflib median ms | rdflib p95 ms | ratio |",
        "|---|---|---|---|---|---|---|---|---|",
        *(
            f"| {r['query']} | {r['rows']} | {r['end_to_end_median_ms']} | "
            f"{r['end_to_end_p95_ms']} | {r['median_ms']} | {r['p95_ms']} | "
            f"{r['rdflib_median_ms'] if r['ratio'] else 'timeout or error'} | "
            f"{r['rdflib_p95_ms'] or '-'} | "
            f"{r['ratio'] or '-'} |"
            for r in rows
        ),
    ]
    (RESULTS / "queries.md").write_text("\n".join(lines) + "\n")
    print(f"-> {RESULTS / 'queries.md'}")


if __name__ == "__main__":
    main()
