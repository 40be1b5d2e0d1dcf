"""Speed of the text loader: start-up of ``spinekg extract`` and throughput on 5,000 articles.

The corpus is generated at each run in a temporary folder, never committed: every article is
a shuffle of paragraphs and list items taken from the project's own articles (the curated ones
and the two imitation sets), with a title, so it has the structure of a patient page (headings,
paragraphs, lead-ins and lists) without any third-party text. Start-up is the whole
``spinekg extract`` process on one short page (median of ``--runs``, lexicon cache warm).
Throughput is extraction only (the pipeline already built), on one core and with ``--jobs``
worker processes. Writes ``benchmarks/results/text_speed.json``.

    make bench   # or: .venv/bin/python benchmarks/text_speed.py [--articles 5000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from spinekg.loaders import articles_path
from spinekg.loaders.text.articles import read_article
from spinekg.loaders.text.batch import extract_all
from spinekg.pipeline.load import Inputs, lexicon_of

RESULTS = Path(__file__).parent / "results" / "text_speed.json"
TESTS = Path(__file__).parent.parent / "tests"


def _pieces() -> list[str]:
    """Paragraphs and list items of the project's own articles (front matter left out)."""
    folders = [articles_path(), TESTS / "heldout" / "articles", TESTS / "heldout2" / "articles"]
    pieces = []
    for folder in folders:
        for path in sorted(folder.glob("*.md")):
            body = read_article(path, curated=False).body
            pieces += [p.strip() for p in body.split("\n\n") if p.strip()]
    return pieces


def corpus(folder: Path, count: int, seed: int = 5) -> int:
    """Write ``count`` articles into ``folder``; their total size in bytes."""
    rng = random.Random(seed)
    pieces = _pieces()
    size = 0
    for number in range(count):
        chosen = rng.sample(pieces, k=min(len(pieces), rng.randint(4, 12)))
        text = f"# Page {number}\n\n" + "\n\n".join(chosen) + "\n"
        (folder / f"page-{number:05d}.md").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def startup(runs: int) -> dict[str, float]:
    """Seconds a whole ``spinekg extract`` process takes on one short page."""
    spinekg = shutil.which("spinekg") or str(Path(sys.executable).with_name("spinekg"))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.txt"
        page.write_text("A herniated disc may cause leg pain and numbness.\n", encoding="utf-8")
        subprocess.run([spinekg, "extract", str(page)], check=True, capture_output=True)  # cache
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([spinekg, "extract", str(page)], check=True, capture_output=True)
            timings.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(timings), 3), "min_s": round(min(timings), 3)}


def throughput(files: list[Path], size: int, jobs: int) -> dict[str, float]:
    """Megabytes of article text extracted per second, the pipeline already built."""
    lexicon = lexicon_of(Inputs.shipped(with_articles=False))
    started = time.perf_counter()
    outcomes = list(extract_all(files, lexicon, jobs=jobs))
    seconds = time.perf_counter() - started
    assert all(o.extraction is not None for o in outcomes)
    return {
        "jobs": jobs,
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(files) / seconds, 1),
        "mb_per_second": round(size / 1e6 / seconds, 3),
        "claims": sum(len(o.extraction.claims) for o in outcomes if o.extraction),
    }


def main() -> None:
    """Generate the corpus, time start-up and throughput, write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    report: dict[str, object] = {"startup": startup(args.runs)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = corpus(folder, args.articles)
        files = sorted(folder.glob("*.md"))
        report["corpus"] = {"articles": len(files), "megabytes": round(size / 1e6, 2)}
        report["one_core"] = throughput(files, size, 1)
        report["workers"] = throughput(files, size, args.jobs)
    print(json.dumps(report, indent=2))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
