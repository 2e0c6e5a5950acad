"""What an article page shows beside its text: entity panel, timeline, quotes, card data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .annotate import UNRESOLVED_DATE
from .knowledge import KnowledgeBase
from .models import ENTITY_TYPES, NAMED_TYPES, TYPE_LABELS, AnnotatedArticle, PlacedMention


@dataclass(frozen=True)
class PanelItem:
    key: str
    label: str
    type: str
    count: int
    href: str | None
    first: str  # anchor of the first mention, for the no-JavaScript link


@dataclass(frozen=True)
class TimelineEntry:
    value: str
    label: str
    mention: PlacedMention


def panel(knowledge: KnowledgeBase, article: AnnotatedArticle) -> list[tuple[str, list[PanelItem]]]:
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
                label = date_label(key) if kind == "date" else texts[(kind, key)]
                items.append(PanelItem(key, label, kind, count, None, firsts[(kind, key)]))
        if items:
            items.sort(key=lambda item: (-item.count, item.label.lower()))
            groups.append((kind, items))
    return groups


def timeline(article: AnnotatedArticle) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(m.key, date_label(m.key), m)
        for m in article.mentions
        if m.type == "date" and m.key != UNRESOLVED_DATE
    ]
    entries.sort(key=lambda entry: _sortable(entry.value))
    return entries


def card_data(knowledge: KnowledgeBase, article: AnnotatedArticle) -> dict[str, Any]:
    """The facts a reader's card shows for each entity of the page (read by reader.js).

    Only the knowledge base and the article itself: how many other articles name an entity
    lives in entities/counts.json, so editing one article never changes another's page."""
    counts = Counter(m.key for m in article.mentions if m.type in NAMED_TYPES)
    data: dict[str, Any] = {}
    for key, count in counts.items():
        entity = knowledge.entities.get(key)
        if entity is None:
            continue
        data[key] = {
            "name": entity.name,
            "type": TYPE_LABELS[entity.type],
            "description": entity.description,
            "href": f"entities/{key}/",
            "external": entity.external_url,
            "externalLabel": "Wikipedia" if entity.wikipedia else "Wikidata",
            "here": count,
        }
    return data


def kwic(mention: PlacedMention) -> tuple[str, str, str]:
    """The mention in its sentence, as (before, mention, after), for keyword-in-context."""
    position = mention.sentence.find(mention.text)
    if position < 0:
        return mention.sentence, "", ""
    end = position + len(mention.text)
    return mention.sentence[:position], mention.text, mention.sentence[end:]


def date_label(value: str) -> str:
    """'2024-11-01' -> '1 November 2024'; '2024-08' -> 'August 2024'; '2024-W44' -> week."""
    try:
        if "-W" in value:
            year, week = value.split("-W")
            monday = dt.date.fromisocalendar(int(year), int(week), 1)
            return f"week of {monday.day} {monday:%B %Y}"
        parts = value.split("-")
        if len(parts) == 3:
            day = dt.date.fromisoformat(value)
            return f"{day.day} {day:%B %Y}"
        if len(parts) == 2:
            return f"{dt.date(int(parts[0]), int(parts[1]), 1):%B %Y}"
    except ValueError:
        return value
    return value


def _sortable(value: str) -> str:
    if "-W" in value:
        year, week = value.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1).isoformat()
    return value
