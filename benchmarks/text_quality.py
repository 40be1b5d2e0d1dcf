"""Precision and recall of the text loader on the held-out articles, and its speed.

Two held-out sets, each written and annotated (``gold.tsv``) by an annotator who never saw the
loader's code, in styles unlike the curated articles: ``tests/heldout`` (10 articles; its
errors were inspected once while the rules were developed, so its figures are optimistic) and
``tests/heldout2`` (6 articles imitating third-party patient pages, never inspected: the honest
figure). A claim counts as found when document, subject, relation and object match; "strict"
also requires the modality. Writes ``benchmarks/results/text_quality.json``.

    make bench-text   # or: .venv/bin/python benchmarks/text_quality.py
"""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

from spinekg.kernel.namespaces import curie
from spinekg.loaders import articles_path
from spinekg.loaders.text import Pipeline, pipeline_for, read_article
from spinekg.loaders.text.extract import extract
from spinekg.loaders.text.relations import RELATIONS
from spinekg.pipeline.load import Inputs, load

TESTS = Path(__file__).parent.parent / "tests"
SETS = {"heldout": TESTS / "heldout", "heldout2": TESTS / "heldout2"}
RESULTS = Path(__file__).parent / "results" / "text_quality.json"

Claim = tuple[str, str, str, str]


def gold_claims(path: Path) -> dict[Claim, str]:
    """(doc, subject, relation, object) -> modality, from the gold annotation."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {(r["doc"], r["subject"], r["relation"], r["object"]): r["modality"] for r in rows}


def predicted_claims(folder: Path, pipeline: Pipeline) -> dict[Claim, str]:
    """The loader's claims on every article of ``folder``."""
    out: dict[Claim, str] = {}
    for path in sorted(folder.glob("*.md")):
        extraction = extract(read_article(path, curated=False), pipeline)
        for c in extraction.claims:
            key = (
                extraction.article.id,
                curie(str(c.subject.iri)),
                c.relation,
                curie(str(c.object.iri)),
            )
            out.setdefault(key, c.modality)
    return out


def scores(gold: dict[Claim, str], predicted: dict[Claim, str]) -> list[dict[str, object]]:
    """Per relation and overall: gold, predicted, correct, precision, recall, strict figures."""
    rows = []
    for relation in [*RELATIONS, "all"]:
        g = {k: v for k, v in gold.items() if relation in ("all", k[2])}
        p = {k: v for k, v in predicted.items() if relation in ("all", k[2])}
        hit = set(g) & set(p)
        strict = {k for k in hit if g[k] == p[k]}
        rows.append(
            {
                "relation": relation,
                "gold": len(g),
                "predicted": len(p),
                "correct": len(hit),
                "precision": round(len(hit) / len(p), 2) if p else None,
                "recall": round(len(hit) / len(g), 2) if g else None,
                "strict_precision": round(len(strict) / len(p), 2) if p else None,
                "strict_recall": round(len(strict) / len(g), 2) if g else None,
            }
        )
    return rows


def speed(pipeline: Pipeline) -> dict[str, float]:
    """Articles per second over the curated and held-out corpus (pipeline built once)."""
    paths = sorted(articles_path().glob("*.md"))
    for folder in SETS.values():
        paths += sorted((folder / "articles").glob("*.md"))
    articles = [read_article(p, curated=False) for p in paths]
    started = time.perf_counter()
    for article in articles:
        extract(article, pipeline)
    seconds = time.perf_counter() - started
    size = sum(len(a.text) for a in articles)
    return {
        "articles": len(articles),
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(articles) / seconds, 1),
        "kb_per_second": round(size / 1000 / seconds, 1),
    }


def main() -> None:
    """Print the tables and write the figures."""
    pipeline = pipeline_for(load(Inputs.shipped(with_articles=False)).graphs.values())
    tables = {}
    header = (
        f"{'relation':16} {'gold':>5} {'pred':>5} {'hit':>5} {'P':>5} {'R':>5} {'P*':>5} {'R*':>5}"
    )
    for name, folder in SETS.items():
        if not (folder / "gold.tsv").is_file():
            continue
        predicted = predicted_claims(folder / "articles", pipeline)
        tables[name] = table = scores(gold_claims(folder / "gold.tsv"), predicted)
        print(f"\n{name}\n{header}")
        for r in table:
            cells = [r[k] for k in ("precision", "recall", "strict_precision", "strict_recall")]
            shown = " ".join(f"{'-' if c is None else c:>5}" for c in cells)
            print(
                f"{r['relation']:16} {r['gold']:>5} {r['predicted']:>5} {r['correct']:>5} {shown}"
            )
    print("P*, R*: modality must match too")
    pace = speed(pipeline)
    print(
        f"speed: {pace['articles']} articles in {pace['seconds']} s = "
        f"{pace['articles_per_second']} articles/s ({pace['kb_per_second']} kB/s)"
    )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"scores": tables, "speed": pace}, indent=2) + "\n")
    print(f"-> {RESULTS}")


if __name__ == "__main__":
    main()
