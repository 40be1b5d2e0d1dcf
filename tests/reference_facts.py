"""Answer key for the graph tests: an independent transcription of shared/REFERENCE.md.

Transcribed by hand from shared/REFERENCE.md sections 1-6 (1.1 regions, 1.2 discs, 1.3 root
exits, 2.1-2.2 herniation zone -> compressed structure, 3.1 ISNCSCI key muscles, 3.2 extended
muscle table, 3.3 worked L4-L5 example, 5 deep tendon reflexes, 6 per-root radiculopathy
syndromes), without reading the curated tables in loaders/ or ontology/, so that the tests check
the curated data rather than restate it. En dashes of the reference are written as ASCII hyphens.
"""

from __future__ import annotations

# --- REFERENCE 1.1: region -> (vertebra count, spinal nerve pair count)
# Coccygeal: REFERENCE gives "3-5 fused segments"; the graph models 4 (Co1-Co4), so the vertebral
# total is 7 + 12 + 5 + 5 + 4 = 33, and the nerve pairs 8 + 12 + 5 + 5 + 1 = 31.
REGIONS: dict[str, tuple[int, int]] = {
    "cervical": (7, 8),
    "thoracic": (12, 12),
    "lumbar": (5, 5),
    "sacral": (5, 5),
    "coccygeal": (4, 1),
}

# --- REFERENCE 1.2: the 23 mobile intervertebral discs (none at occiput-C1 or C1-C2)
DISCS: tuple[str, ...] = (
    "C2-C3",
    "C3-C4",
    "C4-C5",
    "C5-C6",
    "C6-C7",
    "C7-T1",
    "T1-T2",
    "T2-T3",
    "T3-T4",
    "T4-T5",
    "T5-T6",
    "T6-T7",
    "T7-T8",
    "T8-T9",
    "T9-T10",
    "T10-T11",
    "T11-T12",
    "T12-L1",
    "L1-L2",
    "L2-L3",
    "L3-L4",
    "L4-L5",
    "L5-S1",
)

# --- REFERENCE 1.2: disc -> (upper vertebra, lower vertebra)
DISC_VERTEBRAE: dict[str, tuple[str, str]] = {
    "C2-C3": ("C2", "C3"),
    "C3-C4": ("C3", "C4"),
    "C4-C5": ("C4", "C5"),
    "C5-C6": ("C5", "C6"),
    "C6-C7": ("C6", "C7"),
    "C7-T1": ("C7", "T1"),
    "T1-T2": ("T1", "T2"),
    "T2-T3": ("T2", "T3"),
    "T3-T4": ("T3", "T4"),
    "T4-T5": ("T4", "T5"),
    "T5-T6": ("T5", "T6"),
    "T6-T7": ("T6", "T7"),
    "T7-T8": ("T7", "T8"),
    "T8-T9": ("T8", "T9"),
    "T9-T10": ("T9", "T10"),
    "T10-T11": ("T10", "T11"),
    "T11-T12": ("T11", "T12"),
    "T12-L1": ("T12", "L1"),
    "L1-L2": ("L1", "L2"),
    "L2-L3": ("L2", "L3"),
    "L3-L4": ("L3", "L4"),
    "L4-L5": ("L4", "L5"),
    "L5-S1": ("L5", "S1"),
}

# --- REFERENCE 1.3: root -> where it exits
# C1 between occiput and atlas; C2-C7 above their own vertebra; C8 at C7-T1; T1 and below beneath
# their own vertebra; S1-S4 through the sacral foramina; S5 and Co1 through the sacral hiatus.
ROOT_EXIT: dict[str, str] = {
    "C1": "occiput-C1",
    "C2": "C1-C2",
    "C3": "C2-C3",
    "C4": "C3-C4",
    "C5": "C4-C5",
    "C6": "C5-C6",
    "C7": "C6-C7",
    "C8": "C7-T1",
    "T1": "T1-T2",
    "T2": "T2-T3",
    "T3": "T3-T4",
    "T4": "T4-T5",
    "T5": "T5-T6",
    "T6": "T6-T7",
    "T7": "T7-T8",
    "T8": "T8-T9",
    "T9": "T9-T10",
    "T10": "T10-T11",
    "T11": "T11-T12",
    "T12": "T12-L1",
    "L1": "L1-L2",
    "L2": "L2-L3",
    "L3": "L3-L4",
    "L4": "L4-L5",
    "L5": "L5-S1",
    "S1": "sacral foramina",
    "S2": "sacral foramina",
    "S3": "sacral foramina",
    "S4": "sacral foramina",
    "S5": "sacral hiatus",
    "Co1": "sacral hiatus",
}

