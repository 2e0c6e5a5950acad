"""Person or company, from the name alone: probablepeople's model of names.

When nothing inside a name and nothing around it tells its type, its words still do:
"Goldman Sachs" and "Merrill Lynch" look like people to a shape rule, "Permian Gateway"
and "Johnson Controls" do not look like people to a model trained on names of people and
corporations. Its answer is weak evidence (see evidence.py), weighed like any other.
"""

from __future__ import annotations

import functools

import gender_guesser.detector
import probablepeople

_GIVEN_NAMES = gender_guesser.detector.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=65536)
def given_name(word: str) -> bool:
    """True for a word known as somebody's first name ("Andre", "Kenji")."""
    return bool(_GIVEN_NAMES.get_gender(word) != "unknown")


@functools.lru_cache(maxsize=65536)
def name_kind(name: str) -> str | None:
    """ "person", "org", or None when the model cannot read the name. A known given name
    first ("Merrill Lynch" aside) settles it for a person."""
    if given_name(name.split()[0]):
        return "person"
    try:
        _, kind = probablepeople.tag(name)
    except probablepeople.RepeatedLabelError:
        return None
    return {"Person": "person", "Corporation": "org"}.get(kind)
