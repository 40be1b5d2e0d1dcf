"""`spinekg check`: one report line per problem, with the place a curator has to edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from spinekg.check import inspect
from spinekg.cli import main
from spinekg.loaders import curated_path
from spinekg.ontology import ONTOLOGY_FILE
from spinekg.reason import ReasonerError, reason
from spinekg.sources import load_sources

MUSCLES = curated_path() / "muscles.tsv"


def _line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


def _ontology_with(tmp_path: Path, turtle: str) -> tuple[Path, int]:
    """A copy of the ontology with ``turtle`` appended; returns it and the first added line."""
    path = tmp_path / "spinekg.ttl"
    text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    path.write_text(text + turtle, encoding="utf-8")
    return path, text.count("\n") + 1 + (len(turtle) - len(turtle.lstrip("\n")))


def _report(*args: str) -> tuple[int, list[str]]:
    """Exit code and report lines, without the articles' INFO lines about unknown words."""
    result = CliRunner().invoke(main, ["check", *args])
    lines = [line for line in result.stdout.splitlines() if "text-unrecognised" not in line]
    return result.exit_code, lines


def test_the_curator_report_names_unknown_words_in_articles() -> None:
    result = CliRunner().invoke(main, ["check"])
    assert (
        'loaders/articles/conservative-care.md:16: INFO text-unrecognised: "therapist" not in '
        "the lexicon; did you mean 'therapies'?; closest: heat and cold therapy, medication, "
        "physical therapy"
    ) in result.stdout.splitlines()


def test_the_real_graph_passes() -> None:
    code, lines = _report()
    assert code == 0
    assert not [line for line in lines if " ERROR " in line]


def test_duplicated_label(curated_copy: Path) -> None:
    table = curated_copy / "muscles.tsv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("brachialis\tbrachialis\t", "brachialis\tbiceps brachii\t"))
    line = _line_of(table, "brachialis\t")
    code, lines = _report("--curated", str(curated_copy))
    assert code == 1
    assert lines == [
        f"{table}:{line}: ERROR duplicate-label: spine:muscle-brachialis rdfs:label "
        '"biceps brachii" (also spine:muscle-biceps-brachii)'
    ]


def test_disc_with_no_region(tmp_path: Path) -> None:
    ontology, line = _ontology_with(
        tmp_path,
        """
spine:disc-L6-S1 a owl:NamedIndividual , spine:IntervertebralDisc ;
    rdfs:label "L6-S1 disc" ;
    obo:IAO_0000115 "A transitional disc below a sixth lumbar vertebra." ;
    spine:liesBetween spine:vertebra-L5 , spine:vertebra-S1 .
""",
    )
    code, lines = _report("--ontology", str(ontology))
    assert code == 1
    assert lines == [
        f"{ontology}:{line}: ERROR disc-anatomy: spine:disc-L6-S1 spine:locatedInRegion "
        "(a disc belongs to exactly one spinal region)"
    ]


def test_claim_without_evidence(tmp_path: Path) -> None:
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
    code, lines = _report("--ontology", str(ontology))
    assert code == 1
    assert lines == [
        f"{ontology}:{line + 1}: ERROR claim-evidence: claim:unsupported spine:hasEvidence "
        "(a claim has at least one evidence record)"
    ]


def test_edge_without_claim_and_undeclared_muscle(tmp_path: Path) -> None:
    ontology, _ = _ontology_with(
        tmp_path,
        "\nspine:root-L5 spine:innervates spine:muscle-triceps-brachii ,"
        " spine:muscle-quadratus .\n",
    )
    roots = curated_path() / "nerve_roots.tsv"
    where = f"{roots.relative_to(Path.cwd())}:{_line_of(roots, 'L5')}"
    code, lines = _report("--ontology", str(ontology))
    assert code == 1
    assert lines == [
        f"{where}: ERROR edge-without-claim: spine:root-L5 spine:innervates spine:muscle-quadratus",
        f"{where}: ERROR edge-without-claim: spine:root-L5 spine:innervates "
        "spine:muscle-triceps-brachii",
        f"{where}: ERROR undeclared-reference: spine:root-L5 spine:innervates "
        "spine:muscle-quadratus",
    ]