# --- REFERENCE 2.1 + 2.2: herniation (disc, zone) -> structures compressed
_CERVICAL_CORD = "cervical spinal cord"
_THORACIC_CORD = "thoracic spinal cord"
_LUMBAR_CORD = "lumbar spinal cord"
_CONUS = "conus medullaris"
_CAUDA = "cauda equina"

# One row of the 2.2 table per disc: (paracentral, foraminal/far-lateral, central), each as
# (all structures compressed, principal structure).
_Cell = tuple[frozenset[str], str]
_SECTION_2_2: dict[str, tuple[_Cell, _Cell, _Cell]] = {
    # Cervical (2.1): posterolateral and foraminal both hit the root exiting at that level,
    # numbered for the lower vertebra; central -> cervical cord (myelopathy).
    "C2-C3": ((frozenset({"C3"}), "C3"), (frozenset({"C3"}), "C3"),
              (frozenset({_CERVICAL_CORD}), _CERVICAL_CORD)),
    "C3-C4": ((frozenset({"C4"}), "C4"), (frozenset({"C4"}), "C4"),
              (frozenset({_CERVICAL_CORD}), _CERVICAL_CORD)),
    "C4-C5": ((frozenset({"C5"}), "C5"), (frozenset({"C5"}), "C5"),
              (frozenset({_CERVICAL_CORD}), _CERVICAL_CORD)),
    "C5-C6": ((frozenset({"C6"}), "C6"), (frozenset({"C6"}), "C6"),
              (frozenset({_CERVICAL_CORD}), _CERVICAL_CORD)),
    "C6-C7": ((frozenset({"C7"}), "C7"), (frozenset({"C7"}), "C7"),
              (frozenset({_CERVICAL_CORD}), _CERVICAL_CORD)),
    # C7-T1 central: "cervical/upper thoracic cord".
    "C7-T1": ((frozenset({"C8"}), "C8"), (frozenset({"C8"}), "C8"),
              (frozenset({_CERVICAL_CORD, _THORACIC_CORD}), _CERVICAL_CORD)),
    # Thoracic (lower confidence in REFERENCE): paracentral = "cord +/- traversing root T(n+1)",
    # foraminal = exiting root Tn, central = thoracic cord.
    "T1-T2": ((frozenset({_THORACIC_CORD, "T2"}), _THORACIC_CORD), (frozenset({"T1"}), "T1"),
              (frozenset({_THORACIC_CORD}), _THORACIC_CORD)),
    "T2-T3": ((frozenset({_THORACIC_CORD, "T3"}), _THORACIC_CORD), (frozenset({"T2"}), "T2"),
              (frozenset({_THORACIC_CORD}), _THORACIC_CORD)),
    "T3-T4": ((frozenset({_THORACIC_CORD, "T4"}), _THORACIC_CORD), (frozenset({"T3"}), "T3"),
              (frozenset({_THORACIC_CORD}), _THORACIC_CORD)),
    "T4-T5": ((frozenset({_THORACIC_CORD, "T5"}), _THORACIC_CORD), (frozenset({"T4"}), "T4"),
              (frozenset({_THORACIC_CORD}), _THORACIC_CORD)),
    "T5-T6": ((frozenset({_THORACIC_CORD, "T6"}), _THORACIC_CORD), (frozenset({"T5"}), "T5"),
              (frozenset({_THORACIC_CORD}), _THORACIC_CORD)),
    "T6-T7": ((frozenset({_THORACIC_CORD, "T7"}), _THORACIC_CORD), (frozenset({"T6"}), "T6"),
              (frozenset({_THORACIC_CORD}), _THORACIC_CORD)),
    "T7-T8": ((frozenset({_THORACIC_CORD, "T8"}), _THORACIC_CORD), (frozenset({"T7"}), "T7"),
              (frozenset({_THORACIC_CORD}), _THORACIC_CORD)),
    "T8-T9": ((frozenset({_THORACIC_CORD, "T9"}), _THORACIC_CORD), (frozenset({"T8"}), "T8"),
              (frozenset({_THORACIC_CORD}), _THORACIC_CORD)),
    "T9-T10": ((frozenset({_THORACIC_CORD, "T10"}), _THORACIC_CORD), (frozenset({"T9"}), "T9"),
               (frozenset({_THORACIC_CORD}), _THORACIC_CORD)),
    # T10-T11 central: "thoracic cord (lumbar enlargement)" - still the thoracic cord token.
    "T10-T11": ((frozenset({_THORACIC_CORD, "T11"}), _THORACIC_CORD), (frozenset({"T10"}), "T10"),
                (frozenset({_THORACIC_CORD}), _THORACIC_CORD)),
    # T11-T12 central: "lower cord / epiconus", i.e. the lumbar (lumbosacral) cord segments.
    "T11-T12": ((frozenset({_THORACIC_CORD, "T12"}), _THORACIC_CORD), (frozenset({"T11"}), "T11"),
                (frozenset({_LUMBAR_CORD}), _LUMBAR_CORD)),
    # Thoracolumbar junction (1.4): "L1 (+/- conus)"; central -> conus medullaris.
    "T12-L1": ((frozenset({"L1", _CONUS}), "L1"), (frozenset({"T12"}), "T12"),
               (frozenset({_CONUS}), _CONUS)),
    # L1-L2 central: "conus medullaris / upper cauda equina".
    "L1-L2": ((frozenset({"L2"}), "L2"), (frozenset({"L1"}), "L1"),
              (frozenset({_CONUS, _CAUDA}), _CONUS)),
    # Lumbar (2.1): paracentral -> traversing (lower-numbered) root; foraminal/far-lateral ->
    # exiting (upper-numbered) root; central below L2 -> cauda equina.
    "L2-L3": ((frozenset({"L3"}), "L3"), (frozenset({"L2"}), "L2"),
              (frozenset({_CAUDA}), _CAUDA)),
    "L3-L4": ((frozenset({"L4"}), "L4"), (frozenset({"L3"}), "L3"),
              (frozenset({_CAUDA}), _CAUDA)),
    "L4-L5": ((frozenset({"L5"}), "L5"), (frozenset({"L4"}), "L4"),
              (frozenset({_CAUDA}), _CAUDA)),
    "L5-S1": ((frozenset({"S1"}), "S1"), (frozenset({"L5"}), "L5"),
              (frozenset({_CAUDA}), _CAUDA)),
}  # fmt: skip

