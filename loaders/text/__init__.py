"""The text loader: curated articles (Markdown with front matter) -> claims with evidence.

Each claim keeps its evidence (document, sentence, character offsets into the file, method,
confidence) and its modality (asserted, possible, negated); negated claims never become
edges. The vocabulary is the graph's own labels and synonyms (:mod:`.lexicon`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from rdflib import DCTERMS, OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from spinekg.kernel.claims import ClaimSet, Evidence, Triple
from spinekg.kernel.errors import CuratedDataError, Problem, display_path
from spinekg.kernel.graphs import superclasses, union
from spinekg.kernel.namespaces import GRAPH, PREFIXES, SPINE, mint
from spinekg.loaders import articles_path
from spinekg.loaders.text.articles import Article, read_article
from spinekg.loaders.text.extract import METHOD, Extraction, Unrecognised, extract
from spinekg.loaders.text.lexicon import Entity, build_lexicon
from spinekg.loaders.text.pipeline import Pipeline
from spinekg.loaders.text.relations import RELATIONS

__all__ = [
    "Article",
    "Pipeline",
    "Typing",
    "Unrecognised",
    "article_graph",
    "claim_triples",
    "claims_graph",
    "claims_turtle",
    "extract",
    "load",
    "pipeline_for",
    "read_article",
]


#: Where a "kind" stands for a treatment in "when conservative care fails, surgery".
KIND_AS_TREATMENT = {"conservative": SPINE["treatment-conservative-care"]}


def pipeline_for(graphs: Iterable[Graph]) -> Pipeline:
    """The NLP pipeline whose lexicon is the given graphs' labels and synonyms."""
    return Pipeline(build_lexicon(graphs))


def claims_turtle(extractions: Iterable[Extraction]) -> str:
    """The claims of extractions as Turtle, with the project's prefixes."""
    graph = claims_graph(extractions)
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    return graph.serialize(format="turtle")


def load(
    folders: Sequence[Path],
    graphs: Mapping[URIRef, Graph],
    *,
    locations: dict[URIRef, tuple[Path, int]] | None = None,
    report: list[tuple[Article, Unrecognised]] | None = None,
    merged: Graph | None = None,
) -> dict[URIRef, Graph]:
    """Read every ``*.md`` article of ``folders``: one named graph per article, its claims.

    Each article is a ``spine:SourceDocument`` in its own graph (``graph/articles/<id>``) with
    its claims, their evidence sentences and offsets. A claim several articles make is one
    claim node, with the evidence of each in that article's graph.

    :param report: if given, filled with the mentions the loader could not resolve.
    :param merged: ``graphs`` already merged into one, if the caller has them.
    :raises CuratedDataError: listing every malformed article, and ids used twice.
    """
    problems: list[Problem] = []
    articles: list[Article] = []
    seen: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            try:
                article = read_article(path)
            except CuratedDataError as error:
                problems += error.problems
                continue
            if article.id in seen:
                problems.append(
                    Problem(path, 2, 1, f"id {article.id!r} is also the id of {seen[article.id]}")
                )
                continue
            seen[article.id] = path
            articles.append(article)
    if problems:
        raise CuratedDataError(problems)
    if not articles:  # the NLP pipeline takes seconds to start; no article, no pipeline
        return {}
    known = [merged if merged is not None else union(graphs.values())]  # merged once
    pipeline = pipeline_for(known)
    extractions = [extract(article, pipeline) for article in articles]
    fits = Typing(known).fits
    out = {article_graph(e.article): claims_graph([e], fits=fits) for e in extractions}
    if report is not None:
        report += [(e.article, u) for e in extractions for u in e.unrecognised]
    if locations is not None:
        for article in articles:
            locations.setdefault(article_iri(article), (article.path, 1))
    return out


def article_graph(article: Article) -> URIRef:
    """The named graph of one article and its claims."""
    return GRAPH[f"articles/{article.id}"]


def article_iri(article: Article) -> URIRef:
    """The IRI of an article as a source document."""
    return mint("article", article.id)


