"""The text pipeline: words and sentences, the lexicon's phrases, and NegEx.

NegEx runs twice: once for negation, once (with hedging cues) for possibility. The phrases
come from the lexicon. Nothing is downloaded and no model is loaded: the tokenizer
(:mod:`.tokens`) and the matcher and NegEx (:mod:`.negex`) are plain Python, so that the
pipeline starts in a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import pairwise

from negspacy.termsets import termset

from spinekg.kernel.suggest import closest
from spinekg.loaders.text.lexicon import Entity, Lexicon
from spinekg.loaders.text.negex import NegEx, Phrases
from spinekg.loaders.text.tokens import Sentence, sentence_bounds, tokenize, word

__all__ = ["HEDGES", "Mention", "Pipeline"]

#: Cues that make a statement possible rather than asserted (the issue's list, and kin).
HEDGES = [
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
    "some patients",
    "some people",
    "in some cases",
    "may be",
    "can be",
]
#: How alike (0-1) an unknown word and a word of the lexicon must be to report a misspelling.
MISSPELLING = 0.88

#: Verbs that make pain radiating pain: "pain that travels down the leg", "shooting pain".
TRAVEL = {
    "go",
    "went",
    "travel",
    "travels",
    "travelled",
    "traveling",
    "travelling",
    "radiate",
    "radiates",
    "radiated",
    "radiating",
    "shoot",
    "shoots",
    "shooting",
    "run",
    "runs",
    "running",
    "spread",
    "spreads",
    "spreading",
    "move",
    "moves",
    "moving",
    "extend",
    "extends",
    "extending",
    "goes",
    "going",
    "reach",
    "reaches",
    "reaching",
    "track",
    "tracks",
    "tracking",
}
#: Verbs of going anywhere, which make a pain travel only with a way: "goes down the leg".
MOVING = {"go", "went", "goes", "going", "run", "runs", "running", "move", "moves", "moving"}
MOVING |= {"reach", "reaches", "reaching"}
#: The ways such a verb goes that a pain travels: "runs down", "moves into", "reaches the foot".
WAYS = {"down", "into", "along", "through", "up", "across", "from", "all", "the", "your", "as"}
WAYS |= {"below", "past", "beyond", "over", "around", "toward", "towards", "out", "to"}
#: The verbs of going that "to" alone does not make a pain's way: "must go to hospital".
GOING = {"go", "went", "goes", "going"}
#: Where the clause of a pain mention ends: a verb of travelling after it is not its verb.
CLAUSE_ENDS = {".", ";", ":", "but", "while", "whereas", "although", "though", "however"}
#: Words between a run of findings and the verb that makes its pain travel.
LIST_WORDS = {
    ",",
    "and",
    "or",
    "that",
    "which",
    "sometimes",
    "often",
    "can",
    "may",
    "might",
    "also",
    "will",
    "usually",
    "typically",
    "then",
    "generally",
    "frequently",
}
#: Words between "pain" and its place in "pain in the neck".
PAIN_PLACE = {"in", "of", "the", "your", "his", "her", "their", "one", "a"}
#: The lexicon phrase of the finding that such pain is.
RADIATING_PAIN = "radiating pain"
#: Negation cues the clinical NegEx list lacks for patient-education prose.
EXTRA_NEGATIONS = ["never", "does not", "do not", "did not", "cannot", "can not", "is not"]
EXTRA_NEGATIONS += ["rather than", "instead of"]  # "a surgical opinion rather than an injection"
#: Words after a negation that keep it from denying: "not just pain" (there is more), "without
#: noticing"; read by NegEx here and by the relation rules' own negation check.
NOT_DENYING = {"just", "only", "merely", "simply", "noticing", "realising", "realizing", "knowing"}
EXTRA_PSEUDO = [
    f"{negation} {word}"
    for negation in ("not", "aren't", "isn't", "don't", "doesn't", "won't", "without")
    for word in sorted(NOT_DENYING)
]
#: Where a negation's or a hedge's reach ends, beyond the clinical list: a dash, and a clause
#: with its own subject ("If you are not active and you have numbness").
EXTRA_TERMINATIONS = ["\u2014", "and you", "and it", "and they", "and this", "and he", "and she"]


@dataclass(frozen=True)
class Mention:
    """An entity named in a sentence, with its token span and context."""

    entity: Entity
    ambiguous: tuple[Entity, ...]
    start: int  # token index in the sentence
    end: int
    text: str
    char_start: int  # offset in the document
    char_end: int
    negated: bool
    hedged: bool
    names_place: bool = False  # "neck pain": the finding carries its own place
    place: Entity | None = None  # that place, when the lexicon names it ("neck")
    #: the phrase a mention stands for when a coordination shares its words: "foot" of "the
    #: inner side of the leg and foot" stands for "the inner side of the foot"
    stands_for: str = ""
    #: named by the verb after it, not by its own words: "a disc" of "a disc may rupture" is a
    #: disc herniation; it tells what happens and names no page's subject
    by_verb: bool = False

    @property
    def phrase(self) -> str:
        """The words that name the mention's entity: its own, or those it stands for."""
        return self.stands_for or self.text

    @property
    def category(self) -> str:
        """The mention's category (FINDING, BODY ...)."""
        return self.entity.category


