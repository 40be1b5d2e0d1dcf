"""A corpus of documents -> claims as N-Quads shards, resumable, on local cores or a cluster.

``spinekg extract PATHS --out DIR`` cuts the documents (sorted by path) into shards of
``shard_size``. Each shard is extracted on a worker (:mod:`spinekg.pipeline.engines`) and
written as it completes::

    DIR/corpus.json              the plan; "complete": true once every shard is written
    DIR/shard-00000-<key>.json   the shard's documents, claim count and problems
    DIR/shard-00000-<key>.nq     its claims and source documents, in the named graph
                                 <https://w3id.org/spinekg/graph/corpus/<corpus>/00000>

A shard's ``.nq`` file, written last and atomically, is the mark that it is done: a run
stopped by a failure, a kill or a lost worker is resumed by running the same command again,
and only the shards without one are extracted. The key in a shard's name is a digest of the
vocabulary, the extractor's code and its documents (path, size, modification time): change
any and that shard is done again; shards of an earlier plan are removed once the run
completes. The output is the same, byte for byte, on one core, many, or a Dask cluster.

``spinekg build --claims DIR`` and ``spinekg publish --claims DIR`` take a complete corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from importlib.metadata import version
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef

import spinekg.loaders.text as text_package
from spinekg.kernel.corpus_files import FORMAT, MANIFEST, corpus_shards
from spinekg.kernel.errors import CuratedDataError, Problem, SpineKGError, first_line
from spinekg.kernel.graphs import ox_term, rdflib_term
from spinekg.kernel.namespaces import GRAPH, SPINE
from spinekg.kernel.release_files import sha256
from spinekg.loaders.text import Typing, claim_triples
from spinekg.loaders.text.articles import MAX_ARTICLE_BYTES, read_article
from spinekg.loaders.text.batch import article_files
from spinekg.loaders.text.extract import Extraction, extract
from spinekg.loaders.text.lexicon import Lexicon, build_lexicon
from spinekg.loaders.text.pipeline import Pipeline
from spinekg.pipeline.engines import Engine
from spinekg.pipeline.load import Inputs, load, vocabulary_key

__all__ = [
    "MANIFEST",
    "CorpusRun",
    "CorpusWriteError",
    "Document",
    "ShardResult",
    "ShardTask",
    "Vocabulary",
    "extract_corpus",
    "extract_shard",
    "plan",
    "read_corpus",
]

_SLUG = re.compile(r"[^a-z0-9]+")
_SHARD_FILE = re.compile(r"^shard-\d{5,}-[0-9a-f]{16}\.(nq|json)(\.tmp)?$")


class CorpusWriteError(SpineKGError):
    """The output folder cannot be written (missing, read-only, full)."""


@dataclass(frozen=True)
class Vocabulary:
    """What every worker needs: the lexicon and the claim typing, with their keys.

    ``tables`` is the digest of the ontology and tables (a build refuses claims made with
    other ones); ``extractor`` adds the text loader's code and spaCy's version.
    """

    tables: str
    extractor: str
    lexicon: str
    typing: Typing

    @classmethod
    def of(cls, inputs: Inputs) -> Vocabulary:
        """The vocabulary of the ontology and tables of ``inputs`` (about 2 s to load)."""
        loaded = load(Inputs(inputs.ontology, inputs.shapes, inputs.curated, ()))
        lexicon = build_lexicon(loaded.graphs.values())
        tables = vocabulary_key(inputs)
        digest = hashlib.sha256(f"{tables}\0negspacy=={version('negspacy')}".encode())
        text_loader = Path(text_package.__file__).parent
        for path in [*sorted(text_loader.glob("*.py")), Path(__file__)]:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        return cls(tables, digest.hexdigest()[:24], lexicon.dumps(), Typing([loaded.merged]))


@dataclass(frozen=True)
class Document:
    """A document of the corpus: its file, its id and how its path is shown in the graph."""

    path: Path
    id: str
    shown: str
    size: int
    modified: int


@dataclass(frozen=True)
class ShardTask:
    """The documents of one shard, and what to name its output."""

    number: int
    name: str
    graph: str
    documents: tuple[Document, ...]
    max_bytes: int


@dataclass(frozen=True)
class ShardResult:
    """One shard extracted: its N-Quads, and a record of its documents and problems."""

    name: str
    nquads: bytes
    record: dict[str, object]


@dataclass
class CorpusRun:
    """What a run did."""

    out: Path
    documents: int = 0
    shards: int = 0
    #: Shards done by an earlier run and kept.
    kept: int = 0
    #: Shards extracted by this run.
    extracted: int = 0
    claims: int = 0
    #: ``file:line:column: message`` of each document that could not be read.
    problems: list[str] = field(default_factory=list)
    #: ``shard: error`` of each shard whose extraction failed (run again to retry them).
    failed: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether every shard is written."""
        return not self.failed


