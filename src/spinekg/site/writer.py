"""Write the static site of a release: gather each page's answer, draw, render, swap in.

The site is written to a new folder beside ``out`` and put in its place only when every page
is written, so a failed run leaves the previous site as it was.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from importlib.resources import files
from pathlib import Path, PurePosixPath

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from spinekg.kernel.errors import QueryError, SpineKGError
from spinekg.kernel.namespaces import BASE, curie
from spinekg.kernel.release_files import SITE_MARKER
from spinekg.queries import load_catalog
from spinekg.querying.catalog import Row, rows, run
from spinekg.querying.diagrams import DiagramError, explanation_diagram, write_svgs
from spinekg.querying.explain import Explanation, explain
from spinekg.querying.results import render
from spinekg.querying.runner import Runner, solutions

__all__ = ["SiteSummary", "write_site"]

#: The index's sections, in order: (title, folder, class whose members it lists).
SECTIONS = (
    ("Herniation scenarios", "herniation", "HerniationScenario"),
    ("Nerve roots", "root", "SpinalNerveRoot"),
    ("Conditions", "condition", "Condition"),
    ("Findings: symptoms, signs and red flags", "finding", "ClinicalFinding"),
    ("Treatments", "treatment", "Treatment"),
    ("Muscles", "muscle", "Muscle"),
    ("Movements", "movement", "Movement"),
    ("Skin areas", "skin", "SkinArea"),
    ("Reflexes", "reflex", "DeepTendonReflex"),
    ("Mechanisms", "mechanism", "Mechanism"),
    ("Diagnostic tests", "test", "DiagnosticTest"),
    ("Risk factors", "risk", "RiskFactor"),
    ("Sources", "source", "SourceDocument"),
    ("Anatomy and other entities", "entity", "AnatomicalEntity"),
)
_PREFIXES = """PREFIX spine: <https://w3id.org/spinekg/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX obo: <http://purl.obolibrary.org/obo/>
"""
#: Every named entity but claims and evidence records, with its label and the sections it is
#: in (by its classes and their superclasses).
_ENTITIES = (
    _PREFIXES
    + """SELECT ?entity ?label ?section WHERE {
  ?entity a owl:NamedIndividual ; rdfs:label ?label .
  FILTER NOT EXISTS { ?entity a spine:Claim } FILTER NOT EXISTS { ?entity a spine:Evidence }
  FILTER(STRSTARTS(STR(?entity), STR(spine:)))
  OPTIONAL { ?entity a/rdfs:subClassOf* ?class . FILTER(STRSTARTS(STR(?class), STR(spine:)))
             BIND(STRAFTER(STR(?class), STR(spine:)) AS ?section) }
}"""
)
#: The other names of every entity (exact synonyms and notations), for the search.
_OTHER_NAMES = (
    _PREFIXES
    + """PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
