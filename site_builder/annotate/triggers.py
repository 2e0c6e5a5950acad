"""Run an expensive pattern only near words that can start a match.

Python's regex engine tries every alternative at every position; dates and figures are
rare in prose, so a C-speed scan for trigger words (an Aho-Corasick automaton) and digits
finds the few places worth a full match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import ahocorasick

_DIGIT = re.compile(r"\d")


class Triggers:
    def __init__(self, words: Iterable[str], *, digits: bool, signs: str = ""):
        self._automaton = ahocorasick.Automaton()
        for word in words:
            self._automaton.add_word(word.lower(), len(word))
        self._automaton.make_automaton()
        self._digits = digits
        self._signs = re.compile(f"[{re.escape(signs)}]") if signs else None

    def positions(self, text: str) -> list[int]:
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        found = [
            start
            for end, size in self._automaton.iter(lowered)
            if (start := end - size + 1) == 0 or not lowered[start - 1].isalnum()
        ]
        if self._digits:
            previous = -2
            for match in _DIGIT.finditer(text):
                if match.start() != previous + 1:  # the first digit of each number
                    found.append(match.start())
                previous = match.start()
        if self._signs is not None:
            found += [match.start() for match in self._signs.finditer(text)]
        return sorted(found)


def matches_near(
    pattern: re.Pattern[str], text: str, positions: list[int], *, back: int, ahead: int
) -> list[re.Match[str]]:
    """Non-overlapping matches of `pattern` that start at a word at most `back` characters
    before a trigger (an approximator, a currency sign, a day before its month)."""
    found: list[re.Match[str]] = []
    searched_to = 0
    for position in positions:
        if position < searched_to:
            continue
        window = max(searched_to, position - back)
        starts = [m.end() for m in _WORD_START.finditer(text, window, position)]
        for start in [*starts, position]:
            if start < window:
                continue
            match = pattern.match(text, start)
            if match is not None and match.end() > position:
                found.append(match)
                searched_to = match.end()
                break
    return found


_WORD_START = re.compile(r"(?:^|(?<=[\s(\[“\"'‘—–/]))(?=\S)|\s+|[$€£¥₹₽₦₵₺₩₱]")