# "Foraminal / far-lateral" is one column of 2.2, so both zones get the same answer.
_ZONE_COLUMN: dict[str, int] = {"paracentral": 0, "foraminal": 1, "far-lateral": 1, "central": 2}

# REFERENCE 2.2 (all 23 discs x 4 zones = 92 keys): every structure compressed.
COMPRESSED_ROOT: dict[tuple[str, str], frozenset[str]] = {
    (disc, zone): row[column][0]
    for disc, row in _SECTION_2_2.items()
    for zone, column in _ZONE_COLUMN.items()
}

# REFERENCE 12 (clinical audit) adds possible structures to 2.2: a cervical paracentral
# herniation can also press on the cord (myeloradiculopathy), and a central lumbar herniation
# below the conus on the roots of the cauda equina passing the level: the traversing root and
# the sacral roots S2-S4 of the saddle area and sphincters.
_AUDIT_POSSIBLE: dict[tuple[str, str], frozenset[str]] = {
    **{
        (disc, "paracentral"): frozenset({"cervical spinal cord"})
        for disc in ("C2-C3", "C3-C4", "C4-C5", "C5-C6", "C6-C7", "C7-T1")
    },
    **{
        (disc, "central"): frozenset({traversing, "S2", "S3", "S4"})
        for disc, traversing in (("L2-L3", "L3"), ("L3-L4", "L4"), ("L4-L5", "L5"), ("L5-S1", "S1"))
    },
}
COMPRESSED_ROOT = {
    key: structures | _AUDIT_POSSIBLE.get(key, frozenset())
    for key, structures in COMPRESSED_ROOT.items()
}

# REFERENCE 2.2: the single main structure compressed for the same 92 keys.
PRINCIPAL_COMPRESSED: dict[tuple[str, str], str] = {
    (disc, zone): row[column][1]
    for disc, row in _SECTION_2_2.items()
    for zone, column in _ZONE_COLUMN.items()
}

