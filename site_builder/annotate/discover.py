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
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import EntityType, Seed
from .gazetteer import Gazetteer, load_gazetteer
from .lexicon import (
    CONNECTORS, DIRECTIONS, FUNCTION_WORDS, LOWERCASE_PLACE_TAILS, ORG_HEADS, ORG_HEADS_BEFORE_OF,
    ORG_NOUNS_BEFORE, ORG_ROLES_AFTER, PERSON_ROLES_BEFORE, PLACE_NOUNS_BEFORE_OF,
    ORG_SINGLE_GENERIC, ORG_TAILS, PERSON_PARTICLES, PERSON_ROLES_AFTER, PLACE_ACRONYMS,
    PLACE_HEADS, PLACE_HEADS_BEFORE_OF, PLACE_PREPOSITIONS, PLACE_TAILS, REPORTING_VERBS,
    TITLE_HEADS, TITLE_MODIFIERS,
)
from .temporal import find_dates
from .tokens import Word, markdown_to_text, words

_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,})$")
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.-]*$")
_CALENDAR = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
)


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


def discover(seed: Seed, known_forms: set[str], blocked: set[str] = frozenset()) -> list[Proposal]:  # type: ignore[assignment]
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
        for name, kind, alias in _candidates(segment, gazetteer, lowercase_words):
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
        if not tokens or not all(_NAME_TOKEN.match(token) for token in tokens):
            continue
        if tokens[0] == "The":
            name, tokens = " ".join(tokens[1:]), tokens[1:]
        if not tokens:
            continue
        single_or_org = len(tokens) == 1 or tokens[-1] in ORG_TAILS or _ACRONYM.match(name)
        yield name, "org" if single_or_org else "person"


def _candidates(
    text: str, gazetteer: Gazetteer, lowercase_words: set[str]
) -> Iterable[tuple[str, str, str | None]]:
    tokens = words(text)
    date_spans = [(span.start, span.end) for span in find_dates(text, _ANY_DATE)]
    index = previous_end = 0
    previous_kind = "unknown"
    while index < len(tokens):
        if not _starts_name(tokens[index], date_spans):
            index += 1
            continue
        end = index + 1
        while end < len(tokens):
            word = tokens[end]
            if tokens[end - 1].possessive:
                break
            if _starts_name(word, date_spans) and not word.sentence_start:
                end += 1
            elif (
                word.text in CONNECTORS
                and end + 1 < len(tokens)
                and _starts_name(tokens[end + 1], date_spans)
            ):
                end += 1
            else:
                break
        run = tokens[index:end]
        while run and run[-1].text in CONNECTORS:
            run = run[:-1]
        before = tokens[index - 1].text if index > 0 else ""
        before2 = tokens[index - 2].text if index > 1 else ""
        after = tokens[end].text if end < len(tokens) else ""
        after2 = tokens[end + 1].text if end + 1 < len(tokens) else ""
        context = _Context(before, before2, after, after2)
        between = {word.text for word in tokens[previous_end:index]}
        coordinated = bool(between) and between <= {",", "and", "or"}
        if not coordinated:
            previous_kind = "unknown"
        typed = list(_typed_chunks(run, context, gazetteer, lowercase_words))
        for name, kind, alias in typed:
            if kind == "unknown" and coordinated and previous_kind in ("place", "org"):
                kind = previous_kind  # "Pidie, Bireuen and Aceh Tamiang": one list, one type
            if kind != "unknown":
                yield name, kind, alias
            previous_kind = kind
        if not typed:
            previous_kind = "unknown"
        previous_end = end
        index = end


_ANY_DATE = __import__("datetime").date(2000, 1, 1)


@dataclass(frozen=True)
class _Context:
    before: str
    before2: str
    after: str
    after2: str


def _starts_name(word: Word, date_spans: list[tuple[int, int]]) -> bool:
    if not word.capitalised or not _NAME_TOKEN.match(word.text) or _CALENDAR.match(word.text):
        return False
    return not any(start <= word.start < end for start, end in date_spans)


def _typed_chunks(
    run: list[Word], context: _Context, gazetteer: Gazetteer, lowercase_words: set[str]
) -> Iterable[tuple[str, str, str | None]]:
    if run and run[0].sentence_start:
        first = run[0].text
        known = gazetteer.place(first) or gazetteer.demonym(first) is not None
        if first in FUNCTION_WORDS or (first.lower() in lowercase_words and not known):
            run = run[1:]
            context = _Context("", "", context.after, context.after2)
    texts = [word.text for word in run]
    while texts and (texts[0] in CONNECTORS or texts[0] == "The"):
        texts = texts[1:]
    chunks = _split_connectors(texts, gazetteer)
    for position, chunk in enumerate(chunks):
        chunk_context = context if position == 0 else _Context("", "", "", "")
        if position < len(chunks) - 1:
            chunk_context = _Context(chunk_context.before, chunk_context.before2, "", "")
        yield from _titled(chunk, chunk_context, gazetteer)


def _titled(
    texts: list[str], context: _Context, gazetteer: Gazetteer
) -> Iterable[tuple[str, str, str | None]]:
    """Strip a title ('North Korean Foreign Minister'), emitting its qualifier on its own."""
    person_cue = False
    head = _title_end(texts)
    if head is not None:
        qualifier_end = _qualifier_end(texts, head, gazetteer)
        if qualifier_end:
            qualifier = " ".join(texts[:qualifier_end])
            yield qualifier, _qualifier_type(qualifier, gazetteer), None
        texts = texts[head + 1 :]
        person_cue = True
    if texts and not (len(texts) == 1 and len(texts[0]) < 2):
        yield from _typed(" ".join(texts), texts, context, gazetteer, person_cue)


