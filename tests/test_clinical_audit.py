"""The clinical audit's corrections (issue 12, REFERENCE 12), each asked as a clinician would.

Every test poses the clinical question through a catalog query, ``explain`` or ``localize`` on
the release and asserts the corrected answer, and where the evidence is contested, that both
sides are kept with their sources.
"""

from __future__ import annotations

import pytest

from spinekg.querying.catalog import Row, rows
from spinekg.querying.explain import explain
from spinekg.querying.localize import localize
from spinekg.querying.runner import EmbeddedRunner, solutions

#: Signs of cervical cord compression that a thoracic lesion cannot give (REFERENCE 12).
CERVICAL_SIGNS = {"Hoffmann sign", "hand clumsiness", "inverted radial reflex", "Lhermitte sign"}

THORACIC_DISCS = [f"T{n}-T{n + 1}" for n in range(1, 12)]


def _by(result: list[Row], key: str) -> dict[str, Row]:
    return {r[key]: r for r in result}


def _said(runner: EmbeddedRunner, subject: str, predicate: str) -> set[str]:
    """The objects the graph states (not negated) for ``subject predicate``."""
    return {
        r["objectLabel"]
        for r in rows(runner, "claims_about", subject=subject)
        if r["predicateLabel"] == predicate and r["modality"] != "negated"
    }


# --- Wrong ---------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["central", "paracentral"])
@pytest.mark.parametrize("disc", THORACIC_DISCS)
def test_thoracic_cord_lesions_do_not_inherit_cervical_signs(
    runner: EmbeddedRunner, disc: str, zone: str
) -> None:
    answer = explain(runner, disc, zone)
    signs = {s.finding.label for s in answer.signs}
    assert not CERVICAL_SIGNS & set(answer.red_flags), answer.red_flags
    assert not CERVICAL_SIGNS & signs


def test_explain_says_a_thoracic_cord_lesion_affects_the_legs_and_spares_the_arms(
    runner: EmbeddedRunner,
) -> None:
    answer = explain(runner, "T8-T9", "central")
    assert answer.conditions == ("thoracic myelopathy",)
    certain = {s.finding.label for s in answer.signs if not s.possible}
    assert {
        "spastic paraparesis",
        "spasticity",
        "hyperreflexia",
        "Babinski sign",
        "clonus",
        "sensory level",
        "gait disturbance",
        "bladder dysfunction",
    } <= certain
    assert {"leg", "trunk"} <= set(answer.body_parts)
    assert "arm" not in answer.body_parts and "chest" not in answer.body_parts
    assert answer.spared == ("arm", "hand")
    assert {"spastic paraparesis", "Babinski sign", "clonus"} <= set(answer.red_flags)


def test_cervical_cord_compression_keeps_its_own_signs(runner: EmbeddedRunner) -> None:
    answer = explain(runner, "C5-C6", "central")
    assert CERVICAL_SIGNS <= set(answer.red_flags)
    assert {"hand", "arm", "leg"} <= set(answer.body_parts)


def test_conus_and_cauda_equina_syndromes_are_both_surgical_emergencies(
    runner: EmbeddedRunner,
) -> None:
    conus = rows(runner, "herniation_compresses", disc="T12-L1", zone="central")
    cauda = rows(runner, "herniation_compresses", disc="L4-L5", zone="central")
    assert {r["conditionLabel"]: r["urgency"] for r in conus} == {
        "conus medullaris syndrome": "surgical emergency"
    }
    assert {r["urgency"] for r in cauda} == {"surgical emergency"}


def test_treatments_come_in_order_and_members_share_their_kinds_step(
    runner: EmbeddedRunner,
) -> None:
    order = _by(rows(runner, "treatment_order", target="herniated disc"), "treatmentLabel")
    steps = {label: int(r["stepsBefore"]) for label, r in order.items()}
    # conservative care and its members are one first step, not steps after one another
    for conservative in ("conservative care", "physical therapy", "exercise", "stretching"):
        assert steps[conservative] == 0, conservative
    assert steps["epidural steroid injection"] == 1
    assert steps["surgery"] == 2
    for surgical in ("microdiscectomy", "laminectomy", "decompressive surgery"):
        assert steps[surgical] == 2, surgical
    assert "physical therapy" not in order["conservative care"]["triedBefore"].split("; ")
    cervical = _by(
        rows(runner, "treatment_order", target="cervical radiculopathy"), "treatmentLabel"
    )
    assert int(cervical["anterior cervical discectomy and fusion"]["stepsBefore"]) == 2


