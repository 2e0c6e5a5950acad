"""Stage 2: find the mentions in a piece of text: names from the knowledge base, dates, figures."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..models import Mention
from .figures import find_figures
from .matcher import NameMatcher
from .temporal import find_dates

if TYPE_CHECKING:  # knowledge.py reads the common-word list of this package
    from ..sources.knowledge import KnowledgeBase

UNRESOLVED_DATE = "unresolved"
# On a tie in length, a name beats a date and a date beats a figure ("1949" is a year).
_PRIORITY = {"person": 0, "org": 0, "place": 0, "group": 0, "date": 1, "quantity": 2}


class Annotator:
    """Built once per knowledge base; annotates any number of texts."""

    def __init__(self, knowledge: KnowledgeBase):
        self.knowledge = knowledge
        # Never-annotate phrases come first: an editor's "no" beats any entity's name.
        forms: list[tuple[str, str | None]] = [(text, None) for text in knowledge.never_annotate]
        # An uncertain name is read (so no shorter name matches inside it) but not
        # highlighted: its evidence was weak or split, and no editor has reviewed it.
        forms.extend(
            (form, None if _uncertain(knowledge, key) else key)
            for form, key in knowledge.surface_forms()
        )
        self._matcher = NameMatcher(forms)

    def annotate(self, text: str, dateline: dt.date) -> list[Mention]:
        """Non-overlapping mentions in text order; the longest reading wins."""
        candidates: list[tuple[int, int, int, Mention | None]] = []
        for hit in self._matcher.find(text):
            entity = self.knowledge.get(hit.key) if hit.key else None
            end = _shared_full_stop(text, hit.start, hit.end)
            mention = (
                Mention(hit.start, end, text[hit.start : end], entity.id, entity.type)
                if entity
                else None
            )
            candidates.append((hit.start, end, 0, mention))
        for date in find_dates(text, dateline):
            key = date.value or UNRESOLVED_DATE
            candidates.append(
                (date.start, date.end, 1, Mention(date.start, date.end, date.text, key, "date"))
            )
        for figure in find_figures(text):
            mention = Mention(figure.start, figure.end, figure.text, figure.value, "quantity")
            candidates.append((figure.start, figure.end, 2, mention))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
        chosen: list[Mention] = []
        last_end = -1
        for start, end, _, mention in candidates:
            if start >= last_end:
                last_end = end
                if mention is not None:
                    chosen.append(mention)
        return chosen


def _uncertain(knowledge: KnowledgeBase, key: str) -> bool:
    entity = knowledge.get(key)
    return entity is not None and entity.status == "uncertain"


_LEGAL_FORM_END = re.compile(r"\b(?:Corp|Inc|Ltd|Co|Cos|Bros|Plc|Pty|Bhd)\.$")
_SENTENCE_GOES_ON = re.compile(r"\s*(?:[a-z0-9,;:)]|$)")


def _shared_full_stop(text: str, start: int, end: int) -> int:
    """The end of a name: "Norwest Corp." keeps its period inside a sentence, but at a
    sentence's end the one full stop closes the sentence ("... bought Norwest Corp.")."""
    if _LEGAL_FORM_END.search(text, start, end) and not _continues(text, end):
        return end - 1
    return end


def _continues(text: str, end: int) -> bool:
    rest = text[end : end + 3]
    return bool(rest) and _SENTENCE_GOES_ON.match(rest) is not None and rest.strip() != ""
