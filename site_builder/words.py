"""Common English words (from wordfreq), which never become a name or an alias alone.

A capitalised "Two", "Traders" or "In" opens sentences; a word list measured on a large
corpus knows these are words, where a hand list would always be one short.
"""

from __future__ import annotations

import functools

# Zipf 4.9 is about once in 80,000 words: "labour", "international" and "little" are
# above it; surnames and place names people write about ("Barrick", "Leeds") are below.
COMMON = 4.9


@functools.lru_cache(maxsize=65536)
def common_word(word: str) -> bool:
    """True for a word that is mostly an ordinary English word."""
    return _zipf(word.lower()) >= COMMON


@functools.lru_cache(maxsize=65536)
def dictionary_word(word: str) -> bool:
    """True for a word in everyday use ("traders", "dealers"), if less common than
    `common_word`: at a sentence's start, such a word may not be a name at all."""
    return _zipf(word.lower()) >= DICTIONARY


DICTIONARY = 3.5  # about once in 3 million words


# Frequencies looked up so far; a build starts with those its cache remembers, so one
# that reads no new name never loads wordfreq (0.25 s to import, 0.15 s for its list).
_KNOWN: dict[str, float] = {}


def remember_frequencies(known: dict[str, float]) -> None:
    _KNOWN.update(known)


def known_frequencies() -> dict[str, float]:
    return dict(_KNOWN)


def _zipf(word: str) -> float:
    value = _KNOWN.get(word)
    if value is None:
        from wordfreq import zipf_frequency

        value = _KNOWN[word] = float(zipf_frequency(word, "en"))
    return value