def test_term_used_with_the_wrong_type(tmp_path: Path) -> None:
    ontology, _ = _ontology_with(
        tmp_path, "\nspine:muscle-deltoid spine:exitsAt spine:foramen-C4-C5 .\n"
    )
    where = f"{MUSCLES.relative_to(Path.cwd())}:{_line_of(MUSCLES, 'deltoid')}"
    code, lines = _report("--ontology", str(ontology))
    assert code == 1
    assert lines == [
        f"{where}: ERROR domain-violation: spine:muscle-deltoid spine:exitsAt spine:foramen-C4-C5",
        f"{where}: ERROR inconsistent-ontology: spine:muscle-deltoid rdf:type spine:Muscle and "
        "spine:NeuralStructure, which are disjoint",
    ]


def test_inconsistent_axiom(tmp_path: Path) -> None:
    ontology, _ = _ontology_with(tmp_path, "\nspine:Muscle rdfs:subClassOf spine:Vertebra .\n")
    line = _line_of(ontology, "spine:Muscle a owl:Class")
    code, lines = _report("--ontology", str(ontology))
    assert code == 1
    assert lines == [
        f"{ontology}:{line}: ERROR unsatisfiable-class: spine:Muscle rdfs:subClassOf "
        "spine:Muscle and spine:Vertebra, which are disjoint"
    ]


def test_turtle_typo_on_line_12(tmp_path: Path) -> None:
    ontology = tmp_path / "spinekg.ttl"
    lines = ONTOLOGY_FILE.read_text(encoding="utf-8").splitlines()
    lines[11] = "spine:Typo a owl:Class , ."
    ontology.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report = _report("--ontology", str(ontology))
    assert code == 1
    assert report == [f"{ontology}:12:13: ERROR syntax: Turtle syntax error: objectList expected"]


def test_label_whitespace_and_tsv_format(curated_copy: Path) -> None:
    table = curated_copy / "muscles.tsv"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("\tsoleus\t", "\tsoleus  muscle\t"))
    line = _line_of(table, "soleus\t")
    code, lines = _report("--curated", str(curated_copy), "--format", "tsv")
    assert code == 0, "a warning does not fail the check"
    assert lines == [
        "severity\tcheck\tentity\tproperty\tvalue\twhere",
        'WARN\tlabel-whitespace\tspine:muscle-soleus\trdfs:label\t"soleus  muscle"\t'
        f"{table}:{line}",
    ]


def test_build_stops_on_an_error_and_keeps_the_release(tmp_path: Path) -> None:
    ontology, _ = _ontology_with(tmp_path, "\nspine:Muscle rdfs:subClassOf spine:Vertebra .\n")
    out = tmp_path / "dist"
    out.mkdir()
    (out / "spinekg.nq").write_text("previous release\n")
    result = CliRunner().invoke(main, ["build", "--out", str(out), "--ontology", str(ontology)])
    assert result.exit_code == 1
    assert "ERROR unsatisfiable-class: spine:Muscle" in result.stderr
    assert "1 error(s); nothing was built" in result.stderr
    assert [p.name for p in out.iterdir()] == ["spinekg.nq"]


def test_missing_java_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = load_sources()
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.delenv("JAVA_EXE", raising=False)
    with pytest.raises(ReasonerError, match=r"Java is needed .* install a Java runtime"):
        reason(sources.graphs)


def test_inspect_reports_syntax_instead_of_raising(curated_copy: Path) -> None:
    table = curated_copy / "muscle_roots.tsv"
    table.write_text(table.read_text(encoding="utf-8").replace("\tL5\t", "\tC9\t", 1))
    results = inspect(curated_copy)
    assert [(r.severity, r.check) for r in results.results] == [("ERROR", "syntax")]
    assert "unknown root 'C9'" in results.results[0].value


def test_invalid_xref_deprecated_reference_and_builtin_misuse(tmp_path: Path) -> None:
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
    code, lines = _report("--ontology", str(ontology))
    sign = _line_of(ontology, "spine:Sign a owl:Class")
    assert code == 1
    assert lines == [
        f'{ontology}:{line + 6}: ERROR builtin-vocabulary: owl:Thing rdfs:label "thing"',
        f"{ontology}:{sign}: ERROR deprecated-reference: spine:Sign rdfs:subClassOf "
        "spine:OldFinding",
        f"{ontology}:{sign}: ERROR invalid-xref: spine:Sign skos:exactMatch HP:12",
    ]
