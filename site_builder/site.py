"""Stage 3c: the whole site as one value: articles newest first, and who is mentioned where."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from .knowledge import KnowledgeBase
from .models import NAMED_TYPES, AnnotatedArticle, Entity, PlacedMention, PlacedQuote

# A plain tuple: a site holds one per mention and is assembled on every build.
EntityMention = tuple[AnnotatedArticle, PlacedMention]


class EntityQuote(NamedTuple):
    article: AnnotatedArticle
    quote: PlacedQuote


@dataclass(frozen=True)
class EntityUsage:
    entity: Entity
    mentions: tuple[EntityMention, ...]
    quotes: tuple[EntityQuote, ...] = ()
    articles: tuple[AnnotatedArticle, ...] = ()  # those that mention it, newest first
    _grouped: list[tuple[AnnotatedArticle, list[PlacedMention]]] = field(
        default_factory=list, compare=False, repr=False
    )

    def by_article(self) -> list[tuple[AnnotatedArticle, list[PlacedMention]]]:
        """Every mention, grouped by article (newest first), in reading order."""
        if not self._grouped and self.mentions:
            grouped: dict[str, tuple[AnnotatedArticle, list[PlacedMention]]] = {}
            for article, mention in self.mentions:
                grouped.setdefault(article.article.slug, (article, []))[1].append(mention)
            self._grouped.extend(grouped.values())
        return self._grouped


@dataclass(frozen=True)
class Site:
    knowledge: KnowledgeBase
    articles: tuple[AnnotatedArticle, ...]
    usage: dict[str, EntityUsage]
    named: dict[str, frozenset[str]] = field(default_factory=dict)  # slug -> entity ids
    _related: dict[str, list[tuple[Entity, int]]] = field(default_factory=dict, repr=False)

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
        together: Counter[str] = Counter()
        for article in self.usage[entity_id].articles:
            together.update(self.named[article.article.slug])
        together.pop(entity_id, None)
        ranked = sorted(
            (
                (self.usage[key].entity, count)
                for key, count in together.items()
                if key in self.usage
            ),
            key=lambda pair: (-pair[1], pair[0].name.lower()),
        )
        self._related[entity_id] = ranked[:limit]
        return ranked[:limit]

    def main_entities(self, article: AnnotatedArticle, limit: int = 5) -> list[Entity]:
        counts = Counter(m.key for m in article.mentions if m.type in NAMED_TYPES)
        return [self.usage[key].entity for key, _ in counts.most_common(limit) if key in self.usage]


def assemble_site(knowledge: KnowledgeBase, articles: list[AnnotatedArticle]) -> Site:
    ordered = sorted(
        articles, key=lambda item: (item.article.date, item.article.slug), reverse=True
    )
    collected: dict[str, list[EntityMention]] = {entity_id: [] for entity_id in knowledge.entities}
    for article in ordered:
        for mention in article.mentions:
            if mention.type in NAMED_TYPES and mention.key in collected:
                collected[mention.key].append((article, mention))
    quotes: dict[str, list[EntityQuote]] = {}
    for article in ordered:
        for quote in article.quotes:
            if quote.speaker:
                quotes.setdefault(quote.speaker, []).append(EntityQuote(article, quote))
    usage = {
        entity_id: EntityUsage(
            knowledge.entities[entity_id],
            tuple(mentions),
            tuple(quotes.get(entity_id, ())),
            tuple({article.article.slug: article for article, _ in mentions}.values()),
        )
        for entity_id, mentions in collected.items()
    }
    named = {
        article.article.slug: frozenset(
            m.key for m in article.mentions if m.type in NAMED_TYPES and m.key in knowledge.entities
        )
        for article in ordered
    }
    return Site(knowledge=knowledge, articles=tuple(ordered), usage=usage, named=named)
