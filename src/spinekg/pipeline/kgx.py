"""The release as a Biolink graph: the KGX TSV tables ``nodes.tsv`` and ``edges.tsv``.

KGX (https://github.com/biolink/kgx, ``docs/kgx_format.md``) is the flat form of a Biolink Model
graph that Translator and Monarch tools read: one row per node (``id``, ``category`` and node
properties) and one row per edge (``subject``, ``predicate``, ``object``, ``knowledge_level``,
``agent_type``, ``primary_knowledge_source`` and edge properties); a multivalued cell joins its
values with ``|``.

**Nodes** are the individuals of the release (``owl:NamedIndividual``) that a claim names or that
have a label, except the modalities (a column of the edges here). A node's ``category`` comes
from its spine class: climb ``rdfs:subClassOf`` in the ontology graph to the nearest class of
:data:`CATEGORIES`. Its ``xref`` are its SKOS mapping targets, its ``name``, ``description``
and ``synonym`` its label, definition and exact synonyms.

**Edges** are the claims, one row per ``spine:Claim`` (asserted, possible and negated alike: a
negated claim is ``negated`` ``True``, and ``spinekg_modality`` keeps the modality, for which
Biolink has no slot). The spine property becomes a Biolink predicate by :data:`PREDICATES` and
stays in ``original_predicate``. ``agent_type`` is ``manual_agent`` when a curator transcribed
the claim from a cited source (an evidence record typed ECO:0000304) and ``text_mining_agent``
when only the text loader read it from an article (ECO:0007669). ``publications`` name the
evidence's sources: a DOI or PubMed id where the source's URL is one, else the source's node.

A spine class or property that has no entry in these tables stops the export
(:class:`~spinekg.kernel.errors.BuildError`): each Biolink term is a choice to make once, here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from spinekg.kernel.claims import ECO_CURATED, ECO_TEXT_MINED
from spinekg.kernel.errors import BuildError
from spinekg.kernel.namespaces import (
    BASE,
    DEFINITION,
    EXACT_SYNONYM,
    MAPPING_PREDICATES,
    ONTOLOGY_GRAPH,
    SPINE,
    curie,
    mint,
)

__all__ = [
    "CATEGORIES",
    "CONCEPT_CATEGORIES",
    "EDGE_COLUMNS",
    "INFORES",
    "NODE_COLUMNS",
    "PREDICATES",
    "kgx_tables",
    "publication_curie",
]

#: The knowledge source of every node and edge: the Translator information-resource id.
INFORES = "infores:spinekg"

#: The nodes' columns, in this order; ``category``, ``synonym``, ``xref`` and ``provided_by``
#: are multivalued. ``iri`` spells out the ``spine:`` ids, whose prefix no registry knows yet;
#: ``url`` is a source document's address.
NODE_COLUMNS = (
    "id",
    "category",
    "name",
    "description",
    "synonym",
    "xref",
    "iri",
    "url",
    "provided_by",
)
#: The edges' columns, in this order: Biolink slots first, spinekg's own (``spinekg_``) last.
#: ``publications``, ``supporting_text`` (the evidence sentences of text-mined claims) and
#: ``spinekg_locator`` (where in each source: ``S8: Table 48-1``) are multivalued;
#: ``spinekg_principal`` and ``spinekg_disputed`` are the claim's flags where a table sets them.
EDGE_COLUMNS = (
    "id",
    "subject",
    "predicate",
    "object",
    "negated",
    "knowledge_level",
    "agent_type",
    "primary_knowledge_source",
    "publications",
    "supporting_text",
    "original_predicate",
    "spinekg_modality",
    "spinekg_principal",
    "spinekg_disputed",
    "spinekg_locator",
)

_ANATOMY = ("biolink:GrossAnatomicalStructure",)
_SITE = ("biolink:AnatomicalEntity",)
_DISEASE = ("biolink:Disease",)
_FINDING = ("biolink:PhenotypicFeature",)
_PROCESS = ("biolink:PhysiologicalProcess",)
_PROCEDURE_TREATMENT = ("biolink:Procedure", "biolink:Treatment")

#: Spine class -> Biolink categories of its individuals, most specific first. An individual
#: takes the entry of its class or of the nearest superclass that has one; an empty entry
#: means that the class's individuals are no nodes.
CATEGORIES: dict[URIRef, tuple[str, ...]] = {
    # anatomy: canonical structures, as UBERON and FMA classes are (multicellular, so "gross")
    SPINE.AnatomicalEntity: _SITE,  # the umbrella class; a new kind of part is at least this
    SPINE.SpinalRegion: _ANATOMY,  # a region of the vertebral column (UBERON:0006072...)
    SPINE.Vertebra: _ANATOMY,  # a bone
    SPINE.IntervertebralDisc: _ANATOMY,  # a fibrocartilage organ
    SPINE.ExitForamen: _SITE,  # an opening (an anatomical space), not a structure
    SPINE.FilumTerminale: _ANATOMY,  # a fibrous strand
    SPINE.NeuralStructure: _ANATOMY,  # roots, the cord and its parts, the cauda equina
    SPINE.SpinalNerveRoot: _ANATOMY,  # a bundle of nerve fibres
    SPINE.SpinalCord: _ANATOMY,  # an organ of the central nervous system
    SPINE.SpinalCordRegion: _ANATOMY,  # a part of the cord (cervical cord...)
    SPINE.SpinalCordSegment: _ANATOMY,  # a part of the cord (the L5 segment)
    SPINE.ConusMedullaris: _ANATOMY,  # the cord's lower end
    SPINE.CaudaEquina: _ANATOMY,  # a bundle of roots
    SPINE.Muscle: _ANATOMY,  # a skeletal muscle organ
    SPINE.MuscleGroup: _SITE,  # a set of muscles named together: a collection, not one organ
    SPINE.PeripheralNerve: _ANATOMY,  # a nerve
    SPINE.BodyPart: _ANATOMY,  # a subdivision of the body (neck, foot)
    SPINE.SkinArea: _ANATOMY,  # a region of skin (UBERON's "skin of ..." classes)
    SPINE.KeySensoryPoint: _SITE,  # a point on the skin where sensation is tested: a site
    # where in the axial plane a disc herniates (central, foraminal...): a place, which
    # ``inZone`` makes the herniation's location
    SPINE.HerniationZone: _SITE,
    # conditions: disorders of the spine and nerves, as MONDO's diseases are
    SPINE.Condition: _DISEASE,  # disc herniation, sciatica, stenosis...
    SPINE.DiscHerniation: _DISEASE,  # herniation at any level of detail
    SPINE.HerniationScenario: _DISEASE,  # a herniation at one disc in one zone
    SPINE.Radiculopathy: _DISEASE,  # a root disorder (L5 radiculopathy)
    SPINE.Myelopathy: _DISEASE,  # a cord disorder
    SPINE.CaudaEquinaSyndrome: _DISEASE,  # a syndrome
    SPINE.ConusMedullarisSyndrome: _DISEASE,  # a syndrome
    # findings: what a patient reports or a clinician observes, as HPO's phenotypes are
    SPINE.ClinicalFinding: _FINDING,  # the umbrella class
    SPINE.Symptom: _FINDING,  # numbness, sciatica
    SPINE.Sign: _FINDING,  # Babinski sign, foot drop
    SPINE.RedFlag: _FINDING,  # a finding that calls for urgent care
    # a movement (ankle dorsiflexion) is a bodily process, GO's multicellular organismal
    # movement; not an attribute, since muscles perform it and a lesion impairs it
    SPINE.Movement: _PROCESS,
    # a reflex (ankle jerk) is a process too, GO's reflex, whose arc runs through roots; its
    # grade would be a ClinicalAttribute, the reflex itself is not one
    SPINE.DeepTendonReflex: _PROCESS,
    # a step of a causal chain (nerve root compression, impaired conduction): abnormal by nature
    SPINE.Mechanism: ("biolink:PathologicalProcess",),
    # treatments: an intervention aimed at a disease or finding (the range of biolink:treats);
    # interventional and surgical ones are procedures as well
    SPINE.Treatment: ("biolink:Treatment",),  # the umbrella class
    SPINE.ConservativeTreatment: ("biolink:Treatment",),  # rest, therapy, medication
    SPINE.InterventionalTreatment: _PROCEDURE_TREATMENT,  # an injection
    SPINE.SurgicalTreatment: _PROCEDURE_TREATMENT,  # an operation
    SPINE.TreatmentKind: ("biolink:Treatment",),  # conservative, interventional, surgical
    # an examination or imaging study (MRI, straight leg raise): actions, not devices
    SPINE.DiagnosticTest: ("biolink:Procedure",),
    # smoking, heavy lifting, age: exposures in the epidemiological sense
    SPINE.RiskFactor: ("biolink:ExposureEvent",),
    # unilateral, bilateral; left, right: properties of a clinical picture
    SPINE.Laterality: ("biolink:ClinicalAttribute",),
    SPINE.Side: ("biolink:ClinicalAttribute",),
    # articles, web pages, books, data releases: Biolink counts them all as publications
    SPINE.SourceDocument: ("biolink:Publication",),
    # how strongly a claim is stated: the edges' spinekg_modality column, not a thing
    SPINE.Modality: (),
    # provenance records, never individuals; listed so that no one maps them by mistake
    SPINE.Claim: (),
    SPINE.Evidence: (),
}

#: Concept -> categories that every individual at or below it (by ``skos:broader``) takes
#: before those of its class: the medication branch of the treatments names drugs and drug
#: classes (NSAIDs, opioids, gabapentinoids), which Biolink calls drugs.
CONCEPT_CATEGORIES: dict[URIRef, tuple[str, ...]] = {
    mint("treatment", "medication"): ("biolink:Drug",),
}

#: Spine property (the ``claimPredicate`` of claims) -> Biolink predicate. Where Biolink has
#: no slot as specific, the general ``biolink:related_to`` stands in and ``original_predicate``
#: keeps the meaning.
PREDICATES: dict[URIRef, str] = {
    # hierarchies of concepts (L4-L5 paracentral herniation -> lumbar disc herniation) and of
    # treatments (microdiscectomy -> discectomy): the subject is a kind of the object
    SKOS.broader: "biolink:subclass_of",
    SPINE.treatmentKind: "biolink:subclass_of",  # microdiscectomy -> the surgical kind
    SPINE.partOf: "biolink:part_of",  # mereology
    SPINE.hasMember: "biolink:has_member",  # a muscle group and its muscles
    # where things are: located_in for material things in a site or region
    SPINE.locatedInRegion: "biolink:located_in",  # a vertebra, disc or root in its region
    SPINE.exitsAt: "biolink:located_in",  # the root's exiting part lies in its foramen
    SPINE.occursIn: "biolink:located_in",  # a finding and where it is felt or found
    SPINE.movementAt: "biolink:occurs_in",  # a process and the part where it happens
    SPINE.overlies: "biolink:overlaps",  # the neck and the cervical spine share their extent
    # a condition and the anatomy its features are in (disease has location, RO:0004026)
    SPINE.atDisc: "biolink:disease_has_location",  # a herniation and its disc
    SPINE.inZone: "biolink:disease_has_location",  # a herniation and its zone
    SPINE.involvesRoot: "biolink:disease_has_location",  # a radiculopathy and its root
    SPINE.symptomsIn: "biolink:disease_has_location",  # where its symptoms are felt
    SPINE.causesPainIn: "biolink:disease_has_location",  # where its pain is felt
    # causes and consequences
    SPINE.causes: "biolink:causes",
    SPINE.riskFactorFor: "biolink:contributes_to",  # raises the likelihood; Biolink's
    # predisposes_to_condition would fit as well but its domain is drugs and treatments
    SPINE.hasMechanism: "biolink:disease_has_basis_in",  # the process the disease rests on
    SPINE.compresses: "biolink:affects",  # pressing on a root changes its state; more than
    # a physical contact (physically_interacts_with implies no effect)
    SPINE.mayImpair: "biolink:disrupts",  # the lesion may weaken the movement
    SPINE.mayDiminish: "biolink:disrupts",  # the lesion may diminish the reflex
    SPINE.mayCauseNumbnessOf: "biolink:disrupts",  # the lesion may numb the skin area
    SPINE.actsOn: "biolink:disrupts",  # a treatment interrupts a step of the causal chain
    # findings and treatments of conditions
    SPINE.hasSymptom: "biolink:has_phenotype",
    SPINE.hasRedFlag: "biolink:has_phenotype",  # a sub-property of hasSymptom
    SPINE.treatedBy: "biolink:treated_by",
    SPINE.indicatedFor: "biolink:treats",  # a recognised indication (Biolink's alias)
    SPINE.diagnosedBy: "biolink:is_diagnosed_by",  # (its range, "diagnostic aid", names
    # devices and substances; our tests are procedures)
    SPINE.triedBefore: "biolink:precedes",  # conservative care completes before surgery
    # roots, muscles and the processes they take part in
    SPINE.performs: "biolink:enables",  # a muscle executes its movement
    SPINE.mediates: "biolink:actively_involved_in",  # a root carries a reflex arc
    SPINE.hasKeyMovement: "biolink:actively_involved_in",  # a root drives its key movement
    SPINE.testsMuscle: "biolink:has_participant",  # the reflex and the muscle tapped
    # Biolink has no innervation, adjacency or level relation: related_to stands in
    SPINE.innervates: "biolink:related_to",  # a root and a muscle (RO:0002134)
    SPINE.hasKeyMuscle: "biolink:related_to",  # a root and its ISNCSCI key muscle
    SPINE.supplies: "biolink:related_to",  # a root and a skin area (sensory innervation)
    SPINE.peripheralNerve: "biolink:related_to",  # a muscle and the nerve that supplies it
    SPINE.arisesFrom: "biolink:related_to",  # a root and its cord segment (origin, not part)
    SPINE.liesBetween: "biolink:related_to",  # a disc and an adjacent vertebra
    SPINE.hasUpperVertebra: "biolink:related_to",  # a disc and the vertebra above
    SPINE.hasLowerVertebra: "biolink:related_to",  # a disc and the vertebra below
    SPINE.atDiscLevel: "biolink:related_to",  # a foramen and the disc at its level
    SPINE.usualDisc: "biolink:related_to",  # a radiculopathy and the disc that usually
    # causes it (the radiculopathy is not located there)
    SPINE.weaknessOf: "biolink:related_to",  # foot drop is the weakness of dorsiflexion
    SPINE.hasLaterality: "biolink:related_to",  # has_attribute is no Biolink predicate
}

#: The mappings that become xrefs: a related code (``skos:relatedMatch``, a herniation's ICD-10-CM
#: "disc disorder with radiculopathy") is not another identifier of the node.
_MAPPINGS = tuple(p for p in MAPPING_PREDICATES if p != SKOS.relatedMatch)
#: Bioregistry's prefixes (the release's) -> Biolink's, where the two differ.
_BIOLINK_PREFIXES = {"snomedct": "SNOMEDCT", "umls": "UMLS", "mesh": "MESH", "icd10cm": "ICD10CM"}
_DOI = re.compile(r"https?://(?:dx\.)?doi\.org/(10\.\S+)")
_PUBMED = re.compile(
    r"https?://(?:pubmed\.ncbi\.nlm\.nih\.gov|(?:www\.)?ncbi\.nlm\.nih\.gov/pubmed)/(\d+)/?"
)
_MODALITY_PREFIX = str(mint("modality", ""))
#: What may not stand inside a cell: the TSV's separators, and KGX's list separator.
_CELL = str.maketrans({"\t": " ", "\n": " ", "\r": " ", "|": "/"})
_FALLBACK = ("biolink:NamedThing",)


def kgx_tables(graphs: Mapping[URIRef, Graph]) -> tuple[str, str]:
    """The text of ``nodes.tsv`` and ``edges.tsv`` for the release's named graphs.

    Rows are sorted by id and have the columns :data:`NODE_COLUMNS` and :data:`EDGE_COLUMNS`;
    in a value, tabs and line breaks become spaces and ``|`` becomes ``/``.

    :param graphs: graph IRI -> graph, as :func:`spinekg.pipeline.release.write_release` takes
        them; the ontology is :data:`~spinekg.kernel.namespaces.ONTOLOGY_GRAPH`.
    :returns: the two tables' text, a header line and newline-ended lines each.
    :raises BuildError: for a claim's property that :data:`PREDICATES` lacks, an individual's
        spine class that no entry of :data:`CATEGORIES` covers, or a claim about a modality.
    """
    facts = _Facts.read(graphs)
    claims = _claims(graphs)
    classes = _ClassTable(graphs.get(ONTOLOGY_GRAPH, Graph()))
    ends = {node for claim in claims.values() for node in (claim.subject, claim.object)}
    nodes = []
    for node in ends | (facts.individuals & facts.labels.keys()):
        categories = classes.categories(node, facts)
        if categories is None and node in ends:
            raise BuildError(f"a claim names {curie(str(node))}, whose class makes no node")
        if categories is not None:
            nodes.append(_node_row(node, categories, facts))
    edges = [_edge_row(claim, facts) for claim in claims.values()]
    return _table(NODE_COLUMNS, nodes), _table(EDGE_COLUMNS, edges)


def publication_curie(source: str, url: str | None) -> str:
    """How ``publications`` names a source: its DOI or PubMed id if its URL is one, else it.

    >>> publication_curie("https://w3id.org/spinekg/source-S31", "https://doi.org/10.1056/X1")
    'doi:10.1056/X1'
    >>> publication_curie("https://w3id.org/spinekg/source-S4", "https://pubmed.ncbi.nlm.nih.gov/24/")
    'PMID:24'
    >>> publication_curie("https://w3id.org/spinekg/source-S3", "http://www.mayoclinic.org/")
    'spine:source-S3'
    """
    if url and (match := _DOI.fullmatch(url)):
        return f"doi:{match[1]}"
    if url and (match := _PUBMED.fullmatch(url)):
        return f"PMID:{match[1]}"
    return curie(source)


def _strings() -> defaultdict[Node, set[str]]:
    return defaultdict(set)


def _nodes() -> defaultdict[Node, set[Node]]:
    return defaultdict(set)


@dataclass
class _Facts:
    """What nodes and edges say about individuals and sources, gathered from every graph."""

    individuals: set[Node] = field(default_factory=set)
    types: defaultdict[Node, set[Node]] = field(default_factory=_nodes)
    broader: defaultdict[Node, set[Node]] = field(default_factory=_nodes)
    labels: defaultdict[Node, set[str]] = field(default_factory=_strings)
    definitions: defaultdict[Node, set[str]] = field(default_factory=_strings)
    synonyms: defaultdict[Node, set[str]] = field(default_factory=_strings)
    urls: defaultdict[Node, set[str]] = field(default_factory=_strings)
    notations: defaultdict[Node, set[str]] = field(default_factory=_strings)
    xrefs: defaultdict[Node, set[str]] = field(default_factory=_strings)

    @classmethod
    def read(cls, graphs: Mapping[URIRef, Graph]) -> _Facts:
        facts = cls()
        texts = (
            (facts.labels, RDFS.label),
            (facts.definitions, DEFINITION),
            (facts.synonyms, EXACT_SYNONYM),
            (facts.urls, SPINE.url),
            (facts.notations, SKOS.notation),
        )
        for graph in graphs.values():
            facts.individuals.update(graph.subjects(RDF.type, OWL.NamedIndividual))
            for s, o in graph.subject_objects(RDF.type):
                facts.types[s].add(o)
            for s, o in graph.subject_objects(SKOS.broader):
                facts.broader[s].add(o)
            for strings, predicate in texts:
                for s, o in graph.subject_objects(predicate):
                    strings[s].add(str(o))
            for predicate in _MAPPINGS:
                for s, o in graph.subject_objects(predicate):
                    facts.xrefs[s].add(_external_curie(str(o)))
        return facts

    def url(self, node: Node) -> str | None:
        return min(self.urls.get(node, ()), default=None)

    def source_key(self, node: Node) -> str:
        """A source as a locator names it: its key (``S8``), else its CURIE."""
        return min(self.notations.get(node, ()), default=None) or curie(str(node))


class _ClassTable:
    """Categories of individuals, through their spine classes and the ontology's hierarchy."""

    def __init__(self, ontology: Graph) -> None:
        self._parents: defaultdict[Node, list[Node]] = defaultdict(list)
        for sub, sup in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(sup, URIRef) and sup != sub:
                self._parents[sub].append(sup)
        for parents in self._parents.values():
            parents.sort(key=str)

    def ancestors(self, cls: Node) -> list[Node]:
        """The class, then its superclasses, nearest first (breadth first, then by IRI)."""
        found = [cls]
        for current in found:  # grows while it is read
            found += [p for p in self._parents.get(current, ()) if p not in found]
        return found

    def of_class(self, cls: Node) -> tuple[str, ...]:
        """The categories of a class's individuals (empty: they are no nodes)."""
        for ancestor in self.ancestors(cls):
            if isinstance(ancestor, URIRef) and ancestor in CATEGORIES:
                return CATEGORIES[ancestor]
        raise BuildError(
            f"{curie(str(cls))} has individuals but no Biolink category: add it (or a "
            "superclass) to CATEGORIES in spinekg/pipeline/kgx.py"
        )

    def categories(self, node: Node, facts: _Facts) -> tuple[str, ...] | None:
        """A node's categories, most specific first; ``None`` if the node is to be left out.

        An individual without a spine class, which a check would have reported, is a
        ``biolink:NamedThing``: nothing more is known of it.
        """
        spine = {t for t in facts.types.get(node, ()) if str(t).startswith(BASE)}
        # the most specific classes: a superclass of another type says nothing more
        specific = sorted(
            (t for t in spine if not any(t in self.ancestors(o)[1:] for o in spine)), key=str
        )
        by_class = [self.of_class(cls) for cls in specific]
        if by_class and not any(by_class):
            return None
        found = [
            category
            for concept in _broader_closure(node, facts.broader)
            if isinstance(concept, URIRef)
            for category in CONCEPT_CATEGORIES.get(concept, ())
        ]
        found += [category for categories in by_class for category in categories]
        return tuple(dict.fromkeys(found)) or _FALLBACK


