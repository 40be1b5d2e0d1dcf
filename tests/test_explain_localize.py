"""`spinekg explain` (forward) and `spinekg localize` (backward) against REFERENCE §2, §6, §7."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from spinekg.cli import main
from spinekg.kernel.errors import QueryError
from spinekg.querying.explain import explain
from spinekg.querying.localize import localize
from spinekg.querying.runner import EmbeddedRunner

#: REFERENCE §6, as a clinician writes the findings: root -> (findings, expected first lesion).
PRESENTATIONS = {
    "C5": (
        [
            "weakness of shoulder abduction",
            "numbness of the lateral upper arm",
            "diminished biceps reflex",
        ],
        "C4-C5 paracentral herniation",
    ),
    "C6": (
        ["weakness of wrist extension", "numbness of the thumb", "reduced brachioradialis reflex"],
        "C5-C6 paracentral herniation",
    ),
    "C7": (
        [
            "weakness of elbow extension",
            "numbness of the middle finger",
            "diminished triceps reflex",
        ],
        "C6-C7 paracentral herniation",
    ),
    "C8": (
        ["weakness of finger flexion", "numbness of the little finger"],
        "C7-T1 paracentral herniation",
    ),
    "T1": (
        ["weakness of little finger abduction", "numbness of the medial arm"],
        "T1-T2 foraminal herniation",
    ),
    "L2": (
        ["weakness of hip flexion", "numbness of the upper anterior thigh"],
        "L1-L2 paracentral herniation",
    ),
    "L3": (
        ["weakness of knee extension", "numbness of the anterior knee"],
        "L2-L3 paracentral herniation",
    ),
    "L4": (
        ["weakness of ankle dorsiflexion", "numbness of the medial leg", "diminished knee jerk"],
        "L3-L4 paracentral herniation",
    ),
    "L5": (
        ["weakness of great toe extension", "numbness of the dorsum of the foot", "foot drop"],
        "L4-L5 paracentral herniation",
    ),
    "S1": (
        ["weakness of ankle plantarflexion", "absent ankle jerk", "numbness of the lateral foot"],
        "L5-S1 paracentral herniation",
    ),
}


@pytest.mark.parametrize("root", sorted(PRESENTATIONS))
def test_localize_every_root_presentation(runner: EmbeddedRunner, root: str) -> None:
    findings, lesion = PRESENTATIONS[root]
    best = localize(runner, findings).candidates[0]
    assert best.root == f"{root} nerve root"
    assert best.lesion == lesion
    assert best.score >= 0.6
    assert best.unexplained == ()


def test_localize_ranks_the_principal_root_first_and_says_what_is_unexplained(
    runner: EmbeddedRunner,
) -> None:
    answer = localize(runner, ["absent ankle jerk", "weakness of great toe extension"])
    assert answer.candidates[0].root in {"S1 nerve root", "L5 nerve root"}
    s1 = next(c for c in answer.candidates if c.root == "S1 nerve root")
    assert s1.unexplained in ((), ("weakness of great toe extension",))


def test_localize_cauda_equina_signs_surface_central_lesions(runner: EmbeddedRunner) -> None:
    findings = ["saddle anaesthesia", "urinary retention", "bowel incontinence"]
    best = localize(runner, findings).candidates[0]
    assert best.lesion in {"L4-L5 central herniation", "L5-S1 central herniation"}
    assert best.compresses == "cauda equina"


def test_localize_reports_each_reading_and_rejects_nonsense(runner: EmbeddedRunner) -> None:
    answer = localize(runner, ["absent ankle jerk"])
    [reading] = answer.readings
    assert reading.finding is not None and reading.finding.label == "absent reflex"
    assert [(t.iri, t.label) for t in reading.targets] == [
        ("https://w3id.org/spinekg/reflex-achilles", "Achilles reflex")
    ]
    with pytest.raises(QueryError, match=r"^no finding could be read: 'qqxz' \(nothing in the"):
        localize(runner, ["qqxz"])


def test_explain_l4_l5_paracentral_left(runner: EmbeddedRunner) -> None:
    answer = explain(runner, "L4-L5", "posterolateral", "left")
    assert answer.side == "left"
    assert [c.structure.label for c in answer.compresses] == ["L5 nerve root"]
    muscles = {w.muscle.label: w for w in answer.weakness}
    assert "great toe extension" in muscles["extensor hallucis longus"].movements
    assert muscles["extensor hallucis longus"].principal is True
    assert {"dorsum of the foot", "first web space", "lateral calf"} <= {
        n.area.label for n in answer.numbness
    }
    assert {"medial hamstring reflex"} <= {r.reflex.label for r in answer.reflexes}
    assert answer.red_flags == ()
    steps = [(s.source.label, s.relation, s.target.label) for s in answer.chain]
    assert steps[0] == ("L4-L5 paracentral herniation", "compresses", "L5 nerve root")
    assert ("impaired nerve signal conduction", "causes", "muscle weakness") in steps
    assert all(s.evidence for s in answer.chain)


def test_explain_central_lesions_give_red_flags(runner: EmbeddedRunner) -> None:
    lumbar = explain(runner, "L5-S1", "central")
    assert [c.structure.label for c in lumbar.compresses if c.principal] == ["cauda equina"]
    assert "saddle anaesthesia" in lumbar.red_flags
    assert lumbar.urgency == "surgical emergency"
    cervical = explain(runner, "C5-C6", "central")
    assert "Hoffmann sign" in cervical.red_flags
    assert ("impaired nerve signal conduction", "causes", "diminished reflexes") not in [
        (s.source.label, s.relation, s.target.label) for s in cervical.chain
    ]


@pytest.mark.parametrize("disc", ["C2-C3", "C7-T1", "T6-T7", "T12-L1", "L1-L2", "L5-S1"])
@pytest.mark.parametrize("zone", ["central", "paracentral", "foraminal", "far-lateral"])
def test_explain_works_for_every_level_and_zone(
    runner: EmbeddedRunner, disc: str, zone: str
) -> None:
    answer = explain(runner, disc, zone)
    assert answer.compresses
    assert answer.chain[0].relation == "compresses"


def test_cli_json_shapes(release: object) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "explain",
            "--disc",
            "C5-C6",
            "--zone",
            "paracentral",
            "--format",
            "json",
            "--dist",
            str(release),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {
        "disc",
        "zone",
        "side",
        "compresses",
        "weakness",
        "numbness",
        "reflexes",
        "red_flags",
        "chain",
    } <= set(data)
    result = runner.invoke(
        main, ["localize", "absent ankle jerk", "--format", "json", "--dist", str(release)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"urgency", "urgency_reasons", "findings", "ignored", "candidates"}
    assert data["urgency"] is None
    assert data["findings"][0]["targets"][0]["label"] == "Achilles reflex"
    assert {"root", "disc", "zone", "lesion", "score", "explained", "unexplained"} <= set(
        data["candidates"][0]
    )