class Pipeline:
    """Sentences and mentions of a text, from a lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        """Read the lexicon's phrases and the negation and hedging cues."""
        self.lexicon = lexicon
        # each phrase's entities under a key of its own; the phrase finder gives the key
        phrases = sorted(lexicon.phrases.items())
        self._by_key = {f"T{i}": entities for i, (_, entities) in enumerate(phrases)}
        self._phrases: Phrases[str] = Phrases(
            (lexicon.words_of(phrase), f"T{i}") for i, (phrase, _) in enumerate(phrases)
        )
        self._places = {
            phrase for phrase, ents in lexicon.phrases.items() if ents[0].category == "BODY"
        }
        self._reflexes: dict[str, list[tuple[str, ...]]] = {}  # first word -> names, longest first
        for words in sorted((tuple(n.split()) for n in lexicon.reflexes), key=len, reverse=True):
            self._reflexes.setdefault(words[0], []).append(words)
        self._reflex_findings = {
            change: finding
            for change, label in REFLEX_FINDINGS.items()
            if (finding := next(iter(lexicon.phrases.get(label, [])), None)) is not None
        }
        self._aging = next(iter(lexicon.phrases.get(AGING, [])), None)
        cues = termset("en_clinical").get_patterns()
        terminations = sorted({*cues["termination"], *EXTRA_TERMINATIONS})
        preceding = sorted({*cues["preceding_negations"], *EXTRA_NEGATIONS})
        self._negations = NegEx(
            preceding,
            terminations,
            cues["following_negations"],
            sorted({*cues["pseudo_negations"], *EXTRA_PSEUDO}),
        )
        self._hedges = NegEx(HEDGES, terminations)
        # the first word of each cue, for telling a negation inside a mention from one before it
        self._negation_words = {cue.split()[0].lower() for cue in preceding}
        #: the lexicon's words: misspellings are told by them, and list items a page glued
        #: together
        self.vocabulary = frozenset(lexicon.words())
        #: the vocabulary by word length: a misspelling is compared only with words near its
        #: length (those further off cannot be :data:`MISSPELLING` alike)
        self._by_length: dict[int, list[str]] = {}
        for known in sorted(self.vocabulary):
            self._by_length.setdefault(len(known), []).append(known)
        self._misspellings: dict[str, str | None] = {}
        #: the longest text :meth:`sentences` takes at once; a longer paragraph is cut
        self.max_chars = MAX_CHARS

    def misspelling_of(self, word: str) -> str | None:
        """The lexicon word that ``word`` (not in the lexicon) is probably a misspelling of.

        Words that differ from a known one only by an ending ("weakened", "weakness") are not
        misspellings. Answers are remembered: the same words recur across articles.
        """
        if word in self.vocabulary:
            return None
        if word not in self._misspellings:
            close = closest(word, self._near_in_length(len(word)), n=1, cutoff=MISSPELLING)
            self._misspellings[word] = (
                close[0] if close and not _inflection(word, close[0]) else None
            )
        return self._misspellings[word]

    def _near_in_length(self, length: int) -> list[str]:
        """The vocabulary's words that a word of ``length`` letters can be a misspelling of.

        Two words are at most ``1 - |a - b| / (a + b)`` alike (the measure of
        :func:`~spinekg.kernel.suggest.closest`), ``a`` and ``b`` their lengths.
        """
        return [
            known
            for other, words in self._by_length.items()
            if abs(length - other) <= (1 - MISSPELLING) * (length + other)
            for known in words
        ]

    def sentences(self, text: str, offset: int = 0) -> Iterator[tuple[Sentence, list[Mention]]]:
        """Each sentence of ``text`` with its mentions; offsets shifted by ``offset``."""
        spans = tokenize(text)
        words = [text[start:end] for start, end in spans]
        lowered = [word(w) for w in words]
        bounds = sentence_bounds(words)
        found = self._mentions(["and" if w == "&" else w for w in lowered])  # "pins & needles"
        places = [(start, end) for start, end, _, _ in found]
        negated = self._negations.reached(lowered, (b[0] for b in bounds), places)
        hedged = self._hedges.reached(lowered, (b[0] for b in bounds), places)
        k = 0
        for first, last in bounds:
            sent = Sentence(
                text[spans[first][0] : spans[last - 1][1]],
                spans[first][0],
                spans[last - 1][1],
                tuple(words[first:last]),
                tuple(spans[first:last]),
            )
            tokens = lowered[first:last]
            mentions = []
            while k < len(found) and found[k][0] < last:
                start, end, key, stands_for = found[k]
                entities = self._by_key[key]
                k += 1
                if _inside_level(words, spans, start, end):
                    continue  # "L5" of "L4-L5" is a disc level, not the L5 root
                if entities[0].category == "FINDING" and _names_a_carrier(lowered, end):
                    continue  # "pain signals" are what nerves carry, not a pain had
                mentions.append(
                    Mention(
                        entity=entities[0],
                        ambiguous=tuple(entities[1:]),
                        start=start - first,
                        end=end - first,
                        text=text[spans[start][0] : spans[end - 1][1]],
                        char_start=offset + spans[start][0],
                        char_end=offset + spans[end - 1][1],
                        negated=negated[k - 1],
                        hedged=hedged[k - 1],
                        names_place=entities[0].category != "BODY"
                        and any(t in self._places for t in lowered[start:end]),
                        place=self._place_in(lowered[start:end])
                        if entities[0].category == "FINDING"
                        else None,
                        stands_for=stands_for,
                    )
                )
            mentions = self._reflex_changes(sent, tokens, mentions, offset)
            mentions = self._age_groups(sent, mentions, offset)
            if not PROLONGED.keys().isdisjoint(tokens):
                mentions = self._durations(sent, mentions, offset)
            mentions = _origins(tokens, _levels_of_discs(tokens, mentions, sent))
            mentions = self._level_ranges(sent, tokens, mentions, offset)
            if not CHANGES.keys().isdisjoint(tokens):
                mentions = self._structures_that_change(sent, tokens, mentions, offset)
            mentions = _own_negations(tokens, mentions, self._negation_words)
            mentions = _named_procedures(_kinds_of_pain(mentions))
            yield sent, [self._reading(sent, tokens, m, mentions, offset) for m in mentions]

    def _mentions(self, words: list[str]) -> list[tuple[int, int, str, str]]:
        """The lexicon's phrases in a text's words: start, end, key and the words stood for.

        Where phrases overlap the longest wins; a phrase that a coordination shares ("foot" of
        "the inner side of the leg and foot") wins over any other.
        """
        coordinated = _coordinated_list(words, self._phrases)
        shared = [
            (start, end, key, " ".join(phrase) if phrase != tuple(words[start:end]) else "")
            for start, end, key, phrase in coordinated
        ]
        taken = {i for start, end, _, _ in shared for i in range(start, end)}
        plain = [
            (start, end, key, "")
            for start, end, key in self._phrases.find(words)
            if taken.isdisjoint(range(start, end))
        ]
        return _longest_first(shared + plain + _across_glosses(words, self._phrases))

    def _place_in(self, words: list[str]) -> Entity | None:
        """The body part that the first words of a finding's phrase name ("arm" of "arm pain")."""
        for n in range(len(words) - 1, 0, -1):
            phrase = " ".join(words[:n])
            if phrase in self._places:
                return self.lexicon.phrases[phrase][0]
        return None

    def _reflex_changes(
        self, sent: Sentence, tokens: list[str], mentions: list[Mention], offset: int
    ) -> list[Mention]:
        """A reflex and its change as one finding, which covers the words of the phrase.

        "Loss of the ankle jerk", "reduced reflexes", "the knee jerk may be absent".
        """
        if self._reflexes.keys().isdisjoint(tokens):
            return mentions
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            names = self._reflexes.get(tokens[i], ())
            name = next((n for n in names if tuple(tokens[i : i + len(n)]) == n), None)
            if name is None:
                i += 1
                continue
            span = _reflex_change(tokens, i, i + len(name))
            if span is not None and span[2] in self._reflex_findings:
                start, end, change = span
                found.append(_mention_over(sent, start, end, self._reflex_findings[change], offset))
            i += len(name)
        if not found:
            return mentions
        return _replacing(mentions, found)

    def _age_groups(self, sent: Sentence, mentions: list[Mention], offset: int) -> list[Mention]:
        """An age group as the risk factor of age, standing for "age between 30 and 50".

        "Aged between 35 and 50", "between the ages of 40 and 60", "older than 50 years".
        """
        aging = self._aging
        if aging is None or _DIGIT.search(sent.text) is None:
            return mentions
        found = [
            _mention_at(sent, match.span(), aging, offset, group)
            for match in AGE_GROUP.finditer(sent.text)
            if (group := age_group(match)) is not None
        ]
        return _replacing(mentions, found)

    def _durations(self, sent: Sentence, mentions: list[Mention], offset: int) -> list[Mention]:
        """Sitting or driving for long as the risk factor of doing it for long.

        "Drive or sit for more than 2 hours a day": prolonged driving and prolonged sitting.
        """
        found = []
        for match in DURATION.finditer(sent.text):
            # each verb's words: "drive", and "sit for more than 2 hours"
            verbs = [(match.group("first"), match.start(), match.end())]
            if match.group("second"):
                verbs = [
                    (match.group("first"), match.start(), match.end("first")),
                    (match.group("second"), match.start("second"), match.end()),
                ]
            for verb, start, end in verbs:
                named = self.lexicon.phrases.get(PROLONGED[verb.lower()])
                if named:
                    found.append(_mention_at(sent, (start, end), named[0], offset))
        return _replacing(mentions, found)

    def _structures_that_change(
        self, sent: Sentence, tokens: list[str], mentions: list[Mention], offset: int
    ) -> list[Mention]:
        """A structure said to change as a mention of the condition it is then in.

        "When a disc herniates", "a disc may bulge and press on", "lumbar discs tend to become
        herniated", "as the spinal canal narrows", "a vertebra slips forward": the structure's
        words name the herniation, the bulge, the stenosis, the slip. A structure named inside
        a region's name ("lumbar discs") takes the region's words along.
        """
        found = []
        for i, token in enumerate(tokens):
            if token not in CHANGES:
                continue
            inside = next((m for m in mentions if m.start <= i < m.end), None)
            if inside is not None and (inside.category != "REGION" or inside.end != i + 1):
                continue  # "disc herniation", "disc space": named already
            start = inside.start if inside is not None else i
            if inside is None and i > 0 and tokens[i - 1] in STRUCTURE_MODIFIERS:
                start = i - 1  # "the spinal canal narrows"
            end = i + 2 if tokens[i + 1 : i + 2] and tokens[i + 1] in DISC_PARTS else i + 1
            # "the foraminal canal narrows": an opening, not the spinal canal
            structure = "foramen" if tokens[i - 1 : i] == ["foraminal"] else token
            label = _changes_to(tokens, mentions, end, CHANGES[structure])
            # "lumbar discs ... become herniated": a lumbar disc herniation
            regional = " ".join([*tokens[start:i], label]) if label else ""
            named = self.lexicon.phrases.get(regional) or self.lexicon.phrases.get(label or "")
            entity = named[0] if named else None
            if entity is not None:
                found.append(replace(_mention_over(sent, start, end, entity, offset), by_verb=True))
        return _replacing(mentions, found)

    def _level_ranges(
        self, sent: Sentence, tokens: list[str], mentions: list[Mention], offset: int
    ) -> list[Mention]:
        """Two roots' names that span a disc name its level.

        "Between L4 and L5" and "the T11 to T12 level" are the L4-L5 and T11-T12 discs.
        """
        found = []
        for m, n in pairwise(mentions):
            level = self.lexicon.phrases.get(f"{m.text}-{n.text}".lower(), [None])[0]
            if level is None or level.category != "LEVEL" or m.category != "NEURAL":
                continue
            joined = tokens[m.end : n.start] in (["to"], ["and"], ["through"])
            named = "between" in tokens[max(0, m.start - 2) : m.start] or (
                n.end < len(tokens) and tokens[n.end] in LEVEL_NOUNS
            )
            if joined and named and n.category == "NEURAL":
                found.append(_mention_over(sent, m.start, n.end, level, offset))
        return _replacing(mentions, found)

    def _reading(
        self,
        sent: Sentence,
        tokens: list[str],
        mention: Mention,
        mentions: list[Mention],
        offset: int,
    ) -> Mention:
        """What a pain mention means in its phrase.

        "Pain in the neck" is neck pain when the graph has it; pain said to travel ("a burning
        pain that travels to the foot", "pain, numbness or tingling that runs down the arm",
        "shooting pain") is radiating pain.
        """
        if mention.category != "FINDING" or "pain" not in mention.entity.label.split():
            return mention
        place = next((m for m in mentions if m.category == "BODY" and m.start > mention.end), None)
        more = (
            place is not None
            and any(  # "pain in the back and leg", "in the back and down one leg": two places
                m.category == "BODY"
                and m.start > place.end
                and _only(tokens[place.end : m.start], LIST_WORDS | PAIN_PLACE | WAYS | TRAVEL)
                for m in mentions
            )
        )
        if (
            mention.entity.label == "pain"
            and place is not None
            and not more
            and _only(tokens[mention.end : place.start], PAIN_PLACE)
        ):
            for name in (f"{place.text.lower()} pain", f"{place.entity.label} pain"):
                named = self.lexicon.phrases.get(name)
                if named and named[0].category == "FINDING":
                    return replace(mention, entity=named[0], names_place=True, place=place.entity)
        radiating = self.lexicon.phrases.get(RADIATING_PAIN)
        before = tokens[mention.start - 1] if mention.start > 0 else ""
        if radiating is not None and mention.place is not None and before in RADIATING:
            # "radiating leg pain": radiating pain in the leg, the word "radiating" its own
            widened = _mention_over(sent, mention.start - 1, mention.end, radiating[0], offset)
            return replace(widened, names_place=True, place=mention.place)
        if radiating is None or mention.names_place or mention.entity.iri == radiating[0].iri:
            return mention
        after = tokens[mention.end] if mention.end < len(tokens) else ""
        if before in RADIATING or after == "down":  # "a sharp pain down the leg"
            return replace(mention, entity=radiating[0])
        depth = 0  # "pain (often described as burning) that radiates down the leg"
        for i in range(mention.end, min(len(tokens), mention.end + 16)):
            token = tokens[i]
            depth += (token == "(") - (token == ")")
            if depth > 0:
                continue
            going = tokens[i + 1] if i + 1 < len(tokens) else ""
            # not "will not go away", nor "pain ... must go to the emergency room"
            way = going in WAYS and not (token in GOING and going == "to")
            if token in TRAVEL and (token not in MOVING or way):
                return replace(mention, entity=radiating[0])
            if token == "down" and tokens[i + 1 : i + 2] and tokens[i + 1] in DOWN_ALONG:
                return replace(mention, entity=radiating[0])  # "pain and numbness down the arm"
            if token in CLAUSE_ENDS:
                break
        return mention


