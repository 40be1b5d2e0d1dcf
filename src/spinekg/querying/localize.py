"""Backward causal answers: from findings in a clinician's words to the lesions explaining them.

Each phrase is read by :mod:`spinekg.querying.findings` into a finding kind and its targets (a
phrase it cannot place is listed as ignored, with the closest terms, and the answer comes from
the rest). The catalog query ``localize_feature`` gives, for one target or named finding, a
weight per root along each axis (3: ISNCSCI key muscle, key sensory point or principal reflex
root, or a numb area of the root's radiculopathy; 2: principal innervation, a supplied area, the
root's pain pattern; 1: a minor contribution; a finding named for the root's radiculopathy, such
as foot drop for L5, counts 3) or per central lesion (a cord, conus or cauda equina sign or red
flag). Only weights along the finding's own axis count: a numb area is evidence by its
dermatome, a weak movement by its myotome, pain by where it radiates, a lost reflex by its roots;
upper-motor-neuron signs point to the cord, saddle and sphincter signs to the conus and cauda
equina.

A lesion takes the weights of its roots (:func:`spinekg.querying.lesions.lesions`). Its score::

    0.95 x (sum of weights / 3
            - 0.5 x findings it leaves unexplained that another lesion explains
            - 1 x findings in a part of the body its condition spares) / number of findings
    + prior (at most 0.04: the usual disc of the root's radiculopathy, or a commonly herniated
      disc for the cord and cauda equina; the zone that herniates more often)

A finding on both sides counts 0.6 for a one-sided (root) lesion, a cord sign 0.5 for a root
lesion that may also press on the cord, a cord or cauda equina lesion that explains no cord,
saddle or sphincter sign and nothing on both sides scores half, and a cervical cord lesion 0.9
when a thoracic one explains the findings as well (cord signs in the legs only). So 1.00 means
every finding explained at full specificity at the likeliest level: a ranking, not a
probability. A red flag among the findings, or a best candidate that compresses the cord or
cauda equina through its signs, sets the answer's ``urgency``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from spinekg.kernel.errors import QueryError
from spinekg.querying.catalog import rows
from spinekg.querying.findings import (
    Ignored,
    Reading,
    Target,
    Vocabulary,
    ignored_text,
    read_findings,
    reading_json,
    vocabulary,
)
from spinekg.querying.lesions import (
    CERVICAL_CORD,
    THORACIC_CORD,
    Lesions,
    feature_rows,
    lesions,
    spared,
)
from spinekg.querying.runner import Runner

__all__ = [
    "Candidate",
    "Localization",
    "format_localization",
    "localize",
]

#: The axes of ``localize_feature`` rows that count for a finding read along each axis.
_AXES = {
    "weakness": {"weakness", "finding"},
    "sensation": {"sensation", "finding"},
    "pain": {"pain", "finding"},
    "reflex-loss": {"reflex", "finding"},
    "reflex-gain": {"finding"},
    None: {"finding"},
}
#: How often a zone herniates, as a prior (REFERENCE §2.1: far-lateral 5-10 % of lumbar ones).
_ZONE_PRIOR = {"paracentral": 0.02, "foraminal": 0.01, "far-lateral": 0.0}
#: Among lesions of the cord or cauda equina, central ones come first.
_CORD_ZONE_PRIOR = {"central": 0.02, "paracentral": 0.01}
_COMMON_PRIOR = 0.02
#: The evidence's share of the score; the priors (at most 0.04) fill the rest up to 1.
_EVIDENCE_SHARE = 0.95
_UNEXPLAINED = 0.5
_SPARED = 1.0


@dataclass(frozen=True)
class Explained:
    """A finding a candidate explains, its weight and the graph path that explains it."""

    finding: str
    weight: float
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
    """The findings as read, the candidate lesions (best first), what was ignored, urgency."""

    readings: tuple[Reading, ...]
    candidates: tuple[Candidate, ...]
    ignored: tuple[Ignored, ...] = ()
    #: "surgical emergency" or "urgent" when a red flag or a cord sign is among the findings
    urgency: str | None = None
    urgency_reasons: tuple[str, ...] = ()

    def json(self) -> dict[str, object]:
        """The answer as JSON-ready data (``spinekg localize --format json``)."""
        return {
            "urgency": self.urgency,
            "urgency_reasons": list(self.urgency_reasons),
            "findings": [reading_json(r) for r in self.readings],
            "ignored": [{"text": i.text, "closest": list(i.closest)} for i in self.ignored],
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


def localize(runner: Runner, findings: list[str]) -> Localization:
    """Rank candidate roots and lesions by how well they explain ``findings``.

    :raises QueryError: when no phrase at all can be read (naming the closest terms).
    """
    readings, ignored = read_findings(runner, findings)
    vocab = vocabulary(runner)
    evidence = [e for r in readings if not r.normal and not r.negated for e in _split(vocab, r)]
    if not evidence:
        detail = "; ".join(ignored_text(i) for i in ignored)
        what = "no finding could be read" if not readings else "every finding read is normal"
        raise QueryError(f"{what}: {detail or ', '.join(r.text for r in readings)}")
    candidates = lesions(runner)
    weights: dict[str, dict[int, tuple[float, str]]] = defaultdict(dict)
    for i, reading in enumerate(evidence):
        for lesion, weight, path in _finding_weights(runner, vocab, candidates, reading):
            if weight > weights[lesion].get(i, (0.0, ""))[0]:
                weights[lesion][i] = (weight, path)
    explained_anywhere = {i for w in weights.values() for i in w}
    spared_in = spared(runner, evidence)
    raws: dict[str, float] = {}
    for lesion, info in candidates.info.items():
        found = weights.get(lesion, {})
        if not found:
            continue
        missing = [i for i in explained_anywhere if i not in found]
        raw = sum(min(w, 3.0) for w, _ in found.values()) / 3
        raw -= _UNEXPLAINED * len(missing) + _SPARED * len(spared_in.get(lesion, ()))
        if info.root is None and not _central_evidence(found, evidence):
            raw *= _CENTRAL_WITHOUT_SIGNS
        raws[lesion] = raw
    _lowest_cord_first(raws, candidates)
    texts = [r.text for r in evidence]
    ranked = []
    for lesion, raw in raws.items():
        info, found = candidates.info[lesion], weights[lesion]
        zones = _ZONE_PRIOR if info.root is not None else _CORD_ZONE_PRIOR
        prior = zones.get(info.zone, 0.0) + (_COMMON_PRIOR if info.common else 0.0)
        score = _EVIDENCE_SHARE * max(raw, 0.0) / len(evidence) + prior
        candidate = Candidate(
            root=info.root,
            disc=info.disc,
            zone=info.zone,
            lesion=info.label,
            compresses=info.structure,
            score=round(score, 2),
            explained=_merged(texts, found),
            unexplained=tuple(
                dict.fromkeys(texts[i] for i in range(len(evidence)) if i not in found)
            ),
        )
        ranked.append(((-score, info.label), candidate))
    ranked.sort(key=lambda pair: pair[0])
    best = ranked[0][1] if ranked else None
    urgency, reasons = _urgency(runner, vocab, evidence, best)
    return Localization(
        tuple(readings), tuple(c for _, c in ranked), tuple(ignored), urgency, tuple(reasons)
    )


#: Cord signs a thoracic cord lesion explains as well as a cervical one (nothing in the arms or
#: hands) point to the thoracic cord: the lowest level that explains them.
_CERVICAL_FOR_LEG_SIGNS = 0.9


def _lowest_cord_first(raws: dict[str, float], candidates: Lesions) -> None:
    """Lower the cervical cord lesions when a thoracic cord lesion explains the findings as well.

    Upper-motor-neuron signs point to the cord above the lowest affected level: the cervical
    cord for signs in the hands, the thoracic cord for signs in the legs only.
    """
    best: dict[str, float] = {}
    for lesion, raw in raws.items():
        structure = candidates.info[lesion].structure
        best[structure] = max(raw, best.get(structure, raw))
    cervical, thoracic = best.get(CERVICAL_CORD), best.get(THORACIC_CORD)
    if cervical is None or thoracic is None or thoracic < cervical or cervical <= 0:
        return
    for lesion in raws:
        if candidates.info[lesion].structure == CERVICAL_CORD:
            raws[lesion] *= _CERVICAL_FOR_LEG_SIGNS


def _merged(texts: list[str], found: dict[int, tuple[float, str]]) -> tuple[Explained, ...]:
    """One entry per finding phrase.

    A phrase split into a sign and a level counts its best weight and shows both paths.
    """
    best: dict[str, tuple[float, list[str]]] = {}
    for i, (weight, path) in sorted(found.items()):
        old = best.get(texts[i], (0.0, []))
        best[texts[i]] = (max(weight, old[0]), [*old[1], path])
    return tuple(Explained(t, round(w, 2), "; ".join(paths)) for t, (w, paths) in best.items())


def _is_sign(vocab: Vocabulary, reading: Reading) -> bool:
    """Whether the reading's kind is a sign in its own right.

    A red flag (a sensory level) or a brisk reflex (an upper-motor-neuron sign) is.
    """
    kind = reading.finding
    return kind is not None and (kind.iri in vocab.red_flags or reading.axis == "reflex-gain")


def _split(vocab: Vocabulary, reading: Reading) -> list[Reading]:
    """A reading as the pieces of evidence it holds.

    A sign with a target ("sensory level at the umbilicus") says both that the cord is involved
    and at which level: the sign alone, and the target alone.
    """
    if not _is_sign(vocab, reading) or not reading.targets:
        return [reading]
    return [replace(reading, targets=()), replace(reading, finding=None, also=())]


def _features(vocab: Vocabulary, reading: Reading) -> list[Target]:
    """The graph entities whose weights count for a piece of evidence.

    Its targets and named findings count, and its kind when that is a sign in its own right
    (split from any target by :func:`_split`).
    """
    kind = [reading.finding] if reading.finding is not None and _is_sign(vocab, reading) else []
    return [*reading.targets, *reading.also, *kind]


#: A cord or cauda equina lesion explains root findings with no cord, saddle or sphincter sign
#: and nothing on both sides (a weak great toe and a lost ankle jerk on one side) less well than
#: the roots' own lesions.
_CENTRAL_WITHOUT_SIGNS = 0.5


def _central_evidence(found: dict[int, tuple[float, str]], evidence: list[Reading]) -> bool:
    """Whether a central lesion explains a cord, saddle or sphincter sign or a bilateral one."""
    return any("sign of" in path for _, path in found.values()) or any(
        evidence[i].side == "both" for i in found
    )


#: A unilateral (root) lesion explains a finding on both sides less well than a central one.
_BILATERAL_AT_ROOT = 0.6
#: A root lesion that may also press on the cord explains cord signs less well.
_SIGN_AT_ROOT = 0.5


def _finding_weights(
    runner: Runner, vocab: Vocabulary, lesions: Lesions, reading: Reading
) -> list[tuple[str, float, str]]:
    """(lesion, weight, path) for every lesion that explains the reading along its axis."""
    allowed = _AXES.get(reading.axis, {"finding"})
    both = reading.side == "both"
    out: list[tuple[str, float, str]] = []
    for feature in _features(vocab, reading):
        for row in feature_rows(runner, feature.iri):
            axis = row.get("axis", "")
            # a named finding counts along any axis (wrist drop: the weakness of wrist extension)
            if axis not in allowed and feature not in reading.also:
                continue
            weight = float(min(int(row["weight"]), 3))
            path = f"{feature.label}: {row.get('paths', '')}"
            if "lesion" in row:
                lesion = row["lesion"]
                at_root = lesions.info[lesion].root is not None
                out.append((lesion, weight * (_SIGN_AT_ROOT if at_root else 1.0), path))
                continue
            for lesion, share in lesions.by_root.get(row["root"], {}).items():
                at_root = lesions.info[lesion].root is not None
                factor = share * (_BILATERAL_AT_ROOT if both and at_root else 1.0)
                out.append(
                    (lesion, weight * factor, path if share == 1 else f"{path} (at its level)")
                )
    return out


def format_localization(answer: Localization, limit: int = 8) -> str:
    """The ranking as text: an urgency banner, each finding's reading, the best candidates."""
    lines: list[str] = []
    if answer.urgency:
        lines.append(f"!! {answer.urgency.upper()}: {'; '.join(answer.urgency_reasons)}")
    lines.append("findings:")
    lines += [f"  {r.text!r} -> {r.describe()}" for r in answer.readings]
    if answer.ignored:
        lines.append("ignored (not read):")
        lines += [f"  {ignored_text(i)}" for i in answer.ignored]
    lines.append("candidates (best first; the score ranks, it is not a probability):")
    for c in answer.candidates[:limit]:
        lines.append(f"  {c.score:.2f}  {c.lesion} ({c.root or c.compresses})")
        lines += [f"        explains {e.finding!r}: {e.path}" for e in c.explained]
        lines += [f"        does not explain {u!r}" for u in c.unexplained]
    return "\n".join(lines)


