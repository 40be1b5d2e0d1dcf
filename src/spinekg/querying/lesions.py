"""The candidate lesions of ``localize``, and what ``localize_feature`` says of a finding.

The herniation scenarios, what each compresses and the roots whose weight each takes are read
once per runner and kept while the runner lives, as are the rows of ``localize_feature``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from spinekg.querying.catalog import rows
from spinekg.querying.findings import Reading
from spinekg.querying.runner import Runner, kept, solutions

__all__ = [
    "CERVICAL_CORD",
    "THORACIC_CORD",
    "Lesion",
    "Lesions",
    "feature_rows",
    "lesions",
    "spared",
]


def feature_rows(runner: Runner, iri: str) -> list[dict[str, str]]:
    """The rows of ``localize_feature`` for one feature: root or lesion, axis, weight, paths."""
    cache = kept(runner)
    key = f"feature {iri}"
    if key not in cache:
        cache[key] = list(rows(runner, "localize_feature", feature=ox.NamedNode(iri)))
    return cache[key]  # type: ignore[return-value]


_LESIONS = """
SELECT ?lesion ?label ?disc ?zone ?structure ?structureLabel ?principal ?usual ?frequent ?root
WHERE {
  ?lesion a spine:HerniationScenario ; rdfs:label ?label ;
          spine:atDisc ?d ; spine:inZone/skos:notation ?zone ; spine:compresses ?structure .
  ?d skos:notation ?disc .
  ?structure rdfs:label ?structureLabel .
  # each test its own cast EXISTS, combined in Python: Virtuoso 7 answers a bare EXISTS as
  # 1 or 0 and compiles no expression of several
  BIND(xsd:boolean(EXISTS { ?lesion spine:principallyCompresses ?structure }) AS ?principal)
  BIND(xsd:boolean(EXISTS { ?rad spine:involvesRoot ?structure ; spine:usualDisc ?d }) AS ?usual)
  BIND(xsd:boolean(EXISTS { ?d spine:commonlyHerniated true }) AS ?frequent)
  BIND(xsd:boolean(EXISTS { ?structure a spine:SpinalNerveRoot }) AS ?root)
} ORDER BY ?lesion ?structure"""
#: The roots at each disc (compressed by any herniation there): a cord lesion's level.
_LEVEL_ROOTS = """
SELECT DISTINCT ?disc ?root WHERE {
  ?h a spine:HerniationScenario ; spine:atDisc/skos:notation ?disc ; spine:compresses ?root .
  ?root a spine:SpinalNerveRoot .
}"""


@dataclass(frozen=True)
class Lesion:
    """A herniation scenario as localize ranks it: where, and what it principally compresses."""

    label: str
    disc: str
    zone: str
    structure: str
    root: str | None
    common: bool


@dataclass(frozen=True)
class Lesions:
    """Every herniation scenario, and the share of each root's weight each one takes."""

    #: root iri -> {lesion iri: share of the root's weight the lesion takes}
    by_root: dict[str, dict[str, float]]
    info: dict[str, Lesion]


