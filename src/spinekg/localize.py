"""Backward causal answers: from findings in a clinician's words to the lesions explaining them.

Each finding is resolved through the graph's labels and synonyms after its clinical wording is
read ("weakness of great toe extension" -> the movement, "absent ankle jerk" -> the reflex,
"numbness of the lateral foot" -> the skin area). The catalog query ``localize_feature`` gives,
for one finding, a weight per root (3: ISNCSCI key muscle, key sensory point or principal
reflex root; 2: principal innervation or a supplied area; 1: a minor contribution; 4: a finding
named for the root's radiculopathy) or per central lesion (cord or cauda equina signs). A root's
candidates are the herniations that principally compress it. A candidate's score is the sum of
its weights over the findings divided by 3 x the number of findings; ties go to the zone that
herniates more often (paracentral, then foraminal, far-lateral) and to common disc levels.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from spinekg.errors import QueryError
from spinekg.queries import label_of, resolve
from spinekg.remote import catalog_rows

__all__ = ["format_localization", "localize", "read_finding"]

#: Clinical wording -> the kinds of entity the rest of the phrase names, tried in order.
_CUES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kinds)
    for pattern, kinds in (
        (
            r"^(?:absent|diminished|reduced|decreased|lost|loss of( the)?|depressed|weak)\s+"
            r"(?P<rest>.+)$",
            ("spine:DeepTendonReflex",),
        ),
        (
            r"^(?:weakness|paresis|weak)\s+(?:of|in)\s+(?:the\s+)?(?P<rest>.+)$",
            ("spine:Movement", "spine:Muscle"),
        ),
        (r"^(?:weak)\s+(?P<rest>.+)$", ("spine:Movement", "spine:Muscle")),
        (
            r"^(?:numbness|tingling|paraesthesia|paresthesia|pins and needles|sensory loss|"
            r"reduced sensation|hypoesthesia|hypoaesthesia)\s+(?:of|in|over|on)\s+"
            r"(?:the\s+)?(?P<rest>.+)$",
            ("spine:SkinArea", "spine:BodyPart"),
        ),
        (r"^(?:numb)\s+(?P<rest>.+)$", ("spine:SkinArea", "spine:BodyPart")),
        (r"^(?:pain)\s+(?:in|of|down)\s+(?:the\s+)?(?P<rest>.+)$", ("spine:BodyPart",)),
    )
)
_WHOLE = (
    "spine:ClinicalFinding",
    "spine:DeepTendonReflex",
    "spine:Movement",
    "spine:SkinArea",
    "spine:Muscle",
)
_ZONE_ORDER = {"paracentral": 0, "foraminal": 1, "far-lateral": 2, "central": 3}


@dataclass(frozen=True)
class Finding:
    """A clinician's finding resolved to a graph entity."""

    text: str
    iri: str
    label: str
    kind: str


def read_finding(store: ox.Store, text: str) -> Finding:
    """Resolve a finding written in clinical words.

    :raises QueryError: naming the closest terms when nothing matches.
    """
    phrase = " ".join(text.strip().split())
    attempts: list[tuple[str, str]] = []
    for pattern, kinds in _CUES:
        match = pattern.match(phrase)
        if match:
            attempts += [(match["rest"], kind) for kind in kinds]
    attempts += [(phrase, kind) for kind in _WHOLE]
    errors = []
    for words, kind in attempts:
        try:
            term = resolve(store, words, kind, name="finding")
        except QueryError as error:
            errors.append(str(error))
            continue
        return Finding(text, term.value, label_of(store, term.value), kind)
    hint = next((e for e in errors if "closest" in e), errors[0] if errors else "")
    raise QueryError(f"cannot read finding {text!r}: {hint.split('; ', 1)[-1]}")


