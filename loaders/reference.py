"""The reference-table loader: curated TSV tables -> entities and claims, a graph per table.

Each table of :data:`~spinekg.loaders.schema.SPECS` becomes the named graph
``https://w3id.org/spinekg/graph/tables/<table>``. Entities get their class, label, definition,
synonyms and sources; every relationship is a claim with evidence (:mod:`spinekg.kernel.claims`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Unpack

from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from spinekg.kernel.claims import ClaimDetails, ClaimSet, Evidence, Modality, as_modality
from spinekg.kernel.errors import CuratedDataError, Problem
from spinekg.kernel.namespaces import (
    DEFINITION,
    EXACT_SYNONYM,
    GRAPH,
    MAPPING_PREFIXES,
    SPINE,
    expand,
    mint,
    stable_bnode,
    standard_curie,
)
from spinekg.loaders.schema import RELATIONS, SPECS
from spinekg.loaders.tables import Row, Tables, read_tables

#: Table -> prefix of the IRIs minted for its rows (``root`` -> ``spine:root-L5``).
IRI_PREFIX: dict[str, str] = {
    "sources": "source",
    "regions": "region",
    "vertebrae": "vertebra",
    "discs": "disc",
    "foramina": "foramen",
    "neural_structures": "",
    "nerve_roots": "root",
    "zones": "zone",
    "body_parts": "body-part",
    "nerves": "nerve",
    "muscles": "muscle",
    "movements": "movement",
    "skin_areas": "skin",
    "reflexes": "reflex",
    "radiculopathies": "radiculopathy",
    "findings": "finding",
    "muscle_groups": "muscle-group",
    "conditions": "condition",
    "mechanisms": "mechanism",
    "risk_factors": "risk-factor",
    "diagnostics": "test",
    "treatments": "treatment",
    "laterality": "laterality",
}

KIND_CLASS: dict[str, URIRef] = {
    "spinal-cord": SPINE.SpinalCord,
    "spinal-cord-region": SPINE.SpinalCordRegion,
    "spinal-cord-segment": SPINE.SpinalCordSegment,
    "conus-medullaris": SPINE.ConusMedullaris,
    "cauda-equina": SPINE.CaudaEquina,
    "filum-terminale": SPINE.FilumTerminale,
    # "a nerve root" of text that names none: a neural structure, not one of the 31 roots
    "unspecified-root": SPINE.NeuralStructure,
    "symptom": SPINE.Symptom,
    "sign": SPINE.Sign,
    "disc-herniation": SPINE.DiscHerniation,
    "radiculopathy": SPINE.Radiculopathy,
    "myelopathy": SPINE.Myelopathy,
    "cauda-equina-syndrome": SPINE.CaudaEquinaSyndrome,
    "conus-medullaris-syndrome": SPINE.ConusMedullarisSyndrome,
    "other": SPINE.Condition,
    "conservative": SPINE.ConservativeTreatment,
    "interventional": SPINE.InterventionalTreatment,
    "surgical": SPINE.SurgicalTreatment,
    "key-sensory-point": SPINE.KeySensoryPoint,
    "dermatomal-area": SPINE.SkinArea,
}

#: radiculopathy_patterns feature -> (property, table the target must come from).
FEATURES: dict[str, tuple[URIRef, str]] = {
    "pain": (SPINE.causesPainIn, "body_parts"),
    "numbness": (SPINE.mayCauseNumbnessOf, "skin_areas"),
    "weakness": (SPINE.mayImpair, "movements"),
    "reflex": (SPINE.mayDiminish, "reflexes"),
}

#: How sure the compression rule of a herniation row is, as a claim confidence.
CONFIDENCE = {"high": Decimal("0.9"), "lower": Decimal("0.6")}

ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
).split()
REGION_WORD = {"C": "cervical", "T": "thoracic", "L": "lumbar", "S": "sacral", "Co": "coccygeal"}


def locators(row: Row) -> dict[str, list[str]]:
    """A row's locators by source key: ``S8: Table 48-1`` -> ``{"S8": ["Table 48-1"]}``."""
    if "locator" not in row.columns:
        return {}
    out: dict[str, list[str]] = {}
    for value in row.values("locator"):
        key, _, where = value.partition(":")
        out.setdefault(key.strip(), []).append(where.strip())
    return out


