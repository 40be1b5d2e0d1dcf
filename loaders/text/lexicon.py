"""The text loader's lexicon: the graph's own labels and synonyms, with their spelling variants.

A curator who adds a synonym to a table or to the ontology extends what the loader recognises:
nothing here lists clinical words. Variants cover case (matching is case-insensitive),
plurals ("legs", "feet"), hyphenation ("pins-and-needles") and disc/disk.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.term import Node

from spinekg.kernel.graphs import superclasses, union
from spinekg.kernel.namespaces import EXACT_SYNONYM, SPINE
from spinekg.loaders.text.negex import words_of

__all__ = ["CATEGORIES", "IRREGULAR_PLURALS", "Entity", "Lexicon", "build_lexicon", "variants"]

#: Category of a mention -> the classes whose instances belong to it, in order of preference
#: when one phrase names entities of several categories.
CATEGORIES: dict[str, tuple[URIRef, ...]] = {
    "NEURAL": (SPINE.NeuralStructure, SPINE.PeripheralNerve),
    "MUSCLE": (SPINE.Muscle, SPINE.MuscleGroup),
    "TREATMENT": (SPINE.Treatment,),
    "TEST": (SPINE.DiagnosticTest,),
    "RISK": (SPINE.RiskFactor,),
    "KIND": (SPINE.TreatmentKind,),
    "SIDE": (SPINE.Laterality,),
    "MECHANISM": (SPINE.Mechanism,),
    "FINDING": (SPINE.ClinicalFinding,),
    "CONDITION": (SPINE.Condition, SPINE.HerniationScenario),
    "BODY": (SPINE.BodyPart, SPINE.SkinArea),
    "REGION": (SPINE.SpinalRegion,),
    "LEVEL": (SPINE.IntervertebralDisc,),
}
#: What may stand for "the" in "the sole of the foot": "of your foot", "of one foot", "of foot".
_DETERMINERS = ("", "your", "his", "her", "their", "one", "each", "a", "the")
IRREGULAR_PLURALS = {"foot": "feet", "tooth": "teeth", "vertebra": "vertebrae", "calf": "calves"}


@dataclass(frozen=True)
class Entity:
    """A graph entity a phrase can name."""

    iri: URIRef
    label: str
    category: str

    @cached_property
    def local_id(self) -> str:
        """The last part of the entity's IRI: "treatment-surgery"."""
        return str(self.iri).rsplit("/", 1)[-1]


