"""Direct quotations and who said them.

A quotation is text between quotation marks of at least three words (one-word scare
quotes such as “victory” are not speech). Its speaker is named next to it in the same
sentence (“...,” Choe Son-hui told ... / X said: “...”); a pronoun (“..., she added”)
refers to the last speaker of that gender, else to the person named last outside quotes.
Genders are learned only from the pronouns the article itself uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_QUOTE = re.compile(r"“([^”]*)(?:”|$)|\"([^\"]*)(?:\"|$)")
_SPEECH_VERBS = (
    r"said|says|told|added|asked|replied|continued|explained|insisted|warned|noted|stressed|"
    r"argued|wrote|declared|announced|recalled|joked|urged|commented"
)
_AFTER = re.compile(
    rf"^[\s,.!?—–-]*(?:(?P<verb_first>{_SPEECH_VERBS})\s+(?P<who_after>\S.*)"
    rf"|(?P<who>\S.*?)\s+(?:{_SPEECH_VERBS})\b)",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    rf"(?P<who>\S[^.!?“”]*?)\s+(?:{_SPEECH_VERBS})(?:\s+\w+)?\s*[,:]?\s*$", re.IGNORECASE
)
_PRONOUNS = {"she": "female", "he": "male"}
_MINIMUM_WORDS = 3


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: str | None


@dataclass(frozen=True)
class Speaker:
    """A mention that can speak: its span in the paragraph, its entity id and type."""

    start: int
    end: int
    key: str
    type: str


@dataclass
class SpeakerMemory:
    """What earlier paragraphs taught: the last speaker, and genders from pronouns."""

    last_speaker: str | None = None
    last_person: str | None = None
    genders: dict[str, str] = field(default_factory=dict)


def find_quotes(text: str, speakers: list[Speaker], memory: SpeakerMemory) -> list[Quote]:
    quotes: list[Quote] = []
    spans = [(m.start(), m.end()) for m in _QUOTE.finditer(text)]
    inside = [(start, end) for start, end in spans]
    outside_people = [s for s in speakers if s.type == "person" and not _within(s, inside)]
    previous: Quote | None = None
    for start, end in spans:
        body = text[start:end]
        if len(body.split()) < _MINIMUM_WORDS:
            continue
        speaker = _speaker_after(text, end, speakers, memory) or _speaker_before(
            text, start, speakers, memory
        )
        if speaker is None and previous and _sentence_end(text, previous.end) >= start:
            speaker = previous.speaker  # '“...,” he said, adding that “...”': one speaker
        for person in outside_people:
            if person.end <= start:
                memory.last_person = person.key
        if speaker:
            memory.last_speaker = speaker
        previous = Quote(start, end, body, speaker)
        quotes.append(previous)
    for person in outside_people:
        memory.last_person = person.key
    return quotes


def _within(speaker: Speaker, spans: list[tuple[int, int]]) -> bool:
    return any(start <= speaker.start < end for start, end in spans)


def _sentence_end(text: str, position: int) -> int:
    match = re.search(r"[.!?](?:\s|$)", text[position:])
    return position + match.end() if match else len(text)


def _speaker_after(
    text: str, end: int, speakers: list[Speaker], memory: SpeakerMemory
) -> str | None:
    tail_end = _sentence_end(text, end)
    match = _AFTER.match(text[end:tail_end])
    if not match:
        return None
    who_start = end + match.start("who_after" if match["verb_first"] else "who")
    who_text = (match["who_after"] if match["verb_first"] else match["who"]) or ""
    return _resolve(who_text, who_start, speakers, memory)


def _speaker_before(
    text: str, start: int, speakers: list[Speaker], memory: SpeakerMemory
) -> str | None:
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("” ", 0, start), -1) + 1
    match = _BEFORE.search(text[sentence_start:start])
    if not match:
        return None
    return _resolve(match["who"], sentence_start + match.start("who"), speakers, memory)


def _resolve(who: str, position: int, speakers: list[Speaker], memory: SpeakerMemory) -> str | None:
    first_word = who.split()[0].lower().strip(",") if who.split() else ""
    if first_word in _PRONOUNS:
        gender = _PRONOUNS[first_word]
        candidate = memory.last_speaker
        if candidate is None or memory.genders.get(candidate, gender) != gender:
            candidate = memory.last_person
        if candidate is None or memory.genders.get(candidate, gender) != gender:
            return None
        memory.genders[candidate] = gender
        return candidate
    window_end = position + len(who)
    for speaker in speakers:
        if position <= speaker.start < window_end and speaker.type in ("person", "org"):
            return speaker.key
    return None
