"""How long ``spinekg build`` takes, as a user runs it: in full, and again from unchanged inputs.

Each run is a new process (``spinekg build --out <tmp>``), timed from start to exit, wall and
CPU (the build's own and its children's: HermiT's Java). ``--no-cache`` builds in full: load,
reason (HermiT) beside the checks, write the release; the rebuild takes the release the first
build kept in the build cache (a cache of its own, in a temporary folder). Both must give the
same bytes, which is checked. Writes ``benchmarks/results/build.json``.

    .venv/bin/python benchmarks/build.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "build.json"


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its children) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def summary(samples: list[tuple[float, float]]) -> dict[str, float]:
    """Median wall and CPU seconds, and the slowest and fastest wall."""
    walls = [wall for wall, _ in samples]
    return {
        "wall_median_s": round(statistics.median(walls), 2),
        "wall_min_s": round(min(walls), 2),
        "wall_max_s": round(max(walls), 2),
        "cpu_median_s": round(statistics.median(cpu for _, cpu in samples), 2),
    }


def main() -> None:
    """Build in full and from the cache ``--runs`` times each; write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    spinekg = str(Path(sys.executable).with_name("spinekg"))
    with tempfile.TemporaryDirectory(prefix="spinekg-build-bench-") as tmp:
        env = {**os.environ, "SPINEKG_CACHE": str(Path(tmp) / "cache")}
        full_out, cached_out = Path(tmp) / "full", Path(tmp) / "cached"
        full = [
            timed([spinekg, "build", "--no-cache", "--out", str(full_out)], env)
            for _ in range(args.runs)
        ]
        subprocess.run(
            [spinekg, "build", "--out", str(cached_out)], check=True, env=env, capture_output=True
        )
        again = [timed([spinekg, "build", "--out", str(cached_out)], env) for _ in range(args.runs)]
        same = all(
            (full_out / name).read_bytes() == (cached_out / name).read_bytes()
            for name in os.listdir(full_out)
        )
        shutil.rmtree(full_out)
    report = {
        "runs": args.runs,
        "cores": os.cpu_count(),
        "full build (--no-cache)": summary(full),
        "rebuild from unchanged inputs (build cache)": summary(again),
        "same bytes": same,
    }
    print(json.dumps(report, indent=2))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
