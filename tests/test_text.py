"""The text loader: claims with evidence and modality from curated prose."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from spinekg.cli import main
from spinekg.kernel.namespaces import SPINE
from spinekg.loaders import articles_path
from spinekg.loaders.text import Pipeline, Typing, claims_graph, extract, pipeline_for, read_article
from spinekg.loaders.text import tokens as tokens_module
from spinekg.loaders.text.lexicon import Lexicon
from spinekg.loaders.text.negex import words_of
from spinekg.loaders.text.relations import asides, extract_relations
from spinekg.pipeline.load import Inputs, load, vocabulary_key
from tests.conftest import select

ARTICLE = "weakness-from-herniated-discs"

#: Every fact of the issue's paragraph: (subject, property, object, modality).
PARAGRAPH = [
    ("condition-disc-herniation", "causes", "finding-muscle-weakness", "asserted"),
    ("condition-disc-herniation", "compresses", "spinal-nerve-root-unspecified", "asserted"),
    ("condition-disc-herniation", "compresses", "spinal-cord", "asserted"),
    (
        "mechanism-nerve-root-compression",
        "causes",
        "mechanism-impaired-signal-conduction",
        "possible",
    ),
    ("mechanism-impaired-signal-conduction", "causes", "finding-muscle-weakness", "asserted"),
    ("condition-disc-herniation", "causes", "finding-symptoms-unspecified", "negated"),
    ("condition-lumbar-disc-herniation", "causes", "finding-low-back-pain", "possible"),
    ("condition-lumbar-disc-herniation", "causes", "finding-numbness", "possible"),
    ("condition-lumbar-disc-herniation", "causes", "finding-paresthesia", "possible"),
    ("condition-lumbar-disc-herniation", "causes", "finding-muscle-weakness", "possible"),
    ("finding-muscle-weakness", "occursIn", "body-part-leg", "asserted"),
    ("finding-muscle-weakness", "occursIn", "body-part-foot", "asserted"),
    ("finding-numbness", "occursIn", "body-part-leg", "asserted"),
    ("finding-paresthesia", "occursIn", "body-part-foot", "asserted"),
    ("condition-disc-herniation", "hasLaterality", "laterality-unilateral", "asserted"),
    ("condition-cervical-disc-herniation", "causes", "finding-neck-pain", "possible"),
    ("condition-cervical-disc-herniation", "causes", "finding-muscle-weakness", "possible"),
    ("finding-muscle-weakness", "occursIn", "body-part-arm", "asserted"),
    ("finding-muscle-weakness", "occursIn", "body-part-hand", "asserted"),
    ("condition-disc-herniation", "hasSymptom", "finding-paresthesia", "asserted"),
    ("condition-disc-herniation", "hasSymptom", "finding-stiffness", "asserted"),
    ("condition-disc-herniation", "hasSymptom", "finding-numbness", "asserted"),
    ("finding-numbness", "occursIn", "body-part-hand", "asserted"),
    ("finding-muscle-weakness", "treatedBy", "treatment-physical-therapy", "asserted"),
    ("finding-muscle-weakness", "treatedBy", "treatment-exercise", "asserted"),
    ("finding-muscle-weakness", "treatedBy", "treatment-stretching", "asserted"),
    ("finding-muscle-weakness", "treatedBy", "treatment-otc-analgesics", "asserted"),
    ("finding-muscle-weakness", "treatedBy", "treatment-prescription-medication", "asserted"),
    ("finding-muscle-weakness", "treatedBy", "treatment-heat-and-cold", "asserted"),
    ("treatment-physical-therapy", "treatmentKind", "kind-conservative", "asserted"),
    ("treatment-heat-and-cold", "treatmentKind", "kind-conservative", "asserted"),
    # "if conservative care does not help enough, surgery may be suggested": the order is asserted
    ("treatment-conservative-care", "triedBefore", "treatment-surgery", "asserted"),
    (
        "treatment-conservative-care",
        "triedBefore",
        "treatment-minimally-invasive-surgery",
        "asserted",
    ),
]

EVIDENCE = """SELECT ?sentence ?start ?end ?method ?confidence WHERE {
  ?claim spine:claimSubject ?s ; spine:claimPredicate ?p ; spine:claimObject ?o ;
         spine:hasModality ?modality ; spine:hasEvidence ?e .
  ?e spine:fromSource ?doc ; spine:sentence ?sentence ; spine:startOffset ?start ;
     spine:endOffset ?end ; spine:extractionMethod ?method ; spine:confidence ?confidence }"""


@pytest.mark.parametrize(("s", "p", "o", "modality"), PARAGRAPH)
def test_every_fact_of_the_paragraph_is_a_claim_with_evidence(
    store: ox.Store, s: str, p: str, o: str, modality: str
) -> None:
    spine = "https://w3id.org/spinekg/"
    rows = select(
        store,
        EVIDENCE,
        s=spine + s,
        p=spine + p,
        o=spine + o,
        modality=f"{spine}modality-{modality}",
        doc=f"{spine}article-{ARTICLE}",
    )
    assert rows, f"no {modality} claim {s} {p} {o} from {ARTICLE}"
    text = (articles_path() / f"{ARTICLE}.md").read_text(encoding="utf-8")
    for row in rows:
        assert text[int(row["start"]) : int(row["end"])] == row["sentence"]
        assert row["method"].startswith("spinekg-text-rules")
        assert 0 < float(row["confidence"]) <= 1


def test_a_negated_claim_never_becomes_an_edge(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT (COUNT(*) AS ?negated) (SUM(?edge) AS ?edges) WHERE {
             ?c spine:hasModality spine:modality-negated ; spine:claimSubject ?s ;
                spine:claimPredicate ?p ; spine:claimObject ?o .
             FILTER NOT EXISTS { ?other spine:claimSubject ?s ; spine:claimPredicate ?p ;
                                        spine:claimObject ?o ; spine:hasModality ?m .
                                 FILTER(?m != spine:modality-negated) }
             BIND(IF(EXISTS { ?s ?p ?o }, 1, 0) AS ?edge) }""",
    )
    assert int(rows[0]["negated"]) >= 1
    assert int(rows[0]["edges"]) == 0


