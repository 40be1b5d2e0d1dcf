"""`spinekg check`: one report line per problem, with the place a curator has to edit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from spinekg.cli import main
from spinekg.kernel.processes import remove_abandoned
from spinekg.ontology import ONTOLOGY_FILE
from spinekg.pipeline.build import check_inputs
from spinekg.pipeline.load import Inputs, load
from spinekg.pipeline.reason import ReasonerError, reason
from tests.servers import alive, children


def _line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


def _append_fact(tiny: Inputs, row: str) -> tuple[Path, int]:
    """Add a row to the tiny world's clinical_facts.tsv; returns the table and the row's line."""
    facts = tiny.curated / "clinical_facts.tsv"
    with facts.open("a", encoding="utf-8") as table:
        table.write(row + "\n")
    return facts, len(facts.read_text(encoding="utf-8").splitlines())


def _ontology_with(tmp_path: Path, turtle: str) -> tuple[Path, int]:
    """A copy of the ontology with ``turtle`` appended; returns it and the first added line."""
    path = tmp_path / "spinekg.ttl"
    text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    path.write_text(text + turtle, encoding="utf-8")
    return path, text.count("\n") + 1 + (len(turtle) - len(turtle.lstrip("\n")))


def _report(tiny: Inputs, *args: str) -> tuple[int, list[str]]:
    """Exit code and report lines of `spinekg check` on the tiny world, without INFO lines."""
    where = ["--curated", str(tiny.curated), "--articles", str(tiny.articles[0])]
    result = CliRunner().invoke(main, ["check", *where, *args])
    lines = [line for line in result.stdout.splitlines() if "text-unrecognised" not in line]
    return result.exit_code, lines


def test_the_curator_report_names_unknown_words_in_articles(tiny: Inputs) -> None:
    article = tiny.articles[0] / "lumbar-herniation-basics.md"
    line = _line_of(article, "Conservative care is tried first")
    result = CliRunner().invoke(
        main, ["check", "--curated", str(tiny.curated), "--articles", str(tiny.articles[0])]
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f'{article}:{line}: INFO text-unrecognised: "physiotherapyst" not in the lexicon; '
        "did you mean 'physiotherapy'?; closest: physical therapy"
    ]
    assert result.stderr == "0 errors, 0 warnings, 1 infos\n"


def test_the_real_graph_passes(release: Path) -> None:
    """The session's release was built from the shipped files, which needs every check to pass."""
    manifest = json.loads((release / "manifest.json").read_text())
    assert manifest["checks"].startswith("0 errors, 0 warnings, ")
    assert manifest["inferred"]["triples"] > 3000


def test_duplicated_label(tiny: Inputs) -> None:
    table = tiny.curated / "muscles.tsv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("\tsoleus\t", "\tgastrocnemius\t"))
    line = _line_of(table, "soleus\t")
    code, lines = _report(tiny)
    assert code == 1
    assert lines == [
        f"{table}:{line}: ERROR duplicate-label: spine:muscle-soleus rdfs:label "
        '"gastrocnemius" (also spine:muscle-gastrocnemius)'
    ]


def test_disc_with_no_region(tmp_path: Path, tiny: Inputs) -> None:
    ontology, line = _ontology_with(
        tmp_path,
        """
spine:disc-L6-S1 a owl:NamedIndividual , spine:IntervertebralDisc ;
    rdfs:label "L6-S1 disc" ;
    obo:IAO_0000115 "A transitional disc below a sixth lumbar vertebra." ;
    spine:liesBetween spine:vertebra-L5 , spine:vertebra-S1 .
""",
    )
    code, lines = _report(tiny, "--ontology", str(ontology))
    assert code == 1
    assert lines == [
        f"{ontology}:{line}: ERROR disc-anatomy: spine:disc-L6-S1 spine:locatedInRegion "
        "(a disc belongs to exactly one spinal region)"
    ]


def test_claim_without_evidence(tmp_path: Path, tiny: Inputs) -> None:
    ontology, line = _ontology_with(
        tmp_path,
        """
@prefix claim: <https://w3id.org/spinekg/claim/> .
claim:unsupported a spine:Claim ;
    spine:claimSubject spine:root-L5 ;
    spine:claimPredicate spine:innervates ;
    spine:claimObject spine:muscle-tibialis-anterior ;
    spine:hasModality spine:modality-asserted .
""",
    )
    code, lines = _report(tiny, "--ontology", str(ontology))
    assert code == 1
    assert lines == [
        f"{ontology}:{line + 1}: ERROR claim-evidence: claim:unsupported spine:hasEvidence "
        "(a claim has at least one evidence record)"
    ]


