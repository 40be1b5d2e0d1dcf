"""The text loader on real third-party pages: the development set's scorer, figures only.

The pages are never committed: fetch them into a temporary folder first (the development
set's README says how), then run this with that folder. It runs the set's own scorer
(``shared/realtext/score.py``, which calls ``spinekg extract FILE --format json`` on each page)
and writes its figures, never a sentence of the pages, to ``benchmarks/results/realtext.json``
and ``realtext.md``.

    .venv/bin/python benchmarks/realtext.py /tmp/realtext [--scorer ../shared/realtext/score.py]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
ROW = re.compile(
    r"^(?P<relation>\w+)\s+pred\s+(?P<pred>\d+)\s+gold\s+(?P<gold>\d+)\s+"
    r"P (?P<p>[\d.]+)\s+R (?P<r>[\d.]+)$"
)
TOTAL = re.compile(
    r"precision (?P<p>[\d.]+), recall (?P<r>[\d.]+) \((?P<pred>\d+) predicted, "
    r"(?P<gold>\d+) gold\)"
)
MODALITY = re.compile(r"modality agreement on matches: (?P<ok>\d+)/(?P<n>\d+)")


def main() -> None:
    """Score, parse the scorer's report, write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("texts", type=Path, help="folder holding D01.txt ... D30.txt")
    default = Path(__file__).resolve().parents[2] / "shared" / "realtext" / "score.py"
    parser.add_argument("--scorer", type=Path, default=default)
    args = parser.parse_args()
    if not args.scorer.is_file() or not args.texts.is_dir():
        sys.exit(f"needs the scorer ({args.scorer}) and the fetched pages ({args.texts})")
    spinekg = Path(sys.executable).with_name("spinekg")
    done = subprocess.run(
        [sys.executable, str(args.scorer), str(spinekg), str(args.texts)],
        capture_output=True,
        text=True,
        check=False,
    )
    rows = [m.groupdict() for line in done.stdout.splitlines() if (m := ROW.match(line.strip()))]
    total = TOTAL.search(done.stdout)
    modality = MODALITY.search(done.stdout)
    if total is None or modality is None:
        sys.exit(f"the scorer said:\n{done.stdout}\n{done.stderr}")
    report = {
        "relations": [
            {
                "relation": r["relation"],
                "predicted": int(r["pred"]),
                "gold": int(r["gold"]),
                "precision": float(r["p"]),
                "recall": float(r["r"]),
            }
            for r in rows
        ],
        "precision": float(total["p"]),
        "recall": float(total["r"]),
        "predicted": int(total["pred"]),
        "gold": int(total["gold"]),
        "modality_agreement": f"{modality['ok']}/{modality['n']}",
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "realtext.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# Text loader on the real development pages",
        "",
        f"Precision {report['precision']}, recall {report['recall']} "
        f"({report['predicted']} claims predicted, {report['gold']} gold); modality agreement "
        f"on matches {report['modality_agreement']}. Regenerate: "
        "`.venv/bin/python benchmarks/realtext.py <folder of the fetched pages>`.",
        "",
        "| relation | predicted | gold | precision | recall |",
        "|---|---|---|---|---|",
        *(
            f"| {r['relation']} | {r['predicted']} | {r['gold']} | {r['precision']} | "
            f"{r['recall']} |"
            for r in report["relations"]  # type: ignore[attr-defined]
        ),
    ]
    (RESULTS / "realtext.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
