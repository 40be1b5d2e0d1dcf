"""What a page is about, and what a list's lead-in says about every item under it.

A page has a *topic*: the condition its title or opening names, which stands for an omitted
subject ("It can also cause numbness", a list of symptoms with no condition). A lead-in or a
heading sets a *frame* for the list items that follow: "Symptoms may include:" makes each item
a possible symptom of the topic; "Risk factors that you cannot change" makes each a risk
factor; "Red flags that suggest cauda equina syndrome include..." makes each a sign of cauda
equina syndrome (the condition the lead-in names); "Non-surgical treatments include:" makes each
a treatment, of the conservative kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from rdflib import URIRef

from spinekg.loaders.text.lexicon import Lexicon
from spinekg.loaders.text.pipeline import Mention
from spinekg.loaders.text.relations import (
    AS_CAUSE,
    BACK_TO_RUN,
    CONDITIONALS,
    DEFICITS,
    EXPLAINS,
    FAILED,
    HEDGE_WORDS,
    KIND_OF_TREATMENT,
    SIGN_VERBS,
    SYMPTOM,
    Found,
    asides,
    generic,
    label_end,
    local_id,
    named,
    steps_apart,
    tried_in_vain,
)

__all__ = ["Frame", "frame_claims", "frame_of", "inherited", "signs_of_list", "topic_of"]

#: Words of a symptom lead-in: the relation rules' symptom nouns, and what a patient notices.
SYMPTOM_WORDS = SYMPTOM | {
    "feel",
    "feels",
    "experience",
    "experiences",
    "notice",
    "presentation",
    "indications",
}
RISK_WORDS = {"risk", "risks", "likely", "likelier", "chance", "chances", "odds", "predispose"}
CAUSE_WORDS = {
    "cause",
    "causes",
    "caused",
    "causing",
    "reasons",
    "reason",
    "due",
    "because",
    "result",
    "results",
    "lead",
    "leads",
    "trigger",
    "triggers",
    "bring",
    "produce",
}
TREAT_WORDS = {
    "treatment",
    "treatments",
    "treat",
    "treated",
    "therapy",
    "therapies",
    "options",
    "remedies",
    "remedy",
    "manage",
    "management",
    "relief",
    "relieve",
    "care",
    "procedures",
}
DIAGNOSIS_WORDS = {
    "diagnose",
    "diagnosed",
    "diagnosis",
    "diagnosing",
    "test",
    "tests",
    "exam",
    "exams",
    "examination",
    "imaging",
    "scans",
    "evaluation",
}
#: Words after "causes" that make it the noun ("the main causes are:"), not the verb.
NOUN_FOLLOWERS = {"are", "include", "includes", "of", "can", "may", ":", "for"}
#: Categories an item's mentions must have to be the far end of each frame.
ITEM_CATEGORIES = {
    "has_symptom": ("FINDING",),
    "causes": ("FINDING",),
    "cause_of": ("CONDITION", "MECHANISM", "RISK"),
    "risk_factor_for": ("RISK", "CONDITION"),
    "treated_by": ("TREATMENT",),
    "diagnosed_by": ("TEST",),
    "tried_before": ("TREATMENT",),
}
#: Categories that can be a page's topic.
TOPIC_CATEGORIES = ("CONDITION", "FINDING")


@dataclass(frozen=True)
class Frame:
    """What a lead-in says of each item: the relation, the named end, and its modality.

    ``relation`` is ``has_symptom``, ``causes`` (the condition causes each item), ``cause_of``
    (each item causes the condition), ``risk_factor_for``, ``treated_by``, ``diagnosed_by`` or
    ``tried_before`` (what an item says was tried in vain comes before the lead-in's
    treatment: "Injections are considered when:"); ``anchor`` is the condition the lead-in
    names (``None``: the page's topic), or that treatment; ``kind`` the treatment kind the
    lead-in gives its items ("non-surgical treatments").
    """

    relation: str
    anchor: Mention | None
    modality: str
    kind: Mention | None = None  # a kind, or the care that names it ("conservative care")
    #: conditions named with the anchor: "red flags that suggest cancer or infection"
    also: tuple[Mention, ...] = ()
    #: a lead-in of warning signs, whose items may name risk factors too ("age over 50")
    warning: bool = False

    @property
    def item_categories(self) -> tuple[str, ...]:
        """The categories of the mentions in an item that the frame relates to its anchor."""
        return ITEM_CATEGORIES[self.relation]


def frame_of(
    tokens: Sequence[str], mentions: Sequence[Mention], *, lead_in: bool = False
) -> Frame | None:
    """The frame a lead-in or heading sets, or ``None`` when it sets none.

    :param tokens: the sentence's tokens, lower-cased.
    :param lead_in: whether the sentence introduces a list ("Conservative treatment options
        include:"), whose opening care names its items' kind; a heading over a page of care
        ("Conservative care: quick facts") may list the next steps too.
    """
    covered = {i for m in mentions if _specific(m) for i in range(m.start, m.end)}
    free = {t for i, t in enumerate(tokens) if i not in covered}
    conditions = [m for m in mentions if m.category == "CONDITION" and _specific(m)]
    anchor = conditions[0] if conditions else None
    also = tuple(_coordinated_with(conditions, tokens))
    conceded = _concession(tokens)  # "While symptoms can vary, the common ones are:"
    hedges = [
        i
        for i, t in enumerate(tokens)
        if t in HEDGE_WORDS
        and i >= conceded
        and not (i + 1 < len(tokens) and tokens[i + 1] in {"not", "n't"})
    ]  # "risk factors you cannot change" states them
    modality = "possible" if hedges else "asserted"
    kinds = [m for m in mentions if m.category == "KIND"]
    if lead_in and not kinds and not set(tokens) & (CONDITIONALS | FAILED):
        # "Conservative treatment options include:": the care that opens it names its kind
        kinds = [m for m in mentions[:1] if local_id(m) in KIND_OF_TREATMENT]
    treatments = [m for m in mentions if m.category == "TREATMENT" and _specific(m)]
    words = [t for t in tokens if t not in {":", "."}]
    if treatments and words and words[-1] in CONDITIONALS:
        # "Injections are considered when:": the items say when, and what failed came first
        return Frame("tried_before", treatments[0], modality)
    relation = None
    warning = bool(free & WARNING_WORDS) and bool(free & SYMPTOM_WORDS)
    if warning and free & RISK_WORDS:  # "red flags that suggest a high risk of nerve damage"
        relation, modality = "has_symptom", "possible"
    elif _causes_and_risks(tokens, anchor):  # "Causes & Risk Factors": what a cause is
        relation = "cause_of"
    elif free & RISK_WORDS or (_more_frequent_in(tokens) and not free & SYMPTOM_WORDS):
        relation = "risk_factor_for"
    elif free & SYMPTOM_WORDS and not _treatment_for_symptoms(tokens, free):
        relation = "causes" if free & CAUSE_WORDS else "has_symptom"
    elif free & DIAGNOSIS_WORDS:
        relation = "diagnosed_by"
    elif free & TREAT_WORDS or kinds or any(m.category == "TREATMENT" for m in mentions):
        relation = "treated_by"
    elif free & CAUSE_WORDS:
        relation = "cause_of" if _causes_of(tokens, anchor) else "causes"
    if relation is None:
        return None
    if anchor is None and free & SIGN_VERBS:  # signs of a condition the lexicon does not know
        return None
    warning = warning and relation in {"has_symptom", "causes"}
    return Frame(relation, anchor, modality, kinds[0] if kinds else None, also, warning)


#: Words that make symptoms what a treatment is for: "management of mild symptoms".
FOR_SYMPTOMS = {"for", "of", "relieve", "ease", "manage", "treat", "mild", "severe", "your"}


def _treatment_for_symptoms(tokens: Sequence[str], free: set[str]) -> bool:
    """Whether a lead-in treats symptoms rather than lists them.

    "For mild symptoms, initial management at home may be sufficient:" lists treatments.
    """
    if not free & TREAT_WORDS:
        return False
    named = [i for i, t in enumerate(tokens) if t in SYMPTOM_WORDS]
    return all(tokens[i - 1 : i] and tokens[i - 1] in FOR_SYMPTOMS for i in named)


#: Words that open a clause conceding something before the lead-in's own statement.
CONCESSIONS = {"while", "whilst", "although", "though"}


def _concession(tokens: Sequence[str]) -> int:
    """Where a lead-in's main clause starts: after an opening "While ..., " clause, else 0."""
    if tokens[:1] and tokens[0] in CONCESSIONS and "," in tokens:
        return tokens.index(",") + 1
    return 0


#: Words of a lead-in of warning signs: "red flags that suggest", "warning signs".
WARNING_WORDS = SIGN_VERBS | {"flag", "flags", "warning"}
#: What may stand between coordinated conditions: "cancer or infection", "A, B and C".
COORDINATION = {",", "or", "and", "and/or", "/"}


def _coordinated_with(conditions: Sequence[Mention], tokens: Sequence[str]) -> list[Mention]:
    """The conditions coordinated with the first one: "cancer or infection"."""
    out: list[Mention] = []
    for before, m in pairwise(conditions):
        between = set(tokens[before.end : m.start])
        if not between or not between <= COORDINATION:
            break
        out.append(m)
    return out


#: "More common if you:", "happens more often in people who:": the items are risk factors.
COMPARATIVES = {"more", "most"}
FREQUENCY = {"common", "often", "frequent", "frequently", "prevalent"}
GROUP_OPENERS = {"if", "in", "among", "for", "who", "when"}


def _more_frequent_in(tokens: Sequence[str]) -> bool:
    """Whether a lead-in says how much more often the condition strikes those who follow."""
    return any(
        tokens[i] in COMPARATIVES and tokens[i + 1] in FREQUENCY and tokens[i + 2] in GROUP_OPENERS
        for i in range(len(tokens) - 2)
    )


#: Words after a list that make its items the signs of a condition: "these symptoms can be a
#: sign of cauda equina syndrome", "such problems may indicate ...".
SIGN_OF = SIGN_VERBS | {"sign", "signs", "symptom", "symptoms", "warning", "mean", "means"}


def signs_of_list(tokens: Sequence[str], mentions: Sequence[Mention]) -> Frame | None:
    """What a sentence after a list says the listed findings are signs of, if it says so.

    "Although it is rare, these symptoms can be a sign of cauda equina syndrome": each item
    is a possible symptom of cauda equina syndrome, not of the page's condition.
    """
    back = next((i for i, t in enumerate(tokens[:8]) if t in BACK_TO_RUN), None)
    if back is None:
        return None
    cue = next((i for i in range(back + 1, len(tokens)) if tokens[i] in SIGN_OF), None)
    if cue is None or not any(t in SIGN_OF - {"symptoms", "symptom"} for t in tokens[cue:]):
        return None
    named = [m for m in mentions if m.category == "CONDITION" and m.start > cue and _specific(m)]
    if not named:
        return None
    hedged = any(t in HEDGE_WORDS for t in tokens)
    return Frame("has_symptom", named[0], "possible" if hedged else "asserted")


def _kind(m: Mention, lexicon: Lexicon) -> Mention | None:
    """The kind a frame's kind mention names: itself, or the kind of the care it names."""
    return m if m.category == "KIND" else named(m, KIND_OF_TREATMENT.get(local_id(m)), lexicon)


def with_kind(frame: Frame | None, section: Frame | None) -> Frame | None:
    """A treatment lead-in's frame with its heading's kind when it names none itself.

    "When conservative management is appropriate" over "Initial care at home may be enough:"
    makes every item conservative.
    """
    if frame is None or section is None or frame.kind is not None or section.kind is None:
        return frame
    if frame.relation != "treated_by" or section.relation != "treated_by":
        return frame
    return replace(frame, kind=section.kind)


def inherited(section: Frame | None, tokens: Sequence[str]) -> Frame | None:
    """The frame of a section's heading, for a lead-in that names no relation ("These include:").

    A hedge in the lead-in ("These may include:") makes the items possible.
    """
    if section is None:
        return None
    if set(tokens) & HEDGE_WORDS:
        return replace(section, modality="possible")
    return section


def _causes_and_risks(tokens: Sequence[str], anchor: Mention | None) -> bool:
    """Whether a heading or lead-in names causes before risk factors: "Causes and risk factors".

    Its items are what the page gives as causes; "heavy lifting" under it causes the condition
    (a list under "Risk factors" alone gives risk factors).
    """
    cause = next((i for i, t in enumerate(tokens) if t in {"causes", "cause"}), None)
    risk = next((i for i, t in enumerate(tokens) if t in {"risk", "risks"}), None)
    return cause is not None and risk is not None and cause < risk and _causes_of(tokens, anchor)


def _causes_of(tokens: Sequence[str], anchor: Mention | None) -> bool:
    """Whether a cause lead-in lists causes *of* its condition ("Causes of sciatica include").

    A lead-in that ends on "due to", "because of" or "caused by" lists causes: "It happens when
    the nerve is squeezed, most often due to:".
    """
    words = [t for t in tokens if t not in {":", ".", "-", "\u2013", "\u2014"}]
    if tuple(words[-2:]) in AS_CAUSE:
        return True
    if anchor is None:  # "Causes include:", "The main causes are:", "Common reasons:"
        nouns = [i for i, t in enumerate(tokens) if t in {"causes", "reasons"}]
        listing = any(i + 1 >= len(tokens) or tokens[i + 1] in NOUN_FOLLOWERS for i in nouns)
        return "causes" in tokens[:2] or listing or "reasons" in tokens or "caused" in tokens
    before = tokens[: anchor.start]
    return any(t in {"causes", "reasons", "caused", "due", "cause"} for t in before[-3:]) or (
        "caused" in tokens[anchor.end :] or "from" in tokens[anchor.end : anchor.end + 3]
    )


def topic_of(
    title: Sequence[Mention],
    opening: Sequence[Mention],
    everything: Sequence[Mention],
    subjects: Sequence[Mention] = (),
) -> Mention | None:
    """The page's topic: the condition or finding its title, opening and text name most.

    Every mention of a candidate counts one; being named in the title counts three more and
    opening the page (its first sentences) two. Where neither names one ("This condition is
    really a trapped nerve" opens a page without a title), a mention opening a sentence of prose
    (``subjects``: the sentence is about it) counts one more. A condition wins a tie; bare
    "pain" and generic mentions are never the topic.
    """
    score: Counter[URIRef] = Counter()
    first: dict[URIRef, Mention] = {}
    for m in [m for m in everything if _topical(m)]:
        score[m.entity.iri] += 1
        first.setdefault(m.entity.iri, m)
    # a title naming a condition names its findings as what it has ("Clumsy hands? Signs of
    # cervical myelopathy"): only the condition counts as the title's
    named_condition = any(_topical(m) and m.category == "CONDITION" for m in title)
    for m in title:
        if _topical(m) and not (named_condition and m.category != "CONDITION"):
            score[m.entity.iri] += 3
            first.setdefault(m.entity.iri, m)
    opener = next((m for m in opening if _topical(m)), None)
    if opener is not None:
        score[opener.entity.iri] += 2
        first.setdefault(opener.entity.iri, opener)
    elif not any(_topical(m) for m in title):
        for m in subjects:
            if m.entity.iri in score:
                score[m.entity.iri] += 1
    if not score:
        return None
    best = max(score, key=lambda iri: (score[iri], first[iri].category == "CONDITION"))
    return first[best]


def _topical(m: Mention) -> bool:
    """A candidate topic: never a deficit, nor a structure its verb says changes.

    A page naming weakness most is about its cause; a page saying "when a disc ruptures" tells
    what happens in its condition.
    """
    return (
        m.category in TOPIC_CATEGORIES
        and _specific(m)
        and local_id(m) not in DEFICITS
        and not m.by_verb
    )


def _specific(m: Mention) -> bool:
    """A named entity, not one that stands for any instance ("symptoms", "a nerve root")."""
    return not generic(m)


def _unlisted(tokens: Sequence[str], mentions: Sequence[Mention]) -> set[int]:
    """The tokens of an item whose mentions it does not list.

    An aside explains (brackets, a quoted gloss), but a label may give its name in brackets
    ("Slipping spine (spondylolisthesis):"). Words after a label that explain it ("Arthritis:
    where bony growth pinches the nerve, usually due to degeneration") list nothing; words that
    list more ("Bladder changes: being unable to pass urine, leaking urine") do.
    """
    inside = asides(tokens)
    end = label_end(tokens)
    if end is None or not any(m.end <= end for m in mentions):
        return inside
    if tokens[end + 1 : end + 2] and tokens[end + 1] in EXPLAINS:
        return set(range(end, len(tokens)))
    return {i for i in inside if i >= end}


#: Words in a list item that hedge it ("only in rare cases", "occasionally").
ITEM_HEDGES = HEDGE_WORDS | {"rarely", "occasional"}


def frame_claims(
    frame: Frame,
    tokens: Sequence[str],
    mentions: Sequence[Mention],
    topic: Mention | None,
    lexicon: Lexicon,
) -> list[Found]:
    """The claims a frame makes of one list item (its first sentence), for each of its anchors.

    Mentions in an aside (brackets, a quoted gloss) are left out: they explain the item rather
    than list one. An item of warning signs that names a risk factor ("onset after 50") gives
    it as a risk factor of the anchor.
    """
    anchor = frame.anchor or topic
    if anchor is None:
        return []
    anchors = (anchor, *frame.also)
    if frame.relation == "tried_before":  # "conservative care has been exhausted"
        tried = tried_in_vain(tokens, mentions, lexicon)
        return [
            Found(m, "tried_before", anchor, "asserted", 0.6)
            for m in tried
            if steps_apart(m, anchor, lexicon)
        ]
    inside = _unlisted(tokens, mentions)
    categories = (*frame.item_categories, *(("RISK",) if frame.warning else ()))
    items = [
        m
        for m in mentions
        if m.category in categories
        and _specific(m)
        and m.start not in inside
        and m.entity.iri not in {a.entity.iri for a in anchors}
    ]
    hedged = bool(set(tokens) & ITEM_HEDGES)
    out = []
    for m in items:
        modality = "negated" if m.negated else frame.modality
        if modality == "asserted" and (hedged or m.hedged):
            modality = "possible"
        for a in anchors:
            if m.category == "RISK" and frame.relation != "cause_of":
                out.append(Found(m, "risk_factor_for", a, modality, 0.6))
            elif frame.relation in {"cause_of", "risk_factor_for"}:
                relation = "causes" if frame.relation == "cause_of" else frame.relation
                out.append(Found(m, relation, a, modality, 0.6))
            else:
                out.append(Found(a, frame.relation, m, modality, 0.6))
        kind = _kind(frame.kind, lexicon) if frame.kind is not None else None
        # the care that names the kind is not one of its members: "Conservative treatments
        # include:" says nothing of conservative care
        named_by_care = frame.kind is not None and frame.kind.category != "KIND"
        itself = named_by_care and local_id(m) in KIND_OF_TREATMENT
        if kind is not None and m.category == "TREATMENT" and not itself:
            out.append(Found(m, "treatment_kind", kind, "asserted", 0.6))
    return out
