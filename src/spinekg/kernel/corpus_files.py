"""The folder of a corpus's claims, named once for the side that writes it and those that read.

``spinekg extract --out DIR`` (:mod:`spinekg.pipeline.corpus`) writes it; ``build --claims``
and ``publish --claims`` read it through :func:`corpus_shards`, which checks that the
extraction completed and that no shard changed since.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from spinekg.kernel.errors import CuratedDataError, Problem, display_path, first_line
from spinekg.kernel.release_files import sha256

__all__ = ["FORMAT", "MANIFEST", "ShardFile", "corpus_shards"]

#: The corpus manifest in the output folder.
MANIFEST = "corpus.json"
#: The version of the folder's layout.
FORMAT = 1


@dataclass(frozen=True)
class ShardFile:
    """A written shard: its file, its named graph and how many triples that holds."""

    path: Path
    graph: str
    triples: int

    def ntriples(self) -> bytes:
        """The shard's triples as N-Triples (the body of a Graph Store Protocol PUT)."""
        quads = ox.parse(path=self.path, format=ox.RdfFormat.N_QUADS)
        return ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""


def corpus_shards(folder: Path, tables: str | None = None) -> list[ShardFile]:
    """The shards of a complete corpus, each checked against the manifest's digest.

    :param tables: if given, the digest of the ontology and tables the claims must have been
        extracted with.
    :raises CuratedDataError: when the corpus is incomplete, damaged or of other tables.
    """
    path = folder / MANIFEST

    def fail(message: str) -> CuratedDataError:
        return CuratedDataError([Problem(path, 1, 1, message)])

    again = f"run `spinekg extract ... --out {display_path(folder)}` again"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise fail(f"no corpus here; {again}") from None
    except (OSError, ValueError) as exc:
        raise fail(f"cannot be read ({first_line(exc)}); {again}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise fail(f"not a spinekg corpus manifest of format {FORMAT}; {again}")
    if manifest.get("complete") is not True:
        raise fail(f"the extraction did not complete; {again} (done shards are kept)")
    if tables is not None and manifest.get("tables") != tables:
        raise fail(f"extracted with other ontology or tables than this build's; {again}")
    shards = manifest.get("shards")
    if not isinstance(shards, list) or not all(isinstance(s, dict) for s in shards):
        raise fail(f"lists no shards; {again}")
    out = []
    for shard in shards:
        file = folder / f"{shard.get('name')}.nq"
        if not file.is_file() or sha256(file) != shard.get("sha256"):
            raise fail(f"shard {file.name} is missing or changed since extraction; {again}")
        triples = shard.get("triples")
        out.append(
            ShardFile(file, str(shard.get("graph")), triples if isinstance(triples, int) else 0)
        )
    return out