#: Words before a pain that make it radiating pain: "shooting pain", "radiating leg pain".
RADIATING = {"shooting", "radiating", "traveling", "travelling", "spreading"}

#: Words after two roots' names that make them a disc's level: "the T11 to T12 level".
LEVEL_NOUNS = {"level", "levels", "disc", "discs", "disk", "disks", "segment", "vertebrae"}

#: Words after a root's name that make it the name of a disc: "an L5 disc herniation".
DISC_WORDS = {"disc", "disk", "discs", "disks"}


def _levels_of_discs(tokens: list[str], mentions: list[Mention], sent: Sentence) -> list[Mention]:
    """A root's name before "disc" names the disc's level, not the root: "an L5 disc herniation".

    The name joins the condition it qualifies ("L5 disc herniation" is one mention), or is
    dropped before a bare "disc" ("the C6 disc bulges").
    """
    mentions = list(mentions)
    out: list[Mention] = []
    for k, m in enumerate(mentions):
        disc = tokens[m.end] in DISC_WORDS if m.end < len(tokens) else False
        if m.category != "NEURAL" or m.end - m.start != 1 or not disc:
            out.append(m)
            continue
        qualified = mentions[k + 1] if k + 1 < len(mentions) else None
        if qualified is not None and qualified.start == m.end and qualified.category == "CONDITION":
            mentions[k + 1] = replace(
                qualified,
                start=m.start,
                text=sent.text_of(m.start, qualified.end),
                char_start=m.char_start,
            )
    return out