def test_a_class_at_either_end_of_a_claim(tmp_path: Path, tiny: Inputs) -> None:
    ontology, line = _ontology_with(
        tmp_path,
        """
@prefix claim: <https://w3id.org/spinekg/claim/> .
@prefix evidence: <https://w3id.org/spinekg/evidence/> .
claim:punned a spine:Claim ;
    spine:claimSubject spine:condition-disc-herniation ;
    spine:claimPredicate spine:compresses ;
    spine:claimObject spine:SpinalNerveRoot ;
    spine:hasModality spine:modality-asserted ;
    spine:hasEvidence evidence:punned .
evidence:punned a spine:Evidence ; spine:fromSource spine:source-S2 ;
    spine:locator "Pathophysiology" .
""",
    )
    code, lines = _report(tiny, "--ontology", str(ontology))
    assert code == 1
    assert (
        f"{ontology}:{line + 2}: ERROR class-as-individual: claim:punned spine:claimObject "
        "spine:SpinalNerveRoot"
    ) in lines


def test_edge_without_claim_and_undeclared_muscle(tmp_path: Path, tiny: Inputs) -> None:
    ontology, _ = _ontology_with(
        tmp_path,
        "\nspine:root-L5 spine:innervates spine:muscle-soleus , spine:muscle-quadratus .\n",
    )
    roots = tiny.curated / "nerve_roots.tsv"
    where = f"{roots}:{_line_of(roots, 'L5')}"
    code, lines = _report(tiny, "--ontology", str(ontology))
    assert code == 1
    assert lines == [
        f"{where}: ERROR edge-without-claim: spine:root-L5 spine:innervates spine:muscle-quadratus",
        f"{where}: ERROR edge-without-claim: spine:root-L5 spine:innervates spine:muscle-soleus",
        f"{where}: ERROR undeclared-reference: spine:root-L5 spine:innervates "
        "spine:muscle-quadratus",
    ]


def test_term_used_with_the_wrong_type(tmp_path: Path, tiny: Inputs) -> None:
    ontology, _ = _ontology_with(
        tmp_path, "\nspine:muscle-soleus spine:exitsAt spine:foramen-L4-L5 .\n"
    )
    muscles = tiny.curated / "muscles.tsv"
    where = f"{muscles}:{_line_of(muscles, 'soleus')}"
    code, lines = _report(tiny, "--ontology", str(ontology))
    assert code == 1
    assert lines == [
        f"{where}: ERROR domain-violation: spine:muscle-soleus spine:exitsAt spine:foramen-L4-L5",
        f"{where}: ERROR inconsistent-ontology: spine:muscle-soleus rdf:type spine:Muscle and "
        "spine:NeuralStructure, which are disjoint",
    ]


def test_inconsistent_axiom(tmp_path: Path, tiny: Inputs) -> None:
    ontology, _ = _ontology_with(tmp_path, "\nspine:Muscle rdfs:subClassOf spine:Vertebra .\n")
    line = _line_of(ontology, "spine:Muscle a owl:Class")
    code, lines = _report(tiny, "--ontology", str(ontology))
    assert code == 1
    assert lines == [
        f"{ontology}:{line}: ERROR unsatisfiable-class: spine:Muscle rdfs:subClassOf "
        "spine:Muscle and spine:Vertebra, which are disjoint"
    ]


def test_turtle_typo_on_line_12(tmp_path: Path, tiny: Inputs) -> None:
    ontology = tmp_path / "spinekg.ttl"
    lines = ONTOLOGY_FILE.read_text(encoding="utf-8").splitlines()
    lines[11] = "spine:Typo a owl:Class , ."
    ontology.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report = _report(tiny, "--ontology", str(ontology))
    assert code == 1
    assert report == [
        f"{ontology}:12:26: ERROR syntax: Turtle syntax error: . is not a valid RDF object"
    ]


def test_label_whitespace_and_tsv_format(tiny: Inputs) -> None:
    table = tiny.curated / "muscles.tsv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("\tsoleus\t", "\tsoleus  muscle\t"))
    line = _line_of(table, "soleus\t")
    code, lines = _report(tiny, "--format", "tsv")
    assert code == 0, "a warning does not fail the check"
    assert lines == [
        "severity\tcheck\tentity\tproperty\tvalue\twhere",
        'WARN\tlabel-whitespace\tspine:muscle-soleus\trdfs:label\t"soleus  muscle"\t'
        f"{table}:{line}",
    ]