# --- REFERENCE 3.1: ISNCSCI key muscles, root -> (movement tested, representative muscles)
KEY_MUSCLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "C5": ("flex elbow", ("biceps brachii", "brachialis")),
    "C6": ("extend wrist", ("extensor carpi radialis longus", "extensor carpi radialis brevis")),
    "C7": ("extend elbow", ("triceps brachii",)),
    "C8": ("flex distal phalanx of the middle finger", ("flexor digitorum profundus",)),
    "T1": ("abduct little finger", ("abductor digiti minimi",)),
    "L2": ("flex hip", ("iliopsoas",)),
    "L3": ("extend knee", ("quadriceps femoris",)),
    "L4": ("dorsiflex foot", ("tibialis anterior",)),
    "L5": ("extend great toe", ("extensor hallucis longus",)),
    "S1": ("plantarflex foot", ("gastrocnemius", "soleus")),
}

# --- REFERENCE 5: deep tendon reflex -> (principal root, every root of the range); REFERENCE 12
# (clinical audit): the tibialis posterior reflex is unreliable and not a standard reflex, so no
# root is principal for it.
REFLEX_ROOTS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "Biceps": ("C5", ("C5", "C6")),
    "Brachioradialis": ("C6", ("C5", "C6")),
    # CONFLICT on the companion root: NYU C6-C7, physiohub C7-C8; range written C6-C7-(C8).
    "Triceps": ("C7", ("C6", "C7", "C8")),
    # Range L2-L4 (commonly written L3-L4); principal L4 per the table (Harrison).
    "Patellar": ("L4", ("L2", "L3", "L4")),
    # "L5 (+/- S1)".
    "Medial hamstring": ("L5", ("L5", "S1")),
    "Tibialis posterior": (None, ("L5",)),
    "Achilles": ("S1", ("S1", "S2")),
}

# --- REFERENCE 3.2: muscle -> principal (bold) roots, rows with bold roots only
# "C6-**C7**-C8" -> C7 only; "**C5-C6**" -> both; "**C8-T1** (T1)" -> C8 and T1.
# The combined row "Gluteus medius (and minimus, TFL) L4-**L5**-S1" is split into three muscles
# (3.3 also lists gluteus minimus and TFL under L5).
MUSCLE_PRINCIPAL_ROOTS: dict[str, tuple[str, ...]] = {
    "rhomboids": ("C5",),
    "supraspinatus": ("C5",),
    "infraspinatus": ("C5",),
    "deltoid": ("C5",),
    "latissimus dorsi": ("C7",),
    "biceps brachii": ("C5", "C6"),
    "brachioradialis": ("C6",),
    "triceps brachii": ("C7",),
    "extensor carpi radialis longus": ("C6",),
    "extensor carpi radialis brevis": ("C6",),
    "flexor carpi radialis": ("C7",),
    "flexor carpi ulnaris": ("C8",),
    "extensor digitorum": ("C7",),
    "flexor digitorum profundus": ("C8",),
    "flexor pollicis longus": ("C8",),
    "abductor pollicis brevis": ("C8", "T1"),
    "first dorsal interosseous": ("C8", "T1"),
    "abductor digiti minimi": ("T1",),
    "iliopsoas": ("L2", "L3"),
    "quadriceps femoris": ("L3", "L4"),
    "gluteus medius": ("L5",),
    "gluteus minimus": ("L5",),
    "tensor fasciae latae": ("L5",),
    "gluteus maximus": ("S1",),
    "biceps femoris": ("S1",),
    "tibialis anterior": ("L4",),
    "extensor hallucis longus": ("L5",),
    "fibularis longus": ("L5",),
    "fibularis brevis": ("L5",),
    "tibialis posterior": ("L5",),
    "gastrocnemius": ("S1",),
    "soleus": ("S1",),
}

