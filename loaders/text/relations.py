"""Relation extraction: cue words between typed mentions of one sentence.

Each rule names the categories of its subject and object and the cue words that signal the
relation; coordinated mentions ("numbness, tingling and weakness in the legs and feet") expand
to one claim per pair. Modality comes from NegEx (negspacy) on the object mention, corrected for
negations that sit in a conditional clause of their own ("if therapy does not help, surgery").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spinekg.loaders.text.pipeline import Mention

__all__ = ["RELATIONS", "Found", "extract_relations"]

#: Relation name -> the graph property (local name under spine:).
RELATIONS = {
    "causes": "causes",
    "compresses": "compresses",
    "has_symptom": "hasSymptom",
    "occurs_in": "occursIn",
    "affects_side": "hasLaterality",
    "treated_by": "treatedBy",
    "treatment_kind": "treatmentKind",
    "tried_before": "triedBefore",
    "innervates": "innervates",
    "risk_factor_for": "riskFactorFor",
    "diagnosed_by": "diagnosedBy",
}

JOINERS = {",", "and", "or", "/", "&", "and/or", "plus", "the", "a", "an", "both", "either", "of"}
BREAKS = {";", ":", ".", "but", "while", "whereas", "which", "although", "though", "so"}
NEGATIONS = {"not", "never", "no", "without", "cannot", "n't", "neither", "nor", "none"}
HEDGE_WORDS = {
    "may",
    "might",
    "can",
    "could",
    "sometimes",
    "potentially",
    "possibly",
    "probably",
    "perhaps",
    "occasionally",
    "some",
}
CONDITIONALS = {"if", "when", "unless", "once", "until", "whenever"}

CAUSE = {
    "cause",
    "causes",
    "caused",
    "causing",
    "lead",
    "leads",
    "led",
    "leading",
    "result",
    "results",
    "resulting",
    "produce",
    "produces",
    "produced",
    "producing",
    "trigger",
    "triggers",
    "triggered",
    "bring",
    "brings",
    "give",
    "gives",
    "create",
    "creates",
}
CAUSE_PASSIVE = {"due", "because", "from", "by"}
COMPRESS = {
    "compress",
    "compresses",
    "compressed",
    "compressing",
    "compression",
    "press",
    "presses",
    "pressed",
    "pressing",
    "pressure",
    "pinch",
    "pinches",
    "pinched",
    "pinching",
    "impinge",
    "impinges",
    "impinging",
    "squeeze",
    "squeezes",
    "squeezed",
    "squeezing",
    "irritate",
    "irritates",
    "irritating",
    "push",
    "pushes",
    "pushing",
}
SYMPTOM = {
    "symptom",
    "symptoms",
    "sign",
    "signs",
    "flag",
    "flags",
    "features",
    "feature",
    "complaint",
    "complaints",
}
PLACE = {
    "in",
    "into",
    "down",
    "along",
    "around",
    "over",
    "on",
    "at",
    "through",
    "across",
    "to",
    "throughout",
    "of",
    "affecting",
    "within",
    "behind",
    "under",
    "the",
    "a",
    "an",
    "your",
    "their",
    "his",
    "her",
    "its",
    "one",
    "both",
    "and",
    ",",
    "or",
}
TREAT = {
    "treat",
    "treats",
    "treated",
    "treating",
    "treatment",
    "treatments",
    "manage",
    "manages",
    "managed",
    "management",
    "relieve",
    "relieves",
    "relieved",
    "relief",
    "help",
    "helps",
    "ease",
    "eases",
    "improve",
    "improves",
    "therapy",
    "options",
    "option",
    "care",
    "remedy",
    "remedies",
    "respond",
    "responds",
    "recommended",
    "offered",
    "considered",
    "suggested",
    "needed",
    "indicated",
    "required",
}
FAIL = {
    "fail",
    "fails",
    "failed",
    "enough",
    "help",
    "helps",
    "work",
    "works",
    "improve",
    "improves",
    "relieve",
    "despite",
    "persist",
    "persists",
    "better",
    "first",
    "then",
    "before",
    "after",
    "later",
    "next",
}
INNERVATE = {
    "supplies",
    "supply",
    "supplied",
    "innervates",
    "innervate",
    "innervated",
    "controls",
    "control",
    "controlled",
    "powers",
    "serves",
    "drives",
    "runs",
    "feeds",
}
RISK = {
    "risk",
    "risks",
    "likely",
    "likelihood",
    "chance",
    "odds",
    "predispose",
    "predisposes",
    "contribute",
    "contributes",
    "raise",
    "raises",
    "increase",
    "increases",
}
DIAGNOSE = {
    "diagnose",
    "diagnosed",
    "diagnosis",
    "diagnosing",
    "confirm",
    "confirms",
    "confirmed",
    "detect",
    "detects",
    "detected",
    "show",
    "shows",
    "showed",
    "shown",
    "reveal",
    "reveals",
    "identify",
    "identifies",
    "test",
    "tested",
    "tests",
    "scan",
    "imaging",
    "check",
    "checks",
    "checked",
    "found",
    "seen",
    "examine",
    "examined",
    "reproduce",
    "reproduces",
    "suggests",
    "look",
    "looks",
}


@dataclass(frozen=True)
class Found:
    """One extracted relation between two mentions of a sentence."""

    subject: Mention
    relation: str
    object: Mention
    modality: str
    confidence: float


def extract_relations(tokens: Sequence[str], mentions: Sequence[Mention]) -> list[Found]:
    """Every relation the rules find in one sentence (tokens lower-cased)."""
    s = _Sentence([t.lower() for t in tokens], sorted(mentions, key=lambda m: m.start))
    found: dict[tuple[str, str, str], Found] = {}
    for rule in RULES:
        for item in rule(s):
            key = (str(item.subject.entity.iri), item.relation, str(item.object.entity.iri))
            if item.subject.entity.iri != item.object.entity.iri and key not in found:
                found[key] = item
    return list(found.values())


@dataclass
class _Sentence:
    tokens: list[str]
    mentions: list[Mention]

    def of(self, *categories: str) -> list[Mention]:
        return [m for m in self.mentions if m.category in categories]

    def cues(self, words: set[str], *, inside_mentions: bool = False) -> list[int]:
        if inside_mentions:
            return [i for i, t in enumerate(self.tokens) if t in words]
        covered = {i for m in self.mentions for i in range(m.start, m.end)}
        return [i for i, t in enumerate(self.tokens) if t in words and i not in covered]

    def clause(self, i: int) -> tuple[int, int]:
        """The token range of the clause around token ``i`` (between breaks)."""
        start = i
        while start > 0 and self.tokens[start - 1] not in BREAKS:
            start -= 1
        end = i
        while end < len(self.tokens) and self.tokens[end] not in BREAKS:
            end += 1
        return start, end

    def group_after(self, i: int, categories: set[str], *, gap: int = 4) -> list[Mention]:
        """Coordinated mentions of ``categories`` starting within ``gap`` tokens after ``i``."""
        return self._group(i, categories, gap, forward=True)

    def group_before(self, i: int, categories: set[str], *, gap: int = 4) -> list[Mention]:
        """Coordinated mentions of ``categories`` ending within ``gap`` tokens before ``i``."""
        return self._group(i, categories, gap, forward=False)

    def _group(self, i: int, categories: set[str], gap: int, *, forward: bool) -> list[Mention]:
        ordered = self.mentions if forward else list(reversed(self.mentions))
        group: list[Mention] = []
        edge = i + 1 if forward else i
        for m in ordered:
            if (forward and m.start < i) or (not forward and m.end > i + 1):
                continue
            between = self.tokens[edge : m.start] if forward else self.tokens[m.end : edge]
            if m.category not in categories:
                if group and not _only(between, JOINERS):
                    break
                continue
            allowed = JOINERS if group else None
            if any(t in BREAKS for t in between):
                break
            if allowed is not None and not _only(between, allowed):
                break
            if allowed is None and len(between) > gap:
                break
            group.append(m)
            edge = m.end if forward else m.start
        return group if forward else list(reversed(group))

    def modality(self, subject: Mention, obj: Mention, *, cue: int | None = None) -> str:
        first, last = sorted((subject, obj), key=lambda m: m.start)
        start, _ = self.clause(first.start)
        lo = min(first.start, cue if cue is not None else first.start)
        window = range(max(start, lo - 4), last.start)
        negation = [i for i in window if self.tokens[i] in NEGATIONS]
        if obj.negated or subject.negated or negation:
            if not negation or not all(self._conditional(i) for i in negation):
                if obj.negated or negation:
                    return "negated"
        hedged = [i for i in window if self.tokens[i] in HEDGE_WORDS]
        if obj.hedged or hedged:
            if not hedged or not all(self._conditional(i) for i in hedged):
                return "possible"
        return "asserted"

    def _conditional(self, i: int) -> bool:
        start, _ = self.clause_by_comma(i)
        return self.tokens[start] in CONDITIONALS or (
            start > 0 and self.tokens[start - 1] in CONDITIONALS
        )

    def clause_by_comma(self, i: int) -> tuple[int, int]:
        start = i
        while start > 0 and self.tokens[start - 1] not in BREAKS | {",", "-", "—"}:
            start -= 1
        return start, i


def _only(tokens: Iterable[str], allowed: set[str]) -> bool:
    return all(t in allowed for t in tokens)


def _pairs(
    s: _Sentence,
    relation: str,
    subjects: Iterable[Mention],
    objects: Iterable[Mention],
    confidence: float,
    *,
    cue: int | None = None,
    modality: str | None = None,
) -> Iterator[Found]:
    objects = list(objects)
    for subject in subjects:
        for obj in objects:
            yield Found(
                subject,
                relation,
                obj,
                modality or s.modality(subject, obj, cue=cue),
                confidence,
            )


# --------------------------------------------------------------------------- rules

CAUSERS = {"CONDITION", "MECHANISM"}
EFFECTS = {"FINDING", "CONDITION", "MECHANISM"}


def _after_in_clause(s: _Sentence, i: int, categories: set[str]) -> list[Mention]:
    _, end = s.clause(i)
    return [m for m in s.mentions if i < m.start < end and m.category in categories]


def _causes(s: _Sentence) -> Iterator[Found]:
    for i in s.cues(CAUSE):
        subjects = s.group_before(i, CAUSERS, gap=6)
        if not subjects:
            start, _ = s.clause(i)
            subjects = [m for m in s.of(*CAUSERS) if start <= m.start < i][:1]
        passive = i + 1 < len(s.tokens) and s.tokens[i + 1] == "by"
        objects = _after_in_clause(s, i, EFFECTS)
        if passive:
            subjects, objects = s.group_after(i + 1, CAUSERS), s.group_before(i, EFFECTS, gap=3)
        yield from _pairs(s, "causes", subjects, objects, 0.8, cue=i)
    for i in s.cues(CAUSE_PASSIVE):
        if s.tokens[i] == "by" and (i == 0 or s.tokens[i - 1] not in {"caused", "triggered"}):
            continue
        if s.tokens[i] == "from" and not s.group_before(i, {"FINDING"}, gap=1):
            continue
        nxt = i + 2 if s.tokens[i] in {"due", "because"} else i + 1
        causes = s.group_after(nxt - 1, CAUSERS, gap=3)
        effects = s.group_before(i, EFFECTS, gap=3)
        yield from _pairs(s, "causes", causes, effects, 0.7, cue=i)


def _compresses(s: _Sentence) -> Iterator[Found]:
    for i in s.cues(COMPRESS):
        passive = i + 1 < len(s.tokens) and s.tokens[i + 1] == "by"
        if passive:
            subjects = s.group_after(i + 1, {"CONDITION"})
            objects = s.group_before(i, {"NEURAL"}, gap=3)
        else:
            subjects = s.group_before(i, {"CONDITION"}, gap=8)
            objects = s.group_after(i, {"NEURAL"}, gap=4)
            if not subjects:
                subjects = [m for m in s.of("CONDITION") if m.start < i][:1]
        yield from _pairs(s, "compresses", subjects, objects, 0.8, cue=i)


def _has_symptom(s: _Sentence) -> Iterator[Found]:
    for i in s.cues(SYMPTOM, inside_mentions=True):
        after = s.group_after(i, {"CONDITION"}, gap=2)
        before = s.group_before(i, {"CONDITION"}, gap=2)
        conditions = after or before
        if not conditions:
            continue
        anchor = conditions[-1].end if after else i + 1
        findings = [m for m in s.of("FINDING") if m.start >= anchor and m.start != i]
        if not findings:
            findings = [
                m for m in s.group_before(conditions[0].start, {"FINDING"}, gap=6) if m.start != i
            ]
        yield from _pairs(s, "has_symptom", conditions, findings, 0.8, cue=i)


def _occurs_in(s: _Sentence) -> Iterator[Found]:
    """A run of findings followed by a place: "numbness and tingling in the legs and feet"."""
    run: list[Mention] = []
    edge = 0
    for m in s.mentions:
        between = s.tokens[edge : m.start]
        if m.category == "FINDING":
            run = [*run, m] if run and _only(between, JOINERS) else [m]
        elif m.category == "BODY" and run and _only(between, PLACE | JOINERS):
            if len(between) <= 4:
                bodies = s.group_after(run[-1].end - 1, {"BODY"}, gap=4)
                yield from _pairs(s, "occurs_in", run, bodies, 0.8)
            run = []
        elif m.category != "BODY":
            run = []
        edge = m.end


def _affects_side(s: _Sentence) -> Iterator[Found]:
    for side in s.of("SIDE"):
        subjects = [m for m in s.mentions if m.end <= side.start and m.category == "FINDING"]
        subjects = subjects or [
            m for m in s.mentions if m.end <= side.start and m.category == "CONDITION"
        ]
        yield from _pairs(s, "affects_side", subjects, [side], 0.7)


def _treated_by(s: _Sentence) -> Iterator[Found]:
    treatments = s.of("TREATMENT")
    if not treatments or (not s.cues(TREAT) and not s.of("KIND")):
        return
    targets = s.of("CONDITION", "FINDING")
    fails = _fail_cue(s)
    for target in targets[:1] if len(targets) > 2 else targets:
        for t in treatments:
            modality = None
            if fails is not None and t.start > fails:
                modality = "possible"
            yield from _pairs(s, "treated_by", [target], [t], 0.6, modality=modality)


def _treatment_kind(s: _Sentence) -> Iterator[Found]:
    for kind in s.of("KIND"):
        word = kind.entity.label.lower()[:5]
        _, end = s.clause(kind.start)
        after = [m for m in s.of("TREATMENT") if kind.end <= m.start < end]
        before = s.group_before(kind.start, {"TREATMENT"}, gap=4)
        for t in after or before:
            if word not in t.entity.label.lower():
                yield Found(t, "treatment_kind", kind, "asserted", 0.7)


def _fail_cue(s: _Sentence) -> int | None:
    for i, t in enumerate(s.tokens):
        if t in {"fail", "fails", "failed", "despite"}:
            return i
        if t in {"enough", "help", "helps", "work", "works", "improve", "improves", "relieve"}:
            if any(s.tokens[j] in NEGATIONS for j in range(max(0, i - 4), i)):
                return i
    return None


def _tried_before(s: _Sentence) -> Iterator[Found]:
    i = _fail_cue(s)
    if i is None:
        return
    treatments = s.of("TREATMENT")
    kinds = [k for k in s.of("KIND") if k.entity.label == "conservative"]
    if s.tokens[i] == "despite":
        first = [t for t in treatments if t.start > i]
        later = [t for t in treatments if t.start < i]
    else:
        first = [t for t in treatments if t.start < i]
        later = [t for t in treatments if t.start > i]
        start, _ = s.clause_by_comma(i)
        if first and any(t.start < start for t in first):
            inner = [t for t in first if t.start >= start - 1]
            first = inner or first[-1:]
        if not first and kinds:
            first = kinds[:1]
    for a in first:
        for b in later:
            if a.category == "KIND":
                yield Found(a, "tried_before", b, "asserted", 0.6)
            else:
                yield Found(a, "tried_before", b, _hedge_only(s, b), 0.7)


def _hedge_only(s: _Sentence, obj: Mention) -> str:
    start, _ = s.clause_by_comma(obj.start)
    window = s.tokens[start : obj.end + 3]
    return "possible" if any(t in HEDGE_WORDS for t in window) or obj.hedged else "asserted"


def _innervates(s: _Sentence) -> Iterator[Found]:
    roots = [m for m in s.of("NEURAL") if "root" in m.entity.label]
    for i in s.cues(INNERVATE):
        passive = i + 1 < len(s.tokens) and s.tokens[i + 1] == "by"
        if passive:
            subjects = [m for m in roots if m.start > i]
            objects = s.group_before(i, {"MUSCLE"}, gap=4)
        else:
            subjects = [m for m in roots if m.end <= i][-1:]
            objects = [m for m in s.of("MUSCLE") if m.start > i]
        yield from _pairs(s, "innervates", subjects, objects, 0.7, cue=i)


def _risk(s: _Sentence) -> Iterator[Found]:
    cues = s.cues(RISK)
    if not cues:
        return
    yield from _pairs(s, "risk_factor_for", s.of("RISK"), s.of("CONDITION")[:1], 0.6, cue=cues[0])


def _diagnosed(s: _Sentence) -> Iterator[Found]:
    tests = s.of("TEST")
    if not tests or not s.cues(DIAGNOSE):
        return
    yield from _pairs(s, "diagnosed_by", s.of("CONDITION", "FINDING")[:2], tests, 0.6)


RULES = (
    _causes,
    _compresses,
    _has_symptom,
    _occurs_in,
    _affects_side,
    _treated_by,
    _treatment_kind,
    _tried_before,
    _innervates,
    _risk,
    _diagnosed,
)
