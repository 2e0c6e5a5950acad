"""Stage 3c: the whole site as one value: articles newest first, and who is mentioned where."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import NamedTuple

from ..models import NAMED_TYPES, AnnotatedArticle, Entity, PlacedMention, PlacedQuote
from ..sources.knowledge import KnowledgeBase

# One article's mentions of an entity, in reading order.
MentionGroup = tuple[AnnotatedArticle, tuple[PlacedMention, ...]]


class EntityQuote(NamedTuple):
    article: AnnotatedArticle
    quote: PlacedQuote


@dataclass(frozen=True)
class EntityUsage:
    entity: Entity
    groups: tuple[MentionGroup, ...]  # per article that mentions it, newest first
    quotes: tuple[EntityQuote, ...] = ()
    mention_count: int = 0

    @cached_property
    def articles(self) -> tuple[AnnotatedArticle, ...]:
        return tuple(article for article, _ in self.groups)


@dataclass(frozen=True)
class Site:
    knowledge: KnowledgeBase
    articles: tuple[AnnotatedArticle, ...]
    usage: dict[str, EntityUsage]
    named: dict[str, frozenset[str]] = field(default_factory=dict)  # slug -> entity ids
    _related: dict[str, list[tuple[Entity, int]]] = field(default_factory=dict, repr=False)
    _masks: dict[str, int] = field(default_factory=dict, repr=False)

    def entities_by_type(self) -> list[tuple[str, list[EntityUsage]]]:
        groups: list[tuple[str, list[EntityUsage]]] = []
        for kind in NAMED_TYPES:
            members = [usage for usage in self.usage.values() if usage.entity.type == kind]
            members.sort(key=lambda usage: usage.entity.name.lower())
            if members:
                groups.append((kind, members))
        return groups

    def entity(self, entity_id: str | None) -> Entity | None:
        usage = self.usage.get(entity_id or "")
        return usage.entity if usage else None

    def co_mentioned(self, entity_id: str, limit: int = 12) -> list[tuple[Entity, int]]:
        """The entities most often named in the same articles, with the number of articles."""
        if entity_id in self._related:
            return self._related[entity_id]
        articles = self.usage[entity_id].articles
        masks = self._article_masks()
        together: dict[str, int]
        if 2 * len(articles) > len(masks):
            # An entity in thousands of articles: intersecting the sets of articles of
            # each other entity (bit masks) is cheaper than counting through its articles.
            mine = masks.get(entity_id, 0)
            together = {key: (mine & mask).bit_count() for key, mask in masks.items()}
        else:
            together = Counter(chain.from_iterable(self.named[a.article.slug] for a in articles))
        together.pop(entity_id, None)
        ranked = heapq.nsmallest(
            limit,
            (
                (self.usage[key].entity, count)
                for key, count in together.items()
                if count and key in self.usage
            ),
            # shared articles, then the other's mentions in the whole site, then the name
            key=lambda pair: (
                -pair[1],
                -self.usage[pair[0].id].mention_count,
                pair[0].name.lower(),
            ),
        )
        self._related[entity_id] = ranked
        return ranked

    def _article_masks(self) -> dict[str, int]:
        """Per entity, the set of articles naming it, as bits of an int (article i: bit i)."""
        if not self._masks and self.named:
            position = {item.article.slug: index for index, item in enumerate(self.articles)}
            rows: dict[str, bytearray] = {}
            size = len(self.articles) // 8 + 1
            for slug, keys in self.named.items():
                byte, bit = divmod(position[slug], 8)
                for key in keys:
                    row = rows.get(key)
                    if row is None:
                        row = rows[key] = bytearray(size)
                    row[byte] |= 1 << bit
            self._masks.update({key: int.from_bytes(row, "little") for key, row in rows.items()})
        return self._masks

    def main_entities(self, article: AnnotatedArticle, limit: int = 5) -> list[Entity]:
        counts = Counter(m.key for m in article.mentions if m.type in NAMED_TYPES)
        return [self.usage[key].entity for key, _ in counts.most_common(limit) if key in self.usage]


def mentions_of(article: AnnotatedArticle, entity_id: str) -> tuple[PlacedMention, ...]:
    """An article's mentions of one entity, in reading order: its block on that entity's
    pages."""
    return tuple(m for m in article.mentions if m.key == entity_id and m.type in NAMED_TYPES)


def assemble_site(knowledge: KnowledgeBase, articles: list[AnnotatedArticle]) -> Site:
    ordered = sorted(
        articles, key=lambda item: (item.article.date, item.article.slug), reverse=True
    )
    # Grouped here, in one pass over the mentions, and not per entity page later.
    collected: dict[str, list[MentionGroup]] = {entity_id: [] for entity_id in knowledge.entities}
    named: dict[str, frozenset[str]] = {}
    for article in ordered:
        mine: dict[str, list[PlacedMention]] = {}
        for mention in article.mentions:
            if mention.type in NAMED_TYPES and mention.key in collected:
                mine.setdefault(mention.key, []).append(mention)
        for key, mentions in mine.items():
            collected[key].append((article, tuple(mentions)))
        named[article.article.slug] = frozenset(mine)
    quotes: dict[str, list[EntityQuote]] = {}
    for article in ordered:
        for quote in article.quotes:
            if quote.speaker:
                quotes.setdefault(quote.speaker, []).append(EntityQuote(article, quote))
    usage = {
        entity_id: EntityUsage(
            knowledge.entities[entity_id],
            tuple(groups),
            tuple(quotes.get(entity_id, ())),
            sum(len(mentions) for _, mentions in groups),
        )
        for entity_id, groups in collected.items()
        if groups  # an entity no article mentions is not published (no empty pages)
    }
    return Site(knowledge=knowledge, articles=tuple(ordered), usage=usage, named=named)