def graph_name(table: str) -> URIRef:
    """The named graph holding what a table states."""
    return GRAPH[f"tables/{table}"]


@dataclass
class _Context:
    """What the row builders share: the tables, the id index and the output."""

    tables: Tables
    repo_path: str
    graphs: dict[str, Graph] = field(default_factory=dict)
    claims: dict[str, ClaimSet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    index: dict[tuple[str, str], URIRef] = field(default_factory=dict)
    locations: dict[URIRef, tuple[Path, int]] = field(default_factory=dict)

    def iri(self, table: str, local_id: str) -> URIRef:
        return self.index.get((table, local_id)) or mint(IRI_PREFIX[table], local_id)

    def ref(self, row: Row, column: str, tables: Iterable[str]) -> URIRef | None:
        """Resolve a reference cell (validated already) to its IRI."""
        value = row.get(column)
        for table in tables:
            if (table, value) in self.index:
                return self.index[(table, value)]
        return None

    def evidence(self, row: Row) -> list[Evidence]:
        path = f"{self.repo_path}/{row.table}.tsv"
        where = locators(row)
        return [Evidence(key, "; ".join(where.get(key, [])), path) for key in row.values("source")]

    def check_locators(self, row: Row) -> None:
        """Every cited source has a locator, and every locator names a cited source."""
        if "locator" not in row.columns:
            return
        keys = row.values("source")
        where = locators(row)
        for key in where:
            if key not in keys:
                self.problem(
                    row,
                    "locator",
                    f"locator {key!r} names a source the row does not cite; "
                    f"its sources are {';'.join(keys)}",
                )
        for key in keys:
            if key not in where:
                self.problem(
                    row,
                    "locator",
                    f"no locator for source {key}: say where in it the fact is, "
                    f"such as '{key}: Table 2' or '{key}: section Treatment'",
                )

    def claim(
        self,
        row: Row,
        s: URIRef,
        p: URIRef,
        o: URIRef,
        **details: Unpack[ClaimDetails],
    ) -> None:
        claims = self.claims.setdefault(row.table, ClaimSet())
        for ev in self.evidence(row):
            claim = claims.add(s, p, o, ev, **details)
            self.locations.setdefault(claim, (row.path, row.line))

    def problem(self, row: Row, column: str, message: str) -> None:
        self.problems.append(Problem(row.path, row.line, row.positions[column] + 1, message))


def load(
    folder: Path,
    *,
    repo_path: str = "loaders/curated",
    ontology_terms: frozenset[URIRef] = frozenset(),
    locations: dict[URIRef, tuple[Path, int]] | None = None,
) -> dict[URIRef, Graph]:
    """Read, validate and convert every curated table in ``folder``.

    :param repo_path: how evidence records name the folder (a repository-relative path).
    :param ontology_terms: the classes and properties of the ontology, which mappings may
        name besides the entities of the tables.
    :param locations: if given, filled with the file and line that defines each entity.
    :returns: one graph per table, keyed by graph IRI.
    :raises CuratedDataError: listing every problem as ``file:line:column: message``.
    """
    tables = read_tables(folder, SPECS)
    ctx = _Context(tables, repo_path)
    for spec in SPECS:
        key = spec.key[0]
        if len(spec.key) == 1 and spec.name in IRI_PREFIX:
            for row in tables[spec.name]:
                ctx.index[(spec.name, row.get(key))] = mint(IRI_PREFIX[spec.name], row.get(key))
    for value in ("unilateral", "bilateral"):
        ctx.index[("laterality", value)] = mint("laterality", value)
    for spec in SPECS:
        graph = ctx.graphs.setdefault(spec.name, Graph())
        builder = BUILDERS[spec.name]
        for row in tables[spec.name]:
            ctx.check_locators(row)
            builder(ctx, graph, row)
    _check_mapping_entities(ctx, ontology_terms)
    if ctx.problems:
        raise CuratedDataError(ctx.problems)
    if locations is not None:
        for iri, where in ctx.locations.items():
            locations.setdefault(iri, where)
    out: dict[URIRef, Graph] = {}
    for name, graph in ctx.graphs.items():
        for triple in ctx.claims.get(name, ClaimSet()).triples():
            graph.add(triple)
        out[graph_name(name)] = graph
    return out


# --------------------------------------------------------------------------- entities


def _entity(
    ctx: _Context,
    g: Graph,
    row: Row,
    iri: URIRef,
    cls: URIRef,
    *,
    label: str | None = None,
    definition: str | None = None,
    synonyms: Iterable[str] = (),
    notation: str = "",
) -> None:
    ctx.locations.setdefault(iri, (row.path, row.line))
    g.add((iri, RDF.type, OWL.NamedIndividual))
    g.add((iri, RDF.type, cls))
    g.add((iri, RDFS.label, Literal(label if label is not None else row.get("label"))))
    text = definition if definition is not None else row.optional("definition")
    if text:
        g.add((iri, DEFINITION, Literal(text)))
    own = row.values("synonyms") if "synonyms" in row.columns else []
    for synonym in [*own, *synonyms]:
        g.add((iri, EXACT_SYNONYM, Literal(synonym)))
    if notation:
        g.add((iri, SKOS.notation, Literal(notation)))
    for key in row.values("source") if "source" in row.columns else []:
        g.add((iri, SPINE.fromSource, mint("source", key)))


def _between_words(row: Row) -> list[str]:
    """How prose names a disc by its vertebrae: "between the fourth and fifth lumbar vertebrae"."""
    upper, lower = _level_words(row.get("upper")), _level_words(row.get("lower"))
    (u_ord, u_region), (l_ord, l_region) = upper.split(), lower.split()
    names = [f"between the {upper} and {lower} vertebrae"]
    if u_region == l_region:
        names.append(f"between the {u_ord} and {l_ord} {u_region} vertebrae")
    names += [f"between the {upper} {v} and the {lower} {v}" for v in ("vertebra", "vertebrae")]
    return names


def _level_words(level: str) -> str:
    prefix = "Co" if level.startswith("Co") else level[0]
    return f"{ORDINALS[int(level[len(prefix) :]) - 1]} {REGION_WORD[prefix]}"


def _sources(ctx: _Context, g: Graph, row: Row) -> None:
    iri = ctx.iri("sources", row.get("id"))
    ctx.locations.setdefault(iri, (row.path, row.line))
    g.add((iri, RDF.type, OWL.NamedIndividual))
    g.add((iri, RDF.type, SPINE.SourceDocument))
    g.add((iri, RDFS.label, Literal(row.get("title"))))
    g.add((iri, SPINE.url, Literal(row.get("url"))))
    g.add((iri, SKOS.notation, Literal(row.get("id"))))


def _regions(ctx: _Context, g: Graph, row: Row) -> None:
    iri = ctx.iri("regions", row.get("id"))
    _entity(ctx, g, row, iri, SPINE.SpinalRegion)
    g.add((iri, SPINE.vertebraCount, Literal(int(row.get("vertebrae")))))
    g.add((iri, SPINE.nervePairCount, Literal(int(row.get("nerve_pairs")))))


def _vertebrae(ctx: _Context, g: Graph, row: Row) -> None:
    iri = ctx.iri("vertebrae", row.get("id"))
    _entity(ctx, g, row, iri, SPINE.Vertebra, notation=row.get("id"))
    g.add((iri, SPINE.levelOrder, Literal(int(row.get("order")))))
    region = ctx.iri("regions", row.get("region"))
    ctx.claim(row, iri, SPINE.locatedInRegion, region)
    ctx.claim(row, iri, SPINE.partOf, region)


def _discs(ctx: _Context, g: Graph, row: Row) -> None:
    disc = row.get("id")
    iri = ctx.iri("discs", disc)
    upper, lower = ctx.iri("vertebrae", row.get("upper")), ctx.iri("vertebrae", row.get("lower"))
    _entity(
        ctx,
        g,
        row,
        iri,
        SPINE.IntervertebralDisc,
        label=f"{disc} intervertebral disc",
        definition=f"The intervertebral disc between the {row.get('upper')} and "
        f"{row.get('lower')} vertebrae.",
        synonyms=[f"{disc} disc", f"{disc} disk", f"{disc} level", *_between_words(row)],
        notation=disc,
    )
    g.add((iri, SPINE.levelOrder, Literal(ctx.tables["discs"].index(row) + 1)))
    if row.get("commonly_herniated"):
        g.add((iri, SPINE.commonlyHerniated, Literal(row.flag("commonly_herniated"))))
    if row.get("frequency_note"):
        g.add((iri, SPINE.frequencyNote, Literal(row.get("frequency_note"))))
    ctx.claim(row, iri, SPINE.hasUpperVertebra, upper)
    ctx.claim(row, iri, SPINE.hasLowerVertebra, lower)
    ctx.claim(row, iri, SPINE.liesBetween, upper)
    ctx.claim(row, iri, SPINE.liesBetween, lower)
    ctx.claim(row, iri, SPINE.locatedInRegion, ctx.iri("regions", row.get("region")))


def _foramina(ctx: _Context, g: Graph, row: Row) -> None:
    iri = ctx.iri("foramina", row.get("id"))
    _entity(ctx, g, row, iri, SPINE.ExitForamen, notation=row.get("id"))
    for column, prop in (("upper", SPINE.hasUpperVertebra), ("lower", SPINE.hasLowerVertebra)):
        if row.get(column):
            vertebra = ctx.iri("vertebrae", row.get(column))
            ctx.claim(row, iri, prop, vertebra)
            ctx.claim(row, iri, SPINE.liesBetween, vertebra)
    if row.get("disc"):
        ctx.claim(row, iri, SPINE.atDiscLevel, ctx.iri("discs", row.get("disc")))


def _neural_structures(ctx: _Context, g: Graph, row: Row) -> None:
    iri = ctx.iri("neural_structures", row.get("id"))
    _entity(ctx, g, row, iri, KIND_CLASS[row.get("kind")])
    if row.get("part_of"):
        ctx.claim(row, iri, SPINE.partOf, ctx.iri("neural_structures", row.get("part_of")))


def _nerve_roots(ctx: _Context, g: Graph, row: Row) -> None:
    root = row.get("id")
    iri = ctx.iri("nerve_roots", root)
    exit_row = next(r for r in ctx.tables["foramina"] if r.get("id") == row.get("exit"))
    words = _level_words(root)
    _entity(
        ctx,
        g,
        row,
        iri,
        SPINE.SpinalNerveRoot,
        label=f"{root} nerve root",
        definition=f"The {words} spinal nerve root pair, which {row.get('exit_rule')} "
        f"({exit_row.get('label')}).",
        synonyms=[f"{root} root", f"{root} spinal nerve root", f"{words} nerve root"],
        notation=root,
    )
    g.add((iri, SPINE.exitRule, Literal(row.get("exit_rule"))))
    g.add((iri, SPINE.levelOrder, Literal(ctx.tables["nerve_roots"].index(row) + 1)))
    ctx.claim(row, iri, SPINE.locatedInRegion, ctx.iri("regions", row.get("region")))
    ctx.claim(row, iri, SPINE.exitsAt, ctx.iri("foramina", row.get("exit")))
    ctx.claim(row, iri, SPINE.arisesFrom, ctx.iri("neural_structures", row.get("segment")))
    if row.get("part_of"):
        ctx.claim(row, iri, SPINE.partOf, ctx.iri("neural_structures", row.get("part_of")))


def _zones(ctx: _Context, g: Graph, row: Row) -> None:
    iri = ctx.iri("zones", row.get("id"))
    _entity(ctx, g, row, iri, SPINE.HerniationZone, notation=row.get("id"))
    ctx.claim(row, iri, SPINE.hasLaterality, mint("laterality", row.get("laterality")))


def _herniations(ctx: _Context, g: Graph, row: Row) -> None:
    disc, zone = row.get("disc"), row.get("zone")
    iri = mint("herniation", f"{disc}-{zone}")
    if (iri, RDF.type, SPINE.HerniationScenario) not in g:
        zone_row = next(r for r in ctx.tables["zones"] if r.get("id") == zone)
        disc_row = next(r for r in ctx.tables["discs"] if r.get("id") == disc)
        zone_words = [zone_row.get("label"), *zone_row.values("synonyms")]
        _entity(
            ctx,
            g,
            row,
            iri,
            SPINE.HerniationScenario,
            label=f"{disc} {zone_row.get('label')}",
            definition=f"A herniation of the {disc} disc in the {zone} zone.",
            synonyms=[f"{disc} {w}" for w in zone_words[1:] if w.endswith("herniation")],
        )
        ctx.claim(row, iri, SPINE.atDisc, ctx.iri("discs", disc))
        ctx.claim(row, iri, SPINE.inZone, ctx.iri("zones", zone))
        broader = ("conditions", f"{disc_row.get('region')}-disc-herniation")
        if broader in ctx.index:
            ctx.claim(row, iri, SKOS.broader, ctx.index[broader])
        else:
            ctx.problem(
                row,
                "disc",
                f"no condition {broader[1]!r} in conditions.tsv to file "
                f"the {disc} herniations under",
            )
    principal = row.get("role") == "principal"
    target = ctx.ref(row, "compresses", ("nerve_roots", "neural_structures"))
    condition = ctx.ref(row, "condition", ("conditions", "radiculopathies"))
    assert target is not None and condition is not None  # validated by read_tables
    modality: Modality = "asserted" if principal else "possible"
    confidence = CONFIDENCE[row.get("confidence")]
    ctx.claim(
        row,
        iri,
        SPINE.compresses,
        target,
        modality=modality,
        principal=principal,
        note=row.get("note"),
        also=SPINE.principallyCompresses if principal else None,
        confidence=confidence,
    )
    # a compression need not bring the syndrome: a central lumbar herniation presses on the
    # cauda equina, but cauda equina syndrome needs a large one and is rare
    leads_to = row.optional("condition_modality") or modality
    ctx.claim(
        row, iri, SPINE.causes, condition, modality=as_modality(leads_to), confidence=confidence
    )


def _simple(table: str, cls: URIRef, *links: tuple[str, URIRef, str]) -> Callable[..., None]:
    """A builder for an entity table whose reference columns each become one claim."""

    def build(ctx: _Context, g: Graph, row: Row) -> None:
        iri = ctx.iri(table, row.get("id"))
        kind = row.optional("kind")
        _entity(ctx, g, row, iri, KIND_CLASS[kind] if kind in KIND_CLASS else cls)
        if table == "findings" and row.flag("red_flag"):
            g.add((iri, RDF.type, SPINE.RedFlag))
        if table == "findings" and row.optional("axis"):
            g.add((iri, SPINE.findingAxis, Literal(row.get("axis"))))
        for cue in row.values("cues") if "cues" in row.columns else []:
            g.add((iri, SPINE.findingCue, Literal(cue)))
        for task in row.values("everyday") if "everyday" in row.columns else []:
            g.add((iri, SPINE.everydayTask, Literal(task)))
        if table == "conditions" and row.get("urgency"):
            g.add((iri, SPINE.urgency, Literal(row.get("urgency"))))
        for column, prop, target_table in links:
            for value in row.values(column):
                ctx.claim(row, iri, prop, ctx.iri(target_table, value))

    return build


def _pair(subject: tuple[str, str], prop: URIRef, obj: tuple[str, str]) -> Callable[..., None]:
    """A builder for a link table: one claim per row, principal/disputed/note as given."""

    def build(ctx: _Context, g: Graph, row: Row) -> None:
        s = ctx.iri(subject[1], row.get(subject[0]))
        o = ctx.iri(obj[1], row.get(obj[0]))
        graded = "principal" in row.cells
        ctx.claim(
            row,
            s,
            prop,
            o,
            note=row.optional("note"),
            principal=row.flag("principal") if graded else None,
            disputed=row.flag("disputed") if graded else None,
            also=PRINCIPAL_OF.get(prop) if graded and row.flag("principal") else None,
        )

    return build


PRINCIPAL_OF = {
    SPINE.innervates: SPINE.principallyInnervates,
    SPINE.mediates: SPINE.principallyMediates,
}


def _key_muscles(ctx: _Context, g: Graph, row: Row) -> None:
    root = ctx.iri("nerve_roots", row.get("root"))
    muscle = ctx.iri("muscles", row.get("muscle"))
    movement = ctx.iri("movements", row.get("movement"))
    ctx.claim(row, root, SPINE.hasKeyMuscle, muscle, note=row.get("muscle_group"))
    ctx.claim(row, root, SPINE.hasKeyMovement, movement)
    ctx.claim(row, muscle, SPINE.performs, movement)


def _root_skin(ctx: _Context, g: Graph, row: Row) -> None:
    root = ctx.iri("nerve_roots", row.get("root"))
    skin = ctx.iri("skin_areas", row.get("skin_area"))
    area = next(r for r in ctx.tables["skin_areas"] if r.get("id") == row.get("skin_area"))
    key_point = area.get("kind") == "key-sensory-point"
    ctx.claim(row, root, SPINE.supplies, skin, also=SPINE.hasKeySensoryPoint if key_point else None)


#: How a page names a root's radiculopathy by the root: "L5 nerve root compression".
ROOT_WORDS = ("nerve root", "root")
ROOT_STATES = ("damage", "compression", "impingement")


def _radiculopathies(ctx: _Context, g: Graph, row: Row) -> None:
    root = row.get("root")
    iri = ctx.iri("radiculopathies", root)
    region = REGION_WORD["Co" if root.startswith("Co") else root[0]]
    _entity(
        ctx,
        g,
        row,
        iri,
        SPINE.Radiculopathy,
        label=f"{root} radiculopathy",
        definition=f"Radiculopathy of the {root} nerve root: pain, numbness, weakness or reflex "
        f"change in the territory of {root}.",
        # a page names the condition by its root's state: "S1 nerve root damage"
        synonyms=[f"{root} radiculitis", f"{root} root compression syndrome"]
        + [f"{root} {part} {state}" for part in ROOT_WORDS for state in ROOT_STATES],
        notation=f"{root} radiculopathy",
    )
    ctx.claim(row, iri, SPINE.involvesRoot, ctx.iri("nerve_roots", root))
    for disc in row.values("usual_disc"):
        ctx.claim(row, iri, SPINE.usualDisc, ctx.iri("discs", disc))
    broader = next(
        (
            ctx.index[("conditions", c)]
            for c in (f"{region}-radiculopathy", "radiculopathy")
            if ("conditions", c) in ctx.index
        ),
        None,
    )
    if broader is None:
        ctx.problem(row, "root", "no condition 'radiculopathy' in conditions.tsv")
    else:
        ctx.claim(row, iri, SKOS.broader, broader)


def _radiculopathy_patterns(ctx: _Context, g: Graph, row: Row) -> None:
    prop, table = FEATURES[row.get("feature")]
    target = row.get("target")
    if (table, target) not in ctx.index:
        ctx.problem(
            row,
            "target",
            f"{target!r} is not an id of {table}.tsv, which a {row.get('feature')!r} feature needs",
        )
        return
    subject = ctx.iri("radiculopathies", row.get("root"))
    ctx.claim(row, subject, prop, ctx.index[(table, target)], note=row.get("note"))


def _clinical_facts(ctx: _Context, g: Graph, row: Row) -> None:
    prop_name, subject_tables, object_tables = RELATIONS[row.get("relation")]
    resolved = []
    for column, tables in (("subject", subject_tables), ("object", object_tables)):
        iri = ctx.ref(row, column, tables)
        if iri is None:
            what = " or ".join(f"{t}.tsv" for t in tables if t != "laterality")
            if "laterality" in tables:
                what = "unilateral or bilateral"
            ctx.problem(
                row,
                column,
                f"unknown {column} {row.get(column)!r} for relation "
                f"{row.get('relation')!r}; expected an id from {what}",
            )
        resolved.append(iri)
    subject, obj = resolved
    if subject is None or obj is None:
        return
    ctx.claim(
        row,
        subject,
        SPINE[prop_name],
        obj,
        modality=as_modality(row.get("modality")),
        note=row.get("note"),
    )


def _mappings(ctx: _Context, g: Graph, row: Row) -> None:
    entity = expand(row.get("entity"))
    standard = standard_curie(row.get("target"))
    target = expand(standard) if standard else None
    if entity is None or not entity.startswith(str(SPINE)):
        ctx.problem(row, "entity", f"{row.get('entity')!r} is not a spinekg CURIE (spine:...)")
        return
    if standard is None or standard.split(":", 1)[0] not in MAPPING_PREFIXES or target is None:
        prefix = row.get("target").split(":", 1)[0]
        ctx.problem(
            row,
            "target",
            f"unknown prefix {prefix!r}; expected one of {', '.join(sorted(MAPPING_PREFIXES))}"
            " (or a synonym the Bioregistry knows, such as SNOMEDCT_US or MESH)",
        )
        return
    if row.get("status") != "VERIFIED":
        return  # kept in the table for the curator's record, never asserted
    s, p, o = URIRef(entity), SKOS[row.get("predicate")], URIRef(target)
    g.add((s, p, o))
    axiom = stable_bnode("axiom", s, p, o)
    g.add((axiom, RDF.type, OWL.Axiom))
    g.add((axiom, OWL.annotatedSource, s))
    g.add((axiom, OWL.annotatedProperty, p))
    g.add((axiom, OWL.annotatedTarget, o))
    for key in row.values("source"):  # an annotation property: OWL tools show it on the axiom
        g.add((axiom, DCTERMS.source, mint("source", key)))
    if row.get("note"):
        g.add((axiom, SPINE.note, Literal(row.get("note"))))


def _check_mapping_entities(ctx: _Context, ontology_terms: frozenset[URIRef]) -> None:
    """Report mappings whose spinekg entity is neither a table entity nor an ontology term."""
    declared = {s for g in ctx.graphs.values() for s in g.subjects(RDF.type, OWL.NamedIndividual)}
    declared |= ontology_terms
    for row in ctx.tables["mappings"]:
        iri = expand(row.get("entity"))
        if iri and iri.startswith(str(SPINE)) and URIRef(iri) not in declared:
            ctx.problem(
                row,
                "entity",
                f"{row.get('entity')!r} is not an entity of any table nor a term of the ontology",
            )


BUILDERS: dict[str, Callable[[_Context, Graph, Row], None]] = {
    "sources": _sources,
    "regions": _regions,
    "vertebrae": _vertebrae,
    "discs": _discs,
    "foramina": _foramina,
    "neural_structures": _neural_structures,
    "nerve_roots": _nerve_roots,
    "zones": _zones,
    "herniations": _herniations,
    "body_parts": _simple(
        "body_parts",
        SPINE.BodyPart,
        ("part_of", SPINE.partOf, "body_parts"),
        ("region", SPINE.overlies, "regions"),
    ),
    "nerves": _simple("nerves", SPINE.PeripheralNerve),
    "muscles": _simple(
        "muscles",
        SPINE.Muscle,
        ("nerve", SPINE.peripheralNerve, "nerves"),
        ("body_part", SPINE.partOf, "body_parts"),
    ),
    "muscle_groups": _simple(
        "muscle_groups", SPINE.MuscleGroup, ("members", SPINE.hasMember, "muscles")
    ),
    "muscle_roots": _pair(("root", "nerve_roots"), SPINE.innervates, ("muscle", "muscles")),
    "movements": _simple(
        "movements", SPINE.Movement, ("body_part", SPINE.movementAt, "body_parts")
    ),
    "muscle_movements": _pair(("muscle", "muscles"), SPINE.performs, ("movement", "movements")),
    "key_muscles": _key_muscles,
    "skin_areas": _simple("skin_areas", SPINE.SkinArea, ("body_part", SPINE.partOf, "body_parts")),
    "root_skin": _root_skin,
    "reflexes": _simple(
        "reflexes", SPINE.DeepTendonReflex, ("muscle", SPINE.testsMuscle, "muscles")
    ),
    "reflex_roots": _pair(("root", "nerve_roots"), SPINE.mediates, ("reflex", "reflexes")),
    "radiculopathies": _radiculopathies,
    "radiculopathy_patterns": _radiculopathy_patterns,
    "findings": _simple("findings", SPINE.ClinicalFinding),
    "conditions": _simple("conditions", SPINE.Condition, ("broader", SKOS.broader, "conditions")),
    "mechanisms": _simple("mechanisms", SPINE.Mechanism),
    "risk_factors": _simple("risk_factors", SPINE.RiskFactor),
    "diagnostics": _simple("diagnostics", SPINE.DiagnosticTest),
    "treatments": _simple("treatments", SPINE.Treatment, ("broader", SKOS.broader, "treatments")),
    "clinical_facts": _clinical_facts,
    "mappings": _mappings,
}
