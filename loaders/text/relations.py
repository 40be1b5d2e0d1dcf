"""Relation extraction: cue words between typed mentions of one sentence.

Each rule names the categories of its subject and object and the cue words that signal the
relation; coordinated mentions ("numbness, tingling and weakness in the legs and feet") expand
to one claim per pair. Modality comes from NegEx (:mod:`.negex`) on the object mention,
corrected for negations that sit in a conditional clause of their own ("if therapy does not
help, surgery").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from spinekg.kernel.namespaces import SPINE
from spinekg.loaders.text.lexicon import Lexicon
from spinekg.loaders.text.pipeline import HEDGES, NOT_DENYING, TRAVEL, Mention
from spinekg.loaders.text.tokens import word

__all__ = [
    "RELATIONS",
    "Found",
    "compression_stated",
    "extract_relations",
    "generic",
    "local_id",
    "named_as_cause",
    "root_named",
    "steps_apart",
    "symptoms_named",
]

#: Relation name -> the graph property (local name under spine:), or the properties to try in
#: turn, the first whose domain and range the claim keeps to: a root "innervates" a muscle and
#: "supplies" a skin area.
RELATIONS: dict[str, tuple[str, ...]] = {
    "causes": ("causes",),
    "compresses": ("compresses",),
    "has_symptom": ("hasSymptom",),
    "occurs_in": ("occursIn",),
    "affects_side": ("hasLaterality",),
    "treated_by": ("treatedBy",),
    "treatment_kind": ("treatmentKind",),
    "tried_before": ("triedBefore",),
    "innervates": ("innervates", "supplies"),
    "risk_factor_for": ("riskFactorFor",),
    "diagnosed_by": ("diagnosedBy",),
}

#: Words that describe how a finding feels or how strong it is, inside a list of findings:
#: "weakness, numbness, and hot, shooting pains".
QUALITIES = {
    "hot",
    "sharp",
    "dull",
    "severe",
    "mild",
    "moderate",
    "intense",
    "constant",
    "sudden",
    "stabbing",
    "aching",
    "searing",
    "throbbing",
    "widespread",
    "significant",
}
JOINERS = {
    ",",
    "and",
    "or",
    "/",
    "/or",
    "&",
    "and/or",
    "plus",
    "the",
    "a",
    "an",
    "both",
    "either",
    "of",
    '"',  # a quoted item: 'weakness or "pins and needles" in the arm'
    "\u201c",
    "\u201d",
    *QUALITIES,
}
BREAKS = {";", ":", ".", "but", "while", "whereas", "which", "although", "though", "so", "\u2014"}
#: What ends a comma clause: a break or a comma.
SEGMENT_BREAKS = BREAKS | {","}
#: What opens a comma clause: a break, a comma or a dash.
COMMA_BREAKS = SEGMENT_BREAKS | {"-", "\u2014"}
#: Pronouns that open a clause of their own after "and": "... and you have numbness".
SUBJECT_PRONOUNS = {"you", "it", "they", "he", "she", "we", "i", "this", "these"}
NEGATIONS = {"not", "never", "no", "without", "cannot", "n't", "neither", "nor", "none"}
#: Single-word hedges: the pipeline's one-word cues, "some" of "some patients", "possible".
HEDGE_WORDS = {cue for cue in HEDGES if " " not in cue} | {"some", "possible", "rare", "uncommon"}
CONDITIONALS = {"if", "when", "unless", "once", "until", "whenever", "depending"}
#: Words that put a later treatment after an earlier one: "rest first, then physical therapy".
SEQUENCE = {"then", "followed", "next", "later", "before", "if", "when", "unless", "afterwards"}
#: Words that introduce what a treatment eases rather than the condition it treats.
PURPOSE = {"to", "ease", "eases", "relieve", "relieves", "reduce", "reduces", "help", "helps"}
#: Words of how a condition goes, which a negation after both ends is about: "pain due to a
#: herniation that does not get better" still says the herniation causes the pain.
COURSE = {"better", "improve", "improves", "go", "away", "resolve", "resolves", "heal", "heals"}
#: Marks that open and close an aside: brackets, and quotes around a gloss.
ASIDE_OPENS = {"(", "\u201c", '"'}
ASIDE_CLOSES = {")", "\u201d", '"'}
#: Words that deny by frequency: "an operation is rarely required".
RARELY = {"rarely", "seldom", "unlikely", "hardly"}
#: What "few" counts when it speaks of frequency: "in a few cases", "few patients".
FEW_OF = {"cases", "people", "patients", "instances", "individuals", "adults", "of", "persons"}
#: Words that set a clause against the one before: "X can help, but surgery is for ...".
OPPOSING = {"but", "however", "whereas", "while", "although", "though"}
#: Words that open a clause of its own after a comma.
CLAUSE_JOINERS = {"and", "but", "so", "yet", "while", "whereas"}
#: Words that refer back to what the page or paragraph is about.
ANAPHORS = {"it", "this", "they", "these", "that", "which", "condition", "problem", "injury"}
#: Pronouns that open a relative clause: "conditions that may cause".
RELATIVES = {"that", "which"}

CAUSE = {
    "entail",
    "entails",
    "weakens",
    "weaken",
    "abolishes",
    "abolish",
    "reduces",
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
#: Causing verbs that lessen: a condition reduces a reflex, a treatment reduces pain.
LESSENS = {"reduces", "weakens", "weaken", "abolishes", "abolish"}
CAUSE_PASSIVE = {"due", "because", "from", "by"}
#: Nouns of causing: "the cause of sciatica is ...", "the result of arthritis".
RESULT_NOUNS = {"result", "consequence", "product", "outcome"}
RESULT_NOUNS |= {"results", "consequences", "outcomes"}  # "one of the results of X"
CAUSE_NOUNS = {
    "cause",
    "causes",
    "reason",
    "reasons",
    "culprit",
    "culprits",
    "source",
    "sources",
    *RESULT_NOUNS,
}
COPULAS = {"is", "are", "was", "include", "includes", "including", "being"}
#: Verbs of "X occurs when Y ...", which names a cause of X.
HAPPENS = {"occurs", "occur", "happens", "happen", "develops", "develop", "arises", "arise"}
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
    "push",
    "pushes",
    "pushing",
    "squash",
    "squashes",
    "squashed",
    "squashing",
    "smash",
    "smashes",
    "smashed",
    "smashing",
    "crush",
    "crushes",
    "crushed",
    "crushing",
}
SYMPTOM = {
    "signal",
    "signals",
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
SENSATION = {
    "might",  # "pain might start in the back"
    "could",
    "is",
    "are",
    "was",
    "felt",
    "feel",
    "feels",
    "affects",
    "affect",
    "affecting",
    "reaches",
    "reach",
    "spreads",
    "spread",
    "radiates",
    "radiate",
    "radiating",
    "runs",
    "run",
    "travels",
    "travel",
    "goes",
    "go",
    "shoots",
    "shoot",
    "extends",
    "extend",
    "from",
    "through",
    "down",
    "into",
    "usually",
    "often",
    "typically",
    "mainly",
    "mostly",
    "also",
    "can",
    "may",
    "be",
    "begins",
    "begin",
    "starts",
    "start",
    "originates",
    "originate",
    "arises",
    "arise",
    "most",
    "commonly",
    "occur",  # "the symptoms can occur anywhere from the neck to the fingers"
    "occurs",
    "appear",
    "appears",
    "anywhere",
    "part",
    "parts",
    # "a tingling sensation in the foot", "a numb feeling in the hand"
    "sensation",
    "sensations",
    "feeling",
    "feelings",
    # "numbness in the buttock and extending down the leg"
    "extending",
    "spreading",
    "travelling",
    "traveling",
    "shooting",
    "running",
    "reaching",
    # "pain may be experienced in the calf", "and can continue into the toes"
    "experienced",
    "noticed",
    "continue",
    "continues",
    "continuing",
}
EXTRA_JOINERS = {
    "along",  # "numbness along with pain"
    "such",  # "an injury, such as a car accident": the example is named too
    "together",
    "with",
    "as",
    "well",
    "also",
    "plus",
    "even",
    "sometimes",
    "often",
    "usually",
    "occasionally",
    "possibly",
    "perhaps",
    "maybe",
    "commonly",
    "typically",
    "frequently",
    "eventually",
    "rarely",
    "other",
    "related",
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
    "involving",  # "weakness involving the legs"
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
#: Further words that may stand between a finding and where it is felt ("the pain will often
#: reach below the knee", "pain in one part of the leg", "in the corresponding buttock", "down
#: the thigh, sometimes as far as the knee").
PLACE |= {
    "downwards",  # "radiates downwards towards the feet"
    "downward",
    "between",  # "pain between the shoulder blades"
    "each",  # "down the outside of each thigh"
    "either",
    "patient",  # "pain in the patient's legs"
    "person",
    "'s",
    "\u2019s",
    "corresponding",
    "matching",
    "same",
    "opposite",
    "far",
    "as",
    "part",
    "parts",
    "area",
    "areas",
    "side",
    "sides",
    "region",
    "regions",
    "portion",
    "front",
    "top",
    "bottom",
    "inside",
    "outside",
    "below",
    "above",
    "past",
    "beyond",
    "up",
    "out",
    "toward",
    "towards",
    "way",
    "all",
    "will",
    "would",
    "then",
    "even",
    "sometimes",
    "moves",
    "move",
    "moving",
    "travels",
    "travel",
    "traveling",
    "travelling",
    "shoots",
    "shooting",
    "radiating",
    "running",
    "felt",
    "feel",
    "affect",
    "affects",
    "most",
    "commonly",
    "common",
    "these",
    "this",
    "that",
    "which",
    "lateral",
    "medial",
    "outer",
    "inner",
    "upper",
    "lower",
    "back",
    "tips",
    "entire",
    "whole",
    "length",  # "weakness along the length of the arm"
    "affected",  # "weakness in the affected leg"
    "including",  # "pain along the arm, including the wrist and thumb"
    "especially",
    "particularly",
    "certain",
    "specific",
    "usually",
}

TREAT = {
    "prescribe",
    "prescribes",
    "prescribed",
    "recommend",
    "recommends",
    "advise",
    "advises",
    "recover",
    "recovers",
    "better",
    "reduce",
    "reduces",
    "need",
    "needs",
    "refer",
    "improved",
    "heal",
    "heals",
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
    "require",
    "requires",
    "performed",
    "given",
    "administered",
    "tried",
    "used",
    "beneficial",
    "effective",
}
#: Words that say a treatment did not work: "if rest fails", "despite", "if the pain persists".
FAILED = {"fail", "fails", "failed", "despite", "unresponsive", "persist", "persists", "exhausted"}
#: Words that, negated, say a treatment did not work: "does not help", "has not responded to".
WORKED = {
    "successful",  # "if other treatments have not been successful"
    "effective",
    "succeed",
    "enough",
    "help",
    "helps",
    "helped",
    "work",
    "works",
    "worked",
    "improve",
    "improves",
    "improved",
    "relieve",
    "better",
    "responded",
    "respond",
    "responds",
    "relief",
}
#: Verbs and nouns of a nerve carrying its messages: "carries signals to the calf".
SIGNAL_VERBS = {"carry", "carries", "send", "sends", "transmit", "transmits", "relay", "relays"}
SIGNALS = {"signals", "messages", "impulses"}
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
    "innervation",  # "the C7 root gives most of the innervation to the triceps"
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
#: Risk words that say to what: "more vulnerable to rupture".
PRONE = {"vulnerable", "susceptible", "prone"}
RISK |= PRONE
#: Words of a risk factor's own name that say it is one: "a genetic predisposition", "herniated
#: discs run in families".
RISK_NAMES = {"predisposition", "predisposed", "run", "runs"}
DIAGNOSE = {
    "rules",  # "rules out a fracture"
    "ruled",
    "exclude",
    "excludes",
    "positive",
    "indicate",
    "indicates",
    "support",
    "supports",
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
    "pinpoint",
    "locate",
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
    "determine",
    "determines",
    "assess",
    "assesses",
    "evaluate",
    "evaluates",
    "visualize",
    "visualise",
    "find",
    "rule",
    # the other forms: "the method of choice for evaluating radiculopathy", "lets the doctor
    # see a herniated disc"
    "evaluating",
    "evaluated",
    "evaluation",
    "assessing",
    "assessed",
    "identifying",
    "identified",
    "detecting",
    "revealed",
    "showing",
    "see",
    "sees",
}


@dataclass(frozen=True)
class Found:
    """One extracted relation between two mentions of a sentence."""

    subject: Mention
    relation: str
    object: Mention
    modality: str
    confidence: float


def extract_relations(
    tokens: Sequence[str],
    mentions: Sequence[Mention],
    lexicon: Lexicon,
    *,
    topic: Mention | None = None,
    recent: dict[str, Mention] | None = None,
    symptoms_of: Mention | None = None,
    pressed: Mention | None = None,
    root: Mention | None = None,
) -> list[Found]:
    """Every relation the rules find in one sentence (tokens lower-cased).

    :param topic: what the page or section is about, standing for an omitted subject ("It can
        cause numbness", "Symptoms include numbness", "Treatment starts with rest").
    :param recent: the last mention of each category in the sentences before, for "it" and
        "this" ("The sciatic nerve ... It supplies the calf").
    :param lexicon: the vocabulary: the spinal region a body part or a regional herniation
        names, and the entities a rule names by id (the care of a kind, a compression).
    :param symptoms_of: what the sentence before named the symptoms of ("... the symptoms of
        sciatica. These include numbness and weakness").
    :param pressed: the compression the sentence before stated, which "this" names ("... a disc
        presses on the root. This can lead to weakness").
    :param root: the one root a list's lead-in names, whose deficits its items list ("Symptoms
        if the affected root is L5:").
    """
    s = _Sentence(
        [word(t) for t in tokens],
        sorted(mentions, key=lambda m: m.start),
        lexicon,
        topic,
        recent or {},
        symptoms_of,
        pressed,
        root,
    )
    found = _unique([item for rule in RULES for item in rule(s)])
    found = _unique(
        [
            *found,
            *_what_a_root_supplies(s, found),
            *_compression_results(s, found),
            *_compressors(s, found),
        ]
    )
    described = _described(s)
    kept = [
        f for f in found if not (f.relation in SYMPTOM_RELATIONS and f.object.start in described)
    ]
    return _unique(_as_defined(s, [_regional_root(s, f) for f in kept]))


def _regional_root(s: _Sentence, f: Found) -> Found:
    """A root pressed by a herniation of a named region is a root of that region.

    "A herniated disc in the lower back may press on a nerve root" and "a cervical disc
    herniation compresses the nerve" press on a lumbar and a cervical root.
    """
    if f.relation != "compresses" or local_id(f.object) != "spinal-nerve-root-unspecified":
        return f
    if f.subject.start < 0:  # the topic: its region is the page's, not the sentence's
        return f
    named = s.lexicon.phrases.get(f.subject.text.lower(), [])
    region = s.lexicon.region_of(f.subject.entity.iri) if f.subject.entity in named else None
    local = REGION_ROOTS.get(region.local_id) if region is not None else None
    local = local or _region_root(s, f.subject)
    structure = s.named(f.object, local)
    return f if structure is None else replace(f, object=structure)


def _unique(found: list[Found]) -> list[Found]:
    """One claim per subject, relation and object, the first found; none of a thing to itself."""
    out: dict[tuple[str, str, str], Found] = {}
    for f in found:
        if f.subject.entity.iri != f.object.entity.iri:
            out.setdefault((str(f.subject.entity.iri), f.relation, str(f.object.entity.iri)), f)
    return list(out.values())


#: Relations that say a finding is had, which a description of how it feels does not.
SYMPTOM_RELATIONS = {"causes", "has_symptom"}
#: What introduces a description of how a finding feels: "it may feel like a burning pain".
LIKE = {"like", "as"}
FEEL_VERBS = {"feel", "feels", "felt"}


def _described(s: _Sentence) -> set[int]:
    """Where findings are described rather than said to be had (their first tokens).

    "It may feel like a mild tingling or a burning pain" says how the pain feels; "pain from a
    disc herniation may feel sharp" what it is like. The annotation leaves pain quality out,
    and the tingling of the simile is no symptom.
    """
    out: set[int] = set()
    for i, token in enumerate(s.tokens[:-1]):
        if token not in FEEL_VERBS:
            continue
        _, end = s.clause(i)
        if s.tokens[i + 1] in LIKE:  # "feels like", "feels as if": the simile's findings
            out |= {m.start for m in s.of("FINDING") if i < m.start < end}
        elif not any(m.start == i + 1 for m in s.mentions):  # "pain ... may feel sharp"
            start, _ = s.clause(i)
            out |= {m.start for m in s.of("FINDING") if start <= m.start and m.end <= i}
    return out


@dataclass
class _Sentence:
    tokens: list[str]
    mentions: list[Mention]
    lexicon: Lexicon
    topic: Mention | None = None
    recent: dict[str, Mention] = field(default_factory=dict)
    symptoms_of: Mention | None = None
    pressed: Mention | None = None
    root: Mention | None = None
    _by_category: dict[tuple[str, ...], list[Mention]] = field(default_factory=dict)
    _aside: set[int] | None = None

    @cached_property
    def definition(self) -> tuple[Mention, list[Mention], int] | None:
        """The definition the sentence gives, if any (see :func:`_definition`)."""
        return _definition(self)

    @property
    def aside(self) -> set[int]:
        """Tokens of an aside in brackets or quotes (see :func:`asides`)."""
        if self._aside is None:
            self._aside = asides(self.tokens)
        return self._aside

    def implicit(self, *categories: str) -> list[Mention]:
        """The topic, as the subject a sentence leaves out, if it is of ``categories``.

        "This condition" opening a sentence is the condition named last, when one was.
        """
        if "CONDITION" in categories and self.tokens[1:2] in (["condition"], ["syndrome"]):
            if self.tokens[0] in {"this", "the", "that"} and "CONDITION" in self.recent:
                return self.antecedent("CONDITION")
        if self.topic is not None and self.topic.category in categories:
            return [self.topic]
        return []

    def announced(self) -> list[Mention]:
        """What the sentence before named the symptoms of, standing before this sentence."""
        m = self.symptoms_of
        return [replace(m, start=-1, end=-1, text="")] if m is not None else []

    def this_compression(self, i: int) -> list[Mention]:
        """The compression the sentence before stated, if "this" opens the clause before ``i``."""
        start, _ = self.clause(i)
        opens = self.tokens[start : start + 1] == ["this"]
        named = any(start <= m.start < i for m in self.mentions)
        return [self.pressed] if self.pressed is not None and opens and not named else []

    def antecedent(self, category: str) -> list[Mention]:
        """The last mention of ``category`` before this sentence, standing before it."""
        m = self.recent.get(category)
        return [replace(m, start=-1, end=-1, text="")] if m is not None else []

    def anaphor_before(self, i: int) -> bool:
        """Whether the clause before token ``i`` refers back: "it", "this", "the condition".

        Not "that" or "which" after a word that names nothing: in "other conditions that may
        cause X", "that" is those conditions.
        """
        start, _ = self.clause(i)
        return any(
            t in ANAPHORS and not self._relative_to_unnamed(k)
            for k, t in enumerate(self.tokens[start:i], start)
        )

    def _relative_to_unnamed(self, k: int) -> bool:
        """Whether token ``k`` is "that" or "which" after a word no mention covers."""
        if self.tokens[k] not in RELATIVES or k == 0:
            return False
        before = k - 2 if self.tokens[k - 1] == "," and k > 1 else k - 1
        word = self.tokens[before]
        return word.isalpha() and word not in ANAPHORS and before not in self._covered

    def of(self, *categories: str) -> list[Mention]:
        """The sentence's mentions of ``categories``, in order (a fresh list, remembered)."""
        if categories not in self._by_category:
            self._by_category[categories] = [m for m in self.mentions if m.category in categories]
        return list(self._by_category[categories])

    def named(self, m: Mention, local: str | None) -> Mention | None:
        """``m``'s words standing for ``spine:<local>`` (see :func:`named`)."""
        return named(m, local, self.lexicon)

    def cues(self, words: set[str], *, inside_mentions: bool = False) -> list[int]:
        """Where ``words`` stand in the sentence, in order; not inside a mention unless asked."""
        at = [i for w in self._positions.keys() & words for i in self._positions[w]]
        if not inside_mentions:
            at = [i for i in at if i not in self._covered]
        return sorted(at)

    @cached_property
    def _positions(self) -> dict[str, list[int]]:
        """Each word of the sentence and where it stands."""
        out: dict[str, list[int]] = {}
        for i, t in enumerate(self.tokens):
            out.setdefault(t, []).append(i)
        return out

    @cached_property
    def _covered(self) -> set[int]:
        """The tokens inside the sentence's mentions."""
        return {i for m in self.mentions for i in range(m.start, m.end)}

    def list_end(self, i: int) -> tuple[int, set[int]]:
        """Where a list in the clause of token ``i`` ends, and the relative clauses inside it.

        "X, which narrows the canal, and Y" goes on past the relative clause.
        """
        _, end = self.clause(i)
        relative: set[int] = set()
        while (past := _past_relative(self, end)) is not None:
            relative |= set(range(end - 1, past))
            end = self.clause(past)[1]
        return end, relative

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
        # a level names which disc: "symptoms of L4-L5 disc herniation" has no gap
        levels = {k for m in self.mentions if m.category == "LEVEL" for k in range(m.start, m.end)}
        skipped = levels | self.aside  # an aside in a list is no gap: "X (an aside), Y"
        for m in ordered:
            if (forward and m.start < i) or (not forward and m.end > i + 1):
                continue
            if group and m.start in self.aside:
                continue
            span = range(edge, m.start) if forward else range(m.end, edge)
            between = [self.tokens[k] for k in span if k not in skipped]
            if m.category not in categories:
                if group and not _only(between, JOINERS):
                    break
                continue
            allowed = JOINERS | ITEM_TAILS if group else None
            if any(t in BREAKS for t in between):
                break
            items = _without_unknown_items(_without_item_tail(between))
            if allowed is not None and not _only(items, allowed):
                break
            if allowed is None and len(between) > gap:
                break
            group.append(m)
            edge = m.end if forward else m.start
        return group if forward else list(reversed(group))

    def modality(self, subject: Mention, obj: Mention, *, cue: int | None = None) -> str:
        """Asserted, possible or negated: the cues between the two ends and right after them.

        Hedges and negations count from a little before the first end to the end of the
        clause of the last ("an operation might be advised", "is not needed"); a negation in
        a clause of its own ("..., and most cases can be treated") does not count, nor one in
        an "if" clause. "Rarely" and "seldom" negate; an "if", "when" or "depending" clause
        makes a statement possible.
        """
        if subject.start < 0:  # the topic: the sentence only names the object
            subject = obj if cue is None else replace(obj, start=min(cue, obj.start))
        first, last = sorted((subject, obj), key=lambda m: m.start)
        start, _ = self.clause(first.start)
        # a hedge before a list is each item's: "lists gabapentin, pregabalin or ... as options"
        run = self.group_before(first.end - 1, {first.category}, gap=1) or [first]
        lo = min(run[0].start, first.start, cue if cue is not None else first.start)
        segment = self.clause_by_comma(last.start)[0]
        before = range(max(start, lo - 4), last.start)
        after = range(last.end, self._hedge_scope_end(self._past_examples(last)))
        negation = [
            i
            for i in (*before, *after)
            if self.tokens[i] in NEGATIONS
            and not self._other_clause(i, segment, cue)
            and not self._new_subject(i, last.start)
            and not self._denies_another(i, last.start)
            and not (i >= last.end and self._of_course(i))
            and not set(self.tokens[i + 1 : i + 2]) & NOT_DENYING
            # "surgery may help when rest does not": the "when" clause's own negation
            and not (i >= last.end and CONDITIONALS.intersection(self.tokens[last.end : i]))
        ]
        if any(self._rarely(i) for i in (*before, *after)):
            return "negated"
        # NegEx's reach past a negation that another mention takes: "without surgery, using X"
        denied = obj.negated and not self._only_another_denied(start, obj.start)
        if denied or subject.negated or negation:
            if not negation or not all(self._conditional(i) for i in negation):
                if denied or negation:
                    return "negated"
        hedged = [i for i in (*before, *after) if self._hedge(i)]
        _, clause_end = self.clause(last.start)
        hedged += [i for i in range(start, clause_end) if self._minority(i)]
        if obj.hedged or hedged or self._conditional(last.start):
            if not hedged or not all(self._conditional(i) for i in hedged):
                return "possible"
        return "asserted"

    def _of_course(self, i: int) -> bool:
        """Whether the negation at ``i`` is about how a condition goes: "does not get better".

        Not a comparison: "pregabalin was no better than placebo" denies the pregabalin.
        """
        words = self.tokens[i + 1 : i + 4]
        return bool(set(words) & COURSE) and "than" not in words

    def _past_examples(self, m: Mention) -> int:
        """Where the examples a mention's "such as" or "including" lists end, or its own end.

        "Gabapentinoids such as gabapentin and pregabalin are sometimes prescribed": the hedge
        after the examples is the gabapentinoids' too.
        """
        width = _example_lead(self.tokens, m.end)
        if not width:
            return m.end
        examples = self.group_after(m.end + width - 1, {m.category}, gap=1)
        return examples[-1].end if examples else m.end

    def _rarely(self, i: int) -> bool:
        """Whether token ``i`` denies by frequency: "rarely", "few patients need surgery"."""
        token = self.tokens[i]
        return token in RARELY or (self._few(i) and self.tokens[i - 1 : i] != ["a"])

    def _hedge(self, i: int) -> bool:
        """Whether token ``i`` hedges: "may", "sometimes", "in a few cases"."""
        token = self.tokens[i]
        return token in HEDGE_WORDS or (self._few(i) and self.tokens[i - 1 : i] == ["a"])

    def _minority(self, i: int) -> bool:
        """Whether token ``i`` is the "%" of a minority of cases: "in 28% of patients"."""
        of_whom = self.tokens[i + 1 : i + 3]
        if self.tokens[i] != "%" or i == 0 or of_whom[:1] != ["of"] or of_whom[1:] == []:
            return False
        if of_whom[1] not in FEW_OF:
            return False
        numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", self.tokens[i - 1])]
        return bool(numbers) and max(numbers) < 50

    def _few(self, i: int) -> bool:
        """Whether token ``i`` counts cases or people: "few patients", not "a few days"."""
        return self.tokens[i] == "few" and self.tokens[i + 1 : i + 2] in [[w] for w in FEW_OF]

    def _hedge_scope_end(self, i: int) -> int:
        """Where the cues after an end stop counting: at the end of its comma clause.

        Not past "and may" or "and rarely": that cue belongs to what follows ("starts in the
        back and may spread", "causes pain and rarely weakness").
        """
        end = self._segment_end(i, limit=6)
        for j in range(i, end - 1):
            if self.tokens[j] in {"and", "or", "but"} and self.tokens[j + 1] in LATER_CUES:
                return j
        return end

    def _segment_end(self, i: int, *, limit: int) -> int:
        """Where the comma clause that starts at ``i`` ends, at most ``limit`` tokens on."""
        end = i
        while end < min(len(self.tokens), i + limit) and self.tokens[end] not in SEGMENT_BREAKS:
            end += 1
        return end

    def _other_clause(self, i: int, segment: int, cue: int | None) -> bool:
        """A negation in a clause of its own before the one of the claim: "does not ..., and"."""
        if i >= segment:
            return False
        between = self.tokens[i:segment]
        joined = any(
            self.tokens[j] == ","
            and j + 1 < len(self.tokens)
            and self.tokens[j + 1] in CLAUSE_JOINERS
            for j in range(i, segment)
        )
        return joined and (cue is None or cue >= segment) and "," in between

    def _denies_another(self, i: int, j: int) -> bool:
        """Whether the negation at ``i`` is of a mention of its own, set off before token ``j``.

        "Without surgery, using physical therapy": the negation is the surgery's. Not in a list,
        which the negation is of as a whole: "no back pain, neck pain or arm symptoms".
        """
        after = self.tokens[i + 1] if i + 1 < len(self.tokens) else ""
        k = i + 1 + (after in ARTICLES | {"any"})  # "without (any) surgery"
        denied = next((m for m in self.mentions if m.start == k and m.end < j), None)
        if denied is None:
            return False
        between = self.tokens[denied.end : j]
        return bool({",", "but"} & set(between)) and not _only(between, JOINERS)

    def _only_another_denied(self, start: int, j: int) -> bool:
        """Whether every negation from ``start`` to token ``j`` is another mention's own."""
        at = [i for i in range(start, j) if self.tokens[i] in NEGATIONS]
        return bool(at) and all(self._denies_another(i, j) for i in at)

    def _new_subject(self, i: int, j: int) -> bool:
        """Whether a clause with its own subject starts between tokens ``i`` and ``j``.

        "If you are not active and you have numbness": the numbness is not denied.
        """
        return any(
            self.tokens[k] in CLAUSE_JOINERS and self.tokens[k + 1] in SUBJECT_PRONOUNS
            for k in range(i + 1, j - 1)
        )

    def _conditional(self, i: int) -> bool:
        start, _ = self.clause_by_comma(i)
        if start > 0 and start - 1 == label_end(self.tokens) and self.tokens[start] in EXPLAINS:
            return False  # "Slipping spine: when a vertebra slips forward" explains the label
        return self.tokens[start] in CONDITIONALS or (
            start > 0 and self.tokens[start - 1] in CONDITIONALS
        )

    def clause_by_comma(self, i: int) -> tuple[int, int]:
        start = i
        while start > 0 and self.tokens[start - 1] not in COMMA_BREAKS:
            start -= 1
        return start, i


def named(m: Mention, local: str | None, lexicon: Lexicon) -> Mention | None:
    """``m``'s words standing for the graph entity ``spine:<local>``, if the graph has it.

    "Conservatively" stands for conservative care, "is pinched" for a compression.
    """
    entity = lexicon.by_iri.get(SPINE[local]) if local else None
    return replace(m, entity=entity) if entity is not None else None


#: What ends the label an item opens on: "Arthritis: where bony growth pinches the nerve".
LABEL_ENDS = {":", "-", "\u2013", "\u2014"}
#: Words that open an explanation of an item's label rather than more items.
EXPLAINS = {"where", "when", "which", "whereby", "wherein"}
#: The most words a label has.
LABEL_WORDS = 6


def label_end(tokens: Sequence[str]) -> int | None:
    """Where the label that a sentence opens on ends: the colon or dash after its first words."""
    return next((i for i, t in enumerate(tokens[: LABEL_WORDS + 1]) if t in LABEL_ENDS), None)


#: Words after which a quote is what the sentence says, not a gloss: "due to \u201cwear and
#: tear\u201d", "known as \u201csciatica\u201d".
QUOTE_LEADS = {",", "to", "of", "by", "from", "as", "called", "named", "termed", "like", "with"}
QUOTE_LEADS |= {"is", "are", "a", "an", "the", "include", "includes", "cause", "causes"}


def asides(tokens: Sequence[str]) -> set[int]:
    """Tokens of an aside in brackets or quotes, marks included.

    "Bone spurs (bony growths), X"; "tingling \u201cpins and needles\u201d in the hand". A quote
    after "or" or a comma opens a list item of its own, and one after a preposition or a verb
    ("due to \u201cwear and tear\u201d") is what the sentence says: neither is a gloss. A
    bracket left open (as when a page leaves it unclosed) runs to the end of the sentence.
    """
    inside: set[int] = set()
    opened: int | None = None
    depth = 0
    for k, token in enumerate(tokens):
        gloss = token == "(" or (k > 0 and tokens[k - 1] not in JOINERS | QUOTE_LEADS)
        if token in ASIDE_OPENS and (opened is None or token == "(") and gloss:
            opened = k if opened is None else opened
            depth += token == "("
        elif token in ASIDE_CLOSES and opened is not None:
            depth -= token == ")"
            if depth <= 0:
                inside.update(range(opened, k + 1))
                opened, depth = None, 0
    if opened is not None and depth > 0:
        inside.update(range(opened, len(tokens)))
    return inside


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


def _objects_after(s: _Sentence, i: int, categories: set[str]) -> list[Mention]:
    """The mentions of ``categories`` after cue ``i``, while only joiners separate them."""
    end, relative = s.list_end(i)  # "X, which narrows the canal, and Y": a list goes on past it
    out: list[Mention] = []
    edge = i + 1
    placed = False  # a place came after the last object: "weakness in the biceps muscle and pain"
    for m in s.mentions:
        if m.start <= i or m.start >= end or (out and m.start in s.aside | relative):
            continue
        between = [s.tokens[k] for k in range(edge, m.start) if k not in s.aside | relative]
        if between[-2:] in (["feelings", "of"], ["feeling", "of"], ["sensations", "of"]):
            between = between[:-2]  # "nerve compression and feelings of numbness"
        if between[-3:] == ["in", "addition", "to"]:
            between = between[:-3]  # "weakness in addition to pain"
        if m.category in categories:
            # "tingling, chilling, or numbness"; "wear and tear on the spine, an injury"
            items = _without_unknown_items(_without_item_tail(between))
            if out and not _only(items, JOINERS | EXTRA_JOINERS | ITEM_TAILS):
                if not (placed and _rest_of_place(between)) and not _range_on(out, between):
                    break
            if not out and len(between) > 5:
                break
            out.append(m)
            placed = False
        elif out and m.category not in PLACES | {"REGION", "LEVEL"}:
            break
        else:
            placed = placed or bool(out)
        edge = m.end
    return out


#: Cues that, after "and", belong to the verb that follows them.
LATER_CUES = HEDGE_WORDS | RARELY | NEGATIONS
#: Adverbs and auxiliaries that may stand before a verb besides its cues: "will also".
VERB_FILLERS = {"also", "often", "usually", "commonly", "typically", "only", "even"}
VERB_FILLERS |= {"will", "would", "does", "do"}
#: Words after which a verb shares the subject of the clause before: "may cause X but rarely Y".
SHARED_SUBJECT = {"but", "and", "or"}


def _shares_subject(s: _Sentence, i: int) -> bool:
    """Whether cue ``i`` opens a clause of its own subject-less verb after "but" or "and"."""
    k = i - 1
    while k >= 0 and s.tokens[k] in LATER_CUES | VERB_FILLERS:
        k -= 1
    return k >= 0 and s.tokens[k] in SHARED_SUBJECT and not any(k < m.start < i for m in s.mentions)


def _past_relative(s: _Sentence, k: int) -> int | None:
    """Where a list goes on after a relative clause at ``k``: ", which ..., and Y" (Y's start).

    The clause must open on ", which" and close on a comma followed by "and" or "or".
    """
    if s.tokens[k : k + 1] != ["which"] or s.tokens[k - 1 : k] != [","]:
        return None
    _, end = s.clause(k + 1)
    close = next((j for j in range(k + 1, end) if s.tokens[j] == ","), None)
    if close is None or s.tokens[close + 1 : close + 2] not in (["and"], ["or"]):
        return None
    return close + 1


#: Words of a range of findings: "symptoms varying from mild back pain to numbness".
RANGE = {"varying", "ranging", "range", "from", "to", "widespread", "localised", "localized"}


def _range_on(out: list[Mention], between: list[str]) -> bool:
    """Whether a list of findings goes on as a range or as examples of "symptoms"."""
    return generic(out[0]) and _only(between, RANGE | QUALITIES | JOINERS | EXAMPLES)


def _semicolon_items(s: _Sentence, i: int) -> list[Mention]:
    """The causes a list split by semicolons names after ``i``, one phrase per item.

    "Common causes include awkward lifting; sitting for hours; smoking": each item is a phrase
    with words the lexicon may not know, so the first cause or risk factor of each counts.
    """
    if ";" not in s.tokens[i:]:
        return []
    out, start = [], i + 1
    for end in [j for j in range(i + 1, len(s.tokens)) if s.tokens[j] in {";", "."}] + [
        len(s.tokens)
    ]:
        item = [
            m for m in s.mentions if start <= m.start < end and m.category in CAUSERS | {"RISK"}
        ]
        out += item[:1]
        start = end + 1
    return out


def _rest_of_place(words: list[str]) -> bool:
    """The end of a place phrase up to the next item: "muscle and", "extensors as well as"."""
    return (
        0 < len(words) <= 5
        and words[-1] in JOINERS | EXTRA_JOINERS
        and not set(words) & (BREAKS | COPULAS | CAUSE | CONDITIONALS)
    )


def _causes(s: _Sentence) -> Iterator[Found]:
    said: list[Mention] = []  # the subjects of the cue before, which "but rarely causes" shares
    for i in s.cues(CAUSE | CAUSE_NOUNS):
        nxt = s.tokens[i + 1] if i + 1 < len(s.tokens) else ""
        if s.tokens[i] in CAUSE_NOUNS and nxt == "of":
            # "the most common cause of sciatica is a herniated disc": cause of Y is X;
            # "can be the result of arthritis": X is the result of Y
            before = s.group_before(i, EFFECTS, gap=4) or s.group_before(i, CAUSERS, gap=4)
            after = _objects_after(s, i + 1, EFFECTS | CAUSERS)
            # "a herniated disc is one of the most common causes of leg pain"
            causers_before = s.group_before(i, CAUSERS, gap=6)
            if s.tokens[i] in RESULT_NOUNS:
                subjects, objects = after, before or s.implicit(*EFFECTS)
            elif causers_before:  # "disc herniations are a common source of leg pain"
                subjects, objects = causers_before, [m for m in after if m.category in EFFECTS]
            else:
                copula = next(
                    (j for j in range(i + 2, len(s.tokens)) if s.tokens[j] in COPULAS), None
                )
                if copula is None:
                    continue
                objects = [m for m in after if m.start < copula]
                subjects = _objects_after(s, copula, CAUSERS | {"RISK"})
                subjects += [m for m in _semicolon_items(s, copula) if m not in subjects]
            yield from _pairs(s, "causes", subjects, objects, 0.7, cue=i)
            continue
        if s.tokens[i] in CAUSE_NOUNS and nxt in COPULAS and _only(s.tokens[:i], CAUSE_OPENERS):
            # "the most common cause is a herniated disc": a cause of what the page is about
            subjects = _objects_after(s, i + 1, CAUSERS)
            yield from _pairs(s, "causes", subjects, s.implicit(*EFFECTS), 0.6, cue=i)
            continue
        copula = _copula_before(s, i)
        if s.tokens[i] in CAUSE_NOUNS and copula is not None and nxt in NOUN_ENDS:
            # "X, Y and Z are the most common causes": causes of what the page is about
            subjects = s.group_before(copula, CAUSERS | {"RISK"}, gap=1)
            yield from _pairs(s, "causes", subjects, s.implicit(*EFFECTS), 0.6, cue=i)
            continue
        if s.tokens[i] not in CAUSE:  # a noun of causing without "of"
            continue
        examples = False
        if nxt in {"by", "from"}:  # passive: "caused by X", "results from X"
            subjects = s.group_after(i + 1, CAUSERS | {"RISK"})  # "caused by poor posture"
            if subjects:  # "caused by degenerative changes, such as arthritis": both
                more = _examples_after(s, subjects[-1].end - 1, CAUSERS | {"RISK"})
                subjects += [m for m in more if m not in subjects]
            if not subjects:  # "caused by (direct) pressure on the nerve"
                subjects = _pressure_on(s, i + 1)
            if not subjects:  # "triggered by activities that stress the disc, such as lifting"
                subjects = _examples_after(s, i + 1, CAUSERS | {"RISK"})
                examples = bool(subjects)
            if not subjects:  # "caused by the nerve being squeezed by X or Y"
                subjects, pressing = _pressed_by(s, i + 1)
                if pressing:
                    nerve = s.group_after(i + 1, {"NEURAL"})
                    yield from _pairs(s, "compresses", subjects, nerve, 0.6)
            objects = s.group_before(i, EFFECTS, gap=3) or _relative_referent(s, i)
            if not objects:
                start, _ = s.clause(i)
                objects = [m for m in s.of(*EFFECTS) if m.start < i][:1]
            if not objects and s.anaphor_before(i):  # "it is often triggered by X"
                # "this compression results from X": the compression the sentence before stated
                start, _ = s.clause(i)
                named_pressure = bool(set(s.tokens[start:i]) & PRESSURE_NOUNS)
                objects = (named_pressure and s.this_compression(i)) or s.implicit(*EFFECTS)
        else:
            # "a herniated disc can cause ...", "lifting heavy loads can cause a herniation"
            subjects = s.group_before(i, CAUSERS | {"RISK"}, gap=6)
            if subjects and named_as_cause(s.tokens, subjects[0]):
                # "a pinched nerve due to a herniated disc can cause spasms": the pinched nerve
                subjects = [m for m in s.of(*CAUSERS) if m.end <= subjects[0].start][-1:]
            if not subjects:  # the clause's subject, with those it is coordinated with
                start, _ = s.clause(i)
                first = next((m for m in s.of(*CAUSERS) if start <= m.start < i), None)
                subjects = [] if first is None else s.group_after(first.start - 1, CAUSERS, gap=0)
            if not subjects and (s.anaphor_before(i) or _disc_part_before(s, i)):
                # "when the nerves are compressed, it can cause pain": "it" is the compression,
                # which the compression-clause rule names
                if not _compression_before(s, i):
                    subjects = s.this_compression(i) or s.implicit(*CAUSERS, "FINDING")
            if not subjects and _shares_subject(s, i):  # "may cause X but rarely causes Y"
                subjects = said
            if not subjects:  # "compression of the nerve root at S1 causes weakness"
                start, _ = s.clause(i)
                subjects = _pressure_on(s, start - 1)
            if not subjects:  # "sciatica can bring on hip pain": a syndrome that opens the sentence
                first = s.mentions[0] if s.mentions else None
                if first and first.category == "FINDING" and first.end <= i and not generic(first):
                    subjects = [first] if first.start <= 1 else []
            objects = _objects_after(s, i, EFFECTS)
            if s.tokens[i] in LESSENS:  # "this reduces pain" relieves it: no cause of pain
                objects = [m for m in objects if "pain" not in m.entity.label.split()]
        # what describes the examples ("conditions that do not involve the spine, such as
        # tumors") neither hedges nor denies: the modality is the cue's
        modality = _modality_before(s, i) if examples else None
        said = subjects
        yield from _pairs(s, "causes", subjects, objects, 0.8, cue=i, modality=modality)
    for i, token in enumerate(s.tokens[:-1]):  # "sciatica occurs when a herniated disc ..."
        if token in HAPPENS and s.tokens[i + 1] in {"when", "if"}:
            effects = s.group_before(i, EFFECTS, gap=3)
            causes = [m for m in s.group_after(i + 1, CAUSERS, gap=3) if m not in effects]
            yield from _pairs(s, "causes", causes, effects, 0.6, cue=i)
    last: tuple[list[Mention], list[Mention]] = ([], [])  # the last cue's causes and effects
    for i in s.cues(CAUSE_PASSIVE):
        if s.tokens[i] == "by" and (i == 0 or s.tokens[i - 1] not in {"caused", "triggered"}):
            continue
        if s.tokens[i] in {"by", "from"} and i > 0 and s.tokens[i - 1] in CAUSE:
            continue  # handled above
        happens = i > 0 and s.tokens[i - 1] in HAPPENS  # "can also occur from stenosis"
        fails = _disc_fails(s.tokens[s.clause(i)[0] : i])  # "discs may break open from injury"
        referent = _relative_referent(s, i)  # "pressure on the root, which can be due to X"
        if s.tokens[i] == "from" and not s.group_before(i, {"FINDING"}, gap=1):
            if not happens and not fails and not referent:
                continue
        cue_end = i + 1 if s.tokens[i] in {"due", "because"} else i
        causes = s.group_after(cue_end, CAUSERS | {"RISK"}, gap=3)
        if not causes:  # "pain due to pressure on a nerve root": the root's compression
            causes = _pressure_on(s, cue_end)
        effects = s.group_before(i, EFFECTS, gap=3) or referent
        if last[0] and _only(s.tokens[last[0][-1].end : i], JOINERS | {"either", "also"}):
            effects = last[1]  # "because of an injury or because of wear": both cause it
        if happens and not effects:
            effects = s.group_before(i - 1, EFFECTS, gap=3)
        if not effects and (fails or _disc_part_before(s, i)):  # "discs can tear due to injury"
            effects = s.implicit("CONDITION")
        modality = None
        if not effects and causes and i <= 1 and _disc_fails(s.tokens[causes[-1].end :]):
            effects = s.implicit("CONDITION")  # "due to injury, the ring can tear"
            hedged = set(s.tokens[causes[-1].end :]) & HEDGE_WORDS
            modality = "possible" if hedged else None
        if not effects and s.anaphor_before(i) and _happens_before(s, i):
            effects = s.implicit(*EFFECTS)  # "it may develop slowly due to wear"
        last = (causes, effects)
        yield from _pairs(s, "causes", causes, effects, 0.7, cue=i, modality=modality)


#: Words that may stand before "cause is" when the sentence names the page topic's cause:
#: "The most common cause is ...", "Another cause is ...".
CAUSE_LEADS = {"the", "a", "another", "one", "most", "more", "common", "main", "usual", "other"}
CAUSE_LEADS |= {"frequent", "typical", "leading", "commonest", "major", "chief", "underlying"}
#: Words that may open a sentence before its cause noun: "Other possible causes include X".
CAUSE_OPENERS = CAUSE_LEADS | HEDGE_WORDS | {"potential", "less", "rarer"}


#: What may follow a cause noun that ends its clause: "X are the most common causes." (not
#: "of ...", which names the effect, nor "a reason to consider surgery").
NOUN_ENDS = {"", ".", ",", ";", ")", "in", "among"}


def _copula_before(s: _Sentence, i: int) -> int | None:
    """The "is"/"are" that a cause noun at ``i`` follows: "X are the most common causes"."""
    k = i - 1
    while k >= 0 and s.tokens[k] in CAUSE_LEADS | HEDGE_WORDS | {"potential", "also"}:
        k -= 1
    return k if k > 0 and s.tokens[k] in {"is", "are", "was", "were"} else None


def _modality_before(s: _Sentence, i: int) -> str:
    """The modality that the words of the clause before token ``i`` give."""
    start, _ = s.clause(i)
    words = set(s.tokens[start:i])
    if words & (NEGATIONS | RARELY):
        return "negated"
    return "possible" if words & HEDGE_WORDS else "asserted"


def _examples_after(s: _Sentence, i: int, categories: set[str]) -> list[Mention]:
    """The examples "such as", "like" or "including" gives of what the words after ``i`` describe.

    "Caused by a variety of factors, including herniated discs and bone spurs": the comma
    before the examples does not end the clause.
    """
    _, end = s.clause(i)
    if s.tokens[end : end + 1] == [","] and _example_lead(s.tokens, end + 1):
        end = s.clause(end + 1)[1]
    for k in range(i + 1, min(end, i + 14)):
        if width := _example_lead(s.tokens, k):
            return s.group_after(k + width - 1, categories, gap=2)
    return []


def _example_lead(tokens: Sequence[str], k: int) -> int:
    """How many words open examples at token ``k``.

    Two for "such as", one for "like" or "including", none otherwise.
    """
    if tokens[k : k + 2] == ["such", "as"]:
        return 2
    return 1 if tokens[k : k + 1] in (["like"], ["including"]) else 0


def _happens_before(s: _Sentence, i: int) -> bool:
    """Whether the clause before token ``i`` says something occurs ("it may develop ...")."""
    start, _ = s.clause(i)
    return any(t in HAPPENS for t in s.tokens[start:i])


#: Words that name what follows as a cause: "due to injury", "caused by a fall", and a lead-in
#: that ends on them ("It is often due to:").
AS_CAUSE = {("due", "to"), ("caused", "by"), ("result", "of"), ("because", "of")}
AS_CAUSE |= {("results", "from"), ("result", "from"), ("resulting", "from")}


#: Words that may stand between "due to" or "caused by" and what they name.
CAUSE_FILLERS = {"a", "an", "the", "direct"}


def named_as_cause(tokens: Sequence[str], m: Mention) -> bool:
    """Whether a mention is named as the cause of something: "due to (a) herniated disc"."""
    return _cause_named_at(tokens, m.start)


def _cause_named_at(tokens: Sequence[str], i: int) -> bool:
    """Whether the words right before token ``i`` name what follows as a cause."""
    before = [t.lower() for t in tokens[max(0, i - 4) : i] if t.lower() not in CAUSE_FILLERS]
    # one describing word may stand between: "due to mechanical compression"
    return tuple(before[-2:]) in AS_CAUSE or tuple(before[-3:-1]) in AS_CAUSE


#: Participles of a structure being pressed on: "when a nerve root is pinched".
PRESSED = {"compressed", "pinched", "pressed", "squeezed", "impinged", "trapped"}
#: Verbs before such a participle: "is pinched", "becomes compressed".
PASSIVE = {"is", "are", "gets", "get", "becomes", "become", "been", "being"}
#: The mechanism that compressing each kind of structure is (by the structure's id).
COMPRESSION_OF = {
    "spinal-cord": "mechanism-cord-compression",
    "cauda-equina": "mechanism-cauda-equina-compression",
    "nerve-sciatic": "mechanism-sciatic-nerve-compression",
}
#: The structure each of those compressions presses on, and the condition of cord compression.
STRUCTURE_OF = {
    **{mechanism: structure for structure, mechanism in COMPRESSION_OF.items()},
    "condition-spinal-cord-compression": "spinal-cord",
}
ROOT_COMPRESSION = "mechanism-nerve-root-compression"
ROOT_INFLAMMATION = "mechanism-nerve-root-inflammation"
#: Participles of a structure being inflamed: "when the root is inflamed".
INFLAMED = {"inflamed", "swollen"}
#: A nerve outside the spine that is pressed on is a pinched nerve.
PINCHED_NERVE = "condition-pinched-nerve"
#: What pressing on a structure is, whichever the structure.
COMPRESSIONS = {ROOT_COMPRESSION, PINCHED_NERVE, *STRUCTURE_OF}


def _compression_clause(s: _Sentence) -> Iterator[Found]:
    """The compression of a structure said to be pressed on causes what the sentence names.

    "When a nerve root is pinched, weakness and numbness may follow": nerve root compression
    causes weakness and numbness.
    """
    for i, token in enumerate(s.tokens):
        # "is pinched", "become irritated or compressed", "is inflamed"
        if token not in PRESSED | INFLAMED or not set(s.tokens[max(0, i - 3) : i]) & PASSIVE:
            continue
        # "a nerve (in the neck or upper back) is pinched"
        nerve = next((m for m in reversed(s.of("NEURAL")) if 0 < i - m.end <= 8), None)
        if nerve is None:
            continue
        # only a compression the sentence makes a cause: "when/if it is pinched ...", "... is
        # pinched, causing ..."; "the root is not pinched in most people with pain" is none
        condition = set(s.tokens[max(0, nerve.start - 3) : nerve.start]) & CONDITIONALS
        defined = _defined_by(s, nerve.start)
        if not condition and not defined and not set(s.tokens[i:]) & CAUSE:
            continue
        mechanism_id = _compression_of(nerve)
        if token in INFLAMED:  # an inflamed root; the cord or cauda equina are not said so
            mechanism_id = ROOT_INFLAMMATION if _is_root(nerve) else ""
        mechanism = s.named(replace(nerve, end=i + 1), mechanism_id)
        if mechanism is None:
            continue
        findings = [m for m in s.of("FINDING") if m.start > i and not generic(m)]
        yield from _pairs(s, "causes", [mechanism], findings, 0.6, cue=i)
        defined = [m for m in defined if local_id(m) != mechanism_id]
        yield from _pairs(s, "causes", [mechanism], defined, 0.6, cue=i)


#: Words that join a compression to what it results in: "... presses on the nerve, causing".
RESULTING = {"causing", "leading", "resulting", "producing", "giving", "which"}


def _compression_results(s: _Sentence, found: Sequence[Found]) -> Iterator[Found]:
    """What a compression results in, when the sentence says the pressing causes it.

    "A disc can press on the sciatic nerve, causing sciatica": the disc compresses the nerve
    and causes sciatica, and sciatic nerve compression (the step between) causes sciatica. Only
    a syndrome or condition that the compression defines: the pain, numbness or weakness of
    "pressing on the nerves, causing leg pain" are the pressing condition's.
    """
    for pressing in found:
        if pressing.relation != "compresses" or pressing.modality == "negated":
            continue
        structure = pressing.object
        compression = s.named(structure, _compression_of(structure))
        if compression is None:
            continue
        for result in found:
            if (
                result.relation == "causes"
                and result.subject.entity.iri == pressing.subject.entity.iri
                and result.object.start > structure.end
                and set(s.tokens[structure.end : result.object.start]) & RESULTING
                and result.modality != "negated"
                and not _a_symptom(result.object)
            ):
                yield Found(compression, "causes", result.object, result.modality, 0.6)


#: Causes of a compression that press on nothing themselves: an injury, and the syndromes a
#: compression gives (a radiculopathy, a myelopathy), by words of their ids.
NOT_PRESSING = ("injury", "radiculopathy", "myelopathy")


def _not_pressing(m: Mention) -> bool:
    """Whether a condition is an injury or a syndrome of compression, which press on nothing."""
    return any(word in local_id(m) for word in NOT_PRESSING)


#: The unspecified root of each spinal region: "a pinched nerve in the neck" presses on one.
REGION_ROOTS = {
    "region-cervical": "cervical-nerve-root-unspecified",
    "region-thoracic": "thoracic-nerve-root-unspecified",
    "region-lumbar": "lumbar-nerve-root-unspecified",
}


def _compressors(s: _Sentence, found: Sequence[Found]) -> Iterator[Found]:
    """What causes a compression presses on its structure.

    "A pinched nerve in the neck can be the result of arthritis, a herniated disc or bone
    spurs": each of them presses on a cervical nerve root. Only a condition presses (not an
    injury, nor a compression itself). What does not cause the compression of a named structure
    does not press on it, nor on a structure joined to it ("a bulge is not causing compression
    of the spinal cord or the nerve roots").
    """
    for f in found:
        local = local_id(f.object)
        if f.relation != "causes" or local not in COMPRESSIONS:
            continue
        if f.subject.category != "CONDITION" or _not_pressing(f.subject):
            continue
        if local_id(f.subject) in COMPRESSIONS or generic(f.subject):
            continue
        if f.modality == "negated" and local not in STRUCTURE_OF:
            continue
        structure = s.named(f.object, STRUCTURE_OF.get(local) or _region_root(s, f.object))
        if structure is None:
            continue
        yield Found(f.subject, "compresses", structure, f.modality, 0.5)
        if local in STRUCTURE_OF:  # "compression of the spinal cord or the nerve roots"
            joined = s.group_after(f.object.end - 1, {"NEURAL"}, gap=3)
            yield from _pairs(s, "compresses", [f.subject], joined, 0.5)


def _region_root(s: _Sentence, compression: Mention) -> str:
    """The root a compressed root or pinched nerve is: of the region the words after name."""
    if compression.start < 0:  # the topic, named in the sentence too: "a pinched nerve in the neck"
        named_here = (m for m in s.mentions if m.entity.iri == compression.entity.iri)
        compression = next(named_here, compression)
    place = next(
        (
            m
            for m in s.of("BODY", "REGION")
            if 0 < m.start - compression.end <= 3
            and s.tokens[compression.end : m.start][:1] == ["in"]
        ),
        None,
    )
    regions = {
        _region_of_place(s, m)
        for m in (
            [place, *s.group_after(place.end - 1, {"BODY", "REGION"}, gap=1)] if place else []
        )
    }
    # "a pinched nerve in the neck or lower back": a root of either region, so any root
    region = regions.pop() if len(regions) == 1 else None
    return REGION_ROOTS.get(region or "", "spinal-nerve-root-unspecified")


def _region_of_place(s: _Sentence, place: Mention) -> str:
    """The id of the region a body part overlies ("the neck": the cervical spine), or its own."""
    over = s.lexicon.overlies.get(place.entity.iri)
    return local_id(replace(place, entity=over)) if over is not None else local_id(place)


def _a_symptom(m: Mention) -> bool:
    """A deficit, a changed reflex or a pain: what a condition gives, not a syndrome."""
    return local_id(m) in DEFICITS or "pain" in m.entity.label.split() or generic(m)


def _is_root(structure: Mention) -> bool:
    """Whether a neural structure is a spinal nerve root (a named one, or any)."""
    local = local_id(structure)
    return local.startswith("root-") or local.endswith("nerve-root-unspecified")


def _compression_of(structure: Mention) -> str:
    """The id of what pressing on a structure is: root or cord compression, a pinched nerve."""
    if _is_root(structure):
        return ROOT_COMPRESSION
    return COMPRESSION_OF.get(local_id(structure), PINCHED_NERVE)


def structure_compressed(m: Mention, lexicon: Lexicon) -> Mention | None:
    """The structure a named compression presses on: the sciatic nerve of its compression."""
    return named(m, STRUCTURE_OF.get(local_id(m)), lexicon)


def compression_stated(found: Sequence[Found], lexicon: Lexicon) -> Mention | None:
    """The compression a sentence states, standing before the next sentence.

    "A disc presses on the root": nerve root compression; "the nerve is pinched, causing
    pain": the compression that causes the pain.
    """
    for f in found:
        if f.modality == "negated":
            continue
        if f.relation == "causes" and local_id(f.subject) in COMPRESSIONS:
            return replace(f.subject, start=-1, end=-1, text="")
        if f.relation == "compresses":
            compression = named(f.object, _compression_of(f.object), lexicon)
            if compression is not None:
                return replace(compression, start=-1, end=-1, text="")
    return None


#: Nouns of a structure being pressed on: "pressure on", "compression of", "impingement of".
PRESSURE_NOUNS = {"pressure", "compression", "impingement"}


#: Words of how often, which may stand between a noun and what is said of it: "(the symptoms)
#: most often experienced with", "(which is) usually due to".
HOW_OFTEN = {"often", "usually", "commonly", "typically", "frequently", "sometimes", "most"}
HOW_OFTEN |= {"mostly", "mainly"}
#: Words between a relative "which" (or a comma) and the cue of its cause: "which can be due
#: to", ", most often from".
RELATIVE_FILLERS = {"can", "could", "may", "might", "be", "is", "are", "also", *HOW_OFTEN}


def _relative_referent(s: _Sentence, i: int) -> list[Mention]:
    """What a relative clause opened before the cause cue at ``i`` is about.

    "Pressure on the nerve roots in the lower back, which can be due to X": the roots'
    compression; "compression of a root in the neck, most often from X" too. After "which" and
    no compression, the last finding or condition of the clause before; after a comma, only a
    compression.
    """
    k = i - 1
    while k > 0 and s.tokens[k] in RELATIVE_FILLERS:
        k -= 1
    if k < 1 or s.tokens[k] not in {"which", ","} or (s.tokens[k] == "," and k == i - 1):
        return []
    relative = s.tokens[k] == "which"
    k -= s.tokens[k - 1] == ","  # ", which"
    start, _ = s.clause(k - 1)
    for j in range(start, k):
        if s.tokens[j] in PRESSURE_NOUNS and (pressed := _pressure_on(s, j - 1)):
            return pressed
    before = [m for m in s.of(*EFFECTS) if start <= m.start and m.end <= k]
    if not relative:  # "bony growth pinches the nerve, usually due to wear": whose cause?
        return [m for m in before if local_id(m) in COMPRESSIONS][-1:]
    return before[-1:]


def _pressure_on(s: _Sentence, i: int) -> list[Mention]:
    """The compression that "pressure on the nerve" right after token ``i`` names.

    Also "(mechanical) compression on a nerve", "pressure placed on the roots", "impingement
    of the nerve root".
    """
    words = s.tokens[i + 1 : i + 4]
    k = next((i + 1 + n for n, w in enumerate(words) if w in PRESSURE_NOUNS), None)
    if k is None:
        return []
    on = k + 1 + (s.tokens[k + 1 : k + 2] in (["placed"], ["put"], ["exerted"]))
    if s.tokens[on : on + 1] not in (["on"], ["against"], ["of"]):
        return []
    nerve = s.group_after(on, {"NEURAL"}, gap=2)
    if not nerve:
        return []
    named = s.named(replace(nerve[0], start=k, end=nerve[0].end), _compression_of(nerve[0]))
    return [named] if named is not None else []


def _pressed_by(s: _Sentence, i: int) -> tuple[list[Mention], bool]:
    """What acts on the structure named after token ``i``, and whether it presses on it.

    "The nerve being pinched by X": X, pressing; "the nerve being irritated by X": X, not.
    """
    nerve = s.group_after(i, {"NEURAL"})
    if not nerve:
        return [], False
    for j in range(nerve[-1].end, min(len(s.tokens), nerve[-1].end + 6)):
        done = set(s.tokens[nerve[-1].end : j])
        if s.tokens[j] == "by" and done & (PRESSED | IRRITATED):
            return s.group_after(j, CAUSERS, gap=6), bool(done & PRESSED)
    return [], False


#: Participles of a structure being irritated, which is no compression.
IRRITATED = {"irritated", "inflamed", "affected", "damaged", "injured"}


def _compression_before(s: _Sentence, i: int) -> bool:
    """Whether a structure is said to be pressed on before token ``i`` ("nerves are pinched")."""
    return any(
        s.tokens[j] in PRESSED and any(0 < j - m.end <= 4 for m in s.of("NEURAL")) for j in range(i)
    )


#: Words that define a condition by what happens to a structure: "sciatica occurs when the
#: nerve is pinched", "an S1 radiculopathy means that the S1 root is squeezed".
DEFINES = {"occurs", "occur", "happens", "happen", "develops", "develop", "arises", "means"}
#: Words that open the defining clause.
DEFINING = {"when", "if", "that", "whenever"}
DEFINED = {"CONDITION", "FINDING"}


def _defined_by(s: _Sentence, start: int) -> list[Mention]:
    """The condition or finding a sentence defines by the clause opening before token ``start``.

    "A pinched nerve, also known as radiculopathy, occurs when ...": both names.
    """
    before = [m for m in s.mentions if m.category in DEFINED and m.end <= start]
    if not before:
        return []
    words = s.tokens[before[-1].end : start]
    if len(words) > 8 or not set(words) & DEFINES or not set(words) & DEFINING:
        return []
    named = [before[-1]]
    if len(before) > 1 and set(s.tokens[before[-2].end : before[-1].start]) & ALSO_NAMED:
        named.insert(0, before[-2])
    return named


#: Words that give a second name: "a pinched nerve, also known as radiculopathy".
ALSO_NAMED = {"known", "called", "termed", "aka"}


def _compresses(s: _Sentence) -> Iterator[Found]:
    for i in s.cues(COMPRESS):
        passive = i + 1 < len(s.tokens) and s.tokens[i + 1] == "by"
        if passive:
            subjects = s.group_after(i + 1, {"CONDITION"})
            objects = s.group_before(i, {"NEURAL"}, gap=3)
        else:
            subjects = s.group_before(i, {"CONDITION"}, gap=8)
            objects = s.group_after(i, {"NEURAL"}, gap=4)
            if not subjects:  # "due to injury, the core can leak and press": not the injury
                subjects = [
                    m for m in s.of("CONDITION") if m.start < i and not named_as_cause(s.tokens, m)
                ][:1]
            start, _ = s.clause(i)
            # "this surgery removes the bone that presses on the nerve": "this" is no condition
            other = any(start <= m.start < i for m in s.of("TREATMENT", "TEST"))
            if not subjects and not other and (s.anaphor_before(i) or _disc_part_before(s, i)):
                subjects = s.implicit("CONDITION")
        # a pinched nerve is the nerve pressed on, never what presses; and what is "caused by
        # pressure on a root" is the effect of the pressing, not what presses
        subjects = [m for m in subjects if local_id(m) != PINCHED_NERVE]
        if not passive and _cause_named_at(s.tokens, i):
            subjects = []
        yield from _pairs(s, "compresses", subjects, objects, 0.8, cue=i)


#: Words for the disc or the part of it that presses: "the disc fragment presses on a nerve".
DISC_PARTS = {
    "disc",
    "disk",
    "discs",
    "disks",
    "nucleus",
    "fragment",
    "material",
    "interior",
    "centre",
    "center",
    "gel",
    "bulge",
    "protrusion",
}


def _disc_part_before(s: _Sentence, i: int) -> bool:
    """Whether the clause before token ``i`` names the disc or a part of it as what presses."""
    start, _ = s.clause(i)
    return any(t in DISC_PARTS for t in s.tokens[start:i])


#: What a disc or its ring does when it herniates: "the ring can tear", "discs break open".
DISC_FAILS = {"tear", "tears", "rupture", "ruptures", "herniate", "herniates", "break", "breaks"}
DISC_FAILS |= {"crack", "cracks", "split", "splits", "bulge", "bulges", "slip", "slips"}


#: The disc and the parts of it that tear: "the outer ring can split".
DISC_WALLS = DISC_PARTS | {"annulus", "anulus", "ring", "wall", "lining", "layer"}


def _disc_fails(words: Sequence[str]) -> bool:
    """Whether words say the disc or its ring tears, ruptures or slips."""
    return bool(set(words) & DISC_WALLS) and bool(set(words) & DISC_FAILS)


#: Participles that tie symptoms to whose they are: "the symptoms experienced with X".
EXPERIENCED_WITH = {"experienced", "seen", "associated", "linked", "found", "related", "caused"}


def _symptoms_with(s: _Sentence, i: int) -> list[Mention]:
    """The condition of "symptoms experienced with X" or "associated with X", for ``i``.

    A syndrome the lexicon names as a finding ("symptoms associated with sciatica") is the
    condition too.
    """
    k = i + 1
    while k < len(s.tokens) and s.tokens[k] in HOW_OFTEN:
        k += 1
    if s.tokens[k : k + 1] and s.tokens[k] in EXPERIENCED_WITH:
        if s.tokens[k + 1 : k + 2] and s.tokens[k + 1] in {"with", "in", "to", "by"}:
            return s.group_after(k + 1, {"CONDITION", "FINDING"}, gap=2)
    return []


def _has_symptom(s: _Sentence) -> Iterator[Found]:
    for i in s.cues(SYMPTOM, inside_mentions=True):
        after = _symptoms_with(s, i) or s.group_after(i, {"CONDITION"}, gap=2)
        before = s.group_before(i, {"CONDITION"}, gap=2)
        conditions = after or before
        listed = [m for m in s.of("FINDING") if m.start > i]
        # a mechanism named first is what causes them: "compression can cause symptoms of pain"
        named_first = [
            c for c in s.of("CONDITION", "MECHANISM") if not listed or c.start < listed[0].start
        ]
        # "Symptoms include back pain ... depending on the type of disc injury": the injury
        # named after the symptoms is not whose they are
        if not conditions and not named_first:
            conditions = s.implicit("CONDITION", "FINDING")
        if not conditions:
            continue
        anchor = conditions[-1].end if after else i + 1
        if conditions[0].start < 0:
            anchor = i + 1
        findings = [m for m in s.of("FINDING") if m.start >= anchor and m.start != i]
        if not findings:
            findings = [m for m in s.of("FINDING") if m.end <= i and not generic(m)]
        yield from _pairs(s, "has_symptom", conditions, findings, 0.8, cue=i)
    # "saddle numbness or bladder changes suggest cauda equina syndrome"
    for i in s.cues(SIGN_VERBS):
        conditions = s.group_after(i + (s.tokens[i + 1 : i + 2] == ["to"]), {"CONDITION"}, gap=2)
        findings = [m for m in s.group_before(i, {"FINDING"}, gap=2) if not generic(m)]
        yield from _pairs(s, "has_symptom", conditions, findings, 0.7, cue=i)
    # "Arm pain may accompany myelopathy"; "myelopathy is often accompanied by arm pain"
    for i in s.cues(ACCOMPANY):
        passive = s.tokens[i + 1 : i + 2] == ["by"]
        findings = s.group_after(i + 1, {"FINDING"}) if passive else s.group_before(i, {"FINDING"})
        conditions = (
            s.group_before(i, {"CONDITION"}) if passive else s.group_after(i, {"CONDITION"})
        )
        yield from _pairs(s, "has_symptom", conditions, findings, 0.7, cue=i)
    # "sciatica involves numbness and tingling"; "it is characterized by leg pain"; "it often
    # manifests as back pain"
    for i in s.cues(INVOLVES | CHARACTERIZED | MANIFESTS):
        passive = s.tokens[i + 1 : i + 2] in (["by"], ["as"], ["with"])
        if s.tokens[i] in CHARACTERIZED | MANIFESTS and not passive:
            continue
        start, _ = s.clause(i)
        before = [m for m in s.mentions if start <= m.start and m.end <= i and not generic(m)]
        # the clause's subject: a condition, or a syndrome named as a finding ("sciatica")
        conditions = [m for m in before[:1] if m.category in {"CONDITION", "FINDING"}]
        if not before:
            conditions = s.implicit("CONDITION", "FINDING")
        findings = s.group_after(i + passive, {"FINDING"}, gap=3)
        yield from _pairs(s, "has_symptom", conditions, findings, 0.7, cue=i)
    # "In L5 radiculopathy, numbness is felt in the big toe."
    if len(s.tokens) > 3 and s.tokens[0] == "in" and s.mentions:
        first = s.mentions[0]
        if first.category == "CONDITION" and first.start <= 2 and "," in s.tokens[first.end :][:2]:
            findings = [m for m in s.of("FINDING") if m.start > first.end and not generic(m)]
            yield from _pairs(s, "has_symptom", [first], findings, 0.7)


#: Verbs that define a condition by what it is: "sciatica is pain ...", "refers to pain".
DEFINED_AS = {"is", "are", "refers", "refer", "describes", "describe", "means", "mean"}
#: Other words a definition may put between the defined and its finding: "is the term given
#: to", "is a term that generally refers to", "means a type of".
DEFINING_FILLERS = DEFINED_AS | {"the", "a", "an", "term", "name", "word", "given", "used", "to"}
DEFINING_FILLERS |= {"for", "that", "which", "generally", "usually", "simply", "medical"}
DEFINING_FILLERS |= {"type", "kind", "form", "of", "just", "really", "actually", "'", '"'}
#: Words after which a definition names a cause, not where the finding is felt.
CAUSED = {"caused", "due", "because", "when", "if", "after", "resulting", "triggered"}
#: Openings that name the defined after the definition's noun: "The medical term for X is".
TERM_FOR = {"term", "name", "word"}


def _defined_as(s: _Sentence) -> Iterator[Found]:
    """A condition defined by its symptom, felt where the definition says.

    "Sciatica is the term given to pain running down the leg": pain is a symptom of sciatica,
    and sciatica is felt in the leg (see :func:`_definition`).
    """
    if s.definition is None:
        return
    first, findings, verb = s.definition
    yield from _pairs(s, "has_symptom", [first], findings, 0.6, cue=verb)
    _, end = s.clause(findings[-1].start)
    end = next((k for k in range(findings[-1].end, end) if s.tokens[k] in CAUSED), end)
    places = [
        m
        for m in s.of("BODY")
        if findings[-1].end <= m.start < end and s.tokens[m.end : m.end + 1] != ["of"]
    ]  # "down the back of the buttock": the buttock; not "caused by a problem in the back"
    yield from _pairs(s, "occurs_in", [first], places, 0.6, cue=verb)


def _definition(s: _Sentence) -> tuple[Mention, list[Mention], int] | None:
    """The defined condition, the findings that define it and the defining verb, if any.

    The defined opens the sentence, or follows "the (medical) term for"; the definition's
    findings follow a defining verb with nothing but the filler of a definition between
    ("refers to symptoms of back or neck pain": the back and neck pain).
    """
    if not s.mentions:
        return None
    first = s.mentions[0]
    opening = s.tokens[: first.start]
    if first.category not in {"CONDITION", "FINDING"} or generic(first):
        return None
    if not (_only(opening, {"the", "a", "an"}) or (set(opening) & TERM_FOR and "for" in opening)):
        return None
    verbs = [
        i for i in range(first.end, min(len(s.tokens), first.end + 3)) if s.tokens[i] in DEFINED_AS
    ]
    if not verbs:
        return None
    heads = [m for m in s.of("FINDING") if m.start > verbs[0]]
    if heads and generic(heads[0]) and s.tokens[heads[0].end : heads[0].end + 1] == ["of"]:
        heads = heads[1:]  # "symptoms of back pain": the back pain
    head = heads[0] if heads else None
    if head is None or generic(head):
        return None
    between = [
        t for k, t in enumerate(s.tokens[verbs[0] : head.start], verbs[0]) if not _in_generic(s, k)
    ]
    if not _only(between, DEFINING_FILLERS):
        return None
    findings = [m for m in _objects_after(s, head.start - 1, {"FINDING"}) if not generic(m)]
    return (first, findings, verbs[0]) if findings else None


def _in_generic(s: _Sentence, k: int) -> bool:
    """Whether token ``k`` is part of a generic finding ("symptoms")."""
    return any(m.start <= k < m.end and generic(m) for m in s.of("FINDING"))


def _as_defined(s: _Sentence, found: list[Found]) -> list[Found]:
    """Claims of a definition's findings made the defined condition's.

    "Sciatica is pain caused by compression of the sciatic nerve": the compression causes
    sciatica; the places of the defining pain are the condition's (:func:`_defined_as`).
    """
    if s.definition is None:
        return found
    first, findings, _ = s.definition
    defining = {m.start for m in findings}
    out = []
    for f in found:
        if f.relation == "occurs_in" and f.subject.start in defining:
            continue
        if f.relation == "causes" and f.object.start in defining:
            f = replace(f, object=first)  # "pain caused by X" defining sciatica: X causes it
        out.append(f)
    return out


#: Verbs of findings pointing to a condition: "bladder changes suggest cauda equina syndrome",
#: and in a lead-in, "red flags that suggest" (its items are signs).
SIGN_VERBS = {
    *("suggest", "suggests", "indicate", "indicates"),
    *("signal", "signals", "signify", "signifies"),
}
#: Verbs of a finding going with a condition: "arm pain may accompany myelopathy".
ACCOMPANY = {"accompany", "accompanies", "accompanied"}
#: Verbs that give a condition its findings: "sciatica involves numbness", "is characterized by
#: pain" (only with "by"), "is marked by weakness".
INVOLVES = {"involve", "involves", "involving"}
CHARACTERIZED = {"characterized", "characterised", "marked", "typified"}
#: Verbs that give a condition its findings with "as" or "with": "manifests as back pain".
MANIFESTS = {"manifests", "manifest", "presents", "present", "presenting"}
#: Words that open a sentence listing what the sentence before announced: "These include".
LISTING = {"include", "includes", "included", "are", "involve", "involves"}


def _these_include(s: _Sentence) -> Iterator[Found]:
    """The symptoms that the sentence before announced: "the symptoms of X. These include ..."."""
    if s.symptoms_of is None or not s.tokens or s.tokens[0] not in {"these", "they", "those"}:
        return
    cue = next((i for i, t in enumerate(s.tokens[:4]) if t in LISTING), None)
    if cue is None:
        return
    findings = [m for m in s.of("FINDING") if m.start > cue and not generic(m)]
    yield from _pairs(s, "has_symptom", s.announced(), findings, 0.7, cue=cue)


def symptoms_named(tokens: Sequence[str], mentions: Sequence[Mention]) -> Mention | None:
    """What a sentence names the symptoms of: "causing the symptoms of sciatica" -> sciatica."""
    for i, token in enumerate(tokens[:-1]):
        if token.lower() in SYMPTOM and tokens[i + 1].lower() == "of":
            after = [m for m in mentions if i + 1 < m.start <= i + 4]
            if after and after[0].category in {"CONDITION", "FINDING"} and not generic(after[0]):
                return after[0]
    return None


#: Words of how often a condition strikes a group: "most common in men".
FREQUENT = {"common", "commonly", "often", "frequent", "frequently", "prevalent", "likely"}
#: Verbs of a patient's experience: "you may feel numbness", "tingling can occur".
#: The verb of "there may be X", which names what one has.
EXISTS = {"be", "is", "are"}
#: Words of "there are many causes of X", "there are treatments for X": not X had.
NOT_HAD = CAUSE_NOUNS | {"treatment", "treatments", "test", "tests", "ways", "options", "risk"}
EXPERIENCE_BEFORE = {
    "feel",
    "feels",
    "experience",
    "experiences",
    "notice",
    "notices",
    "have",
    "develop",
    "develops",
    "suffer",
    "get",
    "report",
    "complain",
}
EXPERIENCE_AFTER = {
    "present",  # "weakness may be present"
    "occur",
    "occurs",
    "develop",
    "develops",
    "appear",
    "appears",
    "happen",
    "happens",
    "common",
    "typical",
    "usual",
    "possible",
}


def _experienced(s: _Sentence) -> Iterator[Found]:
    """Findings a sentence says one feels or gets, with no condition named: the topic's.

    "You may also feel tingling in the leg", "Numbness and weakness can occur."
    """
    # a condition named only after "depending on" qualifies: "may be present depending on the
    # severity of the herniation"
    depends = next((i for i, t in enumerate(s.tokens) if t == "depending"), len(s.tokens))
    named = [m for m in s.of("CONDITION", "MECHANISM", "TREATMENT", "TEST") if m.start < depends]
    if named or not s.implicit("CONDITION", "FINDING"):
        return
    findings = [m for m in s.of("FINDING") if not generic(m)]
    for i, t in enumerate(s.tokens):
        # "there may also be numbness": there is, when no root or nerve is what has it
        there = t in EXISTS and "there" in s.tokens[max(0, i - 4) : i] and not s.of("NEURAL")
        if t in EXPERIENCE_BEFORE or there:
            after = [m for m in findings if m.start > i]
            if there and after and set(s.tokens[i : after[0].start]) & NOT_HAD:
                continue  # "there are many causes of back pain"
            if after and after[0].start - i <= 6:
                yield from _pairs(
                    s,
                    "has_symptom",
                    s.implicit("CONDITION", "FINDING"),
                    _run_from(s, after[0], findings),
                    0.6,
                    cue=i,
                )
                return
        if t in EXPERIENCE_AFTER:
            before = [m for m in findings if m.end <= i]
            # "weakness (of the ankle) may be present": a finding's place is no gap before a
            # hedged verb
            hedged = bool(set(s.tokens[max(0, i - 3) : i]) & HEDGE_WORDS)
            placed = {k for m in s.of(*PLACES) for k in range(m.start - 2, m.end) if hedged}
            skipped = placed | s.aside  # "pain (radicular or midline) is the most common"
            gap = [k for k in range(before[-1].end, i) if k not in skipped] if before else []
            if before and len(gap) <= 3:
                yield from _pairs(
                    s,
                    "has_symptom",
                    s.implicit("CONDITION", "FINDING"),
                    [m for m in findings if m.end <= i],
                    0.6,
                    cue=i,
                )
                return


#: Words of the people a sentence says have a condition: "people who have a slipped disc".
PEOPLE = {"people", "patients", "those", "someone", "anyone", "persons", "individuals", "adults"}
HAVING = {"with", "have", "has", "had", "suffer", "suffers", "suffering"}


def _people_with(s: _Sentence) -> Iterator[Found]:
    """What people with a condition feel: "most people who have a slipped disc feel pain".

    The condition is what they have; the findings are what they are said to feel or get.
    """
    findings = [m for m in s.of("FINDING") if not generic(m)]
    for m in s.of("CONDITION", "FINDING"):
        having = set(s.tokens[max(0, m.start - 4) : m.start]) & HAVING
        if not having or not set(s.tokens[max(0, m.start - 6) : m.start]) & PEOPLE:
            continue
        reach = range(m.end, min(len(s.tokens), m.end + 4))
        verb = next((i for i in reach if s.tokens[i] in EXPERIENCE_BEFORE), None)
        if verb is None:
            continue
        after = [f for f in findings if f.start > verb]
        if after and after[0].start - verb <= 6:
            yield from _pairs(
                s, "has_symptom", [m], _run_from(s, after[0], findings), 0.6, cue=verb
            )


def _run_from(s: _Sentence, first: Mention, findings: list[Mention]) -> list[Mention]:
    """``first`` and the findings coordinated after it, each item with its place or not.

    "Weakness of the calf, numbness to the outside of the foot, and a loss of the ankle jerk".
    """
    placed = {k for m in s.mentions if m.category in PLACES for k in range(m.start, m.end)}
    placed |= s.aside  # "weakness of the calf (standing on tiptoe), numbness ..."
    run = [first]
    for m in findings:
        if m.start <= run[-1].start:
            continue
        between = s.tokens[run[-1].end : m.start]
        words = [t for k, t in enumerate(between, run[-1].end) if k not in placed]
        if not _only(between, JOINERS | EXTRA_JOINERS):
            has_place = len(words) < len(between)
            allowed = JOINERS | EXTRA_JOINERS | PLACE | SENSATION | OF_PART | {"to", "a"}
            if not (has_place and _only(words, allowed)):  # "pain that radiates down the leg,"
                break
        run.append(m)
    return run


def generic(m: Mention) -> bool:
    """A class, or an individual that stands for any instance ("symptoms", "a nerve root")."""
    local = local_id(m)
    return not local[:1].islower() or local.endswith("-unspecified")


#: Words of where a condition happens: "herniations occur most often in the lumbar spine".
SITE = {
    "occur",
    "occurs",
    "occurring",
    "happen",
    "happens",
    "develop",
    "develops",
    "common",
    "commonly",
    "found",
    "seen",
    "located",
    "affect",
    "affects",
    "affected",
    "involved",
    "site",
    "area",
    "frequent",
    "frequently",
    "often",
    "anywhere",
}

#: Site words that are nouns for a place, which a region before them need not be the site of.
PLACE_NOUNS = {"area", "site"}

#: Words of "any part of the spine", "anywhere along the spine": every spinal region.
ANY_PART = {"part", "parts", "level", "levels", "region", "regions", "section", "segment"}
SPINE_WORDS = {"spine", "backbone", "column"}  # not "any part of the spinal cord"
#: The regions where a disc can herniate, or a spinal condition be, "anywhere in the spine".
SPINAL_REGIONS = ("region-cervical", "region-thoracic", "region-lumbar")


def _anywhere_in_the_spine(s: _Sentence) -> Iterator[Found]:
    """A condition said to happen anywhere in the spine may happen in each of its regions.

    "You can have a slipped disc in any part of the spine"; "it can occur anywhere along the
    spine": possible in the cervical, thoracic and lumbar spine.
    """
    for i, token in enumerate(s.tokens):
        anywhere = token == "anywhere" or (
            token == "any" and s.tokens[i + 1 : i + 2] and s.tokens[i + 1] in ANY_PART
        )
        if not anywhere or not set(s.tokens[i + 1 : i + 6]) & SPINE_WORDS:
            continue
        conditions = [m for m in s.of("CONDITION") if m.start < i][:1] or s.implicit("CONDITION")
        for condition in conditions:
            for local in SPINAL_REGIONS:
                region = s.named(condition, local)
                if region is not None:
                    yield Found(condition, "occurs_in", region, "possible", 0.5)
        return


def _condition_site(s: _Sentence) -> Iterator[Found]:
    """A condition and the spinal region or disc level where it happens (else the topic's).

    A body part stands for the region beneath it: "most occur in the lower back and the neck";
    a herniation named with its region happens there: "a lumbar herniation occurs when ..."
    (only where the sentence says it happens: a regional herniation named in passing is no
    claim about where herniations are).
    """
    for m in s.of("CONDITION"):
        region = s.lexicon.region_of(m.entity.iri)
        happens = set(s.tokens[m.end : m.end + 3]) & HAPPENS
        # the level a sentence gives says more than the region of its name: "C5-C6 is the
        # commonest level for a cervical herniation to occur" is about the level
        if region is not None and not m.negated and happens and not s.of("LEVEL"):
            yield Found(m, "occurs_in", replace(m, entity=region), "asserted", 0.6)
    cues = [i for i, t in enumerate(s.tokens) if t in SITE]
    named = s.of("CONDITION")
    if not named and cues and s.anaphor_before(cues[0]):  # "it most often occurs in ..."
        named = s.implicit("CONDITION")
    findings = s.of("FINDING")
    regions = s.of("REGION", "LEVEL")  # "most common in the lumbar spine", "... at L4-L5"
    of_findings = (
        named
        and any(  # "the symptoms of X affect the lower back": theirs
            f.end <= named[0].start and _of_condition(s.tokens[f.end : named[0].start])
            for f in findings
        )
    )
    if named and cues and not of_findings:  # "X occurs (most often) in the neck": X's region
        # ... or "the lower back is the most common site for X"
        regions += [
            replace(m, entity=s.lexicon.overlies[m.entity.iri])
            for m in s.of("BODY")[:1]
            if m.entity.iri in s.lexicon.overlies
            and m.start <= 2  # the subject: "the lower back is ...", not "pain in the neck is"
            and m.end <= cues[0] < named[0].start
            and set(s.tokens[m.end : cues[0]]) & COPULAS
        ]
        regions += [
            replace(m, entity=s.lexicon.overlies[m.entity.iri])
            for m in s.of("BODY")
            if m.entity.iri in s.lexicon.overlies
            and named[0].end < cues[0] < m.start
            and not any(0 <= m.start - f.end <= 3 for f in findings)  # "pain in the neck"
            # "affects the nerves that control the muscles in the neck": not where X is
            and not set(s.tokens[cues[0] : m.start]) & {"muscle", "muscles"}
        ]
    if cues and not named and s.tokens[cues[0]] in PLACE_NOUNS:
        # the topic's site: "the thoracic discs are rarely involved", "most common in the
        # lumbar spine"; but "the lumbar spine bears more load than any other area" names none
        regions = [r for r in regions if r.start > cues[0]]
    if not regions or not cues:
        return
    conditions = named or s.implicit("CONDITION")
    for found in _pairs(s, "occurs_in", conditions[:1], regions, 0.6, cue=cues[0]):
        if found.modality != "negated":
            yield found
        elif set(s.tokens) & RARELY:  # "thoracic discs are rarely involved": a rare site
            yield replace(found, modality="possible")
        # "an L4-L5 herniation often causes no symptoms" denies the symptoms, not the site


def _places_before(s: _Sentence) -> Iterator[Found]:
    """Places written before their finding: "hand and arm numbness", "leg and foot weakness"."""
    for finding in s.of("FINDING"):
        if finding.names_place or generic(finding) or finding.start < 1:
            continue
        places = s.group_before(finding.start, {"BODY"}, gap=0)
        if places and places[-1].end == finding.start:
            yield from _pairs(s, "occurs_in", [finding], places, 0.7)


def _own_place(finding: Mention) -> Mention:
    """The place a finding's own words name ("leg" of "leg pain"), as a mention over them."""
    assert finding.place is not None
    return replace(finding, entity=finding.place, names_place=False, place=None)


def _place_shared(s: _Sentence) -> Iterator[Found]:
    """A place that the first finding of a list names is every item's.

    "Arm pain, numbness or weakness": numbness and weakness in the arm. The list ends at any
    other word, and items with a place of their own keep it; only pain and deficits are felt
    in a place ("back pain, saddle anaesthesia or incontinence" puts nothing in the back).
    """
    for head in s.of("FINDING"):
        if head.place is None:
            continue
        if local_id(head) == RADICULAR_PAIN:  # "radiating leg pain" is radiating pain there
            opens = s.clause(head.start)[0]  # as hedged as the clause that names the pain
            yield from _pairs(s, "occurs_in", [head], [_own_place(head)], 0.7, cue=opens)
        items: list[Mention] = []
        edge = head.end
        for m in s.mentions:
            if m.start < edge:
                continue
            if m.category != "FINDING" or not _only(s.tokens[edge : m.start], {",", "and", "or"}):
                break
            items.append(m)
            edge = m.end
        if not items or (edge < len(s.tokens) and s.tokens[edge] in PLACE):
            continue  # "arm pain and numbness in the hand": the items have a place of their own
        place = _own_place(head)
        targets = [m for m in items if not m.names_place and local_id(m) in FELT_IN_A_PLACE]
        if len(targets) < len(items):
            continue  # a list of other findings: not a place's
        yield from _pairs(s, "occurs_in", targets, [place], 0.6)


#: Verbs that give a place the finding that follows: "the leg feels weak", "the arm went numb".
FEEL = {
    "feel",
    "feels",
    "felt",
    "feeling",
    "is",
    "are",
    "become",
    "becomes",
    "became",
    "get",
    "gets",
    "go",
    "goes",
    "went",
    "grow",
    "grows",
}


def _places_feel(s: _Sentence) -> Iterator[Found]:
    """A place said to feel a finding: "my legs feel weak and numb", "the foot may go numb"."""
    for place in s.of("BODY"):
        after = s.tokens[place.end : place.end + 4]
        verb = next((j for j, t in enumerate(after) if t in FEEL), None)
        if verb is None or not _only(after[:verb], {"may", "can", "might", "could", "will"}):
            continue
        start = place.end + verb + 1
        findings = [
            f
            for f in s.group_after(start - 1, {"FINDING"}, gap=1)
            if not f.names_place and not generic(f)
        ]
        if findings and findings[0].start <= start + 1:
            places = s.group_before(place.end, {"BODY"}, gap=0) or [place]
            yield from _pairs(s, "occurs_in", findings, places, 0.7)


def _occurs_in(s: _Sentence) -> Iterator[Found]:
    """A run of findings followed by a place: "numbness and tingling in the legs and feet".

    An aside in brackets is read on its own: "pain (often burning) that radiates down the
    leg", "headaches (it may also cause numbness in the face)".
    """
    yield from _runs_and_places(s, [m for m in s.mentions if m.start not in s.aside])
    yield from _runs_and_places(s, [m for m in s.mentions if m.start in s.aside])


def _runs_and_places(s: _Sentence, mentions: list[Mention]) -> Iterator[Found]:
    run: list[Mention] = []
    disjunction = False
    edge = 0
    placed: list[Mention] = []  # the places already given to the run
    qualified = -1  # where a condition the run is "of" ends
    for m in mentions:
        between = s.tokens[edge : m.start]
        if m.start not in s.aside:
            between = [t for k, t in enumerate(between, edge) if k not in s.aside]
        if m.category == "FINDING":
            if run and generic(m) and _refers_to_run(between):
                edge = m.end  # "numbness or weakness, and all these symptoms occur in the arm"
                continue
            if run and "of" in between and all(generic(f) for f in run):
                run = [m]  # "symptoms of sciatica in the legs": sciatica's place
            elif run and between[-1:] == ["of"]:
                edge = m.end  # "the pain of sciatica is felt in the calf": the pain's place
                continue
            elif run and not between and generic(m) and not generic(run[-1]):
                edge = m.end  # "sciatica symptoms affect the legs": sciatica's place
                continue
            elif run and not placed and _only(between, JOINERS | ITEM_TAILS | HOW_OFTEN):
                # "tingling, numbness and sometimes weakness in the leg"
                run.append(m)
                disjunction = disjunction or "or" in between
            else:
                run, disjunction = [m], False
            placed = []
        elif (
            m.category in PLACES
            and run
            and _only(
                _past_unknown_item(between),
                PLACE | JOINERS | SENSATION | (set() if placed else OF_PART),
            )
        ):  # "in the muscles of the arm", but not "the biceps muscles of the arm" again
            if qualified == edge and _only(between, {"in", "at", "of", "the", "a", "your"}):
                run, placed = [], []  # the condition's own place: "a pinched nerve in the neck"
                edge = m.end
                continue
            if placed and m in placed:
                edge = m.end
                continue
            if len(_past_unknown_item(between)) <= 7:
                bodies = [b for b in _places_after(s, m) if not _names_a_finding(s, b)]
                # "low back pain, spasms, numbness or tingling into the leg": the place is
                # the items' after the last one with a place of its own
                own = [k for k, f in enumerate(run) if f.names_place or _placed_before(s, f)]
                rest = run[own[-1] + 1 :] if own else run
                targets = [f for f in rest if _may_have_place(f)]
                if bodies and _list_goes_on(s, bodies[-1]):
                    # "clumsiness, weakness in the hands, stiff walking": the hands are the
                    # weakness's own place, inside a list that goes on
                    targets = targets[-1:]
                for body in bodies:
                    felt = [f for f in targets if _felt_in(f, body)]
                    yield from _pairs(s, "occurs_in", felt, [body], 0.8)
                placed = bodies  # "begins in the lower back and may also affect the thigh"
            else:
                run = []
        elif run and m.category == "NEURAL" and _followed_along(between):
            # "pain that travels along the nerve into the thigh": the nerve is the way, and
            # "the nerve's path" too
            edge = m.end
            while edge < len(s.tokens) and s.tokens[edge] in NERVE_WAY:
                edge += 1
            continue
        elif run and m.category == "CONDITION" and _of_condition(between):
            # "the symptoms of a lumbar herniation affect ...", "pain from a herniation"; but in
            # "symptoms of a pinched nerve in the neck" the neck is the condition's
            qualified = m.end
        else:  # a treatment, a place too far from the run
            run, placed = [], []
        edge = m.end


#: Words that make a nerve the way a finding travels: "along the nerve", "follows the nerve".
FOLLOWED_ALONG = {"along", "follow", "follows", "following", "followed"}
#: Words after such a nerve that still name the way: "the nerve's path".
NERVE_WAY = {"'s", "\u2019s", "path", "course", "route", "pathway"}


def _followed_along(between: list[str]) -> bool:
    """Whether ``between`` makes the nerve after it the way the findings before travel.

    "Pain that travels along the nerve", "the pain and tingling follow the nerve's path".
    """
    words = [t for t in between if t not in {"the", "a", "its", "your", "their", "path", "of"}]
    return (
        bool(words)
        and words[-1] in FOLLOWED_ALONG
        and _only(words, PLACE | SENSATION | FOLLOWED_ALONG)
    )


#: Nouns that end a list item the lexicon does not know: "electric-shock like sensations".
FEELINGS = [["sensation"], ["sensations"], ["feeling"], ["feelings"]]
#: Endings of a noun that names a sensation or a state: "heaviness", "cramping", "stiffness".
STATE_ENDINGS = ("ness", "ing", "ity")


def _without_unknown_items(between: list[str]) -> list[str]:
    """``between`` without the list items the lexicon does not know, between two known ones.

    "Tingling, chilling, burning or numbness": "chilling" is an item like the others. An item
    is one word ending like a state's name, after a comma and before a comma, "and" or "or".
    """
    return [
        t
        for k, t in enumerate(between)
        if not (
            0 < k < len(between) - 1
            and between[k - 1] == ","
            and between[k + 1] in {",", "and", "or"}
            and t.endswith(STATE_ENDINGS)
            and t not in PLACE | SENSATION
        )
    ]


#: Words that open a noun phrase.
ARTICLES = {"the", "a", "an", "your"}
#: Prepositions that open the words an item of a list ends on: "wear and tear on the spine".
TAIL_PREPOSITIONS = {"on", "of", "to", "at"}


def _without_item_tail(between: list[str]) -> list[str]:
    """``between`` without the few unknown words that end the list item before it.

    "Wear and tear on the spine, an injury or ...": "on the spine" ends the first item. At
    most three words after a preposition, then a comma; none a place, sensation or cue.
    """
    if not between or between[0] not in TAIL_PREPOSITIONS or "," not in between[1:5]:
        return between
    comma = between.index(",", 1)
    tail = between[1:comma]
    if all(t in ARTICLES or (t.isalpha() and t not in PLACE | SENSATION | BREAKS) for t in tail):
        return between[comma:]
    return between


def _past_unknown_item(between: list[str]) -> list[str]:
    """``between`` without a last list item the lexicon does not know.

    "Pain, cramping or heaviness in the legs": "heaviness" is an item like the others, and the
    legs are the place of them all. One word after "or" or "and", ending like a state's name.
    """
    if len(between) >= 2 and between[0] in {",", "or", "and"}:
        joined = 1 + (between[1] in {"or", "and"})
        item = between[joined : joined + 1]
        if item and item[0].endswith(STATE_ENDINGS) and item[0] not in PLACE | SENSATION:
            return between[joined + 1 :]
        # "burning or electric-shock like sensations that move down the leg"
        feeling = next(
            (k for k in range(joined, joined + 5) if between[k : k + 1] in FEELINGS), None
        )
        if feeling is not None:
            return between[feeling + 1 :]
    return between


#: Words that make "symptoms" the findings just listed: "... and all these symptoms".
BACK_TO_RUN = {"these", "those", "such"}


def _refers_to_run(between: list[str]) -> bool:
    """Whether ``between`` makes the generic finding after it the run before it."""
    return bool(BACK_TO_RUN & set(between)) and _only(between, BACK_TO_RUN | JOINERS | {"all"})


#: Words that refer back to the pain the sentence before named: "It can spread to the feet".
PAIN_BACK = {("it",), ("this",), ("the", "pain"), ("this", "pain")}


def _it_radiates(s: _Sentence) -> Iterator[Found]:
    """A pain named before that "radiates" here is radiating pain in the places it reaches.

    "The pain starts in the lower back. It can spread down to the feet": radiating pain in
    the feet. Only a sentence that names no finding of its own, opened by "it" or "the pain".
    """
    before = s.recent.get("FINDING")
    if before is None or "pain" not in before.entity.label.split() or s.of("FINDING"):
        return
    travels = next((i for i, t in enumerate(s.tokens[:6]) if t in TRAVEL), None)
    if travels is None or not any(tuple(s.tokens[:travels])[: len(w)] == w for w in PAIN_BACK):
        return
    places = _after_in_clause(s, travels, {"BODY"})
    pain = s.named(replace(before, start=0, end=1, text=s.tokens[0]), RADICULAR_PAIN)
    if pain is not None:
        yield from _pairs(s, "occurs_in", [pain], places, 0.6, cue=travels)


def _radiation_into(s: _Sentence) -> Iterator[Found]:
    """Pain "with radiation into the ribs" is radiating pain there too."""
    for i in s.cues({"radiation"}):
        pain = [f for f in s.of("FINDING") if f.end <= i and "pain" in f.entity.label.split()]
        if not pain or s.tokens[i + 1 : i + 2] not in (["into"], ["to"]):
            continue
        named = s.named(replace(pain[-1], start=i, end=i + 1, text=s.tokens[i]), RADICULAR_PAIN)
        if named is not None:
            yield from _pairs(s, "occurs_in", [named], _after_in_clause(s, i, {"BODY"}), 0.6, cue=i)


def _placed_before(s: _Sentence, finding: Mention) -> bool:
    """Whether a body part stands right before a finding: "back spasms", "leg weakness"."""
    return any(m.category == "BODY" and m.end == finding.start for m in s.mentions)


#: Words of a part of a place: "weakness in the muscles of the arm" is weakness in the arm.
OF_PART = {"muscle", "muscles", "skin", "of"}
#: Words that may end an item of a list of findings: "weakness of some muscles, or numbness".
ITEM_TAILS = OF_PART | {"some", "certain"}


#: Words that tie a finding to the condition it comes from: "the pain from a herniation".
OF_CONDITION = {"of", "from", "with"}


def _of_condition(between: list[str]) -> bool:
    """``between`` ends a finding's "of/from/with (a, the) ..." before its condition."""
    words = [w for w in between[-2:] if w not in {"a", "an", "the"}]
    return bool(words) and words[-1] in OF_CONDITION


#: Categories of where a finding is felt: a body part, or a muscle ("weakness in the biceps").
PLACES = {"BODY", "MUSCLE"}


#: Findings that show what a root supplies, by where they are: weakness in the muscles it moves,
#: numbness, tingling or sensory loss in the skin it supplies.
MOTOR_DEFICITS = {"finding-muscle-weakness", "finding-muscle-atrophy"}
SENSORY_DEFICITS = {"finding-numbness", "finding-paresthesia", "finding-sensory-loss"}
#: Findings that a reflex's change makes: "the knee jerk is absent".
CHANGED_REFLEXES = {"finding-diminished-reflex", "finding-absent-reflex"}
#: Radiating (radicular) pain, which pain said to travel is.
RADICULAR_PAIN = "finding-radicular-pain"
#: Findings that are what a condition does: deficits, changed reflexes and bare pain.
DEFICITS = MOTOR_DEFICITS | SENSORY_DEFICITS | {"finding-pain", *CHANGED_REFLEXES}
#: Findings felt in the skin, not in a muscle: "numbness down from the biceps" starts at it.
SKIN_FINDINGS = SENSORY_DEFICITS | {RADICULAR_PAIN, "finding-burning-sensation"}


#: Findings a place written before a list is shared with: "arm pain, numbness or weakness".
FELT_IN_A_PLACE = DEFICITS | SKIN_FINDINGS | {"finding-muscle-spasm", "finding-stiffness"}


def _list_goes_on(s: _Sentence, place: Mention) -> bool:
    """Whether another finding of the list follows a place: "..., weakness in the legs, X"."""
    after = next((m for m in s.mentions if m.start >= place.end), None)
    between = s.tokens[place.end : after.start] if after is not None else []
    return after is not None and after.category == "FINDING" and between == [","]


def _felt_in(finding: Mention, place: Mention) -> bool:
    """Whether a finding can be in a place: a muscle is weak or sore, never numb."""
    return place.category != "MUSCLE" or local_id(finding) not in SKIN_FINDINGS


def _may_have_place(f: Mention) -> bool:
    """A specific finding, or "symptoms" (which text places too); never a class."""
    return local_id(f)[:1].islower()


def _names_a_finding(s: _Sentence, place: Mention) -> bool:
    """A place written right before its own finding ("shoulder weakness"), not a run's place."""
    return any(m.category == "FINDING" and m.start == place.end for m in s.mentions) or any(
        m.category == "BODY"
        and m.start == place.end + 1
        and s.tokens[place.end] in {"and", "or"}
        and any(f.category == "FINDING" and f.start == m.end for f in s.mentions)
        for m in s.mentions
    )


def _places_after(s: _Sentence, first: Mention) -> list[Mention]:
    """``first`` and the places that follow it ("from the buttock through the thigh")."""
    places = [first]
    edge = first.end
    for m in s.mentions:
        if m.start < edge or (m.start in s.aside and first.start not in s.aside):
            continue  # "the biceps (the front of the upper arm) and the wrist": not the aside's
        between = [t for k, t in enumerate(s.tokens[edge : m.start], edge) if k not in s.aside]
        if m.category not in PLACES or not _only(between, PLACE | JOINERS | SENSATION):
            break
        if between in (["of"], ["of", "the"], ["of", "your"]):  # "the back of the calf"
            if places[-1].entity.label == "back":
                places[-1] = m  # the part named after "of" is the place
            edge = m.end
            continue
        places.append(m)
        edge = m.end
    return places


def _affects_side(s: _Sentence) -> Iterator[Found]:
    """The side a condition affects: "on one side of the body", "down one leg", "both arms".

    The side is the condition's that the sentence names, else the page's; a finding's only on
    a page about no condition ("bilateral sciatica" is its own finding).
    """
    listed = s.announced() if s.tokens[:1] in (["these"], ["they"]) else []
    for side in s.of("SIDE") + _limb_sides(s):
        if _anatomy(s, side):
            continue
        subjects = s.of("CONDITION")[:1] or listed
        subjects = subjects or s.implicit("CONDITION", "FINDING")
        if not subjects:
            before = [m for m in s.mentions if m.end <= side.start]
            for m in reversed(before):
                if m.category == "FINDING" and not generic(m):
                    subjects = s.group_before(m.end, {m.category}, gap=0) or [m]
                    break
        yield from _pairs(s, "affects_side", subjects, [side], 0.7)


def _anatomy(s: _Sentence, side: Mention) -> bool:
    """Whether a side is where a nerve runs or a treatment acts, not where symptoms are.

    "The sciatic nerve runs down both legs"; "the medicine reaches both sides of the spine".
    """
    before = [m for m in s.mentions if m.end <= side.start]
    return (
        not s.of("CONDITION", "FINDING")
        and not s.announced()
        and (any(m.category in {"NEURAL", "TREATMENT"} for m in before) or bool(s.cues(TREAT)))
    )


#: A limb counted: "down one leg" is one side, "both arms" both ("one or both legs" neither).
LIMB_COUNT = {"one": "laterality-unilateral", "both": "laterality-bilateral"}


def _limb_sides(s: _Sentence) -> list[Mention]:
    """The sides that limbs counted with "one" or "both" name."""
    out = []
    for m in s.of("BODY"):
        word = s.tokens[m.start - 1] if m.start > 0 else ""
        either = m.start > 2 and s.tokens[m.start - 3 : m.start - 1] == ["one", "or"]
        if word in LIMB_COUNT and not either and m.entity.label in {"leg", "arm", "hand", "foot"}:
            side = s.named(m, LIMB_COUNT[word])
            out += [side] if side is not None else []
    return out


def _treated_by(s: _Sentence) -> Iterator[Found]:
    """A condition or finding and the treatments a treatment cue names with it.

    Treatments that the sentence says were tried and failed ("after six weeks of therapy",
    "unresponsive to rest") are not offered as treatments for the target; those offered
    first ("rest may help, but if the pain persists, surgery") are. A kind of care stands for
    that care ("treated conservatively", "surgical options").
    """
    if not s.of("TREATMENT", "KIND"):
        return
    tried = _tried_before(s) if set(s.tokens) & TRIED_AND_FAILED else iter(())
    tried_first = {id(f.subject) for f in tried}
    put_off = {id(m) for _, later in _avoided(s, s.of("TREATMENT")) for m in later}
    treatments = [t for t in s.of("TREATMENT") if id(t) not in tried_first | put_off]
    treatments += [care for k in s.of("KIND") if _names_care(s, k) and (care := _care_of(s, k))]
    if not treatments or (not s.cues(TREAT, inside_mentions=True) and not s.of("KIND")):
        return
    first = min(t.start for t in treatments)
    if _prevents_the_condition(s, first):
        return
    purpose = {i for i, t in enumerate(s.tokens) if t in PURPOSE and i > first}
    # what a treatment is for, not what it eases: "physical therapy can help ease pain" treats
    # the page's condition; a finding is a target only when named before the treatment
    targets = [
        m
        for m in s.of("CONDITION", "FINDING")
        if not generic(m)
        and not any(p < m.start for p in purpose)
        and (m.category == "CONDITION" or m.start < first or _prescribed_for(s, m))
    ]
    if any(m.category == "CONDITION" for m in targets):  # a condition is what is treated
        targets = [m for m in targets if m.category == "CONDITION"]
    # "the pain improves with rest": bare pain is the page's condition's (or syndrome's, as
    # sciatica), which is treated
    topic = s.implicit("CONDITION", "FINDING")
    if topic and targets and all(m.entity.label == "pain" for m in targets):
        targets = topic
    if not targets:
        targets = s.implicit("CONDITION", "FINDING")
    fails = _fail_cue(s)
    failed = _failed_first(s, fails, treatments)
    hedged = _hedged_subjects(s, treatments)
    for target in targets[:2]:
        for t in treatments:
            modality = s.modality(target, t)
            if modality == "negated" and id(t) in failed:
                continue
            if (fails is not None and t.start > fails) or (
                id(t) in hedged and modality == "asserted"
            ):
                modality = "possible"
            yield from _pairs(s, "treated_by", [target], [t], 0.6, modality=modality)


#: Verbs of giving a treatment that "for" after them names its target: "prescribed for".
GIVEN_FOR = {"prescribed", "prescribe", "prescribes", "given", "used", "recommended", "offered"}


def _prescribed_for(s: _Sentence, m: Mention) -> bool:
    """Whether a finding is what a treatment is given for: "NSAIDs are prescribed for back pain".

    Only right after "for" that follows such a verb or the treatment itself ("injections for
    sciatica"); what a treatment eases ("helps ease the pain") is not its target.
    """
    k = m.start
    while k > 0 and s.tokens[k - 1] in {"the", "your", "a"}:
        k -= 1
    if k < 2 or s.tokens[k - 1] != "for":
        return False
    treated = any(t.end == k - 1 for t in s.of("TREATMENT"))
    return treated or s.tokens[k - 2] in GIVEN_FOR


def _failed_first(s: _Sentence, fails: int | None, treatments: Sequence[Mention]) -> set[int]:
    """The treatments a failure before another step names (their ids), which it does not deny.

    "Surgery when conservative care is not effective": conservative care came first; but
    "physical therapy does not help" denies physical therapy.
    """
    if fails is None or s.tokens[fails] not in WORKED or len(treatments) < 2:
        return set()
    if not set(s.tokens[:fails]) & CONDITIONALS:
        return set()
    return {id(t) for t in treatments if t.start < fails}


def _hedged_subjects(s: _Sentence, treatments: Sequence[Mention]) -> set[int]:
    """The treatments a hedge after them is said of: "paracetamol or an NSAID may be tried".

    The hedge must follow the last of a coordinated group in its clause ("such as ibuprofen"
    may come between, and the colon of a labelled list item: "Opioids: may be used ..."), and
    the group must be what the clause is about, not the object of a treating verb before it
    ("treated with rest, and surgery may be needed" hedges only surgery).
    """
    out: set[int] = set()
    cues = s.cues(TREAT | {"with"})
    for last in treatments:
        k = last.end
        while k < len(s.tokens) and s.tokens[k] in LABEL_MARKS:
            k += 1
        end = s._segment_end(k, limit=8)
        hedge = next((i for i in range(k, end) if s.tokens[i] in HEDGE_WORDS), None)
        # the hedge of a relative clause or of a later noun is not theirs: "physical therapy
        # using a technique called McKenzie therapy that can reduce the bulge"
        between = set(s.tokens[k:hedge]) if hedge is not None else set()
        named = any(last.end <= m.start < hedge for m in s.mentions) if hedge else False
        if hedge is None or named or between & RELATIVES:
            continue
        group = _with_their_kind(s, s.group_before(last.end - 1, {"TREATMENT"}, gap=1) or [last])
        first = min(m.start for m in group)
        start = first
        while start > 0 and s.tokens[start - 1] not in BREAKS | LABEL_MARKS | {","}:
            start -= 1
        if any(start <= i < first for i in cues):
            continue
        # an aside inside the list names one of them again: "paracetamol (acetaminophen) or"
        out |= {id(t) for t in treatments if first <= t.start < last.end}
    return out


def _with_their_kind(s: _Sentence, group: list[Mention]) -> list[Mention]:
    """A group of examples with the coordinated group their "such as" gives examples of.

    "Paracetamol or an NSAID such as ibuprofen or naproxen": all four.
    """
    while True:
        first = min(m.start for m in group)
        width = next((w for w in (2, 1) if _example_lead(s.tokens, first - w) == w), 0)
        kind = s.group_before(first - width - 1, {"TREATMENT"}, gap=1) if width else []
        if not kind:
            return group
        group = [*kind, *group]


#: Words that open a relative clause, whose hedge is about the noun before it.
RELATIVES = {"that", "which", "who", "whose"}
#: Marks between a list item's label and what is said of it: "Opioids:** may be used".
LABEL_MARKS = {":", "*"}


def _prevents_the_condition(s: _Sentence, first: int) -> bool:
    """Whether the sentence is about preventing a condition, which is no treating it.

    "To help prevent a slipped disc, exercise", "exercise helps prevent a recurrence": no
    treatment; "it needs surgery to prevent paralysis" prevents a consequence and treats, as
    "rest is advised to prevent further strain" and "stretches ease pain and prevent injury" do.
    """
    at = next((i for i, t in enumerate(s.tokens) if t in PREVENTION), None)
    if at is None:
        return False
    if at > first and (
        set(s.tokens[first:at]) & RELIEF or {"further", "worsening"} & set(s.tokens[at : at + 3])
    ):
        return False  # "helps reduce pain and prevent future injuries", "to prevent further strain"
    prevented = next((m for m in s.mentions if m.start > at), None)
    return at < first or prevented is None or prevented.category != "FINDING"


#: Words of what a treatment does for a condition: relieving it, not preventing it.
RELIEF = {"reduce", "reduces", "relieve", "relieves", "ease", "eases", "improve", "improves"}
RELIEF |= {"manage", "manages", "treat", "treats", "heal", "heals"}


#: Words that say a treatment was had: "patients have tried rest", "have been exhausted".
HAD = {"tried", "exhausted", "undergone", "had"}


def tried_in_vain(
    tokens: Sequence[str], mentions: Sequence[Mention], lexicon: Lexicon
) -> list[Mention]:
    """The treatments a sentence says were had without enough relief: tried before the next.

    "Patients have tried rest and NSAIDs for six weeks without relief", "conservative measures
    have been exhausted" (a kind stands for its care); not "if rest fails, surgery" (rest is
    offered first).
    """
    if not set(tokens) & HAD or set(tokens) & CONDITIONALS:
        return []
    fails = next((i for i, t in enumerate(tokens) if t in FAILED | {"without"}), None)
    if fails is None:
        return []
    out = []
    for m in mentions:
        if m.end > fails:
            continue
        if m.category == "KIND":  # "conservative measures have been exhausted"
            m = named(m, CARE_OF_KIND.get(local_id(m)), lexicon) or m
        if m.category == "TREATMENT":
            out.append(m)
    return out


#: Words of preventing a condition, which the vocabulary has no relation for.
PREVENTION = {"prevent", "prevents", "preventing", "prevention", "preventive", "preventative"}

#: Words that say a treatment was tried and did not work before the one the sentence offers.
TRIED_AND_FAILED = {"after", "despite", "following", "unresponsive", "failed", "failing"}

#: Nouns of a treatment that a kind can be said of: "the first treatment is conservative".
TREATMENT_NOUNS = {"treatment", "treatments", "management", "care", "therapy"}

#: Verbs that a manner of care qualifies: "can be treated conservatively", "managed surgically".
TREATED_AS = {"treat", "treats", "treated", "treating", "manage", "manages", "managed", "managing"}


def _names_care(s: _Sentence, kind: Mention) -> bool:
    """Whether a kind stands for the care of that kind in a sentence about treating.

    "Surgical options", "treated conservatively", "the first treatment is conservative".
    """
    after = s.tokens[kind.end] if kind.end < len(s.tokens) else ""
    before = [t for t in s.tokens[max(0, kind.start - 3) : kind.start] if t != "-"]
    manner = kind.text.lower().endswith("ly") and bool(set(before) & TREATED_AS)
    predicate = bool(set(before) & {"is", "are"} and set(s.tokens[: kind.start]) & TREATMENT_NOUNS)
    return after in KIND_NOUNS or manner or predicate


def _care_of(s: _Sentence, kind: Mention) -> Mention | None:
    """The care a kind names as a treatment: "conservatively" -> conservative care."""
    care = CARE_OF_KIND.get(local_id(kind))
    return s.named(kind, care) if care is not None else None


def unplaced(m: Mention) -> bool:
    """A generic mention no region places: "a nerve", "these nerves"; not "the lumbar roots"."""
    return generic(m) and local_id(m) not in REGION_ROOTS.values()


def local_id(m: Mention) -> str:
    """The local id of a mention's entity: "treatment-surgery"."""
    return m.entity.local_id


#: Treatments that name a kind of care: "conservative care such as physical therapy".
KIND_OF_TREATMENT = {
    "treatment-conservative-care": "kind-conservative",
    "treatment-surgery": "kind-surgical",
}
#: The care that a kind of treatment names: "conservatively" -> conservative care.
CARE_OF_KIND = {kind: care for care, kind in KIND_OF_TREATMENT.items()}


def in_the_other_kind(treatment: Mention, kind: Mention, lexicon: Lexicon) -> bool:
    """Whether the graph puts a treatment in the other of conservative and surgical care.

    "Conservative management and surgical treatment" makes no surgery conservative; an
    injection, interventional in the graph, is either as pages say.
    """
    own = lexicon.kinds.get(treatment.entity.iri)
    return (
        own is not None
        and own.local_id in KIND_OF_TREATMENT.values()
        and own.iri != kind.entity.iri
    )


def steps_apart(first: Mention, later: Mention, lexicon: Lexicon) -> bool:
    """Whether ``first`` can be tried before ``later``: not a kind of care and one of its members.

    Membership is the graph's ``skos:broader`` between treatments, the same that ``spinekg
    check`` (``order-within-kind``) and the ``treatment_order`` query follow.

    "Despite conservative care such as physical therapy" names physical therapy as part of the
    conservative care tried, not as a later step; "if other medicines have not helped, opioids"
    puts opioids after other medicines, not after medication, the kind opioids belong to.
    """
    a, b = first.entity.iri, later.entity.iri
    return not (lexicon.within(a, b) or lexicon.within(b, a))


EXAMPLES = {
    "which",  # "conservative treatment, which may include physical therapy"
    "such",
    "as",
    "including",
    "include",
    "includes",
    "like",
    "means",
    "mean",
    ":",
    "-",
    "is",
    "are",
    "with",
    "e.g.",
    "namely",
    "for",
    "example",
    "instance",
    "\u2013",
    "may",
    "might",
    "can",
    "could",
    "often",
    "usually",
    "typically",
    "also",
    "options",
    "methods",
    "measures",
    "using",
    "through",
    "by",
}


#: What a treatment is for: "treatments for stenosis", "management of sciatica".
TARGETS = {"CONDITION", "FINDING"}
#: Nouns a treatment kind qualifies: "conservative measures", "surgical options".
KIND_NOUNS = {
    "treatment",
    "treatments",
    "options",
    "option",
    "methods",
    "method",
    "measures",
    "care",
    "therapies",
    "therapy",
    "approaches",
    "approach",
    "management",
    "procedures",
    "procedure",
    "remedies",
    "interventions",
    "choices",
    "other",
}


def _treatment_kind(s: _Sentence) -> Iterator[Found]:
    for kind in s.of("KIND"):
        word = kind.entity.label.lower()[:5]
        end, relative = s.list_end(kind.start)  # "such as X, which ..., or Y"
        # "non-surgical options such as rest and heat": only a list the kind introduces
        listed = {i for t in s.of("TREATMENT") for i in range(t.start, t.end)} | relative
        after = [
            m
            for m in s.of("TREATMENT")
            if kind.end <= m.start < end
            and _list_between(
                [t for i, t in enumerate(s.tokens[kind.end : m.start], kind.end) if i not in listed]
            )
        ]
        before = s.group_before(kind.start, {"TREATMENT"}, gap=4)
        if before and set(s.tokens[before[-1].end : kind.start]) & (
            CONDITIONALS | CONTRASTS | {"with"}
        ):
            # "injections are considered when conservative care has failed"; "pain management
            # with non-surgical methods" says what the methods are, not the treatment's kind;
            # "from surgery to conservative care" sets them apart
            before = []
        for t in after or before:
            # "surgical review rather than an injection": the injection is not of that kind
            if word not in t.entity.label.lower() and not t.negated:
                yield Found(t, "treatment_kind", kind, "asserted", 0.7)
    for general in s.of("TREATMENT"):
        its_kind = s.named(general, KIND_OF_TREATMENT.get(local_id(general), ""))
        if its_kind is None:
            continue
        examples: list[Mention] = []
        edge = general.end
        for m in s.mentions:
            if m.start < edge:
                continue
            between = s.tokens[edge : m.start]
            if not examples and m.category in TARGETS and _only(between, {"for", "of", "the"}):
                edge = m.end  # "non-surgical treatments for stenosis include X": its target
                continue
            if m.category != "TREATMENT":
                break
            opens = _only(between, EXAMPLES | JOINERS) and bool(set(between) & EXAMPLES)
            if not examples and not opens:
                break
            if examples and not _list_between(between):  # an unknown item keeps a list going
                break
            examples.append(m)
            edge = m.end
        for t in examples + _named_procedure(s, general):
            yield Found(t, "treatment_kind", its_kind, "asserted", 0.6)


def kinds_of_the_last(
    tokens: Sequence[str],
    mentions: Sequence[Mention],
    earlier: Sequence[Mention],
    lexicon: Lexicon,
    *,
    just_before: Sequence[Mention] = (),
) -> list[Found]:
    """The kind that "other conservative treatments" gives the treatments named just before.

    "NSAIDs can ease the swelling. Other conservative treatments include ice": NSAIDs are
    conservative too; so are those the sentence before names, before "if conservative care
    fails" (``just_before``). Only a treatment that the vocabulary files under that kind is
    labelled.
    """
    found: list[Found] = []
    for m in mentions:
        if m.start < 1:
            continue
        near = {*tokens[max(0, m.start - 3) : m.start], *tokens[m.end : m.end + 3]}
        # "unresponsive to conservative care", "if conservative care fails": the care tried
        # first is the treatments just named
        failed = m.category == "TREATMENT" and bool(near & (FAILED | TRIED_AND_FAILED))
        other = tokens[m.start - 1] == "other"
        if not other and not failed:
            continue
        # "other non-surgical options" names the kind; "other conservative treatments" its care
        kind_id = local_id(m) if m.category == "KIND" else KIND_OF_TREATMENT.get(local_id(m))
        kind = named(m, kind_id, lexicon)
        if kind is None:
            continue
        for t in earlier if other else just_before:
            its_kind = lexicon.kinds.get(t.entity.iri)
            if (
                its_kind is not None
                and its_kind.iri == kind.entity.iri
                and t.entity.iri != m.entity.iri
            ):
                earlier_one = replace(t, start=-1, end=-1)  # named before, as it was
                found.append(Found(earlier_one, "treatment_kind", kind, "asserted", 0.5))
    return found


#: Words of symptoms that go on after the care tried first: "if the pain continues beyond".
LASTING = FAILED | {"continue", "continues", "remain", "remains", "worsen", "worsens", "linger"}


def tried_before_the_last(
    tokens: Sequence[str],
    mentions: Sequence[Mention],
    just_before: Sequence[Mention],
    lexicon: Lexicon,
) -> list[Found]:
    """The treatments the sentence before offered, tried before what this one offers if they fail.

    "During this time, rest, heat or painkillers may bring relief. If the pain continues beyond
    this period, microdiscectomy may be needed": each was tried before microdiscectomy; so too
    "If they do not work, surgery may be offered" and "If these treatments fail, there are
    surgical options" (the care of the kind). The sentence must open on its condition, name no
    treatment in it, and offer one after it.
    """
    if not just_before or not tokens or tokens[0] not in CONDITIONALS:
        return []
    cue = failed_at(tokens, LASTING)
    treatments = [m for m in mentions if m.category == "TREATMENT"]
    if cue is None or any(t.start < cue for t in treatments):
        return []
    # "there are several surgical options": the care of the kind named after the cue
    cares = [
        care
        for k in mentions
        if k.category == "KIND" and k.start > cue
        if (care := named(k, CARE_OF_KIND.get(local_id(k)), lexicon)) is not None
    ]
    later = treatments or cares
    earlier = [t for t in just_before if t.entity.iri not in {m.entity.iri for m in later}]
    return [
        Found(replace(t, start=-1, end=-1), "tried_before", step, "asserted", 0.5)
        for t in earlier
        for step in later
        if steps_apart(t, step, lexicon)
    ]


#: Words of a treatment's own name that say its kind: "emergency surgery", "this surgery".
KIND_WORDS = {
    "surgery": "kind-surgical",
    "surgical": "kind-surgical",
    "operation": "kind-surgical",
    "interventional": "kind-interventional",
}


def _kind_said(s: _Sentence) -> Iterator[Found]:
    """The kind that a treatment's own words say.

    "Emergency surgery", "interventional pain management", "this surgery" standing for the
    microdiscectomy named before. Not the care of a kind itself ("surgery" is surgical by
    name, which says nothing), and only the kind the vocabulary files the treatment under.
    """
    for t in s.of("TREATMENT"):
        words = t.text.lower().split()
        kind = s.named(t, next((KIND_WORDS[w] for w in words if w in KIND_WORDS), None))
        if kind is None or local_id(t) in KIND_OF_TREATMENT:
            continue
        its_kind = s.lexicon.kinds.get(t.entity.iri)
        if its_kind is not None and its_kind.iri == kind.entity.iri:
            yield Found(t, "treatment_kind", kind, "asserted", 0.6)


#: Words that give a procedure its name: "surgery ... by a procedure called discectomy".
NAMING = {"called", "named", "termed", "known"}
#: How far after the general treatment its named procedure may come, in tokens.
NAMING_REACH = 12


def _named_procedure(s: _Sentence, general: Mention) -> list[Mention]:
    """The treatment a sentence names as an instance of ``general`` ("a procedure called X")."""
    for i in range(general.end, min(len(s.tokens), general.end + NAMING_REACH)):
        if s.tokens[i] not in NAMING:
            continue
        j = i + 1 + (i + 1 < len(s.tokens) and s.tokens[i + 1] == "as")
        while j < len(s.tokens) and s.tokens[j] in {"a", "an", "the"}:
            j += 1
        return [m for m in s.of("TREATMENT") if m.start == j]
    return []


#: The longest item of a list that the lexicon does not know ("steroids, NSAIDs and rest").
UNKNOWN_ITEM = 3


def _list_between(words: list[str]) -> bool:
    """Whether words between a kind and a treatment only continue its list of examples.

    "Non-surgical therapies such as steroids, NSAIDs and ...": an item the lexicon does not
    know ("steroids") keeps the list going; a verb or a longer phrase ends it.
    """
    item: list[str] = []
    for w in [*words, ","]:
        if w in {",", "and", "or"}:
            if len(item) > UNKNOWN_ITEM:
                return False
            item = []
        elif w not in EXAMPLES | JOINERS | KIND_NOUNS | EXTRA_JOINERS:
            if w in BREAKS or w in VERBS_ENDING_A_LIST or w in CONTRASTS:
                return False
            item.append(w)
    return True


#: Words that set what follows apart from a kind: "from nonoperative measures to surgery",
#: "non-surgical care rather than surgery".
CONTRASTS = {"to", "than", "versus", "vs"}
#: Words that end a list of examples with a clause of its own: "... help most people".
VERBS_ENDING_A_LIST = {"is", "are", "was", "were", "can", "may", "will", "help", "helps"}


def _fail_cue(s: _Sentence) -> int | None:
    """Where a sentence says a treatment did not work (see :func:`failed_at`)."""
    return failed_at(s.tokens, FAILED)


def failed_at(tokens: Sequence[str], failing: set[str]) -> int | None:
    """The first word of ``failing``, or of :data:`WORKED` after a negation ("has not helped").

    The cues: "fails", "despite", "if pain persists", "unresponsive to", "does not get better",
    "without relief".
    """
    for i, t in enumerate(tokens):
        if t in failing:
            return i
        if t in WORKED and NEGATIONS.intersection(tokens[max(0, i - 4) : i]):
            return i
    return None


#: What the treatments tried before stand for when a text does not name them.
CONSERVATIVE_CARE = "treatment-conservative-care"


def _kind_of(s: _Sentence, treatment: Mention) -> str:
    """The kind the graph gives a treatment ("kind-surgical"), or "" when it gives none."""
    kind = s.lexicon.kinds.get(treatment.entity.iri)
    return kind.local_id if kind is not None else ""


def _surgical(s: _Sentence, treatment: Mention) -> bool:
    """Whether the graph makes a treatment an operation."""
    return _kind_of(s, treatment) == "kind-surgical"


def _beyond_conservative(s: _Sentence, treatment: Mention) -> bool:
    """Whether the graph makes a treatment interventional or surgical."""
    return _kind_of(s, treatment) in {"kind-interventional", "kind-surgical"}


def _tried_before(s: _Sentence) -> Iterator[Found]:
    """Orderings: "after/despite X, Y", "X first, then Y", "if X does not help, Y"."""
    treatments = s.of("TREATMENT")
    # "surgical options may be recommended": the care of the kind is the later step
    steps = treatments + [
        care for k in s.of("KIND") if k.entity.label != "conservative" and (care := _care_of(s, k))
    ]
    first: list[Mention] = []
    later: list[Mention] = []
    anchors = [
        i
        for i, t in enumerate(s.tokens)
        if t in {"after", "despite", "following"} and not _time_span_after(s.tokens, i)
    ]
    for i in anchors:
        near = [t for t in treatments if i < t.start <= i + 8]
        if near:
            first = _tried_first(s, s.group_after(i, {"TREATMENT"}, gap=8) or near[:1])
            # "after X, Y" and "Y after X"
            later = [t for t in steps if t not in first and (t.start > first[-1].end or t.end <= i)]
            break
    if not first and "first" in s.tokens:
        # "X first, then Y": what follows "first" is a later step only after a sequencing word;
        # "conservative care first (rest, physical therapy)" lists what X is made of
        i = s.tokens.index("first")
        first = [t for t in treatments if t.end <= i and i - t.end <= 2]
        then = next((j for j in range(i + 1, len(s.tokens)) if s.tokens[j] in SEQUENCE), None)
        later = [t for t in steps if then is not None and t.start > then]
    if not first:
        first, later = _put_off(s, steps)
    if not first:
        first, later = _not_responded(s, steps)
    if not first:
        cue = _fail_cue(s)
        if cue is None:
            return
        i = cue
        conditional = next(
            (j for j in range(i - 1, -1, -1) if s.tokens[j] in CONDITIONALS | {"because"}), None
        )
        if s.tokens[i] in {"unresponsive", "despite"}:  # "unresponsive to X, Y can help"
            stop = s._segment_end(i + 1, limit=12)
            first = [t for t in treatments if i < t.start < stop]
            later = [t for t in steps if t.start >= stop]
        elif conditional is not None and any(conditional < t.start < i for t in treatments):
            first = [t for t in treatments if conditional < t.start < i]
            # "X can help, but surgery is only recommended when Y has not worked": not X
            contrast = max((j for j in range(conditional) if s.tokens[j] in OPPOSING), default=-1)
            later = [t for t in steps if not conditional < t.start < i and t.start > contrast]
        elif conditional is not None:  # "rest may help, but if the pain persists, surgery"
            first = [t for t in treatments if t.start < conditional]
            later = [t for t in steps if t.start > i]
            if first and not later and all(_beyond_conservative(s, t) for t in first):
                # "surgery, if symptoms persist": after the conservative care that went before
                care = s.named(replace(first[0], start=i, end=i + 1), CONSERVATIVE_CARE)
                first, later = ([care], first) if care is not None else ([], [])
        else:
            first = [t for t in treatments if t.start < i]
            later = [t for t in steps if t.start > i]
        kinds = [
            care
            for k in s.of("KIND")
            if k.entity.label == "conservative" and (care := _care_of(s, k))
        ]
        if not first and kinds:
            first = kinds[:1]
    if not first:
        return
    # the order is what is claimed: "if rest fails, surgery may be recommended" asserts it; a
    # hedge before both steps ("sometimes, after injections, ...") hedges the whole order
    opening = min(m.start for m in (*first, *later)) if later else first[0].start
    # not a hedge of a clause set against it: "injections can help, but surgery is only ..."
    since = max((j + 1 for j in range(opening) if s.tokens[j] in OPPOSING), default=0)
    modality = "possible" if set(s.tokens[since:opening]) & HEDGE_WORDS else "asserted"
    for a in first:
        for b in later:
            if steps_apart(a, b, s.lexicon):
                yield Found(a, "tried_before", b, modality, 0.7)


#: Units of time: "after six weeks" orders no treatment.
TIME_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hours"}


def _time_span_after(tokens: list[str], i: int) -> bool:
    """Whether a time span follows token ``i``: "after six weeks", "after a few days".

    Not one of treatment: "after six weeks of physical therapy" orders the therapy first.
    """
    units = [k for k in range(i + 1, min(i + 7, len(tokens))) if tokens[k] in TIME_UNITS]
    return bool(units) and units[0] < i + 5 and all(tokens[k + 1 : k + 2] != ["of"] for k in units)


#: Verbs of keeping a later treatment away: "injections may help you avoid surgery".
PUT_OFF = {"avoid", "avoids", "postpone", "postpones", "delay", "delays", "prevent", "prevents"}
#: Words that, negated, say what did not work comes after them: "has not responded to X".
RESPONDED = {"responded", "respond", "responds", "better", "improve", "improved"}
#: Nouns that stand for the treatments tried before without naming them: "other treatments".
TRIED_NOUNS = {"treatment", "treatments", "measures", "care", "therapies", "options", "methods"}


def _put_off(s: _Sentence, steps: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """What a treatment puts off comes after it: "X may help to avoid (the need for) surgery".

    One operation that avoids another ("a foraminotomy avoids fusion") is an alternative to it.
    """
    for i, later in _avoided(s, steps):
        first = [m for m in s.of("TREATMENT") if m.end <= i and not _surgical(s, m)]
        if first:
            return first, later
    return [], []


def _avoided(s: _Sentence, steps: list[Mention]) -> Iterator[tuple[int, list[Mention]]]:
    """Each "avoid"-like word after a treatment, with the steps it puts off ("avoid surgery")."""
    for i, token in enumerate(s.tokens):
        if token in PUT_OFF:
            later = [m for m in steps if i < m.start <= i + 5]
            if later and any(m.end <= i for m in s.of("TREATMENT")):
                yield i, later


def _not_responded(s: _Sentence, steps: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """What did not work came first: "Y is for pain that has not responded to X".

    "Other treatments" and "nonsurgical treatments" stand for conservative care.
    """
    for i, token in enumerate(s.tokens[:-1]):  # the word, then what did not work after it
        if token not in RESPONDED or s.tokens[i + 1] not in {"to", "with", "from"}:
            continue
        if not any(s.tokens[j] in NEGATIONS for j in range(max(0, i - 4), i)):
            continue
        later = [m for m in steps if m.end <= i]
        _, end = s.clause(i)
        first = [m for m in s.of("TREATMENT") if i < m.start < end]
        if not first and set(s.tokens[i + 2 : i + 6]) & TRIED_NOUNS and later:
            conservative = s.tokens[i + 2 : i + 6]  # "other treatments", "nonsurgical treatments"
            kinds = [k for k in s.of("KIND") if i < k.start < i + 6]
            unnamed = replace(later[0], start=-1, end=-1, text="")  # "other treatments"
            care = _care_of(s, kinds[0]) if kinds else s.named(unnamed, CONSERVATIVE_CARE)
            first = [care] if care is not None and not set(conservative) & {"surgical"} else []
        if first and later:
            return first, later
    return [], []


def _tried_first(s: _Sentence, group: list[Mention]) -> list[Mention]:
    """The treatments of an "after X, Y and Z" clause: not the one that begins the next clause.

    "After weeks of conservative treatment, surgery may help": surgery is the later step.
    """
    out: list[Mention] = []
    for m in group:
        follows = s.tokens[m.end] if m.end < len(s.tokens) else ""
        if out and "," in s.tokens[out[-1].end : m.start] and follows not in JOINERS | {",", "."}:
            break
        out.append(m)
    return out


#: Words after which a body part is moved, not supplied: "controls the movement of the foot".
MOVEMENT_WORDS = {"movement", "movements"}


#: Verbs of a nerve's course, which with a way ("to", "into", "down") reach what it supplies.
NERVE_PATHS = {"travel", "travels", "run", "runs", "branch", "branches", "extend", "extends"}
NERVE_PATHS |= {"go", "goes", "reach", "reaches", "pass", "passes", "continue", "continues"}
#: The ways a nerve's course goes: "run down into the foot", "branch out into the arms".
PATH_WAYS = {"to", "into", "down", "through", "out"}


def _innervates(s: _Sentence) -> Iterator[Found]:
    """A root or nerve and the muscles or areas it supplies ("the C6 root supplies the biceps").

    "It supplies ..." takes the nerve of the sentence before.
    """
    # a region's roots supply too ("the lumbar nerve roots control the legs"); "a nerve" not
    nerves = [m for m in s.of("NEURAL") if not unplaced(m)]
    targets = {"MUSCLE", "BODY"}
    # "these nerves carry signals to the legs and bladder" says what they supply
    signals = [
        i
        for i in s.cues(SIGNAL_VERBS)
        if s.tokens[i + 1 : i + 2] in [[w] for w in SIGNALS] and "to" in s.tokens[i + 2 : i + 5]
    ]
    yield from _nerve_course(s, targets)
    for i in sorted(s.cues(INNERVATE) + signals):
        passive = i + 1 < len(s.tokens) and s.tokens[i + 1] == "by"
        if passive:  # "the calf muscles, supplied by S1": what is supplied stands right before
            subjects = [m for m in nerves if m.start > i][:1]
            objects = s.group_before(i, targets, gap=2)
        else:
            subjects = [m for m in nerves if m.end <= i][-1:]
            if not subjects and s.anaphor_before(i):
                subjects = s.antecedent("NEURAL")
            _, end = s.clause(i)
            # "controls the movement of lifting the foot": a movement, not an area it supplies;
            # but "the movements and sensations of your legs" are the legs'
            moved = next(
                (
                    j
                    for j in range(i, end)
                    if s.tokens[j] in MOVEMENT_WORDS
                    and any(t.endswith("ing") for t in s.tokens[j + 1 : j + 4])
                ),
                end,
            )
            objects = [
                m
                for m in s.mentions
                if m.category in targets
                and i < m.start < end
                and (m.category != "BODY" or m.start < moved)
            ]
        yield from _pairs(s, "innervates", subjects, objects, 0.7, cue=i)


def _nerve_course(s: _Sentence, targets: set[str]) -> Iterator[Found]:
    """Where a nerve named in the clause goes: "these nerves travel to the hips and legs".

    The nerve must be named before the verb ("it runs down the leg" may be the pain's course,
    and "pain that travels down the leg" is); where it comes from is no place it supplies
    ("branch out from the lower back", "extends from the spinal cord"). "These nerves" are the
    ones named before; roots no words place are those of the region the sentence names, or of
    the limb they go to (the arm's are cervical, the leg's lumbar); unplaced, they say nothing.
    """
    for i in s.cues(NERVE_PATHS):
        if not set(s.tokens[i + 1 : i + 4]) & PATH_WAYS:
            continue
        start, end = s.clause(i)
        before = [m for m in s.mentions if start <= m.start < i]
        nerves = [m for m in before if m.category == "NEURAL" and not _origin(s, m)]
        if not nerves or any(m.category in {"FINDING", "CONDITION"} for m in before):
            continue
        places = [m for m in s.mentions if m.category in targets and i < m.start < end]
        places = [m for m in places if not _origin(s, m)]
        nerve = _nerve_meant(s, nerves[-1], places)
        if nerve is not None:
            yield from _pairs(s, "innervates", [nerve], places, 0.6)


#: The region whose roots supply a limb.
LIMB_REGIONS = {"body-part-arm": "region-cervical", "body-part-leg": "region-lumbar"}


def _nerve_meant(s: _Sentence, nerve: Mention, places: list[Mention]) -> Mention | None:
    """The nerve a generic "the nerve" or "these nerves" stands for, or None when unplaced.

    A specific nerve named earlier in the sentence ("the sciatic nerve; the nerve branches"),
    else the one named before it; else roots of the region named, or of the places' limb.
    """
    if not unplaced(nerve):
        return nerve
    earlier = [m for m in s.of("NEURAL") if m.end <= nerve.start and not generic(m)]
    meant = earlier[-1:] or s.antecedent("NEURAL")
    if meant and not generic(meant[0]):
        return meant[0]
    regions = {local_id(m) for m in s.of("REGION")}
    regions = regions or {
        LIMB_REGIONS.get(s.lexicon.limbs.get(m.entity.iri, ""), "") for m in places
    }
    region = regions.pop() if len(regions) == 1 else ""
    return s.named(nerve, REGION_ROOTS.get(region)) if region in REGION_ROOTS else None


def _origin(s: _Sentence, m: Mention) -> bool:
    """Whether a mention is where something comes from: "from the spinal cord"."""
    return "from" in s.tokens[max(0, m.start - 2) : m.start]


def _labelled_weakness(s: _Sentence) -> Iterator[Found]:
    """A list item labelled with a motor deficit is about the muscles it names.

    "Weakness: the L4 root controls the quadriceps muscle, so if it is affected ...": the
    weakness is in the quadriceps, as far as the item's condition goes.
    """
    if (
        len(s.mentions) < 2
        or s.mentions[0].start != 0
        or local_id(s.mentions[0]) not in MOTOR_DEFICITS
    ):
        return
    label = s.mentions[0]
    if s.tokens[label.end : label.end + 1] != [":"] or len(s.of("FINDING")) > 1:
        return
    muscles = [m for m in s.of("MUSCLE") if m.start > label.end]
    conditional = bool(set(s.tokens) & (CONDITIONALS | HEDGE_WORDS))
    modality = "possible" if conditional else "asserted"
    yield from _pairs(s, "occurs_in", [label], muscles, 0.5, modality=modality)


def _what_a_root_supplies(s: _Sentence, found: Sequence[Found]) -> Iterator[Found]:
    """A deficit tied to one named root shows what the root supplies.

    "With S1, the calf muscle may be weak and the outer foot numb": S1 innervates the
    gastrocnemius and supplies the lateral foot (a skin area; the graph keeps a body part such
    as "the thumb" out, as the ontology's ``supplies`` ends at skin areas); "C5 weakens the
    shoulder": the muscles of the shoulder. The root (or its radiculopathy) comes before the
    deficits and is the only root the sentence names.
    """
    named = [
        (m, local)
        for m in s.mentions
        if (local := _root_of(s.lexicon, m)) is not None and not _names_a_level(s, m)
    ]
    if not named and s.root is not None:  # an item under "Symptoms if the root is L5:"
        named = [(s.root, local_id(s.root))]
    if not named and (topic := _root_topic(s)) is not None:  # a page on L5 radiculopathy
        named = [topic]
    if len({local for _, local in named}) != 1:
        return
    opener, local = named[0]
    root = replace(opener, entity=s.lexicon.by_iri[SPINE[local]])
    for item in found:
        deficit, place = local_id(item.subject), item.object
        if item.relation != "occurs_in" or item.subject.start < opener.end:
            continue
        motor = deficit in MOTOR_DEFICITS and place.category in PLACES  # "weak biceps, arm"
        sensory = deficit in SENSORY_DEFICITS and place.category == "BODY"
        if (motor or sensory) and _in_reach(s.lexicon, local, place):
            yield Found(root, "innervates", place, "asserted", 0.6)


def _in_reach(lexicon: Lexicon, root: str, place: Mention) -> bool:
    """Whether a place may be a root's: a neck root's is no place of the leg, nor the reverse.

    The roots C5 to T1 make the arm's nerves, the lumbar and sacral roots the leg's.
    """
    limb = lexicon.limbs.get(place.entity.iri)
    level = root.removeprefix("root-")
    if level[:1] == "C" or level == "T1":
        return limb != "body-part-leg"
    if level[:1] in {"L", "S"}:
        return limb != "body-part-arm"
    return limb is None


#: Words of a sentence about more than one root's deficits: both sides, a warning sign.
NOT_ONE_ROOT = {"both", "bilateral", "emergency", "urgent", "urgently", "immediately", "seek"}


def _root_topic(s: _Sentence) -> tuple[Mention, str] | None:
    """The root of a page or section about one root's radiculopathy ("L5 radiculopathy").

    A sentence of it that names no condition, disc or treatment of its own ("It weakens the big
    toe") ties its deficits to that root; not a warning ("numbness around the groin, weakness in
    both legs: seek help at once"), which names what no single root gives.
    """
    if (
        s.topic is None
        or s.of("CONDITION", "LEVEL", "TREATMENT")
        or not NOT_ONE_ROOT.isdisjoint(s.tokens)
    ):
        return None
    local = _root_of(s.lexicon, s.topic)
    if local is None or not local_id(s.topic).startswith("radiculopathy-"):
        return None
    return replace(s.topic, start=-1, end=-1, text=""), local


def root_named(mentions: Sequence[Mention], lexicon: Lexicon) -> Mention | None:
    """The one root a lead-in names ("Symptoms if the affected root is L4:"), standing before."""
    named = [(m, local) for m in mentions if (local := _root_of(lexicon, m)) is not None]
    if len({local for _, local in named}) != 1:
        return None
    first, local = named[0]
    return replace(first, entity=lexicon.by_iri[SPINE[local]], start=-1, end=-1, text="")


def _names_a_level(s: _Sentence, m: Mention) -> bool:
    """Whether a root's name stands for its level: "a C6 herniation", "an L5 disc"."""
    return any(c.category == "CONDITION" and c.start == m.end for c in s.mentions) or (
        m.end < len(s.tokens) and s.tokens[m.end] in DISC_PARTS
    )


def _root_of(lexicon: Lexicon, m: Mention) -> str | None:
    """The id of the one root ``m`` names: a root ("the S1 nerve") or its radiculopathy."""
    local = local_id(m)
    if local.startswith("radiculopathy-"):
        local = "root-" + local.removeprefix("radiculopathy-")
    return local if local.startswith("root-") and SPINE[local] in lexicon.by_iri else None


def _risk(s: _Sentence) -> Iterator[Found]:
    """Risk factors of a condition: a risk cue, or "(most) common in men", "more often in".

    The condition is the one the sentence names, else the page's topic.
    """
    cues = [i for i in s.cues(RISK) if s.tokens[i] not in PRONE or _prone_to_it(s, i)]
    factors = s.of("RISK")
    cues = cues or [i for m in factors for i in range(m.start, m.end) if s.tokens[i] in RISK_NAMES]
    if not cues:  # "it is most common in men", "occurs more often in smokers"
        frequency = set(s.tokens) & FREQUENT
        factors = [m for m in factors if _in_group(s, m)]
        if not frequency or not factors:
            return
        cues = [min(i for i, t in enumerate(s.tokens) if t in FREQUENT)]
    # what the risk is of, when no condition is named: "risk factors for (developing) sciatica"
    after = [
        m
        for m in s.of("FINDING")
        if any(0 < m.start - i <= 4 and _only(s.tokens[i + 1 : m.start], RISK_OF) for i in cues)
    ][:1]
    conditions = s.of("CONDITION")[:1] or after or s.implicit("CONDITION", "FINDING")
    if not factors:  # "osteoporosis raises the risk of a spinal fracture": a condition
        factors = s.group_before(cues[0], {"CONDITION"}, gap=3)
        conditions = [m for m in s.of("CONDITION") if m.start > cues[0]][:1]
    yield from _pairs(s, "risk_factor_for", factors, conditions, 0.6, cue=cues[0])


#: Words between a risk and what it is a risk of: "risk factors for developing sciatica".
RISK_OF = {"factor", "factors", "for", "of", "developing", "getting", "having", "a", "an", "the"}


def _prone_to_it(s: _Sentence, i: int) -> bool:
    """Whether "prone to" names a condition, or the disc failing: "more vulnerable to rupture".

    Not "vulnerable to degenerative conditions", which names none.
    """
    if s.tokens[i + 1 : i + 2] != ["to"]:
        return False
    named = any(m.start == i + 2 and m.category == "CONDITION" for m in s.mentions)
    return named or bool(set(s.tokens[i + 2 : i + 4]) & (DISC_FAILS | {"rupture", "injury"}))


def _in_group(s: _Sentence, m: Mention) -> bool:
    """Whether a risk factor names the group something is common in: "in (older) men"."""
    before = s.tokens[max(0, m.start - 6) : m.start]
    if "in" not in before and "among" not in before:
        return False
    k = max(i for i, t in enumerate(before) if t in {"in", "among"})
    return not set(before[k + 1 :]) & (BREAKS | {","})


#: Words of a test guiding a procedure, which diagnoses nothing: "uses an X-ray to see the
#: area and injects a steroid", "under imaging guidance".
GUIDES = {"inject", "injects", "injected", "injecting", "guide", "guides", "guided", "guidance"}


def _diagnosed(s: _Sentence) -> Iterator[Found]:
    tests = s.of("TEST")
    if not tests or not s.cues(DIAGNOSE) or set(s.tokens) & GUIDES:
        return
    # what is diagnosed is the condition, the page's if the sentence names none; a finding only
    # on a page without a topic ("the test checks for weakness" checks for the condition)
    targets = s.of("CONDITION") or s.implicit("CONDITION", "FINDING")
    targets = targets or [m for m in s.of("FINDING") if not generic(m)][:2]
    yield from _pairs(s, "diagnosed_by", targets, tests, 0.6)


RULES = (
    _causes,
    _compression_clause,
    _compresses,
    _has_symptom,
    _defined_as,
    _labelled_weakness,
    _these_include,
    _experienced,
    _people_with,
    _occurs_in,
    _it_radiates,
    _radiation_into,
    _places_before,
    _place_shared,
    _places_feel,
    _condition_site,
    _anywhere_in_the_spine,
    _affects_side,
    _treated_by,
    _treatment_kind,
    _kind_said,
    _tried_before,
    _innervates,
    _risk,
    _diagnosed,
)
