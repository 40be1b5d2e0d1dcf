"""Corpus scale: ``spinekg extract --out`` on 100,000 short documents, locally and on Dask.

The corpus is generated at each run in a temporary folder, never committed: each document is
one to three paragraphs or list items of the project's own articles (the curated ones and the
two imitation sets), as an abstract is a few sentences. Every engine extracts the same corpus
into its own folder of N-Quads shards; the figures are documents per second of the whole run
(cluster start, vocabulary sent to every worker, shards written), and the outputs are checked
to be byte-identical. Ray runs the same engine protocol when it is importable (it is not a
dependency: ``pip install --target DIR ray`` and ``PYTHONPATH=DIR`` to compare), which is how
Dask was chosen. Writes ``benchmarks/results/corpus.json`` and ``corpus.md``, a table per
corpus size (a run adds its size to those already there).

    .venv/bin/python benchmarks/corpus.py                 # 100,000 documents: dask-1, -2, -4
    PYTHONPATH=DIR .venv/bin/python benchmarks/corpus.py --documents 10000 \
        --engines local dask-1 dask-2 ray-1 ray-2         # the choice of engine
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from text_speed import _pieces

from spinekg.pipeline.corpus import Vocabulary, extract_corpus
from spinekg.pipeline.engines import DaskEngine, Engine, LocalEngine
from spinekg.pipeline.load import Inputs

RESULTS = Path(__file__).parent / "results"

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")


def generate(folder: Path, count: int, seed: int = 11) -> int:
    """Write ``count`` short documents, a hundred per folder; their total size in bytes."""
    rng = random.Random(seed)
    pieces = _pieces()
    size = 0
    for number in range(count):
        chosen = rng.sample(pieces, k=rng.randint(1, 3))
        text = f"# Abstract {number}\n\n" + "\n\n".join(chosen) + "\n"
        path = folder / f"{number // 100:04d}" / f"doc-{number:06d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


class RayEngine:
    """The same engine protocol on Ray (measured for the choice, not shipped)."""

    def __init__(self, workers: int) -> None:
        import ray

        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        self.workers = workers

    def run(
        self, work: Callable[[T, S], R], tasks: list[T], shared: S
    ) -> Iterator[tuple[T, R | BaseException]]:
        """Yield every task with its result, or the exception it raised, as each completes."""
        import ray

        remote = ray.remote(num_cpus=1, max_retries=3)(work)
        everywhere = ray.put(shared)
        pending = {remote.remote(task, everywhere): task for task in tasks}
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                task = pending.pop(ref)
                try:
                    yield task, ray.get(ref)
                except Exception as exc:
                    yield task, exc

    def close(self) -> None:
        """Stop the local Ray instance."""
        import ray

        ray.shutdown()


def measure(
    label: str,
    make: Callable[[], Any],
    root: Path,
    out: Path,
    vocabulary: Vocabulary,
    documents: int,
    size: int,
) -> dict[str, object]:
    """Run one engine over the corpus; its figures."""
    started = time.perf_counter()
    cpu = time.process_time()
    engine: Engine = make()
    ready = time.perf_counter() - started
    try:
        run = extract_corpus([root], out, vocabulary, engine, corpus="bench", shard_size=500)
    finally:
        if hasattr(engine, "close"):
            engine.close()
    seconds = time.perf_counter() - started
    assert run.complete and run.documents == documents, run
    figures: dict[str, object] = {
        "engine": label,
        "workers": engine.workers,
        "start_s": round(ready, 2),
        "seconds": round(seconds, 1),
        "documents_per_second": round(documents / seconds),
        "mb_per_second": round(size / 1e6 / seconds, 3),
        "driver_cpu_s": round(time.process_time() - cpu, 1),
        "claims": run.claims,
    }
    print(json.dumps(figures))
    return figures


def same(a: Path, b: Path) -> bool:
    """Whether two output folders hold the same files, byte for byte."""
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return not mismatch and not errors


def engine_maker(label: str) -> Callable[[], Any]:
    """``local``, ``dask-N`` (a local cluster of N processes) or ``ray-N``."""
    kind, _, count = label.partition("-")
    workers = int(count or 1)
    if kind == "local":
        return lambda: LocalEngine(workers)
    if kind == "dask":
        return lambda: DaskEngine(workers=workers)
    if kind == "ray":
        return lambda: RayEngine(workers)
    raise SystemExit(f"unknown engine {label!r}: local, dask-N or ray-N")


def main() -> None:
    """Generate the corpus, run every engine, write the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--engines", nargs="+", default=["dask-1", "dask-2", "dask-4"])
    args = parser.parse_args()
    vocabulary = Vocabulary.of(Inputs.shipped(with_articles=False))
    makers = [(label, engine_maker(label)) for label in args.engines]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        root.mkdir()
        size = generate(root, args.documents)
        runs = []
        for label, make in makers:
            out = Path(tmp) / label
            runs.append(measure(label, make, root, out, vocabulary, args.documents, size))
        first = Path(tmp) / args.engines[0]
        identical = all(same(first, Path(tmp) / label) for label in args.engines)
    path = RESULTS / "corpus.json"
    sizes = json.loads(path.read_text())["sizes"] if path.exists() else {}
    sizes[str(args.documents)] = {
        "megabytes": round(size / 1e6, 1),
        "cores": os.cpu_count(),
        "identical_output": identical,
        "runs": runs,
    }
    RESULTS.mkdir(exist_ok=True)
    path.write_text(json.dumps({"sizes": sizes}, indent=2, sort_keys=True) + "\n")
    lines = []
    for documents, report in sorted(sizes.items(), key=lambda item: -int(item[0])):
        lines += [
            f"## {int(documents):,} short documents ({report['megabytes']} MB), "
            f"{report['cores']} cores",
            "",
            "| engine | workers | start (s) | total (s) | documents/s | MB/s | claims |",
            "|---|---:|---:|---:|---:|---:|---:|",
            *(
                f"| {r['engine']} | {r['workers']} | {r['start_s']} | {r['seconds']} | "
                f"{r['documents_per_second']:,} | {r['mb_per_second']} | {r['claims']:,} |"
                for r in report["runs"]
            ),
            "",
            f"Every engine wrote the same bytes: {report['identical_output']}.",
            "",
        ]
    text = "# Corpus extraction (benchmarks/corpus.py)\n\n" + "\n".join(lines)
    (RESULTS / "corpus.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