@pytest.mark.parametrize(
    ("target", "surgical"),
    [
        ("cauda equina syndrome", {"surgery", "decompressive surgery", "laminectomy"}),
        ("cervical myelopathy", {"anterior cervical discectomy and fusion"}),
        ("progressive weakness", {"surgery"}),
    ],
)
def test_an_emergency_goes_straight_to_surgery(
    runner: EmbeddedRunner, target: str, surgical: set[str]
) -> None:
    order = _by(rows(runner, "treatment_order", target=target), "treatmentLabel")
    assert surgical <= set(order)
    assert all(order[label]["stepsBefore"] == "0" for label in surgical)


def test_no_treatment_is_ordered_before_its_own_members(runner: EmbeddedRunner) -> None:
    within = solutions(
        runner,
        """SELECT ?a ?b WHERE {
             ?a spine:triedBefore ?b .
             { ?b skos:broader+ ?a } UNION { ?a skos:broader+ ?b } }""",
    )
    assert list(within) == []


def test_gabapentinoids_are_at_most_possible_and_the_negative_trials_are_kept(
    runner: EmbeddedRunner,
) -> None:
    evidence = rows(runner, "treatment_evidence", target="lumbar radiculopathy")
    gabapentinoids = {r["modality"]: r for r in evidence if r["treatmentLabel"] == "gabapentinoids"}
    assert "asserted" not in gabapentinoids
    assert "PRECISE" in gabapentinoids["negated"]["sources"]
    acts = rows(
        runner,
        "claims_about",
        subject="gabapentinoids",
    )
    assert {(r["predicateLabel"], r["objectLabel"], r["modality"]) for r in acts} >= {
        ("acts on", "pain signalling", "possible")
    }


def test_muscles_have_all_their_nerves(runner: EmbeddedRunner) -> None:
    nerves = {
        muscle: _said(runner, muscle, "peripheral nerve")
        for muscle in ("flexor digitorum profundus", "pectoralis major", "iliopsoas")
    }
    assert nerves == {
        "flexor digitorum profundus": {"anterior interosseous nerve", "ulnar nerve"},
        "pectoralis major": {"lateral pectoral nerve", "medial pectoral nerve"},
        "iliopsoas": {"femoral nerve", "ventral rami of L1-L3"},
    }


def test_trapezius_arises_down_to_t12(runner: EmbeddedRunner) -> None:
    (row,) = rows(runner, "describe", entity="trapezius")
    assert "nuchal ligament and the spines of C7 to T12" in row["definition"]


def test_the_thumb_and_finger_flexors_perform_their_own_movements(runner: EmbeddedRunner) -> None:
    assert _said(runner, "flexor pollicis longus", "performs") == {"thumb interphalangeal flexion"}
    assert "finger flexion" in _said(runner, "flexor digitorum superficialis", "performs")


def test_laminotomy_and_emg_are_not_other_procedures(runner: EmbeddedRunner) -> None:
    (laminotomy,) = rows(runner, "describe", entity="laminotomy")
    assert "hemilaminectomy" not in laminotomy.get("synonyms", "").split("; ")
    (hemi,) = rows(runner, "describe", entity="hemilaminectomy")
    assert hemi["broaderLabel"] == "laminectomy"
    (emg,) = rows(runner, "describe", entity="EMG")
    assert emg["label"] == "electromyography"
    assert "separate test from the nerve conduction study" in emg["definition"]
    (ncs,) = rows(runner, "describe", entity="NCS")
    assert ncs["entity"] != emg["entity"]


# --- Overstated ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("drug", "trial"),
    [
        ("non-steroidal anti-inflammatory drugs", "Cochrane"),
        ("acetaminophen", "PACE"),
        ("opioids", "OPAL"),
    ],
)
def test_analgesics_for_radicular_pain_are_possible_with_the_trials(
    runner: EmbeddedRunner, drug: str, trial: str
) -> None:
    targets = ["herniated disc", "lumbar disc herniation"] + (
        ["sciatica"] if drug != "opioids" else []
    )
    for target in targets:
        evidence = [
            r
            for r in rows(runner, "treatment_evidence", target=target)
            if r["treatmentLabel"] == drug
        ]
        assert evidence, (target, drug)
        assert {r["modality"] for r in evidence} == {"possible"}, (target, drug)
    herniated = rows(runner, "treatment_evidence", target="herniated disc")
    assert trial in next(r for r in herniated if r["treatmentLabel"] == drug)["sources"]