SELECT ?entity ?name WHERE {
  { ?entity oboInOwl:hasExactSynonym ?name } UNION { ?entity skos:notation ?name }
  FILTER(STRSTARTS(STR(?entity), STR(spine:)))
} ORDER BY ?entity LCASE(STR(?name))"""
)
#: The disc and zone of every herniation scenario, which ``explain`` takes.
_SCENARIOS = (
    _PREFIXES
    + """SELECT ?scenario ?disc ?zone WHERE {
  ?scenario a spine:HerniationScenario ; spine:atDisc ?disc ; spine:inZone ?zone .
}"""
)
#: What a nerve root innervates, supplies and mediates, and the lesions that compress it.
_ROOT = (
    _PREFIXES
    + """SELECT ?relation ?target ?targetLabel ?principal WHERE {
  { ?root spine:innervates ?target . BIND("muscle" AS ?relation)
    BIND(IF(EXISTS { ?root spine:principallyInnervates ?target }, "principal", "") AS ?principal)
  } UNION {
    ?root spine:supplies ?target . BIND("skin" AS ?relation)
    BIND(IF(EXISTS { ?target a spine:KeySensoryPoint }, "key sensory point", "") AS ?principal)
  } UNION {
    ?root spine:mediates ?target . BIND("reflex" AS ?relation)
    BIND(IF(EXISTS { ?root spine:principallyMediates ?target }, "principal", "") AS ?principal)
  } UNION {
    ?target spine:compresses ?root ; a spine:HerniationScenario . BIND("lesion" AS ?relation)
    BIND(IF(EXISTS { ?target spine:principallyCompresses ?root }, "principal", "") AS ?principal)
  }
  ?target rdfs:label ?targetLabel .
} ORDER BY ?relation DESC(?principal) ?targetLabel"""
)
#: What the graph states with an entity as the object (``claims_about`` gives the subject side).
_CLAIMS_TO = (
    _PREFIXES
    + """SELECT ?subject ?subjectLabel ?predicateLabel ?modality
       (GROUP_CONCAT(DISTINCT ?sourceLabel; separator="; ") AS ?sources) WHERE {
  { SELECT DISTINCT * WHERE {
    ?claim spine:claimObject ?object ; spine:claimSubject ?subject ;
           spine:claimPredicate ?predicate ; spine:hasModality ?m ; spine:hasEvidence ?evidence .
    ?evidence spine:fromSource/rdfs:label ?sourceLabel .
    ?subject rdfs:label ?subjectLabel . ?predicate rdfs:label ?predicateLabel .
    BIND(STRAFTER(STR(?m), "modality-") AS ?modality)
  } ORDER BY ?sourceLabel }
} GROUP BY ?subject ?subjectLabel ?predicateLabel ?modality
ORDER BY ?predicateLabel ?subjectLabel"""
)
#: The ontology's classes and properties.
_ONTOLOGY = (
    _PREFIXES
    + """SELECT ?term ?kind ?label ?definition
       (SUBSTR(GROUP_CONCAT(DISTINCT IF(BOUND(?parentLabel), CONCAT("; ", ?parentLabel), "");
                            separator=""), 3) AS ?parents)
       (SAMPLE(?domainLabel) AS ?domain) (SAMPLE(?rangeLabel) AS ?range) WHERE {
  { ?term a owl:Class . BIND("class" AS ?kind)
    OPTIONAL { ?term rdfs:subClassOf ?parent . ?parent rdfs:label ?parentLabel } }
  UNION { ?term a owl:ObjectProperty . BIND("object property" AS ?kind) }
  UNION { ?term a owl:DatatypeProperty . BIND("data property" AS ?kind) }
  UNION { ?term a owl:AnnotationProperty . BIND("annotation property" AS ?kind) }
  FILTER(STRSTARTS(STR(?term), STR(spine:)))
  ?term rdfs:label ?label .
  OPTIONAL { ?term obo:IAO_0000115 ?definition }
  OPTIONAL { ?term rdfs:domain/rdfs:label ?domainLabel }
  OPTIONAL { ?term rdfs:range/rdfs:label ?rangeLabel }
} GROUP BY ?term ?kind ?label ?definition ORDER BY ?kind LCASE(?label)"""
)


#: The file that marks a folder as a spinekg site, which a new site may replace.
MARKER = SITE_MARKER


class SiteError(SpineKGError):
    """The site cannot be written where asked."""


@dataclass(frozen=True)
class SiteSummary:
    """What ``write_site`` wrote."""

    out: Path
    pages: int
    diagrams: int
    #: why no diagram was drawn (Graphviz missing), or None
    without_diagrams: str | None = None


@dataclass
class _Entity:
    iri: str
    label: str
    sections: set[str] = field(default_factory=set)
    path: str = ""
    #: synonyms and notations, which the search finds it by too
    other_names: list[str] = field(default_factory=list)


@dataclass
class _Site:
    """Every page's path, by entity IRI, and the links between them."""

    entities: dict[str, _Entity]

    def href(self, iri: str, here: str) -> str | None:
        """A link from the page at ``here`` to the page of ``iri`` (None: it has none)."""
        entity = self.entities.get(iri)
        if entity is None:
            return None
        return _relative(entity.path, here)


