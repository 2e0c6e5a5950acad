"""The preview's fast path: an edit that changes only an article's text.

When every edited article keeps its title, date, byline, summary and the number of times
it names each entity, no index page, feed, sitemap or entity list can change: only the
article's own page and the pages of the entities whose sentences it changed. The site
remembered from the last build is patched in place of being assembled and planned again.
Anything else (a new or removed article, a changed title...) takes the full path.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .models import AnnotatedArticle
from .plan import PageJob, plan_entity_pages
from .render import Renderer
from .site import EntityQuote, EntityUsage, Site, mentions_of
from .state import CachedArticle


@dataclass
class RememberedSite:
    site: Site
    base: str
    named: dict[str, str]
    entity_digests: dict[str, dict[str, str]]


def quick_plan(
    remembered: RememberedSite,
    before: dict[str, CachedArticle],
    after: dict[str, CachedArticle],
    renderer: Renderer,
    base: str,
) -> list[PageJob] | None:
    """Jobs for the entity pages the edits touch, or None when the full path is needed."""
    if remembered.base != base or set(before) != set(after):
        return None
    changed = {path: item for path, item in after.items() if before[path] is not item}
    affected: set[str] = set()
    for path, new in changed.items():
        old = before[path]
        old_digests, new_digests = old.entity_digests, new.entity_digests
        if old.outline != new.outline or old_digests is None or new_digests is None:
            return None
        for entity in set(old_digests) | set(new_digests):
            if old_digests.get(entity) != new_digests.get(entity):
                affected.add(entity)
    site = remembered.site
    fresh = {i.annotated.article.slug: i.annotated for i in changed.values() if i.annotated}
    usage = dict(site.usage)
    for entity in affected & set(usage):
        usage[entity] = _patched(usage[entity], fresh)
    site = replace(
        site,
        articles=tuple(fresh.get(a.article.slug, a) for a in site.articles),
        usage=usage,
        _related=site._related,
        _masks=site._masks,
    )
    for slug, item in zip(fresh, changed.values(), strict=True):
        remembered.entity_digests[slug] = item.entity_digests or {}
    remembered.site = site
    jobs: list[PageJob] = []
    for entity in sorted(affected & set(usage)):
        jobs += plan_entity_pages(
            site, usage[entity], renderer, remembered.entity_digests, remembered.named, base
        )
    return jobs


def _patched(usage: EntityUsage, fresh: dict[str, AnnotatedArticle]) -> EntityUsage:
    """The entity's mentions and quotes with the edited articles' new ones (an edit on
    this path keeps the articles that mention the entity, and their order)."""
    entity = usage.entity.id
    groups = tuple(
        (new, mentions_of(new, entity))
        if (new := fresh.get(article.article.slug))
        else (article, mentions)
        for article, mentions in usage.groups
    )
    quotes = tuple(
        EntityQuote(article, quote)
        for article, _ in groups
        for quote in article.quotes
        if quote.speaker == entity
    )
    return EntityUsage(usage.entity, groups, quotes, sum(len(m) for _, m in groups))
