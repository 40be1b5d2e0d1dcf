"""The finding reader: a clinician's or a patient's phrase -> a finding kind and its targets.

A finding is read compositionally, from vocabulary that lives in the graph (curators extend it by
editing the tables):

- a **kind**: a finding with an axis in ``findings.tsv`` (weakness, numbness, tingling, pain,
  a reflex lost or brisk ...), named by its label, synonyms or cues ("weak", "can't", "numb",
  "↓ PP", "absent", "3+"), or implied by a grade: an MRC grade ("EHL 4-/5") is a weakness, a
  reflex grade ("AJ 0", "KJ 1+", "biceps 3+") a reflex change;
- **targets**: the entities the rest of the phrase names, looked up among the classes the kind's
  axis reads (movements, muscles and muscle groups for weakness; skin areas and body parts for
  sensation and pain; reflexes for a reflex change). Everyday tasks of a movement ("walking on
  heels") name it too, and so do muscle-group words ("hip flexors" -> hip flexion);
- or a **named finding** ("foot drop", "Hoffmann sign", "saddle anaesthesia").

Words are compared as stems without function words, so word order, plurals and prepositions vary
freely ("weakness of the hamstrings", "hamstring weakness"). A target is every entity whose name
is contained in the phrase and not inside a longer such name: "tingling in the middle and ring
fingers" -> the middle finger and the ring finger. A phrase holding a normal value ("5/5", "2+",
"normal", "preserved") is read as normal and localises nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
import snowballstemmer  # type: ignore[import-untyped]

from spinekg.kernel.names import normalise
from spinekg.kernel.namespaces import BASE
from spinekg.kernel.suggest import similarity
from spinekg.querying.resolve import nearest
from spinekg.querying.runner import Runner, kept, solutions

__all__ = [
    "Ignored",
    "Reading",
    "Target",
    "Vocabulary",
    "format_readings",
    "ignored_text",
    "read_findings",
    "read_phrase",
    "reading_json",
    "readings_json",
    "vocabulary",
]

#: The entity classes each axis reads a target among, in order of preference.
AXIS_CLASSES: dict[str, tuple[str, ...]] = {
    "weakness": ("movement", "muscle", "muscle group"),
    "sensation": ("skin area", "body part"),
    "pain": ("skin area", "body part"),
    "reflex-loss": ("reflex",),
    "reflex-gain": ("reflex",),
}
_CLASSES = {
    "Movement": "movement",
    "Muscle": "muscle",
    "MuscleGroup": "muscle group",
    "SkinArea": "skin area",
    "BodyPart": "body part",
    "DeepTendonReflex": "reflex",
    "ClinicalFinding": "finding",
}

#: Clinical shorthand and everyday words, folded before matching (token -> replacement).
_SHORTHAND = {
    "lat": "lateral",
    "med": "medial",
    "ant": "anterior",
    "post": "posterior",
    "prox": "proximal",
    "dist": "distal",
    "1st": "first",
    "2nd": "second",
    "3rd": "third",
    "4th": "fourth",
    "5th": "fifth",
    "mtpj": "metatarsophalangeal joint",
    "mtp": "metatarsophalangeal",
    "df": "dorsiflexion",
    "pf": "plantarflexion",
    "abd": "abduction",
    "add": "adduction",
    "ext": "extension",
    "flex": "flexion",
    "er": "external rotation",
    "ir": "internal rotation",
    "ul": "arm",
    "ll": "leg",
    "lt": "light touch",
    "pp": "pinprick",
    "outer": "lateral",
    "outside": "lateral",
    "inner": "medial",
    "inside": "medial",
    "front": "anterior",
    "top": "dorsum",
    "tiptoes": "tiptoe",
    "tippy": "tiptoe",
    "pinky": "little finger",
    "can't": "cannot",
    "cant": "cannot",
    "couldn't": "cannot",
    "unable": "cannot",
    "difficulty": "cannot",
    "trouble": "cannot",
    "struggle": "cannot",
    "struggling": "cannot",
    "hard": "cannot",
    "won't": "cannot",
    "haven't": "cannot",
    "hasn't": "cannot",
    "didn't": "cannot",
    "don't": "cannot",
    "doesn't": "cannot",
    "↓": "reduced",
    "↑": "increased",
}
#: Words that carry no meaning for a match (articles, possessives, prepositions, fillers).
_FUNCTION = frozenset(
    "a an the of in on over at to into onto down up along across around round from my his her "
    "their your its is are was were be been has have had feel feels felt feeling it this that "
    "with and or both side sides aspect part area region patch skin just also too when i i'm "
    "im he she they me him them some slightly mild mildly marked markedly very now new then "
    "as by for while which who there than all vs versus sign signs positive present ve "
    "response responses".split()
)
#: Words that name a kind of skin area rather than a place ("C5 key sensory point").
_AREA_WORDS = frozenset({"key", "sensori", "point", "skin", "area"})
_SIDES = {
    "l": "left",
    "left": "left",
    "r": "right",
    "right": "right",
    "bilat": "both",
    "bilateral": "both",
    "bilaterally": "both",
    "both": "both",
}
_MRC = re.compile(r"(?<![\d/])([0-5])\s*([+-]?)\s*/\s*5\b")
_NORMAL = re.compile(
    r"\b(?:normal|normally|preserved|intact|unremarkable|fine|ok|okay|spared|unaffected|"
    r"downgoing)\b|\bplantars? (?:responses? )?(?:are |is )?flexor\b|\bflexor plantar",
)
_REFLEX_GRADE = re.compile(r"(?<![\w/.])([0-4])\s*\+|(?<![\w/.+-])(0)(?![\w/.])|([↓↑])")
#: Directions written as words ("back of the thigh" = the posterior thigh).
_DIRECTIONS = (
    (re.compile(r"\bback of (?:the |my |his |her |their |your )?"), "posterior "),
    (re.compile(r"\bfront of (?:the |my |his |her |their |your )?"), "anterior "),
)
_NEGATED = re.compile(r"^(?:no|not|without|denies|little|not much|nil)\b")
_CLAUSES = re.compile(r"\s*(?:[,;]|\bbut\b)\s*")

_stemmer = snowballstemmer.stemmer("english")


def stems(text: str) -> tuple[str, ...]:
    """The stems of the content words of ``text``, shorthand expanded, function words dropped.

    >>> stems("Weakness of the Hamstrings")
    ('weak', 'hamstr')
    """
    words: list[str] = []
    for token in _tokens(text):
        words += _SHORTHAND.get(token, token).split()
    return tuple(
        _stemmer.stemWord(w) for w in words if w not in _FUNCTION and w not in _SIDES and w
    )


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("↓", " ↓ ").replace("↑", " ↑ ").replace("&", " and ")
    text = re.sub(r"[\u2010-\u2015/_()\[\],.:;!?\"]+", " ", text)
    text = re.sub(r"-(?=[a-z])", " ", text)
    return [t.strip("'") for t in text.split() if t.strip("'")]


@dataclass(frozen=True)
class Target:
    """A graph entity a phrase names: a movement, muscle, skin area, body part or reflex."""

    iri: str
    label: str
    kind: str


@dataclass(frozen=True)
class Reading:
    """How one phrase (or one clause of it) was read."""

    text: str
    #: the finding kind ("muscle weakness", "numbness") or the named finding ("foot drop")
    finding: Target | None = None
    #: what the kind localises by ("weakness", "sensation", "pain", "reflex-loss"...), if any
    axis: str | None = None
    targets: tuple[Target, ...] = ()
    #: other named findings the phrase also states ("clumsy hands" beside "numb hands")
    also: tuple[Target, ...] = ()
    grade: str | None = None
    side: str | None = None
    #: the phrase reports a normal finding (5/5, 2+, "normal"): it localises nothing
    normal: bool = False
    #: the phrase denies the finding ("no leg pain")
    negated: bool = False

    @property
    def readable(self) -> bool:
        """Whether anything in the phrase was placed in the graph."""
        return self.finding is not None or bool(self.targets) or bool(self.also)

    def describe(self) -> str:
        """The reading in one line: kind, targets, grade, side."""
        if not self.readable:
            return "not read"
        parts = []
        if self.normal:
            parts.append("normal")
        if self.negated:
            parts.append("denied")
        if self.finding is not None:
            parts.append(self.finding.label)
        if self.targets:
            of = "of " if self.finding is not None else ""
            parts.append(of + ", ".join(t.label for t in self.targets))
        if self.also:
            parts.append("+ " + ", ".join(t.label for t in self.also))
        if self.grade:
            parts.append(f"(grade {self.grade})")
        if self.side:
            parts.append(f"[{self.side}]")
        return " ".join(parts)


@dataclass
class Vocabulary:
    """The graph's names for findings and their targets, as stems, built once per store."""

    #: stem set of a name -> the entities with that name (iri, label, kind)
    names: dict[frozenset[str], set[Target]] = field(default_factory=lambda: defaultdict(set))
    #: finding iri -> its axis
    axes: dict[str, str] = field(default_factory=dict)
    #: cue stems (a label, synonym or cue of a finding with an axis) -> the finding
    cues: dict[tuple[str, ...], Target] = field(default_factory=dict)
    #: (axis, place iri) -> red-flag findings felt there (numb perineum -> saddle anaesthesia)
    implied: dict[tuple[str, str], set[Target]] = field(default_factory=lambda: defaultdict(set))
    #: place iri -> the places it is directly part of
    within: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: the red-flag findings
    red_flags: set[str] = field(default_factory=set)
    #: every name as written, for the closest names to a phrase nothing names
    written: set[str] = field(default_factory=set)
    #: the names of the entities of some classes, made on first use
    by_kind: dict[str, dict[frozenset[str], set[Target]]] = field(default_factory=dict)

    def finding(self, local: str) -> Target | None:
        """The finding kind with this id ("muscle-weakness"), if the graph has it."""
        iri = f"{BASE}finding-{local}"
        return next((t for t in self.cues.values() if t.iri == iri), None)

    def names_in(self, target: Target, words: tuple[str, ...]) -> frozenset[str]:
        """The words of the longest name of ``target`` found among ``words``."""
        present = set(words)
        fitting = [n for n, ts in self.names.items() if target in ts and n <= present]
        return max(fitting, key=len, default=frozenset())

    def implied_by(self, places: tuple[Target, ...]) -> list[Target]:
        """Red-flag symptoms that a sensory finding in these places is.

        A numb perineum is saddle anaesthesia: each place counts, and so do the places it is
        directly part of.
        """
        out: set[Target] = set()
        for place in places:
            for where in {place.iri, *self.within.get(place.iri, set())}:
                out |= self.implied.get(("sensation", where), set())
        return sorted(out, key=lambda t: t.label)

    def of_kinds(self, kinds: tuple[str, ...]) -> dict[frozenset[str], set[Target]]:
        """The names of entities of the given kinds."""
        key = "|".join(kinds)
        if key not in self.by_kind:
            table: dict[frozenset[str], set[Target]] = defaultdict(set)
            for name, entities in self.names.items():
                chosen = {e for e in entities if e.kind in kinds}
                if chosen:
                    table[name] |= chosen
            self.by_kind[key] = table
        return self.by_kind[key]


