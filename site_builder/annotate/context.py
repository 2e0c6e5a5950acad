"""Evidence from around a name: titles and roles, organisation nouns, match context,
prepositions and reporting verbs. Context cues count at every occurrence."""

from __future__ import annotations

import re

from ..words import dictionary_word
from .candidates import Candidate
from .cues import Cue
from .lexicon import (
    ORG_NOUNS_BEFORE,
    ORG_ROLES_AFTER,
    PERSON_ROLES_AFTER,
    PERSON_ROLES_BEFORE,
    PLACE_PREPOSITIONS,
    REPORTING_VERBS,
    TITLE_HEADS,
)
from .names import given_name
from .shape import looks_personal

# Words around a team in a match report: "Leeds beat Chelsea", "against Leeds", "Leeds 2".
MATCH_BEFORE = frozenset(
    """beat beats beating defeated against v vs vs. edged thrashed host hosts visit routed
    blanked swept trounced outlasted outscored champions rivals holders leaders coaches
    coached captained""".split()
)
MATCH_AFTER = frozenset(
    """beat beats defeated drew lost edged thrashed v vs vs. won coach striker midfielder
    defender goalkeeper captain skipper forward winger fans supporters routed blanked swept
    rallied trounced outscored""".split()
)
_SCORE = re.compile(r"^\d{1,2}$")
_RESULTS = frozenset("won beaten beat defeated drawn".split())  # not "lost": "Akita has lost 18%"
# "Chechen rebels", "Moslem villagers": the word before names a people, not a body.
PEOPLE_NOUNS_AFTER = frozenset(
    """rebels separatists fighters guerrillas militants refugees civilians villagers
    population community majority minority""".split()
)
# "Interfax news agency", "Pirelli shares": the name is an organisation.
ORG_NOUNS_AFTER = frozenset(
    """news agency newspaper daily weekly magazine television radio broadcaster shares
    stock group company firm airline bank club team side analyst analysts economist
    economists employees shareholders unit subsidiary division""".split()
)
# "a stake in X", "analyst at X", "chief executive of X", "a bid for X": the words before
# a preposition that make the name after it a company (or a club: "manager of Leeds").
ORG_HEADS_BEFORE = {
    "of": frozenset(
        """percent stake shares shareholders unit subsidiary division acquisition takeover
        purchase chairman executive chief president owner parent partner manager
        spokesman spokeswoman spokesperson analyst analysts economist economists
        defeat""".split()
    ),
    "over": frozenset("win victory triumph".split()),
    "in": frozenset("stake shares stakes holding holdings interest".split()),
    "at": frozenset(
        """analyst analysts economist economists strategist strategists trader traders
        dealer dealers broker brokers executive executives director""".split()
    ),
    "with": frozenset("analyst economist strategist trader dealer broker merger".split()),
    "for": frozenset("bid offer spokesman spokeswoman spokesperson player played".split()),
}
# "Best said it would ...": the pronoun after a reporting verb tells a body from a person.
_IT_PRONOUNS = frozenset(("it", "its"))
_PLURAL_VERBS = frozenset("are were have".split())
_NOT_A_SUBJECT = PLACE_PREPOSITIONS | {"and", "or", "&", ",", "of", "at", "by", "with", "for"}
_PERSON_PRONOUNS = frozenset(("he", "she", "his", "her"))


