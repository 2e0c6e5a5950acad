"""Stage 3c: the site as templates see it, read from the site index as pages need it.

Article lists, entities' mentions and quotes are sequences that load what a page shows
of an article (its head, or its block for one entity: rows.py) only when the page is
rendered: rendering the pages an edit changed reads those pages' articles, not the
whole site. On article lists and in feeds an article has no text, mentions or quotes; on
an entity's pages its `mentions` are those of that entity.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from sys import intern
from typing import NamedTuple, TypeVar, overload

from ..models import NAMED_TYPES, AnnotatedArticle, Entity, PlacedMention, PlacedQuote
from ..sources.knowledge import KnowledgeBase
from .index import EntityTotals, SiteIndex
from .rows import Head, listed

# One article's mentions of an entity, in reading order.
MentionGroup = tuple[AnnotatedArticle, tuple[PlacedMention, ...]]
# Heads of articles by slug, in the order asked (the site index, or memory).
HeadLoader = Callable[[Sequence[str]], list[Head]]
# Articles as one entity's pages see them (rows.entity_part), with their quotes of it.
_HEADS_KEPT = 5_000  # heads of the pages a process renders, kept while it renders them
PartLoader = Callable[[str, Sequence[str]], list[tuple[AnnotatedArticle, tuple[PlacedQuote, ...]]]]


T = TypeVar("T")


class EntityQuote(NamedTuple):
    article: AnnotatedArticle
    quote: PlacedQuote


class _Lazy(Sequence[T]):
    """Items made from articles (by slug), loaded a page's worth at a time on access."""

    def __init__(self, slugs: Sequence[str], load: Callable[[Sequence[str]], list[T]]):
        self._slugs = slugs
        self._load = load

    def __len__(self) -> int:
        return len(self._slugs)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return self._load(self._slugs[index])
        return self._load([self._slugs[index]])[0]


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
        return _Lazy(self.site.named_in(self.entity.id), self._groups)

    @cached_property
    def articles(self) -> Sequence[AnnotatedArticle]:
        return _Lazy(self.site.named_in(self.entity.id), self.site.listed)

    def _groups(self, slugs: Sequence[str]) -> list[MentionGroup]:
        return [(item, item.mentions) for item, _ in self.site.load_parts(self.entity.id, slugs)]

    @cached_property
    def quotes(self) -> tuple[EntityQuote, ...]:
        slugs = self.site.quoted_in(self.entity.id)
        return tuple(
            EntityQuote(item, quote)
            for item, quotes in self.site.load_parts(self.entity.id, slugs)
            for quote in quotes
        )


@dataclass
class Site:
    knowledge: KnowledgeBase
    index: SiteIndex
    load_heads: HeadLoader
    load_parts: PartLoader
    _heads: dict[str, Head] = field(default_factory=dict, repr=False)
    _named: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _quoted: dict[str, list[str]] = field(default_factory=dict, repr=False)
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
        return _Lazy([slug for slug, _, _ in self.ordered], self.listed)

    @cached_property
    def usage(self) -> dict[str, EntityUsage]:
        """Every published entity: one some article names (no empty pages)."""
        entities = self.knowledge.entities
        return {
            key: EntityUsage(entities[key], totals.mentions, totals.articles, self)
            for key, totals in sorted(self.totals.items())
        }

    def listed(self, slugs: Sequence[str]) -> list[AnnotatedArticle]:
        return [listed(head) for head in self.heads(slugs)]

    def heads(self, slugs: Sequence[str]) -> list[Head]:
        if len(self._heads) > _HEADS_KEPT:  # a worker renders thousands of list pages
            self._heads.clear()
        missing = [slug for slug in slugs if slug not in self._heads]
        if missing:
            self._heads.update(zip(missing, self.load_heads(missing), strict=True))
        return [self._heads[slug] for slug in slugs]

    def named_in(self, entity_id: str) -> list[str]:
        """The slugs of the articles naming an entity, newest first (kept for the build:
        a few bytes per article and entity, the slugs shared)."""
        if entity_id not in self._named:
            self.digests_named_in(entity_id)
        return self._named[entity_id]

    def quoted_in(self, entity_id: str) -> list[str]:
        if entity_id not in self._quoted:
            self.digests_quoted_in(entity_id)
        return self._quoted[entity_id]

    def digests_named_in(self, entity_id: str) -> list[tuple[str, str]]:
        """(slug, digest) of the articles naming an entity, for planning; the slugs are
        kept for rendering (a worker may not reach an index kept in memory)."""
        rows = self.index.named_in(entity_id)
        self._named[entity_id] = [intern(slug) for slug, _ in rows]
        return rows

    def digests_quoted_in(self, entity_id: str) -> list[tuple[str, str]]:
        rows = self.index.quoted_in(entity_id)
        self._quoted[entity_id] = [intern(slug) for slug, _ in rows]
        return rows

    def forget(self, entity_ids: Iterable[str]) -> None:
        """Drop what was read for these entities' pages (they are rendered)."""
        for entity_id in entity_ids:
            for kept in (self._named, self._quoted, self._related):
                kept.pop(entity_id, None)

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
        """The entities an article names most (ties in the order it first names them)."""
        named = self.heads([article.article.slug])[0].named
        usage = self.usage
        return [usage[key].entity for key in named[:limit] if key in usage]