_VOCABULARY = f"""
SELECT ?entity ?class ?label ?name ?axis WHERE {{
  VALUES ?class {{ spine:Movement spine:Muscle spine:MuscleGroup spine:SkinArea spine:BodyPart
                   spine:DeepTendonReflex spine:ClinicalFinding }}
  ?entity a ?type . ?type rdfs:subClassOf* ?class . ?entity rdfs:label ?label .
  {{ ?entity rdfs:label ?name }} UNION {{ ?entity oboInOwl:hasExactSynonym ?name }}
  UNION {{ ?entity spine:everydayTask ?name }} UNION {{ ?entity spine:findingCue ?name }}
  OPTIONAL {{ ?entity spine:findingAxis ?axis }}
  FILTER(STRSTARTS(STR(?entity), "{BASE}"))
}}"""
_CUES = "SELECT ?entity ?cue WHERE { ?entity spine:findingCue ?cue }"
_RED_FLAGS = "SELECT ?finding WHERE { ?finding a spine:RedFlag }"
_PART_OF = "SELECT DISTINCT ?part ?whole WHERE { ?part spine:partOf ?whole }"
#: Red-flag symptoms felt in a place of the trunk: a sensory finding there is the red flag (a
#: numb perineum is saddle anaesthesia; a numb thigh is not, though the saddle reaches the
#: thighs; and a sign such as a sensory level needs an examiner to find it).
_RED_FLAG_PLACES = """
SELECT DISTINCT ?finding ?label ?place WHERE {
  ?finding a spine:RedFlag, spine:Symptom ; spine:findingAxis "sensation" ;
           spine:occursIn ?place ; rdfs:label ?label .
  FILTER NOT EXISTS { ?place spine:partOf* spine:body-part-limbs }
}"""