#: Verbs of nerves leaving where they come from: "the nerves coming off the spinal cord".
BRANCHING = {
    "come",
    "comes",
    "coming",
    "branch",
    "branches",
    "branching",
    "exit",
    "exits",
    "exiting",
    "leave",
    "leaves",
    "leaving",
    "emerge",
    "emerges",
    "emerging",
    "extend",
    "extends",
    "extending",
}
#: Words that may stand around such a verb: "that branch out of the spinal cord".
BRANCHING_WORDS = {"that", "which", "off", "from", "out", "of", "the", "your"}


def _origins(tokens: list[str], mentions: list[Mention]) -> list[Mention]:
    """Without the structure that the nerve named before comes from.

    In "the nerves coming off the spinal cord" or "nerve roots that branch out from the cord",
    the cord only says where the nerves start: it is no structure of its own in the sentence.
    """
    out: list[Mention] = []
    for m in mentions:
        before = out[-1] if out else None
        between = tokens[before.end : m.start] if before is not None else []
        if (
            before is not None
            and before.category == m.category == "NEURAL"
            and set(between) & BRANCHING
            and set(between) & {"off", "from"}
            and set(between) <= BRANCHING | BRANCHING_WORDS
        ):
            continue
        out.append(m)
    return out


def _own_negations(
    tokens: list[str], mentions: list[Mention], negation_words: set[str]
) -> list[Mention]:
    """A negation word inside a mention ("not exercising regularly") negates no other mention.

    NegEx reads the "not" of "Not exercising regularly, or strenuous exercise" as denying the
    strenuous exercise; when every negation word before a negated mention lies inside another
    mention, the mention is not negated. ``negation_words``: the first words of NegEx's cues.
    """
    inside = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for m in mentions:
        cues = [i for i in range(m.start) if tokens[i] in negation_words]
        if m.negated and cues and all(i in inside for i in cues):
            m = replace(m, negated=False)
        elif m.negated and cues and _past_the_item(tokens, inside, cues[-1], m.start):
            m = replace(m, negated=False)
        out.append(m)
    return out


