"""The text loader on real third-party pages: the development set's scorer, figures only.

The pages are never committed: fetch them into a temporary folder first, then run this with
that folder. It runs the development set's own scorer (``shared/realtext/score.py``, which
calls ``spinekg extract FILE --format json`` on each page) and writes its figures, never a
sentence of the pages, to ``benchmarks/results/``.

- The development set (``../shared/realtext/README.md`` says how to fetch it): figures to
  ``realtext.json`` and ``realtext.md``.
- With ``--fresh``, the fresh pages of ``benchmarks/fresh_pages/`` (their README says how to
  fetch them), scored with the same scorer against our own annotators' gold, set by set:
  figures to ``fresh_pages.json`` and ``fresh_pages.md``.

    .venv/bin/python benchmarks/realtext.py /tmp/realtext [--scorer ../shared/realtext/score.py]
    .venv/bin/python benchmarks/realtext.py /tmp/fresh --fresh
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"
FRESH_GOLD = Path(__file__).parent / "fresh_pages" / "gold.jsonl"
ROW = re.compile(
    r"^(?P<relation>\w+)\s+pred\s+(?P<pred>\d+)\s+gold\s+(?P<gold>\d+)\s+"
    r"P (?P<p>[\d.]+)\s+R (?P<r>[\d.]+)$"
)
TOTAL = re.compile(
    r"precision (?P<p>[\d.]+), recall (?P<r>[\d.]+) \((?P<pred>\d+) predicted, "
    r"(?P<gold>\d+) gold\)"
)
MODALITY = re.compile(r"modality agreement on matches: (?P<ok>\d+)/(?P<n>\d+)")


def score(scorer: Path, texts: Path, gold: list[str] | None = None) -> dict[str, Any]:
    """The scorer's figures on the pages of ``texts``; against ``gold`` lines when given.

    The scorer reads the gold next to itself: other gold is scored by a copy of it placed
    beside that gold in a temporary folder.
    """
    with tempfile.TemporaryDirectory() as tmp:
        if gold is not None:
            shutil.copy(scorer, Path(tmp) / "score.py")
            (Path(tmp) / "gold.jsonl").write_text("".join(gold), encoding="utf-8")
            scorer = Path(tmp) / "score.py"
        spinekg = Path(sys.executable).with_name("spinekg")
        done = subprocess.run(
            [sys.executable, str(scorer), str(spinekg), str(texts)],
            capture_output=True,
            text=True,
            check=False,
        )
    rows = [m.groupdict() for line in done.stdout.splitlines() if (m := ROW.match(line.strip()))]
    total = TOTAL.search(done.stdout)
    modality = MODALITY.search(done.stdout)
    if total is None or modality is None:
        sys.exit(f"the scorer said:\n{done.stdout}\n{done.stderr}")
    return {
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


def _table(report: dict[str, Any]) -> list[str]:
    return [
        "| relation | predicted | gold | precision | recall |",
        "|---|---|---|---|---|",
        *(
            f"| {r['relation']} | {r['predicted']} | {r['gold']} | {r['precision']} | "
            f"{r['recall']} |"
            for r in report["relations"]
        ),
    ]


def development(scorer: Path, texts: Path) -> list[str]:
    """The development set's figures, written to ``realtext.json`` and ``realtext.md``."""
    report = score(scorer, texts)
    (RESULTS / "realtext.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# Text loader on the real development pages",
        "",
        f"Precision {report['precision']}, recall {report['recall']} "
        f"({report['predicted']} claims predicted, {report['gold']} gold); modality agreement "
        f"on matches {report['modality_agreement']}. Regenerate: "
        "`.venv/bin/python benchmarks/realtext.py <folder of the fetched pages>`.",
        "",
        *_table(report),
    ]
    (RESULTS / "realtext.md").write_text("\n".join(lines) + "\n")
    return lines


def fresh(scorer: Path, texts: Path) -> list[str]:
    """The fresh pages' figures, set by set, written to ``fresh_pages.json`` and ``.md``."""
    gold = FRESH_GOLD.read_text(encoding="utf-8").splitlines(keepends=True)
    by_set: dict[str, list[str]] = {}
    for line in gold:
        by_set.setdefault(json.loads(line)["set"], []).append(line)
    by_set["all"] = gold
    reports = {name: score(scorer, texts, lines) for name, lines in sorted(by_set.items())}
    (RESULTS / "fresh_pages.json").write_text(json.dumps(reports, indent=2) + "\n")
    lines = [
        "# Text loader on fresh real pages (our annotators' gold)",
        "",
        "Regenerate: `.venv/bin/python benchmarks/realtext.py <folder of the fetched pages>"
        " --fresh` (`benchmarks/fresh_pages/README.md` says what each set is for).",
        "",
        "| set | pages | precision | recall | predicted | gold | modality agreement |",
        "|---|---|---|---|---|---|---|",
        *(
            f"| {name} | {len(by_set[name])} | {r['precision']} | {r['recall']} | "
            f"{r['predicted']} | {r['gold']} | {r['modality_agreement']} |"
            for name, r in reports.items()
        ),
        "",
        "All sets, by relation:",
        "",
        *_table(reports["all"]),
    ]
    (RESULTS / "fresh_pages.md").write_text("\n".join(lines) + "\n")
    return lines


def main() -> None:
    """Score, parse the scorer's report, write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("texts", type=Path, help="folder holding the fetched pages")
    default = Path(__file__).resolve().parents[2] / "shared" / "realtext" / "score.py"
    parser.add_argument("--scorer", type=Path, default=default)
    parser.add_argument("--fresh", action="store_true", help="the fresh pages, set by set")
    args = parser.parse_args()
    if not args.scorer.is_file() or not args.texts.is_dir():
        sys.exit(f"needs the scorer ({args.scorer}) and the fetched pages ({args.texts})")
    RESULTS.mkdir(exist_ok=True)
    lines = fresh(args.scorer, args.texts) if args.fresh else development(args.scorer, args.texts)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