def vocabulary(runner: Runner) -> Vocabulary:
    """The reader's vocabulary from the graph ``runner`` answers from (made once per runner)."""
    store = kept(runner)
    if isinstance(known := store.get("vocabulary"), Vocabulary):
        return known
    vocab = Vocabulary()
    cues = {(_text(s, "entity"), _text(s, "cue")) for s in solutions(runner, _CUES)}
    kinds: dict[tuple[str, ...], list[tuple[tuple[bool, int, str], Target]]] = defaultdict(list)
    for s in solutions(runner, _VOCABULARY):
        iri, name = _text(s, "entity"), _text(s, "name")
        kind = _CLASSES[_text(s, "class").rsplit("/", 1)[-1]]
        target = Target(iri, _text(s, "label"), kind)
        if s["axis"] is not None:
            vocab.axes[iri] = _text(s, "axis")
            kinds[stems(name)].append((_cue_rank(name, target), target))
        if (iri, name) in cues:
            continue  # a cue names the kind only beside a target, never alone
        vocab.written.add(name)
        words = frozenset(_name_stems(name, kind))
        if words:
            vocab.names[words].add(target)
    vocab.cues = {words: min(ranked)[1] for words, ranked in kinds.items()}
    vocab.red_flags = {_text(s, "finding") for s in solutions(runner, _RED_FLAGS)}
    for s in solutions(runner, _PART_OF):
        vocab.within[_text(s, "part")].add(_text(s, "whole"))
    for s in solutions(runner, _RED_FLAG_PLACES):
        flag = Target(_text(s, "finding"), _text(s, "label"), "finding")
        vocab.implied[("sensation", _text(s, "place"))].add(flag)
    store["vocabulary"] = vocab
    return vocab