#: Words that may stand inside a negated list item: "no pain in the leg, numbness or ...".
ITEM_WORDS = PAIN_PLACE | {"on", "at", "an", "both", "either", "into", "down", "from", "or", "and"}


def _past_the_item(tokens: list[str], inside: set[int], cue: int, start: int) -> bool:
    """Whether a comma ends the negated item before ``start``.

    In "unable to pass urine without pain to warn you, leaking urine" the negation ends with
    its clause; in "without numbness, tingling or weakness" it runs over the list.
    """
    named = loose = False
    for i in range(cue + 1, start):
        if i in inside:
            named = True
        elif tokens[i] == ",":
            if loose:
                return True
        elif named and tokens[i] not in ITEM_WORDS:
            loose = True
    return False


_DIGIT = re.compile(r"\d")
#: The risk factor an age group stands for.
AGING = "aging"
_YEARS = r"(\d{1,2})(?:\s*years?(?:\s*(?:old|of\s+age))?)?"
_AND = r"\s*(?:-|\u2013|\u2014|to|and)\s*"
#: People who may be an age group without "years": "most adults over 50" (not "over 50%").
_PEOPLE = r"(?:people|persons|adults|americans|patients|those|men|women|individuals)"
#: "aged 30-50", "ages between 30 and 50", "between the ages of 40 and 60", "older than 50",
#: "over the age of 60", "younger than 20 years of age", "under age 20", "adults over 50".
AGE_GROUP = re.compile(
    r"\b(?:(?:aged?|ages)\s+(?:between\s+|from\s+)?|between\s+(?:the\s+)?ages?\s+(?:of\s+)?)"
    rf"(?P<low>\d{{1,2}}){_AND}{_YEARS}"
    r"|\b(?P<side>older|younger|over|above|under|below)\s+(?:than\s+)?"
    rf"(?:(?:the\s+)?age\s+(?:of\s+)?{_YEARS}|(\d{{1,2}})\s*years?(?:\s*(?:old|of\s+age))?)"
    rf"|\b{_PEOPLE}\s+(?P<among>older|younger|over|above|under)\s+(?:than\s+)?"
    r"(\d{1,2})\b(?!\s*(?:%|percent|per\s+cent|\d))",
    re.IGNORECASE,
)
_ABOVE = {"older", "over", "above"}


def age_group(match: re.Match[str]) -> str | None:
    """An age group's label: "age between 30 and 50", "age over 50", "age under 20"."""
    numbers = [g for g in match.groups() if g is not None and g.isdigit()]
    if match.group("low") is not None and len(numbers) == 2:
        low, high = sorted(int(n) for n in numbers)
        return f"age between {low} and {high}" if low < high else None
    side = match.group("side") or match.group("among")
    if side is not None and numbers:
        return f"age {'over' if side.lower() in _ABOVE else 'under'} {numbers[0]}"
    return None


def _kinds_of_pain(mentions: list[Mention]) -> list[Mention]:
    """Pain named by an adjective before the pain it describes ("aching night pain")."""
    described = {
        k
        for k, (m, after) in enumerate(pairwise(mentions))
        if m.entity.label == "pain"
        and after.start == m.end
        and after.category == "FINDING"
        and "pain" in after.entity.label.split()
    }
    return [m for k, m in enumerate(mentions) if k not in described]


#: Generic treatments that, right after a named one, are its head noun: "microdiscectomy surgery".
HEAD_NOUNS = {"surgery", "procedure", "operation", "therapy", "treatment"}