class Typing:
    """Whether a claim's ends are of the classes its property's domain and range name.

    Text says things the graph's properties do not (a finding "has" a symptom, a nerve
    "innervates" a patch of skin): such claims are shown by ``spinekg extract`` but kept out of
    the graph, which stays consistent with the ontology.
    """

    def __init__(self, graphs: Iterable[Graph]) -> None:
        """Read the domains, ranges and the types of every entity from ``graphs``."""
        merged = union(graphs)
        above = superclasses(merged)
        self.types: dict[Node, set[Node]] = {}
        for s, o in merged.subject_objects(RDF.type):
            self.types.setdefault(s, set()).update(above.get(o, {o}))
        self.domain = {p: _classes(merged, d) for p, d in merged.subject_objects(RDFS.domain)}
        self.range = {p: _classes(merged, r) for p, r in merged.subject_objects(RDFS.range)}

    def fits(self, subject: URIRef, prop: URIRef, obj: URIRef) -> bool:
        """Whether ``subject prop obj`` keeps to the property's domain and range."""
        for end, allowed in ((subject, self.domain.get(prop)), (obj, self.range.get(prop))):
            if allowed and not allowed & self.types.get(end, set()):
                return False
        return True


def _classes(graph: Graph, node: Node) -> set[Node]:
    """A class, or the members of an ``owl:unionOf``."""
    members = graph.value(node, OWL.unionOf)
    return set(graph.items(members)) if members is not None else {node}


def claims_graph(
    extractions: Iterable[Extraction],
    *,
    fits: Callable[[URIRef, URIRef, URIRef], bool] | None = None,
) -> Graph:
    """The articles as source documents and their claims, merged across articles.

    :param fits: keeps a claim only if it keeps to its property's domain and range.
    """
    graph = Graph()
    for triple in claim_triples(extractions, fits=fits):
        graph.add(triple)
    return graph


def claim_triples(
    extractions: Iterable[Extraction],
    *,
    fits: Callable[[URIRef, URIRef, URIRef], bool] | None = None,
) -> Iterator[Triple]:
    """The triples of :func:`claims_graph` (a triple may come more than once)."""
    claims = ClaimSet()
    for extraction in extractions:
        article = extraction.article
        doc = article_iri(article)
        yield doc, RDF.type, OWL.NamedIndividual
        yield doc, RDF.type, SPINE.SourceDocument
        yield doc, RDFS.label, Literal(article.title)
        if article.source:
            yield doc, SPINE.url, Literal(article.source)
        for key, prop in (("author", DCTERMS.creator), ("license", DCTERMS.license)):
            if article.meta.get(key):
                yield doc, prop, Literal(article.meta[key])
        if article.meta.get("reviewed"):
            yield doc, DCTERMS.date, Literal(article.meta["reviewed"])
        path = _repository_path(article.path)
        for claim in extraction.claims:
            subject = _as_treatment(claim.subject, claim.relation)
            props = [SPINE[name] for name in RELATIONS[claim.relation]]
            if fits is not None:
                props = [p for p in props if fits(subject, p, claim.object.iri)]
            if not props:
                continue
            prop = props[0]
            claims.add(
                subject,
                prop,
                claim.object.iri,
                Evidence(
                    article.id,
                    curated_in=path,
                    method=METHOD,
                    sentence=claim.sentence,
                    start=claim.start,
                    end=claim.end,
                    confidence=Decimal(str(claim.confidence)),
                    document=doc,
                ),
                modality=claim.modality,  # type: ignore[arg-type]
            )
    yield from claims.triples()


def _repository_path(path: Path) -> str:
    """Where an article file is, the same in every build from the same command.

    A shipped article is ``loaders/articles/<file>`` wherever the package was installed;
    another is the path as given.
    """
    if path.parent.resolve() == articles_path().resolve():
        return f"loaders/articles/{path.name}"
    return display_path(path)


def _as_treatment(entity: Entity, relation: str) -> URIRef:
    if relation == "tried_before" and entity.category == "KIND":
        return KIND_AS_TREATMENT.get(entity.label, entity.iri)
    return entity.iri
