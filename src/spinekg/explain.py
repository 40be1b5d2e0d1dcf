"""Forward causal answers: from a herniation to what it compresses and what may follow.

``explain`` combines catalog queries (``herniation_compresses``, ``herniation_consequences``,
``herniation_symptom_places``, ``causal_chain``) so the same answer can be recomputed by anyone
with the catalog and an endpoint.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from spinekg.queries import label_of, resolve
from spinekg.remote import catalog_rows

__all__ = ["explain", "format_explanation"]

_CHAIN_FINDINGS = ("finding-muscle-weakness", "finding-numbness", "finding-diminished-reflex")


@dataclass(frozen=True)
class _Term:
    iri: str
    label: str

    def json(self) -> dict[str, str]:
        return {"iri": self.iri, "label": self.label}


def explain(
    store: ox.Store,
    disc: str,
    zone: str,
    side: str | None = None,
    *,
    endpoint: str | None = None,
) -> dict[str, object]:
    """What a herniation at ``disc`` in ``zone`` compresses, and its consequences, with evidence.

    :param endpoint: run the catalog queries on this SPARQL endpoint (values are still resolved
        and labelled with the embedded release).
    :raises QueryError: for an unknown disc, zone or side (with the closest names).
    """

    def rows(query: str, **params: str) -> list[dict[str, str]]:
        return catalog_rows(store, query, params, endpoint)

    disc_iri = resolve(store, disc, "spine:IntervertebralDisc", name="disc")
    zone_iri = resolve(store, zone, "spine:HerniationZone", name="zone")
    side_term = None
    if side:
        side_iri = resolve(store, side, "spine:Side", name="side")
        side_term = _Term(side_iri.value, label_of(store, side_iri.value))
    disc_value, zone_value = disc_iri.value, zone_iri.value
    compressed = rows("herniation_compresses", disc=disc_value, zone=zone_value)
    consequences = rows("herniation_consequences", disc=disc_value, zone=zone_value)
    places = rows("herniation_symptom_places", disc=disc_value, zone=zone_value)
    chain = rows("causal_chain", disc=disc_value, zone=zone_value)
    weakness: dict[str, dict[str, object]] = {}
    for r in consequences:
        if r["consequence"] == "weakness":
            entry = weakness.setdefault(
                r["target"],
                {
                    "muscle": {"iri": r["target"], "label": r["targetLabel"]},
                    "movements": [],
                    "principal": r["principal"] == "true",
                    "root": r["structureLabel"],
                },
            )
            entry["principal"] = bool(entry["principal"]) or r["principal"] == "true"
    for muscle, movements in _movements(store, weakness).items():
        weakness[muscle]["movements"] = movements
    return {
        "disc": label_of(store, disc_value),
        "zone": label_of(store, zone_value),
        "side": side_term.label if side_term else None,
        "herniation": compressed[0]["herniationLabel"] if compressed else None,
        "compresses": [
            {
                "iri": r["structure"],
                "label": r["structureLabel"],
                "principal": r["principal"] == "true",
            }
            for r in compressed
        ],
        "conditions": sorted({r["conditionLabel"] for r in compressed if "conditionLabel" in r}),
        "weakness": sorted(
            weakness.values(),
            key=lambda w: (not w["principal"], w["muscle"]["label"]),  # type: ignore[index]
        ),
        "numbness": [
            {"area": {"iri": r["target"], "label": r["targetLabel"]}, "root": r["structureLabel"]}
            for r in consequences
            if r["consequence"] == "numbness"
        ],
        "reflexes": [
            {"iri": r["target"], "label": r["targetLabel"], "principal": r["principal"] == "true"}
            for r in consequences
            if r["consequence"] == "reflex"
        ],
        "body_parts": sorted({r["placeLabel"] for r in places}),
        "red_flags": sorted(
            {f for r in compressed for f in r.get("redFlags", "").split("; ") if f}
        ),
        "urgency": next((r["urgency"] for r in compressed if "urgency" in r), None),
        "chain": [
            {
                "step": i + 1,
                "from": {"iri": r["from"], "label": r["fromLabel"]},
                "relation": r["relation"],
                "to": {"iri": r["to"], "label": r["toLabel"]},
                "evidence": _evidence(r),
            }
            for i, r in enumerate(chain)
        ],
    }


def _movements(store: ox.Store, weakness: dict[str, dict[str, object]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for muscle in weakness:
        for solution in store.query(
            """SELECT ?m ?l WHERE { ?m <https://w3id.org/spinekg/performs> ?mv .
                 ?mv <http://www.w3.org/2000/01/rdf-schema#label> ?l }""",
            use_default_graph_as_union=True,
            substitutions={ox.Variable("m"): ox.NamedNode(muscle)},
        ):
            out.setdefault(muscle, []).append(str(solution["l"].value))
    return {m: sorted(set(v)) for m, v in out.items()}


def _evidence(row: dict[str, str]) -> list[dict[str, str]]:
    sources = [s for s in row.get("sources", "").split("; ") if s]
    out = [{"source": s} for s in sources]
    if row.get("sentence"):
        out.append({"source": row.get("sentenceSource", ""), "sentence": row["sentence"]})
    return out


def format_explanation(answer: dict[str, object]) -> str:
    """The answer as text a clinician reads."""
    side = f"{answer['side']} " if answer.get("side") else ""
    lines = [f"{side}{answer['herniation']}".strip()]
    compresses = answer["compresses"]
    assert isinstance(compresses, list)
    lines.append(
        "compresses: "
        + ", ".join(
            f"{side}{c['label']}" + (" (principal)" if c["principal"] else "") for c in compresses
        )
    )
    if answer.get("conditions"):
        lines.append("condition: " + ", ".join(_strs(answer["conditions"])))
    weakness = answer["weakness"]
    assert isinstance(weakness, list)
    if weakness:
        lines.append("may weaken:")
        for w in weakness:
            movements = ", ".join(w["movements"])
            mark = " (principal)" if w["principal"] else ""
            lines.append(f"  {w['muscle']['label']}{mark}: {movements}")
    numbness = answer["numbness"]
    assert isinstance(numbness, list)
    if numbness:
        lines.append("may go numb: " + ", ".join(n["area"]["label"] for n in numbness))
    reflexes = answer["reflexes"]
    assert isinstance(reflexes, list)
    if reflexes:
        lines.append(
            "reflexes that may diminish: "
            + ", ".join(r["label"] + (" (principal)" if r["principal"] else "") for r in reflexes)
        )
    if answer.get("body_parts"):
        lines.append("symptoms in: " + ", ".join(_strs(answer["body_parts"])))
    if answer.get("red_flags"):
        lines.append(
            f"RED FLAGS ({answer.get('urgency') or 'urgent'}): "
            + ", ".join(_strs(answer["red_flags"]))
        )
    chain = answer["chain"]
    assert isinstance(chain, list)
    if chain:
        lines.append("causal chain:")
        for step in chain:
            cited = "; ".join(e.get("source", "") for e in step["evidence"] if e.get("source"))
            lines.append(
                f"  {step['step']}. {step['from']['label']} --{step['relation']}--> "
                f"{step['to']['label']}" + (f"  [{cited}]" if cited else "")
            )
    return "\n".join(lines)


def _strs(value: object) -> Iterable[str]:
    assert isinstance(value, list)
    return [str(v) for v in value]
