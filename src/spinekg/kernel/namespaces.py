"""IRIs, prefixes and CURIE handling for spinekg.

Every term spinekg mints lives under :data:`SPINE` (``https://w3id.org/spinekg/``). Term IRIs
are stable slugs: classes in CamelCase (``spine:NerveRoot``), properties in lowerCamelCase
(``spine:innervates``), individuals as ``<kind>-<id>`` (``spine:root-L5``).
"""

from __future__ import annotations

import hashlib

import curies
from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, BNode, Namespace, URIRef

BASE = "https://w3id.org/spinekg/"
SPINE = Namespace(BASE)
OBO = Namespace("http://purl.obolibrary.org/obo/")
OBOINOWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")
CLAIM = Namespace(BASE + "claim/")
EVIDENCE = Namespace(BASE + "evidence/")
GRAPH = Namespace(BASE + "graph/")

#: ``IAO:0000115``, the OBO "definition" annotation property.
DEFINITION = OBO["IAO_0000115"]
#: ``oboInOwl:hasExactSynonym``.
EXACT_SYNONYM = OBOINOWL["hasExactSynonym"]

ONTOLOGY_IRI = URIRef(BASE + "spinekg.owl")
ONTOLOGY_GRAPH = GRAPH["ontology"]

#: Prefixes written into every release file and accepted in CURIEs.
PREFIXES: dict[str, str] = {
    "spine": BASE,
    "claim": str(CLAIM),
    "evidence": str(EVIDENCE),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "obo": str(OBO),
    "oboInOwl": str(OBOINOWL),
}

#: The ``PREFIX`` lines of every prefix above, for SPARQL sent to a server.
SPARQL_PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())

#: External vocabularies that mappings may point to (prefix -> IRI prefix).
MAPPING_PREFIXES: dict[str, str] = {
    "UBERON": "http://purl.obolibrary.org/obo/UBERON_",
    "HP": "http://purl.obolibrary.org/obo/HP_",
    "MONDO": "http://purl.obolibrary.org/obo/MONDO_",
    "DOID": "http://purl.obolibrary.org/obo/DOID_",
    "NCIT": "http://purl.obolibrary.org/obo/NCIT_",
    "FMA": "http://purl.org/sig/ont/fma/fma",
    "SCTID": "http://snomed.info/id/",
    "ICD10CM": "http://purl.bioontology.org/ontology/ICD10CM/",
    "MESH": "http://id.nlm.nih.gov/mesh/",
    "UMLS": "http://linkedlifedata.com/resource/umls/id/",
}

#: Converter between CURIEs and IRIs for every prefix spinekg knows.
CONVERTER = curies.Converter.from_prefix_map({**PREFIXES, **MAPPING_PREFIXES})


def mint(kind: str, local_id: str) -> URIRef:
    """Return the stable IRI of an individual of a given kind.

    >>> mint("root", "L5")
    rdflib.term.URIRef('https://w3id.org/spinekg/root-L5')
    """
    return SPINE[f"{kind}-{local_id}" if kind else local_id]


def curie(iri: str) -> str:
    """Compress an IRI to a CURIE, or return it unchanged when no prefix matches.

    >>> curie("https://w3id.org/spinekg/root-L5")
    'spine:root-L5'
    """
    return CONVERTER.compress(iri) or iri


def expand(value: str) -> str | None:
    """Expand a CURIE to an IRI, or return ``None`` if its prefix is unknown.

    >>> expand("UBERON:0001066")
    'http://purl.obolibrary.org/obo/UBERON_0001066'
    """
    return CONVERTER.expand(value)


#: The label prefix of blank nodes whose labels are already stable (see :func:`stable_bnode`).
STABLE_BNODE_PREFIX = "k"


def stable_bnode(*parts: object) -> BNode:
    """A blank node labelled by a digest of ``parts``: the same in every build.

    Release files need reproducible blank-node labels; nodes minted this way need no
    canonicalisation (which costs seconds on thousands of axiom annotations).

    >>> stable_bnode("axiom", "a") == stable_bnode("axiom", "a")
    True
    """
    digest = hashlib.sha1(" ".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]
    return BNode(STABLE_BNODE_PREFIX + digest)