def _broader_closure(node: Node, broader: Mapping[Node, set[Node]]) -> list[Node]:
    """The node and every concept above it by ``skos:broader``, nearest first."""
    found = [node]
    for current in found:  # grows while it is read
        found += [p for p in sorted(broader.get(current, ()), key=str) if p not in found]
    return found


@dataclass
class _Claim:
    """One claim with everything its evidence records say, over every graph that states it."""

    iri: Node
    subject: Node
    predicate: Node
    object: Node
    modality: str
    principal: set[bool] = field(default_factory=set)
    disputed: set[bool] = field(default_factory=set)
    curated: bool = False
    text_mined: bool = False
    sources: set[Node] = field(default_factory=set)
    sentences: set[str] = field(default_factory=set)
    locators: set[tuple[Node, str]] = field(default_factory=set)


def _claims(graphs: Mapping[URIRef, Graph]) -> dict[Node, _Claim]:
    claims: dict[Node, _Claim] = {}
    for graph in graphs.values():
        for node in graph.subjects(RDF.type, SPINE.Claim):
            claim = claims.get(node)
            if claim is None:
                subject = graph.value(node, SPINE.claimSubject)
                predicate = graph.value(node, SPINE.claimPredicate)
                obj = graph.value(node, SPINE.claimObject)
                if subject is None or predicate is None or obj is None:
                    raise BuildError(
                        f"claim {curie(str(node))} lacks its subject, property or object"
                    )
                modality = str(graph.value(node, SPINE.hasModality) or "asserted")
                modality = modality.removeprefix(_MODALITY_PREFIX)
                claim = claims[node] = _Claim(node, subject, predicate, obj, modality)
            for flag, values in (
                (SPINE.isPrincipal, claim.principal),
                (SPINE.isDisputed, claim.disputed),
            ):
                values.update(
                    v.toPython() is True
                    for v in graph.objects(node, flag)
                    if isinstance(v, Literal)
                )
            for evidence in graph.objects(node, SPINE.hasEvidence):
                kinds = set(graph.objects(evidence, RDF.type))
                claim.curated |= ECO_CURATED in kinds
                claim.text_mined |= ECO_TEXT_MINED in kinds
                sources = set(graph.objects(evidence, SPINE.fromSource))
                claim.sources |= sources
                claim.sentences.update(map(str, graph.objects(evidence, SPINE.sentence)))
                claim.locators.update(
                    (source, str(locator))
                    for source in sources
                    for locator in graph.objects(evidence, SPINE.locator)
                )
    return claims


