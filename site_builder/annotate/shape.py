"""Evidence from a name's own words when nothing else speaks: is it shaped like a person's
name, does a name model read it as a person's or a company's, does it hold a city?"""

from __future__ import annotations

import re

from ..words import common_word
from .cues import Cue
from .gazetteer import Gazetteer
from .lexicon import (
    DIRECTIONS,
    EVENT_TAILS,
    ORG_TAILS,
    PERSON_PARTICLES,
    PLACE_TAILS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    VENUE_TAILS,
)
from .names import given_name, name_kind

_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")  # "O.J. Simpson", "J. Smith"


def shape_cues(name: str, chunk: list[str], gazetteer: Gazetteer, add: object) -> None:
    """Only the name's own words are left: weak evidence, used when nothing inside the
    name and nothing around it spoke. A known given name first is a person's name; a
    name read as a company's by probablepeople ("Permian Gateway") or holding a city
    ("Dynamo Moscow") leans to an organisation; shape against words leaves it uncertain."""
    assert callable(add)
    if gazetteer.major(chunk[0]) and not gazetteer.place(name):
        add(Cue("opens with a place name", "org", 2))  # "Chicago Purchasing Managers"
        return
    if any(gazetteer.major(word) for word in chunk[1:]):
        add(Cue("holds a place name", "org", 1.5))  # people too: "Denzel Washington"
    if not looks_personal(chunk):
        add(Cue("capitalised words", "org", 1))
        return
    kind = name_kind(name)
    if kind == "person" and given_name(chunk[0]):
        add(Cue("known given name first", "person", 2.5))
    elif kind == "org":
        add(Cue("personal name shape", "person", 1.5))
        add(Cue("company name by its words", "org", 1.5))
    else:
        add(Cue("personal name shape", "person", 1.5))


def looks_personal(chunk: list[str]) -> bool:
    return (
        2 <= len(chunk) <= 4
        and all(word[:1].isupper() or word in PERSON_PARTICLES for word in chunk)
        and not any(
            word.isupper() and len(word) > 1 and not _INITIALS.match(word) for word in chunk
        )
        and not any(word in _NOT_PERSONAL for word in chunk)
        and not all(common_word(word) for word in chunk)  # "Sometimes I", "Global Receipts"
    )


# Articles of other languages open names of papers and firms, not of people.
_ARTICLES = frozenset("El Der Die Das La Le Los Il Lo".split())
_NOT_PERSONAL = (
    DIRECTIONS
    | ORG_TAILS
    | PLACE_TAILS
    | EVENT_TAILS
    | VENUE_TAILS
    | _ARTICLES
    | TITLE_HEADS  # "House Speaker", "Republican Gov"
    | {word for word in TITLE_MODIFIERS if word[:1].isupper()}  # "Civil Defence"
)
