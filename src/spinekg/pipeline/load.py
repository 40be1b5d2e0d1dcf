"""Load the curated inputs: the ontology, the shapes and every loader's graphs, located.

Loading only reads and validates; reasoning, checks and the release are the next steps
(:mod:`spinekg.pipeline.build` runs them in order).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from spinekg.kernel.errors import display_path
from spinekg.kernel.namespaces import ONTOLOGY_GRAPH, expand
from spinekg.loaders import LOADERS, articles_path, curated_path, reference
from spinekg.loaders.text import lexicon as lexicon_module
from spinekg.loaders.text import negex as negex_module
from spinekg.loaders.text import tokens as tokens_module
from spinekg.loaders.text.lexicon import Lexicon, build_lexicon
from spinekg.ontology import ontology_path, parse_turtle, shapes_path

__all__ = ["Inputs", "Loaded", "cache_folder", "lexicon_of", "load", "vocabulary_key"]

#: A term that opens a block of the hand-edited Turtle: ``spine:Vertebra a owl:Class ;``.
_BLOCK = re.compile(r"^(?P<term>[A-Za-z][\w.-]*:[\w.-]+|<[^>\s]+>)\s")

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class Inputs:
    """The files a build reads: the ontology, the SHACL shapes, the tables and the articles.

    ``articles`` holds the folders of articles; with none, the text loader reads nothing and
    the NLP pipeline is never started.
    """

    ontology: Path
    shapes: Path
    curated: Path
    articles: tuple[Path, ...]
    #: Folders of claims extracted from a corpus (``spinekg extract --out``), as N-Quads shards.
    claims: tuple[Path, ...] = ()

    @classmethod
    def shipped(
        cls,
        *,
        ontology: PathLike | None = None,
        shapes: PathLike | None = None,
        curated: PathLike | None = None,
        articles: PathLike | Sequence[PathLike] | None = None,
        with_articles: bool = True,
        claims: Sequence[PathLike] = (),
    ) -> Inputs:
        """The files shipped with the package, each replaceable by a path of one's own.

        :param articles: one folder of articles or several, instead of the shipped one.
        :param with_articles: read no article at all.
        :param claims: folders of a corpus's claims (``spinekg extract --out``) to add.
        """
        if isinstance(articles, str | os.PathLike):
            articles = [articles]
        folders = tuple(Path(a) for a in articles) if articles else (articles_path(),)
        return cls(
            ontology=Path(ontology) if ontology else ontology_path(),
            shapes=Path(shapes) if shapes else shapes_path(),
            curated=Path(curated) if curated else curated_path(),
            articles=folders if with_articles else (),
            claims=tuple(Path(c) for c in claims),
        )


@dataclass
class Loaded:
    """The loaded inputs: named graphs, SHACL shapes, and ``file:line`` of each entity."""

    graphs: dict[URIRef, Graph]
    shapes: Graph
    locations: dict[URIRef, str] = field(default_factory=dict)
    #: Mentions in articles the text loader could not resolve: (file:line, text, reason).
    unrecognised: list[tuple[str, str, str]] = field(default_factory=list)

    #: Every graph's triples in one graph, merged once for the text loader, the reasoner and
    #: the checks.
    merged: Graph = field(default_factory=Graph)


def load(inputs: Inputs) -> Loaded:
    """Parse the ontology and shapes and run every loader.

    The table loaders run first; the text loader then reads the articles (if any) with the
    vocabulary of everything loaded so far; the claims of corpora come last.

    :raises CuratedDataError: with every problem found, each as ``file:line:column``.
    """
    tbox = parse_turtle(inputs.ontology)
    shapes = parse_turtle(inputs.shapes)
    graphs: dict[URIRef, Graph] = {ONTOLOGY_GRAPH: tbox}
    terms = frozenset(s for s in tbox.subjects() if isinstance(s, URIRef))
    located: dict[URIRef, tuple[Path, int]] = {}  # a table row defines an entity first
    for loader in LOADERS.values():
        graphs.update(loader(inputs.curated, ontology_terms=terms, locations=located))
    unrecognised: list[tuple[str, str, str]] = []
    merged = Graph()  # its own graph: the articles' claims are added to it below
    for graph in graphs.values():
        merged += graph
    if inputs.articles:
        from spinekg.loaders import text

        report: list[tuple[text.Article, text.Unrecognised]] = []
        articles = text.load(
            inputs.articles, graphs, locations=located, report=report, merged=merged
        )
        graphs.update(articles)
        for graph in articles.values():
            merged += graph
        unrecognised = [
            (
                f"{display_path(a.path)}:{a.text.count(chr(10), 0, u.start) + 1}",
                u.text,
                f"{u.reason}{'; closest: ' + ', '.join(u.closest) if u.closest else ''}",
            )
            for a, u in report
        ]
    if inputs.claims:
        from spinekg.pipeline.corpus import read_corpus

        tables = vocabulary_key(inputs)
        for folder in inputs.claims:
            corpus = read_corpus(folder, tables)
            graphs.update(corpus)
            for graph in corpus.values():
                merged += graph
    for iri, line in _turtle_blocks(inputs.ontology).items():
        located.setdefault(iri, (inputs.ontology, line))
    locations = {iri: f"{display_path(path)}:{line}" for iri, (path, line) in located.items()}
    return Loaded(graphs, shapes, locations, unrecognised, merged)


def lexicon_of(inputs: Inputs, *, cache: Path | None = None) -> Lexicon:
    """The text loader's vocabulary for ``inputs``, read from a cache when it is up to date.

    Building it means loading every table and the ontology (about 1.5 s); the cache, keyed by
    the contents of those files and of the code that builds it, makes ``spinekg extract``
    start in a fraction of that. A malformed table is not in the cache, so it is reported.

    :param cache: the cache folder (default: ``$SPINEKG_CACHE``, else ``$XDG_CACHE_HOME/spinekg``
        or ``~/.cache/spinekg``).
    :raises CuratedDataError: when the lexicon has to be built and an input is malformed.
    """
    folder = cache or cache_folder()
    path = folder / f"lexicon-{vocabulary_key(inputs)}.json"
    try:
        return Lexicon.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        pass
    tables_only = Inputs(inputs.ontology, inputs.shapes, inputs.curated, ())
    lexicon = build_lexicon(load(tables_only).graphs.values())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(lexicon.dumps(), encoding="utf-8")
        partial.replace(path)  # atomic: a parallel reader sees the whole file or none
    except OSError:
        pass  # no writable cache: build it again next time
    return lexicon


def cache_folder() -> Path:
    """Where spinekg keeps what it can compute again (the lexicon, built releases).

    ``$SPINEKG_CACHE``, else ``$XDG_CACHE_HOME/spinekg`` or ``~/.cache/spinekg``.
    """
    if os.environ.get("SPINEKG_CACHE"):
        return Path(os.environ["SPINEKG_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spinekg"


def vocabulary_key(inputs: Inputs) -> str:
    """A digest of every file the lexicon comes from, and of the code that builds it.

    The code is the lexicon's module, the table loaders' (which give entities names, such
    as "L5 nerve root compression" for L5 radiculopathy) and the tokenizer's (which gives each
    phrase the words the cache keeps for the matcher).
    """
    digest = hashlib.sha256()
    table_loaders = sorted(Path(reference.__file__).parent.glob("*.py"))
    tokenizer = [Path(negex_module.__file__), Path(tokens_module.__file__)]
    code = [*table_loaders, Path(lexicon_module.__file__), *tokenizer]
    files = [inputs.ontology, *sorted(inputs.curated.glob("*.tsv")), *code]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()[:24]


def _turtle_blocks(path: Path) -> dict[URIRef, int]:
    """The line on which each term's first block starts in a hand-edited Turtle file."""
    found: dict[URIRef, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _BLOCK.match(line)
        if match is None or line.startswith("@"):
            continue
        term = match["term"]
        iri = term[1:-1] if term.startswith("<") else expand(term)
        if iri is not None:
            found.setdefault(URIRef(iri), number)
    return found
