"""Coreference and boundaries inside an article: which names are one entity.

"International Labour Organisation (ILO)" makes the acronym an alias; "Wang" alone after
"Wang Donghai" and "Eagles" after "Philadelphia Eagles" are short forms; "Australian
Tom Moody" is a demonym and then a person, and no name opens with "the".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..words import dictionary_word
from .candidates import Candidate, Context
from .evidence import ACRONYM
from .gazetteer import Gazetteer
from .lexicon import ORG_TAILS


def separated(candidates: Iterable[Candidate], gazetteer: Gazetteer) -> Iterator[Candidate]:
    """Boundaries: no name opens with "the"; "Australian Tom Moody" is a demonym, then a
    person ("Controversial" and "Fullback" before it were cut as sentence openers)."""
    for candidate in candidates:
        words_ = candidate.words
        while len(words_) > 1 and words_[0] in ("the", "of", "and"):
            words_ = words_[1:]
        if (
            len(words_) >= 3
            and not candidate.qualifier
            and gazetteer.demonym(words_[0]) is not None
            and all(word[:1].isupper() for word in words_[1:])
            and not any(word in ORG_TAILS for word in words_)
        ):
            yield Candidate(words_[:1], Context(), qualifier=True)
            yield Candidate(words_[1:], candidate.context, person_cue=True)
            continue
        yield Candidate(words_, candidate.context, candidate.person_cue, candidate.qualifier)


def abbreviates(candidate: Candidate, name: str) -> bool:
    acronym = candidate.name.replace(".", "")
    initials = "".join(word[0] for word in name.split() if word[:1].isupper())
    return (
        candidate.context.before == "("
        and ACRONYM.match(candidate.name) is not None
        and len(acronym) >= 2
        and initials.startswith(acronym[:2])
        and acronym[-1] in initials
    )


def shortens(word: str, name: str, kind: str, gazetteer: Gazetteer) -> bool:
    """Whether `word` used alone refers to the entity `name` of type `kind`: a family
    name written first ("Wang" of "Wang Donghai"), a team's nickname after its city
    ("Eagles" of "Philadelphia Eagles"), a firm's first word ("Deportivo")."""
    parts = name.split()
    if kind == "person":
        return parts[0] == word
    if kind != "org" or word in ORG_TAILS:
        return False
    if word == parts[0]:
        return not dictionary_word(word)  # "Deportivo", not "Islamic" or "National"
    return word == parts[-1] and gazetteer.place(" ".join(parts[:-1]))