@dataclass
class Lexicon:
    """Phrase (lower case) -> the entities it names; the first is the preferred reading.

    ``regional`` maps a disc herniation named with its region ("lumbar disc herniation") to the
    general condition and the region's label: claims name the general condition and carry the
    region as their context, as clinical annotation does. ``overlies`` maps a body part to the
    spinal region people name by it ("discs in the neck" are in the cervical spine);
    ``reflexes`` the names of reflexes, which a change makes a finding ("the ankle jerk is absent").
    """

    phrases: dict[str, list[Entity]] = field(default_factory=dict)
    by_iri: dict[URIRef, Entity] = field(default_factory=dict)
    regional: dict[URIRef, tuple[Entity, str]] = field(default_factory=dict)
    overlies: dict[URIRef, Entity] = field(default_factory=dict)
    reflexes: list[str] = field(default_factory=list)
    #: A place in a limb (a body part or skin area of the arm or the leg) -> that limb's id.
    limbs: dict[URIRef, str] = field(default_factory=dict)
    #: A treatment -> its kind (conservative, interventional, surgical), as the graph gives it.
    kinds: dict[URIRef, Entity] = field(default_factory=dict)
    #: A treatment -> the broader treatment it is a kind of (NSAIDs -> pain medication).
    broader: dict[URIRef, URIRef] = field(default_factory=dict)
    #: Each phrase's words as the matcher compares them (:func:`~.negex.words_of`), kept in the
    #: cache: tokenizing ten thousand phrases was half of ``spinekg extract``'s start-up.
    phrase_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _containing: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def dumps(self) -> str:
        """The lexicon as JSON, to cache it (building it from the graph takes a second)."""
        entities = {str(e.iri): [e.label, e.category] for e in self.by_iri.values()}
        return json.dumps(
            {
                "entities": entities,
                "phrases": {p: [str(e.iri) for e in es] for p, es in self.phrases.items()},
                "regional": {str(k): [str(g.iri), r] for k, (g, r) in self.regional.items()},
                "overlies": {str(k): str(r.iri) for k, r in self.overlies.items()},
                "reflexes": self.reflexes,
                "limbs": {str(k): v for k, v in self.limbs.items()},
                "kinds": {str(k): str(v.iri) for k, v in self.kinds.items()},
                "broader": {str(k): str(v) for k, v in self.broader.items()},
                "phrase_words": {p: list(self.words_of(p)) for p in self.phrases},
            },
            sort_keys=True,
        )

    @classmethod
    def loads(cls, text: str) -> Lexicon:
        """A lexicon from :meth:`dumps`."""
        data = json.loads(text)
        by_iri = {
            URIRef(iri): Entity(URIRef(iri), label, category)
            for iri, (label, category) in data["entities"].items()
        }
        return cls(
            phrases={p: [by_iri[URIRef(i)] for i in iris] for p, iris in data["phrases"].items()},
            by_iri=by_iri,
            regional={
                URIRef(k): (by_iri[URIRef(g)], region)
                for k, (g, region) in data["regional"].items()
            },
            overlies={URIRef(k): by_iri[URIRef(r)] for k, r in data["overlies"].items()},
            reflexes=list(data["reflexes"]),
            limbs={URIRef(k): v for k, v in data["limbs"].items()},
            kinds={URIRef(k): by_iri[URIRef(v)] for k, v in data["kinds"].items()},
            broader={URIRef(k): URIRef(v) for k, v in data["broader"].items()},
            phrase_words={p: tuple(words) for p, words in data["phrase_words"].items()},
        )

    def words_of(self, phrase: str) -> tuple[str, ...]:
        """A phrase's words as the matcher compares them, from the cache when it has them."""
        words = self.phrase_words.get(phrase)
        return words if words is not None else words_of(phrase)

    def within(self, member: URIRef, group: URIRef) -> bool:
        """Whether treatment ``member`` is ``group`` or one of its kinds, at any depth."""
        seen: set[URIRef] = set()
        node: URIRef | None = member
        while node is not None and node not in seen:
            if node == group:
                return True
            seen.add(node)
            node = self.broader.get(node)
        return False

    def region_of(self, iri: URIRef) -> Entity | None:
        """The spinal region a regional herniation is named with ("lumbar disc herniation")."""
        if iri not in self.regional:
            return None
        _, label = self.regional[iri]
        return next((e for e in self.phrases.get(label, []) if e.category == "REGION"), None)

    def words(self) -> set[str]:
        """Every word of every phrase, for spotting misspelt mentions."""
        return {w for phrase in self.phrases for w in phrase.replace("-", " ").split()}

    def containing(self, word: str) -> list[str]:
        """Labels of entities whose phrases contain ``word``, for a curator's report."""
        if word not in self._containing:  # the same words recur across articles
            labels = {e.label for p, ents in self.phrases.items() if word in p for e in ents}
            self._containing[word] = sorted(labels)[:3]
        return list(self._containing[word])


#: The class a table gives a treatment of each kind -> the kind.
KIND_OF_CLASS = {
    SPINE.ConservativeTreatment: SPINE["kind-conservative"],
    SPINE.InterventionalTreatment: SPINE["kind-interventional"],
    SPINE.SurgicalTreatment: SPINE["kind-surgical"],
}


