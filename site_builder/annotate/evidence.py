"""Evidence for a candidate name's type: every cue that applies, each with a weight.

Inside-name cues (legal forms, organisation and place heads and tails, a title before a
person, a suffix after one) weigh most; context cues (roles, verbs, prepositions, match
context) less; a gazetteer hit is one cue among the others, so "President Clinton" is a
person although Clinton is also a town, and "Dynamo Moscow" an organisation although it
holds a city's name. The name's type is the one with the largest total over all of its
occurrences (see discover.py); weak or split totals make a name `uncertain`.
"""

from __future__ import annotations

import re

from ..words import common_word, dictionary_word
from .candidates import Candidate
from .context import context_cues
from .cues import Cue, Weighed
from .gazetteer import Gazetteer
from .lexicon import (
    DIRECTIONS,
    EVENT_TAILS,
    LOWERCASE_PLACE_TAILS,
    ORG_HEADS,
    ORG_HEADS_BEFORE_OF,
    ORG_SINGLE_GENERIC,
    ORG_TAILS,
    PLACE_ACRONYMS,
    PLACE_HEADS,
    PLACE_HEADS_BEFORE_OF,
    PLACE_NOUNS_BEFORE_OF,
    PLACE_TAILS,
    REPORTING_VERBS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    VENUE_TAILS,
)
from .names import given_name
from .shape import shape_cues

ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,})$")
PLACE_ADMINISTRATIVE_TAILS = frozenset(
    "City Province State Region District County Prefecture".split()
)
PLACE_PREFIXES = DIRECTIONS | {"New"}  # open place names, not personal names
NAME_SUFFIXES = frozenset("Jr Jr. Sr Sr. II III IV".split())
# Time zones and clock labels ("10 A.M. EST"), not names.
LABELS = frozenset("GMT UTC EST EDT CST CDT PST PDT MST MDT BST CET CEST JST A.M. P.M.".split())
# Before an acronym, a count or a person's pronoun makes it a unit or a statistic.
_COUNTS_AND_OWNERS = frozenset(
    "two three four five six seven eight nine ten dozen his her several".split()
)
NEWS_DESKS = frozenset("Newsroom Newsdesk Bureau Desk".split())