def plan(paths: Sequence[Path], corpus: str) -> list[Document]:
    """The documents under ``paths`` (files, or folders read recursively), sorted by path.

    A document's id is the corpus name and its path below the folder given, as a slug
    (``abstracts/2024/17.txt`` in corpus ``pubmed`` is ``pubmed-2024-17``).

    :raises CuratedDataError: when two documents would have the same id, or a path is missing.
    """
    documents: list[Document] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for root in paths:
        if not root.exists():
            problems.append(Problem(root, 1, 1, "no such file or folder"))
            continue
        for path in article_files([root]):
            below = path.relative_to(root) if root.is_dir() else Path(path.name)
            slug = _SLUG.sub("-", str(below.with_suffix("")).lower()).strip("-")
            doc_id = f"{corpus}-{slug}" if slug else corpus
            if doc_id in seen:
                problems.append(
                    Problem(path, 1, 1, f"document id {doc_id!r} is also that of {seen[doc_id]}")
                )
                continue
            seen[doc_id] = path
            stat = path.stat()
            shown = (Path(root.name) / below).as_posix() if root.is_dir() else path.name
            documents.append(Document(path, doc_id, shown, stat.st_size, stat.st_mtime_ns))
    if problems:
        raise CuratedDataError(problems)
    return sorted(documents, key=lambda d: d.shown)


def extract_corpus(
    paths: Sequence[Path],
    out: Path,
    vocabulary: Vocabulary,
    engine: Engine,
    *,
    corpus: str | None = None,
    shard_size: int = 1000,
    max_bytes: int = MAX_ARTICLE_BYTES,
    progress: Callable[[int, int], None] | None = None,
) -> CorpusRun:
    """Extract every document under ``paths`` into N-Quads shards in ``out``.

    Shards already written by an earlier run of the same plan are kept, not extracted again.

    :param corpus: the corpus name in document ids and graph IRIs (default: ``out``'s name).
    :param progress: called with the number of documents done (those of each shard as it is
        written, those of the shards kept at the start) and their total.
    :raises CuratedDataError: when documents would share an id (nothing is extracted).
    """
    name = _slug(corpus or out.resolve().name)
    documents = plan(paths, name)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusWriteError(f"cannot make {out}/ ({exc.strerror or exc})") from None
    tasks = [
        _task(number, name, documents[start : start + shard_size], vocabulary, max_bytes)
        for number, start in enumerate(range(0, len(documents), shard_size))
    ]
    manifest: dict[str, object] = {
        "format": FORMAT,
        "corpus": name,
        "tables": vocabulary.tables,
        "extractor": vocabulary.extractor,
        "shard_size": shard_size,
        "documents": len(documents),
        "complete": False,
        "shards": [{"name": t.name, "graph": t.graph} for t in tasks],
    }
    _write(out / MANIFEST, _json(manifest))
    run = CorpusRun(out, documents=len(documents), shards=len(tasks))
    todo = [t for t in tasks if _record(out, t.name) is None]
    run.kept = len(tasks) - len(todo)
    if progress is not None:
        progress(len(documents) - sum(len(t.documents) for t in todo), len(documents))
    for task, result in engine.run(extract_shard, todo, vocabulary):
        if isinstance(result, BaseException):
            run.failed.append(f"{task.name} ({task.documents[0].shown} ...): {first_line(result)}")
            continue
        _write(out / f"{task.name}.json", _json(result.record))
        _write(out / f"{task.name}.nq", result.nquads)  # last: the mark that it is done
        run.extracted += 1
        if progress is not None:
            progress(len(task.documents), len(documents))
    records = [_record(out, t.name) for t in tasks]
    for record in filter(None, records):
        run.claims += _count(record, "claims")
        problems = record.get("problems")
        run.problems += [str(p) for p in problems] if isinstance(problems, list) else []
    if run.complete:
        manifest["complete"] = True
        manifest["claims"] = run.claims
        manifest["problems"] = len(run.problems)
        manifest["shards"] = [
            {
                "name": t.name,
                "graph": t.graph,
                "documents": len(t.documents),
                "claims": _count(r, "claims"),
                "triples": _count(r, "triples"),
                "sha256": sha256(out / f"{t.name}.nq"),
            }
            for t, r in zip(tasks, records, strict=True)
            if r is not None
        ]
        _write(out / MANIFEST, _json(manifest))
        planned = {f"{t.name}.{suffix}" for t in tasks for suffix in ("nq", "json")}
        for path in out.iterdir():
            if _SHARD_FILE.match(path.name) and path.name not in planned:
                path.unlink()  # a shard of an earlier plan, or a write cut short
    return run


