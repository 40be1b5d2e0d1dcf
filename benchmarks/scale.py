"""How cost grows with the graph: 1M and 10M triples, three stores, and rdflib at 1M.

Grown graphs keep the release's shape: the ontology, the query catalog and the dataset
description once, and ``k`` renamed copies of everything else (every individual, claim,
evidence record and document under the spinekg namespace gets ``-copy<k>`` in its IRI, and its
labels, synonyms and notations a `` copy <k>`` suffix), so there are ``k`` times as many
scenarios, roots, muscles, claims, sentences and documents, each copy consistent with itself,
and the catalog's example names still name one entity each. The copies go into the same named
graphs as their originals.

For the release and each grown graph, in a fresh process each:

- **embedded** (in memory, what ``spinekg.embedded`` opens): load time (the N-Quads and the union
  default graph), peak memory, and every catalog query end to end through ``spinekg.rows``
  (names resolved, query run, rows built; median of ``--runs``);
- **on disk** (pyoxigraph's RocksDB store, loaded once): load time, and every catalog query the
  same way;
- **endpoint** (``spinekg serve`` on the grown release, 2 workers): start-up until it answers,
  and every catalog query through ``spinekg.rows`` on a ``RemoteRunner`` (HTTP included);
- **rdflib** at 1M only: load time and every catalog query (its own SPARQL engine, one run each,
  given up after ``--rdflib-timeout`` s), and its ratio to the embedded store.

Writes ``benchmarks/results/scale.json`` and ``scale.md``. Needs about 25 GB of free memory
for 10M (``--sizes 1000000`` for the 1M graph only).

    .venv/bin/python benchmarks/scale.py [--dist dist] [--sizes 1000000 10000000]
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from queue import Empty

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

RESULTS = Path(__file__).parent / "results"
BASE = "https://w3id.org/spinekg/"
#: Graphs kept once: the TBox, the catalog and the description of the dataset.
SINGLE = tuple(f"<{BASE}graph/{name}>" for name in ("ontology", "queries", "dataset"))
NAMES = (
    "<http://www.w3.org/2000/01/rdf-schema#label>",
    "<http://www.geneontology.org/formats/oboInOwl#hasExactSynonym>",
    "<http://www.w3.org/2004/02/skos/core#notation>",
    f"<{BASE}nameKey>",  # the folded names of graph/names ("copy 3" folds to itself)
)
_IRI = re.compile(r"<(https://w3id\.org/spinekg/[^>]*)>")


def grow(release: Path, target: int, out: Path) -> dict[str, int]:
    """Write into ``out`` a release grown by renamed copies to about ``target`` quads."""
    lines = (release / "spinekg.nq").read_text(encoding="utf-8").splitlines()
    ontology = [line for line in lines if line.endswith(f"{SINGLE[0]} .")]
    terms = {match for line in ontology for match in _IRI.findall(line.split(" ", 1)[0])}
    single = [line for line in lines if line.rsplit(" ", 2)[-2] in SINGLE]
    rest = [line for line in lines if line.rsplit(" ", 2)[-2] not in SINGLE]
    copies = max(1, math.ceil((target - len(single)) / len(rest)) - 1)
    out.mkdir(parents=True, exist_ok=True)

    def renamed(match: re.Match[str], k: int) -> str:
        iri = match.group(1)
        if iri in terms or iri.startswith(f"{BASE}graph/"):
            return match.group(0)
        return f"<{iri}-copy{k}>"

    with (out / "spinekg.nq").open("w", encoding="utf-8") as stream:
        for line in lines:
            stream.write(line + "\n")
        for k in range(1, copies + 1):
            for line in rest:
                copy = _IRI.sub(lambda m, k=k: renamed(m, k), line)  # type: ignore[misc]
                subject, predicate, rest_of_line = copy.split(" ", 2)
                if predicate in NAMES and rest_of_line.startswith('"'):
                    literal_end = rest_of_line.index('"', 1)
                    while rest_of_line[literal_end - 1] == "\\":
                        literal_end = rest_of_line.index('"', literal_end + 1)
                    rest_of_line = (
                        rest_of_line[:literal_end] + f" copy {k}" + rest_of_line[literal_end:]
                    )
                stream.write(f"{subject} {predicate} {rest_of_line}\n")
    shutil.copyfile(release / "manifest.json", out / "manifest.json")
    return {"copies": copies, "lines": len(lines) + copies * len(rest)}


def _examples() -> dict[str, dict[str, str]]:
    from spinekg.queries import load_catalog

    return {q.id: {p.name: p.example for p in q.params} for q in load_catalog().values()}


def _timed_queries(runner: object, runs: int) -> dict[str, float]:
    from spinekg.querying.catalog import rows

    timings: dict[str, float] = {}
    for query_id, params in _examples().items():
        rows(runner, query_id, **params)  # type: ignore[arg-type]
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            rows(runner, query_id, **params)  # type: ignore[arg-type]
            samples.append((time.perf_counter() - started) * 1000)
        timings[query_id] = round(statistics.median(samples), 2)
    return timings


def measure_embedded(release: str, runs: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """In a fresh process: load time, peak memory and the catalog on the in-memory store."""
    from spinekg.querying.store import embedded

    started = time.perf_counter()
    runner = embedded(release)
    load_s = time.perf_counter() - started
    quads = len(runner.store)
    memory_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(
        {
            "load_s": round(load_s, 2),
            "store_quads": quads,
            "peak_memory_mb": round(memory_mb),
            "queries_ms": _timed_queries(runner, runs),
        }
    )


def measure_on_disk(release: str, runs: int, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """In a fresh process: load into pyoxigraph's on-disk store, then the catalog."""
    import pyoxigraph as ox

    from spinekg.querying.runner import EmbeddedRunner
    from spinekg.querying.store import add_union_default_graph

    with tempfile.TemporaryDirectory(prefix="spinekg-scale-store-") as folder:
        started = time.perf_counter()
        store = ox.Store(folder)
        store.bulk_load(path=f"{release}/spinekg.nq", format=ox.RdfFormat.N_QUADS)
        add_union_default_graph(store)
        store.flush()
        load_s = time.perf_counter() - started
        runner = EmbeddedRunner(store, where="the on-disk store")
        queue.put({"load_s": round(load_s, 2), "queries_ms": _timed_queries(runner, runs)})
        del runner, store


