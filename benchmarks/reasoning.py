"""Benchmark the reasoning step: HermiT through owlready2 on the graph, and on scaled copies.

The graph is scaled by replicating its entities and their relations k times under new IRIs
(the ontology stays one), so the reasoner faces k times the individuals and assertions.
Writes ``benchmarks/results/reasoning.json`` and prints a table.

    make bench        # or: .venv/bin/python benchmarks/reasoning.py [--scales 1 2 4]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import time
from pathlib import Path

from rdflib import Graph, URIRef

from spinekg.kernel.namespaces import ONTOLOGY_GRAPH, SPINE
from spinekg.pipeline.load import Inputs, load
from spinekg.pipeline.reason import reason, reasoning_view

RESULTS = Path(__file__).parent / "results" / "reasoning.json"


def scaled(graphs: dict[URIRef, Graph], k: int) -> dict[URIRef, Graph]:
    """The ontology plus ``k`` copies of the reasoning view's assertions under new IRIs."""
    tbox = graphs[ONTOLOGY_GRAPH]
    terms = set(tbox.subjects())
    abox = Graph()
    for s, p, o in reasoning_view(graphs):
        if s in terms:
            continue
        for copy in range(k):
            abox.add((_rename(s, copy, terms), p, _rename(o, copy, terms)))
    return {ONTOLOGY_GRAPH: tbox, SPINE["graph/abox"]: abox}


def _rename(node: object, copy: int, terms: set[object]) -> object:
    if copy and isinstance(node, URIRef) and node.startswith(SPINE) and node not in terms:
        return URIRef(f"{node}-copy{copy}")
    return node


def main() -> None:
    """Time ``reason`` at each scale (median of ``--runs``) and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    graphs = load(Inputs.shipped(with_articles=False)).graphs
    rows = []
    for k in args.scales:
        data = scaled(graphs, k)
        triples = sum(len(g) for g in data.values())
        walls, hermits, inferred = [], [], 0
        for _ in range(args.runs):
            started = time.perf_counter()
            result = reason(data)
            walls.append(time.perf_counter() - started)
            hermits.append(result.seconds)
            inferred = len(result.inferred)
        rows.append(
            {
                "scale": k,
                "triples_in_view": triples,
                "inferred_triples": inferred,
                "hermit_seconds": round(statistics.median(hermits), 2),
                "total_seconds": round(statistics.median(walls), 2),
            }
        )
        print(
            f"x{k}: {triples} triples -> {inferred} inferred; HermiT "
            f"{rows[-1]['hermit_seconds']} s, whole step {rows[-1]['total_seconds']} s"
        )
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "reasoning (HermiT via owlready2, infer_property_values=True)",
                "machine": f"{platform.machine()}, {platform.system()}, Python "
                f"{platform.python_version()}",
                "java": java.splitlines()[0] if java else "unknown",
                "runs_per_scale": args.runs,
                "results": rows,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"-> {RESULTS}")


if __name__ == "__main__":
    main()