def test_claims_from_several_documents_merge_under_one_claim(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
             ?claim spine:claimSubject spine:treatment-conservative-care ;
                    spine:claimPredicate spine:triedBefore ;
                    spine:claimObject spine:treatment-surgery ;
                    spine:hasModality spine:modality-asserted ;
                    spine:hasEvidence/spine:fromSource ?doc .
             ?doc spine:url ?url . FILTER(STRSTARTS(STR(?doc), STR(spine:article-))) }""",
    )
    assert int(rows[0]["claims"]) == 1
    assert int(rows[0]["docs"]) >= 2


def _local(subject: str, relation: str, obj: str, modality: str) -> tuple[str, str, str, str]:
    """A claim with its ends by local id, as the tests write them."""
    return (subject.rsplit("/", 1)[-1], relation, obj.rsplit("/", 1)[-1], modality)


def _claims(pipeline: Pipeline, text: str) -> set[tuple[str, str, str, str]]:
    """The claims the relation rules find in each sentence of ``text``."""
    return {
        _local(str(f.subject.entity.iri), f.relation, str(f.object.entity.iri), f.modality)
        for sent, mentions in pipeline.sentences(text)
        for f in extract_relations(list(sent.words), mentions, pipeline.lexicon)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A herniated disk can cause pins-and-needles in the feet.",
            {
                ("condition-disc-herniation", "causes", "finding-paresthesia", "possible"),
                ("finding-paresthesia", "occurs_in", "body-part-foot", "possible"),
            },
        ),
        (
            "A thoracic disc herniation does not cause sciatica.",
            {("condition-thoracic-disc-herniation", "causes", "finding-sciatica", "negated")},
        ),
        (
            "If physical therapy does not help, surgery is recommended.",
            {("treatment-physical-therapy", "tried_before", "treatment-surgery", "asserted")},
        ),
        (
            "Smoking and obesity increase the risk of a herniated disc.",
            {
                ("risk-factor-smoking", "risk_factor_for", "condition-disc-herniation", "asserted"),
                (
                    "risk-factor-excess-weight",
                    "risk_factor_for",
                    "condition-disc-herniation",
                    "asserted",
                ),
            },
        ),
        (
            "The L5 nerve root supplies the extensor hallucis longus.",
            {("root-L5", "innervates", "muscle-extensor-hallucis-longus", "asserted")},
        ),
        (
            "A disc herniation at C6 can cause weakness in the biceps muscle and numbness and"
            " tingling in the thumb.",
            {
                ("condition-disc-herniation", "causes", "finding-muscle-weakness", "possible"),
                ("condition-disc-herniation", "causes", "finding-numbness", "possible"),
                ("condition-disc-herniation", "causes", "finding-paresthesia", "possible"),
                ("finding-muscle-weakness", "occurs_in", "muscle-biceps-brachii", "possible"),
                ("finding-numbness", "occurs_in", "body-part-thumb", "possible"),
            },
        ),
        (
            "Sciatica happens when spinal stenosis or a bulging disc squeezes a lumbar root.",
            {
                ("condition-spinal-stenosis", "causes", "finding-sciatica", "asserted"),
                ("condition-bulging-disc", "causes", "finding-sciatica", "asserted"),
            },
        ),
        (
            "Most lumbar herniations occur at L4-L5, and many others at L5/S1.",
            {
                ("condition-lumbar-disc-herniation", "occurs_in", "disc-L4-L5", "asserted"),
                ("condition-lumbar-disc-herniation", "occurs_in", "disc-L5-S1", "asserted"),
            },
        ),
        (  # a disc named by its vertebrae
            "A slipped disc is most common between the fifth and sixth cervical vertebrae.",
            {("condition-disc-herniation", "occurs_in", "disc-C5-C6", "asserted")},
        ),
        (  # a reflex and its change, either way round
            "An S1 radiculopathy may weaken the calf, and the ankle jerk may be absent.",
            {("radiculopathy-S1", "causes", "finding-absent-reflex", "possible")},
        ),
        (
            "A C6 radiculopathy typically causes a reduced brachioradialis reflex.",
            {("radiculopathy-C6", "causes", "finding-diminished-reflex", "asserted")},
        ),
        (
            "Cauda equina syndrome can cause loss of the tendon reflexes in both legs.",
            {("condition-cauda-equina-syndrome", "causes", "finding-absent-reflex", "possible")},
        ),
        (  # pain in a list that runs down a limb travels
            "A herniated disc can cause pain and tingling down the leg.",
            {
                ("condition-disc-herniation", "causes", "finding-radicular-pain", "possible"),
                ("finding-radicular-pain", "occurs_in", "body-part-leg", "possible"),
            },
        ),
        (  # a negation does not reach into a clause with its own subject ...
            "If you are not active and you have numbness in your foot, see a doctor.",
            {("finding-numbness", "occurs_in", "body-part-foot", "possible")},
        ),
        (  # ... nor past a dash
            "A bulging disc does not cause back pain\u2014numbness in the leg is more common.",
            {
                ("condition-bulging-disc", "causes", "finding-back-pain", "negated"),
                ("finding-numbness", "occurs_in", "body-part-leg", "asserted"),
            },
        ),
        (  # what people with a condition feel
            "Patients with sciatica often feel numbness in the foot.",
            {("finding-sciatica", "has_symptom", "finding-numbness", "asserted")},
        ),
        (  # a risk factor named as the cause
            "A herniated disc can be caused by poor posture.",
            {("risk-factor-poor-posture", "causes", "condition-disc-herniation", "possible")},
        ),
        (  # an item the lexicon does not know keeps a kind's list going
            "Conservative therapies such as steroids, narcotic analgesics and physical therapy"
            " are tried first.",
            {
                ("treatment-opioids", "treatment_kind", "kind-conservative", "asserted"),
                ("treatment-physical-therapy", "treatment_kind", "kind-conservative", "asserted"),
            },
        ),
        (  # weakness in the muscles of a place is weakness in that place
            "You may feel weakness in the muscles of the shoulder or arm.",
            {
                ("finding-muscle-weakness", "occurs_in", "body-part-shoulder", "possible"),
                ("finding-muscle-weakness", "occurs_in", "body-part-arm", "possible"),
            },
        ),
        (  # a steroid injection is narrower than any injection
            "Cortisone injections may be given for a herniated disc.",
            {
                (
                    "condition-disc-herniation",
                    "treated_by",
                    "treatment-steroid-injection",
                    "possible",
                )
            },
        ),
        (  # an operation "if symptoms persist" comes after the conservative care before it
            "Surgery may be offered if symptoms persist.",
            {("treatment-conservative-care", "tried_before", "treatment-surgery", "asserted")},
        ),
        (  # what is caused by pressure on a root is caused by the compression, never presses
            "Radiculopathy is caused by pressure on a nerve root.",
            {("mechanism-nerve-root-compression", "causes", "condition-radiculopathy", "asserted")},
        ),
        (  # "do not require" denies the treatment
            "Fortunately, the majority of herniated discs do not require surgery.",
            {("condition-disc-herniation", "treated_by", "treatment-surgery", "negated")},
        ),
        (  # what pain "does not get better with" was tried first
            "Surgery is used when the pain does not get better with physical therapy.",
            {("treatment-physical-therapy", "tried_before", "treatment-surgery", "asserted")},
        ),
        (  # a procedure named as an instance of surgery
            "In rare cases surgery may be needed to free the nerve by a procedure called a"
            " microdiscectomy.",
            {("treatment-microdiscectomy", "treatment_kind", "kind-surgical", "asserted")},
        ),
        (  # caused by a structure being pressed on: what presses causes it and compresses
            "Sciatica can be caused by the nerve being squeezed by bone spurs or spinal stenosis.",
            {
                ("condition-bone-spurs", "causes", "finding-sciatica", "possible"),
                ("condition-spinal-stenosis", "causes", "finding-sciatica", "possible"),
                (
                    "condition-bone-spurs",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "possible",
                ),
            },
        ),
        (  # ... or irritated: a cause, but no compression
            "Sciatica can be caused by the nerve being irritated by a herniated disc.",
            {("condition-disc-herniation", "causes", "finding-sciatica", "possible")},
        ),
        (  # a condition defined by what presses on a nerve outside the spine
            "Sciatica occurs when the sciatic nerve is compressed.",
            {("mechanism-sciatic-nerve-compression", "causes", "finding-sciatica", "asserted")},
        ),
        (  # a nerve whose compression the graph has no name for is a pinched nerve
            "Thigh numbness can occur when the femoral nerve is compressed.",
            {("condition-pinched-nerve", "causes", "finding-numbness", "possible")},
        ),
        (  # ... or on a root
            "An L5 radiculopathy means that the L5 nerve root is being squeezed.",
            {("mechanism-nerve-root-compression", "causes", "radiculopathy-L5", "asserted")},
        ),
        (  # an inflamed root, and a condition with two names
            "A pinched nerve, also known as radiculopathy, occurs when a nerve root is inflamed.",
            {
                (
                    "mechanism-nerve-root-inflammation",
                    "causes",
                    "condition-pinched-nerve",
                    "asserted",
                ),
                (
                    "mechanism-nerve-root-inflammation",
                    "causes",
                    "condition-radiculopathy",
                    "asserted",
                ),
            },
        ),
        (  # deficits tied to a named root: what the root supplies
            "With L5, there may be weakness of the tibialis anterior and numbness on the top of"
            " the foot.",
            {
                ("finding-muscle-weakness", "occurs_in", "muscle-tibialis-anterior", "possible"),
                ("root-L5", "innervates", "muscle-tibialis-anterior", "asserted"),
                ("root-L5", "innervates", "skin-dorsum-of-foot", "asserted"),
            },
        ),
        (
            "In a C6 radiculopathy the biceps may be weak and the thumb numb.",
            {("root-C6", "innervates", "body-part-thumb", "asserted")},
        ),
        (  # a definition by a symptom: felt where it says, not where the cause is
            "Sciatica refers to pain that runs down the back of the thigh into the calf, "
            "caused by a problem in the lower back.",
            {
                ("finding-sciatica", "has_symptom", "finding-radicular-pain", "asserted"),
                ("finding-sciatica", "occurs_in", "skin-posterior-thigh", "asserted"),
                ("finding-sciatica", "occurs_in", "body-part-calf", "asserted"),
            },
        ),
        (  # what causes a pinched nerve presses on a root of the region it is in
            "A pinched nerve in the lower back can be caused by bone spurs, an injury or"
            " spinal stenosis.",
            {
                ("condition-bone-spurs", "compresses", "lumbar-nerve-root-unspecified", "possible"),
                (
                    "condition-spinal-stenosis",
                    "compresses",
                    "lumbar-nerve-root-unspecified",
                    "possible",
                ),
                ("condition-injury", "causes", "condition-pinched-nerve", "possible"),
            },
        ),
        (  # an item labelled with weakness is about the muscles it names
            "Weakness: the C7 root runs the triceps, so if it is pinched, pushing is hard.",
            {("finding-muscle-weakness", "occurs_in", "muscle-triceps-brachii", "possible")},
        ),
        (  # anywhere in the spine: possibly in each of its regions
            "A bulging disc can develop anywhere along the spine.",
            {
                ("condition-bulging-disc", "occurs_in", "region-cervical", "possible"),
                ("condition-bulging-disc", "occurs_in", "region-thoracic", "possible"),
                ("condition-bulging-disc", "occurs_in", "region-lumbar", "possible"),
            },
        ),
        (  # a change in sensation is not a loss of it
            "A pinched nerve root can cause sensory changes in the thigh.",
            {
                ("condition-pinched-nerve", "causes", "finding-sensory-change", "possible"),
                ("finding-sensory-change", "occurs_in", "body-part-thigh", "possible"),
            },
        ),
        (  # "along with" and "in addition to" join findings like "and"
            "A slipped disc often causes numbness along with tingling in addition to leg pain.",
            {
                ("condition-disc-herniation", "causes", "finding-numbness", "asserted"),
                ("condition-disc-herniation", "causes", "finding-paresthesia", "asserted"),
                ("condition-disc-herniation", "causes", "finding-leg-pain", "asserted"),
            },
        ),
    ],
)
def test_relations_and_modality(
    pipeline: Pipeline, text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert expected <= _claims(pipeline, text)


def test_a_synonym_added_by_a_curator_is_recognised(curated_copy: Path, pipeline: Pipeline) -> None:
    findings = curated_copy / "findings.tsv"
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text.replace("\tnumbness\tsymptom\t", "\tnumbness\tsymptom\tdead leg;"))
    sentence = "A herniated disc can cause a dead leg."
    before = _claims(pipeline, sentence)
    edited = Inputs.shipped(curated=curated_copy, with_articles=False)
    after = _claims(pipeline_for(load(edited).graphs.values()), sentence)
    wanted = ("condition-disc-herniation", "causes", "finding-numbness", "possible")
    assert wanted not in before
    assert wanted in after


def test_extract_prints_claims_as_json(tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("Foot drop may be caused by a herniated disc.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["document"]["id"] == "note"
    (claim,) = data["claims"]
    assert claim["subject"]["label"] == "disc herniation"
    assert claim["relation"] == "causes"
    assert claim["object"]["label"] == "foot drop"
    assert claim["modality"] == "possible"
    assert claim["evidence"] == {
        "sentence": "Foot drop may be caused by a herniated disc.",
        "start": 0,
        "end": 44,
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "1:1: empty article"),
        (b"\x89PNG\x00\x00", "1:1: a binary file, not an article; expected Markdown or plain text"),
        (b"Sciatica\n caf\xe9", "2:1: not valid UTF-8 text; save the article as UTF-8"),
        (
            b"---\ntitle: [x\n---\nhi",
            "3:1: malformed front matter (YAML): expected ',' or ']', but got '<stream end>'",
        ),
        (
            b"---\ntitle: x\nno end",
            "1:1: front matter opened with '---' but never closed by a '---' line",
        ),
        (
            b"---\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n---\nSciatica.",
            "3:1: front matter uses a YAML alias (*name); write the value",
        ),
        (
            b"---\ntitle: " + b"x" * 20_000 + b"\n---\nSciatica.",
            "1:1: front matter over 16,384 characters",
        ),
        (b"---\n- a list\n---\nSciatica.", "2:1: front matter is not a list of 'key: value' lines"),
    ],
)
def test_a_malformed_article_gets_one_clear_message(
    tmp_path: Path, content: bytes, message: str
) -> None:
    article = tmp_path / "bad.md"
    article.write_bytes(content)
    result = CliRunner().invoke(main, ["extract", str(article)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {article}:{message}\n"
    assert "Traceback" not in result.output


def test_what_is_not_a_regular_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    for path in (fifo, Path("/dev/zero")):  # reading this one would never end
        result = CliRunner().invoke(main, ["extract", str(path)])
        assert (result.exit_code, result.stderr) == (
            1,
            f"error: {path}:0:1: a pipe, device or socket, not a file; expected a Markdown or "
            "text file\n",
        )


def test_an_article_over_the_size_limit_is_reported_and_the_others_read(tmp_path: Path) -> None:
    (tmp_path / "short.md").write_text("Sciatica can cause foot drop.\n")
    (tmp_path / "long.md").write_text("Sciatica can cause foot drop. " * 10 + "\n")
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "--max-bytes", "100"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {tmp_path / 'long.md'}:0:1: larger than 100 bytes, the most an article may be\n"
        "1 of 2 article(s) could not be read.\n"
    )
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["claims"][0]["object"]["label"] == "foot drop"


def test_a_page_on_one_very_long_line_is_read_in_pieces(pipeline: Pipeline, tmp_path: Path) -> None:
    """A page without breaks is read in pieces of at most ``max_chars``, offsets kept."""
    assert pipeline.max_chars == 3_000
    filler = "The clinic opens at nine and closes at five on weekdays. " * 400
    text = filler + "A herniated disc can compress the L5 nerve root. " + filler
    assert "\n" not in text and len(text) > 40_000
    claims = _page(pipeline, tmp_path, text)
    assert claims == {("condition-disc-herniation", "compresses", "root-L5", "possible")}
    path = tmp_path / "page.txt"
    (claim,) = extract(read_article(path, curated=False), pipeline).claims
    assert text[claim.start : claim.end] == "A herniated disc can compress the L5 nerve root."
    assert claim.sentence == "A herniated disc can compress the L5 nerve root."


def _page(pipeline: Pipeline, tmp_path: Path, text: str) -> set[tuple[str, str, str, str]]:
    """The claims of a whole page (layout, topic and lead-ins included), by local ids."""
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    extraction = extract(read_article(path, curated=False), pipeline)
    return {
        _local(str(c.subject.iri), c.relation, str(c.object.iri), c.modality)
        for c in extraction.claims
    }


def test_a_lead_in_makes_every_item_a_claim_with_its_hedge(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Living with a slipped disc\n"
        "A slipped disc in the lower back is common in adults.\n"
        "Warning signs can include:\n"
        "- numbness or tingling in the heel and the sole\n"
        "- leg weakness\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert {
        ("condition-disc-herniation", "has_symptom", "finding-numbness", "possible"),
        ("condition-disc-herniation", "has_symptom", "finding-paresthesia", "possible"),
        ("condition-disc-herniation", "has_symptom", "finding-muscle-weakness", "possible"),
        ("finding-numbness", "occurs_in", "body-part-heel", "possible"),
        ("finding-paresthesia", "occurs_in", "body-part-sole", "possible"),
        ("finding-muscle-weakness", "occurs_in", "body-part-leg", "possible"),
    } <= claims


def test_the_page_topic_stands_for_an_omitted_subject(pipeline: Pipeline, tmp_path: Path) -> None:
    page = (
        "Sciatica is pain along the path of the sciatic nerve. Sciatica mostly affects adults.\n\n"
        "It can also bring on numbness. You may feel tingling in the calf.\n\n"
        "Treatment usually starts with rest and gentle exercise.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert {
        ("finding-sciatica", "causes", "finding-numbness", "possible"),
        ("finding-sciatica", "has_symptom", "finding-paresthesia", "possible"),
        ("finding-sciatica", "treated_by", "treatment-rest", "asserted"),
        ("finding-sciatica", "treated_by", "treatment-exercise", "asserted"),
    } <= claims


def test_a_risk_heading_makes_short_lines_risk_factors(pipeline: Pipeline, tmp_path: Path) -> None:
    page = (
        "Herniated disc\n"
        "A herniated disc is a common cause of arm and leg pain.\n"
        "Risk factors\n"
        "Smoking.\n"
        "Prolonged sitting.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert {
        ("risk-factor-smoking", "risk_factor_for", "condition-disc-herniation", "asserted"),
        (
            "risk-factor-prolonged-sitting",
            "risk_factor_for",
            "condition-disc-herniation",
            "asserted",
        ),
    } <= claims


def test_a_lead_in_without_a_relation_keeps_the_heading_frame(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Herniated disc\n"
        "Things you can change\n"
        "What you do at work counts. Examples may include:\n"
        "Long periods of sitting.\n"
        "Lifting heavy loads.\n"
    )
    assert not {c for c in _page(pipeline, tmp_path, page) if c[1] == "risk_factor_for"}
    claims = _page(pipeline, tmp_path, page.replace("Things you", "Risks you"))
    assert {c for c in claims if c[1] == "risk_factor_for"} == {
        (
            "risk-factor-prolonged-sitting",
            "risk_factor_for",
            "condition-disc-herniation",
            "possible",
        ),
        ("risk-factor-heavy-lifting", "risk_factor_for", "condition-disc-herniation", "possible"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rest and anti-inflammatory drugs may ease the pain, but if it persists, an operation"
            " may be recommended.",
            {
                ("treatment-rest", "tried_before", "treatment-surgery", "asserted"),
                ("treatment-nsaids", "tried_before", "treatment-surgery", "asserted"),
            },
        ),
        (
            "After six weeks of rest and physical therapy, a discectomy is usually offered.",
            {
                ("treatment-rest", "tried_before", "treatment-discectomy", "asserted"),
                ("treatment-physical-therapy", "tried_before", "treatment-discectomy", "asserted"),
            },
        ),
        (
            "In people unresponsive to physical therapy, an epidural injection can help.",
            {
                (
                    "treatment-physical-therapy",
                    "tried_before",
                    "treatment-epidural-steroid-injection",
                    "asserted",
                )
            },
        ),
        (
            "Sometimes, after months of physical therapy, surgery might be needed.",
            {("treatment-physical-therapy", "tried_before", "treatment-surgery", "possible")},
        ),
        (
            "Conservative care first (rest, physical therapy), then epidural steroid injections.",
            {
                (
                    "treatment-conservative-care",
                    "tried_before",
                    "treatment-epidural-steroid-injection",
                    "asserted",
                )
            },
        ),
        ("Conservative care comes first: rest, heat and physical therapy.", set()),
        (
            "A discectomy may be offered following failed epidural injections.",
            {
                (
                    "treatment-epidural-steroid-injection",
                    "tried_before",
                    "treatment-discectomy",
                    "asserted",
                )
            },
        ),
    ],
)
def test_an_order_of_treatments_needs_a_sequence_in_the_text(
    pipeline: Pipeline, text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    """The order is asserted even when the later step is hedged; a step's members are no steps."""
    found = {c for c in _claims(pipeline, text) if c[1] == "tried_before"}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A bulging disc can give hand and arm numbness.",
            {
                ("finding-numbness", "occurs_in", "body-part-hand", "possible"),
                ("finding-numbness", "occurs_in", "body-part-arm", "possible"),
            },
        ),
        (
            "The pain shoots from the buttock down into the calf.",
            {
                ("finding-radicular-pain", "occurs_in", "body-part-buttock", "asserted"),
                ("finding-radicular-pain", "occurs_in", "body-part-calf", "asserted"),
            },
        ),
        (
            "Bone spurs may press on a nerve root.",
            {
                (
                    "condition-bone-spurs",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "possible",
                )
            },
        ),
        (
            "Symptoms may include numbness or tingling in the feet and toes.",
            {
                ("finding-numbness", "occurs_in", "body-part-foot", "possible"),
                ("finding-numbness", "occurs_in", "body-part-toes", "possible"),
                ("finding-paresthesia", "occurs_in", "body-part-foot", "possible"),
                ("finding-paresthesia", "occurs_in", "body-part-toes", "possible"),
            },
        ),
        (
            "A numb or tingling sensation in the hand or arm is common.",
            {
                ("finding-numbness", "occurs_in", "body-part-hand", "asserted"),
                ("finding-numbness", "occurs_in", "body-part-arm", "asserted"),
                ("finding-paresthesia", "occurs_in", "body-part-hand", "asserted"),
                ("finding-paresthesia", "occurs_in", "body-part-arm", "asserted"),
            },
        ),
        (
            "My legs feel weak and numb, and the foot may go numb.",
            {
                ("finding-muscle-weakness", "occurs_in", "body-part-leg", "asserted"),
                ("finding-numbness", "occurs_in", "body-part-leg", "asserted"),
                ("finding-numbness", "occurs_in", "body-part-foot", "possible"),
            },
        ),
        (
            "A herniated disc can cause lower back and leg pain.",
            {
                ("condition-disc-herniation", "causes", "finding-low-back-pain", "possible"),
                ("condition-disc-herniation", "causes", "finding-leg-pain", "possible"),
            },
        ),
        (
            "A large central herniation can cause loss of bladder or bowel control.",
            {
                ("condition-disc-herniation", "causes", "finding-bladder-dysfunction", "possible"),
                ("condition-disc-herniation", "causes", "finding-bowel-dysfunction", "possible"),
            },
        ),
        (
            # pain that spreads is radiating pain; the hedge is the spreading's
            "The ache from a lumbar herniation often starts in the lower back and may spread"
            " to the buttock and thigh.",
            {
                ("finding-radicular-pain", "occurs_in", "body-part-lower-back", "asserted"),
                ("finding-radicular-pain", "occurs_in", "body-part-buttock", "possible"),
                ("finding-radicular-pain", "occurs_in", "body-part-thigh", "possible"),
            },
        ),
        (  # a skin area read with "your" for "the"; the big toe by its common name
            "Tingling spreads over the top of your foot and into the big toe.",
            {
                ("finding-paresthesia", "occurs_in", "skin-dorsum-of-foot", "asserted"),
                ("finding-paresthesia", "occurs_in", "body-part-great-toe", "asserted"),
            },
        ),
        (  # an aside in brackets neither ends the run nor joins it; and is read on its own
            "Pain (often described as burning) that radiates from the lower back down one leg."
            " Headaches are common (a nerve can also cause numbness in the face).",
            {
                ("finding-radicular-pain", "occurs_in", "body-part-lower-back", "asserted"),
                ("finding-radicular-pain", "occurs_in", "body-part-leg", "asserted"),
                ("finding-numbness", "occurs_in", "body-part-face", "possible"),
            },
        ),
        (  # a gloss in quotes is an aside; a quoted item is an item
            "Loss of sensation or tingling \u201cpins and needles\u201d in the hand."
            ' Weakness or "pins and needles" in the arm.',
            {
                ("finding-sensory-loss", "occurs_in", "body-part-hand", "asserted"),
                ("finding-paresthesia", "occurs_in", "body-part-hand", "asserted"),
                ("finding-muscle-weakness", "occurs_in", "body-part-arm", "asserted"),
                ("finding-paresthesia", "occurs_in", "body-part-arm", "asserted"),
            },
        ),
        (  # pain "with radiation into" a place
            "Thoracic herniations give back pain, possibly with radiation into the ribs.",
            {("finding-radicular-pain", "occurs_in", "body-part-ribs", "possible")},
        ),
        (  # places a cervical or a cauda equina lesion gives symptoms in
            "Tingling may reach the fingers and fingertips, and numbness the genitals.",
            {
                ("finding-paresthesia", "occurs_in", "body-part-fingers", "possible"),
                ("finding-paresthesia", "occurs_in", "body-part-fingertips", "possible"),
                ("finding-numbness", "occurs_in", "body-part-genitals", "possible"),
            },
        ),
        (
            "Numbness on the inner side of the leg and the sole of the foot is typical.",
            {
                ("finding-numbness", "occurs_in", "skin-medial-leg", "asserted"),
                ("finding-numbness", "occurs_in", "body-part-sole", "asserted"),
            },
        ),
    ],
)
def test_places_and_readings(
    pipeline: Pipeline, text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    assert expected <= _claims(pipeline, text)


def test_a_manner_of_care_and_a_kind_of_option_name_the_care(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Pinched nerve in the neck\n\n"
        "A pinched nerve in the neck is a root squeezed where it leaves the spine.\n\n"
        "Nine in ten slipped discs in the neck are managed non-surgically.\n\n"
        "Heat and rest may ease the symptoms, but if they persist, surgical options may be"
        " discussed.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert {
        (
            "condition-cervical-disc-herniation",
            "treated_by",
            "treatment-conservative-care",
            "asserted",
        ),
        # offered first and then followed by surgery: both treat the page's condition
        ("condition-pinched-nerve", "treated_by", "treatment-heat", "possible"),
        ("condition-pinched-nerve", "treated_by", "treatment-rest", "possible"),
        ("condition-pinched-nerve", "treated_by", "treatment-surgery", "possible"),
        ("treatment-rest", "tried_before", "treatment-surgery", "asserted"),
    } <= claims
    # a kind is never a step of an order: the care of the kind is
    assert not {c for c in claims if c[1] == "tried_before" and c[2].startswith("kind-")}


def test_the_disc_or_its_part_presses_for_the_page_condition(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Thoracic disc herniation\n\n"
        "A thoracic disc herniation is uncommon.\n\n"
        "The escaped disc material can press on the spinal cord, causing weakness of both legs.\n\n"
        "The disc is made of a tough ring around a soft core.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert {
        ("condition-thoracic-disc-herniation", "compresses", "spinal-cord", "possible"),
        (
            "condition-thoracic-disc-herniation",
            "causes",
            "finding-bilateral-leg-weakness",
            "possible",
        ),
    } <= claims
    # a sentence about the disc that presses on nothing gives no claim
    assert all("tough ring" not in c for c in claims)


def test_a_body_part_names_the_region_where_a_condition_occurs(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Slipped discs\n\n"
        "A slipped disc is a disc whose soft centre bulges through its outer ring.\n\n"
        "It happens most often in the lower back, less often in the neck.\n\n"
        "Slipped discs can cause pain in the neck and arm.\n\n"
        "The symptoms of a slipped disc are most common in the upper back.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    sites = {c for c in claims if c[1] == "occurs_in" and c[0].startswith("condition-")}
    assert sites == {
        ("condition-disc-herniation", "occurs_in", "region-lumbar", "asserted"),
        ("condition-disc-herniation", "occurs_in", "region-cervical", "asserted"),
    }  # the pain's neck, and the symptoms' upper back, are no site of the disc


def test_a_cause_list_and_a_sign_list_of_an_unknown_condition(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Sciatica\n\n"
        "Sciatica is pain that follows the sciatic nerve down the leg.\n\n"
        "The main causes are:\n\n"
        "- Spinal stenosis: the canal around the nerves narrows.\n"
        "- Spondylolisthesis: one vertebra slides over the one below.\n\n"
        "Warning signs that suggest a kidney stone include:\n\n"
        "- Fever and chills.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert {
        ("condition-spinal-stenosis", "causes", "finding-sciatica", "asserted"),
        ("condition-spondylolisthesis", "causes", "finding-sciatica", "asserted"),
    } <= claims
    # the signs belong to a condition the lexicon does not know, not to the page's topic
    assert not {c for c in claims if c[2] in {"finding-fever", "finding-chills"}}


def test_these_include_lists_the_symptoms_the_sentence_before_announced(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Slipped discs\n\n"
        "A slipped disc in the lower back can irritate the sciatic nerve and bring on the"
        " symptoms of sciatica. These include numbness and weakness in one leg.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert {
        ("finding-sciatica", "has_symptom", "finding-numbness", "asserted"),
        ("finding-sciatica", "has_symptom", "finding-muscle-weakness", "asserted"),
        # "one leg" is one side, of what the sentence lists the symptoms of
        ("finding-sciatica", "affects_side", "laterality-unilateral", "asserted"),
    } <= claims
    assert not {c for c in claims if c[1] == "affects_side" and c[0].startswith("finding-n")}


@pytest.mark.parametrize(
    ("text", "expected", "unexpected"),
    [
        (  # "go away" is no travelling: the pain stays pain
            "Neck pain that comes on suddenly and will not go away needs a check-up.",
            set(),
            ("finding-radicular-pain",),
        ),
        (
            "The ache can travel below the knee and into the ankle.",
            {("finding-radicular-pain", "occurs_in", "body-part-lower-leg", "possible")},
            ("body-part-knee",),
        ),
        (  # the neck is the pinched nerve's, not where its symptoms are
            "Symptoms of a pinched nerve in the neck can vary.",
            set(),
            ("body-part-neck",),
        ),
        (  # the leg is sciatica's, not the symptoms'
            "Some people feel symptoms of sciatica in the leg.",
            {("finding-sciatica", "occurs_in", "body-part-leg", "possible")},
            ("finding-symptoms-unspecified",),
        ),
        (  # a quality word inside the list does not end it
            "A worn disc may cause stiffness, numbness, and sharp, burning pain in the arms.",
            {
                ("finding-numbness", "occurs_in", "body-part-arm", "possible"),
                ("finding-stiffness", "occurs_in", "body-part-arm", "possible"),
            },
            (),
        ),
        (  # the cause of the cause is not the subject of the effect
            "A pinched nerve due to a bulging disc can cause muscle spasms.",
            {
                ("condition-pinched-nerve", "causes", "finding-muscle-spasm", "possible"),
                ("condition-bulging-disc", "causes", "condition-pinched-nerve", "possible"),
            },
            ("condition-bulging-disc", "finding-muscle-spasm"),
        ),
        (
            "Slipped discs happen more often in middle-aged and older men.",
            {("risk-factor-male-sex", "risk_factor_for", "condition-disc-herniation", "asserted")},
            (),
        ),
        (
            "Sciatica is often caused by age-related wear and tear of the spine.",
            {("mechanism-age-related-wear", "causes", "finding-sciatica", "asserted")},
            (),
        ),
        (  # one cause per item of a list split by semicolons, whatever else the item says
            "Frequent causes of a bulging disc include careless lifting at work; sitting for"
            " long hours at a desk; smoking.",
            {
                ("risk-factor-heavy-lifting", "causes", "condition-bulging-disc", "asserted"),
                ("risk-factor-prolonged-sitting", "causes", "condition-bulging-disc", "asserted"),
                ("risk-factor-smoking", "causes", "condition-bulging-disc", "asserted"),
            },
            (),
        ),
        (
            "For a herniated disc the first treatment is nearly always conservative.",
            {
                (
                    "condition-disc-herniation",
                    "treated_by",
                    "treatment-conservative-care",
                    "asserted",
                )
            },
            (),
        ),
        (
            "For sciatica, doctors often prescribe physical therapy.",
            {("finding-sciatica", "treated_by", "treatment-physical-therapy", "asserted")},
            (),
        ),
        (  # the calf is where the pain is felt, not sciatica's own place
            "The pain of sciatica is usually felt in the calf.",
            {("finding-pain", "occurs_in", "body-part-calf", "asserted")},
            ("finding-sciatica", "body-part-calf"),
        ),
        (  # "X symptoms" are X's: the places go to X
            "Sciatica symptoms affect the buttock and the calf.",
            {("finding-sciatica", "occurs_in", "body-part-calf", "asserted")},
            ("finding-symptoms-unspecified", "body-part-calf"),
        ),
        (  # pain in one place the graph names is that pain
            "Sciatica often brings on pain in the hip.",
            {("finding-sciatica", "causes", "finding-hip-pain", "asserted")},
            ("finding-pain", "body-part-hip"),
        ),
        (  # a structure said to be pressed on: its compression is the cause
            "When a nerve root gets pinched, numbness and weakness may follow in the leg.",
            {
                ("mechanism-nerve-root-compression", "causes", "finding-numbness", "possible"),
                (
                    "mechanism-nerve-root-compression",
                    "causes",
                    "finding-muscle-weakness",
                    "possible",
                ),
            },
            (),
        ),
        (  # ... only where the sentence makes it a cause
            "The nerve root is not compressed in most people with back pain.",
            set(),
            ("mechanism-nerve-root-compression", "finding-back-pain"),
        ),
        (  # a disc level between "symptoms of" and the condition leaves no gap
            "Symptoms of an L5-S1 disc herniation can include burning and weakness.",
            {
                (
                    "condition-disc-herniation",
                    "has_symptom",
                    "finding-burning-sensation",
                    "possible",
                ),
                ("condition-disc-herniation", "has_symptom", "finding-muscle-weakness", "possible"),
            },
            (),
        ),
        (  # the place of the list's first finding is every item's
            "A bulging disc in the neck can cause arm pain, numbness or tingling.",
            {
                ("finding-numbness", "occurs_in", "body-part-arm", "possible"),
                ("finding-paresthesia", "occurs_in", "body-part-arm", "possible"),
            },
            (),
        ),
        (  # ... unless an item has a place of its own
            "Neck pain and tingling in the hand are typical.",
            {("finding-paresthesia", "occurs_in", "body-part-hand", "asserted")},
            ("finding-paresthesia", "body-part-neck"),
        ),
        (  # pain "down" a limb travels
            "A lumbar herniation may give a burning pain down the leg.",
            {("finding-radicular-pain", "occurs_in", "body-part-leg", "possible")},
            (),
        ),
        (  # a movement's body part is moved, not supplied
            "The L5 root controls the movement of lifting the foot and the toes.",
            set(),
            ("root-L5", "body-part-foot"),
        ),
        (
            "The tibial nerve supplies the muscles that move the foot.",
            {("nerve-tibial", "innervates", "body-part-foot", "asserted")},
            (),
        ),
        (  # the places before "areas supplied by" are the pain's
            "Sciatica is pain down the buttock and leg, in areas supplied by the sciatic nerve.",
            set(),
            ("nerve-sciatic", "body-part-leg"),
        ),
        (  # a trailing place is the items' after the last one with a place of its own
            "Typical symptoms are neck pain, back muscle spasms, numbness or tingling that"
            " spreads into the arm.",
            {("finding-numbness", "occurs_in", "body-part-arm", "asserted")},
            ("finding-muscle-spasm", "body-part-arm"),
        ),
        (  # numbness starts at a muscle, it is not in it
            "A disc bulge can cause numbness and tingling down from the biceps to the thumb.",
            {("finding-numbness", "occurs_in", "body-part-thumb", "possible")},
            ("finding-numbness", "muscle-biceps-brachii"),
        ),
        (  # "a C6 herniation" names a level, not the root that supplies the thumb
            "A C6 herniation can cause numbness in the thumb.",
            {("finding-numbness", "occurs_in", "body-part-thumb", "possible")},
            ("innervates",),
        ),
        (  # irritating is no compression
            "Sciatica can be caused by the nerve being irritated by a herniated disc.",
            set(),
            ("compresses",),
        ),
        (  # the sciatic nerve is no root: its inflammation is not a root's
            "Sciatica occurs when the sciatic nerve is inflamed.",
            set(),
            ("mechanism-nerve-root-inflammation",),
        ),
        (  # people with a finding are told what to do, not what they feel
            "People with back pain should see a doctor about numbness.",
            set(),
            ("has_symptom",),
        ),
        (  # a clause of its own ends the list of a kind
            "Conservative care helps most people, and surgery helps the rest.",
            set(),
            ("treatment_kind",),
        ),
        (  # the level a sentence gives, not the region of the herniation's name
            "C5-C6 is one of the most common levels for a cervical disc herniation to occur.",
            {("condition-cervical-disc-herniation", "occurs_in", "disc-C5-C6", "asserted")},
            ("region-cervical",),
        ),
        (  # the neck of "muscles in the neck" is not where the herniation is
            "A herniated disc can affect the nerves that control the muscles in the neck.",
            set(),
            ("region-cervical",),
        ),
        (  # the condition a compression causes does not press
            "Radiculopathy is caused by pressure on a nerve root.",
            set(),
            ("compresses",),
        ),
        (  # a pinched nerve is what is pressed on
            "A pinched nerve in the neck is caused by direct pressure on the nerve.",
            {("mechanism-nerve-root-compression", "causes", "condition-pinched-nerve", "asserted")},
            ("compresses",),
        ),
        (  # prevention advice is no treatment
            "To help prevent a slipped disc, you should exercise regularly.",
            set(),
            ("treated_by",),
        ),
        (  # conservative care itself comes after nothing
            "Rest can help if symptoms persist.",
            set(),
            ("tried_before",),
        ),
        (  # two roots: which one supplies the muscle is not said
            "L5 and S1 problems can cause weakness of the tibialis anterior.",
            {("finding-muscle-weakness", "occurs_in", "muscle-tibialis-anterior", "possible")},
            ("innervates",),
        ),
        (  # a deficit before the root is not tied to it
            "Weakness of the tibialis anterior may come from the L5 root.",
            set(),
            ("innervates",),
        ),
        (  # a cause named with "due to" does not press on the nerve
            "Due to an injury, the ring can tear and the soft core can leak out and pinch a nerve.",
            set(),
            ("condition-injury", "spinal-nerve-root-unspecified"),
        ),
        (  # the step between: pressing on the sciatic nerve is what causes sciatica
            "A bulging disc may press on the sciatic nerve, causing sciatica.",
            {
                ("condition-bulging-disc", "compresses", "nerve-sciatic", "possible"),
                ("mechanism-sciatic-nerve-compression", "causes", "finding-sciatica", "possible"),
            },
            ("condition-pinched-nerve",),
        ),
        (  # ... but a symptom of pressing is the pressing condition's alone
            "A thoracic disc herniation can press on the spinal cord, causing chest pain.",
            {("condition-thoracic-disc-herniation", "causes", "finding-chest-pain", "possible")},
            ("mechanism-cord-compression", "finding-chest-pain"),
        ),
        (  # a pinched sciatic nerve is its compression, not the generic pinched nerve
            "Sciatica happens when the sciatic nerve is squeezed.",
            {("mechanism-sciatic-nerve-compression", "causes", "finding-sciatica", "asserted")},
            ("condition-pinched-nerve",),
        ),
        (  # an aside in brackets does not end the list of causes, nor joins it
            "Sciatica can be caused by bone spurs (bony growths along worn joints), spinal"
            " stenosis or a herniated disc.",
            {
                ("condition-bone-spurs", "causes", "finding-sciatica", "possible"),
                ("condition-spinal-stenosis", "causes", "finding-sciatica", "possible"),
                ("condition-disc-herniation", "causes", "finding-sciatica", "possible"),
            },
            (),
        ),
        (  # an example of a cause is a cause too
            "The most common cause of a herniated disc is an injury, such as a car accident.",
            {
                ("condition-injury", "causes", "condition-disc-herniation", "asserted"),
                (
                    "risk-factor-motor-vehicle-accident",
                    "causes",
                    "condition-disc-herniation",
                    "asserted",
                ),
            },
            (),
        ),
        (  # care used up comes first; the kind is conservative care's, not the injection's
            "Injections are usually considered when conservative measures have been exhausted.",
            {
                (
                    "treatment-conservative-care",
                    "tried_before",
                    "treatment-injection",
                    "asserted",
                )
            },
            ("treatment-injection", "kind-conservative"),
        ),
        (  # a range of symptoms, each caused
            "A bulging disc can cause a range of symptoms varying from mild pain in the back to"
            " widespread numbness and weakness in the leg.",
            {
                ("condition-bulging-disc", "causes", "finding-back-pain", "possible"),
                ("condition-bulging-disc", "causes", "finding-numbness", "possible"),
                ("condition-bulging-disc", "causes", "finding-muscle-weakness", "possible"),
            },
            (),
        ),
        (  # "feelings of" does not end the list of what is caused
            "A bulging disc can cause back pain and feelings of numbness or tingling.",
            {
                ("condition-bulging-disc", "causes", "finding-numbness", "possible"),
                ("condition-bulging-disc", "causes", "finding-paresthesia", "possible"),
            },
            (),
        ),
        (  # a condition that raises the risk of another; a torn annulus as the mechanism
            "Osteoporosis raises the risk of a spinal fracture. A tear in the annulus can cause a"
            " herniated disc.",
            {
                (
                    "condition-osteoporosis",
                    "risk_factor_for",
                    "condition-spinal-fracture",
                    "asserted",
                ),
                ("mechanism-annular-tear", "causes", "condition-disc-herniation", "possible"),
            },
            (),
        ),
        (  # the examples of what causes; what describes them ("do not involve") denies nothing
            "A slipped disc can be caused by activities that do not seem risky, such as heavy"
            " lifting. Disc degeneration does not always entail pain.",
            {
                ("risk-factor-heavy-lifting", "causes", "condition-disc-herniation", "possible"),
                ("condition-degenerative-disc-disease", "causes", "finding-pain", "negated"),
            },
            (),
        ),
        (  # what a test rules out is what it diagnoses
            "Plain X-rays may be done to rule out other causes of back pain, such as a tumor or a"
            " broken bone.",
            {
                ("condition-spinal-tumor", "diagnosed_by", "test-x-ray", "possible"),
                ("condition-spinal-fracture", "diagnosed_by", "test-x-ray", "possible"),
            },
            (),
        ),
        (  # a treatment's own name says its kind; what its methods are does not
            "Some need emergency surgery. Interventional pain management with non-surgical"
            " methods can help. Back surgery is rarely needed.",
            {
                ("treatment-emergency-surgery", "treatment_kind", "kind-surgical", "asserted"),
                (
                    "treatment-interventional-pain-management",
                    "treatment_kind",
                    "kind-interventional",
                    "asserted",
                ),
            },
            ("treatment-interventional-pain-management", "kind-conservative"),
        ),
        (  # a finding that goes with a condition is its symptom, either way round
            "Pain in the arms may accompany cervical myelopathy. Cervical myelopathy is often"
            " accompanied by neck stiffness.",
            {
                ("condition-cervical-myelopathy", "has_symptom", "finding-arm-pain", "possible"),
                (
                    "condition-cervical-myelopathy",
                    "has_symptom",
                    "finding-neck-stiffness",
                    "asserted",
                ),
            },
            (),
        ),
        (  # a cause and its examples; degenerative changes are age-related wear
            "Cervical radiculopathy can be caused by degenerative changes, such as arthritis and"
            " spondylosis.",
            {
                (
                    "mechanism-age-related-wear",
                    "causes",
                    "condition-cervical-radiculopathy",
                    "possible",
                ),
                ("condition-arthritis", "causes", "condition-cervical-radiculopathy", "possible"),
                (
                    "condition-spondylosis",
                    "causes",
                    "condition-cervical-radiculopathy",
                    "possible",
                ),
            },
            (),
        ),
        (  # a risk factor said to cause the condition
            "Heavy lifting can cause a slipped disc.",
            {("risk-factor-heavy-lifting", "causes", "condition-disc-herniation", "possible")},
            (),
        ),
        (  # how the pain feels is no symptom of its own
            "A slipped disc hurts. It may feel like a mild tingling or a burning pain.",
            set(),
            ("finding-paresthesia",),
        ),
        (
            "Pain from a slipped disc may feel sharp and severe when you are active.",
            set(),
            ("condition-disc-herniation", "finding-pain"),
        ),
        (  # irritating is no compression, even next to a verb that presses
            "A slipped disc irritates the spinal cord or, more often, presses on a nerve root.",
            {
                (
                    "condition-disc-herniation",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "asserted",
                )
            },
            ("compresses", "neural-spinal-cord"),
        ),
        (  # a side of a nerve's course, or of a treatment, is no side of symptoms
            "The sciatic nerve runs through the buttock and down both legs.",
            set(),
            ("affects_side",),
        ),
        (  # a definition's cause causes what it defines; the defining pain has no place
            "Sciatica is pain running down the back of the leg caused by compression of the"
            " sciatic nerve.",
            {
                ("mechanism-sciatic-nerve-compression", "causes", "finding-sciatica", "asserted"),
                ("finding-sciatica", "has_symptom", "finding-radicular-pain", "asserted"),
            },
            ("finding-radicular-pain", "occurs_in"),
        ),
        (  # "pain signals" are what nerves carry
            "In sciatica, the injected steroid can block pain signals for weeks.",
            set(),
            ("finding-pain",),
        ),
        (  # a rare cause is possible, not asserted (the annotation guide)
            "Cancer is a rare cause of back pain.",
            {("condition-spinal-cancer", "causes", "finding-back-pain", "possible")},
            ("asserted",),
        ),
        (  # a shared frame ("the back of") with an item it cannot frame
            "With sciatica the pain goes down the back of the buttock and thigh.",
            {
                ("finding-radicular-pain", "occurs_in", "body-part-buttock", "asserted"),
                ("finding-radicular-pain", "occurs_in", "skin-posterior-thigh", "asserted"),
            },
            (),
        ),
        (  # a risk factor's own name can say it is one; "prone to" must name the condition
            "Slipped discs run in families.",
            {
                (
                    "risk-factor-family-history",
                    "risk_factor_for",
                    "condition-disc-herniation",
                    "asserted",
                )
            },
            (),
        ),
        (
            "As we age, the disc is more vulnerable to conditions linked with wear, such as a"
            " slipped disc.",
            set(),
            ("risk-factor-age",),
        ),
        (  # each side of a coordination that shares its last words
            "The risk of a slipped disc rises with too little or too much physical activity, and"
            " for people who drive or sit for more than three hours a day.",
            {
                (
                    f"risk-factor-{factor}",
                    "risk_factor_for",
                    "condition-disc-herniation",
                    "asserted",
                )
                for factor in (
                    "sedentary-lifestyle",
                    "excessive-activity",
                    "frequent-driving",
                    "prolonged-sitting",
                )
            },
            (),
        ),
    ],
)
def test_what_each_claim_belongs_to(
    pipeline: Pipeline, text: str, expected: set[tuple[str, ...]], unexpected: tuple[str, ...]
) -> None:
    """The claims a sentence must give, and ids that no claim of it may have together."""
    claims = _claims(pipeline, text)
    assert expected <= claims
    assert not {c for c in claims if unexpected and set(unexpected) <= set(c)}


#: Pages opened with a title and a sentence that make the topic a herniated disc or sciatica.
HERNIATION = "Herniated disc\n\nA herniated disc hurts.\n\n"
SCIATICA = "Sciatica\n\nSciatica is pain along the sciatic nerve.\n\n"


@pytest.mark.parametrize(
    ("page", "expected", "unexpected"),
    [
        (  # a hard-wrapped paragraph reads as one
            "| When\na nerve root is squeezed where it leaves the spine,\na person may get weakness"
            " of the\ntibialis anterior and numbness on the top\nof the foot. |\n",
            {
                (
                    "mechanism-nerve-root-compression",
                    "causes",
                    "finding-muscle-weakness",
                    "possible",
                ),
                ("finding-muscle-weakness", "occurs_in", "muscle-tibialis-anterior", "possible"),
                ("finding-numbness", "occurs_in", "skin-dorsum-of-foot", "possible"),
            },
            (),
        ),
        (  # "it" after a compression clause is the compression, not the topic
            "Pinched nerve\n\nA pinched nerve in the neck hurts.\n\n"
            "When the nerve roots become compressed, it can result in arm pain.\n",
            {("mechanism-nerve-root-compression", "causes", "finding-arm-pain", "possible")},
            ("condition-pinched-nerve", "causes"),
        ),
        (  # "this" after a sentence that states a compression is the compression
            HERNIATION
            + "The disc can press on a nerve root. This can lead to numbness in the leg.\n",
            {("mechanism-nerve-root-compression", "causes", "finding-numbness", "possible")},
            ("condition-disc-herniation", "causes", "finding-numbness"),
        ),
        (  # ... and the page's condition when nothing was pressed on
            HERNIATION + "The disc can bulge. This can lead to pain.\n",
            {("condition-disc-herniation", "causes", "finding-pain", "possible")},
            (),
        ),
        (  # a list the next sentence calls signs of a condition gives that condition's symptoms
            SCIATICA + "Go to hospital at once if you notice the following:\n"
            "- numbness in both legs\n"
            "- loss of bladder control\n"
            "Though it is rare, these symptoms can be a sign of a serious condition called cauda"
            " equina syndrome.\n",
            {
                ("condition-cauda-equina-syndrome", "has_symptom", "finding-numbness", "possible"),
                (
                    "condition-cauda-equina-syndrome",
                    "has_symptom",
                    "finding-bladder-dysfunction",
                    "possible",
                ),
                (
                    "condition-cauda-equina-syndrome",
                    "affects_side",
                    "laterality-bilateral",
                    "possible",
                ),
                ("finding-numbness", "occurs_in", "body-part-leg", "asserted"),
            },
            ("finding-sciatica", "finding-numbness"),  # the page's topic is not the list's
        ),
        (  # "there may be numbness" is the topic's finding, "many causes of" is none
            SCIATICA + "Sometimes there may also be numbness in the foot. There are many causes"
            " of back pain.\n",
            {("finding-sciatica", "has_symptom", "finding-numbness", "possible")},
            ("finding-back-pain",),
        ),
        (  # "the nerve" is the nerve named before; "a nerve" stays any root
            "Sciatica\n\nThe sciatic nerve runs down the leg.\n\n"
            "A herniated disc can press on the nerve. A bone spur can press on a nerve.\n",
            {
                ("condition-disc-herniation", "compresses", "nerve-sciatic", "possible"),
                (
                    "condition-bone-spurs",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "possible",
                ),
            },
            (),
        ),
        (  # a root named in a lead-in supplies what its items place, and only its items
            HERNIATION + "Symptoms if the affected root is L5:\n"
            "- Numbness: loss of feeling in the big toe.\n"
            "- Weakness of the tibialis anterior.\n\n"
            "Other symptoms:\n"
            "- numbness in the thumb\n",
            {
                ("root-L5", "innervates", "body-part-great-toe", "asserted"),
                ("root-L5", "innervates", "muscle-tibialis-anterior", "asserted"),
                ("finding-numbness", "occurs_in", "body-part-thumb", "asserted"),
            },
            ("root-L5", "body-part-thumb"),
        ),
        (  # bare pain that a treatment eases on a sciatica page is sciatica's
            SCIATICA + "The pain improves with rest.\n",
            {("finding-sciatica", "treated_by", "treatment-rest", "asserted")},
            ("finding-pain", "treated_by"),
        ),
        (  # a deficit is never what a page is about
            "When a nerve root is squeezed, weakness and numbness may follow.\n\n"
            "Weakness can be mild. Weakness and numbness are common.\n",
            set(),
            ("finding-muscle-weakness", "finding-numbness"),
        ),
        (  # a cause of the disc tearing is a cause of the page's condition
            HERNIATION + "Due to an injury, the outer ring can tear.\n",
            {("condition-injury", "causes", "condition-disc-herniation", "possible")},
            (),
        ),
        (
            HERNIATION + "Because of an injury, the annulus splits.\n",
            {("condition-injury", "causes", "condition-disc-herniation", "asserted")},
            (),
        ),
        (
            HERNIATION + "Discs may break open from an injury.\n",
            {("condition-injury", "causes", "condition-disc-herniation", "possible")},
            (),
        ),
        (  # ... and a cause of something else is not
            HERNIATION + "Due to an injury, the pain got worse.\n",
            set(),
            ("condition-injury", "condition-disc-herniation"),
        ),
        (  # "more common if you:" opens a risk list; "most common symptoms in" does not
            SCIATICA + "Sciatica is more common if you:\n"
            "- are a male\n"
            "- sit for long hours\n\n"
            "The most common symptoms in people with sciatica are:\n"
            "- numbness\n",
            {
                ("risk-factor-male-sex", "risk_factor_for", "finding-sciatica", "asserted"),
                (
                    "risk-factor-prolonged-sitting",
                    "risk_factor_for",
                    "finding-sciatica",
                    "asserted",
                ),
                ("finding-sciatica", "has_symptom", "finding-numbness", "asserted"),
            },
            ("finding-numbness", "risk_factor_for"),
        ),
        (  # causes of what the page is about, said without naming it
            SCIATICA + "The most common cause is a herniated disc.\n",
            {("condition-disc-herniation", "causes", "finding-sciatica", "asserted")},
            (),
        ),
        (
            SCIATICA + "It can also occur from spinal stenosis.\n",
            {("condition-spinal-stenosis", "causes", "finding-sciatica", "possible")},
            (),
        ),
        (
            SCIATICA + "It may develop slowly due to age-related wear.\n",
            {("mechanism-age-related-wear", "causes", "finding-sciatica", "possible")},
            (),
        ),
        (  # "other conservative treatments": those just named are conservative too
            HERNIATION + "NSAIDs can ease the swelling. Muscle relaxants are sometimes given."
            " Other conservative treatments include ice.\n",
            {
                ("treatment-nsaids", "treatment_kind", "kind-conservative", "asserted"),
                ("treatment-muscle-relaxants", "treatment_kind", "kind-conservative", "asserted"),
                ("treatment-ice", "treatment_kind", "kind-conservative", "asserted"),
            },
            (),
        ),
        (  # a surgery that prevents a consequence treats; exercise that prevents a herniation not
            HERNIATION + "A large herniation needs emergency surgery to prevent paralysis."
            " Exercise helps prevent a slipped disc.\n",
            {
                (
                    "condition-disc-herniation",
                    "treated_by",
                    "treatment-emergency-surgery",
                    "asserted",
                )
            },
            ("treatment-exercise",),
        ),
        (  # "this condition" is the condition named last, not the page's topic
            SCIATICA + "Rarely, sciatica in both legs comes from cauda equina syndrome. This"
            " condition requires emergency surgery.\n",
            {
                (
                    "condition-cauda-equina-syndrome",
                    "treated_by",
                    "treatment-emergency-surgery",
                    "asserted",
                )
            },
            ("finding-sciatica", "treatment-emergency-surgery"),
        ),
        (  # a lead-in that asks "when": an item saying what failed gives the order (hedged
            # as the lead-in is)
            SCIATICA + "Epidural injections may be offered when:\n\n- Conservative care has"
            " been tried without relief\n- The pain is severe\n",
            {
                (
                    "treatment-conservative-care",
                    "tried_before",
                    "treatment-epidural-steroid-injection",
                    "possible",
                )
            },
            ("finding-sciatica", "treatment-conservative-care"),
        ),
        (  # a list whose items each have a place (or an aside) of their own
            SCIATICA + "There may be weakness of the calf muscle (standing on tiptoe), numbness"
            " to the outside of the foot, and a loss of the ankle reflex.\n",
            {
                ("finding-sciatica", "has_symptom", "finding-muscle-weakness", "possible"),
                ("finding-sciatica", "has_symptom", "finding-numbness", "possible"),
                ("finding-sciatica", "has_symptom", "finding-absent-reflex", "possible"),
            },
            (),
        ),
        (  # where the discs that herniate are: a body part as the subject, a group of discs
            HERNIATION + "The lower back is the most common area for a slipped disc. The"
            " thoracic disks are rarely involved. Pain in the neck is common with a slipped"
            " disc.\n",
            {
                ("condition-disc-herniation", "occurs_in", "region-lumbar", "asserted"),
                ("condition-disc-herniation", "occurs_in", "region-thoracic", "possible"),
            },
            ("condition-disc-herniation", "region-cervical"),
        ),
        (  # a region qualifying a cause does not end the list of causes
            "Cervical myelopathy\n\nCervical myelopathy affects the hands.\n\nThe most common"
            " cause is degenerative change of the cervical spine with compression of the spinal"
            " cord.\n",
            {
                (
                    "mechanism-age-related-wear",
                    "causes",
                    "condition-cervical-myelopathy",
                    "asserted",
                ),
                (
                    "mechanism-cord-compression",
                    "causes",
                    "condition-cervical-myelopathy",
                    "asserted",
                ),
            },
            (),
        ),
        (  # "it" that radiates is the pain named before
            HERNIATION + "The pain from a lumbar herniation starts in the back. It can"
            " eventually radiate down to the feet. It is worse when sitting.\n",
            {("finding-radicular-pain", "occurs_in", "body-part-foot", "possible")},
            ("condition-disc-herniation", "body-part-foot"),
        ),
        (  # "this surgery" is the one named before, and says its kind; what it does not get
            # better from came first; pain due to a herniation stays caused by it
            HERNIATION + "In a microdiscectomy, a small part of the disc is removed. This surgery"
            " is used when pain due to a disc herniation doesn\u2019t get better from"
            " nonsurgical treatments.\n",
            {
                (
                    "condition-disc-herniation",
                    "treated_by",
                    "treatment-microdiscectomy",
                    "asserted",
                ),
                ("treatment-microdiscectomy", "treatment_kind", "kind-surgical", "asserted"),
                (
                    "treatment-conservative-care",
                    "tried_before",
                    "treatment-microdiscectomy",
                    "asserted",
                ),
                ("condition-disc-herniation", "causes", "finding-pain", "asserted"),
            },
            ("condition-disc-herniation", "treatment-surgery"),
        ),
        (  # "the nerve" after a compression of the sciatic nerve is the sciatic nerve
            HERNIATION + "A disc can press on a nerve root. In the buttock, compression of the"
            " sciatic nerve is another cause of leg pain. Bone spurs can pinch the nerve.\n",
            {("condition-bone-spurs", "compresses", "nerve-sciatic", "possible")},
            ("condition-bone-spurs", "spinal-nerve-root-unspecified"),
        ),
        (  # a treatment that reduces pain is no cause of it
            "Sciatica\n\nSciatica is leg pain.\n\n"
            "Gentle manual therapy frees the trapped structures. This reduces pain.\n",
            {("finding-sciatica", "has_symptom", "finding-leg-pain", "asserted")},
            ("finding-pain",),
        ),
        (  # "is characterised by" and "involves" give a condition's findings
            SCIATICA + "Sciatica is characterised by a sharp pain down the leg. The condition"
            " usually involves tingling and weakness.\n",
            {
                ("finding-sciatica", "has_symptom", "finding-radicular-pain", "asserted"),
                ("finding-sciatica", "has_symptom", "finding-paresthesia", "asserted"),
                ("finding-sciatica", "has_symptom", "finding-muscle-weakness", "asserted"),
            },
            (),
        ),
        (  # "it is triggered by problems such as X": the examples cause the page's topic
            SCIATICA + "It is most commonly triggered by problems such as a slipped disc or"
            " spinal stenosis.\n",
            {
                ("condition-disc-herniation", "causes", "finding-sciatica", "asserted"),
                ("condition-spinal-stenosis", "causes", "finding-sciatica", "asserted"),
            },
            (),
        ),
        (  # a compression something is due to causes it, and presses on nothing named; "a few
            # cases" hedge, "few patients" deny
            HERNIATION + "The numbness can be due to mechanical compression on a nerve root. In"
            " a few cases, an operation is needed. Few patients need an operation.\n",
            {
                ("mechanism-nerve-root-compression", "causes", "finding-numbness", "possible"),
                ("condition-disc-herniation", "treated_by", "treatment-surgery", "possible"),
                ("condition-disc-herniation", "treated_by", "treatment-surgery", "negated"),
            },
            ("condition-disc-herniation", "spinal-nerve-root-unspecified"),
        ),
        (  # people "suffering from" a condition; a quoted cause after "due to" is no gloss;
            # smokers are at risk
            "Spinal stenosis\n\nSpinal stenosis narrows the canal.\n\nMany people suffering"
            ' from stenosis feel pain in the thighs. Stenosis is usually due to "wear and'
            ' tear". Smokers are at higher risk of stenosis.\n',
            {
                ("condition-spinal-stenosis", "has_symptom", "finding-pain", "asserted"),
                ("mechanism-age-related-wear", "causes", "condition-spinal-stenosis", "asserted"),
                (
                    "risk-factor-smoking",
                    "risk_factor_for",
                    "condition-spinal-stenosis",
                    "asserted",
                ),
            },
            (),
        ),
        (  # "smash" presses; "surgical intervention" is surgery, not the kind of what precedes
            # it; "an epidural" is the injection; "a few days" is no hedge
            HERNIATION + "Bony spurs can smash the nerve root. Injections or surgical"
            " intervention may help. An epidural can ease the pain. Leg pain that lasts a few"
            " days is a symptom of a herniated disc.\n",
            {
                (
                    "condition-bone-spurs",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "possible",
                ),
                ("condition-disc-herniation", "treated_by", "treatment-surgery", "possible"),
                (
                    "condition-disc-herniation",
                    "treated_by",
                    "treatment-epidural-steroid-injection",
                    "possible",
                ),
                ("condition-disc-herniation", "has_symptom", "finding-leg-pain", "asserted"),
            },
            ("treatment-injection", "kind-surgical"),
        ),
        (  # a lead-in that ends on "because of" lists causes of the page's condition
            SCIATICA + "Sciatica usually happens when the nerve gets squeezed, most often"
            " because of:\n\n- A slipped disc\n- Spinal stenosis\n",
            {
                ("condition-disc-herniation", "causes", "finding-sciatica", "asserted"),
                ("condition-spinal-stenosis", "causes", "finding-sciatica", "asserted"),
            },
            (),
        ),
        (  # preventing further strain, or injuries after easing pain, is part of treating; a
            # root's name before "disc" names the disc's level
            HERNIATION + "At first, rest is recommended to prevent further strain on the disc."
            " Stretching exercises can help reduce the pain and prevent future injuries. The"
            " main sign of an L4 disc herniation is pain in the thigh.\n",
            {
                ("condition-disc-herniation", "treated_by", "treatment-rest", "asserted"),
                ("condition-disc-herniation", "treated_by", "treatment-stretching", "possible"),
                ("condition-disc-herniation", "has_symptom", "finding-pain", "asserted"),
            },
            ("root-L4",),
        ),
        (  # a page that lost the breaks between its list items: the items are told apart
            "Bulging disc\n\nA bulging disc can cause: neck painnumbness in the"
            " handsweakness in the armsback pain\n",
            {
                ("condition-bulging-disc", "causes", "finding-neck-pain", "possible"),
                ("condition-bulging-disc", "causes", "finding-numbness", "possible"),
                ("finding-numbness", "occurs_in", "body-part-hand", "possible"),
                ("condition-bulging-disc", "causes", "finding-muscle-weakness", "possible"),
                ("finding-muscle-weakness", "occurs_in", "body-part-arm", "possible"),
                ("condition-bulging-disc", "causes", "finding-back-pain", "possible"),
            },
            ("finding-numbness", "body-part-arm"),
        ),
        (  # "X, Y and Z are the most common causes" of the page's condition; "another reason
            # to consider surgery" is no cause
            SCIATICA + "Slipped discs, bone spurs and spinal stenosis are the most common"
            " causes. Injury is another possible cause. Myelopathy, which results from"
            " compression of the spinal cord, is another reason to consider surgery.\n",
            {
                ("condition-disc-herniation", "causes", "finding-sciatica", "asserted"),
                ("condition-bone-spurs", "causes", "finding-sciatica", "asserted"),
                ("condition-spinal-stenosis", "causes", "finding-sciatica", "asserted"),
                ("condition-injury", "causes", "finding-sciatica", "possible"),
            },
            ("mechanism-cord-compression", "finding-sciatica"),
        ),
        (  # nerves that "carry signals to" a place supply it; "an altered feeling" is a
            # sensory change, felt where the sentence says; "pain signals" supply nothing
            "Cauda equina syndrome\n\nCauda equina syndrome is compression of the cauda equina,"
            " the bundle of roots below the cord. These nerves carry signals to the legs. It"
            " gives numbness or an altered feeling in the buttocks. Nerves carry pain signals"
            " to the brain.\n",
            {
                ("cauda-equina", "innervates", "body-part-leg", "asserted"),
                ("finding-sensory-change", "occurs_in", "body-part-buttock", "asserted"),
                ("finding-numbness", "occurs_in", "body-part-buttock", "asserted"),
            },
            ("finding-pain",),
        ),
        (  # "all these symptoms" are the findings just listed, placed together; an item may
            # end on "of certain muscles"; an irritation of the roots is a cause of its own
            "Radiculopathy\n\nRadiculopathy is a problem of a nerve root. It may bring"
            " tingling, weakness of certain muscles or a change in reflexes, and all these"
            " symptoms can occur anywhere from the buttock into the thigh or calf."
            " Radiculopathy is mostly caused by irritation of the nerve roots.\n",
            {
                ("condition-radiculopathy", "causes", "finding-reflex-change", "possible"),
                ("finding-paresthesia", "occurs_in", "body-part-thigh", "possible"),
                ("finding-muscle-weakness", "occurs_in", "body-part-calf", "possible"),
                ("finding-reflex-change", "occurs_in", "body-part-buttock", "possible"),
                (
                    "mechanism-nerve-root-irritation",
                    "causes",
                    "condition-radiculopathy",
                    "asserted",
                ),
            },
            (),
        ),
        (  # a concession does not hedge a lead-in; weakness tied to a root shows what it
            # supplies, along the length of a limb and in the places "including" names, not in
            # an aside; "it" is the item's own condition, and "but rarely causes" denies
            "Lumbar radiculopathy\n\nAlthough the picture can differ from person to person,"
            " the usual patterns are:\n\n- L4 radiculopathy causes weakness along the length"
            " of the thigh, including the quadriceps (the muscles at the front of the thigh)"
            " and the knee. It often brings an ache in the shin but rarely causes numbness.\n"
            "- L5 radiculopathy causes pain in the big toe.\n",
            {
                ("radiculopathy-L4", "causes", "finding-muscle-weakness", "asserted"),
                ("root-L4", "innervates", "body-part-thigh", "asserted"),
                ("root-L4", "innervates", "muscle-quadriceps-femoris", "asserted"),
                ("root-L4", "innervates", "body-part-knee", "asserted"),
                ("radiculopathy-L4", "causes", "finding-numbness", "negated"),
                ("radiculopathy-L4", "causes", "finding-pain", "asserted"),
                ("radiculopathy-L5", "causes", "finding-pain", "asserted"),
            },
            ("condition-lumbar-radiculopathy", "finding-numbness"),
        ),
        (  # a title's one condition is the topic, though the page says "radiates" more often;
            # "compression of the nerve root" causes what follows
            "Signs of L5 nerve root damage\n\nCompression of the nerve root at L5 causes"
            " weakness of the big toe. The pain often radiates down the outer leg, and the pain"
            " radiates to the top of the foot. Most people get better with physical therapy"
            " and pain medication.\n",
            {
                (
                    "mechanism-nerve-root-compression",
                    "causes",
                    "finding-muscle-weakness",
                    "asserted",
                ),
                ("root-L5", "innervates", "body-part-great-toe", "asserted"),
                ("radiculopathy-L5", "treated_by", "treatment-physical-therapy", "asserted"),
            },
            ("finding-radicular-pain", "treated_by"),
        ),
        (  # "manifests as"; what people with it notice, a run going on past a radiating
            # pain's path and into "the affected calf"; "herniated spinal discs"; "other
            # possible causes", a list going on past a relative clause
            SCIATICA + "Sciatica often manifests as low back pain. People with sciatica may"
            " also notice pain that radiates down the back of the thigh, as well as numbness"
            " and weakness in the affected calf. Herniated spinal discs are the usual cause."
            " Other possible causes include spinal stenosis, which means a narrowed canal, and"
            " spinal fractures.\n",
            {
                ("finding-sciatica", "has_symptom", "finding-low-back-pain", "asserted"),
                ("finding-sciatica", "has_symptom", "finding-numbness", "possible"),
                ("finding-sciatica", "has_symptom", "finding-muscle-weakness", "possible"),
                ("finding-muscle-weakness", "occurs_in", "body-part-calf", "possible"),
                ("condition-disc-herniation", "causes", "finding-sciatica", "asserted"),
                ("condition-spinal-stenosis", "causes", "finding-sciatica", "possible"),
                ("condition-spinal-fracture", "causes", "finding-sciatica", "possible"),
            },
            (),
        ),
        (  # a typographic apostrophe; neurogenic claudication (HP:0031952)
            "Cervical myelopathy\n\nCervical myelopathy may bring Lhermitte\u2019s sign."
            " Lumbar spinal stenosis may cause neurogenic claudication.\n",
            {
                ("condition-cervical-myelopathy", "causes", "finding-lhermitte-sign", "possible"),
                (
                    "condition-spinal-stenosis",
                    "causes",
                    "finding-neurogenic-claudication",
                    "possible",
                ),
            },
            (),
        ),
        (  # "may be present" gives the topic's findings, a place between and a condition
            # after "depending on" notwithstanding; a list of red flags opened by back pain
            # puts none of them in the back
            HERNIATION + "Weakness of the ankle may be present depending on the size of the"
            " herniation. Tingling or lack of sensation may also be present. Severe back pain,"
            " saddle numbness, urinary incontinence and sexual dysfunction are warning signs.\n",
            {
                ("condition-disc-herniation", "has_symptom", "finding-muscle-weakness", "possible"),
                ("finding-muscle-weakness", "occurs_in", "body-part-ankle", "possible"),
                ("condition-disc-herniation", "has_symptom", "finding-sensory-loss", "possible"),
                (
                    "condition-disc-herniation",
                    "has_symptom",
                    "finding-urinary-incontinence",
                    "asserted",
                ),
            },
            ("finding-urinary-incontinence", "occurs_in"),
        ),
        (  # a kind's examples after "for <condition> include", an unknown item between;
            # "radiating leg pain" in a list is radiating pain in the leg; limited mobility; a
            # heading's kind for a lead-in that treats "mild symptoms" (hedged, but the kind
            # is not)
            "Spinal stenosis\n\nNon-surgical treatments for spinal stenosis include physical"
            " therapy, spinal decompression, epidural steroid injections and medication."
            " Spinal stenosis can lead to low back pain, radiating leg pain, numbness, and"
            " limited mobility.\n\nWhen Conservative Management Is Enough\nFor mild"
            " symptoms, initial care at home may be sufficient:\n- Rest and activity"
            " modification\n",
            {
                (
                    "treatment-epidural-steroid-injection",
                    "treatment_kind",
                    "kind-conservative",
                    "asserted",
                ),
                ("treatment-medication", "treatment_kind", "kind-conservative", "asserted"),
                ("condition-spinal-stenosis", "causes", "finding-radicular-pain", "possible"),
                ("finding-radicular-pain", "occurs_in", "body-part-leg", "possible"),
                (
                    "condition-spinal-stenosis",
                    "causes",
                    "finding-limited-range-of-motion",
                    "possible",
                ),
                ("condition-spinal-stenosis", "treated_by", "treatment-rest", "possible"),
                ("treatment-rest", "treatment_kind", "kind-conservative", "asserted"),
            },
            (),
        ),
        (  # "compression or irritation of a nerve root" names both; "this compression
            # results from X": X causes it and presses on a root; the back of the leg and
            # the inner thigh are places of their own
            "Lumbar radiculopathy\n\nLumbar radiculopathy is caused by compression or"
            " irritation of a nerve root in the lower back. This compression often results"
            " from a herniated disc or bone spurs. The pain extends down the back of the leg,"
            " and numbness may be felt in the inner thighs.\n",
            {
                (
                    "mechanism-nerve-root-compression",
                    "causes",
                    "condition-lumbar-radiculopathy",
                    "asserted",
                ),
                (
                    "mechanism-nerve-root-irritation",
                    "causes",
                    "condition-lumbar-radiculopathy",
                    "asserted",
                ),
                (
                    "condition-bone-spurs",
                    "causes",
                    "mechanism-nerve-root-compression",
                    "asserted",
                ),
                (
                    "condition-disc-herniation",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "asserted",
                ),
                ("finding-radicular-pain", "occurs_in", "body-part-back-of-leg", "asserted"),
                ("finding-numbness", "occurs_in", "body-part-inner-thigh", "possible"),
            },
            (),
        ),
        (  # care that "is not effective" leads to surgery and is not denied, unlike "does
            # not help"; treatments offered "during this time" come before the operation a
            # lasting pain leads to; "microdiscectomy surgery" is one treatment; "this
            # surgery" presses on nothing; spinal fusion
            HERNIATION + "Surgery is considered when conservative care is not effective. Bed"
            " rest does not help most patients. During the first weeks, physical therapy or"
            " heat may bring relief. If severe pain continues beyond this period,"
            " microdiscectomy surgery may be needed. This surgery removes the bone that is"
            " pressing on the nerve. Spinal fusion is not routinely needed.\n",
            {
                ("treatment-conservative-care", "tried_before", "treatment-surgery", "asserted"),
                ("condition-disc-herniation", "treated_by", "treatment-rest", "negated"),
                (
                    "treatment-physical-therapy",
                    "tried_before",
                    "treatment-microdiscectomy",
                    "asserted",
                ),
                ("treatment-heat", "tried_before", "treatment-microdiscectomy", "asserted"),
                ("condition-disc-herniation", "treated_by", "treatment-spinal-fusion", "negated"),
            },
            ("condition-disc-herniation", "compresses"),
        ),
        (  # a short sentence after a heading reads as an item, but its own words decide its
            # modality; one operation that avoids another is its alternative, not before it
            "Surgery for herniated discs\n\nSpinal fusion is not routinely needed for a simple"
            " disc herniation.\n\nA posterior foraminotomy avoids fusion and suits lateral"
            " herniations, and physical therapy may help you avoid surgery.\n",
            {
                ("condition-disc-herniation", "treated_by", "treatment-spinal-fusion", "negated"),
                ("treatment-physical-therapy", "tried_before", "treatment-surgery", "asserted"),
            },
            ("treatment-generic-foraminotomy", "tried_before"),
        ),
        (  # two roots' names that span a disc name its level; an aside is no gap between a
            # finding and "is the most common"
            "Thoracic disc herniation\n\nMost thoracic herniations develop below T8, with the"
            " highest incidence at the T11 to T12 level. Pain (sharp or dull) is the most"
            " common first symptom, followed by numbness.\n",
            {
                (
                    "condition-thoracic-disc-herniation",
                    "occurs_in",
                    "disc-T11-T12",
                    "asserted",
                ),
                ("condition-thoracic-disc-herniation", "has_symptom", "finding-pain", "asserted"),
            },
            ("root-T11",),
        ),
        (  # a minority of patients makes a finding possible, a majority does not; weakness
            # "involving" a place is in it
            "Thoracic disc herniation\n\nWeakness involving the legs is a first symptom in 28%"
            " of patients. Back pain occurs in 80% of patients.\n",
            {
                (
                    "condition-thoracic-disc-herniation",
                    "has_symptom",
                    "finding-muscle-weakness",
                    "possible",
                ),
                ("finding-muscle-weakness", "occurs_in", "body-part-leg", "possible"),
                (
                    "condition-thoracic-disc-herniation",
                    "has_symptom",
                    "finding-back-pain",
                    "asserted",
                ),
            },
            (),
        ),
        (  # a kind's examples go on past their relative clauses
            HERNIATION + "Surgical options such as discectomy, which removes the herniated part"
            " of the disc, or laminectomy, which removes part of the vertebra, may be needed.\n",
            {
                ("treatment-discectomy", "treatment_kind", "kind-surgical", "asserted"),
                ("treatment-laminectomy", "treatment_kind", "kind-surgical", "asserted"),
            },
            (),
        ),
        (  # a cue after "and" belongs to what follows it
            HERNIATION + "A herniated disc can cause back pain and rarely causes weakness.\n",
            {
                ("condition-disc-herniation", "causes", "finding-back-pain", "possible"),
                ("condition-disc-herniation", "causes", "finding-muscle-weakness", "negated"),
            },
            (),
        ),
        (  # under "Causes and risk factors" an activity is a cause; under "Risk factors" a risk
            HERNIATION + "Causes and risk factors\n\n- Wear and tear\n- Heavy lifting\n\n"
            "Risk factors\n\n- Smoking\n",
            {
                ("risk-factor-heavy-lifting", "causes", "condition-disc-herniation", "asserted"),
                ("risk-factor-smoking", "risk_factor_for", "condition-disc-herniation", "asserted"),
            },
            ("risk-factor-heavy-lifting", "risk_factor_for"),
        ),
        (  # a herniation the sentence places in a region presses on a root of that region
            "Pinched nerve\n\nA pinched nerve hurts.\n\nA herniated disc in the lower back,"
            " for instance, may press on a nerve root and bring on cramps in the calf.\n",
            {
                (
                    "condition-lumbar-disc-herniation",
                    "compresses",
                    "lumbar-nerve-root-unspecified",
                    "possible",
                ),
                ("finding-muscle-spasm", "occurs_in", "body-part-calf", "possible"),
            },
            ("spinal-nerve-root-unspecified",),
        ),
        (  # a list item the lexicon lacks, a matching side, a place reached and one as far as
            "Spinal stenosis\n\nSpinal stenosis hurts.\n\nSymptoms include:\n\n- Burning"
            " pain, cramping, or heaviness in the calves\n\nStenosis can cause numbness in the"
            " matching buttock and extending down the leg.\n\nMany people feel aching down the"
            " thigh, sometimes as far as the ankle.\n",
            {
                ("finding-burning-pain", "occurs_in", "body-part-calf", "asserted"),
                ("finding-muscle-spasm", "occurs_in", "body-part-calf", "asserted"),
                ("finding-numbness", "occurs_in", "body-part-buttock", "possible"),
                ("finding-numbness", "occurs_in", "body-part-leg", "possible"),
                ("finding-radicular-pain", "occurs_in", "body-part-ankle", "possible"),
            },
            (),
        ),
        (  # a nerve the findings travel along is their way, not a break before the place
            "Spinal stenosis\n\nSpinal stenosis hurts.\n\nSome feel pain that travels along"
            " the nerve into the back of the thigh.\n\nThe ache and tingling follow the nerve's"
            " path down into the calf and toes.\n",
            {
                ("finding-radicular-pain", "occurs_in", "skin-posterior-thigh", "possible"),
                ("finding-paresthesia", "occurs_in", "body-part-calf", "asserted"),
                ("finding-paresthesia", "occurs_in", "body-part-toes", "asserted"),
            },
            (),
        ),
        (  # not causing the compression of the cord denies pressing on it and on the roots
            # joined to it; the nerves coming off the cord are roots, and "the nerves" after
            # the cord was named are no cord
            "Bulging disc\n\nA bulging disc is common.\n\nA bulge usually does not cause"
            " compression of the spinal cord or the nerve roots.\n\nA herniated disc can"
            " press on the nerves coming off the spinal cord.\n\nIt can also press on the"
            " nerves.\n",
            {
                ("condition-bulging-disc", "compresses", "spinal-cord", "negated"),
                (
                    "condition-bulging-disc",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "negated",
                ),
                (
                    "condition-disc-herniation",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "possible",
                ),
            },
            ("condition-disc-herniation", "compresses", "spinal-cord"),
        ),
        (  # the symptoms "experienced with" a condition are its; "these symptoms could signify"
            # a condition makes the findings just named its symptoms; going to hospital is no
            # pain's travel
            "Spinal stenosis\n\nSpinal stenosis is common.\n\nThe symptoms most often"
            " experienced with a lumbar disc herniation include numbness and tingling.\n\n"
            "Anyone with bladder incontinence or severe pain must go to the emergency room."
            " These symptoms could signify cauda equina syndrome.\n",
            {
                ("condition-lumbar-disc-herniation", "has_symptom", "finding-numbness", "asserted"),
                (
                    "condition-lumbar-disc-herniation",
                    "has_symptom",
                    "finding-paresthesia",
                    "asserted",
                ),
                (
                    "condition-cauda-equina-syndrome",
                    "has_symptom",
                    "finding-urinary-incontinence",
                    "possible",
                ),
                ("condition-cauda-equina-syndrome", "has_symptom", "finding-pain", "possible"),
            },
            ("finding-radicular-pain",),
        ),
        (  # a hedge after a kind's examples or before a list is each item's; "no better than"
            # denies; what a drug is prescribed for is what it treats
            "Sciatica\n\nSciatica is common.\n\nGabapentinoids such as gabapentin and"
            " pregabalin are sometimes prescribed for nerve pain.\n\nSome doctors list"
            " naproxen, ibuprofen or opioids as options.\n\nOne trial found pregabalin no"
            " better than placebo.\n",
            {
                ("finding-radicular-pain", "treated_by", "treatment-gabapentinoids", "possible"),
                ("finding-radicular-pain", "treated_by", "treatment-gabapentin", "possible"),
                ("finding-radicular-pain", "treated_by", "treatment-pregabalin", "possible"),
                ("finding-sciatica", "treated_by", "treatment-opioids", "possible"),
                ("finding-sciatica", "treated_by", "treatment-pregabalin", "negated"),
            },
            ("finding-sciatica", "treated_by", "treatment-gabapentinoids", "asserted"),
        ),
        (  # a title naming a condition is about it, not about the findings it also names;
            # "traveling pain" travels; the shoulder blade is a place
            "Clumsy hands? Signs of cervical myelopathy\n\nWhy ignoring clumsy hands can be"
            " harmful.\n\nSymptoms include:\n\n- Traveling pain along the arm\n- Pain around"
            " the shoulder blade\n",
            {
                (
                    "condition-cervical-myelopathy",
                    "has_symptom",
                    "finding-radicular-pain",
                    "asserted",
                ),
                ("finding-radicular-pain", "occurs_in", "body-part-arm", "asserted"),
                ("finding-pain", "occurs_in", "body-part-scapular-region", "asserted"),
            },
            ("finding-hand-clumsiness", "has_symptom"),
        ),
        (  # ... but a cause the title names is not what the page is about
            "---\ntitle: Foot drop from a herniated disc\n---\n\nFoot drop makes the toes"
            " catch.\n\nSymptoms include numbness on the top of the foot.\n",
            {("finding-foot-drop", "has_symptom", "finding-numbness", "asserted")},
            ("condition-disc-herniation", "has_symptom", "finding-numbness"),
        ),
        (  # the title past a menu's short lines; a place inside a list that goes on is its
            # item's own; "and /or"; "the patient's legs"; losing control of the bladder;
            # symptoms that "aren't just pain" do not deny the pain; pain that "tracks" travels
            "Home\nServices\nContact\n\nPinched nerve in the neck: a guide\n\nSymptoms:"
            " clumsiness, weakness in the hands, stiff walking.\n\nA slipped vertebra can"
            " cause back pain and /or leg pain, and pain in the patient's legs.\n\nIt can"
            " cause you to lose control of your bladder.\n\nWhen your symptoms aren't just"
            " pain, see a doctor.\n\nSciatica describes pain that tracks along the nerve into"
            " the calf.\n",
            {
                ("condition-pinched-nerve", "has_symptom", "finding-clumsiness", "asserted"),
                ("condition-pinched-nerve", "has_symptom", "finding-gait-disturbance", "asserted"),
                ("finding-muscle-weakness", "occurs_in", "body-part-hand", "asserted"),
                ("condition-spondylolisthesis", "causes", "finding-leg-pain", "possible"),
                ("finding-pain", "occurs_in", "body-part-leg", "possible"),
                ("condition-pinched-nerve", "causes", "finding-bladder-dysfunction", "possible"),
                ("condition-pinched-nerve", "has_symptom", "finding-pain", "possible"),
                ("finding-sciatica", "has_symptom", "finding-radicular-pain", "asserted"),
            },
            ("finding-clumsiness", "occurs_in"),
        ),
        (  # a list item the lexicon lacks that ends on "sensations" keeps the run's place;
            # pain "in the back and down one leg" is in both; a root's "innervation to" a muscle
            "Disc herniation\n\nA disc herniation is common.\n\nSymptoms include numbness,"
            " burning or electric-shock like sensations that move from the back down the leg."
            "\n\nYou may have pain in your back and down one leg.\n\nThe C7 nerve root gives"
            " most of the innervation to the triceps.\n",
            {
                ("finding-numbness", "occurs_in", "body-part-back", "asserted"),
                ("finding-burning-sensation", "occurs_in", "body-part-leg", "asserted"),
                ("finding-radicular-pain", "occurs_in", "body-part-back", "possible"),
                ("finding-radicular-pain", "occurs_in", "body-part-leg", "possible"),
                ("root-C7", "innervates", "muscle-triceps-brachii", "asserted"),
            },
            (),
        ),
        (  # causes given as examples after a comma; "one of the results of"; a mechanism named
            # first causes the "symptoms of" the sentence, not the page's condition; pain that
            # starts in one place and spreads down another; "adults over 50" are an age group
            "Neck pain\n\nNeck pain is common.\n\nCervical radiculopathy can be caused by many"
            " factors, including herniated discs and bone spurs.\n\nA herniated disc is one of"
            " the results of degenerative disc disease.\n\nInflammation of the nerve roots can"
            " cause symptoms of pain and decreased strength.\n\nPain might start in your back"
            " and spread down a leg.\n\nAdults over 50 are more likely to get a herniated disc."
            "\n",
            {
                (
                    "condition-disc-herniation",
                    "causes",
                    "condition-cervical-radiculopathy",
                    "possible",
                ),
                ("condition-bone-spurs", "causes", "condition-cervical-radiculopathy", "possible"),
                (
                    "condition-degenerative-disc-disease",
                    "causes",
                    "condition-disc-herniation",
                    "asserted",
                ),
                ("mechanism-nerve-root-inflammation", "causes", "finding-pain", "possible"),
                (
                    "mechanism-nerve-root-inflammation",
                    "causes",
                    "finding-muscle-weakness",
                    "possible",
                ),
                ("finding-radicular-pain", "occurs_in", "body-part-back", "possible"),
                ("finding-radicular-pain", "occurs_in", "body-part-leg", "possible"),
                ("risk-factor-age", "risk_factor_for", "condition-disc-herniation", "asserted"),
            },
            ("finding-neck-pain", "has_symptom", "finding-pain"),
        ),
        (  # a list of three shares its last words: each item is a mechanism of the root; but
            # a phrase before ", or" shares nothing with the item after it
            "Sciatica\n\nSciatica is common.\n\nSciatica results from inflammation, irritation,"
            " or compression of the nerve root.\n\nSome clinics offer spinal disc decompression,"
            " or physical therapy.\n",
            {
                ("mechanism-nerve-root-inflammation", "causes", "finding-sciatica", "asserted"),
                ("mechanism-nerve-root-irritation", "causes", "finding-sciatica", "asserted"),
                ("mechanism-nerve-root-compression", "causes", "finding-sciatica", "asserted"),
            },
            ("treatment-traction",),
        ),
        (  # a dash with spaces around it glues nothing: "down your legs - especially ..." is
            # still the legs; electrodiagnostic tests are a test
            "Spinal stenosis\n\nSpinal stenosis is common.\n\nThe squeeze sends pain, tingling"
            " or weakness down your legs - especially when you stand.\n\nIt is diagnosed with"
            " electrodiagnostic tests.\n",
            {
                ("finding-paresthesia", "occurs_in", "body-part-leg", "asserted"),
                ("finding-muscle-weakness", "occurs_in", "body-part-leg", "asserted"),
                (
                    "condition-spinal-stenosis",
                    "diagnosed_by",
                    "test-electrodiagnostic-testing",
                    "asserted",
                ),
            },
            (),
        ),
        (  # a heading that names a kind of care labels the treatments of its section, where
            # the graph agrees; a gloss of a hyphenated word stays inside the phrase
            "Herniated disc\n\nA herniated disc hurts. Conservative (non-surgical) treatments"
            " are often enough.\n\nConservative treatments\n\nTreatment will begin with rest and"
            " medication, and surgery is seldom needed.\n\nSurgery\n\nA discectomy removes the"
            " fragment.\n",
            {
                (
                    "condition-disc-herniation",
                    "treated_by",
                    "treatment-conservative-care",
                    "asserted",
                ),
                ("treatment-rest", "treatment_kind", "kind-conservative", "asserted"),
                ("treatment-medication", "treatment_kind", "kind-conservative", "asserted"),
                ("treatment-discectomy", "treatment_kind", "kind-surgical", "asserted"),
            },
            ("treatment-surgery", "kind-conservative"),
        ),
        (  # on a page about one root's radiculopathy, a deficit tied to it shows the root's area
            "L5 radiculopathy\n\nL5 radiculopathy is common.\n\nIt can cause numbness on the"
            " top of the foot.\n\nA herniated disc can also bring tingling in the thigh.\n",
            {("root-L5", "innervates", "skin-dorsum-of-foot", "asserted")},
            ("root-L5", "innervates", "body-part-thigh"),
        ),
        (  # ... but never a place of the other limb, nor the places of a warning
            "C6 radiculopathy\n\nC6 radiculopathy is common.\n\nSome notice tingling in the"
            " hand or foot.\n\nSeek help at once for numbness in both arms.\n",
            {("root-C6", "innervates", "body-part-hand", "asserted")},
            ("root-C6", "innervates", "body-part-foot"),
        ),
        (
            "C6 radiculopathy\n\nC6 radiculopathy is common.\n\nSeek help at once for"
            " numbness in both arms.\n",
            set(),
            ("root-C6", "innervates", "body-part-arm"),
        ),
        (  # a relative clause names the causes of the compression before it; a short gloss in
            # brackets stays inside the phrase it interrupts
            "Sciatica\n\nSciatica hurts.\n\nIt is caused by pressure on the nerve roots in the"
            " lumbar (lower) spine, which can be due to arthritis or a herniated (bulging)"
            " disc.\n\nRadiculopathy is caused by compression of a nerve root in the neck, most"
            " often from bone spurs.\n",
            {
                ("condition-arthritis", "compresses", "lumbar-nerve-root-unspecified", "possible"),
                (
                    "condition-disc-herniation",
                    "compresses",
                    "lumbar-nerve-root-unspecified",
                    "possible",
                ),
                (
                    "condition-bone-spurs",
                    "compresses",
                    "cervical-nerve-root-unspecified",
                    "asserted",
                ),
            },
            ("condition-bulging-disc",),
        ),
        (  # "the lumbar nerve roots" say which roots they are: not the nerve named before
            "Sciatica\n\nSciatica hurts.\n\nThe sciatic nerve supplies the calf. The lumbar"
            " nerve roots control the muscles in the thighs.\n",
            {
                ("nerve-sciatic", "innervates", "body-part-calf", "asserted"),
                ("lumbar-nerve-root-unspecified", "innervates", "body-part-thigh", "asserted"),
            },
            ("nerve-sciatic", "body-part-thigh"),
        ),
        (  # a line after an item of when a treatment comes goes on with that item
            "Epidural steroid injections\n\nAn injection can ease sciatica.\n\nInjections are"
            " usually considered when:\n- Home care has not worked\nMost people have tried rest"
            " and NSAIDs for six weeks without enough relief.\n- Pain is severe\n",
            {
                ("treatment-rest", "tried_before", "treatment-injection", "asserted"),
                ("treatment-nsaids", "tried_before", "treatment-injection", "asserted"),
            },
            (),
        ),
        (  # a second "because of" after "or" names another cause of the same thing
            HERNIATION + "They happen either because of an injury or because of smoking.\n",
            {
                ("condition-injury", "causes", "condition-disc-herniation", "asserted"),
                ("risk-factor-smoking", "causes", "condition-disc-herniation", "asserted"),
            },
            ("risk-factor-smoking", "condition-injury"),
        ),
        (  # a muscle group is a place of weakness; "the calf" stays the body part
            HERNIATION + "It can cause weakness of the hamstrings or the thenar muscles, and"
            " pain in the calf.\n",
            {
                ("finding-muscle-weakness", "occurs_in", "muscle-group-hamstrings", "possible"),
                (
                    "finding-muscle-weakness",
                    "occurs_in",
                    "muscle-group-thenar-muscles",
                    "possible",
                ),
                ("finding-pain", "occurs_in", "body-part-calf", "possible"),
            },
            ("muscle-group-triceps-surae",),
        ),
        (  # what "these symptoms" are due to causes each finding named just before
            "Cervical radiculopathy\n\nCervical radiculopathy is common.\n\nIt brings pain and"
            " numbness in the arm. The symptoms may come and go. These symptoms can be due to"
            " compression of a nerve root.\n\nCommon signs are:\n- tingling in the fingers\n-"
            " weakness of the grip\nThese symptoms are usually caused by a herniated disc.\n",
            {
                ("mechanism-nerve-root-compression", "causes", "finding-pain", "possible"),
                ("mechanism-nerve-root-compression", "causes", "finding-numbness", "possible"),
                ("condition-disc-herniation", "causes", "finding-paresthesia", "asserted"),
                ("condition-disc-herniation", "causes", "finding-muscle-weakness", "asserted"),
            },
            ("condition-disc-herniation", "causes", "finding-pain"),
        ),
        (  # a disc that its verb says herniates is the herniation, and not the page's topic
            "Sciatica\n\nSciatica is pain that travels down the leg.\n\nWhen a disc in the lower"
            " back ruptures, it can press on the sciatic nerve. Treatment includes physical"
            " therapy.\n",
            {
                ("condition-disc-herniation", "compresses", "nerve-sciatic", "possible"),
                ("finding-sciatica", "treated_by", "treatment-physical-therapy", "asserted"),
            },
            ("condition-disc-herniation", "treated_by"),
        ),
        (  # a disc may bulge, bulge or rupture (a herniation), leave herniated material; a
            # disc that does not rupture is none
            "Pinched nerve\n\nA disc may bulge and press on a nerve root. A disc that bulges or"
            " ruptures can pinch the spinal cord. Surgery removes the herniated material that"
            " presses on the nerve root. The disc does not rupture in most people, and it never"
            " presses on the spinal cord.\n",
            {
                (
                    "condition-bulging-disc",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "possible",
                ),
                ("condition-disc-herniation", "compresses", "spinal-cord", "possible"),
                (
                    "condition-disc-herniation",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "asserted",
                ),
            },
            ("negated",),
        ),
        (  # "that" after a word naming nothing ("other conditions that") is not the topic
            "Sciatica\n\nSciatica is pain along the sciatic nerve.\n\nOther conditions that"
            " may cause nerve inflammation are rare. It can cause numbness in the foot.\n",
            {
                ("finding-sciatica", "causes", "finding-numbness", "possible"),
                ("finding-numbness", "occurs_in", "body-part-foot", "possible"),
            },
            ("mechanism-nerve-root-inflammation",),
        ),
        (  # findings "experienced in" a place, a pain that "can continue into" one, and a place
            # "between the shoulder blades"
            "Cervical radiculopathy\n\nCervical radiculopathy is a problem of a root in the"
            " neck.\n\nPain and tingling may be experienced in the calf and ankle. The pain moves"
            " from the hip into the knee and can continue into the toes. It often brings tingling"
            " between the shoulder blades.\n",
            {
                ("finding-pain", "occurs_in", "body-part-calf", "possible"),
                ("finding-paresthesia", "occurs_in", "body-part-ankle", "possible"),
                ("finding-radicular-pain", "occurs_in", "body-part-toes", "possible"),
                ("finding-paresthesia", "occurs_in", "body-part-scapular-region", "asserted"),
            },
            (),
        ),
        (  # a canal that narrows is a stenosis, a vertebra that slips a spondylolisthesis
            "Back pain in older adults\n\nBack pain is common after 60.\n\nAs the spinal canal"
            " narrows, it can squeeze the spinal cord. When a vertebra slips forward, it may pinch"
            " a nerve root. The foraminal canal can narrow and press on the nerve root.\n",
            {
                ("condition-spinal-stenosis", "compresses", "spinal-cord", "possible"),
                (
                    "condition-spondylolisthesis",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "possible",
                ),
                (
                    "condition-foraminal-stenosis",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "possible",
                ),
            },
            (),
        ),
        (  # "sometimes" inside a run of findings, "muscular weakness", "each thigh"
            SCIATICA + "Tingling, numbness and sometimes weakness in the calf. It may also cause"
            " numbness and muscular weakness in the knee. The pain starts in your lower back and"
            " travels through your hips and down the outside of each thigh.\n",
            {
                ("finding-paresthesia", "occurs_in", "body-part-calf", "possible"),
                ("finding-numbness", "occurs_in", "body-part-calf", "possible"),
                ("finding-muscle-weakness", "occurs_in", "body-part-calf", "possible"),
                ("finding-numbness", "occurs_in", "body-part-knee", "possible"),
                ("finding-muscle-weakness", "occurs_in", "body-part-knee", "possible"),
                ("finding-radicular-pain", "occurs_in", "body-part-thigh", "asserted"),
            },
            (),
        ),
        (  # "this nerve" after the spinal cord is the nerve named before, which controls "the
            # movements and sensations of" the places after it
            SCIATICA + "The sciatic nerve is the longest nerve in the body. It runs from the"
            " spinal cord to the foot. This nerve controls the movements and sensations of your"
            " calves and feet.\n",
            {
                ("nerve-sciatic", "innervates", "body-part-calf", "asserted"),
                ("nerve-sciatic", "innervates", "body-part-foot", "asserted"),
            },
            ("spinal-cord", "innervates"),
        ),
        (  # a pinched nerve "in the neck or lower back" is a root of either region: any root
            "Pinched nerve\n\nA pinched nerve is common.\n\nA pinched nerve in the neck or lower"
            " back can be caused by a herniated disc or bone spurs. A pinched nerve in the neck"
            " can be caused by arthritis.\n",
            {
                (
                    "condition-disc-herniation",
                    "compresses",
                    "spinal-nerve-root-unspecified",
                    "possible",
                ),
                ("condition-bone-spurs", "compresses", "spinal-nerve-root-unspecified", "possible"),
                (
                    "condition-arthritis",
                    "compresses",
                    "cervical-nerve-root-unspecified",
                    "possible",
                ),
            },
            ("condition-disc-herniation", "cervical-nerve-root-unspecified"),
        ),
        (  # "cervical spinal cord compression" is the condition, not the cervical cord; what it
            # is due to presses on the cord
            "What causes cervical spinal cord compression?\n\nCervical spinal cord compression is"
            " often due to a herniated disc or bone spurs. Common symptoms are:\n\n- Clumsy"
            " hands\n- Trouble walking\n",
            {
                ("condition-disc-herniation", "compresses", "spinal-cord", "asserted"),
                ("condition-bone-spurs", "compresses", "spinal-cord", "asserted"),
                (
                    "condition-spinal-cord-compression",
                    "has_symptom",
                    "finding-hand-clumsiness",
                    "asserted",
                ),
            },
            ("condition-disc-herniation", "has_symptom"),
        ),
        (  # a page comparing radiculopathy with neuropathy gives neuropathy its own symptoms
            "Radiculopathy or neuropathy?\n\nRadiculopathy is a problem of one nerve root. It"
            " causes pain in the arm.\n\nCommon symptoms of neuropathy are numbness and burning"
            " in both feet.\n",
            {
                (
                    "condition-peripheral-neuropathy",
                    "has_symptom",
                    "finding-numbness",
                    "asserted",
                ),
                (
                    "condition-peripheral-neuropathy",
                    "affects_side",
                    "laterality-bilateral",
                    "asserted",
                ),
            },
            ("condition-radiculopathy", "finding-numbness"),
        ),
        (  # a long line in sentence case with a comma is a sentence that lost its full stop,
            # not a heading; "&" is "and" ("pins & needles")
            "Cervical radiculopathy\n\nCervical radiculopathy is a problem of a root in the"
            " neck.\n\nPain/pins & needles/weakness in neck, arm, chest and/or shoulders\nPain"
            " can be in one area only, or along the whole arm.\n",
            {
                ("finding-pain", "occurs_in", "body-part-neck", "asserted"),
                ("finding-paresthesia", "occurs_in", "body-part-chest", "asserted"),
                ("finding-muscle-weakness", "occurs_in", "body-part-shoulder", "asserted"),
            },
            (),
        ),
        (  # duloxetine and "anticonvulsants" are nerve pain medicines; a nerve root injection
            # is an epidural one; the negation of a "when" clause is that clause's own
            SCIATICA + "Doctors sometimes prescribe duloxetine or anticonvulsants for the nerve"
            " pain. A nerve root injection may help when pills do not. Surgery may help when rest"
            " does not.\n",
            {
                ("finding-radicular-pain", "treated_by", "treatment-duloxetine", "possible"),
                (
                    "finding-radicular-pain",
                    "treated_by",
                    "treatment-neuropathic-agents",
                    "possible",
                ),
                (
                    "finding-sciatica",
                    "treated_by",
                    "treatment-epidural-steroid-injection",
                    "possible",
                ),
                ("finding-sciatica", "treated_by", "treatment-surgery", "possible"),
            },
            ("treatment-surgery", "negated"),
        ),
        (  # a list item the lexicon lacks ("chilling") keeps the list going
            "Radiculopathy\n\nRadiculopathy is a problem of a nerve root.\n\nIt can cause"
            " stiffness, chilling, burning, or tingling.\n",
            {
                ("condition-radiculopathy", "causes", "finding-stiffness", "possible"),
                ("condition-radiculopathy", "causes", "finding-burning-sensation", "possible"),
                ("condition-radiculopathy", "causes", "finding-paresthesia", "possible"),
            },
            (),
        ),
        (  # a range "from non-surgical measures to fusion" sets the fusion apart from the kind
            HERNIATION + "Treatment options range from non-surgical measures to spinal fusion."
            " Non-surgical treatments include physical therapy and rest.\n",
            {
                ("treatment-physical-therapy", "treatment_kind", "kind-conservative", "asserted"),
                ("treatment-rest", "treatment_kind", "kind-conservative", "asserted"),
            },
            ("treatment-spinal-fusion", "treatment_kind"),
        ),
        (  # "pressure placed on the roots" is their compression
            "Radiculopathy\n\nRadiculopathy is a problem of a nerve root.\n\nIt is usually"
            " caused by pressure placed on the nerve roots in the lower back.\n",
            {
                (
                    "mechanism-nerve-root-compression",
                    "causes",
                    "condition-radiculopathy",
                    "asserted",
                )
            },
            (),
        ),
        (  # "these areas" are the places of the sentence before
            SCIATICA + "The pain may spread to the hip, the thigh and the calf. Tingling and"
            " weakness in these areas can follow.\n",
            {
                ("finding-paresthesia", "occurs_in", "body-part-hip", "possible"),
                ("finding-muscle-weakness", "occurs_in", "body-part-calf", "possible"),
            },
            (),
        ),
        (  # "after six weeks" is a time, not a treatment tried first; "not helped" failed
            SCIATICA + "If physiotherapy and painkillers have not helped after six weeks, surgery"
            " is recommended.\n",
            {
                ("treatment-physical-therapy", "tried_before", "treatment-surgery", "asserted"),
                ("treatment-pain-medication", "tried_before", "treatment-surgery", "asserted"),
            },
            (),
        ),
        (  # what did not work came before, not the treatment of a clause set against it
            HERNIATION + "Injections can ease the pain, but surgery is only offered when months"
            " of rest have not worked.\n",
            {("treatment-rest", "tried_before", "treatment-surgery", "asserted")},
            ("treatment-rest", "tried_before", "treatment-injection"),
        ),
        (  # a list item's own last words ("on the spine") keep the list going; the aging
            # process is aging, hereditary factors a genetic predisposition
            "Bulging disc\n\nA bulging disc can be caused by the aging process, wear and tear on"
            " the spine, an injury or hereditary factors.\n",
            {
                ("risk-factor-age", "causes", "condition-bulging-disc", "possible"),
                ("condition-injury", "causes", "condition-bulging-disc", "possible"),
                ("risk-factor-genetics", "causes", "condition-bulging-disc", "possible"),
            },
            (),
        ),
        (  # "one of the most common causes of"; a clause's subject with the one coordinated
            # with it ("bulging or ruptured disc") both cause what the pressing results in
            HERNIATION + "A slipped disc is one of the most common causes of leg pain in adults."
            " The bulging or ruptured disc can then press on nearby nerves, resulting in pain and"
            " weakness.\n",
            {
                ("condition-disc-herniation", "causes", "finding-leg-pain", "asserted"),
                ("condition-bulging-disc", "causes", "finding-muscle-weakness", "possible"),
                ("condition-disc-herniation", "causes", "finding-muscle-weakness", "possible"),
            },
            (),
        ),
        (  # a test lets the doctor "see" what it diagnoses; "antiinflammatory drugs" in one word
            SCIATICA + "An MRI lets your doctor see herniated discs and pinched nerves. Most"
            " people manage with rest and antiinflammatory drugs.\n",
            {
                ("condition-pinched-nerve", "diagnosed_by", "test-mri", "asserted"),
                ("finding-sciatica", "treated_by", "treatment-nsaids", "asserted"),
            },
            (),
        ),
        (  # a word glued to a capitalised one ("ImageSciatica") is two: a caption and a sentence
            "Back care\n\nPatient ImageSciatica is pain, numbness or tingling along the sciatic"
            " nerve.\n",
            {("finding-sciatica", "has_symptom", "finding-numbness", "asserted")},
            (),
        ),
        (  # "risk factors for developing sciatica" are sciatica's, not the page topic's
            "Back pain\n\nBack pain is common.\n\nSmoking, prolonged sitting and obesity are all"
            " risk factors for developing sciatica.\n",
            {("risk-factor-smoking", "risk_factor_for", "finding-sciatica", "asserted")},
            ("risk-factor-smoking", "finding-back-pain"),
        ),
        (  # a lead-in that opens on a kind's care gives its items that kind, but not an item
            # the graph puts in the other kind
            "Bulging disc\n\nA bulging disc can hurt.\n\nConservative treatments for a bulging"
            " disc include:\n\n- Rest\n- Physical therapy\n- Surgery, when rest is not enough\n",
            {
                ("treatment-rest", "treatment_kind", "kind-conservative", "asserted"),
                ("treatment-physical-therapy", "treatment_kind", "kind-conservative", "asserted"),
            },
            ("treatment-surgery", "kind-conservative"),
        ),
        (  # no treatment is of the kind the graph sets against its own: "without surgery,
            # using physical therapy" makes no physical therapy surgical
            HERNIATION + "Most people get better without surgery, using physical therapy and"
            " anti-inflammatory drugs.\n",
            {("condition-disc-herniation", "treated_by", "treatment-physical-therapy", "asserted")},
            ("treatment-physical-therapy", "kind-surgical"),
        ),
        (  # "conservative management and surgical treatment" makes no surgery conservative
            HERNIATION + "This leaflet covers the symptoms, conservative management and surgical"
            " treatment of disc herniations.\n",
            set(),
            ("treatment-surgery", "kind-conservative"),
        ),
        (  # a negation that a list takes whole ("no back pain, neck pain or ...") denies each
            # item, and not what the sentence goes on to say of others
            HERNIATION + "An MRI of people with no back pain, neck pain or arm symptoms often shows"
            " herniated discs.\n",
            {
                ("condition-disc-herniation", "diagnosed_by", "test-mri", "asserted"),
                ("condition-disc-herniation", "has_symptom", "finding-neck-pain", "negated"),
            },
            ("finding-neck-pain", "asserted"),
        ),
        (  # the bladder and bowel are what the cauda equina controls, and bladder problems
            # carry their own place: the legs of the next item are not theirs
            SCIATICA + "The nerves of the cauda equina control the bladder and bowel.\n\nGet help"
            " at once for numbness in the groin or bladder or bowel problems, or weakness in both"
            " legs.\n",
            {
                ("cauda-equina", "innervates", "body-part-bladder", "asserted"),
                ("finding-muscle-weakness", "occurs_in", "body-part-leg", "asserted"),
            },
            ("finding-bladder-dysfunction", "body-part-leg"),
        ),
        (  # an item that says its findings suggest a condition gives them to that condition,
            # not to the lead-in's
            SCIATICA + "Warning signs of sciatica:\n\n- Pain that shoots down one leg\n- Saddle"
            " numbness or bladder changes suggest cauda equina syndrome\n",
            {
                (
                    "condition-cauda-equina-syndrome",
                    "has_symptom",
                    "finding-saddle-anaesthesia",
                    "asserted",
                ),
                ("finding-sciatica", "has_symptom", "finding-radicular-pain", "asserted"),
            },
            ("finding-sciatica", "finding-saddle-anaesthesia"),
        ),
        (  # the members a kind's care "which may include" are of that kind
            HERNIATION + "Most people improve with conservative treatment, which may include"
            " physical therapy and ice.\n",
            {
                ("treatment-physical-therapy", "treatment_kind", "kind-conservative", "asserted"),
                ("treatment-ice", "treatment_kind", "kind-conservative", "asserted"),
            },
            (),
        ),
        (  # what the sentence before offered was tried before the later step when "these
            # treatments fail" or "they do not work", the care of a kind included
            HERNIATION + "Helpful treatments include physical therapy and exercise. If these"
            " treatments fail, there are several surgical options.\n\nRest and painkillers help"
            " most people. If they do not work, an epidural injection may be offered.\n",
            {
                ("treatment-physical-therapy", "tried_before", "treatment-surgery", "asserted"),
                ("treatment-exercise", "tried_before", "treatment-surgery", "asserted"),
                (
                    "treatment-pain-medication",
                    "tried_before",
                    "treatment-epidural-steroid-injection",
                    "asserted",
                ),
            },
            (),
        ),
        (  # where named nerves go they supply: "these nerves" are those named before, and
            # roots named by no region are those of the limb they reach; not where they leave
            SCIATICA + "The lumbar nerve roots leave the spine in the lower back. These nerves"
            " travel to the hips, buttocks, legs and feet.\n\nThe cervical roots branch out from"
            " the neck into the shoulders and arms.\n",
            {
                ("lumbar-nerve-root-unspecified", "innervates", "body-part-foot", "asserted"),
                ("cervical-nerve-root-unspecified", "innervates", "body-part-arm", "asserted"),
            },
            ("cervical-nerve-root-unspecified", "body-part-neck"),
        ),
        (  # a pain's course is none of a nerve's, nor is "it" after it
            SCIATICA + "The sciatic nerve is the largest nerve of the body. Sciatica is pain that"
            " travels down the leg. It may run down into the foot.\n",
            {("finding-sciatica", "has_symptom", "finding-radicular-pain", "asserted")},
            ("nerve-sciatic", "innervates"),
        ),
    ],
)
def test_what_a_page_says(
    pipeline: Pipeline,
    tmp_path: Path,
    page: str,
    expected: set[tuple[str, ...]],
    unexpected: tuple[str, ...],
) -> None:
    """The claims a whole page must give, and ids that no claim of it may have together."""
    claims = _page(pipeline, tmp_path, page)
    assert expected <= claims
    assert not {c for c in claims if unexpected and set(unexpected) <= set(c)}


def test_a_root_innervates_a_muscle_and_supplies_a_skin_area_in_the_graph(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    path = tmp_path / "note.txt"
    path.write_text(
        "With L5, there may be weakness of the tibialis anterior, numbness on the top of the"
        " foot and tingling in the leg.\n",
        encoding="utf-8",
    )
    extraction = extract(read_article(path, curated=False), pipeline)
    graphs = load(Inputs.shipped(with_articles=False)).graphs.values()
    graph = claims_graph([extraction], fits=Typing(graphs).fits)
    claims = list(graph.subjects(SPINE.claimSubject, SPINE["root-L5"]))
    stated = {
        (str(graph.value(c, SPINE.claimPredicate)), str(graph.value(c, SPINE.claimObject)))
        for c in claims
    }
    # a body part such as the leg is no skin area: the ontology's supplies leaves it out
    assert stated == {
        (str(SPINE.innervates), str(SPINE["muscle-tibialis-anterior"])),
        (str(SPINE.supplies), str(SPINE["skin-dorsum-of-foot"])),
    }


def test_a_claim_said_twice_has_both_sentences_as_evidence_of_one_claim(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    path = tmp_path / "page.txt"
    path.write_text(
        "Slipped disc\n\nAn injury often causes a slipped disc. Rest helps.\n\n"
        "In young people, a slipped disc is mostly caused by an injury.\n",
        encoding="utf-8",
    )
    extraction = extract(read_article(path, curated=False), pipeline)
    said = [
        c.sentence
        for c in extraction.claims
        if (c.subject.iri, c.relation, c.object.iri)
        == (SPINE["condition-injury"], "causes", SPINE["condition-disc-herniation"])
    ]
    assert said == [
        "An injury often causes a slipped disc.",
        "In young people, a slipped disc is mostly caused by an injury.",
    ]
    graphs = load(Inputs.shipped(with_articles=False)).graphs.values()
    graph = claims_graph([extraction], fits=Typing(graphs).fits)
    claims = list(graph.subjects(SPINE.claimSubject, SPINE["condition-injury"]))
    assert len(claims) == 1
    evidence = {
        str(graph.value(e, SPINE.sentence)) for e in graph.objects(claims[0], SPINE.hasEvidence)
    }
    assert evidence == set(said)


def test_an_aside_is_bracketed_or_a_quoted_gloss() -> None:
    words = 'pain ( often burning ) , weakness or " pins and needles " and'.split()
    assert asides(words) == {1, 2, 3, 4}  # a quoted item after "or" is no aside
    gloss = "tingling \u201c pins and needles \u201d in the hand".split()
    assert asides(gloss) == {1, 2, 3, 4, 5}
    assert asides(["spine", "(", "spondylolisthesis", "):", "when", "it", "slips"]) == {
        1,
        2,
        3,
        4,
        5,
        6,
    }


def test_a_cause_named_in_the_text_is_not_the_page_topic(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "A disc is a cushion between two vertebrae. Its outer ring can split due to an injury.\n\n"
        "A slipped disc often heals by itself. It is treated with rest.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert ("condition-disc-herniation", "treated_by", "treatment-rest", "asserted") in claims
    assert not {c for c in claims if c[0] == "condition-injury" and c[1] == "treated_by"}


def test_a_reflex_named_without_a_change_is_no_finding(pipeline: Pipeline) -> None:
    (sentence,) = list(pipeline.sentences("The doctor tests the ankle reflex with a hammer."))
    assert [m.entity.label for m in sentence[1]] == ["ankle"]


def test_a_noun_of_change_before_a_reflex_makes_it_a_finding(pipeline: Pipeline) -> None:
    (sentence,) = list(
        pipeline.sentences(
            "It brings absence of the ankle jerk and a reduction of the knee reflex."
        )
    )
    assert [(m.text, m.entity.label) for m in sentence[1]] == [
        ("absence of the ankle jerk", "absent reflex"),
        ("reduction of the knee reflex", "diminished reflexes"),
    ]


def test_a_disc_where_a_condition_occurs_is_shown_as_its_level(tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("Herniated discs are most common at L5-S1.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    (claim,) = json.loads(result.stdout)["claims"]
    assert claim["object"] == {"iri": "https://w3id.org/spinekg/disc-L5-S1", "label": "L5-S1 level"}


def test_a_side_is_shown_in_the_annotation_guides_words(tmp_path: Path) -> None:
    article = tmp_path / "note.txt"
    article.write_text("Sciatica usually affects only one leg.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    sides = [c["object"] for c in json.loads(result.stdout)["claims"]]
    iri = "https://w3id.org/spinekg/laterality-unilateral"
    assert {"iri": iri, "label": "one side"} in sides


def test_the_disc_that_tears_because_of_a_cause_is_the_page_condition(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = "Herniated disc\n\nA herniated disc hurts.\n\nDiscs can tear due to an injury.\n"
    claims = _page(pipeline, tmp_path, page)
    assert ("condition-injury", "causes", "condition-disc-herniation", "possible") in claims


def test_the_condition_behind_a_symptom_stays_a_topic(pipeline: Pipeline, tmp_path: Path) -> None:
    page = (
        "In a discectomy the surgeon removes the disc material that presses on a root. The"
        " operation is for pain due to a herniated disc that lasts despite therapy, and lets a"
        " root heal from injury.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert ("condition-disc-herniation", "treated_by", "treatment-surgery", "asserted") in claims
    assert not {c for c in claims if c[0] == "condition-injury"}


def test_what_did_not_work_or_is_put_off_gives_the_order(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Sciatica\n\n"
        "Sciatica is leg pain from an irritated nerve root.\n\n"
        "Epidural steroid injections are offered for sciatica that has not responded to other"
        " treatments.\n\n"
        "Surgery is an option when the pain does not improve with physical therapy.\n\n"
        "Massage may help some people avoid an operation.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    order = {c for c in claims if c[1] == "tried_before"}
    assert order == {
        (
            "treatment-conservative-care",
            "tried_before",
            "treatment-epidural-steroid-injection",
            "asserted",
        ),
        ("treatment-physical-therapy", "tried_before", "treatment-surgery", "asserted"),
        ("treatment-massage", "tried_before", "treatment-surgery", "asserted"),
    }
    # what massage helps to avoid is no treatment of sciatica in that sentence
    assert ("finding-sciatica", "treated_by", "treatment-massage", "possible") in claims


def test_an_opening_that_refers_back_does_not_name_the_topic(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "This condition is really a pinched nerve low in the back. Sciatica is common in adults."
        "\n\nSciatica is felt along the back of the leg. It can also cause weakness.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert ("finding-sciatica", "causes", "finding-muscle-weakness", "possible") in claims
    assert not {c for c in claims if c[0] == "condition-pinched-nerve"}


def test_bare_pain_that_improves_with_a_treatment_is_the_conditions(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Lumbar disc herniation\n\n"
        "A lumbar disc herniation is a common cause of leg pain.\n\n"
        "In most people the pain settles within weeks with rest and physical therapy.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert {
        ("condition-lumbar-disc-herniation", "treated_by", "treatment-rest", "asserted"),
        (
            "condition-lumbar-disc-herniation",
            "treated_by",
            "treatment-physical-therapy",
            "asserted",
        ),
    } <= claims
    assert not {c for c in claims if c[0] == "finding-pain"}


def test_the_topic_comes_from_the_opening_not_a_cause_named_later(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Each disc cushions two vertebrae. It has a soft core inside a tough ring. After a fall,"
        " the ring may split and the core can leak out.\n\n"
        "Most herniated discs settle with time. Physical therapy is the usual treatment.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert (
        "condition-disc-herniation",
        "treated_by",
        "treatment-physical-therapy",
        "asserted",
    ) in claims


def test_a_regional_herniation_is_reported_as_the_general_one_with_its_region(
    tmp_path: Path,
) -> None:
    article = tmp_path / "note.txt"
    article.write_text("A lumbar disc herniation can cause leg pain.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    (claim,) = json.loads(result.stdout)["claims"]
    assert claim["subject"]["label"] == "disc herniation"
    assert claim["object"]["label"] == "leg pain"
    assert claim["context"]["region"] == "lumbar spine"


def test_no_claim_has_a_class_at_either_end(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT (COUNT(*) AS ?n) WHERE { ?c a spine:Claim .
             { ?c spine:claimSubject ?x } UNION { ?c spine:claimObject ?x }
             ?x a owl:Class }""",
    )
    assert rows == [{"n": "0"}]


def test_extract_reads_folders_as_json_lines_and_reports_a_broken_article(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text("A herniated disc may cause leg pain.\n", encoding="utf-8")
    (folder / "b.md").write_text("Bone spurs can press on a nerve root.\n", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\x89PNG\x00\x00")
    (folder / "notes.csv").write_text("not an article\n", encoding="utf-8")
    runs = [CliRunner().invoke(main, ["extract", str(folder), "--jobs", jobs]) for jobs in "12"]
    for result in runs:
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            f"error: {folder / 'c.txt'}:1:1: a binary file, not an article; "
            "expected Markdown or plain text",
            "1 of 3 article(s) could not be read.",
        ]
    assert runs[0].stdout == runs[1].stdout
    documents = [json.loads(line) for line in runs[0].stdout.splitlines()]
    assert [d["document"]["id"] for d in documents] == ["a", "b"]
    assert [
        (c["subject"]["label"], c["relation"], c["object"]["label"]) for c in documents[0]["claims"]
    ] == [("disc herniation", "causes", "leg pain")]


def test_members_of_a_kind_of_care_are_not_later_steps_of_it(pipeline: Pipeline) -> None:
    claims = _claims(
        pipeline,
        "When sciatica persists despite conservative care such as physical therapy and rest, "
        "an epidural steroid injection may be offered.",
    )
    ordered = {(s, o) for s, r, o, _ in claims if r == "tried_before"}
    assert ("treatment-conservative-care", "treatment-epidural-steroid-injection") in ordered
    assert not {o for s, o in ordered if s == "treatment-conservative-care"} & {
        "treatment-physical-therapy",
        "treatment-rest",
    }
    assert ("treatment-physical-therapy", "treatment_kind", "kind-conservative", "asserted") in (
        claims
    )


def test_a_drug_is_not_a_step_after_the_medicines_it_belongs_to(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Medicines for a slipped disc\n\n"
        "- Opioids: may be used for a few days when other medicines have not helped.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert not {c for c in claims if c[1] == "tried_before"}
    assert ("condition-disc-herniation", "treated_by", "treatment-opioids", "possible") in claims
    assert ("condition-disc-herniation", "treated_by", "treatment-opioids", "asserted") not in (
        claims
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "For sciatica, paracetamol (acetaminophen) or an NSAID such as naproxen may be tried.",
            {
                ("finding-sciatica", "treated_by", "treatment-acetaminophen", "possible"),
                ("finding-sciatica", "treated_by", "treatment-nsaids", "possible"),
                ("finding-sciatica", "treated_by", "treatment-naproxen", "possible"),
            },
        ),
        (
            "Sciatica is treated with rest, and surgery may be needed later.",
            {
                ("finding-sciatica", "treated_by", "treatment-rest", "asserted"),
                ("finding-sciatica", "treated_by", "treatment-surgery", "possible"),
            },
        ),
    ],
)
def test_a_hedge_after_coordinated_treatments_hedges_them_all(
    pipeline: Pipeline, text: str, expected: set[tuple[str, str, str, str]]
) -> None:
    found = {c for c in _claims(pipeline, text) if c[1] == "treated_by"}
    assert found == expected


def test_a_hedge_in_a_relative_clause_is_not_the_treatments(pipeline: Pipeline) -> None:
    claims = _claims(
        pipeline,
        "For sciatica, rest and physical therapy guided by a therapist who can adjust the "
        "exercises are used.",
    )
    assert ("finding-sciatica", "treated_by", "treatment-rest", "asserted") in claims


def test_a_list_whose_bullets_were_lost_keeps_its_lead_in(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Herniated disc\n\n"
        "A herniated disc is a common cause of leg pain.\n\n"
        "Things that raise your risk may include:\n\n"
        "Frequent bending or twisting of the spine.\n\n"
        "Not exercising regularly, or strenuous exercise after months of rest.\n\n"
        "Smoking. Tobacco starves the discs of oxygen over the years.\n\n"
        "Most people recover within weeks.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    herniation = "condition-disc-herniation"
    assert {
        ("risk-factor-frequent-bending", "risk_factor_for", herniation, "possible"),
        ("risk-factor-frequent-twisting", "risk_factor_for", herniation, "possible"),
        # the "not" of "not exercising regularly" denies nothing else in the item
        ("risk-factor-sedentary-lifestyle", "risk_factor_for", herniation, "possible"),
        ("risk-factor-excessive-activity", "risk_factor_for", herniation, "possible"),
        # a paragraph that opens on a risk factor is one more item of the list
        ("risk-factor-smoking", "risk_factor_for", herniation, "possible"),
    } <= claims
    assert not {c for c in claims if c[3] == "negated"}


def _json_claims(tmp_path: Path, text: str) -> list[dict[str, Any]]:
    """The claims ``spinekg extract --format json`` prints for a note holding ``text``."""
    article = tmp_path / "note.txt"
    article.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    claims: list[dict[str, Any]] = json.loads(result.stdout)["claims"]
    return claims


def test_an_age_group_is_a_risk_factor_shown_with_its_ages(tmp_path: Path) -> None:
    claims = _json_claims(
        tmp_path,
        "A slipped disc is most common in people aged between 30 and 50.\n\n"
        "Back pain that starts in people older than 55 years needs a doctor's visit.\n",
    )
    (claim,) = [c for c in claims if c["relation"] == "risk_factor_for"]
    assert claim["subject"] == {
        "iri": "https://w3id.org/spinekg/risk-factor-age",
        "label": "age between 30 and 50",
    }
    assert claim["object"]["label"] == "disc herniation"
    assert claim["context"]["age_group"] == "age between 30 and 50"
    assert claim["context"]["subject_text"] == "aged between 30 and 50"  # the page's words


def test_a_place_a_muscle_or_a_treatment_is_shown_in_the_pages_words(tmp_path: Path) -> None:
    claims = _json_claims(
        tmp_path,
        "An L4 root that is pinched leaves numbness on the inner side of your LEG and foot.\n\n"
        "A C5-C6 herniation can cause weakness in the biceps muscle.\n\n"
        "A herniated disc is often treated with Painkillers, McKenzie therapy"
        " and physiotherapy.\n\n"
        "Sciatica can leave numbness below the knee.\n",
    )
    shown = {
        (c["subject"]["label"], c["relation"], c["object"]["label"], c["object"]["iri"])
        for c in claims
    }
    # the entity is the graph's; its label is the page's words, as the annotation names it
    assert {
        ("numbness", "occurs_in", "inner leg", str(SPINE["skin-medial-leg"])),
        ("L4 nerve root", "innervates", "inner leg", str(SPINE["skin-medial-leg"])),
        # "foot" of "the inner side of your leg and foot" is the inner side of the foot
        ("numbness", "occurs_in", "inner foot", str(SPINE["skin-medial-foot"])),
        # a place named relative to another has the graph's name
        ("numbness", "occurs_in", "lower leg", str(SPINE["body-part-lower-leg"])),
        ("muscle weakness", "occurs_in", "biceps", str(SPINE["muscle-biceps-brachii"])),
        ("disc herniation", "treated_by", "painkiller", str(SPINE["treatment-pain-medication"])),
        (
            "disc herniation",
            "treated_by",
            "McKenzie therapy",
            str(SPINE["treatment-mckenzie-method"]),
        ),
        # the annotation guide has one name for physical therapy, whatever the page calls it
        (
            "disc herniation",
            "treated_by",
            "physical therapy",
            str(SPINE["treatment-physical-therapy"]),
        ),
    } <= shown


def test_a_side_given_to_the_condition_a_list_signals_keeps_the_guides_words(
    tmp_path: Path,
) -> None:
    claims = _json_claims(
        tmp_path,
        "Call an ambulance if you have:\n"
        "- numbness in both legs\n"
        "- loss of bowel control\n"
        "These can be signs of cauda equina syndrome.\n",
    )
    sides = {
        (c["subject"]["label"], c["object"]["label"])
        for c in claims
        if c["relation"] == "affects_side"
    }
    assert sides == {("cauda equina syndrome", "both sides")}


def test_an_injury_that_causes_a_pinched_nerve_presses_on_nothing(pipeline: Pipeline) -> None:
    claims = _claims(pipeline, "An injury can cause a pinched nerve in the neck.")
    assert ("condition-injury", "causes", "condition-pinched-nerve", "possible") in claims
    assert not {c for c in claims if c[1] == "compresses"}


def test_a_shared_front_is_a_frame_not_an_adjective(pipeline: Pipeline) -> None:
    """A shared front of place words is a frame, not an adjective.

    The inner side of the leg and foot names the inner foot; the lower back and legs are not
    the lower legs.
    """
    claims = _claims(pipeline, "A slipped disc may cause pain in the lower back and legs.")
    assert ("finding-pain", "occurs_in", "body-part-leg", "possible") in claims
    assert not {c for c in claims if "body-part-lower-leg" in c}
    claims = _claims(pipeline, "Numbness is felt on the inner side of the leg and foot.")
    assert ("finding-numbness", "occurs_in", "skin-medial-foot", "asserted") in claims


def test_the_care_that_failed_is_the_kind_of_the_treatments_named_before(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Slipped disc\n\n"
        "Most slipped discs settle with massage and physiotherapy. If conservative care fails,"
        " a microdiscectomy may be offered.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    conservative = "kind-conservative"
    assert {
        ("treatment-massage", "treatment_kind", conservative, "asserted"),
        ("treatment-physical-therapy", "treatment_kind", conservative, "asserted"),
    } <= claims
    assert ("treatment-microdiscectomy", "treatment_kind", conservative, "asserted") not in claims


def test_a_condition_named_after_the_symptoms_is_not_whose_they_are(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Herniated disc in the upper back\n\n"
        "A herniated disc in the upper back is rare.\n\n"
        "Symptoms include back pain, sometimes spreading round the ribs after an injury.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert ("condition-disc-herniation", "has_symptom", "finding-back-pain", "asserted") in claims
    assert not {c for c in claims if c[0] == "condition-injury"}


def test_what_is_chosen_rather_than_a_treatment_denies_it(pipeline: Pipeline) -> None:
    claims = _claims(
        pipeline, "Cord compression calls for a surgical opinion rather than an injection."
    )
    assert (
        "condition-spinal-cord-compression",
        "treated_by",
        "treatment-injection",
        "negated",
    ) in claims
    assert not {c for c in claims if c[0] == "treatment-injection" and c[1] == "treatment_kind"}


def test_a_page_without_a_title_is_about_what_its_prose_sentences_open_on(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    """An opening that refers back names no topic; then what prose sentences open on does.

    The causes listed under "Causes are:" are causes of sciatica, not of the trapped nerve the
    opening compares it to; the explanation after an item's label lists nothing.
    """
    page = (
        "This condition is really a trapped nerve in the lower back.\n\n"
        "Causes are:\n"
        "- Slipped disc: the disc bulges and squeezes the nerve.\n"
        "- Arthritis: where bony growths press on the nerve, mostly due to wear and tear.\n\n"
        "Sciatica is best assessed by a trained clinician. Sciatica often settles.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert {
        ("condition-disc-herniation", "causes", "finding-sciatica", "asserted"),
        ("condition-arthritis", "causes", "finding-sciatica", "asserted"),
        ("condition-bone-spurs", "compresses", "spinal-nerve-root-unspecified", "asserted"),
    } <= claims
    assert not {c for c in claims if "condition-pinched-nerve" in c}
    assert not {c for c in claims if c[0] == "mechanism-age-related-wear-and-tear"}


def test_an_items_label_in_brackets_is_the_item_and_words_after_it_may_list_more(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Sciatica\n\nSciatica is leg pain.\n\nThe main causes are:\n"
        "- Forward slip (spondylolisthesis): one vertebra slides over the one below.\n\n"
        "Warning signs include:\n"
        "- Bladder changes: being unable to pass urine, or leaking urine.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert {
        ("condition-spondylolisthesis", "causes", "finding-sciatica", "asserted"),
        ("finding-sciatica", "has_symptom", "finding-urinary-retention", "asserted"),
        ("finding-sciatica", "has_symptom", "finding-urinary-incontinence", "asserted"),
    } <= claims


def test_warning_signs_of_two_conditions_are_signs_of_each_and_name_risk_factors(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    """A lead-in naming two conditions gives each item to both; an age or a history is a risk.

    "A high risk of" nerve damage in a lead-in of warning signs hedges its signs.
    """
    page = (
        "Back pain\n\nMost back pain is harmless.\n\n"
        "Warning signs that point to cancer or infection include:\n\n"
        "- Starting after the age of 55.\n"
        "- Aching night pain and pain when lying down.\n"
        "- A fever.\n\n"
        "Warning signs of a high risk of lasting nerve damage include:\n\n"
        "- Muscle wasting in the calf.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert {
        (f"finding-{finding}", condition)
        for condition in ("condition-spinal-cancer", "condition-spinal-infection")
        for finding in ("night-pain", "rest-pain", "fever")
    } <= {(c[2], c[0]) for c in claims if c[1] == "has_symptom" and c[3] == "asserted"}
    assert {
        ("risk-factor-age", "risk_factor_for", "condition-spinal-cancer", "asserted"),
        ("risk-factor-age", "risk_factor_for", "condition-spinal-infection", "asserted"),
        ("condition-nerve-damage", "has_symptom", "finding-muscle-atrophy", "possible"),
    } <= claims
    # "aching" describes the night pain: no pain of its own
    assert not {c for c in claims if c[2] == "finding-pain"}
    assert not {c for c in claims if c[0] == "condition-back-pain" or c[2] == "finding-back-pain"}


def test_the_guides_name_for_a_lost_reflex_and_the_graphs_name_within_the_pages_words(
    tmp_path: Path,
) -> None:
    claims = _json_claims(
        tmp_path,
        "Pinched nerve\n\nA pinched nerve hurts.\n\nIt can cause an absent ankle jerk. Put an"
        " ice pack on the neck to treat a pinched nerve. Treatment includes heating and rest.\n",
    )
    shown = {
        (c["relation"], c["object"]["label"], c["object"]["iri"].rsplit("/", 1)[-1]) for c in claims
    }
    assert ("causes", "diminished reflexes", "finding-absent-reflex") in shown
    assert ("treated_by", "ice", "treatment-ice") in shown
    assert ("treated_by", "heat", "treatment-heat") in shown  # what one does: its thing


def test_a_radiculopathy_the_page_names_by_the_roots_harm_is_shown_so(tmp_path: Path) -> None:
    claims = _json_claims(
        tmp_path,
        "L5 nerve root damage\n\nIt can cause weakness of the big toe. Physical therapy"
        " helps.\n\nL5 radiculopathy can also bring numbness on the top of the foot.\n",
    )
    shown = {(c["subject"]["label"], c["subject"]["iri"].rsplit("/", 1)[-1]) for c in claims}
    assert ("L5 nerve root compression", "radiculopathy-L5") in shown  # the topic, as named
    assert ("L5 radiculopathy", "radiculopathy-L5") in shown  # named so in its own sentence


def test_a_test_that_guides_an_injection_diagnoses_nothing(pipeline: Pipeline) -> None:
    claims = _claims(
        pipeline,
        "For a slipped disc, the doctor uses an X-ray to see the area and injects a steroid.",
    )
    assert not {c for c in claims if c[1] == "diagnosed_by"}
    claims = _claims(pipeline, "An X-ray can show a fracture.")
    assert ("condition-spinal-fracture", "diagnosed_by", "test-x-ray", "possible") in claims


def test_a_negation_ends_with_its_list_item(pipeline: Pipeline) -> None:
    """A negation ends with its list item; a plain list is denied whole."""

    def negated(text: str) -> dict[str, bool]:
        return {m.text: m.negated for _, ms in pipeline.sentences(text) for m in ms}

    item = negated("Being unable to pass urine without pain to warn you, or leaking urine.")
    assert item["pain"] and not item["leaking urine"] and not item["unable to pass urine"]
    assert all(negated("He has no numbness, tingling or weakness.").values())


def test_a_region_before_a_noun_for_a_place_is_not_the_topics_site(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    page = (
        "Slipped disc\n\nA slipped disc hurts.\n\n"
        "The thoracic spine moves less than any other area of the spine. Slipped discs are"
        " most common in the cervical spine and the lumbar spine.\n"
    )
    claims = _page(pipeline, tmp_path, page)
    assert {c for c in claims if c[1] == "occurs_in"} == {
        ("condition-disc-herniation", "occurs_in", "region-cervical", "asserted"),
        ("condition-disc-herniation", "occurs_in", "region-lumbar", "asserted"),
    }


def test_the_cached_lexicon_keeps_each_phrases_words_for_the_matcher(pipeline: Pipeline) -> None:
    """The cache holds each phrase's tokenized words, so start-up need not tokenize them."""
    again = Lexicon.loads(pipeline.lexicon.dumps())
    assert again.phrases == pipeline.lexicon.phrases
    assert again.phrase_words.keys() == pipeline.lexicon.phrases.keys()
    assert again.phrase_words["lhermitte's sign"] == ("lhermitte", "'s", "sign")
    assert all(again.words_of(phrase) == words_of(phrase) for phrase in again.phrases)


def test_the_lexicon_cache_key_follows_the_tokenizer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed tokenizer gives phrases other words: the cache built with the old one is stale."""
    inputs = Inputs.shipped(with_articles=False)
    before = vocabulary_key(inputs)
    changed = tmp_path / "tokens.py"
    changed.write_text(Path(tokens_module.__file__).read_text(encoding="utf-8") + "\n# changed\n")
    monkeypatch.setattr(tokens_module, "__file__", str(changed))
    assert vocabulary_key(inputs) != before
