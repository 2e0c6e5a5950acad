"""One Aho-Corasick automaton over every name and alias: cost linear in the text.

Matching runs on lowercased text so that spelling variants of case inside a name
("Choe Son-Hui" / "Choe Son-hui") meet; a match then only counts when every word starts
with the same case as the known form, so "US" never matches "us" and "May" never "may".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    key: str | None  # None: a phrase that must never be annotated


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def lower_same_length(text: str) -> str:
    """text.lower(), but never changing the length, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _word_initials(text: str) -> tuple[bool, ...]:
    return tuple(word[:1].isupper() for word in text.split())


class NameMatcher:
    def __init__(self, forms: Iterable[tuple[str, str | None]]):
        self._automaton = ahocorasick.Automaton()
        for form, key in forms:
            folded = lower_same_length(form)
            if not folded.strip():
                continue
            existing = self._automaton.get(folded, None)
            variants = dict(existing[1]) if existing else {}
            variants.setdefault(form, key)
            self._automaton.add_word(folded, (len(folded), tuple(variants.items())))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Hit]:
        """Leftmost-longest whole-word matches, never overlapping."""
        if self._empty or not text:
            return []
        folded = lower_same_length(text)
        hits: list[Hit] = []
        # iter_long does leftmost-longest in C; only where its choice is not a whole word
        # (or has the wrong case) do we look at the shorter matches in that stretch.
        for end_index, (size, variants) in self._automaton.iter_long(folded):
            start, end = end_index - size + 1, end_index + 1
            if self._whole_word(text, start, end):
                accepted, key = _accept(text[start:end], variants)
                if accepted:
                    hits.append(Hit(start, end, key))
                    continue
            hits.extend(self._all_matches(text, folded, start, end))
        return longest_first(hits)

    def _whole_word(self, text: str, start: int, end: int) -> bool:
        return not (start > 0 and is_word_char(text[start - 1])) and not (
            end < len(text) and is_word_char(text[end])
        )

    def _all_matches(self, text: str, folded: str, start: int, end: int) -> list[Hit]:
        found = []
        for end_index, (size, variants) in self._automaton.iter(folded, start, end):
            match_start, match_end = end_index - size + 1, end_index + 1
            if match_start >= start and self._whole_word(text, match_start, match_end):
                accepted, key = _accept(text[match_start:match_end], variants)
                if accepted:
                    found.append(Hit(match_start, match_end, key))
        return found


def _accept(found: str, variants: tuple[tuple[str, str | None], ...]) -> tuple[bool, str | None]:
    for form, key in variants:
        if form == found:
            return True, key
    initials = _word_initials(found)
    for form, key in variants:
        # "LONDON" in a dateline is London; an acronym "IN" is never the word "In".
        if _word_initials(form) == initials and not (len(form) > 1 and form.isupper()):
            return True, key
    return False, None


def longest_first(hits: list[Hit]) -> list[Hit]:
    """Leftmost-longest selection of non-overlapping hits."""
    hits.sort(key=lambda hit: (hit.start, -(hit.end - hit.start)))
    chosen: list[Hit] = []
    last_end = -1
    for hit in hits:
        if hit.start >= last_end:
            chosen.append(hit)
            last_end = hit.end
    return chosen
