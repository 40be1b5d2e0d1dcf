"""The verified mappings as an SSSOM mapping set: ``spinekg.sssom.tsv`` with its metadata.

One row per released mapping (``mappings.tsv`` rows whose status is VERIFIED; the others never
leave the table), read back from the mapping graph so that the file says exactly what the OWL
release says: subject, SKOS predicate, object (the Bioregistry's canonical CURIE), the
curator's justification, author, the source document the row was checked against, and the note.
The confidence is 1.0 throughout: only rows a curator verified against the source's own data
are released (how close the match is, is the predicate's business, not the confidence's).
The metadata block (``#``-prefixed YAML) carries the mapping set's id, version, licence and a
CURIE map covering every prefix the rows use. ``tests/test_release_formats.py`` parses and
validates the file with the ``sssom`` package.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from rdflib import DCTERMS, OWL, RDF, RDFS, Graph, URIRef

from spinekg.kernel.namespaces import (
    BASE,
    MAPPING_PREDICATES,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    PREFIXES,
    SPINE,
    curie,
)
from spinekg.kernel.release_files import SSSOM

__all__ = ["COLUMNS", "sssom_table"]

#: The columns, in the order SSSOM's specification lists them.
COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "mapping_justification",
    "author_id",
    "author_label",
    "mapping_source",
    "confidence",
    "comment",
)
#: Who curated the mappings: the project's contributors (see CITATION.cff).
AUTHOR = "spine:contributors"
#: Every released mapping was checked by a curator against the cited source's data.
JUSTIFICATION = "semapv:ManualMappingCuration"
_ESCAPED = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def sssom_table(graphs: Mapping[URIRef, Graph]) -> str:
    """The SSSOM TSV text of the mappings in ``graphs`` (the release's named graphs)."""
    creator = str(graphs[ONTOLOGY_GRAPH].value(ONTOLOGY_IRI, DCTERMS.creator))
    rows = sorted(set(_rows(graphs, creator)))  # a mapping two graphs hold is one row
    used = {"skos", "semapv", "spine"}
    used |= {row[0].split(":", 1)[0] for row in rows} | {row[3].split(":", 1)[0] for row in rows}
    ontology = graphs[ONTOLOGY_GRAPH]
    version = str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo))
    license_ = str(ontology.value(ONTOLOGY_IRI, DCTERMS.license))
    lines = [
        f"mapping_set_id: {BASE}releases/{version}/{SSSOM}",
        f"mapping_set_version: {version}",
        "mapping_set_title: spinekg verified mappings to UBERON, FMA, HP, MONDO, DOID, NCIT, "
        "SNOMED CT, ICD-10-CM, MeSH and UMLS",
        f"license: {license_}",
        f"subject_source: {ONTOLOGY_IRI}",
        "curie_map:",
        *(f"  {prefix}: {PREFIXES[prefix]}" for prefix in sorted(used)),
    ]
    out = [f"#{line}" for line in lines]
    out.append("\t".join(COLUMNS))
    out += ["\t".join(cell.translate(_ESCAPED) for cell in row) for row in rows]
    return "\n".join(out) + "\n"


def _rows(graphs: Mapping[URIRef, Graph], creator: str) -> Iterator[tuple[str, ...]]:
    labels = {s: str(o) for g in graphs.values() for s, o in g.subject_objects(RDFS.label)}
    for graph in graphs.values():
        axioms = {
            (
                graph.value(a, OWL.annotatedSource),
                graph.value(a, OWL.annotatedProperty),
                graph.value(a, OWL.annotatedTarget),
            ): a
            for a in graph.subjects(RDF.type, OWL.Axiom)
        }
        for predicate in MAPPING_PREDICATES:
            for subject, target in graph.subject_objects(predicate):
                if not str(subject).startswith(BASE):
                    continue
                axiom = axioms.get((subject, predicate, target))
                sources = (
                    sorted(str(s) for s in graph.objects(axiom, DCTERMS.source)) if axiom else []
                )
                note = str(graph.value(axiom, SPINE.note) or "") if axiom else ""
                yield (
                    curie(str(subject)),
                    labels.get(subject, ""),
                    curie(str(predicate)),
                    curie(str(target)),
                    JUSTIFICATION,
                    AUTHOR,
                    creator,
                    "|".join(curie(s) for s in sources),
                    "1.0",
                    note,
                )
