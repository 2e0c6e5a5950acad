"""Person or company, from the name alone: probablepeople's model of names.

When nothing inside a name and nothing around it tells its type, its words still do:
"Goldman Sachs" and "Merrill Lynch" look like people to a shape rule, "Permian Gateway"
and "Johnson Controls" do not look like people to a model trained on names of people and
corporations. Its answer is weak evidence (see evidence.py), weighed like any other.
"""

from __future__ import annotations

import functools
from typing import Any


# Loaded on first use: reading the name list and the model takes about 0.3 s, which every
# build would pay at start-up although only discovery of new names needs them.
@functools.cache
def _given_names() -> Any:
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@functools.cache
def _name_model() -> Any:
    import probablepeople

    return probablepeople


@functools.lru_cache(maxsize=65536)
def given_name(word: str) -> bool:
    """True for a word known as somebody's first name ("Andre", "Kenji")."""
    return bool(_given_names().get_gender(word) != "unknown")


@functools.lru_cache(maxsize=65536)
def name_kind(name: str) -> str | None:
    """ "person", "org", or None when the model cannot read the name. A known given name
    first ("Merrill Lynch" aside) settles it for a person."""
    if given_name(name.split()[0]):
        return "person"
    model = _name_model()
    try:
        _, kind = model.tag(name)
    except model.RepeatedLabelError:
        return None
    return {"Person": "person", "Corporation": "org"}.get(kind)