def _cue_rank(cue: str, kind: Target) -> tuple[bool, int, str]:
    """Which kind a cue's words name when several kinds' cues read the same ("weak").

    First a kind whose own label holds those words ("weak" -> muscle weakness, not diminished
    reflexes), then the cue written in fewer words ("cannot" of weakness before "cannot feel"
    of numbness, which reads as "cannot" once "feel" is dropped), then the IRI.

    >>> weakness = Target("spine:finding-muscle-weakness", "muscle weakness", "finding")
    >>> reflex = Target("spine:finding-diminished-reflex", "diminished reflexes", "finding")
    >>> _cue_rank("weak", weakness) < _cue_rank("weak", reflex)
    True
    """
    return (not set(stems(cue)) <= set(stems(kind.label)), len(_tokens(cue)), kind.iri)


def _text(solution: ox.QuerySolution, variable: str) -> str:
    term = solution[variable]
    return str(term.value) if term is not None else ""


def _name_stems(name: str, kind: str) -> tuple[str, ...]:
    """A name's stems as matched.

    A reflex's name loses "reflex" and "jerk"; a skin area's loses "skin" and "key sensory point".
    """
    words = stems(name)
    if kind == "reflex":
        words = tuple(w for w in words if w not in _REFLEX_STEMS) or words
    if kind == "skin area":
        words = tuple(w for w in words if w not in _AREA_WORDS) or words
    return words