def _named_procedures(mentions: list[Mention]) -> list[Mention]:
    """A treatment named with its head noun is one: "microdiscectomy surgery", not surgery too."""
    headed = {
        k + 1
        for k, (m, after) in enumerate(pairwise(mentions))
        if m.category == "TREATMENT"
        and after.category == "TREATMENT"
        and after.start == m.end
        and after.end - after.start == 1
        and after.text.lower() in HEAD_NOUNS
    }
    return [m for k, m in enumerate(mentions) if k not in headed]


def _mention_at(
    sent: Sentence, chars: tuple[int, int], entity: Entity, offset: int, stands_for: str = ""
) -> Mention:
    """A mention of ``entity`` over characters of a sentence (widened to whole words)."""
    return _mention_over(sent, *sent.words_over(*chars), entity, offset, stands_for)


def _mention_over(
    sent: Sentence, start: int, end: int, entity: Entity, offset: int, stands_for: str = ""
) -> Mention:
    """A mention of ``entity`` over words ``start:end`` of a sentence."""
    first, last = sent.chars(start, end)
    return Mention(
        entity=entity,
        ambiguous=(),
        start=start,
        end=end,
        text=sent.text_of(start, end),
        char_start=offset + first,
        char_end=offset + last,
        negated=False,
        hedged=False,
        stands_for=stands_for,
    )


def _replacing(mentions: list[Mention], found: list[Mention]) -> list[Mention]:
    """``found`` in place of the mentions whose words they cover."""
    covered = {k for m in found for k in range(m.start, m.end)}
    kept = [m for m in mentions if not covered & set(range(m.start, m.end))]
    return sorted(kept + found, key=lambda m: m.start)


#: What of a disc may herniate in its stead: "the disc material ruptures".
DISC_PARTS = {"material", "fragment", "fragments", "tissue"}
#: The lexicon's name of a herniation.
HERNIATION = "disc herniation"
#: Verbs that say a disc herniates or bulges, and what the disc then is.
GIVING_WAY = dict.fromkeys(
    (
        *("herniate", "herniates", "herniated", "herniating"),
        *("rupture", "ruptures", "ruptured", "prolapse", "prolapses", "prolapsed"),
        *("protrude", "protrudes", "protruded", "slip", "slips", "slipped"),
    ),
    HERNIATION,
) | dict.fromkeys(("bulge", "bulges", "bulged"), "bulging disc")
#: Verbs that say a canal or an opening narrows.
NARROWING = {"narrow", "narrows", "narrowed", "narrowing", "shrink", "shrinks", "shrinking"}
NARROWING |= {"constrict", "constricts", "constricted", "tighten", "tightens"}
#: Verbs that say a vertebra slips out of line.
SLIPPING = {"slip", "slips", "slipped", "slipping", "slide", "slides", "slid", "sliding"}
#: Each structure's words, and what each verb that changes it names (the lexicon's phrase).
CHANGES: dict[str, dict[str, str]] = {
    **dict.fromkeys(DISC_WORDS, GIVING_WAY),
    "canal": dict.fromkeys(NARROWING, "spinal stenosis"),
    **dict.fromkeys(("foramen", "foramina"), dict.fromkeys(NARROWING, "foraminal stenosis")),
    **dict.fromkeys(("vertebra", "vertebrae"), dict.fromkeys(SLIPPING, "spondylolisthesis")),
}
#: A word before a structure's name that belongs to it: "the spinal canal".
STRUCTURE_MODIFIERS = {"spinal", "neural", "intervertebral", "vertebral", "foraminal"}
#: The words of a place between a structure and its verb: "a disc in the lower back protrudes".
PLACE_WORDS = {"in", "at", "of", "the", "your", "a", "an", "between", "lower", "upper", "spine"}
#: The most words between a structure and its verb.
CHANGE_GAP = 6


def _changes_to(
    tokens: list[str], mentions: list[Mention], i: int, verbs: dict[str, str]
) -> str | None:
    """What the structure that ends before token ``i`` is in, if one of its ``verbs`` says so.

    Only auxiliaries and a place may stand between: "the disc does not rupture" says nothing.
    """
    named = {k for m in mentions for k in range(m.start, m.end)}
    places = {k for m in mentions if m.category in PLACE_CATEGORIES for k in range(m.start, m.end)}
    for k in range(i, min(len(tokens), i + CHANGE_GAP + 1)):
        token = tokens[k]
        if token in verbs and k not in named:
            joined = tokens[k + 1 : k + 2] in (["or"], ["and"])
            also = "".join(tokens[k + 2 : k + 3]) if joined else ""
            if verbs.get(also) == HERNIATION:  # "bulges or ruptures": it herniates
                return HERNIATION
            return verbs[token]
        if token not in TO_CHANGE and token not in PLACE_WORDS and k not in places:
            return None
    return None


#: The categories of a place that may stand between a structure and its verb.
PLACE_CATEGORIES = {"BODY", "REGION", "LEVEL"}


#: Doing something for long, a risk factor: "sit for more than 2 hours", "drive for hours".
PROLONGED = dict.fromkeys(("sit", "sits", "sitting"), "prolonged sitting")
PROLONGED |= dict.fromkeys(("drive", "drives", "driving"), "prolonged driving")
_VERB = "|".join(PROLONGED)
DURATION = re.compile(
    rf"\b(?P<first>{_VERB})(?:\s+(?:or|and)\s+(?P<second>{_VERB}))?\s+for\s+"
    r"(?:more\s+than\s+|over\s+|at\s+least\s+|longer\s+than\s+)?"
    r"(?:\d{1,2}|two|three|four|five|six|eight|several|many|long)\s+(?:hours?|periods?)\b",
    re.IGNORECASE,
)

