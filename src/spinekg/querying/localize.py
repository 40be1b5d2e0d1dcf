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

from spinekg.kernel.errors import QueryError
from spinekg.kernel.suggest import similarity
from spinekg.querying.catalog import rows
from spinekg.querying.resolve import label_of, lookup, names_of, nearest, normalise
from spinekg.querying.runner import Runner, solutions

__all__ = [
    "Candidate",
    "Finding",
    "Localization",
    "format_localization",
    "localize",
    "read_finding",
]

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


@dataclass(frozen=True)
class Explained:
    """A finding a candidate explains, its weight and the graph path that explains it."""

    finding: str
    weight: int
    path: str


@dataclass(frozen=True)
class Candidate:
    """A lesion that may explain the findings, and how well."""

    root: str | None
    disc: str
    zone: str
    lesion: str
    compresses: str
    score: float
    explained: tuple[Explained, ...]
    unexplained: tuple[str, ...]


@dataclass(frozen=True)
class Localization:
    """The findings as read, and the candidate lesions, best first."""

    findings: tuple[Finding, ...]
    candidates: tuple[Candidate, ...]

    def json(self) -> dict[str, object]:
        """The answer as JSON-ready data (``spinekg localize --format json``)."""
        return {
            "findings": [{"text": f.text, "iri": f.iri, "label": f.label} for f in self.findings],
            "candidates": [
                {
                    "root": c.root,
                    "disc": c.disc,
                    "zone": c.zone,
                    "lesion": c.lesion,
                    "compresses": c.compresses,
                    "score": c.score,
                    "explained": [
                        {"finding": e.finding, "weight": e.weight, "path": e.path}
                        for e in c.explained
                    ],
                    "unexplained": list(c.unexplained),
                }
                for c in self.candidates
            ],
        }


def read_finding(runner: Runner, text: str) -> Finding:
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
    for words, kind in attempts:
        found = lookup(runner, words, kind, name="finding")
        if len(found) == 1:
            return Finding(text, found[0].value, label_of(runner, found[0]), kind)
    near: dict[str, float] = {}
    for words, kind in attempts:
        for name in nearest(words, names_of(runner, kind)):
            near[name] = max(near.get(name, 0.0), similarity(normalise(words), normalise(name)))
    best = sorted(near, key=lambda name: (-near[name], name))[:5]
    hint = f"closest: {', '.join(best)}" if best else "no muscle, movement, skin area or finding"
    raise QueryError(f"cannot read finding {text!r}: {hint}")


def localize(runner: Runner, findings: list[str]) -> Localization:
    """Rank candidate roots and lesions by how well they explain ``findings``.

    :raises QueryError: for a finding that cannot be read (with the closest terms).
    """
    resolved = [read_finding(runner, text) for text in findings]
    root_weights: dict[str, dict[int, int]] = defaultdict(dict)
    lesion_weights: dict[str, dict[int, int]] = defaultdict(dict)
    paths: dict[tuple[str, int], str] = {}
    for i, finding in enumerate(resolved):
        for row in rows(runner, "localize_feature", feature=ox.NamedNode(finding.iri)):
            weight = int(row["weight"])
            key = row.get("root") or row.get("lesion", "")
            target = root_weights if "root" in row else lesion_weights
            target[key][i] = max(weight, target[key].get(i, 0))
            paths[(key, i)] = row.get("paths", "")
    lesions = _lesions(runner)
    scored: dict[str, dict[int, int]] = defaultdict(dict)
    via: dict[str, str] = {}
    for root_iri, weights in root_weights.items():
        for lesion in lesions.by_root.get(root_iri, []):
            for i, w in weights.items():
                scored[lesion][i] = max(w, scored[lesion].get(i, 0))
            via[lesion] = root_iri
    for lesion, weights in lesion_weights.items():
        for i, w in weights.items():
            scored[lesion][i] = max(w, scored[lesion].get(i, 0))
    ranked = []
    for lesion, weights in scored.items():
        info = lesions.info[lesion]
        root: str | None = via.get(lesion)
        score = sum(min(w, 3) for w in weights.values()) / (3 * len(resolved))
        candidate = Candidate(
            root=label_of(runner, ox.NamedNode(root)) if root else None,
            disc=info.disc,
            zone=info.zone,
            lesion=info.label,
            compresses=info.structure,
            score=round(score, 2),
            explained=tuple(
                Explained(
                    resolved[i].text,
                    w,
                    paths.get((root or lesion, i)) or paths.get((lesion, i), ""),
                )
                for i, w in sorted(weights.items())
            ),
            unexplained=tuple(f.text for i, f in enumerate(resolved) if i not in weights),
        )
        order = (
            -score,
            -sum(weights.values()),
            # a cord or cauda equina sign points at central lesions first
            0 if root is None and info.zone == "central" else _ZONE_ORDER.get(info.zone, 9),
            0 if info.common else 1,
            info.label,
        )
        ranked.append((order, candidate))
    ranked.sort(key=lambda pair: pair[0])
    return Localization(tuple(resolved), tuple(c for _, c in ranked))


def format_localization(answer: Localization, limit: int = 8) -> str:
    """The ranking as text: each finding's reading, then the best candidates."""
    lines = ["findings:"]
    lines += [f"  {f.text!r} -> {f.label}" for f in answer.findings]
    lines.append("candidates (best first):")
    for c in answer.candidates[:limit]:
        lines.append(f"  {c.score:.2f}  {c.lesion} ({c.root or c.compresses})")
        lines += [f"        explains {e.finding!r}: {e.path}" for e in c.explained]
        lines += [f"        does not explain {u!r}" for u in c.unexplained]
    return "\n".join(lines)


_LESIONS = """
SELECT ?lesion ?label ?disc ?zone ?root ?structure ?common WHERE {
  ?lesion a spine:HerniationScenario ; rdfs:label ?label ;
          spine:atDisc/skos:notation ?disc ; spine:inZone/skos:notation ?zone ;
          spine:principallyCompresses ?root .
  ?root rdfs:label ?structure .
  BIND(EXISTS { ?lesion spine:atDisc/spine:commonlyHerniated true } AS ?common)
} ORDER BY ?lesion ?root"""


@dataclass(frozen=True)
class _Lesion:
    label: str
    disc: str
    zone: str
    structure: str
    common: bool


@dataclass(frozen=True)
class _Lesions:
    by_root: dict[str, list[str]]
    info: dict[str, _Lesion]


def _lesions(runner: Runner) -> _Lesions:
    by_root: dict[str, list[str]] = defaultdict(list)
    info: dict[str, _Lesion] = {}
    for solution in solutions(runner, _LESIONS):
        value = {v: str(t.value) for v in _COLUMNS if (t := solution[v]) is not None}
        if value["lesion"] not in info:
            by_root[value["root"]].append(value["lesion"])
        info[value["lesion"]] = _Lesion(
            value["label"],
            value["disc"],
            value["zone"],
            value["structure"],
            common=value["common"] == "true",
        )
    return _Lesions(by_root, info)


_COLUMNS = ("lesion", "label", "disc", "zone", "root", "structure", "common")