def test_build_stops_on_an_error_and_keeps_the_release(tmp_path: Path, tiny: Inputs) -> None:
    ontology, _ = _ontology_with(tmp_path, "\nspine:Muscle rdfs:subClassOf spine:Vertebra .\n")
    out = tmp_path / "dist"
    out.mkdir()
    (out / "spinekg.nq").write_text("previous release\n")
    (out / "manifest.json").write_text('{"name": "spinekg"}\n')
    where = ["--curated", str(tiny.curated), "--articles", str(tiny.articles[0])]
    result = CliRunner().invoke(
        main, ["build", "--out", str(out), "--ontology", str(ontology), *where]
    )
    assert result.exit_code == 1
    assert "ERROR unsatisfiable-class: spine:Muscle" in result.stderr
    assert "1 error(s); nothing was built" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "spinekg.nq"]


def test_missing_java_is_explained(monkeypatch: pytest.MonkeyPatch, tiny: Inputs) -> None:
    loaded = load(tiny)
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.delenv("JAVA_EXE", raising=False)
    with pytest.raises(ReasonerError, match=r"Java is needed .* install a Java runtime"):
        reason(loaded.graphs)


def test_check_reports_syntax_instead_of_raising(tiny: Inputs) -> None:
    table = tiny.curated / "muscle_roots.tsv"
    table.write_text(table.read_text(encoding="utf-8").replace("\tL5\t", "\tC9\t", 1))
    line = _line_of(table, next(x for x in table.read_text().splitlines() if "\tC9\t" in x))
    checked = check_inputs(tiny)
    assert [str(r) for r in checked.results] == [
        f"{table}:{line}:2: ERROR syntax: unknown root 'C9'; expected an id from nerve_roots.tsv"
    ]
    assert checked.loaded is None


def test_invalid_xref_deprecated_reference_and_builtin_misuse(tmp_path: Path, tiny: Inputs) -> None:
    ontology, line = _ontology_with(
        tmp_path,
        """
spine:OldFinding a owl:Class ;
    rdfs:label "old finding" ;
    obo:IAO_0000115 "A finding class replaced by ClinicalFinding." ;
    owl:deprecated true .
spine:Sign rdfs:subClassOf spine:OldFinding ;
    skos:exactMatch <http://purl.obolibrary.org/obo/HP_12> .
owl:Thing rdfs:label "thing" .
""",
    )
    code, lines = _report(tiny, "--ontology", str(ontology))
    sign = _line_of(ontology, "spine:Sign a owl:Class")
    assert code == 1
    assert lines == [
        f'{ontology}:{line + 6}: ERROR builtin-vocabulary: owl:Thing rdfs:label "thing"',
        f"{ontology}:{sign}: ERROR deprecated-reference: spine:Sign rdfs:subClassOf "
        "spine:OldFinding",
        f"{ontology}:{sign}: ERROR invalid-xref: spine:Sign skos:exactMatch HP:12",
    ]


