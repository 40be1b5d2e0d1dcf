"""How long a user waits for the light commands: start-up of ``spinekg`` as a whole process.

Runs each command ``--runs`` times in a new process and records the median and the spread
(wall seconds), and which heavy build-side modules the query command imported (none is the
goal: spaCy, owlready2 and pyshacl take seconds to import). Writes
``benchmarks/results/startup.json``.

    make bench   # or: .venv/bin/python benchmarks/startup.py [--dist dist] [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "startup.json"
HEAVY = ("spacy", "owlready2", "pyshacl", "negspacy")


def _seconds(command: list[str], runs: int) -> dict[str, float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - started)
    return {
        "median_s": round(statistics.median(timings), 3),
        "min_s": round(min(timings), 3),
        "max_s": round(max(timings), 3),
    }


def main() -> None:
    """Time the commands and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    spinekg = shutil.which("spinekg") or str(Path(sys.executable).with_name("spinekg"))
    query = ["query", "muscles_weakened_by_root", "-p", "root=L5", "--dist", str(args.dist)]
    commands = {
        "spinekg --version": [spinekg, "--version"],
        "spinekg queries": [spinekg, "queries"],
        "spinekg query muscles_weakened_by_root -p root=L5": [spinekg, *query],
    }
    report: dict[str, object] = {
        name: _seconds(command, args.runs) for name, command in commands.items()
    }
    probe = (
        "import sys\nfrom spinekg.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe, *query], capture_output=True, text=True, check=True
    ).stderr.strip()
    report["heavy modules imported by spinekg query"] = loaded
    report["runs"] = args.runs
    print(json.dumps(report, indent=2))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
