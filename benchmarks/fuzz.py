"""The command-line fuzzer at length: 2,000 invocations over 5 seeds, counting tracebacks.

The test suite runs 400 with one seed (``tests/test_fuzz.py``); this runs the same generator
on the built release in ``dist/`` and writes the invocations, exit codes and tracebacks
(the target is none) to ``benchmarks/results/fuzz.json``.

    .venv/bin/python benchmarks/fuzz.py [--dist dist] [--count 400] [--seeds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzzing import fuzz

RESULTS = Path(__file__).parent / "results" / "fuzz.json"


def _stop(code: int) -> None:
    """A query stopped at its --timeout ends the invocation, not this process."""
    raise SystemExit(code)


def main() -> None:
    """Fuzz, report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    os._exit = _stop  # type: ignore[assignment]
    report: dict[str, object] = {"invocations": 0, "exits": {}, "tracebacks": []}
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as work:
        for seed in range(1, args.seeds + 1):
            run = fuzz(args.dist, Path(work) / str(seed), seed=seed, count=args.count)
            report["invocations"] = int(report["invocations"]) + run.invocations  # type: ignore[call-overload]
            exits: dict[str, int] = report["exits"]  # type: ignore[assignment]
            for code, n in run.exits.items():
                exits[str(code)] = exits.get(str(code), 0) + n
            tracebacks: list[str] = report["tracebacks"]  # type: ignore[assignment]
            tracebacks += run.tracebacks
    report["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(report, indent=2))
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