def build_lexicon(graphs: Iterable[Graph]) -> Lexicon:
    """Collect the labels and synonyms of every entity of a relevant category."""
    merged = union(graphs)
    above = superclasses(merged)
    found: dict[str, dict[URIRef, Entity]] = defaultdict(dict)
    rank = {name: i for i, name in enumerate(CATEGORIES)}
    for entity, category in _entities(merged, above):
        label = str(merged.value(entity, RDFS.label) or entity)
        names = [label, *map(str, merged.objects(entity, EXACT_SYNONYM))]
        names += [str(n) for n in merged.objects(entity, SKOS.altLabel)]
        if category in {"NEURAL", "LEVEL"}:  # by their level: "the L5 root", "at L4-L5"
            notations = [str(n) for n in merged.objects(entity, SKOS.notation)]
            names += notations + [n.replace("-", "/") for n in notations if category == "LEVEL"]
        for name in names:
            for variant in variants(name):
                found[variant].setdefault(entity, Entity(entity, label, category))
    lexicon = Lexicon()
    for phrase, entities in found.items():
        named = sorted(entities.values(), key=lambda e: (rank[e.category], str(e.iri)))
        lexicon.phrases[phrase] = _body_before_muscle_group(named)
        for e in entities.values():
            lexicon.by_iri.setdefault(e.iri, e)
    lexicon.regional = _regional(merged, above, lexicon.by_iri)
    lexicon.reflexes = _reflex_names(merged)
    lexicon.overlies = {
        part: lexicon.by_iri[region]
        for part, region in merged.subject_objects(SPINE.overlies)
        if isinstance(part, URIRef) and isinstance(region, URIRef) and region in lexicon.by_iri
    }
    lexicon.limbs = _limbs(merged, lexicon.by_iri)
    lexicon.kinds = {
        treatment: lexicon.by_iri[kind]
        for cls, kind in KIND_OF_CLASS.items()
        for treatment in merged.subjects(RDF.type, cls)
        if isinstance(treatment, URIRef) and kind in lexicon.by_iri
    }
    lexicon.broader = {
        treatment: general
        for treatment, general in merged.subject_objects(SKOS.broader)
        if isinstance(treatment, URIRef)
        and isinstance(general, URIRef)
        and treatment in lexicon.by_iri
        and lexicon.by_iri[treatment].category == "TREATMENT"
    }
    _compose_regional(lexicon, merged)
    return lexicon


#: The limbs, by the local id of their body part.
LIMBS = ("body-part-arm", "body-part-leg")


def _limbs(graph: Graph, by_iri: Mapping[URIRef, Entity]) -> dict[URIRef, str]:
    """Each place whose ``partOf`` chain reaches the arm or the leg, with that limb's id."""
    out: dict[URIRef, str] = {}
    for place in by_iri:
        node: Node | None = place
        seen: set[Node] = set()
        while isinstance(node, URIRef) and node not in seen:
            seen.add(node)
            if (local := str(node).rsplit("/", 1)[-1]) in LIMBS:
                out[place] = local
                break
            node = graph.value(node, SPINE.partOf)
    return out


def _body_before_muscle_group(entities: list[Entity]) -> list[Entity]:
    """A phrase's entities without a muscle group that it names only as a body part.

    "The calf" is where a pain is felt; the calf muscles are named "calf muscles".
    """
    if not any(e.category == "BODY" for e in entities):
        return entities
    return [e for e in entities if not e.local_id.startswith("muscle-group-")]


def _reflex_names(graph: Graph) -> list[str]:
    """Every name of a deep tendon reflex, and the generic ones ("reflexes", "tendon reflexes")."""
    names = {"reflex", "reflexes", "tendon reflex", "tendon reflexes", "deep tendon reflexes"}
    for reflex in graph.subjects(RDF.type, SPINE.DeepTendonReflex):
        for name in [graph.value(reflex, RDFS.label), *graph.objects(reflex, EXACT_SYNONYM)]:
            if name is not None:
                names.add(str(name).lower())
    names |= {f"{n} reflex" for n in names if not n.endswith(("reflex", "reflexes"))}
    return sorted(names)