def test_surgery_for_weakness_is_possible_except_a_progressive_deficit(
    runner: EmbeddedRunner,
) -> None:
    def surgery(target: str) -> set[str]:
        return {
            r["modality"]
            for r in rows(runner, "treatment_evidence", target=target)
            if r["treatmentLabel"] == "surgery"
        }

    assert surgery("muscle weakness") == {"possible"}
    assert surgery("foot drop") == {"possible"}
    assert "asserted" in surgery("cauda equina syndrome")
    indications = rows(runner, "claims_about", subject="surgery")
    modalities: dict[str, set[str]] = {}
    for r in indications:
        if r["predicateLabel"] == "indicated for":
            modalities.setdefault(r["objectLabel"], set()).add(r["modality"])
    assert modalities["foot drop"] == {"possible"}
    assert modalities["progressive weakness"] == {"asserted"}


def test_physical_therapy_treats_deconditioning_not_the_nerve(runner: EmbeddedRunner) -> None:
    targets = {
        r["mechanismLabel"]
        for r in rows(runner, "treatment_targets")
        if r["treatmentLabel"] in {"physical therapy", "exercise"}
    }
    assert targets == {"muscle deconditioning"}
    notes = rows(runner, "treatment_evidence", target="muscle weakness")
    therapy = next(r for r in notes if r["treatmentLabel"] == "physical therapy")
    assert "does not restore the nerve supply" in therapy["notes"]


def test_chronic_pain_is_a_possible_outcome_of_a_herniation(runner: EmbeddedRunner) -> None:
    claims = rows(runner, "claims_about", subject="herniated disc")
    chronic = {r["modality"] for r in claims if r["objectLabel"] == "chronic pain"}
    assert chronic == {"possible"}


def test_cauda_equina_syndrome_may_be_one_sided_at_onset(runner: EmbeddedRunner) -> None:
    claims = [
        r
        for r in rows(runner, "claims_about", subject="cauda equina syndrome")
        if r["predicateLabel"] == "has laterality"
    ]
    curated = {(r["objectLabel"], r["modality"]) for r in claims if "StatPearls" in r["sources"]}
    assert curated == {("bilateral", "possible"), ("unilateral", "possible")}
    # "weakness in both legs" in an article's red-flag list still says both sides, as text
    asserted = [r for r in claims if r["modality"] == "asserted"]
    assert all("StatPearls" not in r["sources"] for r in asserted)


def test_a_central_lumbar_herniation_compresses_the_cauda_equina_and_may_cause_the_syndrome(
    runner: EmbeddedRunner,
) -> None:
    claims = rows(runner, "claims_about", subject="L4-L5 central herniation")
    said: dict[tuple[str, str], set[str]] = {}
    for r in claims:
        said.setdefault((r["predicateLabel"], r["objectLabel"]), set()).add(r["modality"])
    assert said[("compresses", "cauda equina")] == {"asserted"}
    assert said[("causes", "cauda equina syndrome")] == {"possible"}


# --- Oversimplified ------------------------------------------------------------------------


def test_a_cervical_paracentral_herniation_may_reach_the_cord(runner: EmbeddedRunner) -> None:
    answer = explain(runner, "C5-C6", "paracentral")
    compressed = {c.structure.label: c.principal for c in answer.compresses}
    assert compressed == {"C6 nerve root": True, "cervical spinal cord": False}
    assert set(answer.conditions) == {"C6 radiculopathy", "myeloradiculopathy"}
    possible = {s.finding.label for s in answer.signs if s.possible}
    assert {"Hoffmann sign", "hyperreflexia"} <= possible
    best = localize(
        runner, ["weakness of wrist extension", "numbness of the thumb", "Hoffmann sign"]
    ).candidates[0]
    assert best.lesion == "C5-C6 paracentral herniation"
    assert best.unexplained == ()