def lesions(runner: Runner) -> Lesions:
    """The herniation scenarios of the graph ``runner`` answers from (made once per runner).

    A scenario takes all of the weight of the root it principally compresses and half of a
    root it may compress; a cord or cauda equina lesion takes two thirds of the roots at its
    disc (the lower-motor-neuron signs at the level of the lesion).
    """
    cache = kept(runner)
    if "lesions" in cache:
        return cache["lesions"]  # type: ignore[return-value]
    by_root: dict[str, dict[str, float]] = defaultdict(dict)
    info: dict[str, Lesion] = {}
    central: dict[str, str] = {}
    for s in solutions(runner, _LESIONS):
        v = {k: str(t.value) for k in _COLUMNS if (t := s[k]) is not None}
        lesion, principal = v["lesion"], v["principal"] == "true"
        # a root lesion at the usual disc of its root's radiculopathy (L4: L3-L4), a cord or
        # cauda equina lesion at a commonly herniated disc
        is_root = v["root"] == "true"
        v["central"] = str(not is_root).lower()
        v["common"] = str(v["usual"] == "true" or (not is_root and v["frequent"] == "true")).lower()
        if v["central"] == "true":
            higher = lesion in info and _height(info[lesion].structure) <= _height(
                v["structureLabel"]
            )
            if principal and not higher:
                central[lesion] = v["disc"]
                info[lesion] = Lesion(
                    v["label"],
                    v["disc"],
                    v["zone"],
                    v["structureLabel"],
                    None,
                    v["common"] == "true",
                )
            continue
        share = 1.0 if principal else 0.5
        by_root[v["structure"]][lesion] = max(share, by_root[v["structure"]].get(lesion, 0.0))
        if principal and (lesion not in info or info[lesion].root is None):
            info[lesion] = Lesion(
                v["label"],
                v["disc"],
                v["zone"],
                v["structureLabel"],
                v["structureLabel"],
                v["common"] == "true",
            )
    level: dict[str, set[str]] = defaultdict(set)
    for s in solutions(runner, _LEVEL_ROOTS):
        level[str(s["disc"].value)].add(str(s["root"].value))
    for lesion, disc in central.items():
        for root in level.get(disc, set()):
            by_root[root][lesion] = max(2 / 3, by_root[root].get(lesion, 0.0))
    answer = Lesions(dict(by_root), info)
    cache["lesions"] = answer
    return answer


#: The cord, conus and cauda equina from the top down: a lesion that compresses two (C7-T1 the
#: cervical and the thoracic cord; L1-L2 the conus and the cauda equina) is shown by the higher.
CERVICAL_CORD = "cervical spinal cord"
THORACIC_CORD = "thoracic spinal cord"
_TOP_DOWN = (
    CERVICAL_CORD,
    THORACIC_CORD,
    "lumbar spinal cord",
    "conus medullaris",
    "cauda equina",
)


def _height(structure: str) -> int:
    return _TOP_DOWN.index(structure) if structure in _TOP_DOWN else len(_TOP_DOWN)


_COLUMNS = (
    "lesion",
    "label",
    "disc",
    "zone",
    "structure",
    "structureLabel",
    "principal",
    "usual",
    "frequent",
    "root",
)

#: The parts of the body each lesion's condition spares (a thoracic cord lesion: arm and hand).
_SPARED_PLACES = """
SELECT DISTINCT ?lesion ?place WHERE {
  ?lesion a spine:HerniationScenario ; spine:principallyCompresses ?structure ;
          spine:causes ?condition .
  ?claim spine:claimSubject ?condition ; spine:claimPredicate spine:symptomsIn ;
         spine:claimObject ?place ; spine:hasModality spine:modality-negated .
}"""
#: Where each target lies: itself and every body part it is part of or acts at.
_WHERE = """
SELECT DISTINCT ?thing ?place WHERE {
  ?thing (spine:partOf|spine:movementAt|spine:testsMuscle)* ?place .
  ?place a spine:BodyPart .
}"""


def spared(runner: Runner, evidence: list[Reading]) -> dict[str, set[int]]:
    """Map each lesion to the findings (by index) in a part of the body its condition spares."""
    spares: dict[str, set[str]] = defaultdict(set)
    for s in solutions(runner, _SPARED_PLACES):
        spares[str(s["lesion"].value)].add(str(s["place"].value))
    if not spares:
        return {}
    where: dict[str, set[str]] = defaultdict(set)
    for s in solutions(runner, _WHERE):
        where[str(s["thing"].value)].add(str(s["place"].value))
    out: dict[str, set[int]] = defaultdict(set)
    for lesion, places in spares.items():
        for i, reading in enumerate(evidence):
            if any(where.get(t.iri, set()) & places for t in reading.targets):
                out[lesion].add(i)
    return out
