"""Every output file of the site as a job with a fingerprint of everything it shows.

A page is rendered and written only when its fingerprint differs from the one recorded
for the output folder, so an unchanged site rebuilds nothing and an edited article
rebuilds itself and the pages that show it: index pages, its entities' pages, feeds,
the sitemap. Fingerprints are built from article content keys (which change with the
article's file, the knowledge base and the engine version), never from rendered HTML.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..models import RenderedPage
from ..render import feeds
from ..render.pages import (
    ENTITY_ARTICLES_PER_PAGE,
    Renderer,
    entity_page_count,
    entity_path,
    index_path,
    page_count,
    render_entities_index,
    render_entity,
    render_fixed_page,
    render_index_page,
)
from ..site.assemble import EntityUsage, Site


@dataclass(frozen=True)
class PageJob:
    path: str
    fingerprint: str
    render: Callable[[], RenderedPage]
    # For a page the search index holds: a fingerprint of what it indexes of the page.
    search: str | None = None


def digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def plan_site_pages(
    site: Site,
    renderer: Renderer,
    keys: dict[str, str],
    entity_digests: dict[str, dict[str, str]],
    base: str,
) -> list[PageJob]:
    """All pages except the articles' own (those are planned where they are annotated)."""
    config = renderer.config
    jobs: list[PageJob] = []

    def add(path: str, fingerprint: str, render: Callable[[], RenderedPage]) -> None:
        jobs.append(PageJob(path, digest(base, path, fingerprint), render))

    ordered = [keys[item.article.slug] for item in site.articles]
    pages = page_count(len(ordered), config.per_page)
    for page in range(1, pages + 1):
        chunk = ordered[(page - 1) * config.per_page : page * config.per_page]
        add(
            index_path(page), digest(pages, chunk), partial(render_index_page, site, renderer, page)
        )
    lastmod = {}
    builtin = _builtin_entity_page(renderer)
    for usage in site.usage.values():
        jobs += plan_entity_pages(site, usage, renderer, entity_digests, base, builtin)
        if usage.groups:  # newest first (site.assemble_site): the first is the latest
            lastmod[entity_path(usage.entity.id)] = usage.groups[0][0].article.date
    counts = {key: len(usage.articles) for key, usage in site.usage.items()}
    add(
        "entities/index.html",
        digest(sorted((k, u.mention_count) for k, u in site.usage.items())),
        partial(render_entities_index, site, renderer),
    )
    counts_json = json.dumps(counts, sort_keys=True, separators=(",", ":"))
    add(
        "entities/counts.json",
        counts_json,
        lambda: RenderedPage("entities/counts.json", counts_json),
    )
    add("404.html", "", partial(render_fixed_page, renderer, "404.html", "404.html"))
    if config.search:
        add(
            "search/index.html",
            "",
            partial(render_fixed_page, renderer, "search.html", "search/index.html"),
        )
    add("robots.txt", "", partial(feeds.robots, config))
    if config.deploy.cname:
        cname = config.deploy.cname.strip() + "\n"
        add("CNAME", cname, lambda: RenderedPage("CNAME", cname))
    if config.base_url:
        add(
            "feed.xml",
            digest(ordered[: feeds.FEED_SIZE]),
            partial(feeds.atom_feed, config, "feed.xml", config.title, site.articles),
        )
        for item in site.articles:
            lastmod[f"articles/{item.article.slug}/index.html"] = item.article.date
        sitemap_pages = [
            *lastmod,
            "entities/index.html",
            *(index_path(n) for n in range(1, pages + 1)),
        ]
        sitemap_pages += [
            entity_path(u.entity.id, n)
            for u in site.usage.values()
            for n in range(2, entity_page_count(u) + 1)
        ]
        add(
            "sitemap.xml",
            digest(sorted(sitemap_pages), sorted(lastmod.items())),
            partial(feeds.sitemap, config, sitemap_pages, lastmod),
        )
    return jobs


def _builtin_entity_page(renderer: Renderer) -> bool:
    return renderer.builtin("entity.html", "base.html", "_macros.html")


def shared_header(site: Site, usage: EntityUsage, base_url: str | None) -> object:
    """What an entity page's header shows beyond the knowledge base."""
    return ((usage.entity.belongs_to or "") in site.usage, bool(base_url and usage.articles))


def entity_page_numbers(site: Site) -> dict[str, dict[str, int]]:
    """Per article, the number of the page of each of its entities that lists it."""
    numbers: dict[str, dict[str, int]] = {item.article.slug: {} for item in site.articles}
    for entity_id, usage in site.usage.items():
        for position, item in enumerate(usage.articles):
            numbers[item.article.slug][entity_id] = position // ENTITY_ARTICLES_PER_PAGE + 1
    return numbers


def plan_entity_pages(
    site: Site,
    usage: EntityUsage,
    renderer: Renderer,
    entity_digests: dict[str, dict[str, str]],
    base: str,
    builtin: bool | None = None,
) -> list[PageJob]:
    """An entity's pages and feed. Each page shows its own slice of articles, plus what
    every page shows: counts, the entities named with it, its quotes."""
    config = renderer.config
    entity_id = usage.entity.id
    entity_keys = [
        entity_digests[article.article.slug].get(entity_id) for article, _ in usage.groups
    ]
    # "Often mentioned with" is read as it is shown (its ranking may weigh other
    # entities' counts), and so is whether the entity it belongs to has a page.
    shared = digest(
        usage.mention_count,
        [(q.article.article.slug, q.quote) for q in usage.quotes],
        [(other.id, count) for other, count in site.co_mentioned(entity_id)],
        (usage.entity.belongs_to or "") in site.usage,
    )
    jobs = []
    count = entity_page_count(usage)
    for page in range(1, count + 1):
        window = entity_keys[
            (page - 1) * ENTITY_ARTICLES_PER_PAGE : page * ENTITY_ARTICLES_PER_PAGE
        ]
        path = entity_path(entity_id, page)
        fingerprint = digest(base, path, digest(shared, window, count))
        searched = None
        if page == 1:
            # The built-in templates index an entity page's header only (the lists of
            # mentions are marked data-pagefind-ignore): what the knowledge base says of
            # it (in `base`), whether it belongs to a published entity, whether it has a
            # feed. A site's own templates may index more: then the whole page counts.
            searched = (
                digest(base, path, shared_header(site, usage, config.base_url))
                if (builtin if builtin is not None else _builtin_entity_page(renderer))
                else fingerprint
            )
        jobs.append(
            PageJob(
                path,
                fingerprint,
                partial(render_entity, site, usage, renderer, page),
                searched,
            )
        )
    if usage.articles and config.base_url:
        feed = f"entities/{entity_id}/feed.xml"
        title = f"{usage.entity.name} · {config.title}"
        jobs.append(
            PageJob(
                feed,
                digest(base, feed, digest(entity_keys[: feeds.FEED_SIZE])),
                partial(
                    feeds.atom_feed,
                    config,
                    feed,
                    title,
                    usage.articles,
                    page_path=f"entities/{entity_id}/",
                ),
            )
        )
    return jobs


__all__ = [
    "ENTITY_ARTICLES_PER_PAGE",
    "PageJob",
    "digest",
    "entity_page_numbers",
    "plan_entity_pages",
    "plan_site_pages",
]