# --- REFERENCE 3.2: muscle -> every root of the Roots column, ranges expanded
# Bracketed full ranges are included; roots named only in the Disagreement column are not
# (e.g. yomokerst's L4 for extensor hallucis longus / extensor digitorum longus).
MUSCLE_ALL_ROOTS: dict[str, tuple[str, ...]] = {
    # Upper limb and shoulder girdle.
    "trapezius": ("C3", "C4"),  # C3-C4 (+ CN XI, not a spinal root)
    "rhomboids": ("C4", "C5"),
    "supraspinatus": ("C5", "C6"),
    "infraspinatus": ("C5", "C6"),
    "deltoid": ("C5", "C6"),
    "teres minor": ("C5", "C6"),
    "serratus anterior": ("C5", "C6", "C7"),
    "pectoralis major": ("C5", "C6", "C7", "C8", "T1"),
    "latissimus dorsi": ("C6", "C7", "C8"),
    "biceps brachii": ("C5", "C6"),
    "brachialis": ("C5", "C6"),
    "brachioradialis": ("C5", "C6"),
    # "C6 (C5-C6 / C6-C7)": both bracketed alternatives are in the Roots column (CONFLICT).
    "supinator": ("C5", "C6", "C7"),
    "triceps brachii": ("C6", "C7", "C8"),
    "extensor carpi radialis longus": ("C6", "C7"),
    "extensor carpi radialis brevis": ("C6", "C7"),
    "extensor carpi ulnaris": ("C7", "C8"),
    "pronator teres": ("C6", "C7"),
    "flexor carpi radialis": ("C6", "C7"),
    "flexor carpi ulnaris": ("C7", "C8", "T1"),
    "extensor digitorum": ("C7", "C8"),
    "extensor pollicis longus": ("C7", "C8"),
    "flexor digitorum superficialis": ("C7", "C8", "T1"),
    "flexor digitorum profundus": ("C7", "C8"),
    "flexor pollicis longus": ("C7", "C8"),
    "abductor pollicis brevis": ("C8", "T1"),
    "opponens pollicis": ("C8", "T1"),
    "first dorsal interosseous": ("C8", "T1"),
    "abductor digiti minimi": ("C8", "T1"),
    # Hip and lower limb.
    "iliopsoas": ("L1", "L2", "L3"),
    "sartorius": ("L2", "L3"),
    "quadriceps femoris": ("L2", "L3", "L4"),
    # Row "Adductor longus (hip adductors)": the group is L2-L4, adductor longus itself L3-L4.
    "adductor longus": ("L3", "L4"),
    "gracilis": ("L2", "L3"),
    "gluteus medius": ("L4", "L5", "S1"),
    "gluteus minimus": ("L4", "L5", "S1"),
    "tensor fasciae latae": ("L4", "L5", "S1"),
    "gluteus maximus": ("L5", "S1", "S2"),
    "semitendinosus": ("L4", "L5", "S1", "S2"),  # L5-S1 (L4-S2)
    "semimembranosus": ("L4", "L5", "S1", "S2"),  # L5-S1 (L4-S2)
    "biceps femoris": ("L5", "S1", "S2"),
    "tibialis anterior": ("L4", "L5"),
    "extensor hallucis longus": ("L5", "S1"),
    "extensor digitorum longus": ("L5", "S1"),
    "extensor digitorum brevis": ("L5", "S1"),
    "fibularis longus": ("L5", "S1"),
    "fibularis brevis": ("L5", "S1"),
    "tibialis posterior": ("L4", "L5", "S1"),  # L4-**L5** (L5-S1)
    "gastrocnemius": ("S1", "S2"),
    "soleus": ("S1", "S2"),
    "flexor digitorum longus": ("L5", "S1", "S2"),  # L5-S1 (-S2)
    "flexor hallucis longus": ("L5", "S1", "S2"),  # L5-S1 (-S2)
    "abductor hallucis": ("S1", "S2"),
}

# --- REFERENCE 3.2 (and 5 for the hamstrings): muscles whose roots are disputed
# Rows marked CONFLICT or whose Disagreement column gives a different root set; rows whose note
# only restates the ISNCSCI key segment or Harrison's per-root listing are not counted.
DISPUTED_MUSCLES: frozenset[str] = frozenset(
    {
        "deltoid",  # tothebedside C5 only
        "brachioradialis",  # C5 vs C6 principal varies
        "supinator",  # CONFLICT C5 vs C7
        "triceps brachii",  # C6-C7 / C6-C8 / C7
        "extensor carpi radialis longus",  # ISNCSCI C6; tothebedside C6/C7
        "extensor carpi radialis brevis",
        "quadriceps femoris",  # L3-L4 vs L2-L4
        "semitendinosus",  # section 5: emgnotes assigns semitendinosus to L4
        "extensor hallucis longus",  # CONFLICT L5-S1 vs L4-L5
        "extensor digitorum longus",  # yomokerst L4-L5
        "tibialis posterior",  # CONFLICT L5-S1 vs L4-L5
        "flexor digitorum longus",  # S2 in some texts
        "flexor hallucis longus",
    }
)