def measure_endpoint(release: Path, runs: int) -> dict[str, object]:
    """Serve the release with 2 workers; start-up time, then the catalog over HTTP."""
    from spinekg.querying.runner import RemoteRunner
    from tests.servers import start_serve, stop

    started = time.perf_counter()
    options = ("--workers", "2", "--cache-mb", "0")
    base, server = start_serve(release, *options, ready_timeout=1800)
    ready_s = time.perf_counter() - started
    try:
        runner = RemoteRunner(f"{base}/query", timeout=120)
        return {"ready_s": round(ready_s, 2), "queries_ms": _timed_queries(runner, runs)}
    finally:
        stop(server)


def measure_rdflib(release: str, timeout: float, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """In a fresh process: rdflib's load time, and each catalog query once (or given up)."""
    from rdflib import Dataset

    from spinekg.kernel.namespaces import SPARQL_PROLOGUE
    from spinekg.queries import load_catalog
    from spinekg.querying.resolve import resolve_params
    from spinekg.querying.runner import bind
    from spinekg.querying.store import embedded

    runner = embedded(release)  # to resolve the example names once, outside the timing
    texts = {
        q.id: SPARQL_PROLOGUE
        + bind(q.text, resolve_params(runner, q, {p.name: p.example for p in q.params}))
        for q in load_catalog().values()
    }
    del runner
    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(f"{release}/spinekg.nq", format="nquads")
    load_s = time.perf_counter() - started
    context = multiprocessing.get_context("fork")
    timings: dict[str, float | None] = {}
    for query_id, text in texts.items():
        child = context.Process(target=_rdflib_once, args=(dataset, text))
        started = time.perf_counter()
        child.start()
        child.join(timeout)
        if child.is_alive():
            child.terminate()
            child.join()
            timings[query_id] = None
        else:
            elapsed = (time.perf_counter() - started) * 1000
            timings[query_id] = round(elapsed, 1) if child.exitcode == 0 else None
    queue.put({"load_s": round(load_s, 2), "queries_ms": timings})


def _rdflib_once(dataset: object, text: str) -> None:
    try:
        list(dataset.query(text))  # type: ignore[attr-defined]
    except Exception:  # reported as a failure by the parent: rdflib's own limitation
        raise SystemExit(1) from None


def _in_process(target: object, *args: object) -> dict[str, object]:
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[dict[str, object]] = context.Queue()
    process = context.Process(target=target, args=(*args, queue))  # type: ignore[arg-type]
    process.start()
    while True:
        try:
            result = queue.get(timeout=5)
            break
        except Empty:
            if not process.is_alive():
                raise RuntimeError(f"{process.name} ended without a result") from None
    process.join()
    return result


def main() -> None:
    """Grow the graphs, measure each store on each, and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--rdflib-timeout", type=float, default=20.0)
    args = parser.parse_args()
    # sizes measured before and not now keep their figures
    previous = RESULTS / "scale.json"
    report: dict[str, dict[str, object]] = (
        json.loads(previous.read_text()) if previous.exists() else {}
    )
    with tempfile.TemporaryDirectory(prefix="spinekg-scale-") as tmp:
        folders = {"release": args.dist}
        for size in args.sizes:
            started = time.perf_counter()
            folder = Path(tmp) / f"grown-{size}"
            shape = grow(args.dist, size, folder)
            print(f"grew {size:,}: {shape} in {time.perf_counter() - started:.0f} s", flush=True)
            folders[f"{size:,}"] = folder
        for name, folder in folders.items():
            entry: dict[str, object] = {}
            report[name] = entry
            entry["embedded"] = _in_process(measure_embedded, str(folder), args.runs)
            _save(report)
            print(name, "embedded", json.dumps(entry["embedded"])[:200], flush=True)
            entry["on disk"] = _in_process(measure_on_disk, str(folder), args.runs)
            _save(report)
            print(name, "on disk", json.dumps(entry["on disk"])[:200], flush=True)
            entry["endpoint"] = measure_endpoint(folder, args.runs)
            print(name, "endpoint", json.dumps(entry["endpoint"])[:200], flush=True)
            if name == "1,000,000":
                entry["rdflib"] = _in_process(measure_rdflib, str(folder), args.rdflib_timeout)
                print(name, "rdflib", json.dumps(entry["rdflib"])[:200], flush=True)
            _save(report)
    write_markdown(report, args)


def _save(report: dict[str, dict[str, object]]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(report, indent=2) + "\n")


def write_markdown(report: dict[str, dict[str, object]], args: argparse.Namespace) -> None:
    """One table per size (every catalog query on each store), and the growth of each."""
    lines = [
        "# How cost grows with the graph",
        "",
        "The release, and copies of it grown to each size (renamed copies of every individual, "
        "claim, evidence record and document; the ontology and catalog once): see "
        "`benchmarks/scale.py`. Every catalog query end to end through `spinekg.rows` (names "
        f"resolved, rows built), median of {args.runs} runs; rdflib one run, given up after "
        f"{args.rdflib_timeout:g} s. Regenerate with `.venv/bin/python benchmarks/scale.py`.",
        "",
        "| graph | quads in the store (named graphs, and their union as default graph) "
        "| embedded load s | peak memory MB | on-disk load s "
        "| endpoint ready s | slowest query: embedded / on disk / endpoint ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, entry in report.items():
        embedded, disk, endpoint = entry["embedded"], entry["on disk"], entry["endpoint"]
        assert isinstance(embedded, dict) and isinstance(disk, dict)
        assert isinstance(endpoint, dict)
        slowest = " / ".join(
            f"{max(store['queries_ms'].values())}" for store in (embedded, disk, endpoint)
        )
        lines.append(
            f"| {name} | {embedded['store_quads']:,} | {embedded['load_s']} | "
            f"{embedded['peak_memory_mb']:,} | {disk['load_s']} | {endpoint['ready_s']} | "
            f"{slowest} |"
        )
    for name, entry in report.items():
        stores = [s for s in ("embedded", "on disk", "endpoint", "rdflib") if s in entry]
        lines += [
            "",
            f"## {name}",
            "",
            "| query | " + " | ".join(f"{s} ms" for s in stores) + " |",
            "|---|" + "---|" * len(stores),
        ]
        first = entry["embedded"]
        assert isinstance(first, dict)
        for query_id in first["queries_ms"]:
            cells = []
            for store in stores:
                value = entry[store]["queries_ms"].get(query_id)  # type: ignore[index]
                cells.append("gave up or failed" if value is None else str(value))
            lines.append(f"| {query_id} | " + " | ".join(cells) + " |")
        if "rdflib" in entry:
            rdflib = entry["rdflib"]
            assert isinstance(rdflib, dict)
            ratios = [
                rdflib["queries_ms"][q] / first["queries_ms"][q]
                for q in first["queries_ms"]
                if rdflib["queries_ms"].get(q) is not None
            ]
            failed = sum(1 for v in rdflib["queries_ms"].values() if v is None)
            lines += [
                "",
                f"rdflib loaded it in {rdflib['load_s']} s (the embedded store in "
                f"{first['load_s']} s); on the {len(ratios)} queries it answered, it was "
                f"{min(ratios):.0f}-{max(ratios):,.0f}x slower than the embedded store "
                f"(median {statistics.median(ratios):.0f}x); {failed} it failed or gave up.",
            ]
    (RESULTS / "scale.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