def _compose_regional(lexicon: Lexicon, graph: Graph) -> None:
    """Name a regional herniation with any name of the general one and any of its region's.

    "cervical slipped disc" and "slipped discs in the neck" name the cervical herniation when
    one of its own names has that form ("cervical herniation", "herniated disc in the neck").
    """
    for iri, (general, _) in lexicon.regional.items():
        entity = lexicon.by_iri[iri]
        own = [entity.label, *map(str, graph.objects(iri, EXACT_SYNONYM))]
        general_names = [general.label, *map(str, graph.objects(general.iri, EXACT_SYNONYM))]
        word = entity.label.split()[0].lower()
        places = {
            name.lower().removeprefix(g.lower())
            for name in own
            for g in general_names
            if name.lower().startswith(g.lower() + " in the ")
        }
        for g in general_names:
            if len(g) < 5 or g.isupper():  # not "HNP"
                continue
            for name in variants(g):  # "slipped discs in the neck": the plural is the disc's
                for phrase in [f"{word} {name}", *(name + place for place in places)]:
                    entities = lexicon.phrases.setdefault(phrase, [])
                    if not entities:
                        entities.append(entity)


def _regional(
    graph: Graph, above: Mapping[Node, set[Node]], entities: Mapping[URIRef, Entity]
) -> dict[URIRef, tuple[Entity, str]]:
    """Disc herniations of a region -> (the general herniation, the region's label).

    The region is the one whose label begins with the same word ("lumbar disc herniation",
    "lumbar spine").
    """
    regions = {
        str(label).split()[0].lower(): str(label)
        for region in graph.subjects(RDF.type, SPINE.SpinalRegion)
        if (label := graph.value(region, RDFS.label)) is not None
    }
    out: dict[URIRef, tuple[Entity, str]] = {}
    for iri, entity in entities.items():
        kinds = {k for t in graph.objects(iri, RDF.type) for k in above.get(t, {t})}
        general = graph.value(iri, SKOS.broader)
        word = entity.label.split()[0].lower()
        if SPINE.DiscHerniation in kinds and general in entities and word in regions:
            assert isinstance(general, URIRef)
            out[iri] = (entities[general], regions[word])
    return out


def _entities(graph: Graph, above: Mapping[Node, set[Node]]) -> Iterator[tuple[URIRef, str]]:
    for individual in set(graph.subjects(RDF.type, OWL.NamedIndividual)):
        if not isinstance(individual, URIRef):
            continue
        kinds = {s for t in graph.objects(individual, RDF.type) for s in above.get(t, {t})}
        category = next(
            (name for name, classes in CATEGORIES.items() if kinds.intersection(classes)), None
        )
        if category is not None:
            yield individual, category


def variants(name: str) -> set[str]:
    """Lower-case spellings of a name: plural, hyphen or space, disc or disk, "of the" or "of your".

    >>> sorted(variants("Pins-and-needles"))
    ['pins and needles', 'pins-and-needles']
    >>> sorted(variants("herniated disc"))
    ['herniated disc', 'herniated discs', 'herniated disk', 'herniated disks']
    >>> {"top of foot", "top of your foot"} <= variants("top of the foot")
    True
    """
    base = " ".join(name.lower().split())
    if not base:
        return set()
    forms = {base, base.replace("-", " "), base.replace(" ", "-") if "-" in base else base}
    if " of the " in base:  # "the sole of the foot", "the sole of your foot", "sole of foot"
        forms |= {base.replace(" of the ", f" of {d} ".replace("  ", " ")) for d in _DETERMINERS}
    forms |= {_plural(f) for f in forms if not f.endswith("s") and f[-1].isalpha()}
    forms |= {f.replace("disc", "disk") for f in forms} | {f.replace("disk", "disc") for f in forms}
    forms.discard("")
    return {f for f in forms if len(f) > 1}


def _plural(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    if last in IRREGULAR_PLURALS:
        word = IRREGULAR_PLURALS[last]
    elif last.endswith(("s", "x", "ch", "sh")):
        word = last + "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        word = last[:-1] + "ies"
    else:
        word = last + "s"
    return f"{head} {word}".strip()
