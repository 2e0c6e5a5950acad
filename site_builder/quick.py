"""The preview's fast path: an edit that changes only an article's text.

When every edited article keeps its title, date, byline, summary and the number of times
it names each entity, no index page, feed, sitemap or entity list can change: only the
article's own page and the pages of the entities whose sentences it changed. The site
remembered from the last build is patched in place of being assembled and planned again.
Anything else (a new or removed article, a changed title...) takes the full path.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from .models import NAMED_TYPES, AnnotatedArticle
from .plan import PageJob, plan_entity_pages
from .render import Renderer
from .site import EntityQuote, EntityUsage, Site
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
        if not _same_outline(old.annotated, new.annotated):
            return None
        for entity in set(old.entity_digests) | set(new.entity_digests):
            if old.entity_digests.get(entity) != new.entity_digests.get(entity):
                affected.add(entity)
    site = remembered.site
    fresh = {item.annotated.article.slug: item.annotated for item in changed.values()}
    usage = dict(site.usage)
    for entity in affected & set(usage):
        usage[entity] = _patched(usage[entity], fresh)
    site = replace(
        site,
        articles=tuple(fresh.get(a.article.slug, a) for a in site.articles),
        usage=usage,
        _related=site._related,
    )
    for slug, item in ((i.annotated.article.slug, i) for i in changed.values()):
        remembered.entity_digests[slug] = item.entity_digests
    remembered.site = site
    jobs: list[PageJob] = []
    for entity in sorted(affected & set(usage)):
        jobs += plan_entity_pages(
            site, usage[entity], renderer, remembered.entity_digests, remembered.named, base
        )
    return jobs


def _same_outline(old: AnnotatedArticle, new: AnnotatedArticle) -> bool:
    return (
        old.article == new.article
        and old.summary == new.summary
        and _named_counts(old) == _named_counts(new)
    )


def _named_counts(item: AnnotatedArticle) -> Counter[str]:
    return Counter(m.key for m in item.mentions if m.type in NAMED_TYPES)


def _patched(usage: EntityUsage, fresh: dict[str, AnnotatedArticle]) -> EntityUsage:
    """The entity's mentions and quotes with the edited articles' new ones."""
    entity = usage.entity.id
    mentions = []
    done: set[str] = set()
    for article, mention in usage.mentions:
        slug = article.article.slug
        if slug not in fresh:
            mentions.append((article, mention))
        elif slug not in done:
            done.add(slug)
            new = fresh[slug]
            mentions += [
                (new, m) for m in new.mentions if m.key == entity and m.type in NAMED_TYPES
            ]
    articles = tuple(fresh.get(a.article.slug, a) for a in usage.articles)
    quotes = tuple(
        EntityQuote(article, quote)
        for article in articles
        for quote in article.quotes
        if quote.speaker == entity
    )
    return replace(
        usage,
        mentions=tuple(mentions),
        quotes=quotes,
        articles=articles,
        _grouped=[],
    )