def read_phrase(vocab: Vocabulary, text: str) -> list[Reading]:
    """Read one finding phrase.

    A phrase of several clauses ("triceps 3+, KJ 3+") gives one reading per clause; a phrase
    nothing in the graph names gives one unreadable reading.
    """
    clauses = [c for c in _CLAUSES.split(" ".join(text.split())) if c.strip()]
    readings = [_read_clause(vocab, clause) for clause in clauses or [text]]
    read = [r for r in readings if r.readable]
    return read or [Reading(text)]


@dataclass(frozen=True)
class _Match:
    """Entities a phrase names, and the phrase's words their names use."""

    targets: tuple[Target, ...] = ()
    used: frozenset[str] = frozenset()


def _read_clause(vocab: Vocabulary, text: str) -> Reading:
    lowered = text.lower()
    for pattern, replacement in _DIRECTIONS:
        lowered = pattern.sub(replacement, lowered)
    side = _side(lowered)
    mrc = _MRC.search(lowered)
    grade = f"{mrc[1]}{mrc[2]}/5" if mrc else None
    if mrc:
        lowered = lowered[: mrc.start()] + " " + lowered[mrc.end() :]
    reflex_grades = [
        f"{m[1]}+" if m[1] else (m[2] or m[3]) for m in _REFLEX_GRADE.finditer(lowered)
    ]
    abnormal_reflex = [g for g in reflex_grades if g != "2+"]
    normal = bool(_NORMAL.search(lowered)) or grade == "5/5"
    normal = normal or (bool(reflex_grades) and not abnormal_reflex and grade is None)
    negated = bool(_NEGATED.match(lowered.strip()))
    words = stems(_REFLEX_GRADE.sub(lambda m: " " if m[1] or m[2] else m[0], lowered))
    if not words:
        return Reading(text, grade=grade, side=side)
    kind, cue = _kind(vocab, words)
    if kind is None and abnormal_reflex:
        kind = vocab.finding(_GRADE_KIND[abnormal_reflex[0]])
    if kind is None and grade is not None:
        kind = vocab.finding("muscle-weakness")
    rest = tuple(w for w in words if w not in cue)
    named = _maximal(vocab.of_kinds(("finding",)), words)
    named = _Match(tuple(t for t in named.targets if t.iri not in vocab.axes), named.used)
    match = _Match()
    if kind is not None and kind.iri in vocab.axes:
        match = _targets(vocab, AXIS_CLASSES[vocab.axes[kind.iri]], rest or words)
    elif not named.targets:
        kind, match = _kind_from_target(vocab, words)
    if kind is not None and named.targets and set(cue) <= named.used:
        # "reduced anal tone" names a finding, not a kind; but in "can't walk on my heels" the
        # target (heels) says more than the finding "difficulty walking"
        if not match.targets or match.used <= named.used:
            kind, match = None, _Match()
    also = list(named.targets)
    if kind is not None and match.targets:
        # "can't walk on my heels" is a weak ankle dorsiflexion, not also difficulty walking
        used = set(cue) | match.used
        also = [n for n in also if not vocab.names_in(n, words) <= used]
    axis = vocab.axes.get(kind.iri) if kind is not None else None
    if axis == "sensation":
        also += vocab.implied_by(match.targets)
    return Reading(
        text,
        finding=None if normal else kind,
        axis=axis,
        targets=match.targets,
        also=tuple(dict.fromkeys(t for t in also if kind is None or t.iri != kind.iri)),
        grade=grade or (reflex_grades[0] if reflex_grades else None),
        side=side,
        normal=normal,
        negated=negated,
    )