# --- REFERENCE 3.3 worked example: L4-L5 posterolateral -> L5 -> muscles that may weaken
# The example's slash pairs (gluteus medius/minimus, EDL/EDB) are represented by their first member.
L5_WEAK_MUSCLES: tuple[str, ...] = (
    "extensor hallucis longus",
    "tibialis anterior",
    "fibularis longus",
    "fibularis brevis",
    "gluteus medius",
    "tibialis posterior",
    "extensor digitorum longus",
)

# --- REFERENCE 2.1 / 2.2 / 3.3: L4-L5 paracentral -> traversing L5; foraminal -> exiting L4
L4_5_PARACENTRAL_ROOT: str = "L5"
L4_5_FORAMINAL_ROOT: str = "L4"

# --- REFERENCE 6: per-root radiculopathy syndromes
# Reflex names are the REFLEX_ROOTS keys; an empty tuple means "no standard reflex".
RADICULOPATHY: dict[str, dict[str, tuple[str, ...]]] = {
    "C5": {
        "usual_disc": ("C4-C5",),
        "weakness": ("shoulder abduction", "external rotation", "elbow flexion"),
        "reflex": ("Biceps",),
        "numbness": ("lateral upper arm",),
    },
    "C6": {
        "usual_disc": ("C5-C6",),
        "weakness": ("elbow flexion", "wrist extension", "supination"),
        "reflex": ("Brachioradialis", "Biceps"),  # brachioradialis down (+/- biceps)
        "numbness": ("thumb", "index finger", "radial forearm"),
    },
    "C7": {
        "usual_disc": ("C6-C7",),
        "weakness": ("elbow extension", "wrist flexion", "finger extension", "pronation"),
        "reflex": ("Triceps",),
        "numbness": ("middle finger",),  # (+/- index, ring)
    },
    "C8": {
        "usual_disc": ("C7-T1",),
        "weakness": ("finger flexion", "hand intrinsics", "thumb extension", "ulnar wrist flexion"),
        "reflex": (),  # no standard reflex (triceps occasionally)
        "numbness": ("little finger", "ring finger", "ulnar hand", "ulnar forearm"),
    },
    "T1": {
        "usual_disc": ("T1-T2",),
        "weakness": ("finger abduction",),  # hand intrinsics
        "reflex": (),
        "numbness": ("medial forearm", "medial arm"),
    },
    "L2": {
        "usual_disc": ("L1-L2",),
        "weakness": ("hip flexion", "hip adduction"),
        "reflex": (),  # cremasteric; none standard
        "numbness": ("upper anterior thigh",),
    },
    "L3": {
        "usual_disc": ("L2-L3",),
        "weakness": ("hip flexion", "knee extension", "thigh adduction"),
        # "patellar may be reduced" - CONFLICT: Harrison lists none for L3, orthovellum "none
        # reliable".
        "reflex": ("Patellar",),
        "numbness": ("lower anterior thigh", "anterior knee"),
    },
    "L4": {
        "usual_disc": ("L3-L4", "L4-L5"),  # L4-L5 only for a far-lateral herniation
        "weakness": ("knee extension", "thigh adduction", "ankle dorsiflexion"),
        "reflex": ("Patellar",),
        "numbness": ("medial leg", "medial calf", "medial ankle"),
    },
    "L5": {
        "usual_disc": ("L4-L5", "L5-S1"),  # L5-S1 only for a far-lateral herniation
        "weakness": (
            "great toe extension",
            "ankle dorsiflexion",  # foot drop
            "ankle eversion",
            "hip abduction",
            "ankle inversion",
        ),
        "reflex": ("Medial hamstring",),  # no standard reflex; medial hamstring may be reduced
        "numbness": ("dorsum of foot", "first web space", "great toe", "lateral calf"),
    },
    "S1": {
        "usual_disc": ("L5-S1",),
        "weakness": ("ankle plantarflexion", "toe flexion", "hip extension"),
        "reflex": ("Achilles",),
        "numbness": ("lateral foot", "sole", "lateral heel"),
    },
}
