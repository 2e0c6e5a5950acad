"""Words and sentences of plain text, with offsets, for entity discovery."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import COMPOUND_SUFFIXES

_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_NOISE = re.compile(
    r"(?m)^\s{0,3}(?:>\s?|[-*+]\s+|\d+[.)]\s+|#{1,6}\s+)|[*_`]+|<https?://[^>]*>"
)
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.K.
    r"|(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Capt|Lt|Sgt|Sen|Rep|Prof|Mt|Jr|Sr|Adm|Maj|Gov)\.(?=\s)"
    r"|(?:Corp|Inc|Ltd|Co|Cos|Bros|Plc|Pty|Bhd)\.(?=\s|$)"  # legal forms keep their period
    r"|[^\W\d_](?:[\w'’-]*\w)?"  # words, with inner hyphens and apostrophes (Xi'an, Il-Sung)
    r"|\d[\d,.]*\d|\d"
    r"|[^\w\s]",
)
_LEGAL_FORMS = frozenset("Corp. Inc. Ltd. Co. Cos. Bros. Plc. Pty. Bhd.".split())
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_PUNCTUATION = frozenset({".", "!", "?", ":", ";"})
_OPENERS = frozenset({"“", '"', "‘", "'", "(", "[", "—", "–", "-"})


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int
    sentence_start: bool
    possessive: bool = False

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def markdown_to_text(markdown: str) -> str:
    """Markdown reduced to the words a reader sees (links keep their text)."""
    return _MARKDOWN_NOISE.sub(" ", _MARKDOWN_LINK.sub(r"\1", markdown))


def words(text: str) -> list[Word]:
    result: list[Word] = []
    at_start = True
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in _SENTENCE_PUNCTUATION:
            at_start = True
        if not (token[0].isalnum()):
            result.append(Word(token, match.start(), match.end(), False))
            continue
        possessive = bool(_POSSESSIVE.search(token)) and len(token) > 2
        if possessive:
            token = token[:-2]
        # Every compound suffix starts with a hyphen: most tokens are ruled out at once.
        compound = (
            next((s for s in COMPOUND_SUFFIXES if token.lower().endswith(s)), None)
            if "-" in token
            else None
        )
        if compound and len(token) > len(compound):
            # "Brussels-based": the name, then a break, as if a lowercase word followed.
            token = token[: -len(compound)]
            result.append(Word(token, match.start(), match.start() + len(token), at_start))
            result.append(Word(compound, match.start() + len(token), match.end(), False))
            at_start = False
            continue
        result.append(Word(token, match.start(), match.start() + len(token), at_start, possessive))
        # "Norwest Corp. The bank said": the legal form's period may also end the sentence.
        at_start = token in _LEGAL_FORMS
    return result


def is_opener(word: Word) -> bool:
    return word.text in _OPENERS