def _urgency(
    runner: Runner, vocab: Vocabulary, evidence: list[Reading], best: Candidate | None
) -> tuple[str | None, list[str]]:
    """How urgent the findings are, and why.

    A red flag among the findings signals the urgency of the conditions it is a red flag of;
    a best candidate that explains cord, conus or cauda equina signs, that of the conditions it
    causes. Both come from the catalog query ``red_flags``.
    """
    flags: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_lesion: dict[str, set[str]] = defaultdict(set)
    for row in rows(runner, "red_flags"):
        if "urgency" in row:
            flags[row["flag"]].append((row["conditionLabel"], row["urgency"]))
            for lesion in row.get("lesions", "").split("; "):
                by_lesion[lesion].add(row["urgency"])
    reasons: list[tuple[str, str]] = []
    for reading in evidence:
        for feature in _features(vocab, reading):
            conditions = flags.get(feature.iri, [])
            names = " or ".join(sorted({c for c, _ in conditions}))
            reasons += [(u, f"{feature.label}: a red flag of {names}") for _, u in conditions]
    if best is not None and best.root is None and any("sign of" in e.path for e in best.explained):
        for urgency in sorted(by_lesion.get(best.lesion, set())) or ["urgent"]:
            reasons.append(
                (urgency, f"the findings point to the {best.compresses} ({best.lesion})")
            )
    if not reasons:
        return None, []
    order = ["surgical emergency", "emergency", "urgent"]
    level = min((u for u, _ in reasons), key=lambda u: order.index(u) if u in order else 9)
    return level, list(dict.fromkeys(text for _, text in reasons))