#: Words after "down" that make it a path: "pain and tingling down the leg", "down from the hip".
DOWN_ALONG = {"the", "your", "one", "both", "from", "through", "into", "to", "his", "her", "their"}

#: A reflex's change -> the label of the finding it makes.
REFLEX_CHANGES = {
    **dict.fromkeys(("absent", "lost", "gone", "abolished"), "absent"),
    **dict.fromkeys(
        ("reduced", "diminished", "decreased", "weak", "weakened", "depressed", "sluggish"),
        "diminished",
    ),
}
REFLEX_FINDINGS = {"absent": "absent reflex", "diminished": "diminished reflexes"}
#: Nouns of a change before "of" and a reflex: "loss of the ankle jerk", "reduction of".
CHANGE_NOUNS = {
    **dict.fromkeys(("loss", "absence", "lack"), "absent"),
    **dict.fromkeys(("reduction", "decrease", "weakening", "diminution"), "diminished"),
}
#: Words between a reflex and its change: "the knee jerk may often be absent".
REFLEX_VERBS = {"is", "are", "was", "may", "can", "might", "will", "be", "become", "becomes"}
REFLEX_VERBS |= {"often", "usually", "sometimes", "also"}
#: Words that may stand between a structure and the verb that changes it, the same as between
#: a reflex and its change and more: "the disc can eventually rupture", "a disc that has
#: ruptured", "discs have a tendency to become herniated".
TO_CHANGE = REFLEX_VERBS | {"could", "would", "to", "were", "has", "have", "had", "been"}
TO_CHANGE |= {"that", "which", "then", "eventually", "suddenly", "tend", "tends", "tendency"}
TO_CHANGE |= {"prone", "likely", "more", "get", "gets", "begin", "begins", "start", "starts"}


def _reflex_change(tokens: list[str], start: int, end: int) -> tuple[int, int, str] | None:
    """The span and the change of a reflex named at ``start:end``, if the text changes it."""
    before = start - 1
    while before >= 0 and tokens[before] in {"the", "a", "an", "his", "her", "your", "their"}:
        before -= 1
    if before >= 0 and tokens[before] in REFLEX_CHANGES:  # "reduced knee jerk"
        return before, end, REFLEX_CHANGES[tokens[before]]
    if before >= 1 and tokens[before] == "of" and tokens[before - 1] in CHANGE_NOUNS:
        return before - 1, end, CHANGE_NOUNS[tokens[before - 1]]  # "loss of", "absence of"
    after = end
    while after < len(tokens) and tokens[after] in REFLEX_VERBS and after - end < 4:
        after += 1
    if after > end and after < len(tokens) and tokens[after] in REFLEX_CHANGES:
        return start, after + 1, REFLEX_CHANGES[tokens[after]]  # "the ankle jerk is absent"
    return None


#: Words that coordinate two modifiers of one head: "bladder or bowel control".
COORDINATORS = {"and", "or", "and/or", "/"}


def _coordinated(
    words: list[str], keys: Phrases[str]
) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Phrases that share words across "and"/"or": each side's token span, key and words.

    In "loss of bladder or bowel control" the lexicon knows "loss of bladder control" and
    "loss of bowel control"; the first is named by "loss of bladder", the second by "bowel
    control". In "lower back and leg pain" only the last word is shared: "lower back pain" and
    "leg pain"; in "compression or irritation of a nerve root", four words. Both phrases must
    be in the lexicon, so a plain list ("numbness or tingling in the leg") is left to the
    phrase matcher.
    """
    found: list[tuple[int, int, str, tuple[str, ...]]] = []
    if COORDINATORS.isdisjoint(words):
        return found
    edge = 0
    for k in range(1, len(words) - 1):
        if words[k] not in COORDINATORS or k - 1 < edge:
            continue
        if words[k - 1] == words[k + 1] and words[k - 1].isalpha():
            continue  # "night pain and pain when lying down" share nothing
        best: tuple[int, int, tuple[str, ...], tuple[str, ...]] | None = None
        for before in range(0, 5):  # words shared at the front ("loss of", "inner side of your")
            first = k - 1 - before
            if first < edge:
                break
            if not keys.opens(words[first]):
                continue  # the left side's phrase would start here: no phrase does
            for own, after in [(1, a) for a in range(0 if before else 1, 5)] + [(2, 1), (2, 2)]:
                # words shared at the back ("control"), after a right side of one word or two
                # ("too little or too much physical activity")
                last = k + 1 + own + after
                if last > len(words):
                    continue
                left = (*words[first:k], *words[k + 1 + own : last])
                plain = tuple(words[k + 1 : last])
                shared = (*words[first : k - 1], *plain)
                # "the inner side of the leg and foot": the inner side of the foot; but "the
                # lower back and legs" are not the lower legs: a shared front is a frame
                framed = after == 0 and k >= 2 and words[k - 2] in FRAME_ENDS
                order = (shared, plain) if framed else (plain, shared)
                right = next((r for r in order if r in keys), None)
                if after == 0 and _longer_phrase(words, k + 1, keys):
                    continue  # "numbness or weakness of both legs": the matcher's longer phrase
                if framed and left not in keys and right == shared:
                    # "the back of the buttock and thigh": the buttock, and the back of the thigh
                    left = (words[k - 1],)
                if left == tuple(words[first:k]) and right == plain:
                    continue  # nothing shared: a plain list, the matcher's ("area or bladder")
                if left in keys and right and (best is None or last - first > best[1] - best[0]):
                    best = (first, last, left, right)
        if best is not None:
            first, last, left, right = best
            found += [
                (first, k, keys.values[left], left),
                (k + 1, last, keys.values[right], right),
            ]
            edge = last
    return found


def _coordinated_list(
    words: list[str], keys: Phrases[str]
) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Coordinated phrases (see :func:`_coordinated`), also of a list of three or more.

    "Inflammation, irritation, or compression of the nerve root": the comma before "or" is
    read past, and each earlier item that names a phrase with the shared words is one too.
    """
    # only a list of single words: "A, B, or C of X", not "spinal decompression, or therapy"
    kept = [
        i
        for i, w in enumerate(words)
        if not (
            w == ","
            and i + 1 < len(words)
            and words[i + 1] in COORDINATORS
            and i >= 2
            and words[i - 2] == ","
        )
    ]
    found = [
        (kept[start], kept[end - 1] + 1, key, phrase)
        for start, end, key, phrase in _coordinated([words[i] for i in kept], keys)
    ]
    more = []
    for start, end, _, phrase in found[::2]:  # each coordination's left side
        tail = phrase[end - start :]
        k = start
        while tail and k >= 2 and words[k - 1] == ",":
            item = (words[k - 2], *tail)
            if item not in keys:
                break
            more.append((k - 2, k - 1, keys.values[item], item))
            k -= 2
    return sorted(found + more)