def extract_shard(task: ShardTask, vocabulary: Vocabulary) -> ShardResult:
    """Extract one shard's documents (on a worker): its N-Quads and its record.

    A document that cannot be read, or whose extraction fails, is a problem in the record;
    the others are extracted.
    """
    pipeline = _pipeline(vocabulary)
    extractions: list[Extraction] = []
    problems: list[str] = []
    for document in task.documents:
        try:
            article = read_article(document.path, curated=False, max_bytes=task.max_bytes)
        except CuratedDataError as error:
            problems += [str(replace(p, path=Path(document.shown))) for p in error.problems]
            continue
        article = replace(article, path=Path(document.shown), id=document.id)
        try:
            extractions.append(extract(article, pipeline))
        except Exception as exc:  # a fault of the loader: report it, extract the others
            problems.append(f"{document.shown}:1:1: extraction failed: {first_line(exc)}")
    graph = ox.NamedNode(task.graph)
    quads = {
        ox.Quad(ox_term(s), ox_term(p), ox_term(o), graph)
        for s, p, o in claim_triples(extractions, fits=vocabulary.typing.fits)
    }
    ordered = sorted(quads, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
    claims = sum(1 for q in ordered if q.predicate == _TYPE and q.object == _CLAIM)
    record: dict[str, object] = {
        "name": task.name,
        "graph": task.graph,
        "documents": [d.shown for d in task.documents],
        "claims": claims,
        "triples": len(ordered),
        "problems": problems,
    }
    nquads = ox.serialize(ordered, format=ox.RdfFormat.N_QUADS) or b""
    return ShardResult(task.name, nquads, record)


def read_corpus(folder: Path, tables: str) -> dict[URIRef, Graph]:
    """The named graphs of a complete corpus, for a build.

    :param tables: the digest of the build's ontology and tables; a corpus extracted with
        others is refused (its claims may name entities that changed).
    :raises CuratedDataError: when the corpus is incomplete, damaged or of other tables.
    """
    graphs: dict[URIRef, Graph] = {}
    for shard in corpus_shards(folder, tables):
        for quad in ox.parse(path=shard.path, format=ox.RdfFormat.N_QUADS):
            graph = graphs.setdefault(URIRef(str(quad.graph_name.value)), Graph())
            graph.add(
                (rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object))
            )
    return graphs


_TYPE = ox.NamedNode(str(RDF.type))
_CLAIM = ox.NamedNode(str(SPINE.Claim))
_LOCAL = threading.local()


def _pipeline(vocabulary: Vocabulary) -> Pipeline:
    """The pipeline of the vocabulary in this worker thread, built once (spaCy takes seconds)."""
    held: tuple[str, Pipeline] | None = getattr(_LOCAL, "pipeline", None)
    if held is None or held[0] != vocabulary.extractor:
        held = (vocabulary.extractor, Pipeline(Lexicon.loads(vocabulary.lexicon)))
        _LOCAL.pipeline = held
    return held[1]


def _task(
    number: int, corpus: str, documents: list[Document], vocabulary: Vocabulary, max_bytes: int
) -> ShardTask:
    digest = hashlib.sha256(f"{vocabulary.extractor}\0{max_bytes}".encode())
    for d in documents:
        digest.update(f"\0{d.id}\0{d.shown}\0{d.size}\0{d.modified}".encode())
    name = f"shard-{number:05d}-{digest.hexdigest()[:16]}"
    graph = str(GRAPH[f"corpus/{corpus}/{number:05d}"])
    return ShardTask(number, name, graph, tuple(documents), max_bytes)


def _record(out: Path, name: str) -> dict[str, object] | None:
    """The record of a shard that is done, or None."""
    if not (out / f"{name}.nq").is_file():
        return None
    try:
        record = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _count(record: dict[str, object] | None, key: str) -> int:
    value = (record or {}).get(key)
    return value if isinstance(value, int) else 0


def _slug(name: str) -> str:
    return _SLUG.sub("-", name.lower()).strip("-") or "corpus"


def _json(data: object) -> bytes:
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` whole or not at all (a reader never sees half a file).

    :raises CorpusWriteError: when the file cannot be written (the shards written are kept).
    """
    partial = path.with_name(path.name + ".tmp")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as exc:
        raise CorpusWriteError(
            f"cannot write {path} ({exc.strerror or exc}); the shards written are kept: "
            "make room or fix the folder, then run the same command again"
        ) from None
