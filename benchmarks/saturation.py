"""The served endpoint under saturation, and a runaway query among other clients, with wrk.

1. wrk, 2 threads and 8 connections for ``--seconds`` (60) on one catalog lookup: requests per
   second, latency percentiles, errors (non-2xx answers and socket errors), and whether the
   server still answers afterwards.
2. 4 connections of the same lookup for 10 s, first alone, then beside a runaway query (a
   cartesian ``COUNT(*)``) that the endpoint stops at its ``--timeout`` (5 s): the stop time,
   and the latency the other clients saw in both runs.

Figures go to ``benchmarks/results/saturation.json``. Needs wrk (``make tools``, run by ``make
test`` and ``make bench``, installs it where it can) and a built release.

    .venv/bin/python benchmarks/saturation.py [--seconds 60]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import wrk
from spinekg.queries import load_catalog
from spinekg.querying.runner import bind
from tests.servers import serving

RESULTS = Path(__file__).parent / "results" / "saturation.json"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def answers(url: str, sparql: str) -> int:
    """The HTTP status of one query."""
    data = urllib.parse.urlencode({"query": sparql}).encode()
    try:
        with urllib.request.urlopen(url, data=data, timeout=60) as reply:
            return int(reply.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def main() -> None:
    """Saturate, then run a runaway query among other clients; write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: `make tools` installs it where it can (apt)")
    root = ox.NamedNode("https://w3id.org/spinekg/root-L5")
    lookup = bind(load_catalog()["muscles_weakened_by_root"].text, {"root": root})
    report: dict[str, object] = {}
    # answers are not kept, so that every request runs on a worker
    with serving(args.dist, "--timeout", "5", "--cache-mb", "0") as base:
        url = f"{base}/query"
        target = f"{url}?query={urllib.parse.quote(lookup)}"
        report["saturation"] = wrk.run(target, 8, args.seconds)
        report["saturation"]["answers_afterwards"] = answers(url, lookup) == 200  # type: ignore[index]
        report["others_alone"] = wrk.run(target, 4, 10)
        stopped: dict[str, float] = {}

        def runaway() -> None:
            started = time.monotonic()
            stopped["status"] = answers(url, RUNAWAY)
            stopped["seconds"] = round(time.monotonic() - started, 2)

        thread = threading.Thread(target=runaway)
        thread.start()
        report["others_beside_runaway"] = wrk.run(target, 4, 10)
        thread.join()
        report["runaway"] = {
            "limit_s": 5,
            "status": stopped["status"],
            "stopped_after_s": stopped["seconds"],
        }
    print(json.dumps(report, indent=2))
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
