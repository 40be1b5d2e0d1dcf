"""Many articles at once: every file of the folders given, in order, on one core or several.

Each worker process builds the NLP pipeline once, from the lexicon (which comes from a cache),
and extracts the articles it is handed. A malformed article yields its problem, and the others
go on.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from spinekg.kernel.errors import CuratedDataError, Problem
from spinekg.loaders.text.articles import MAX_ARTICLE_BYTES, read_article
from spinekg.loaders.text.extract import Extraction, extract
from spinekg.loaders.text.lexicon import Lexicon
from spinekg.loaders.text.pipeline import Pipeline

__all__ = ["ARTICLE_SUFFIXES", "Outcome", "article_files", "extract_all"]

#: The files read from a folder.
ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class Outcome:
    """One article's result: its extraction, or the problems that kept it from being read."""

    path: Path
    extraction: Extraction | None
    problems: tuple[Problem, ...] = ()


def article_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the article files under the folders named, sorted within each."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
        else:
            out.append(path)
    return out


def extract_all(
    paths: list[Path], lexicon: Lexicon, *, jobs: int = 1, max_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Outcome]:
    """The outcome of every article, in the order of ``paths``.

    :param jobs: worker processes (``0``: one per core); each builds its own pipeline.
    :param max_bytes: the largest article read; a larger one is reported, not read.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(paths) < 2:
        pipeline = Pipeline(lexicon)
        yield from (_one(path, pipeline, max_bytes) for path in paths)
        return
    chunk = max(1, min(64, len(paths) // (jobs * 8)))
    with ProcessPoolExecutor(jobs, initializer=_start, initargs=(lexicon.dumps(),)) as pool:
        yield from pool.map(_work, paths, itertools.repeat(max_bytes), chunksize=chunk)


def _one(path: Path, pipeline: Pipeline, max_bytes: int) -> Outcome:
    try:
        article = read_article(path, curated=False, max_bytes=max_bytes)
    except CuratedDataError as error:
        return Outcome(path, None, tuple(error.problems))
    return Outcome(path, extract(article, pipeline))


_WORKER: Pipeline | None = None


def _start(lexicon: str) -> None:
    global _WORKER
    _WORKER = Pipeline(Lexicon.loads(lexicon))


def _work(path: Path, max_bytes: int) -> Outcome:
    assert _WORKER is not None
    return _one(path, _WORKER, max_bytes)