def weigh(candidate: Candidate, gazetteer: Gazetteer, *, dateline: bool = False) -> Weighed:
    """All the evidence one occurrence gives about the candidate's type."""
    name, chunk, context = candidate.name, list(candidate.words), candidate.context
    first, last = chunk[0], chunk[-1]
    cues: list[Cue] = []
    add = cues.append
    if last in TITLE_HEADS and all(
        word in TITLE_HEADS or word in TITLE_MODIFIERS for word in chunk
    ):
        return Weighed(name, ())  # "Prime Minister", "Foreign Minister": a bare title
    if candidate.qualifier:
        kind = "group" if gazetteer.demonym(name) is not None else None
        kind = kind or ("org" if last in ORG_TAILS else "place")
        return Weighed(name, (Cue("qualifier before a title", kind, 3),))
    if gazetteer.demonym(name) is not None or (
        len(chunk) == 2 and first in DIRECTIONS and gazetteer.demonym(last) is not None
    ):
        if len(chunk) == 1 and not name.endswith("s") and context.after in REPORTING_VERBS:
            # "American said it would cut flights": a singular demonym as the subject of
            # a reporting verb is a company named after its country (the airline).
            return Weighed(name, (Cue("demonym as a speaker", "org", 6, False),))
        return Weighed(name, (Cue("demonym", "group", 5),))
    if context.after in LOWERCASE_PLACE_TAILS and not candidate.person_cue:
        return Weighed(f"{name} {context.after}", (Cue("place noun after", "place", 5),), name)
    upper = name.isupper() and len(name) > 2 and not ACRONYM.match(name.replace(" ", ""))
    title_case = name.title() if name.isupper() else name
    if name.isupper() and len(chunk) == 1 and common_word(name) and not gazetteer.place(title_case):
        return Weighed(name, ())  # "IN", "GOLD": a word of a headline in capitals
    if name in LABELS or (
        last in TITLE_HEADS
        and all(word in TITLE_HEADS or word in TITLE_MODIFIERS for word in chunk)
    ):
        return Weighed(name, ())  # "EST", "Foreign Minister": a label or a bare title
    if ACRONYM.match(name) and (
        context.before[:1].isdigit() or context.before.lower() in _COUNTS_AND_OWNERS
    ):
        return Weighed(name, ())  # "four RBI", "his ERA": a unit or a statistic
    if dateline and name.isupper():
        add(Cue("all-caps dateline", "place", 6))
    acronym_shaped = bool(ACRONYM.match(name))
    if name != title_case and (
        gazetteer.major(title_case) or (gazetteer.place(title_case) and not acronym_shaped)
    ):
        add(Cue("all-caps place name", "place", 4))
    elif upper and len(chunk) > 1:
        return Weighed(name, tuple(cues))  # a headline or label in capitals, not a name
    alias = None
    if gazetteer.place(name):
        # A country, capital or large city is strong evidence; a small town that shares
        # a surname ("Dole", "Clinton") is weak, and several words rarely name anything else.
        weight = 6 if len(chunk) > 1 else 3 if gazetteer.major(name) else 1.5
        add(Cue("gazetteer place", "place", weight))
    if ACRONYM.match(name):
        if name in PLACE_ACRONYMS:
            add(Cue("place acronym", "place", 5))
        elif not gazetteer.major(title_case):
            add(Cue("acronym", "org", 2))
    if len(chunk) > 1:
        if first in PLACE_HEADS_BEFORE_OF and chunk[1] == "of":
            add(Cue("place head before 'of'", "place", 5))
        if first in DIRECTIONS and gazetteer.place(" ".join(chunk[1:])):
            add(Cue("direction and place", "place", 4))
        if len(chunk) == 2 and gazetteer.place(first) and last in PLACE_ADMINISTRATIVE_TAILS:
            add(Cue("place and administrative tail", "place", 4))
        head = " ".join(chunk[:-1])
        if last in NAME_SUFFIXES:
            add(Cue("personal suffix", "person", 5))
        elif last in NEWS_DESKS and gazetteer.place(head):
            add(Cue("news desk of a city", "org", 5))
        elif (
            any(word in EVENT_TAILS or word[:-1] in EVENT_TAILS for word in chunk[1:])
            and last not in ORG_TAILS
        ):
            add(Cue("event tail", "event", 6))  # "Atlanta Games", "Davis Cup", "Grand Slams"
        elif (
            gazetteer.place(head)
            and not (len(chunk) == 2 and given_name(chunk[0]))  # "David Richards": a person
            and (gazetteer.major(head) or dictionary_word(last[:-1]))  # "Cincinnati Reds"
            and last.endswith("s")
            and not gazetteer.place(name)
            and last not in ORG_TAILS
            and last not in PLACE_TAILS
        ):
            add(Cue("city and plural nickname", "org", 4.5))  # "Seattle Mariners"
        elif last in VENUE_TAILS:
            add(Cue("venue tail", "place", 4))
        elif last in ORG_TAILS or (first in ORG_HEADS_BEFORE_OF and "of" in chunk):
            add(Cue("organisation tail", "org", 4))
            alias = _short_form(chunk, gazetteer)
        elif last in PLACE_TAILS:
            add(Cue("place tail", "place", 3.5))
        elif any(word in ORG_HEADS or word in ORG_TAILS or word == "&" for word in chunk):
            add(Cue("organisation word", "org", 3))
            alias = _short_form(chunk, gazetteer)
        elif (
            not gazetteer.place(name)
            and "of" not in chunk
            and any(gazetteer.place(" ".join(chunk[:end])) for end in range(2, len(chunk)))
        ):
            # "Santa Rosa Pacific Gold": a place's name with more words after it names
            # something called after the place, not the place.
            add(Cue("named after a place", "org", 2.5))
        elif first in PLACE_HEADS or "of" in chunk:
            add(Cue("place head", "place", 2.5))
        elif not candidate.person_cue and (
            first in PLACE_PREFIXES or context.before in ("in", "near")
        ):
            add(Cue("place prefix or 'in'", "place", 2))
    if context.before == "of" and context.before2 in PLACE_NOUNS_BEFORE_OF:
        add(Cue("'the town of'", "place", 3, False))
    if len(chunk) == 1 and name in ORG_SINGLE_GENERIC and name not in TITLE_HEADS:
        # "the Treasury", "Congress": capitalised inside a sentence, the institution.
        opener = not context.before[:1].isalnum()
        return Weighed(name, () if opener else (Cue("institution noun", "org", 2),))
    if len(chunk) == 1 and (name in TITLE_HEADS or name in TITLE_MODIFIERS):
        return Weighed(name, ())
    inside = bool(cues)
    demonym = gazetteer.demonym(context.after) is not None
    context_cues(candidate, chunk, add, gazetteer.country(name), demonym)
    if len(chunk) > 1 and not inside:
        shape_cues(name, chunk, gazetteer, add)
    return Weighed(name, tuple(cues), alias)


def _short_form(chunk: list[str], gazetteer: Gazetteer) -> str | None:
    """'Lumora Systems' is later just 'Lumora', 'Kestrel Mining Corp' just 'Kestrel': the
    words before the first organisation word or common word. Not when those are a place,
    a demonym or common words ("International Labour" of the International Labour
    Organisation)."""
    if len(chunk) < 2 or "of" in chunk:
        return None
    end = next(
        (i for i, word in enumerate(chunk) if i and (word in ORG_TAILS or common_word(word))),
        len(chunk) - 1,
    )
    head = " ".join(chunk[:end])
    if gazetteer.place(head) or gazetteer.demonym(head):
        return None
    if head in TITLE_MODIFIERS or head in DIRECTIONS or all(common_word(w) for w in chunk[:end]):
        return None
    return head
