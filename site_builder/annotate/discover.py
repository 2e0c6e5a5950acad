"""Entity discovery: propose typed entities for the names in an article nobody has curated.

Candidates are runs of capitalised words (with connectors such as "of" and "and" kept
only where they belong to one name); titles are stripped, then each candidate is typed by
evidence: gazetteers and demonyms, organisation and place cue words, titles and roles,
bylines and photo credits, reporting verbs and prepositions. Votes from every occurrence
in the article decide; a name without evidence is not proposed (precision first).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..models import EntityType, Seed
from .candidates import NAME_TOKEN, Candidate, runs
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import (
    DIRECTIONS,
    FUNCTION_WORDS,
    LOWERCASE_PLACE_TAILS,
    ORG_HEADS,
    ORG_HEADS_BEFORE_OF,
    ORG_NOUNS_BEFORE,
    ORG_ROLES_AFTER,
    ORG_SINGLE_GENERIC,
    ORG_TAILS,
    PERSON_PARTICLES,
    PERSON_ROLES_AFTER,
    PERSON_ROLES_BEFORE,
    PLACE_ACRONYMS,
    PLACE_HEADS,
    PLACE_HEADS_BEFORE_OF,
    PLACE_NOUNS_BEFORE_OF,
    PLACE_PREPOSITIONS,
    PLACE_TAILS,
    REPORTING_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from .tokens import markdown_to_text, words

PLACE_ADMINISTRATIVE_TAILS = frozenset(
    "City Province State Region District County Prefecture".split()
)
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,})$")
_Vote = tuple[str, str, str | None]  # (name, type or "single"/"unknown", alias)


@dataclass(frozen=True)
class Proposal:
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    belongs_to: str | None = None  # a demonym's place or bloc, by name


@dataclass
class _Votes:
    counts: Counter[str]
    aliases: set[str]


def discover(seed: Seed, known_forms: set[str], blocked: set[str]) -> list[Proposal]:
    """Entities named in the seed that `known_forms` does not already cover."""
    gazetteer = load_gazetteer()
    segments = []
    if seed.image:
        segments.append(seed.image.caption)
    segments += [paragraph for paragraph in markdown_to_text(seed.body).split("\n\n")]
    lowercase_words = {
        word.text for segment in segments for word in words(segment) if word.text.islower()
    }
    votes: dict[str, _Votes] = defaultdict(lambda: _Votes(Counter(), set()))
    for name, kind in _people_and_agencies(seed):
        votes[name].counts[kind] += 3
    for segment in segments:
        for name, kind, alias in _votes_of(segment, gazetteer, lowercase_words):
            entry = votes[name]
            entry.counts[kind] += 1
            if alias:
                entry.aliases.add(alias)
    return _decide(votes, gazetteer, known_forms, blocked)


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
        single_or_org = len(tokens) == 1 or tokens[-1] in ORG_TAILS or _ACRONYM.match(name)
        yield name, "org" if single_or_org else "person"


def _votes_of(text: str, gazetteer: Gazetteer, lowercase_words: set[str]) -> Iterator[_Vote]:
    """One typed vote per candidate; a name without evidence inherits the type of the list
    it stands in ("the districts of Pidie, Bireuen and Aceh Tamiang")."""
    previous_kind = "unknown"
    for run in runs(text, gazetteer, lowercase_words):
        if not run.coordinated or not run.candidates:
            previous_kind = "unknown"
        for candidate in run.candidates:
            name, kind, alias = _typed(candidate, gazetteer)
            if kind == "unknown" and previous_kind in ("place", "org"):
                kind = previous_kind
            if kind != "unknown":
                yield name, kind, alias
            previous_kind = kind


def _typed(candidate: Candidate, gazetteer: Gazetteer) -> _Vote:
    name, chunk, context = candidate.name, list(candidate.words), candidate.context
    last, first, person_cue = chunk[-1], chunk[0], candidate.person_cue
    if candidate.qualifier:
        return name, _qualifier_type(name, gazetteer), None
    if gazetteer.demonym(name) is not None:
        return name, "group", None
    elif len(chunk) == 2 and first in DIRECTIONS and gazetteer.demonym(last) is not None:
        return name, "group", None
    elif context.after in LOWERCASE_PLACE_TAILS and not person_cue:
        return f"{name} {context.after}", "place", name
    elif gazetteer.place(name):
        return name, "place", None
    elif _ACRONYM.match(name):
        return name, "place" if name in PLACE_ACRONYMS else "org", None
    elif len(chunk) > 1 and first in PLACE_HEADS_BEFORE_OF and chunk[1] == "of":
        return name, "place", None
    elif len(chunk) > 1 and first in DIRECTIONS and gazetteer.place(" ".join(chunk[1:])):
        return name, "place", None
    elif len(chunk) == 2 and gazetteer.place(first) and last in PLACE_ADMINISTRATIVE_TAILS:
        return name, "place", None
    elif len(chunk) > 1 and (last in ORG_TAILS or (first in ORG_HEADS_BEFORE_OF and "of" in chunk)):
        return name, "org", _short_form(chunk, gazetteer)
    elif len(chunk) > 1 and last in PLACE_TAILS:
        return name, "place", None
    elif len(chunk) > 1 and (
        any(word in ORG_HEADS or word in ORG_TAILS or word == "&" for word in chunk)
        or (first in ORG_HEADS_BEFORE_OF and "of" in chunk)
    ):
        return name, "org", _short_form(chunk, gazetteer)
    elif len(chunk) > 1 and (last in PLACE_TAILS or first in PLACE_HEADS or "of" in chunk):
        return name, "place", None
    elif (
        len(chunk) > 1
        and not person_cue
        and (first in PLACE_PREFIXES or context.before in ("in", "near"))
    ):
        return name, "place", None  # "New Northam", "East Pellow", "talks in Kestrel Bay"
    elif context.before == "of" and context.before2 in PLACE_NOUNS_BEFORE_OF:
        return name, "place", None
    elif len(chunk) == 1 and (
        name in ORG_SINGLE_GENERIC or name in TITLE_HEADS or name in TITLE_MODIFIERS
    ):
        return name, "unknown", None
    elif person_cue or context.before in TITLE_HEADS or context.before in PERSON_ROLES_BEFORE:
        return name, "person", None
    elif context.before in ORG_NOUNS_BEFORE:
        return name, "org", None
    elif len(chunk) > 1:
        return name, "person" if _looks_personal(chunk) else "org", None
    elif context.after == "(" or context.before in ("the", "The"):
        return name, "org", None
    elif context.before in PLACE_PREPOSITIONS:
        return name, "place", None
    elif context.before in ("told", "by") or (
        context.before == "to" and context.before2 == "according"
    ):
        return name, "org", None
    elif context.after in ORG_ROLES_AFTER:
        return name, "org", None
    elif context.after in REPORTING_VERBS or (
        context.after == "," and context.after2 in PERSON_ROLES_AFTER
    ):
        return name, "single", None
    else:
        return name, "unknown", None


# Words that open place names but not personal names.
PLACE_PREFIXES = DIRECTIONS | {"New"}


def _qualifier_type(name: str, gazetteer: Gazetteer) -> str:
    if gazetteer.demonym(name) is not None:
        return "group"
    return "org" if name.split()[-1] in ORG_TAILS else "place"


def _top_kind(entry: _Votes | None) -> str | None:
    return entry.counts.most_common(1)[0][0] if entry and entry.counts else None


def _looks_personal(chunk: list[str]) -> bool:
    return (
        2 <= len(chunk) <= 4
        and all(word[:1].isupper() or word in PERSON_PARTICLES for word in chunk)
        and not any(word.isupper() and len(word) > 1 for word in chunk)
    )


def _short_form(chunk: list[str], gazetteer: Gazetteer) -> str | None:
    """'Lumora Systems' is later just 'Lumora'; not when the rest is a place or a demonym."""
    head = " ".join(chunk[:-1])
    if len(chunk) < 2 or "of" in chunk or gazetteer.place(head) or gazetteer.demonym(head):
        return None
    if head in FUNCTION_WORDS or head in TITLE_MODIFIERS or head in DIRECTIONS:
        return None
    return head


def _decide(
    votes: dict[str, _Votes], gazetteer: Gazetteer, known_forms: set[str], blocked: set[str]
) -> list[Proposal]:
    proposals: list[Proposal] = []
    claimed = set(known_forms)
    multi = {name: entry for name, entry in votes.items() if " " in name}
    for name, entry in sorted(votes.items(), key=lambda item: -len(item[0])):
        if name in claimed or name in blocked:
            continue
        kind, _ = entry.counts.most_common(1)[0]
        part_of_person = any(
            name in other.split() and _top_kind(other_entry) == "person"
            for other, other_entry in multi.items()
        )
        part_of_longer = part_of_person or any(
            name in other.split() or name in other_entry.aliases
            for other, other_entry in multi.items()
        )
        if " " not in name and (
            part_of_person or (part_of_longer and kind in ("person", "single", "org"))
        ):
            continue  # a lone surname or short name: the longer name's entity covers it
        if kind == "single":
            if entry.counts["single"] < 2:
                continue
            kind = "person"
        aliases = tuple(
            sorted(
                alias
                for alias in entry.aliases
                if alias not in claimed
                and _top_kind(votes.get(alias)) in (None, kind, "single", "unknown")
            )
        )
        belongs = gazetteer.demonym(name) or None if kind == "group" else None
        proposals.append(Proposal(name, kind, aliases, belongs))  # type: ignore[arg-type]
        claimed.add(name)
        claimed.update(aliases)
    return proposals
