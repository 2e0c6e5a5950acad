"""Entity discovery: propose typed entities for the names in an article nobody has curated.

Candidates are runs of capitalised words (with connectors such as "of" and "and" kept
only where they belong to one name); titles are stripped, then each occurrence gives
weighed evidence of its type (evidence.py). The evidence of every occurrence in the
article is added up (inside-name cues once, context cues at each occurrence); the type
with the most weight wins, and a name whose evidence is weak or split is proposed as
`uncertain`, which is not highlighted until an editor reviews it (precision first).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from ..models import EntityType, Seed
from ..words import common_word, dictionary_word
from .candidates import NAME_TOKEN, runs
from .coref import abbreviates, separated, shortens
from .cues import Cue, Weighed
from .evidence import ACRONYM, weigh
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import ORG_TAILS
from .tokens import Word, markdown_to_text, words

NAMED = ("person", "org", "place", "group")
# A name is highlighted only when its winning type has this much weight and leads the
# runner-up clearly; otherwise it is proposed as uncertain.
CLEAR_WEIGHT = 1.0
CLEAR_LEAD = 0.75
_DATELINE = re.compile(r"^([A-Z][A-Z.'’ -]*[A-Z.])(?=,|\s+[-–—(]|\s+\d)")

Evidence = defaultdict[tuple[str, str, bool], float]  # (label, type, intrinsic) -> weight
Weights = defaultdict[str, float]  # type -> weight


@dataclass(frozen=True)
class Proposal:
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    belongs_to: str | None = None  # a demonym's place or bloc, by name
    status: str = "proposed"  # or "uncertain": not highlighted until reviewed
    evidence: tuple[tuple[str, str, bool, float], ...] = ()


@dataclass
class Votes:
    evidence: Evidence = field(default_factory=lambda: defaultdict(float))
    aliases: set[str] = field(default_factory=set)

    def add(self, cues: Iterable[Cue]) -> None:
        for cue in cues:
            key = (cue.label, cue.type, cue.intrinsic)
            if cue.intrinsic:
                self.evidence[key] = max(self.evidence[key], cue.weight)
            else:
                self.evidence[key] += cue.weight


def totals(evidence: Evidence) -> Weights:
    """Weight per type; reported speakers count as people once they are seen twice."""
    weights: Weights = defaultdict(float)
    for (_, kind, _), weight in evidence.items():
        weights[kind] += weight
    single = weights.pop("single", 0.0)
    leading = max(NAMED, key=weights.__getitem__)
    if weights[leading]:
        weights[leading] += single  # people and organisations both speak: it supports the rest
    elif single >= 2:
        weights["person"] += single
    elif single:
        # One "X said" and nothing else: people are introduced by their full name first
        # (their surname then joins them), so a lone speaker is an agency or a company.
        weights["org"] += single
    return weights


def verdict(evidence: Evidence) -> tuple[str | None, str]:
    """The type a name's evidence gives it (None: not a name to propose) and its status."""
    weights = totals(evidence)
    ranked = sorted(((weights[k], k) for k in (*NAMED, "event")), reverse=True)
    (top, kind), (second, _) = ranked[0], ranked[1]
    if top <= 0 or kind == "event":
        return None, "proposed"
    clear = top >= CLEAR_WEIGHT and second < CLEAR_LEAD * top
    return kind, "proposed" if clear else "uncertain"


def discover(seed: Seed, known_forms: set[str], blocked: set[str]) -> list[Proposal]:
    """Entities named in the seed that `known_forms` does not already cover."""
    return _decide(evidence_in(seed), load_gazetteer(), known_forms, blocked)


def evidence_in(seed: Seed) -> dict[str, Votes]:
    """Every candidate name of the seed with the weighed evidence of its occurrences."""
    gazetteer = load_gazetteer()
    segments = []
    if seed.image:
        segments.append(seed.image.caption)
    segments += [paragraph for paragraph in markdown_to_text(seed.body).split("\n\n")]
    tokenised = [words(segment) for segment in segments]
    lowercase_words = {word.text for tokens in tokenised for word in tokens if word.text.islower()}
    votes: dict[str, Votes] = defaultdict(Votes)
    for name, kind in _people_and_agencies(seed):
        votes[name].add([Cue("byline or photo credit", kind, 3, False)])
    body_start = 1 if seed.image else 0
    for index, segment in enumerate(segments):
        first_paragraph = index == body_start
        found = _votes_of(segment, tokenised[index], gazetteer, lowercase_words, first_paragraph)
        for weighed in found:
            entry = votes[weighed.name]
            entry.add(weighed.cues)
            if weighed.alias:
                entry.aliases.add(weighed.alias)
    _match_report(votes, gazetteer)
    return votes


def _match_report(votes: dict[str, Votes], gazetteer: Gazetteer) -> None:
    """In a match report (two or more sides seen in match context), a town or county
    named alone is more likely a side than the place: "Essex, Derbyshire and Surrey all
    closed in on victory". Not a country: national sides are reported as the country."""
    sides = [
        name
        for name, entry in votes.items()
        if any(k[0] == "match context" for k in entry.evidence)
    ]
    if len(sides) < 2:
        return
    for name, entry in votes.items():
        labels = {label for label, _, _ in entry.evidence}
        if (
            name.count(" ") <= 1  # "Leeds", "St Helens"
            and gazetteer.place(name)
            and not gazetteer.country(name)
            and not labels & {"place preposition before", "'at' before", "'the town of'"}
        ):
            entry.add([Cue("named in a match report", "org", 5)])


