"""The served endpoint on a mixed catalog workload, with wrk: throughput, latency, CPU share.

wrk (compiled, so the load generator is not the bottleneck) sends every catalog query in turn,
with the example values of its parameters bound, as SPARQL protocol POSTs asking for JSON, from
8 connections for ``--seconds``, to three servers of the same release in the same run:

1. ``spinekg serve`` as shipped, on the catalog workload: the answers it keeps are given again
   (``--cache-mb``), as they are to clients that ask the catalog's questions over and over;
2. ``spinekg serve`` with every request made distinct (a comment with a counter ends each
   query), so every one runs on a worker, under the time limit, after the guard's checks;
3. Oxigraph's own server (``oxigraph serve``, in memory, the same named graphs and union
   default graph, no time limit) on the same distinct requests: the ratio of 2 to 3 is what
   the limits, the guard and the worker pool cost.

For each: requests per second, latency percentiles (wrk's p50, p90, p99 and, from its
distribution, p95), errors, and the CPU the server's processes used (as a share of the
machine's cores) beside wrk's own. Figures go to ``benchmarks/results/endpoint.json`` and
``endpoint.md``.

    .venv/bin/python benchmarks/endpoint.py [--dist dist] [--seconds 30]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import wrk
from spinekg.queries import load_catalog
from spinekg.querying.resolve import resolve_params
from spinekg.querying.runner import bind
from spinekg.querying.serve import wait_until_ready
from spinekg.querying.store import embedded
from tests.servers import children, free_port, start_serve, stop

RESULTS = Path(__file__).parent / "results"
CONNECTIONS = 8
KEPT = "spinekg serve, catalog workload (answers kept)"
RUN = "spinekg serve, every request distinct (each run)"
OXIGRAPH = "Oxigraph server, every request distinct (no time limit)"
#: wrk's Lua: cycle through the bodies, one POST each, asking for SPARQL JSON; with
#: ``distinct``, each query ends with a comment holding a counter, so no two are the same.
_SCRIPT = """
bodies = {%s}
distinct = %s
counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/sparql-results+json"
request = function()
  counter = counter + 1
  local body = bodies[(counter %% #bodies) + 1]
  if distinct then body = body .. "%%0A%%23+" .. counter end
  return wrk.format(nil, nil, nil, body)
end
done = function(summary, latency, requests)
  io.write(string.format("p95 %%d\\n", latency:percentile(95)))
  io.write(string.format("non2xx %%d\\n", summary.errors.status))
end
"""


def bodies(dist: Path) -> list[str]:
    """A form-encoded POST body per catalog query, its example parameters bound."""
    runner = embedded(dist)
    found = []
    for query in load_catalog().values():
        terms = resolve_params(runner, query, {p.name: p.example for p in query.params})
        found.append(urllib.parse.urlencode({"query": bind(query.text, terms)}))
    return found


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user and system) used so far by ``pid`` and its children."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for process in (pid, *children(pid)):
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def measured(url: str, script: Path, seconds: int, server: int) -> dict[str, object]:
    """Run wrk's mixed workload on ``url``; its figures and the CPU each side used."""
    server_before = cpu_seconds(server)
    own_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    report = wrk.run(url, CONNECTIONS, seconds, script)
    wall = time.monotonic() - started
    own = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = cpu_seconds(server) - server_before
    wrk_cpu = (own.ru_utime - own_before.ru_utime) + (own.ru_stime - own_before.ru_stime)
    cores = os.cpu_count() or 1
    return {
        **report,
        "server_cpu_s": round(server_cpu, 1),
        "server_cpu_share": round(server_cpu / (wall * cores), 2),
        "wrk_cpu_s": round(wrk_cpu, 1),
        "wrk_cpu_share": round(wrk_cpu / (wall * cores), 2),
    }


def oxigraph_server(dist: Path) -> tuple[str, subprocess.Popen[str]]:
    """Oxigraph's own server in memory, holding the release as spinekg's store does."""
    port = free_port()
    oxigraph = Path(sys.executable).with_name("oxigraph")
    server = subprocess.Popen(
        [str(oxigraph), "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_ready(base, server)
    # the named graphs, then their union as the default graph (spinekg.ttl holds it once)
    for file, media_type, target in (
        ("spinekg.nq", "application/n-quads", "/store"),
        ("spinekg.ttl", "text/turtle", "/store?default"),
    ):
        upload = urllib.request.Request(
            base + target,
            data=(dist / file).read_bytes(),
            headers={"Content-Type": media_type},
            method="POST",
        )
        urllib.request.urlopen(upload, timeout=120).read()
    return f"{base}/query", server


def main() -> None:
    """Run the mixed workload on both endpoints and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: `make tools` installs it where it can (apt)")
    queries = bodies(args.dist)
    lua = ", ".join(f"[==[{body}]==]" for body in queries)
    report: dict[str, object] = {"queries": len(queries), "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        catalog, distinct = Path(tmp) / "catalog.lua", Path(tmp) / "distinct.lua"
        catalog.write_text(_SCRIPT % (lua, "false"), encoding="utf-8")
        distinct.write_text(_SCRIPT % (lua, "true"), encoding="utf-8")
        base, served = start_serve(args.dist)
        try:
            url = f"{base}/query"
            report[KEPT] = measured(url, catalog, args.seconds, served.pid)
            report[RUN] = measured(url, distinct, args.seconds, served.pid)
        finally:
            stop(served)
        url, oxigraph = oxigraph_server(args.dist)
        try:
            report[OXIGRAPH] = measured(url, distinct, args.seconds, oxigraph.pid)
        finally:
            stop(oxigraph)
    run_rate = report[RUN]["requests_per_s"]  # type: ignore[index]
    bare_rate = report[OXIGRAPH]["requests_per_s"]  # type: ignore[index]
    report["limits_cost"] = round(1 - run_rate / bare_rate, 2) if bare_rate else None
    print(json.dumps(report, indent=2))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "endpoint.json").write_text(json.dumps(report, indent=2) + "\n")
    rows = [
        f"| {name} | {r['requests_per_s']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | "
        f"{r['errors']} | {r['server_cpu_share']} | {r['wrk_cpu_share']} |"
        for name in (KEPT, RUN, OXIGRAPH)
        if isinstance(r := report[name], dict)
    ]
    lines = [
        "# The endpoint on a mixed catalog workload",
        "",
        f"wrk, {CONNECTIONS} connections, {args.seconds} s, every one of the "
        f"{len(queries)} catalog queries in turn (example parameters, JSON results), on "
        f"{os.cpu_count()} cores shared by server and wrk. CPU shares are of all the machine's "
        "cores. Regenerate with `.venv/bin/python benchmarks/endpoint.py`.",
        "",
        "| server | queries/s | p50 ms | p95 ms | p99 ms | errors | server CPU | wrk CPU |",
        "|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"What the time limits, the guard and the worker pool cost: {report['limits_cost']:.0%} "
        "of Oxigraph's own server's throughput on the same distinct requests.",
    ]
    (RESULTS / "endpoint.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