def _node_row(node: Node, categories: tuple[str, ...], facts: _Facts) -> dict[str, str]:
    xrefs = set(facts.xrefs.get(node, ()))
    url = facts.url(node)
    if url and (citation := publication_curie(str(node), url)) != curie(str(node)):
        xrefs.add(citation)  # a source document's DOI or PubMed id
    return {
        "id": curie(str(node)),
        "category": _join(categories, keep_order=True),
        "name": min(facts.labels.get(node, ()), default=""),
        "description": min(facts.definitions.get(node, ()), default=""),
        "synonym": _join(facts.synonyms.get(node, ())),
        "xref": _join(xrefs),
        "iri": str(node),
        "url": url or "",
        "provided_by": INFORES,
    }


def _edge_row(claim: _Claim, facts: _Facts) -> dict[str, str]:
    predicate = PREDICATES.get(claim.predicate) if isinstance(claim.predicate, URIRef) else None
    if predicate is None:
        raise BuildError(
            f"claims use {curie(str(claim.predicate))}, which has no Biolink predicate: add it "
            "to PREDICATES in spinekg/pipeline/kgx.py"
        )
    if claim.curated:  # a curator transcribed it, whether or not the text loader read it too
        agent = "manual_agent"
    elif claim.text_mined:
        agent = "text_mining_agent"
    else:
        agent = "not_provided"
    return {
        "id": curie(str(claim.iri)),
        "subject": curie(str(claim.subject)),
        "predicate": predicate,
        "object": curie(str(claim.object)),
        "negated": str(claim.modality == "negated"),
        "knowledge_level": "knowledge_assertion",
        "agent_type": agent,
        "primary_knowledge_source": INFORES,
        "publications": _join(publication_curie(str(s), facts.url(s)) for s in claim.sources),
        "supporting_text": _join(claim.sentences),
        "original_predicate": curie(str(claim.predicate)),
        "spinekg_modality": claim.modality,
        "spinekg_principal": str(any(claim.principal)) if claim.principal else "",
        "spinekg_disputed": str(any(claim.disputed)) if claim.disputed else "",
        "spinekg_locator": _join(f"{facts.source_key(s)}: {where}" for s, where in claim.locators),
    }