#: The finding a reflex grade states: 0 absent, 1+ or a down arrow diminished, 3+, 4+ or an up
#: arrow brisk.
_GRADE_KIND = {
    "0": "absent-reflex",
    "1+": "diminished-reflex",
    "↓": "diminished-reflex",
    "3+": "hyperreflexia",
    "4+": "hyperreflexia",
    "↑": "hyperreflexia",
}


def _kind_from_target(vocab: Vocabulary, words: tuple[str, ...]) -> tuple[Target | None, _Match]:
    """The kind a target implies when no kind word is written.

    A reflex alone is a reflex change ("biceps jerk"), a movement alone a weakness ("knee gives
    way"): whichever names more of the words.
    """
    guesses = [
        (len(found.used), finding, found)
        for classes, finding in (
            (("reflex",), "diminished-reflex"),
            (("movement",), "muscle-weakness"),
        )
        if (found := _targets(vocab, classes, words)).targets
    ]
    if not guesses:
        return None, _Match()
    _, finding, found = max(guesses, key=lambda g: g[0])
    return vocab.finding(finding), found


def _side(text: str) -> str | None:
    sides = {_SIDES[t] for t in _tokens(text) if t in _SIDES}
    return "both" if "both" in sides or len(sides) > 1 else next(iter(sides), None)