def localize(
    store: ox.Store, findings: list[str], *, endpoint: str | None = None
) -> dict[str, object]:
    """Rank candidate roots and lesions by how well they explain ``findings``.

    :param endpoint: run ``localize_feature`` on this SPARQL endpoint (findings are still read
        with the embedded release's vocabulary).
    """
    resolved = [read_finding(store, text) for text in findings]
    root_weights: dict[str, dict[int, int]] = defaultdict(dict)
    lesion_weights: dict[str, dict[int, int]] = defaultdict(dict)
    paths: dict[tuple[str, int], str] = {}
    for i, finding in enumerate(resolved):
        for row in catalog_rows(store, "localize_feature", {"feature": finding.iri}, endpoint):
            weight = int(row["weight"])
            key = row.get("root") or row.get("lesion", "")
            target = root_weights if "root" in row else lesion_weights
            target[key][i] = max(weight, target[key].get(i, 0))
            paths[(key, i)] = row.get("paths", "")
    lesions = _lesions(store)
    scored: dict[str, dict[int, int]] = defaultdict(dict)
    via: dict[str, str] = {}
    for root, weights in root_weights.items():
        for lesion in lesions["by_root"].get(root, []):
            for i, w in weights.items():
                scored[lesion][i] = max(w, scored[lesion].get(i, 0))
            via[lesion] = root
    for lesion, weights in lesion_weights.items():
        for i, w in weights.items():
            scored[lesion][i] = max(w, scored[lesion].get(i, 0))
    candidates = []
    for lesion, weights in scored.items():
        info = lesions["info"][lesion]
        root = via.get(lesion)
        score = sum(min(w, 3) for w in weights.values()) / (3 * len(resolved))
        candidates.append(
            {
                "root": label_of(store, root) if root else None,
                "disc": info["disc"],
                "zone": info["zone"],
                "lesion": info["label"],
                "compresses": info["structure"],
                "score": round(score, 2),
                "explained": [
                    {
                        "finding": resolved[i].text,
                        "weight": w,
                        "path": paths.get((root or lesion, i), ""),
                    }
                    for i, w in sorted(weights.items())
                ],
                "unexplained": [f.text for i, f in enumerate(resolved) if i not in weights],
                "_order": (
                    -score,
                    -sum(weights.values()),
                    # a cord or cauda equina sign points at central lesions first
                    0
                    if root is None and info["zone"] == "central"
                    else _ZONE_ORDER.get(str(info["zone"]), 9),
                    0 if info["common"] else 1,
                    info["label"],
                ),
            }
        )
    candidates.sort(key=lambda c: c["_order"])  # type: ignore[arg-type,return-value]
    for c in candidates:
        del c["_order"]
    return {
        "findings": [{"text": f.text, "iri": f.iri, "label": f.label} for f in resolved],
        "candidates": candidates,
    }


def format_localization(answer: dict[str, object], limit: int = 8) -> str:
    """The ranking as text: each finding's reading, then the best candidates."""
    lines = ["findings:"]
    for f in answer["findings"]:  # type: ignore[attr-defined]
        lines.append(f"  {f['text']!r} -> {f['label']}")
    lines.append("candidates (best first):")
    for c in answer["candidates"][:limit]:  # type: ignore[index]
        root = f" ({c['root']})" if c["root"] else f" ({c['compresses']})"
        lines.append(f"  {c['score']:.2f}  {c['lesion']}{root}")
        for e in c["explained"]:
            lines.append(f"        explains {e['finding']!r}: {e['path']}")
        for u in c["unexplained"]:
            lines.append(f"        does not explain {u!r}")
    return "\n".join(lines)


_LESIONS = """
PREFIX spine: <https://w3id.org/spinekg/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?lesion ?label ?disc ?zone ?root ?structure ?common WHERE {
  ?lesion a spine:HerniationScenario ; rdfs:label ?label ;
          spine:atDisc/skos:notation ?disc ; spine:inZone/skos:notation ?zone ;
          spine:principallyCompresses ?root .
  ?root rdfs:label ?structure .
  BIND(EXISTS { ?lesion spine:atDisc/spine:commonlyHerniated true } AS ?common)
}"""


def _lesions(store: ox.Store) -> dict[str, dict[str, object]]:
    by_root: dict[str, list[str]] = defaultdict(list)
    info: dict[str, dict[str, object]] = {}
    for s in store.query(_LESIONS, use_default_graph_as_union=True):
        lesion = s["lesion"].value
        if lesion not in info:
            by_root[s["root"].value].append(lesion)
        info[lesion] = {
            "label": s["label"].value,
            "disc": s["disc"].value,
            "zone": s["zone"].value,
            "structure": s["structure"].value,
            "common": s["common"].value == "true",
        }
    return {"by_root": by_root, "info": info}  # type: ignore[dict-item]
