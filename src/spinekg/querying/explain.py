"""Forward causal answers: from a herniation to what it compresses and what may follow.

``explain`` combines catalog queries (``herniation_compresses``, ``herniation_consequences``,
``herniation_signs``, ``herniation_symptom_places``, ``causal_chain``, ``herniation_links``)
so the same answer can be recomputed by anyone with the catalog and an endpoint. The disc, zone
and side are resolved once; the queries get the resolved terms.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from spinekg.kernel.namespaces import BASE
from spinekg.querying.catalog import Row, rows
from spinekg.querying.resolve import label_of, resolve
from spinekg.querying.runner import Runner, bind, solutions

__all__ = ["Entity", "Explanation", "Link", "explain", "format_explanation"]


@dataclass(frozen=True)
class Entity:
    """A graph entity as an answer shows it."""

    iri: str
    label: str

    def json(self) -> dict[str, str]:
        """``{"iri": ..., "label": ...}``."""
        return {"iri": self.iri, "label": self.label}


@dataclass(frozen=True)
class Compressed:
    """A structure the herniation compresses; ``principal`` for the one it usually does."""

    structure: Entity
    principal: bool


@dataclass(frozen=True)
class Weakness:
    """A muscle that may weaken, the movements it performs and the root that supplies it."""

    muscle: Entity
    movements: tuple[str, ...]
    principal: bool
    root: str


@dataclass(frozen=True)
class Numbness:
    """A skin area that may go numb, and the root that supplies it."""

    area: Entity
    root: str


@dataclass(frozen=True)
class Reflex:
    """A reflex that may diminish; ``principal`` when the root is its principal one."""

    reflex: Entity
    principal: bool


@dataclass(frozen=True)
class Sign:
    """A symptom or sign the herniation may bring; ``possible`` when it is only possible."""

    finding: Entity
    possible: bool


@dataclass(frozen=True)
class Evidence:
    """A source of a step of the chain, and the sentence that states it, if text did."""

    source: str
    sentence: str = ""


@dataclass(frozen=True)
class Step:
    """One edge of the causal chain, with its evidence."""

    number: int
    source: Entity
    relation: str
    target: Entity
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Link:
    """A link of the answer's causal picture (``herniation_links``), with its sources.

    The relation is compresses, causes, hasRedFlag, innervates, supplies, mediates or performs.
    """

    source: Entity
    relation: str
    target: Entity
    principal: bool
    #: the titles of the sources that state the link
    sources: tuple[str, ...]
    #: each source with where in it the link is stated: "Harrison's ... (Table 48-1)"
    citations: tuple[str, ...] = ()

    def json(self) -> dict[str, object]:
        """``{"from": ..., "relation": ..., "to": ..., "principal": ..., "sources": [...]}``."""
        return {
            "from": self.source.json(),
            "relation": self.relation,
            "to": self.target.json(),
            "principal": self.principal,
            "sources": list(self.sources),
            "citations": list(self.citations),
        }


@dataclass(frozen=True)
class Explanation:
    """What a herniation compresses and what may follow, with the causal chain."""

    disc: str
    zone: str
    side: str | None
    herniation: str | None
    compresses: tuple[Compressed, ...]
    conditions: tuple[str, ...]
    weakness: tuple[Weakness, ...]
    numbness: tuple[Numbness, ...]
    reflexes: tuple[Reflex, ...]
    signs: tuple[Sign, ...]
    body_parts: tuple[str, ...]
    spared: tuple[str, ...]
    red_flags: tuple[str, ...]
    urgency: str | None
    chain: tuple[Step, ...]
    #: every link from the herniation to the structures, conditions, red flags, muscles and
    #: their movements, skin areas and reflexes (what a diagram of the answer draws)
    links: tuple[Link, ...] = ()

    @property
    def urgency_reason(self) -> str | None:
        """Why the answer is urgent.

        The cord or cauda equina is compressed, or the herniation may press on them and its
        red flags must be watched for.
        """
        if self.urgency is None:
            return None
        central = [c.structure.label for c in self.compresses if _is_central(c)]
        principal = [c.structure.label for c in self.compresses if _is_central(c) and c.principal]
        if principal:
            return f"it compresses the {', '.join(principal)}; act at once on any red flag"
        return f"it may compress the {', '.join(central) or 'cord'}; act on any red flag"

    def json(self) -> dict[str, object]:
        """The answer as JSON-ready data (``spinekg explain --format json``)."""
        return {
            "urgency": self.urgency,
            "urgency_reason": self.urgency_reason,
            "disc": self.disc,
            "zone": self.zone,
            "side": self.side,
            "herniation": self.herniation,
            "compresses": [
                {**c.structure.json(), "principal": c.principal} for c in self.compresses
            ],
            "conditions": list(self.conditions),
            "weakness": [
                {
                    "muscle": w.muscle.json(),
                    "movements": list(w.movements),
                    "principal": w.principal,
                    "root": w.root,
                }
                for w in self.weakness
            ],
            "numbness": [{"area": n.area.json(), "root": n.root} for n in self.numbness],
            "reflexes": [{**r.reflex.json(), "principal": r.principal} for r in self.reflexes],
            "signs": [{**g.finding.json(), "possible": g.possible} for g in self.signs],
            "body_parts": list(self.body_parts),
            "spared": list(self.spared),
            "red_flags": list(self.red_flags),
            "chain": [
                {
                    "step": s.number,
                    "from": s.source.json(),
                    "relation": s.relation,
                    "to": s.target.json(),
                    "evidence": [
                        {"source": e.source, **({"sentence": e.sentence} if e.sentence else {})}
                        for e in s.evidence
                    ],
                }
                for s in self.chain
            ],
            "links": [link.json() for link in self.links],
        }


def explain(runner: Runner, disc: str, zone: str, side: str | None = None) -> Explanation:
    """What a herniation at ``disc`` in ``zone`` compresses, and its consequences, with evidence.

    :raises QueryError: for an unknown disc, zone or side (with the closest names).
    """
    disc_term = resolve(runner, disc, "spine:IntervertebralDisc", name="disc")
    zone_term = resolve(runner, zone, "spine:HerniationZone", name="zone")
    assert isinstance(disc_term, ox.NamedNode) and isinstance(zone_term, ox.NamedNode)
    side_label = None
    if side:
        side_term = resolve(runner, side, "spine:Side", name="side")
        assert isinstance(side_term, ox.NamedNode)
        side_label = label_of(runner, side_term)

    def answer(query: str) -> list[Row]:
        return rows(runner, query, disc=disc_term, zone=zone_term)

    compressed = answer("herniation_compresses")
    consequences = answer("herniation_consequences")
    places = answer("herniation_symptom_places")
    return Explanation(
        disc=label_of(runner, disc_term),
        zone=label_of(runner, zone_term),
        side=side_label,
        herniation=compressed[0]["herniationLabel"] if compressed else None,
        # one row per structure and condition: a herniation may cause two (C6 radiculopathy,
        # and myeloradiculopathy if it also reaches the cord)
        compresses=tuple(
            {
                r["structure"]: Compressed(
                    Entity(r["structure"], r["structureLabel"]), r["principal"] == "true"
                )
                for r in compressed
            }.values()
        ),
        conditions=tuple(
            sorted({r["conditionLabel"] for r in compressed if "conditionLabel" in r})
        ),
        weakness=_weakness(runner, consequences),
        numbness=tuple(
            Numbness(Entity(r["target"], r["targetLabel"]), r["structureLabel"])
            for r in consequences
            if r["consequence"] == "numbness"
        ),
        reflexes=tuple(
            Reflex(Entity(r["target"], r["targetLabel"]), r["principal"] == "true")
            for r in consequences
            if r["consequence"] == "reflex"
        ),
        signs=tuple(
            Sign(Entity(r["finding"], r["findingLabel"]), r["modality"] == "possible")
            for r in answer("herniation_signs")
        ),
        body_parts=tuple(sorted({r["placeLabel"] for r in places if r["felt"] == "true"})),
        spared=tuple(sorted({r["placeLabel"] for r in places if r["felt"] == "false"})),
        red_flags=tuple(
            sorted({f for r in compressed for f in r.get("redFlags", "").split("; ") if f})
        ),
        urgency=next((r["urgency"] for r in compressed if "urgency" in r), None),
        chain=tuple(
            Step(
                i + 1,
                Entity(r["from"], r["fromLabel"]),
                r["relation"],
                Entity(r["to"], r["toLabel"]),
                _evidence(r),
            )
            for i, r in enumerate(answer("causal_chain"))
        ),
        links=tuple(
            Link(
                Entity(r["from"], r["fromLabel"]),
                r["relation"],
                Entity(r["to"], r["toLabel"]),
                r["strength"] == "principal",
                tuple(s for s in r.get("sources", "").split("; ") if s),
                tuple(s for s in r.get("citations", "").split("; ") if s),
            )
            for r in answer("herniation_links")
        ),
    )


_MOVEMENTS = "SELECT DISTINCT ?label WHERE { ?muscle spine:performs/rdfs:label ?label }"


def _weakness(runner: Runner, consequences: list[Row]) -> tuple[Weakness, ...]:
    """One entry per muscle (principal if any root supplies it principally), principal first."""
    found: dict[str, Weakness] = {}
    for r in consequences:
        if r["consequence"] != "weakness":
            continue
        known = found.get(r["target"])
        principal = r["principal"] == "true" or (known is not None and known.principal)
        if known is None:
            movements = solutions(runner, bind(_MOVEMENTS, {"muscle": ox.NamedNode(r["target"])}))
            names = tuple(sorted({str(s["label"].value) for s in movements if s["label"]}))
            known = Weakness(
                Entity(r["target"], r["targetLabel"]), names, principal, r["structureLabel"]
            )
        found[r["target"]] = Weakness(known.muscle, known.movements, principal, known.root)
    return tuple(sorted(found.values(), key=lambda w: (not w.principal, w.muscle.label)))


def _evidence(row: Row) -> tuple[Evidence, ...]:
    sources = [Evidence(s) for s in row.get("sources", "").split("; ") if s]
    if row.get("sentence"):
        sources.append(Evidence(row.get("sentenceSource", ""), row["sentence"]))
    return tuple(sources)


def _is_central(compressed: Compressed) -> bool:
    """Whether a compressed structure is the cord, conus or cauda equina (not a root)."""
    return not compressed.structure.iri.startswith(f"{BASE}root-")


def format_explanation(answer: Explanation) -> str:
    """The answer as text a clinician reads."""
    side = f"{answer.side} " if answer.side else ""
    lines = []
    if answer.urgency:
        lines.append(f"!! {answer.urgency.upper()}: {answer.urgency_reason}")
    lines.append(f"{side}{answer.herniation}".strip())
    lines.append(
        "compresses: "
        + ", ".join(
            f"{side}{c.structure.label}" + (" (principal)" if c.principal else "")
            for c in answer.compresses
        )
    )
    if answer.conditions:
        lines.append("condition: " + ", ".join(answer.conditions))
    if answer.weakness:
        lines.append("may weaken:")
        for w in answer.weakness:
            mark = " (principal)" if w.principal else ""
            lines.append(f"  {w.muscle.label}{mark}: {', '.join(w.movements)}")
    if answer.numbness:
        lines.append("may go numb: " + ", ".join(n.area.label for n in answer.numbness))
    if answer.reflexes:
        lines.append(
            "reflexes that may diminish: "
            + ", ".join(
                r.reflex.label + (" (principal)" if r.principal else "") for r in answer.reflexes
            )
        )
    certain = [g.finding.label for g in answer.signs if not g.possible]
    possible = [g.finding.label for g in answer.signs if g.possible]
    if certain:
        lines.append("signs: " + ", ".join(certain))
    if possible:
        lines.append("possible signs: " + ", ".join(possible))
    if answer.body_parts:
        lines.append("symptoms in: " + ", ".join(answer.body_parts))
    if answer.spared:
        lines.append("spared: " + ", ".join(answer.spared))
    if answer.red_flags:
        lines.append(f"RED FLAGS ({answer.urgency or 'urgent'}): " + ", ".join(answer.red_flags))
    if answer.chain:
        lines.append("causal chain:")
        for step in answer.chain:
            cited = "; ".join(e.source for e in step.evidence if e.source)
            lines.append(
                f"  {step.number}. {step.source.label} --{step.relation}--> {step.target.label}"
                + (f"  [{cited}]" if cited else "")
            )
    return "\n".join(lines)