def _kind(vocab: Vocabulary, words: tuple[str, ...]) -> tuple[Target | None, tuple[str, ...]]:
    """The finding kind whose longest cue has all its words in ``words``, and that cue.

    Of cues of the same length, a contiguous one wins.
    """
    best: tuple[tuple[int, bool], Target, tuple[str, ...]] | None = None
    present = set(words)
    for cue, target in vocab.cues.items():
        if not cue or not set(cue) <= present:
            continue
        rank = (len(cue), _contains(words, cue))
        if best is None or rank > best[0]:
            best = (rank, target, cue)
    return (best[1], best[2]) if best is not None else (None, ())


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` occurs in ``words`` as a contiguous run."""
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _targets(vocab: Vocabulary, classes: tuple[str, ...], words: tuple[str, ...]) -> _Match:
    """The entities of ``classes`` the words name.

    Muscle-group words ("hip flexors") name movements; words that make at least half of a name
    ("dorsiflexion") name that entity; for a reflex change, a muscle names its reflex ("biceps
    3+").
    """
    table = vocab.of_kinds(classes)
    if "reflex" in classes:
        words = tuple(w for w in words if w not in _REFLEX_STEMS)
    found = _maximal(table, words)
    if not found.targets and "movement" in classes:
        found = _maximal(table, tuple(_as_action(w) for w in words))
    if not found.targets and "reflex" in classes:
        muscles = _maximal(vocab.of_kinds(("muscle",)), words)
        found = _Match(_reflexes_of(vocab, muscles.targets), muscles.used)
    if not found.targets and words:
        # "dorsiflexion" is half of "ankle dorsiflexion"; "push" is too little of "pushing open
        # a door" to name elbow extension
        inside = [name for name in table if set(words) <= name and 2 * len(set(words)) >= len(name)]
        if inside:
            shortest = min(len(name) for name in inside)
            chosen = tuple(t for name in inside if len(name) == shortest for t in table[name])
            found = _Match(chosen, frozenset(words))
    order = sorted(set(found.targets), key=lambda t: (classes.index(t.kind), t.label))
    return _Match(tuple(order), found.used)


def _as_action(stem: str) -> str:
    """A muscle-group word as its movement's stem: "flexor" -> "flexion", "evertor" -> ..."""
    for agent, action in _AGENTS:
        if stem.endswith(agent):
            return stem[: -len(agent)] + action
    return stem


_AGENTS = (
    ("flexor", "flexion"),
    ("extensor", "extens"),
    ("abductor", "abduct"),
    ("adductor", "adduct"),
    ("evertor", "evers"),
    ("invertor", "invers"),
)
_REFLEX_STEMS = frozenset({"reflex", "jerk", "tendon"})


def _maximal(table: dict[frozenset[str], set[Target]], words: tuple[str, ...]) -> _Match:
    """The entities whose name is contained in ``words`` and not inside a longer such name."""
    present = set(words)
    fits = [name for name in table if name <= present]
    keep = [name for name in fits if not any(name < other for other in fits)]
    out: list[Target] = []
    for name in sorted(keep, key=lambda n: (-len(n), sorted(n))):
        out += sorted(table[name], key=lambda t: t.label)
    return _Match(tuple(out), frozenset().union(*keep) if keep else frozenset())


def _reflexes_of(vocab: Vocabulary, muscles: tuple[Target, ...]) -> tuple[Target, ...]:
    """The reflexes named for these muscles ("biceps" -> the biceps reflex)."""
    reflexes = vocab.of_kinds(("reflex",))
    out: list[Target] = []
    for muscle in muscles:
        words = set(stems(muscle.label))
        out += [t for name, ts in reflexes.items() if name and name <= words for t in ts]
    return tuple(out)


@dataclass(frozen=True)
class Ignored:
    """A phrase (or clause) the reader could not place, with the closest names in the graph."""

    text: str
    closest: tuple[str, ...]


def reading_json(reading: Reading) -> dict[str, object]:
    """One reading as JSON-ready data."""
    return {
        "text": reading.text,
        "reading": reading.describe(),
        "kind": reading.finding.label if reading.finding else None,
        "kind_iri": reading.finding.iri if reading.finding else None,
        "axis": reading.axis,
        "targets": [{"label": t.label, "iri": t.iri, "class": t.kind} for t in reading.targets],
        "also": [{"label": t.label, "iri": t.iri} for t in reading.also],
        "grade": reading.grade,
        "side": reading.side,
        "normal": reading.normal,
        "negated": reading.negated,
    }


def readings_json(readings: list[Reading], ignored: list[Ignored]) -> dict[str, object]:
    """Readings and ignored phrases as JSON-ready data (``spinekg findings --format json``)."""
    return {
        "findings": [reading_json(r) for r in readings],
        "ignored": [{"text": i.text, "closest": list(i.closest)} for i in ignored],
    }


def format_readings(readings: list[Reading], ignored: list[Ignored]) -> str:
    """Each phrase's reading as text: the kind, the axis it localises by, the graph entities."""
    lines = []
    for r in readings:
        lines.append(f"{r.text!r} -> {r.describe()}")
        if r.finding is not None:
            lines.append(f"    kind: {r.finding.label} <{r.finding.iri}>")
        if r.axis:
            lines.append(f"    localises by: {r.axis}")
        lines += [f"    target: {t.label} ({t.kind}) <{t.iri}>" for t in r.targets]
        lines += [f"    finding: {t.label} <{t.iri}>" for t in r.also]
    lines += [ignored_text(i, " -> not read") for i in ignored]
    return "\n".join(lines)


def read_findings(runner: Runner, phrases: list[str]) -> tuple[list[Reading], list[Ignored]]:
    """Read every phrase: the readings, and the phrases nothing in the graph names."""
    vocab = vocabulary(runner)
    readings: list[Reading] = []
    ignored: list[Ignored] = []
    for phrase in phrases:
        for reading in read_phrase(vocab, phrase):
            if reading.readable:
                readings.append(reading)
            else:
                ignored.append(Ignored(reading.text, _closest(vocab, reading.text)))
    return readings, ignored


def _closest(vocab: Vocabulary, text: str) -> tuple[str, ...]:
    near = nearest(text, vocab.written, n=8)
    near.sort(key=lambda name: -similarity(normalise(text), normalise(name)))
    return tuple(near[:5])


def ignored_text(ignored: Ignored, verdict: str = "") -> str:
    """An ignored phrase, what became of it, and the closest names in the graph."""
    if ignored.closest:
        return f"{ignored.text!r}{verdict} (closest: {', '.join(ignored.closest)})"
    return f"{ignored.text!r}{verdict} (nothing in the graph resembles it)"