def _relative(target: str, here: str) -> str:
    depth = len(PurePosixPath(here).parts) - 1
    return "../" * depth + target


def _slug(iri: str) -> str:
    local = iri[len(BASE) :] if iri.startswith(BASE) else iri
    return re.sub(r"[^A-Za-z0-9._-]+", "_", local) or "_"


def _split(value: str) -> list[str]:
    return [v for v in value.split("; ") if v]


def write_site(
    runner: Runner,
    out: Path,
    *,
    sparql_page: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> SiteSummary:
    """Write the site of the release ``runner`` answers from to ``out``.

    ``sparql_page`` is a page where SPARQL can be asked (``spinekg serve``'s query page),
    linked from every page when given.

    :raises SiteError: when ``out`` cannot be written (the previous site stays as it was).
    """
    out = Path(out)
    if out.exists() and not (out.is_dir() and (not any(out.iterdir()) or (out / MARKER).is_file())):
        raise SiteError(
            f"{out} is not a spinekg site (it has no {MARKER}): give a new or empty folder, "
            "or the folder of an earlier site, which is replaced"
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    except OSError as exc:
        raise SiteError(f"cannot write the site to {out}: {exc.strerror or exc}") from None
    try:
        summary = _write(runner, work, sparql_page, progress or (lambda _m: None))
        if out.exists():
            old = out.with_name(f".{out.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(out, old)
            os.replace(work, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(work, out)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise SiteError(f"cannot write the site to {out}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return SiteSummary(out, summary.pages, summary.diagrams, summary.without_diagrams)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("spinekg.site", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["curie"] = curie
    return env


def _entities(runner: Runner) -> _Site:
    entities: dict[str, _Entity] = {}
    for s in solutions(runner, _ENTITIES):
        iri = s["entity"].value
        entity = entities.setdefault(iri, _Entity(iri, s["label"].value))
        if s["section"] is not None:
            entity.sections.add(s["section"].value)
    for s in solutions(runner, _OTHER_NAMES):
        named = entities.get(s["entity"].value)
        if named is not None and s["name"].value not in (named.label, *named.other_names):
            named.other_names.append(s["name"].value)
    taken: set[str] = set()
    for entity in entities.values():
        folder = next((f for _t, f, c in SECTIONS if c in entity.sections), "entity")
        path, n = f"{folder}/{_slug(entity.iri)}.html", 1
        while path in taken:  # two IRIs with the same slug
            n += 1
            path = f"{folder}/{_slug(entity.iri)}-{n}.html"
        taken.add(path)
        entity.path = path
    return _Site(entities)


def _write(
    runner: Runner, work: Path, sparql_page: str | None, progress: Callable[[str], None]
) -> SiteSummary:
    env = _environment()
    site = _entities(runner)
    pages = 0

    def page(template: str, path: str, **context: object) -> None:
        nonlocal pages
        target = work / path
        target.parent.mkdir(parents=True, exist_ok=True)
        html = env.get_template(template).render(
            up=_relative("", path), here=path, sparql_page=sparql_page, **context
        )
        target.write_text(html, encoding="utf-8")
        pages += 1

    scenarios = sorted(
        (e for e in site.entities.values() if "HerniationScenario" in e.sections),
        key=lambda e: _level_key(e.label),
    )
    progress(f"{len(scenarios)} herniation scenarios")
    where = {
        s["scenario"].value: (s["disc"].value, s["zone"].value)
        for s in solutions(runner, _SCENARIOS)
    }
    answers: dict[str, Explanation] = {}
    for entity in scenarios:
        if entity.iri not in where:
            raise QueryError(f"the herniation scenario {entity.iri} has no disc or zone")
        answers[entity.iri] = explain(runner, *where[entity.iri])
    diagrams = {
        work / f"{e.path[: -len('.html')]}.svg": explanation_diagram(
            answers[e.iri], partial(site.href, here=e.path)
        )
        for e in scenarios
    }
    without: str | None = None
    try:
        write_svgs(diagrams)
    except DiagramError as exc:
        without = str(exc)
    for entity in scenarios:
        svg_path = work / f"{entity.path[: -len('.html')]}.svg"
        svg = svg_path.read_text(encoding="utf-8") if svg_path.exists() else None
        if svg is not None:
            svg_path.unlink()  # drawn inline, so its links work
        page(
            "scenario.html",
            entity.path,
            entity=entity,
            answer=answers[entity.iri],
            svg=_inline(svg) if svg else None,
            without_diagram=without,
            link=site.href,
            codes=rows(runner, "codes", entity=ox.NamedNode(entity.iri)),
        )
    progress("nerve roots, entities, ontology, query catalog")
    disputes = {(r["muscle"], r["root"]): r for r in rows(runner, "disputed_innervation")}
    for entity in site.entities.values():
        if entity.iri in answers:
            continue
        details = _details(runner, entity, disputes, site)
        template = "root.html" if "SpinalNerveRoot" in entity.sections else "entity.html"
        page(template, entity.path, entity=entity, link=site.href, **details)
    page("ontology.html", "ontology.html", terms=_select(runner, _ONTOLOGY))
    page("queries.html", "queries.html", queries=_catalog(runner))
    sections = [
        (
            title,
            folder,
            sorted(
                (e for e in site.entities.values() if e.path.startswith(f"{folder}/")),
                key=lambda e: _level_key(e.label),
            ),
        )
        for title, folder, _cls in SECTIONS
    ]
    page("index.html", "index.html", sections=sections, scenarios=len(scenarios))
    page("search.html", "search.html")
    _write_static(work, site)
    (work / MARKER).write_text(
        json.dumps({"site": "spinekg", "pages": pages, "entities": len(site.entities)}) + "\n",
        encoding="utf-8",
    )
    return SiteSummary(work, pages, 0 if without else len(diagrams), without)


@dataclass(frozen=True)
class _MuscleRoot:
    """A root that innervates a muscle, and what the sources say of it."""

    root: str
    label: str
    principal: bool
    #: the sources give different roots for this muscle, and not all give this one
    disputed: bool
    note: str
    sources: str
    #: the herniations that could weaken the muscle through this root: (IRI or None, label)
    herniations: tuple[tuple[str | None, str], ...]


def _muscle_roots(
    runner: Runner, node: ox.NamedNode, disputes: dict[tuple[str, str], Row], site: _Site
) -> list[_MuscleRoot]:
    """``roots_of_muscle`` with the notes of ``disputed_innervation``, sources side by side."""
    by_label = {e.label: e.iri for e in site.entities.values()}
    found = []
    for r in rows(runner, "roots_of_muscle", muscle=node):
        dispute = disputes.get((node.value, r["root"]), {})
        found.append(
            _MuscleRoot(
                r["root"],
                r["rootLabel"],
                r["principal"] == "true",
                r["disputed"] == "true",
                dispute.get("note", ""),
                dispute.get("sources", ""),
                tuple((by_label.get(h), h) for h in _split(r.get("herniations", ""))),
            )
        )
    return found


def _details(
    runner: Runner, entity: _Entity, disputes: dict[tuple[str, str], Row], site: _Site
) -> dict[str, object]:
    node = ox.NamedNode(entity.iri)
    described = rows(runner, "describe", entity=node)
    claims = rows(runner, "claims_about", subject=node)
    details: dict[str, object] = {
        "described": described[0] if described else {},
        "synonyms": _split(described[0].get("synonyms", "")) if described else [],
        "broader": _split(described[0].get("broaderLabel", "")) if described else [],
        "codes": rows(runner, "codes", entity=node),
        "claims": _claim_groups(claims),
        "claims_to": _select(runner, _CLAIMS_TO.replace("?object", f"<{entity.iri}>")),
        "muscle_roots": (
            _muscle_roots(runner, node, disputes, site) if "Muscle" in entity.sections else []
        ),
    }
    if "SpinalNerveRoot" in entity.sections:
        found = _select(runner, _ROOT.replace("?root", f"<{entity.iri}>"))
        details["root"] = {
            k: [r for r in found if r["relation"] == k]
            for k in ("muscle", "skin", "reflex", "lesion")
        }
    return details


def _select(runner: Runner, sparql: str) -> list[Row]:
    answer = solutions(runner, sparql)
    names = [v.value for v in answer.variables]
    return [{n: t.value for n in names if (t := s[n]) is not None} for s in answer]


@dataclass(frozen=True)
class _ClaimGroup:
    """The claims of one predicate; ``differ`` when sources give different values."""

    predicate: str
    claims: tuple[Row, ...]
    differ: bool


def _claim_groups(claims: Iterable[Row]) -> list[_ClaimGroup]:
    """Claims grouped by predicate.

    Sources that differ (one value or modality by one source, another by another) are marked,
    so the page sets them side by side.
    """
    by_predicate: dict[str, list[Row]] = defaultdict(list)
    for claim in claims:
        by_predicate[claim["predicateLabel"]].append(claim)
    groups = []
    for predicate, found in by_predicate.items():
        source_sets = {frozenset(_split(c.get("sources", ""))) for c in found}
        modalities = {(c["object"], c["modality"]) for c in found}
        objects = {c["object"] for c in found}
        differ = len(modalities) > len(objects) or (len(found) > 1 and len(source_sets) > 1)
        groups.append(_ClaimGroup(predicate, tuple(found), differ))
    return groups


@dataclass(frozen=True)
class _CatalogEntry:
    id: str
    title: str
    question: str
    params: tuple[tuple[str, str, str, str], ...]
    sparql: str
    example: str
    answer: str


def _catalog(runner: Runner) -> list[_CatalogEntry]:
    entries = []
    for query in sorted(load_catalog().values(), key=lambda q: q.id):
        params = {p.name: p.example for p in query.params}
        try:
            answer = render(run(runner, query.id, **params), "table")
        except QueryError as exc:
            answer = f"(no example answer: {exc})"
        lines = answer.splitlines()
        if len(lines) > 14:
            answer = "\n".join([*lines[:12], "...", lines[-1]])
        entries.append(
            _CatalogEntry(
                query.id,
                query.title,
                query.question,
                tuple((p.name, p.type, p.example, p.description) for p in query.params),
                query.text,
                query.example,
                answer,
            )
        )
    return entries


_LEVEL = re.compile(r"^([CTLS])(\d+)")


def _level_key(label: str) -> tuple[int, int, str]:
    """Spinal levels in body order (C before T before L before S, C2 before C10)."""
    match = _LEVEL.match(label)
    if match is None:
        return (9, 0, label.lower())
    return ("CTLS".index(match[1]), int(match[2]), label.lower())


def _inline(svg: str) -> str:
    """An SVG from dot to be placed in a page: without its XML prologue and doctype."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def _write_static(work: Path, site: _Site) -> None:
    static = files("spinekg.site") / "static"
    (work / "static").mkdir(exist_ok=True)
    for name in ("site.css", "search.js"):
        (work / "static" / name).write_text((static / name).read_text(encoding="utf-8"), "utf-8")
    index = [
        {"label": e.label, "path": e.path, "curie": curie(e.iri), "also": e.other_names}
        for e in sorted(site.entities.values(), key=lambda e: e.label.lower())
    ]
    # a script, not a JSON file: a page opened from file:// may not fetch one
    (work / "static" / "search-index.js").write_text(
        "window.SPINEKG_INDEX = " + json.dumps(index, ensure_ascii=False, indent=0) + ";\n",
        encoding="utf-8",
    )
