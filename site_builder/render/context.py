"""Per-article state shared by the core rule across caption, credit and body."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from ..annotate import Annotator
from ..annotate.quotes import SpeakerMemory
from ..models import PlacedMention, PlacedQuote

Part = Literal["caption", "credit", "body"]


@dataclass
class RenderContext:
    annotator: Annotator
    dateline: dt.date
    entity_href: str  # e.g. "../../entities/{id}/"
    part: Part = "body"
    mentions: list[PlacedMention] = field(default_factory=list)
    quotes: list[PlacedQuote] = field(default_factory=list)
    speaker_memory: SpeakerMemory = field(default_factory=SpeakerMemory)
    # (part, entity) already marked: only the first mention of each entity in the caption
    # and in the body is marked `data-first`, which the reading style tints.
    seen: set[tuple[str, str]] = field(default_factory=set)