def test_a_loop_in_a_transitive_property_is_an_error_at_each_row(tiny: Inputs) -> None:
    facts, loop_row = _append_fact(
        tiny, "surgery\ttried_before\tconservative-care\tasserted\tS3\tS3: Treatment\t"
    )
    forward_row = _line_of(facts, "conservative-care\ttried_before\tsurgery\t")
    to_injection_row = _line_of(facts, "conservative-care\ttried_before\tepidural-steroid-inj")
    injection_row = _line_of(facts, "epidural-steroid-injection\ttried_before\tsurgery\t")
    parts = tiny.curated / "body_parts.tsv"
    body_row = _line_of(parts, "body\twhole body\t")
    lines = parts.read_text(encoding="utf-8").splitlines()
    lines[body_row - 1] = lines[body_row - 1].replace("whole body\t\t\t", "whole body\t\tback\t")
    parts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    back_row, trunk_row = _line_of(parts, "back\tback\t"), _line_of(parts, "trunk\ttrunk\t")
    code, report = _report(tiny)
    cycles = [line for line in report if "ERROR cycle" in line]
    assert code == 1
    assert cycles == [
        f"{parts}:{back_row}: ERROR cycle: spine:body-part-back spine:partOf "
        "spine:body-part-trunk (loop: spine:body-part-back -> spine:body-part-trunk -> "
        "spine:body-part-body -> spine:body-part-back)",
        f"{parts}:{body_row}: ERROR cycle: spine:body-part-body spine:partOf "
        "spine:body-part-back (loop: spine:body-part-body -> spine:body-part-back -> "
        "spine:body-part-trunk -> spine:body-part-body)",
        f"{parts}:{trunk_row}: ERROR cycle: spine:body-part-trunk spine:partOf "
        "spine:body-part-body (loop: spine:body-part-trunk -> spine:body-part-body -> "
        "spine:body-part-back -> spine:body-part-trunk)",
        f"{facts}:{to_injection_row}: ERROR cycle: spine:treatment-conservative-care "
        "spine:triedBefore spine:treatment-epidural-steroid-injection (loop: "
        "spine:treatment-conservative-care -> spine:treatment-epidural-steroid-injection -> "
        "spine:treatment-surgery -> spine:treatment-conservative-care)",
        f"{facts}:{forward_row}: ERROR cycle: spine:treatment-conservative-care "
        "spine:triedBefore spine:treatment-surgery (loop: spine:treatment-conservative-care "
        "-> spine:treatment-surgery -> spine:treatment-conservative-care)",
        f"{facts}:{injection_row}: ERROR cycle: spine:treatment-epidural-steroid-injection "
        "spine:triedBefore spine:treatment-surgery (loop: "
        "spine:treatment-epidural-steroid-injection -> spine:treatment-surgery -> "
        "spine:treatment-conservative-care -> spine:treatment-epidural-steroid-injection)",
        f"{facts}:{loop_row}: ERROR cycle: spine:treatment-surgery spine:triedBefore "
        "spine:treatment-conservative-care (loop: spine:treatment-surgery -> "
        "spine:treatment-conservative-care -> spine:treatment-surgery)",
    ]


def test_an_inconsistent_build_leaves_no_temporary_file(
    tmp_path: Path, tiny: Inputs, monkeypatch: pytest.MonkeyPatch
) -> None:
    ontology, _ = _ontology_with(
        tmp_path, "\nspine:muscle-soleus spine:exitsAt spine:foramen-L4-L5 .\n"
    )
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    code, lines = _report(tiny, "--ontology", str(ontology))
    assert code == 1
    assert any("ERROR inconsistent-ontology" in line for line in lines)
    assert list(temporary.iterdir()) == []


def test_a_killed_build_leaves_no_reasoner_running(tmp_path: Path, tiny: Inputs) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    where = ["--curated", str(tiny.curated), "--articles", str(tiny.articles[0])]
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "spinekg",
            "build",
            "--no-cache",
            "--out",
            str(tmp_path / "dist"),
            *where,
        ],
        env={**os.environ, "TMPDIR": str(temporary)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    java: list[int] = []
    while not java and build.poll() is None and time.monotonic() < deadline:
        java = [pid for pid in children(build.pid) if "java" in _command_of(pid)]
        time.sleep(0.05)
    assert java, "the build reached the reasoner"
    build.kill()
    build.wait()
    deadline = time.monotonic() + 10
    while alive(java[0]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(java[0])
    (left,) = temporary.iterdir()
    assert left.name.startswith(f"spinekg-reason-{build.pid}-")
    remove_abandoned(temporary, "spinekg-reason-")  # what the next build does first
    assert list(temporary.iterdir()) == []


def _command_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    except OSError:
        return ""


def test_a_misspelt_owl_term_is_one_error_where_it_is_written(tmp_path: Path, tiny: Inputs) -> None:
    ontology = tmp_path / "spinekg.ttl"
    text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    ontology.write_text(text.replace("spine:Muscle a owl:Class", "spine:Muscle a owl:Clas", 1))
    line = _line_of(ontology, "spine:Muscle a owl:Clas")
    code, lines = _report(tiny, "--ontology", str(ontology))
    assert code == 1
    assert lines == [
        f"{ontology}:{line}: ERROR unknown-builtin-term: spine:Muscle rdf:type owl:Clas"
    ]


def test_a_kind_ordered_before_its_own_member_is_an_error_at_its_row(tiny: Inputs) -> None:
    facts, row = _append_fact(
        tiny, "conservative-care\ttried_before\texercise\tasserted\tS3\tS3: Treatment\t"
    )
    code, report = _report(tiny)
    assert code == 1
    assert [line for line in report if "order-within-kind" in line] == [
        f"{facts}:{row}: ERROR order-within-kind: spine:treatment-conservative-care "
        "spine:triedBefore spine:treatment-exercise (spine:treatment-exercise -> "
        "spine:treatment-physical-therapy -> spine:treatment-conservative-care by "
        "skos:broader: a member of a kind is that kind)"
    ]
