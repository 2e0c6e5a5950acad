"""Candidate names for discovery: runs of capitalised words, split into single names.

"of", "and", "for", "&" and name particles stay inside a run only where they belong to
one name ("Bank of England", "Trinidad and Tobago", "Lula da Silva"); a title that opens
a run ("North Korean Foreign Minister") is cut off, and its qualifier becomes a
candidate of its own.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..words import dictionary_word
from .gazetteer import Gazetteer
from .lexicon import (
    CONNECTORS,
    DIRECTIONS,
    FUNCTION_WORDS,
    ORG_HEADS_BEFORE_OF,
    ORG_NOUNS_BEFORE,
    ORG_TAILS,
    PERSON_PARTICLES,
    PERSON_ROLES_BEFORE,
    PLACE_HEADS_BEFORE_OF,
    REPORTING_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from .names import given_name
from .temporal import find_dates
from .tokens import Word, words

# Role nouns that open a sentence before a name: "Rival SAS", "Co-author Kenji Watanabe".
ROLE_NOUNS = PERSON_ROLES_BEFORE | ORG_NOUNS_BEFORE | {"rival", "co-author", "rivals"}
NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.&-]*$")
_CALENDAR = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$"
)
_ANY_DATELINE = dt.date(2000, 1, 1)  # only the spans of dates matter here, not their values


@dataclass(frozen=True)
class Context:
    before: str = ""
    before2: str = ""
    after: str = ""
    after2: str = ""
    possessive: bool = False  # "Denver's Tom Hale": `after` follows the "'s"


@dataclass(frozen=True)
class Candidate:
    words: tuple[str, ...]
    context: Context
    person_cue: bool = False  # a title stood before it
    qualifier: bool = False  # the "North Korean" of "North Korean Foreign Minister"

    @property
    def name(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Run:
    """The candidates of one run of capitalised words, and whether it continues a list."""

    candidates: tuple[Candidate, ...]
    coordinated: bool


def runs(
    text: str, gazetteer: Gazetteer, lowercase_words: set[str], tokens: list[Word] | None = None
) -> Iterator[Run]:
    """The runs of `text` (`tokens`: its words, when the caller has them already)."""
    tokens = words(text) if tokens is None else tokens
    date_spans = [(span.start, span.end) for span in find_dates(text, _ANY_DATELINE)]
    index = previous_end = 0
    while index < len(tokens):
        if not _starts_name(tokens[index], date_spans):
            index += 1
            continue
        end = index + 1
        while end < len(tokens) and (
            not tokens[end - 1].possessive
            or (
                end - 1 == index
                and not _place_word(tokens[index].text, gazetteer)
                and _organisation_after(tokens, end, date_spans)
            )
        ):
            word = tokens[end]
            joins = word.text in CONNECTORS and end + 1 < len(tokens)
            if _starts_name(word, date_spans) and not word.sentence_start:
                end += 1
            elif joins and _starts_name(tokens[end + 1], date_spans):
                end += 1
            elif (
                word.text in ("of", "for")
                and end + 2 < len(tokens)
                and tokens[end + 1].text == "the"
                and _starts_name(tokens[end + 2], date_spans)
            ):
                end += 2
            else:
                break
        before, before2, after, after2 = (
            tokens[i].text if 0 <= i < len(tokens) else ""
            for i in (index - 1, index - 2, end, end + 1)
        )
        run = tokens[index:end]
        kept = (
            run[-1].possessive
            and _possessive_name(after)
            and not _place_word(" ".join(word.text for word in run), gazetteer)
        )
        if kept or any(word.possessive for word in run[:-1]):
            # "Miller's Bancorp Inc.", "Lloyd's said": the "'s" is part of the name.
            run = [
                replace(word, text=text[word.start : word.end + 2], end=word.end + 2)
                if word.possessive and (kept or position < len(run) - 1)
                else word
                for position, word in enumerate(run)
            ]
        possessive = run[-1].possessive and not kept
        context = Context(before, before2, after, after2, possessive)
        between = {word.text for word in tokens[previous_end:index]}
        found = tuple(_split_run(run, context, gazetteer, lowercase_words))
        yield Run(found, coordinated=bool(between) and between <= {",", "and", "or"})
        previous_end = index = end


def _organisation_after(tokens: list[Word], end: int, date_spans: list[tuple[int, int]]) -> bool:
    """A possessive inside a company's name: "Miller's Bancorp Inc." goes on to a
    legal form or an organisation word; "Clinton's White House" does not."""
    for word in tokens[end : end + 4]:
        if not _starts_name(word, date_spans):
            return False
        if word.text in ORG_TAILS:
            return True
    return False


# After a name ending in "'s", these show the "'s" is the name's own ("Lloyd's said",
# "at Miller's."): a possessive is followed by what it owns.
_AFTER_NAME_ENDING_IN_S = frozenset({",", ".", ";", ":", ")", "of"}) | REPORTING_VERBS


def _place_word(name: str, gazetteer: Gazetteer) -> bool:
    """A place's or a people's possessive is a possessive ("China's", "Britain's")."""
    return gazetteer.place(name) or gazetteer.demonym(name) is not None


def _possessive_name(after: str) -> bool:
    return after in _AFTER_NAME_ENDING_IN_S


def _starts_name(word: Word, date_spans: list[tuple[int, int]]) -> bool:
    if not word.capitalised or not NAME_TOKEN.match(word.text) or _CALENDAR.match(word.text):
        return False
    return not any(start <= word.start < end for start, end in date_spans)


def _split_run(
    run: list[Word], context: Context, gazetteer: Gazetteer, lowercase_words: set[str]
) -> Iterator[Candidate]:
    if run and run[0].sentence_start:
        first = run[0].text
        known = gazetteer.place(first) or gazetteer.demonym(first) is not None
        titled = first in TITLE_HEADS or first in TITLE_MODIFIERS
        verb_like = first.lower().endswith(("ing", "ed", "ly")) and len(run) > 1
        role = first.lower() in ROLE_NOUNS and len(run) > 1  # "Winger Semi Radradra"
        # "Controversial Australian Anthony Hill", "Fullback Andre Joubert": an everyday
        # word opens the sentence before a demonym or a given name.
        role = role or (
            len(run) > 2
            and not known
            and not titled
            and dictionary_word(first)
            and (given_name(run[1].text) or gazetteer.demonym(run[1].text) is not None)
        )
        if (
            first in FUNCTION_WORDS
            or verb_like
            or role
            or (first.lower() in lowercase_words and not known and not titled)
        ):
            run = run[1:]
            role_word = first.lower() if first.lower() in ROLE_NOUNS else ""  # a role is context
            context = Context(
                before=role_word,
                after=context.after,
                after2=context.after2,
                possessive=context.possessive,
            )
    texts = [word.text for word in run]
    while texts and (texts[0] in CONNECTORS or texts[0] == "The"):
        texts = texts[1:]
    while texts and texts[-1] in CONNECTORS:
        texts = texts[:-1]
    # A title may hold connectors ("Minister of Tourism and Antiquities"): strip it first.
    whole = list(_untitled(texts, context))
    for candidate in whole[:-1]:
        yield candidate
    if not whole or whole[-1].qualifier:
        yield from whole[-1:]
        return
    remainder = whole[-1]
    chunks = _split_connectors(list(remainder.words), gazetteer)
    for position, chunk in enumerate(chunks):
        first_chunk, last_chunk = position == 0, position == len(chunks) - 1
        around = Context(
            context.before if first_chunk else "",
            context.before2 if first_chunk else "",
            context.after if last_chunk else "",
            context.after2 if last_chunk else "",
            context.possessive and last_chunk,
        )
        for candidate in _untitled(chunk, around):
            cue = candidate.person_cue or (remainder.person_cue and position == 0)
            yield Candidate(candidate.words, candidate.context, cue, candidate.qualifier)


def _untitled(texts: list[str], context: Context) -> Iterator[Candidate]:
    head = _title_end(texts)
    person_cue = head is not None
    if head is not None:
        qualifier_end = head
        while qualifier_end > 0 and texts[qualifier_end - 1] in TITLE_MODIFIERS:
            qualifier_end -= 1
        if qualifier_end and texts[qualifier_end - 1] not in DIRECTIONS:
            yield Candidate(tuple(texts[:qualifier_end]), Context(), qualifier=True)
        texts = texts[head + 1 :]
        if texts and texts[0] in ("of", "for"):  # "Minister of Tourism and Antiquities Hisham X"
            keep = 3 if len(texts) > 3 and texts[-2] in PERSON_PARTICLES else 2
            texts = texts[-keep:] if len(texts) > keep + 1 else []
    if texts and not (len(texts) == 1 and len(texts[0]) < 2):
        yield Candidate(tuple(texts), context, person_cue=person_cue)


def _title_end(texts: list[str]) -> int | None:
    """Index of the last word of a title opening the run, e.g. 'Foreign Minister'."""
    last_head = None
    for index, text in enumerate(texts[:-1]):
        if text in TITLE_HEADS or text.split("-")[0] in TITLE_HEADS:  # "Secretary-General"
            last_head = index
        elif text not in TITLE_MODIFIERS and last_head is not None:
            break
    return last_head


def _split_connectors(texts: list[str], gazetteer: Gazetteer) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    for index, text in enumerate(texts):
        current = chunks[-1]
        if text not in CONNECTORS or not current or index + 1 >= len(texts):
            current.append(text)
            continue
        joined = " ".join([*current, text, texts[index + 1]])
        organisational = any(word in ORG_TAILS or word in ORG_HEADS_BEFORE_OF for word in current)
        keep = (
            (
                text == "of"
                and current[-1] in ORG_HEADS_BEFORE_OF | PLACE_HEADS_BEFORE_OF | ORG_TAILS
            )
            or (text == "of" and organisational and "of" in current)
            or (text == "the" and current[-1] in ("of", "for"))
            # "Ministry for Foreign Affairs" is one name; "Energy Ministry for Kestrel
            # Gold" is a ministry, then the company it acts for.
            or (text == "for" and organisational and _generic(texts[index + 1 :]))
            or text == "&"
            or (
                text == "and"
                and ("of" in current or "for" in current)
                and not _names_an_organisation(texts[index + 1 :])
            )
            or (
                # "Securities and Exchange Commission": everyday words before "and" name
                # nothing alone; the organisation word after it closes the whole name.
                text == "and"
                and all(dictionary_word(word) and word not in ORG_TAILS for word in current)
                and texts[-1] in ORG_TAILS
            )
            or (text in PERSON_PARTICLES and text not in ("of", "and"))
            or gazetteer.place(joined)
        )
        if keep:
            current.append(text)
        else:
            chunks.append([])
    return [chunk for chunk in chunks if chunk]


def _generic(rest: list[str]) -> bool:
    """Words after 'for' that continue a name: a field ("Foreign Affairs", "Sickle Cell
    Care"), not another name ("Kestrel Gold")."""
    first = rest[0]
    rest = list(itertools.takewhile(lambda word: word not in CONNECTORS, rest))
    return (
        first in TITLE_MODIFIERS
        or first == "the"
        or dictionary_word(first)
        or sum(dictionary_word(word) for word in rest) >= 2
    )


def _names_an_organisation(texts: list[str]) -> bool:
    """ "Ministry of Health and Kestrel Council" joins two organisations; "Ministry of Health
    and Social Care" is one."""
    return any(text in ORG_TAILS or text in ORG_HEADS_BEFORE_OF for text in texts)
