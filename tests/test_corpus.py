"""A corpus into N-Quads shards: the same output locally and on a Dask cluster, resumable,
taken by the build; every bad input one clear message."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from spinekg.cli import main
from spinekg.kernel.errors import CuratedDataError
from spinekg.kernel.namespaces import GRAPH, SPINE
from spinekg.pipeline import build_cache
from spinekg.pipeline.corpus import MANIFEST, Vocabulary, extract_corpus, plan, read_corpus
from spinekg.pipeline.engines import DaskEngine, EngineError, LocalEngine
from spinekg.pipeline.load import Inputs, load, vocabulary_key
from spinekg.querying.publish import publish
from spinekg.querying.runner import RemoteRunner
from tests.conftest import TINY
from tests.servers import free_port, start_writable, stop

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

#: Short documents of our own, in the tiny world's vocabulary.
DOCUMENTS = {
    "a/one.md": "# Foot weakness\n\nThe L5 nerve root supplies the tibialis anterior.\n",
    "a/two.txt": "A herniated disc can compress a nerve root. It may cause numbness.\n",
    "b/three.md": "# Reflexes\n\nAn S1 radiculopathy can cause diminished reflexes.\n",
    "b/four.md": "Sciatica is pain felt in the leg.\n",
    "b/five.md": "The L4 nerve root supplies the quadriceps femoris.\n",
}

TINY_INPUTS = Inputs.shipped(curated=TINY / "curated", with_articles=False)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.of(TINY_INPUTS)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    for name, text in DOCUMENTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "b" / "broken.md").write_bytes(b"caf\xe9 \xff\xfe\n")  # not UTF-8
    return root


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, vocabulary: Vocabulary) -> Path:
    """The corpus extracted on one core, in this process."""
    root = tmp_path_factory.mktemp("ref") / "docs"
    for name, text in DOCUMENTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "b" / "broken.md").write_bytes(b"caf\xe9 \xff\xfe\n")
    out = root.parent / "out"
    run = extract_corpus([root], out, vocabulary, LocalEngine(1), corpus="demo", shard_size=2)
    assert run.complete
    return out


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def shards(folder: Path) -> dict[str, object]:
    """The shards' claims and records, by shard number (their names hold the files' times)."""
    out: dict[str, object] = {}
    for path in folder.glob("shard-*"):
        if path.suffix == ".json":
            out[path.name[:11] + ".json"] = json.loads(path.read_text()) | {"name": None}
        else:
            out[path.name[:11] + ".nq"] = path.read_bytes()
    return out


def test_the_shards_hold_each_documents_claims_in_a_graph_per_shard(reference: Path) -> None:
    manifest = json.loads((reference / MANIFEST).read_text())
    assert manifest["complete"] is True
    assert manifest["documents"] == 6
    assert [s["graph"] for s in manifest["shards"]] == [
        f"{GRAPH}corpus/demo/0000{n}" for n in range(3)
    ]
    nquads = "".join(p.read_text() for p in sorted(reference.glob("*.nq")))
    supplies = f"<{SPINE['root-L5']}> <{SPINE.innervates}> <{SPINE['muscle-tibialis-anterior']}>"
    assert supplies in nquads
    # the document is a source with its id from its path, its evidence its own sentence
    assert f"<{SPINE['article-demo-a-one']}>" in nquads
    assert '"The L5 nerve root supplies the tibialis anterior."' in nquads
    assert '"docs/a/one.md"' in nquads  # where the evidence is: the path below the root given
    records = [json.loads(p.read_text()) for p in sorted(reference.glob("shard-*.json"))]
    assert [r["documents"] for r in records] == [
        ["docs/a/one.md", "docs/a/two.txt"],
        ["docs/b/broken.md", "docs/b/five.md"],
        ["docs/b/four.md", "docs/b/three.md"],
    ]
    assert records[1]["problems"] == [
        "docs/b/broken.md:1:1: not valid UTF-8 text; save the article as UTF-8"
    ]
    assert manifest["claims"] == sum(r["claims"] for r in records) > 3


def test_a_dask_cluster_writes_the_same_bytes(
    reference: Path, vocabulary: Vocabulary, tmp_path: Path
) -> None:
    root = next(reference.parent.glob("docs"))
    with DaskEngine(workers=2) as engine:
        assert engine.workers == 2
        run = extract_corpus([root], tmp_path, vocabulary, engine, corpus="demo", shard_size=2)
    assert (run.extracted, run.kept, run.failed) == (3, 0, [])
    assert files(tmp_path) == files(reference)


class FailingEngine:
    """Runs in this process, and fails every shard after the first ``ok``."""

    workers = 1

    def __init__(self, ok: int) -> None:
        self.ok = ok

    def run(
        self, work: Callable[[T, S], R], tasks: list[T], shared: S
    ) -> Iterator[tuple[T, R | BaseException]]:
        for number, task in enumerate(tasks):
            yield task, (work(task, shared) if number < self.ok else MemoryError("worker lost"))


def test_a_failed_run_is_resumed_without_redoing_what_was_done(
    corpus: Path, reference: Path, vocabulary: Vocabulary, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = extract_corpus([corpus], out, vocabulary, FailingEngine(1), corpus="demo", shard_size=2)
    assert not first.complete
    assert [f[:11] for f in first.failed] == ["shard-00001", "shard-00002"]
    assert first.failed[0].endswith("(docs/b/broken.md ...): worker lost")
    assert json.loads((out / MANIFEST).read_text())["complete"] is False
    with pytest.raises(CuratedDataError, match="the extraction did not complete; run"):
        read_corpus(out, vocabulary.tables)
    done = next(out.glob("shard-00000-*.nq"))
    written = done.stat().st_mtime_ns

    second = extract_corpus([corpus], out, vocabulary, LocalEngine(1), corpus="demo", shard_size=2)
    assert (second.kept, second.extracted, second.complete) == (1, 2, True)
    assert done.stat().st_mtime_ns == written  # not redone
    assert shards(out) == shards(reference)
    # a changed document is extracted again, with its shard only
    (corpus / "a" / "one.md").write_text("The L5 nerve root supplies the gluteus medius.\n")
    third = extract_corpus([corpus], out, vocabulary, LocalEngine(1), corpus="demo", shard_size=2)
    assert (third.kept, third.extracted) == (2, 1)
    assert not done.exists()  # the shard of the earlier plan is gone
    assert len(list(out.glob("shard-*.nq"))) == 3


def test_the_build_takes_a_complete_corpus(reference: Path, vocabulary: Vocabulary) -> None:
    inputs = Inputs.shipped(curated=TINY / "curated", with_articles=False, claims=[reference])
    loaded = load(inputs)
    graph = loaded.graphs[URIRef(f"{GRAPH}corpus/demo/00000")]
    edge = (SPINE["root-L5"], SPINE.innervates, SPINE["muscle-tibialis-anterior"])
    assert edge in graph
    assert edge in loaded.merged
    assert build_cache.fingerprint(inputs) != build_cache.fingerprint(TINY_INPUTS)


def test_the_build_refuses_a_damaged_or_foreign_corpus(
    reference: Path, tmp_path: Path, vocabulary: Vocabulary
) -> None:
    other = vocabulary_key(Inputs.shipped(with_articles=False))
    with pytest.raises(CuratedDataError) as caught:
        read_corpus(reference, other)
    assert str(caught.value) == (
        f"{reference}/corpus.json:1:1: extracted with other ontology or tables than this "
        f"build's; run `spinekg extract ... --out {reference}` again"
    )
    copy = tmp_path / "copy"
    copy.mkdir()
    for name, data in files(reference).items():
        (copy / name).write_bytes(data)
    shard = next(copy.glob("shard-00001-*.nq"))
    shard.write_bytes(shard.read_bytes()[:-10])
    with pytest.raises(CuratedDataError, match=f"shard {shard.name} is missing or changed since"):
        read_corpus(copy, vocabulary.tables)
    with pytest.raises(CuratedDataError, match=re.escape("corpus.json:1:1: no corpus here")):
        read_corpus(tmp_path, vocabulary.tables)


def test_documents_that_would_share_an_id_are_named_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "Note 1.md").write_text("text")
    (tmp_path / "x" / "note-1.txt").write_text("text")
    with pytest.raises(CuratedDataError) as caught:
        plan([tmp_path / "x", tmp_path / "missing"], "c")
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path}/x/note-1.txt:1:1: document id 'c-note-1' is also that of "
        f"{tmp_path}/x/Note 1.md",
        f"{tmp_path}/missing:1:1: no such file or folder",
    ]


def test_the_command_reports_problems_and_resumes(
    corpus: Path, tmp_path: Path, vocabulary: Vocabulary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Vocabulary, "of", classmethod(lambda cls, inputs: vocabulary))
    out = tmp_path / "claims"
    args = ["extract", str(corpus), "--out", str(out), "--shard-size", "4"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1
    assert first.stderr.splitlines() == [
        "error: docs/b/broken.md:1:1: not valid UTF-8 text; save the article as UTF-8",
        "1 document(s) could not be read.",
    ]
    assert first.stdout.startswith("6 documents in 2 shards (2 extracted now, 0 kept")
    again = CliRunner().invoke(main, args)
    assert "(0 extracted now, 2 kept from an earlier run)" in again.stdout
    assert json.loads((out / MANIFEST).read_text())["corpus"] == "claims"


def test_an_unreachable_scheduler_is_one_message(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(EngineError) as caught:
        DaskEngine("tcp://127.0.0.1:9", timeout=0.5)
    assert str(caught.value).startswith("cannot reach the Dask scheduler at tcp://127.0.0.1:9 (")
    assert str(caught.value).endswith(
        "start one with `dask scheduler` and workers with `dask worker <address>`"
    )


def die_at_two(task: int, shared: int) -> int:
    if task == 2:
        os._exit(3)  # the worker process dies, as on an out-of-memory kill
    time.sleep(0.2)
    return task * shared


def test_a_dead_local_worker_fails_its_tasks_not_the_run() -> None:
    outcomes = dict(LocalEngine(2).run(die_at_two, [1, 2, 3, 4, 5, 6, 7, 8], 10))
    assert sorted(outcomes) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert all(isinstance(o, BrokenProcessPool) or o == t * 10 for t, o in outcomes.items())
    assert isinstance(outcomes[2], BrokenProcessPool)
    assert isinstance(outcomes[8], BrokenProcessPool)  # never started: failed with the pool


def test_an_output_folder_that_cannot_be_made_is_one_message(
    corpus: Path, tmp_path: Path, vocabulary: Vocabulary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Vocabulary, "of", classmethod(lambda cls, inputs: vocabulary))
    (tmp_path / "a-file").write_text("not a folder")
    out = tmp_path / "a-file" / "claims"
    result = CliRunner().invoke(main, ["extract", str(corpus), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot make {out}/ (Not a directory)\n"


def test_publish_puts_each_shard_beside_the_release_and_verifies_it(
    reference: Path, tiny_release: Path, tmp_path: Path
) -> None:
    port = free_port()
    server = start_writable(tmp_path / "store", port)
    try:
        url = f"http://127.0.0.1:{port}"
        done = publish(
            tiny_release, graph_store=f"{url}/store", endpoint=f"{url}/query", claims=[reference]
        )
        manifest = json.loads((reference / MANIFEST).read_text())
        for shard in manifest["shards"]:
            assert done.graphs[shard["graph"]] == shard["triples"] > 0
        ask = RemoteRunner(f"{url}/query").execute(
            f"ASK {{ GRAPH <{GRAPH}corpus/demo/00000> {{ <{SPINE['root-L5']}> "
            f"<{SPINE.innervates}> <{SPINE['muscle-tibialis-anterior']}> }} }}"
        )
        assert bool(ask) is True
        # the store mirrors what is published: without the corpus, its graphs go
        again = publish(tiny_release, graph_store=f"{url}/store", endpoint=f"{url}/query")
        assert again.removed == [s["graph"] for s in manifest["shards"]]
    finally:
        stop(server)