def _people_and_agencies(seed: Seed) -> Iterable[tuple[str, str]]:
    """Photo credits ("Name / Agency") and bylines: the agency is an org, a name a person."""
    names: list[str] = [author.name for author in seed.authors]
    if seed.image:
        names += [part for part in re.split(r"\s*(?:/|\bvia\b|,)\s*", seed.image.credit) if part]
    for name in names:
        name = name.strip()
        tokens = name.split()
        if not tokens or not all(NAME_TOKEN.match(token) for token in tokens):
            continue
        if tokens[0] == "The":
            name, tokens = " ".join(tokens[1:]), tokens[1:]
        if not tokens:
            continue
        single_or_org = len(tokens) == 1 or tokens[-1] in ORG_TAILS or ACRONYM.match(name)
        yield name, "org" if single_or_org else "person"


def _votes_of(
    text: str,
    tokens: list[Word],
    gazetteer: Gazetteer,
    lowercase_words: set[str],
    first_paragraph: bool,
) -> Iterator[Weighed]:
    """The evidence of each candidate; a name without evidence of its own takes a weak
    share of the type of the list it stands in ("the districts of Pidie and Bireuen")."""
    dateline = _DATELINE.match(text) if first_paragraph else None
    previous_kind = "unknown"
    previous: Weighed | None = None
    for run in runs(text, gazetteer, lowercase_words, tokens):
        if not run.coordinated or not run.candidates:
            previous_kind = "unknown"
        for candidate in separated(run.candidates, gazetteer):
            at_dateline = dateline is not None and candidate.name == dateline.group(1).strip()
            weighed = weigh(candidate, gazetteer, dateline=at_dateline)
            if _masthead(candidate.name, text, gazetteer):
                # A line that is only a name in capitals, in a digest of the press:
                # the newspaper quoted below it ("AL-AKHBAR", "JORNAL DE ANGOLA").
                weighed = Weighed(candidate.name, (Cue("a name in capitals alone", "org", 4),))
            if previous is not None and abbreviates(candidate, previous.name):
                # "International Labour Organisation (ILO)": the acronym names the same
                # entity, so it becomes an alias and takes that entity's evidence.
                yield Weighed(previous.name, previous.cues, candidate.name)
                previous = None
                continue
            previous = weighed
            kind = _leading(weighed.cues)
            if kind == "unknown" and previous_kind in ("place", "org"):
                cue = Cue("listed with others of a type", previous_kind, 1, False)
                weighed = Weighed(weighed.name, (*weighed.cues, cue), weighed.alias)
                kind = previous_kind
            if weighed.cues:
                yield weighed
            previous_kind = kind


def _masthead(name: str, text: str, gazetteer: Gazetteer) -> bool:
    return (
        text.strip() == name
        and name.isupper()
        and len(name) > 3
        and not gazetteer.place(name.title())
        and not all(dictionary_word(word) for word in name.split())  # "BACKGROUND"
    )


def _weak(entry: Votes | None) -> bool:
    """Evidence too slight to keep a short form from its full name ("in Mercantile"
    after "Mercantile Bancorp Inc.")."""
    return entry is None or max(totals(entry.evidence).values(), default=0.0) < 2


def _leading(cues: Iterable[Cue]) -> str:
    weights: Weights = defaultdict(float)
    for cue in cues:
        weights[cue.type] += cue.weight
    return max(weights, key=weights.__getitem__) if weights else "unknown"


def _decide(
    votes: dict[str, Votes], gazetteer: Gazetteer, known_forms: set[str], blocked: set[str]
) -> list[Proposal]:
    proposals: list[Proposal] = []
    claimed = set(known_forms)
    kinds = {name: verdict(entry.evidence)[0] for name, entry in votes.items()}
    multi = {name: entry for name, entry in votes.items() if " " in name}
    for name, entry in sorted(votes.items(), key=lambda item: -len(item[0])):
        if name in claimed or name in blocked:
            continue
        kind, status = verdict(entry.evidence)
        if kind is None:
            continue
        part_of_person = any(
            name in other.split() and kinds.get(other) == "person" for other in multi
        )
        part_of_longer = part_of_person or any(
            name in other.split() or name in other_entry.aliases
            for other, other_entry in multi.items()
        )
        if " " not in name and (part_of_person or (part_of_longer and kind in ("person", "org"))):
            # A lone surname or short name: the longer name's entity covers it. A family
            # name written first ("Wang" of "Wang Donghai") becomes that person's alias,
            # and so does a team's or firm's own word ("Eagles" of "Philadelphia Eagles").
            person = next((p for p in proposals if shortens(name, p.name, p.type, gazetteer)), None)
            if (
                person is not None
                and name not in claimed
                and not common_word(name)
                and gazetteer.demonym(name) is None
                and not gazetteer.place(name)
            ):
                index = proposals.index(person)
                proposals[index] = replace(person, aliases=tuple(sorted({*person.aliases, name})))
                claimed.add(name)
            continue
        if (
            " " not in name
            and common_word(name)
            and not gazetteer.place(name.title() if name.isupper() else name)
            and gazetteer.demonym(name) is None
            and not ACRONYM.match(name)
            and ("institution noun", "org", True) not in entry.evidence  # "the Commission"
        ):
            status = "uncertain"  # "Traders", "King": an ordinary word more often than a name
        aliases = tuple(
            sorted(
                alias
                for alias in entry.aliases
                if alias not in claimed
                and (kinds.get(alias) in (None, kind) or _weak(votes.get(alias)))
                and not (" " not in alias and common_word(alias) and not alias.isupper())
            )
        )
        belongs = gazetteer.demonym(name) or None if kind == "group" else None
        evidence = tuple(
            (label, cue_type, intrinsic, weight)
            for (label, cue_type, intrinsic), weight in sorted(entry.evidence.items())
        )
        proposals.append(
            Proposal(name, kind, aliases, belongs, status, evidence)  # type: ignore[arg-type]
        )
        claimed.add(name)
        claimed.update(aliases)
    return proposals
