"""The columns of every curated table (documented for curators in ``curated/README.md``)."""

from __future__ import annotations

import re

from rdflib import SKOS

from spinekg.kernel.namespaces import MAPPING_PREDICATES
from spinekg.loaders.tables import LEVEL, LEVEL_PAIR, SLUG, SLUG_LEVEL, Column, TableSpec

_SLUG = "a lowercase slug such as tibialis-anterior"


def _id(pattern: re.Pattern[str] = SLUG, expect: str = _SLUG) -> Column:
    return Column("id", "id", pattern=pattern, expect=expect)


def _ref(name: str, *tables: str, required: bool = True, multi: bool = False) -> Column:
    return Column(name, "ref", required=required, multi=multi, refs=tables)


LABEL = Column("label")
SYNONYMS = Column("synonyms", required=False, multi=True)
DEFINITION = Column("definition")
SOURCE = Column("source", "sources", multi=True)
LOCATOR = Column(
    "locator",
    multi=True,
    pattern=re.compile(r"^S\d+: [^;]*\S$"),
    expect="where in each cited source the fact is: its key, a colon and a table, section or "
    "page, such as 'S8: Table 48-1', separated by ';'",
)
NOTE = Column("note", required=False)
PRINCIPAL = Column("principal", "flag")
DISPUTED = Column("disputed", "flag")
PROVENANCE = (SOURCE, LOCATOR)

#: clinical_facts relation -> (property local name, subject tables, object tables).
RELATIONS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "has_symptom": ("hasSymptom", ("conditions", "radiculopathies"), ("findings",)),
    "has_red_flag": ("hasRedFlag", ("conditions",), ("findings",)),
    "symptoms_in": ("symptomsIn", ("conditions",), ("body_parts",)),
    "typical_laterality": ("hasLaterality", ("conditions",), ("laterality",)),
    "has_mechanism": ("hasMechanism", ("conditions",), ("mechanisms",)),
    "causes": ("causes", ("mechanisms", "conditions"), ("mechanisms", "findings", "conditions")),
    "occurs_in": ("occursIn", ("findings",), ("body_parts",)),
    "treated_by": ("treatedBy", ("conditions", "findings"), ("treatments",)),
    "indicated_for": ("indicatedFor", ("treatments",), ("conditions", "findings")),
    "acts_on": ("actsOn", ("treatments",), ("mechanisms",)),
    "tried_before": ("triedBefore", ("treatments",), ("treatments",)),
    "weakness_of": ("weaknessOf", ("findings",), ("movements",)),
}

#: What a finding kind localises by when a phrase names its target (findings.tsv ``axis``).
AXES = ("weakness", "sensation", "pain", "reflex-loss", "reflex-gain")

LEVEL_ID = "a level such as L5 (C1-C8, T1-T12, L1-L5, S1-S5, Co1-Co4)"

SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        "sources", (_id(re.compile(r"^S\d+$"), "a key such as S18"), Column("title"), Column("url"))
    ),
    TableSpec(
        "regions",
        (
            _id(),
            LABEL,
            SYNONYMS,
            DEFINITION,
            Column("vertebrae", "int"),
            Column("nerve_pairs", "int"),
            *PROVENANCE,
        ),
    ),
    TableSpec(
        "vertebrae",
        (
            _id(LEVEL, LEVEL_ID),
            LABEL,
            _ref("region", "regions"),
            SYNONYMS,
            DEFINITION,
            Column("order", "int"),
            *PROVENANCE,
        ),
    ),
    TableSpec(
        "discs",
        (
            _id(LEVEL_PAIR, "a disc level such as L4-L5"),
            _ref("upper", "vertebrae"),
            _ref("lower", "vertebrae"),
            _ref("region", "regions"),
            SYNONYMS,
            Column("commonly_herniated", "flag", required=False),
            Column("frequency_note", required=False),
            *PROVENANCE,
        ),
    ),
    TableSpec(
        "foramina",
        (
            _id(LEVEL_PAIR, "an exit id such as L4-L5 or sacral-S1"),
            LABEL,
            _ref("upper", "vertebrae", required=False),
            _ref("lower", "vertebrae", required=False),
            _ref("disc", "discs", required=False),
            DEFINITION,
            *PROVENANCE,
        ),
    ),
    TableSpec(
        "neural_structures",
        (
            _id(SLUG_LEVEL, "a lowercase slug such as cauda-equina or segment-L5"),
            LABEL,
            Column(
                "kind",
                "choice",
                choices=(
                    "spinal-cord",
                    "spinal-cord-region",
                    "spinal-cord-segment",
                    "conus-medullaris",
                    "cauda-equina",
                    "filum-terminale",
                    "unspecified-root",
                ),
            ),
            _ref("part_of", "neural_structures", required=False),
            SYNONYMS,
            DEFINITION,
            *PROVENANCE,
        ),
    ),
    TableSpec(
        "nerve_roots",
        (
            Column(
                "id",
                "id",
                pattern=re.compile(r"^(?:C[1-8]|T(?:[1-9]|1[0-2])|L[1-5]|S[1-5]|Co1)$"),
                expect="a root such as L5 (C1-C8, T1-T12, L1-L5, S1-S5, Co1)",
            ),
            _ref("region", "regions"),
            _ref("exit", "foramina"),
            _ref("segment", "neural_structures"),
            _ref("part_of", "neural_structures", required=False),
            Column("exit_rule"),
            *PROVENANCE,
        ),
    ),
    TableSpec(
        "zones",
        (
            _id(),
            LABEL,
            SYNONYMS,
            DEFINITION,
            Column("laterality", "choice", choices=("unilateral", "bilateral")),
            *PROVENANCE,
        ),
    ),
    TableSpec(
        "herniations",
        (
            _ref("disc", "discs"),
            _ref("zone", "zones"),
            _ref("compresses", "nerve_roots", "neural_structures"),
            Column("role", "choice", choices=("principal", "possible")),
            _ref("condition", "conditions", "radiculopathies"),
            Column("confidence", "choice", choices=("high", "lower")),
            *PROVENANCE,
            NOTE,
            Column(
                "condition_modality",
                "choice",
                required=False,
                choices=("asserted", "possible"),
            ),
        ),
        key=("disc", "zone", "compresses"),
    ),
    TableSpec(
        "body_parts",
        (
            _id(),
            LABEL,
            SYNONYMS,
            _ref("part_of", "body_parts", required=False),
            _ref("region", "regions", required=False),
            DEFINITION,
            *PROVENANCE,
        ),
    ),
    TableSpec("nerves", (_id(), LABEL, SYNONYMS, DEFINITION, *PROVENANCE)),
    TableSpec(
        "muscles",
        (
            _id(),
            LABEL,
            SYNONYMS,
            _ref("nerve", "nerves", multi=True),
            _ref("body_part", "body_parts"),
            DEFINITION,
            *PROVENANCE,
        ),
    ),
    TableSpec(
        "muscle_roots",
        (
            _ref("muscle", "muscles"),
            _ref("root", "nerve_roots"),
            PRINCIPAL,
            DISPUTED,
            *PROVENANCE,
            NOTE,
        ),
        key=("muscle", "root"),
    ),
    TableSpec(
        "muscle_groups",
        (_id(), LABEL, SYNONYMS, _ref("members", "muscles", multi=True), DEFINITION, *PROVENANCE),
    ),
    TableSpec(
        "movements",
        (
            _id(),
            LABEL,
            SYNONYMS,
            Column("everyday", required=False, multi=True),
            _ref("body_part", "body_parts"),
            DEFINITION,
            *PROVENANCE,
        ),
    ),
    TableSpec(
        "muscle_movements",
        (_ref("muscle", "muscles"), _ref("movement", "movements"), *PROVENANCE),
        key=("muscle", "movement"),
    ),
    TableSpec(
        "key_muscles",
        (
            _ref("root", "nerve_roots"),
            _ref("muscle", "muscles"),
            _ref("movement", "movements"),
            Column("muscle_group"),
            *PROVENANCE,
        ),
        key=("root", "muscle"),
    ),
    TableSpec(
        "skin_areas",
        (
            _id(),
            LABEL,
            SYNONYMS,
            _ref("body_part", "body_parts"),
            Column("kind", "choice", choices=("key-sensory-point", "dermatomal-area")),
            DEFINITION,
            *PROVENANCE,
        ),
    ),
    TableSpec(
        "root_skin",
        (_ref("root", "nerve_roots"), _ref("skin_area", "skin_areas"), *PROVENANCE),
        key=("root", "skin_area"),
    ),
    TableSpec(
        "reflexes", (_id(), LABEL, SYNONYMS, _ref("muscle", "muscles"), DEFINITION, *PROVENANCE)
    ),
    TableSpec(
        "reflex_roots",
        (
            _ref("reflex", "reflexes"),
            _ref("root", "nerve_roots"),
            PRINCIPAL,
            DISPUTED,
            *PROVENANCE,
            NOTE,
        ),
        key=("reflex", "root"),
    ),
    TableSpec(
        "radiculopathies",
        (
            Column("root", "ref", refs=("nerve_roots",)),
            _ref("usual_disc", "discs", multi=True),
            *PROVENANCE,
        ),
        key=("root",),
    ),
    TableSpec(
        "radiculopathy_patterns",
        (
            _ref("root", "radiculopathies"),
            Column("feature", "choice", choices=("pain", "numbness", "weakness", "reflex")),
            _ref("target", "body_parts", "skin_areas", "movements", "reflexes"),
            *PROVENANCE,
            NOTE,
        ),
        key=("root", "feature", "target"),
    ),
    TableSpec(
        "findings",
        (
            _id(),
            LABEL,
            Column("kind", "choice", choices=("symptom", "sign")),
            SYNONYMS,
            Column("axis", "choice", required=False, choices=AXES),
            Column("cues", required=False, multi=True),
            DEFINITION,
            Column("red_flag", "flag"),
            *PROVENANCE,
        ),
    ),
    TableSpec(
        "conditions",
        (
            _id(),
            LABEL,
            Column(
                "kind",
                "choice",
                choices=(
                    "disc-herniation",
                    "radiculopathy",
                    "myelopathy",
                    "cauda-equina-syndrome",
                    "conus-medullaris-syndrome",
                    "other",
                ),
            ),
            _ref("broader", "conditions", required=False, multi=True),
            SYNONYMS,
            DEFINITION,
            Column("urgency", required=False),
            *PROVENANCE,
        ),
    ),
    TableSpec("mechanisms", (_id(), LABEL, SYNONYMS, DEFINITION, *PROVENANCE)),
    TableSpec("risk_factors", (_id(), LABEL, SYNONYMS, DEFINITION, *PROVENANCE)),
    TableSpec("diagnostics", (_id(), LABEL, SYNONYMS, DEFINITION, *PROVENANCE)),
    TableSpec(
        "treatments",
        (
            _id(),
            LABEL,
            Column("kind", "choice", choices=("conservative", "interventional", "surgical")),
            _ref("broader", "treatments", required=False),
            SYNONYMS,
            DEFINITION,
            *PROVENANCE,
        ),
    ),
    TableSpec(
        "clinical_facts",
        (
            Column("subject"),
            Column("relation", "choice", choices=tuple(RELATIONS)),
            Column("object"),
            Column("modality", "choice", choices=("asserted", "possible", "negated")),
            *PROVENANCE,
            NOTE,
        ),
        key=("subject", "relation", "object", "modality"),
    ),
    TableSpec(
        "mappings",
        (
            Column("entity", "curie"),
            Column(
                "predicate",
                "choice",
                choices=tuple(p.removeprefix(str(SKOS)) for p in MAPPING_PREDICATES),
            ),
            Column("target", "curie"),
            Column("status", "choice", choices=("VERIFIED", "UNVERIFIED")),
            SOURCE,
            NOTE,
        ),
        key=("entity", "predicate", "target"),
    ),
)

SPEC_BY_NAME = {spec.name: spec for spec in SPECS}
