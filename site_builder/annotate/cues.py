"""The evidence discovery weighs: one cue of a name's type, and an occurrence's cues."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    label: str  # what was seen, for `site-build check --explain`
    type: str  # person, org, place, group; "single" (a lone reported speaker) or "event"
    weight: float
    # Inside-name cues and gazetteer hits are the same at every occurrence: they count
    # once per article, where context cues add up over the occurrences.
    intrinsic: bool = True


@dataclass(frozen=True)
class Weighed:
    name: str
    cues: tuple[Cue, ...]
    alias: str | None = None
