"""IRIs, prefixes and CURIE handling for spinekg.

Every term spinekg mints lives under :data:`SPINE` (``https://w3id.org/spinekg/``). Term IRIs
are stable slugs: classes in CamelCase (``spine:NerveRoot``), properties in lowerCamelCase
(``spine:innervates``), individuals as ``<kind>-<id>`` (``spine:root-L5``).
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from rdflib import SKOS, BNode, Namespace, URIRef

if TYPE_CHECKING:
    import curies

BASE = "https://w3id.org/spinekg/"
SPINE = Namespace(BASE)
OBO = Namespace("http://purl.obolibrary.org/obo/")
OBOINOWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")
CLAIM = Namespace(BASE + "claim/")
EVIDENCE = Namespace(BASE + "evidence/")
GRAPH = Namespace(BASE + "graph/")
#: The Evidence and Conclusion Ontology: what kind of evidence an evidence record is.
ECO = Namespace("http://purl.obolibrary.org/obo/ECO_")

#: The SKOS mapping relations a mapping may use, from the strongest to the loosest.
MAPPING_PREDICATES: tuple[URIRef, ...] = tuple(
    SKOS[name] for name in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
)

#: ``IAO:0000115``, the OBO "definition" annotation property.
DEFINITION = OBO["IAO_0000115"]
#: ``oboInOwl:hasExactSynonym``.
EXACT_SYNONYM = OBOINOWL["hasExactSynonym"]

ONTOLOGY_IRI = URIRef(BASE + "spinekg.owl")
ONTOLOGY_GRAPH = GRAPH["ontology"]
#: The release's description of itself (VoID, DCAT), and the dataset it describes.
DESCRIPTION_GRAPH = GRAPH["dataset"]
DATASET = SPINE["dataset"]


def _prefix_file() -> dict[str, Any]:
    text = resources.files("spinekg.kernel").joinpath("prefixes.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


_PREFIX_FILE = _prefix_file()
#: The prefix records, by prefix.
_RECORDS: list[dict[str, Any]] = sorted(_PREFIX_FILE["records"], key=lambda r: str(r["prefix"]))


@cache
def converter() -> curies.Converter:
    """Converter between CURIEs and IRIs, built when first needed.

    spinekg's prefixes and those of every vocabulary it uses or maps to, as the Bioregistry has
    them (``prefixes.json``, written by ``scripts/update_prefixes.py``). It reads the synonyms
    other files use (``SNOMEDCT_US:``, ``SCTID:``, ``MESH:``, ``mesh:``, older IRI prefixes) and
    writes the canonical form.
    """
    import curies

    return curies.Converter.from_extended_prefix_map(_RECORDS)


#: Canonical prefix -> IRI prefix: bound in every release file, sent with every SPARQL query,
#: and the JSON-LD context.
PREFIXES: dict[str, str] = {record["prefix"]: record["uri_prefix"] for record in _RECORDS}

#: The SPARQL ``PREFIX`` lines of every prefix above, for SPARQL sent to a server.
SPARQL_PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())

#: External vocabularies that mappings may point to (canonical prefix -> IRI prefix).
MAPPING_PREFIXES: dict[str, str] = {
    prefix: PREFIXES[prefix] for prefix in _PREFIX_FILE["mapping_targets"]
}

#: The Bioregistry's pattern of a local identifier in each vocabulary mappings point to.
XREF_PATTERNS: dict[str, re.Pattern[str]] = {
    record["prefix"]: re.compile(record["pattern"])
    for record in _RECORDS
    if record["prefix"] in MAPPING_PREFIXES and record.get("pattern")
}


def standard_curie(value: str) -> str | None:
    """The canonical CURIE of a CURIE written with any known prefix synonym, or ``None``.

    >>> standard_curie("SNOMEDCT_US:23056005")
    'snomedct:23056005'
    """
    return converter().standardize_curie(value)


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
    return converter().compress(iri) or iri


def expand(value: str) -> str | None:
    """Expand a CURIE to an IRI, or return ``None`` if its prefix is unknown.

    >>> expand("UBERON:0001066")
    'http://purl.obolibrary.org/obo/UBERON_0001066'
    """
    return converter().expand(value)


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
