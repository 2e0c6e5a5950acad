"""Stage 3c: the site as templates see it, read from the site index as pages need it.

Article lists, entities' mentions and quotes are sequences that load an article's row
only when a page shows it: rendering the pages an edit changed reads those pages'
articles, not the whole site.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, TypeVar, overload

from ..models import NAMED_TYPES, AnnotatedArticle, Entity, PlacedMention, PlacedQuote
from ..sources.knowledge import KnowledgeBase
from .index import EntityTotals, SiteIndex

# One article's mentions of an entity, in reading order.
MentionGroup = tuple[AnnotatedArticle, tuple[PlacedMention, ...]]
# Rows of articles by slug, in the order asked (the build cache, or memory).
RowLoader = Callable[[Sequence[str]], list[AnnotatedArticle]]
# Articles as one entity's pages see them (rows.entity_part), with their quotes of it.
PartLoader = Callable[[str, Sequence[str]], list[tuple[AnnotatedArticle, tuple[PlacedQuote, ...]]]]
T = TypeVar("T")


class EntityQuote(NamedTuple):
    article: AnnotatedArticle
    quote: PlacedQuote


class _Loaded(Sequence[T]):
    """Items made from articles' rows, loaded on first access."""

    def __init__(self, slugs: Sequence[str], site: Site, make: Callable[[AnnotatedArticle], T]):
        self._slugs = slugs
        self._site = site
        self._make = make

    def __len__(self) -> int:
        return len(self._slugs)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return [self._make(item) for item in self._site.rows(self._slugs[index])]
        return self._make(self._site.rows([self._slugs[index]])[0])


def _same(item: AnnotatedArticle) -> AnnotatedArticle:
    return item


@dataclass(frozen=True)
class EntityUsage:
    entity: Entity
    mention_count: int
    article_count: int
    site: Site = field(repr=False, compare=False)

    @cached_property
    def groups(self) -> Sequence[MentionGroup]:
        """Per article that names it, newest first, its mentions of it (the article as
        this entity's pages see it: its `mentions` are those of this entity only)."""
        return _Parts([slug for slug, _ in self.site.named_in(self.entity.id)], self)

    @cached_property
    def articles(self) -> Sequence[AnnotatedArticle]:
        return _Loaded([slug for slug, _ in self.site.named_in(self.entity.id)], self.site, _same)

    @cached_property
    def quotes(self) -> tuple[EntityQuote, ...]:
        slugs = [slug for slug, _ in self.site.quoted_in(self.entity.id)]
        return tuple(
            EntityQuote(item, quote)
            for item, quotes in self.site.load_parts(self.entity.id, slugs)
            for quote in quotes
        )


class _Parts(Sequence[MentionGroup]):
    """An entity's mention groups, loaded on first access."""

    def __init__(self, slugs: Sequence[str], usage: EntityUsage):
        self._slugs = slugs
        self._usage = usage

    def __len__(self) -> int:
        return len(self._slugs)

    @overload
    def __getitem__(self, index: int) -> MentionGroup: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[MentionGroup]: ...

    def __getitem__(self, index: int | slice) -> MentionGroup | Sequence[MentionGroup]:
        slugs = self._slugs[index] if isinstance(index, slice) else [self._slugs[index]]
        parts = self._usage.site.load_parts(self._usage.entity.id, slugs)
        groups = [(item, item.mentions) for item, _ in parts]
        return groups if isinstance(index, slice) else groups[0]


@dataclass
class Site:
    knowledge: KnowledgeBase
    index: SiteIndex
    load: RowLoader
    load_parts: PartLoader
    _loaded: dict[str, AnnotatedArticle] = field(default_factory=dict, repr=False)
    _named: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    _quoted: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    _related: dict[str, list[tuple[Entity, int]]] = field(default_factory=dict, repr=False)

    @cached_property
    def ordered(self) -> list[tuple[str, str, str]]:
        """(slug, outline, date) of every article, newest first."""
        return self.index.ordered()

    @cached_property
    def totals(self) -> dict[str, EntityTotals]:
        known = self.knowledge.entities
        return {key: value for key, value in self.index.totals().items() if key in known}

    @cached_property
    def articles(self) -> Sequence[AnnotatedArticle]:
        return _Loaded([slug for slug, _, _ in self.ordered], self, _same)

    @cached_property
    def usage(self) -> dict[str, EntityUsage]:
        """Every published entity: one some article names (no empty pages)."""
        entities = self.knowledge.entities
        return {
            key: EntityUsage(entities[key], totals.mentions, totals.articles, self)
            for key, totals in sorted(self.totals.items())
        }

    def rows(self, slugs: Sequence[str]) -> list[AnnotatedArticle]:
        missing = [slug for slug in slugs if slug not in self._loaded]
        if missing:
            self._loaded.update(zip(missing, self.load(missing), strict=True))
        return [self._loaded[slug] for slug in slugs]

    def named_in(self, entity_id: str) -> list[tuple[str, str]]:
        if entity_id not in self._named:
            self._named[entity_id] = self.index.named_in(entity_id)
        return self._named[entity_id]

    def quoted_in(self, entity_id: str) -> list[tuple[str, str]]:
        if entity_id not in self._quoted:
            self._quoted[entity_id] = self.index.quoted_in(entity_id)
        return self._quoted[entity_id]

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
        """The entities most often named in the same articles, with the number of articles:
        ranked by shared articles, then the other's mentions in the whole site, then name."""
        if entity_id not in self._related:
            totals, entities = self.totals, self.knowledge.entities
            self._related[entity_id] = heapq.nsmallest(
                limit,
                (
                    (entities[other], count)
                    for other, count in self.index.partners(entity_id)
                    if count and other in totals
                ),
                key=lambda pair: (
                    -pair[1],
                    -totals[pair[0].id].mentions,
                    pair[0].name.lower(),
                ),
            )
        return self._related[entity_id]

    def main_entities(self, article: AnnotatedArticle, limit: int = 5) -> list[Entity]:
        counts = Counter(m.key for m in article.mentions if m.type in NAMED_TYPES)
        usage = self.usage
        return [usage[key].entity for key, _ in counts.most_common(limit) if key in usage]
