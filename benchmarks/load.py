"""A bounded load test of the served endpoint: concurrent clients running catalog queries.

Starts `spinekg serve` on a free loopback port over the built release, runs
``--clients`` threads that each send ``--per-client`` catalog queries (cycling through the
catalog with example parameters) through SPARQLWrapper, stops the server, and writes queries
per second, p50/p95 latency and the error count to ``benchmarks/results/load.json``.

    make bench   # or: .venv/bin/python benchmarks/load.py [--clients 8] [--per-client 200]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from spinekg.querying.loadtest import run_load
from tests.servers import serving

RESULTS = Path(__file__).parent / "results" / "load.json"


def main() -> None:
    """Serve, load, report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=200)
    args = parser.parse_args()
    with serving(args.dist) as base:
        report = run_load(f"{base}/query", args.clients, args.per_client)
    print(json.dumps(report, indent=2))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