def test_tibialis_anterior_is_principal_for_l4_and_l5(runner: EmbeddedRunner) -> None:
    answer = explain(runner, "L4-L5", "paracentral")
    weak = {w.muscle.label: w.principal for w in answer.weakness}
    assert weak["tibialis anterior"] is True
    roots = rows(runner, "roots_of_muscle", muscle="tibialis anterior")
    assert {r["rootLabel"] for r in roots if r["principal"] == "true"} == {
        "L4 nerve root",
        "L5 nerve root",
    }


def test_extensor_carpi_ulnaris_is_c7_and_c8(runner: EmbeddedRunner) -> None:
    roots = rows(runner, "roots_of_muscle", muscle="extensor carpi ulnaris")
    assert {r["rootLabel"] for r in roots if r["principal"] == "true"} == {
        "C7 nerve root",
        "C8 nerve root",
    }
    ranked = localize(runner, ["weakness of wrist extension"]).candidates
    first_root = {c.root: i for i, c in reversed(list(enumerate(ranked)))}
    assert first_root["C7 nerve root"] < first_root["C8 nerve root"]


def test_l3_radiculopathy_comes_from_l2_l3_or_l3_l4(runner: EmbeddedRunner) -> None:
    assert _said(runner, "L3 radiculopathy", "usual disc") == {
        "L2-L3 intervertebral disc",
        "L3-L4 intervertebral disc",
    }


def test_the_tibialis_posterior_reflex_is_minor(runner: EmbeddedRunner) -> None:
    reflexes = {
        r.reflex.label: r.principal for r in explain(runner, "L4-L5", "paracentral").reflexes
    }
    assert reflexes == {"medial hamstring reflex": True, "tibialis posterior reflex": False}


def test_a_central_l5_s1_herniation_lists_the_sacral_consequences(runner: EmbeddedRunner) -> None:
    answer = explain(runner, "L5-S1", "central")
    compressed = {c.structure.label: c.principal for c in answer.compresses}
    assert compressed == {
        "cauda equina": True,
        "S1 nerve root": False,
        "S2 nerve root": False,
        "S3 nerve root": False,
        "S4 nerve root": False,
    }
    weak = {w.muscle.label for w in answer.weakness}
    assert {"gastrocnemius", "soleus"} <= weak
    assert "Achilles reflex" in {r.reflex.label for r in answer.reflexes}
    assert "saddle area" in {n.area.label for n in answer.numbness}
    assert answer.urgency == "surgical emergency"
    assert {"saddle anaesthesia", "urinary retention"} <= set(answer.red_flags)


def test_sciatica_comes_from_l4_to_s1_not_the_upper_lumbar_roots(runner: EmbeddedRunner) -> None:
    def signs(disc: str) -> set[str]:
        return {s.finding.label for s in explain(runner, disc, "paracentral").signs}

    assert "sciatica" not in signs("L1-L2") | signs("L2-L3")
    for disc in ("L3-L4", "L4-L5", "L5-S1"):
        assert "sciatica" in signs(disc), disc


def test_symptom_places_come_from_the_compressed_root(runner: EmbeddedRunner) -> None:
    far_lateral = explain(runner, "L3-L4", "far-lateral")
    assert set(far_lateral.body_parts) == {"knee", "lower back", "thigh"}
    paracentral = explain(runner, "L4-L5", "paracentral")
    assert {"buttock", "foot", "lower back"} <= set(paracentral.body_parts)


# --- Sources a reader can open -------------------------------------------------------------


def test_every_curated_fact_says_where_in_an_openable_source_it_is(runner: EmbeddedRunner) -> None:
    unplaced = solutions(
        runner,
        """SELECT ?evidence WHERE {
             ?evidence spine:extractionMethod "curated-table" .
             FILTER NOT EXISTS { ?evidence spine:locator ?where ;
                                           spine:fromSource/spine:url ?url } }""",
    )
    assert list(unplaced) == []
    chain = explain(runner, "L4-L5", "paracentral").chain
    cited = {e.source for step in chain for e in step.evidence}
    assert (
        "StethoPrep (citing BD Chaurasia): L4-L5 posterolateral herniation compresses L5 "
        "(MCQ 009, Explanation)"
    ) in cited