def _title_end(texts: list[str]) -> int | None:
    """Index of the last title word when the run opens with a title, e.g. 'Foreign Minister'."""
    last_head = None
    for index, text in enumerate(texts[:-1]):
        if text in TITLE_HEADS:
            last_head = index
        elif text not in TITLE_MODIFIERS and last_head is not None:
            break
    if last_head is None:
        return None
    return last_head


def _qualifier_end(texts: list[str], head: int, gazetteer: Gazetteer) -> int:
    """How many words before the title name a place, group or body ('Kenyan', 'Aceh')."""
    end = head
    while end > 0 and texts[end - 1] in TITLE_MODIFIERS and texts[end - 1] not in DIRECTIONS:
        end -= 1
    return end


def _qualifier_type(name: str, gazetteer: Gazetteer) -> str:
    if gazetteer.demonym(name) is not None:
        return "group"
    if name.split()[-1] in ORG_TAILS:
        return "org"
    return "place"


def _split_connectors(texts: list[str], gazetteer: Gazetteer) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    index = 0
    while index < len(texts):
        text = texts[index]
        if text in CONNECTORS and chunks[-1] and index + 1 < len(texts):
            current = chunks[-1]
            joined = " ".join([*current, text, texts[index + 1]])
            organisational = any(word in ORG_TAILS or word in ORG_HEADS_BEFORE_OF for word in current)
            keep = (
                (text == "of" and (current[-1] in ORG_HEADS_BEFORE_OF
                                   or current[-1] in PLACE_HEADS_BEFORE_OF))
                or (text == "for" and organisational)
                or text == "&"
                or (text == "and" and (gazetteer.place(joined) or "of" in current or "for" in current))
                or (text in PERSON_PARTICLES and text not in ("of", "and"))
                or gazetteer.place(joined)
            )
            if keep:
                current.append(text)
            else:
                chunks.append([])
            index += 1
            continue
        chunks[-1].append(text)
        index += 1
    return [chunk for chunk in chunks if chunk]


def _typed(
    name: str, chunk: list[str], context: _Context, gazetteer: Gazetteer, person_cue: bool
) -> Iterable[tuple[str, str, str | None]]:
    last, first = chunk[-1], chunk[0]
    if gazetteer.demonym(name) is not None:
        yield name, "group", None
    elif len(chunk) == 2 and first in DIRECTIONS and gazetteer.demonym(last) is not None:
        yield name, "group", None
    elif context.after in LOWERCASE_PLACE_TAILS and not person_cue:
        yield f"{name} {context.after}", "place", name
    elif gazetteer.place(name):
        yield name, "place", None
    elif _ACRONYM.match(name):
        yield name, "place" if name in PLACE_ACRONYMS else "org", None
    elif len(chunk) > 1 and first in PLACE_HEADS_BEFORE_OF and chunk[1] == "of":
        yield name, "place", None
    elif len(chunk) > 1 and last in ORG_TAILS:
        yield name, "org", _short_form(chunk, gazetteer)
    elif len(chunk) > 1 and last in PLACE_TAILS:
        yield name, "place", None
    elif len(chunk) > 1 and (
        any(word in ORG_HEADS or word in ORG_TAILS or word == "&" for word in chunk)
        or (first in ORG_HEADS_BEFORE_OF and "of" in chunk)
    ):
        yield name, "org", _short_form(chunk, gazetteer)
    elif len(chunk) > 1 and (last in PLACE_TAILS or first in PLACE_HEADS or "of" in chunk):
        yield name, "place", None
    elif context.before == "of" and context.before2 in PLACE_NOUNS_BEFORE_OF:
        yield name, "place", None
    elif len(chunk) == 1 and (name in ORG_SINGLE_GENERIC or name in TITLE_HEADS
                              or name in TITLE_MODIFIERS):
        return
    elif person_cue or context.before in TITLE_HEADS or context.before in PERSON_ROLES_BEFORE:
        yield name, "person", None
    elif context.before in ORG_NOUNS_BEFORE:
        yield name, "org", None
    elif len(chunk) > 1:
        yield name, "person" if _looks_personal(chunk) else "org", None
    elif context.after == "(" or context.before in ("the", "The"):
        yield name, "org", None
    elif context.before in PLACE_PREPOSITIONS:
        yield name, "place", None
    elif context.before in ("told", "by") or (context.before == "to" and context.before2 == "according"):
        yield name, "org", None
    elif context.after in ORG_ROLES_AFTER:
        yield name, "org", None
    elif context.after in REPORTING_VERBS or context.after == "," and context.after2 in PERSON_ROLES_AFTER:
        yield name, "single", None
    else:
        yield name, "unknown", None


def _top_kind(entry: _Votes | None) -> str | None:
    return entry.counts.most_common(1)[0][0] if entry and entry.counts else None


def _looks_personal(chunk: list[str]) -> bool:
    return 2 <= len(chunk) <= 4 and all(
        word[:1].isupper() or word in PERSON_PARTICLES for word in chunk
    ) and not any(word.isupper() and len(word) > 1 for word in chunk)


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
        aliases = tuple(sorted(
            alias for alias in entry.aliases
            if alias not in claimed and _top_kind(votes.get(alias)) in (None, kind, "single", "unknown")
        ))
        belongs = gazetteer.demonym(name) or None if kind == "group" else None
        proposals.append(Proposal(name, kind, aliases, belongs))  # type: ignore[arg-type]
        claimed.add(name)
        claimed.update(aliases)
    return proposals