def _external_curie(iri: str) -> str:
    """A mapping target as a CURIE with Biolink's prefix (``SNOMEDCT:``, not ``snomedct:``).

    >>> _external_curie("http://purl.bioontology.org/ontology/SNOMEDCT/76107001")
    'SNOMEDCT:76107001'
    """
    prefix, sep, local = curie(iri).partition(":")
    if sep and prefix in _BIOLINK_PREFIXES:
        return f"{_BIOLINK_PREFIXES[prefix]}:{local}"
    return curie(iri)


def _join(values: Iterable[str], *, keep_order: bool = False) -> str:
    """A multivalued cell: the values, each made safe, ``|``-joined (sorted unless kept)."""
    cells = [value.translate(_CELL) for value in values]
    return "|".join(dict.fromkeys(cells) if keep_order else sorted(set(cells)))


def _table(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    # multivalued cells are made safe value by value (their "|" separates), the others here
    lines = ["\t".join(columns)]
    for row in sorted(rows, key=lambda r: r["id"]):
        lines.append(
            "\t".join(row[c] if c in _MULTIVALUED else row[c].translate(_CELL) for c in columns)
        )
    return "\n".join(lines) + "\n"


_MULTIVALUED = frozenset(
    (
        "category",
        "synonym",
        "xref",
        "provided_by",
        "publications",
        "supporting_text",
        "spinekg_locator",
    )
)
