"""How well ``localize`` answers clinical vignettes: top-1 root, top-3 lesion, aborts, urgency.

The vignettes (``tests/vignettes/*.jsonl``) were written by authors who never saw the finding
reader, in three styles: bedside shorthand, clinic-letter phrases and patients' words. Each gives
its findings, the compressed root (or the cord, conus or cauda equina) and the most likely
herniation. A vignette is right at top 1 when the best candidate compresses the expected root or
structure, and right at top 3 when the expected herniation is among the three best candidates.
The sets in ``benchmarks/vignettes-heldout`` were written by two other authors and run once the
reader was written, never tuned on. Writes ``benchmarks/results/vignettes.json`` and ``.md``.

    .venv/bin/python benchmarks/vignettes.py [--dist dist] [--set FOLDER]... [--misses]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from spinekg.kernel.errors import QueryError
from spinekg.querying.localize import Localization, localize
from spinekg.querying.runner import EmbeddedRunner
from spinekg.querying.store import embedded

RESULTS = Path(__file__).parent / "results"
ROOT = Path(__file__).resolve().parents[1]
#: The development set, then the sets held out while the reader was written.
SETS = (ROOT / "tests" / "vignettes", ROOT / "benchmarks" / "vignettes-heldout")


def load(folder: Path) -> list[dict[str, object]]:
    """Every vignette of the ``*.jsonl`` files in ``folder``, in file order."""
    return [
        json.loads(line)
        for path in sorted(folder.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def expected_structure(vignette: dict[str, object]) -> str:
    """The compressed structure as the graph labels it ("L5 nerve root", "cauda equina")."""
    return str(vignette["structure"])


def judge(vignette: dict[str, object], answer: Localization) -> dict[str, object]:
    """Whether the answer is right at top 1 (structure) and top 3 (lesion), and its urgency."""
    lesion = vignette["lesion"]
    assert isinstance(lesion, dict)
    wanted = f"{lesion['disc']} {lesion['zone']}"
    best = answer.candidates[:3]
    structure = expected_structure(vignette)
    return {
        "id": vignette["id"],
        "root_top1": bool(best) and best[0].compresses == structure,
        "lesion_top3": any(c.lesion.startswith(wanted) for c in best),
        "urgent_right": (answer.urgency is not None) == bool(vignette["urgent"]),
        "ignored": [i.text for i in answer.ignored],
        "top3": [f"{c.lesion} ({c.compresses}) {c.score:.2f}" for c in best],
        "expected": f"{wanted} ({structure})",
    }


def main() -> None:
    """Run every vignette through ``localize`` and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=Path("dist"))
    parser.add_argument(
        "--set", type=Path, action="append", dest="folders", help="a folder of *.jsonl sets"
    )
    parser.add_argument("--misses", action="store_true", help="print every vignette missed")
    parser.add_argument("--no-write", action="store_true", help="do not write results")
    args = parser.parse_args()
    runner = embedded(args.dist)
    summaries = [_measure(runner, folder, args.misses) for folder in args.folders or SETS]
    print(json.dumps(summaries, indent=2))
    if not args.no_write:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "vignettes.json").write_text(json.dumps(summaries, indent=2) + "\n")
        (RESULTS / "vignettes.md").write_text(_markdown(summaries))


def _measure(runner: EmbeddedRunner, folder: Path, misses: bool) -> dict[str, object]:
    verdicts = []
    aborted = []
    vignettes = load(folder)
    for vignette in vignettes:
        findings = vignette["findings"]
        assert isinstance(findings, list)
        try:
            verdicts.append((vignette, judge(vignette, localize(runner, findings))))
        except QueryError as exc:
            aborted.append({"id": vignette["id"], "error": str(exc)})
    total = len(vignettes)
    count: Counter[str] = Counter()
    by_style: dict[str, Counter[str]] = {}
    for vignette, verdict in verdicts:
        tally = by_style.setdefault(str(vignette["style"]), Counter())
        tally["n"] += 1
        for key in ("root_top1", "lesion_top3", "urgent_right"):
            count[key] += bool(verdict[key])
            tally[key] += bool(verdict[key])
        count["phrases_ignored"] += len(verdict["ignored"])  # type: ignore[arg-type]
    if misses:
        for vignette, verdict in verdicts:
            if not (verdict["root_top1"] and verdict["lesion_top3"] and verdict["urgent_right"]):
                print(f"\n{verdict['id']} expected {verdict['expected']}: {vignette['findings']}")
                print(f"  top3 {verdict['top3']}; ignored {verdict['ignored']}")
                if not verdict["urgent_right"]:
                    print("  urgency wrong")
        for failure in aborted:
            print(f"\n{failure['id']} ABORTED: {failure['error']}")
    return {
        "set": _shown(folder),
        "vignettes": total,
        "aborted": len(aborted),
        "root_top1": round(count["root_top1"] / total, 3),
        "lesion_top3": round(count["lesion_top3"] / total, 3),
        "urgency_right": round(count["urgent_right"] / total, 3),
        "phrases": sum(len(v["findings"]) for v in vignettes),  # type: ignore[arg-type]
        "phrases_ignored": count["phrases_ignored"],
        "by_style": {
            style: {
                "n": t["n"],
                "root_top1": round(t["root_top1"] / t["n"], 3),
                "lesion_top3": round(t["lesion_top3"] / t["n"], 3),
            }
            for style, t in sorted(by_style.items())
        },
    }


def _shown(folder: Path) -> str:
    try:
        return str(folder.resolve().relative_to(ROOT))
    except ValueError:
        return str(folder)


def _markdown(summaries: list[dict[str, object]]) -> str:
    lines = [
        "# localize on clinical vignettes",
        "",
        "`tests/vignettes` is the development set: 90 vignettes by three authors who never saw",
        "the reader (bedside shorthand, clinic-letter phrases, patients' words).",
        "`benchmarks/vignettes-heldout` holds two sets by two other authors, run once the reader",
        "was written and not tuned on (one mixed, one of hard shorthand and patients' words).",
        "",
        "| set | vignettes | phrases | top-1 root | top-3 lesion | urgency right | aborted "
        "| phrases ignored |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in summaries:
        lines.append(
            f"| `{s['set']}` | {s['vignettes']} | {s['phrases']} | {s['root_top1']:.0%} "
            f"| {s['lesion_top3']:.0%} | {s['urgency_right']:.0%} | {s['aborted']} "
            f"| {s['phrases_ignored']} |"
        )
    lines += ["", "| set | style | n | top-1 root | top-3 lesion |", "|---|---|---|---|---|"]
    for s in summaries:
        by_style = s["by_style"]
        assert isinstance(by_style, dict)
        for style, t in by_style.items():
            lines.append(
                f"| `{s['set']}` | {style} | {t['n']} | {t['root_top1']:.0%} "
                f"| {t['lesion_top3']:.0%} |"
            )
    lines += ["", "Reproduce: `.venv/bin/python benchmarks/vignettes.py`", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