#: Last words of a front that a coordination shares: "the inner side of (the leg and foot)".
FRAME_ENDS = {"of", "the", "your", "his", "her", "their", "a", "an", "one", "both"}


def _longer_phrase(words: list[str], start: int, keys: Phrases[str]) -> bool:
    """Whether the lexicon names a phrase of two words or more that starts at ``start``."""
    return any(tuple(words[start : start + n]) in keys for n in range(2, 7))


def _inside_level(words: list[str], spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a word is glued by a hyphen to the next or last one.

    "L5" of "L4-L5" and "CES" of "CES-R" are parts of a name of their own; "legs" of "down the
    legs - especially" is not.
    """
    if end - start != 1:
        return False
    before = start > 0 and words[start - 1] == "-" and spans[start - 1][1] == spans[start][0]
    after = end < len(words) and words[end] == "-" and spans[end][0] == spans[end - 1][1]
    return before or after


#: The most words a gloss in brackets inside a phrase may have: "a herniated (bulging) disc".
GLOSS_WORDS = 2


def _across_glosses(words: list[str], phrases: Phrases[str]) -> list[tuple[int, int, str, str]]:
    """Phrases that a short gloss in brackets interrupts, with the words they stand for.

    "A herniated (bulging) disc" names a herniated disc, "the lumbar (lower) spine" the lumbar
    spine; the gloss stays inside the mention.
    """
    if "(" not in words:
        return []
    kept: list[int] = []  # the words outside the glosses
    i = 0
    while i < len(words):
        # a hyphenated word counts once: "conservative (non-surgical) treatments"
        hyphens = words[i : i + 2 * GLOSS_WORDS + 3].count("-")
        end = min(len(words), i + GLOSS_WORDS + 2 + hyphens)
        close = next((j for j in range(i + 2, end) if words[j] == ")"), None)
        if words[i] == "(" and close is not None and kept:
            i = close + 1
            continue
        kept.append(i)
        i += 1
    reduced = [words[k] for k in kept]
    return [
        (kept[start], kept[end - 1] + 1, key, " ".join(reduced[start:end]))
        for start, end, key in phrases.find(reduced)
        if kept[end - 1] + 1 - kept[start] > end - start  # it holds a gloss
    ]


def _longest_first(
    found: list[tuple[int, int, str, str]],
) -> list[tuple[int, int, str, str]]:
    """Phrases that overlap none kept before them, longest (then first) first; by start."""
    taken: set[int] = set()
    kept = []
    for phrase in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        words = range(phrase[0], phrase[1])
        if taken.isdisjoint(words):
            kept.append(phrase)
            taken.update(words)
    return sorted(kept)


#: Nouns after a finding's name that make the phrase what carries or senses it.
CARRIERS = {"signal", "signals", "message", "messages", "receptor", "receptors"}
CARRIERS |= {"fibre", "fibres", "fiber", "fibers", "pathway", "pathways"}


def _names_a_carrier(words: list[str], end: int) -> bool:
    """Whether the words after a finding make it a carrier of it: "pain signals"."""
    return end < len(words) and words[end] in CARRIERS


def _only(tokens: list[str], allowed: set[str]) -> bool:
    return all(t in allowed for t in tokens)


_SUFFIXES = {
    "",
    "s",
    "es",
    "ed",
    "d",
    "ing",
    "ness",
    "ly",
    "er",
    "ers",
    "ment",
    "ies",
    "y",
    "al",
    "en",
    "ened",
    "ens",
    "ening",
    "ion",
    "ions",
    "ive",
    "ic",
}


def _inflection(word: str, known: str) -> bool:
    """True when ``word`` and ``known`` differ only by an ending (weakened/weakness)."""
    stem = 0
    while stem < min(len(word), len(known)) and word[stem] == known[stem]:
        stem += 1
    return word[stem:] in _SUFFIXES and known[stem:] in _SUFFIXES


#: The longest paragraph read at once; a longer one (a page without line breaks) is cut.
MAX_CHARS = 3_000
