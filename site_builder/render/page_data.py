"""What an article page shows beside its text: entity panel, timeline, quotes, card data;
and the one date format a site uses, set by its `language`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..annotate import UNRESOLVED_DATE
from ..models import ENTITY_TYPES, NAMED_TYPES, TYPE_LABELS, AnnotatedArticle, PlacedMention
from ..sources.knowledge import KnowledgeBase


@dataclass(frozen=True)
class PanelItem:
    key: str
    label: str
    type: str
    count: int
    href: str | None
    first: str  # anchor of the first mention: where stepping through them starts


@dataclass(frozen=True)
class TimelineEntry:
    """One sentence that names dates, placed at the earliest of them: a sentence naming
    two dates is one row, not the same sentence twice."""

    values: tuple[str, ...]
    labels: tuple[str, ...]
    mention: PlacedMention  # the sentence's first date mention, for the link


def panel(
    knowledge: KnowledgeBase, article: AnnotatedArticle, language: str = "en"
) -> list[tuple[str, list[PanelItem]]]:
    """Every entity, date and figure of the article, grouped by type, most mentioned first."""
    counts = Counter((m.type, m.key) for m in article.mentions)
    texts: dict[tuple[str, str], str] = {}
    firsts: dict[tuple[str, str], str] = {}
    for mention in article.mentions:
        texts.setdefault((mention.type, mention.key), mention.text)
        firsts.setdefault((mention.type, mention.key), mention.anchor)
    groups: list[tuple[str, list[PanelItem]]] = []
    for kind in ENTITY_TYPES:
        items = []
        for (item_type, key), count in counts.items():
            if item_type != kind:
                continue
            entity = knowledge.entities.get(key)
            if kind in NAMED_TYPES and entity is not None:
                href = f"entities/{key}/"
                items.append(PanelItem(key, entity.name, kind, count, href, firsts[(kind, key)]))
            elif kind not in NAMED_TYPES:
                label = date_label(key, language) if kind == "date" else texts[(kind, key)]
                items.append(PanelItem(key, label, kind, count, None, firsts[(kind, key)]))
        if items:
            items.sort(key=lambda item: (-item.count, item.label.lower()))
            groups.append((kind, items))
    return groups


def timeline(article: AnnotatedArticle, language: str = "en") -> list[TimelineEntry]:
    by_sentence: dict[str, list[PlacedMention]] = {}
    for m in article.mentions:
        if m.type == "date" and m.key != UNRESOLVED_DATE:
            by_sentence.setdefault(m.sentence, []).append(m)
    entries = []
    for mentions in by_sentence.values():
        # Ties in `_sortable` ("2024-10-07" and "2024-W41") are broken by the value itself,
        # so the order does not depend on the set's hash order.
        values = tuple(sorted({m.key for m in mentions}, key=lambda v: (_sortable(v), v)))
        labels = tuple(date_label(value, language) for value in values)
        entries.append(TimelineEntry(values, labels, mentions[0]))
    entries.sort(key=lambda entry: (_sortable(entry.values[0]), entry.values[0]))
    return entries


def card_data(
    knowledge: KnowledgeBase, article: AnnotatedArticle, language: str = "en"
) -> dict[str, Any]:
    """The facts a reader's card shows (read by reader.js): per entity of the page, and
    each date spelt out in the site's format (figures have no card: their text says it).

    Only the knowledge base and the article itself: how many other articles name an entity
    lives in entities/counts.json, so editing one article never changes another's page."""
    entities: dict[str, Any] = {}
    for key in dict.fromkeys(m.key for m in article.mentions if m.type in NAMED_TYPES):
        entity = knowledge.entities.get(key)
        if entity is None:
            continue
        # Kept small (it is part of every article page): the link to the entity's page
        # and the count here are worked out by reader.js from the key and the page.
        entities[key] = {
            "name": entity.name,
            "type": TYPE_LABELS[entity.type],
            "description": entity.description,
            "external": entity.external_url,
        }
    dates = {
        m.key: date_label(m.key, language)
        for m in article.mentions
        if m.type == "date" and m.key != UNRESOLVED_DATE
    }
    return {"entities": entities, "dates": dates}


def kwic(mention: PlacedMention) -> tuple[str, str, str]:
    """The mention in its sentence, as (before, mention, after), for keyword-in-context."""
    position = mention.sentence.find(mention.text)
    if position < 0:
        return mention.sentence, "", ""
    end = position + len(mention.text)
    return mention.sentence[:position], mention.text, mention.sentence[end:]


def format_date(day: dt.date, language: str = "en") -> str:
    """A day in the site's one format: 'November 1, 2024' for American English,
    '1 November 2024' for other English, ISO '2024-11-01' for other languages (this
    program knows no month names but English ones, and ISO is read everywhere)."""
    tag = language.lower()
    if tag == "en-us":
        return f"{day:%B} {day.day}, {day.year}"
    if tag == "en" or tag.startswith("en-"):
        return f"{day.day} {day:%B} {day.year}"
    return day.isoformat()


def _month(year: int, month: int, language: str) -> str:
    if language.lower() == "en" or language.lower().startswith("en-"):
        return f"{dt.date(year, month, 1):%B} {year}"
    return f"{year}-{month:02d}"


def date_label(value: str, language: str = "en") -> str:
    """A resolved date in the site's format: '2024-11-01' -> '1 November 2024' (for `en`);
    '2024-08' -> 'August 2024'; '2024-W44' -> 'week of 28 October 2024'."""
    try:
        if "-W" in value:
            year, week = value.split("-W")
            monday = dt.date.fromisocalendar(int(year), int(week), 1)
            return f"week of {format_date(monday, language)}"
        parts = value.split("-")
        if len(parts) == 3:
            return format_date(dt.date.fromisoformat(value), language)
        if len(parts) == 2:
            return _month(int(parts[0]), int(parts[1]), language)
    except ValueError:
        return value
    return value


def _sortable(value: str) -> str:
    if "-W" in value:
        year, week = value.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1).isoformat()
    return value