def context_cues(
    candidate: Candidate, chunk: list[str], add: object, country: bool, demonym: bool
) -> None:
    """`country`: the name is a country's; `demonym`: the word after it is a demonym."""
    context = candidate.context
    assert callable(add)
    if not country:
        _affiliation_cues(candidate, chunk, add, demonym)
    if candidate.person_cue:
        add(Cue("title before", "person", 4, False))
    elif context.before in TITLE_HEADS or context.before in PERSON_ROLES_BEFORE:
        add(Cue("role before", "person", 3, False))
    if context.before in ORG_NOUNS_BEFORE:
        add(Cue("organisation noun before", "org", 3, False))
    if context.after in PEOPLE_NOUNS_AFTER and len(chunk) == 1 and not chunk[0].isupper():
        add(Cue("adjective before a people noun", "group", 2, False))  # "Chechen rebels"
    if context.after in ORG_NOUNS_AFTER:
        add(Cue("organisation noun after", "org", 2.5, False))
    elif context.after in ORG_ROLES_AFTER:
        add(Cue("role of an organisation after", "org", 1.5, False))
    # "Leeds 2 Chelsea 1", "upstaged Utrecht 1-0" (the score's dash is a token of its own)
    score = bool(_SCORE.match(context.after)) and (
        context.after2[:1].isupper() or context.after2 in ("-", "–")
    )
    # "Boston has won 15 of its last 19 games"
    played = context.after in ("has", "have", "had") and context.after2 in _RESULTS
    # National sides are reported under their country's name: the country stays a place.
    # Players beat each other too: a name shaped like a person's is no side for this cue.
    player = len(chunk) > 1 and looks_personal(chunk)
    if (
        not country
        and not player
        and (context.before in MATCH_BEFORE or context.after in MATCH_AFTER or score or played)
    ):
        add(Cue("match context", "org", 3, False))
    if len(chunk) > 1:
        return
    name = chunk[0]
    if (
        name.endswith("s")
        and not name.endswith("ss")
        and context.before[:1].isalnum()
        and dictionary_word(name[:-1])
    ):
        add(Cue("plural nickname", "org", 2.5))  # "the Mariners", "Tigers beat ..."
    if context.after == "(" or context.before in ("the", "The"):
        add(Cue("'the' before or '(' after", "org", 0.5, False))
    if (
        context.before in PLACE_PREPOSITIONS
        and not chunk[0].isupper()  # "in NATO", "on LIFFE"
        and not context.possessive  # "to Newcastle's misery"
    ):
        add(Cue("place preposition before", "place", 1, False))
    elif context.before == "at" and not context.possessive and not chunk[0].isupper():
        add(Cue("'at' before", "place", 1, False))  # "won at Leicester": the venue
    if context.before in ("told", "by") or (
        context.before == "to" and context.before2 == "according"
    ):
        add(Cue("'told' or 'according to'", "org", 1, False))
    opener = not context.before[:1].isalnum() and dictionary_word(chunk[0])  # "Traders said"
    if not opener and (
        context.after in REPORTING_VERBS
        or (context.after == "," and context.after2 in PERSON_ROLES_AFTER)
    ):
        add(Cue("reporting verb or role after", "single", 1, False))


def _affiliation_cues(candidate: Candidate, chunk: list[str], add: object, demonym: bool) -> None:
    """Words that tie a name to a company or a club rather than a place or a person:
    "a stake in X", "analyst at X", "X said it", "Denver's Tom Hale" (a player's
    side), "Marco Vela (Cagliari)" (a player's club in brackets), "the Red Sox"."""
    context = candidate.context
    assert callable(add)
    if context.before2.lower() in ORG_HEADS_BEFORE.get(context.before, ()):
        add(Cue(f"'{context.before2} {context.before}' before", "org", 3, False))
    # An everyday word opening a sentence ("Investigators said it", "Stocks were")
    opener = not context.before[:1].isalnum() and all(dictionary_word(w) for w in chunk)
    if (
        context.after in _PLURAL_VERBS
        and len(chunk) <= 2
        and not looks_personal(chunk)
        and context.before not in _NOT_A_SUBJECT
        and not opener  # "Investigators have"
    ):
        # "Marseille are not playing", "St Helens have": a town taking a plural verb is
        # its side (British usage); countries are excluded above (national sides). Not
        # "temperatures on Svalbard have" or "Hatay and Adiyaman have".
        add(Cue("plural verb after", "org", 3, False))
    if context.after in REPORTING_VERBS and context.after2 in _IT_PRONOUNS and not opener:
        add(Cue("'said it' after", "org", 2, False))
    elif context.after in REPORTING_VERBS and context.after2 in _PERSON_PRONOUNS:
        add(Cue("'said he' after", "person", 2, False))
    personal = looks_personal(chunk)
    if (
        context.possessive
        and not personal
        and (given_name(context.after) or demonym)
        and context.after[:1].isupper()
    ):
        add(Cue("possessive before a person", "org", 4, False))
    if (
        context.before == "("
        and context.after in (")", "),", ").")
        and context.before2[:1].isupper()
        and not personal
    ):
        add(Cue("in brackets after a name", "org", 3, False))
    if len(chunk) > 1 and context.before in ("the", "The") and chunk[-1].endswith("s"):
        add(Cue("'the' before a plural name", "org", 2.5, False))  # "the Red Sox"
