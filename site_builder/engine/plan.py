"""Every output file of the site as a job with a fingerprint of everything it shows.

A page is rendered and written only when its fingerprint differs from the one recorded
for the output folder, so an unchanged site rebuilds nothing and an edited article
rebuilds itself and the pages that show it: index pages, its entities' pages, feeds,
the sitemap. Fingerprints are built from the site index's outlines and per-entity
digests (which change with what an article shows, the knowledge base and the engine
version), never from rendered HTML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..models import RenderedPage
from ..render import feeds
from ..render.pages import (
    Renderer,
    article_path,
    entity_paging,
    entity_path,
    index_paging,
    index_path,
    render_entities_index,
    render_entity,
    render_fixed_page,
    render_index_page,
)
from ..render.paging import LATEST
from ..site.view import EntityUsage, Site
from ..sources.config import SiteConfig


@dataclass(frozen=True)
class PageJob:
    path: str
    fingerprint: str
    render: Callable[[], RenderedPage]
    # For a page the search index holds: a fingerprint of what it indexes of the page.
    search: str | None = None


def digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def article_fingerprint(base: str, key: str) -> str:
    """An article's page depends on its key and the build's base only: both digests
    already, joined rather than hashed again (checked for every article every build)."""
    return base + key


def plan_site_pages(site: Site, renderer: Renderer, base: str) -> list[PageJob]:
    """The pages made from the whole site: article lists, the entities' index, feed,
    sitemap and fixed pages; from the index's few columns per article and entity."""
    config = renderer.config
    jobs: list[PageJob] = []

    def add(path: str, fingerprint: str, render: Callable[[], RenderedPage]) -> None:
        jobs.append(PageJob(path, digest(base, path, fingerprint), render))

    outlines = [outline for _, outline, _ in site.ordered]
    paging = index_paging(site, config)
    for page in paging.pages():
        add(
            index_path(page),
            digest(outlines[paging.window(page)], paging.nav_key(page)),
            partial(render_index_page, site, renderer, page),
        )
    totals = site.totals
    add(
        "entities/index.html",
        digest(sorted((key, value.mentions) for key, value in totals.items())),
        partial(render_entities_index, site, renderer),
    )
    counts = {key: value.articles for key, value in totals.items()}
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
            digest(outlines[: feeds.FEED_SIZE]),
            partial(feeds.atom_feed, config, "feed.xml", config.title, site.articles),
        )
        add(
            "sitemap.xml",
            _sitemap_digest(site, config),
            partial(_sitemap, site, config),
        )
    return jobs


def _sitemap_pages(site: Site, config: SiteConfig) -> tuple[list[str], dict[str, dt.date]]:
    lastmod = {entity_path(key): _day(value.newest) for key, value in site.totals.items()}
    for slug, _, day in site.ordered:
        lastmod[article_path(slug)] = _day(day)
    pages = [
        *lastmod,
        "entities/index.html",
        *(index_path(n) for n in index_paging(site, config).pages()),
    ]
    pages += [
        entity_path(key, n)
        for key, usage in site.usage.items()
        for n in entity_paging(usage).pages()[1:]
    ]
    return pages, lastmod


def _sitemap_digest(site: Site, config: SiteConfig) -> str:
    pages, lastmod = _sitemap_pages(site, config)
    return digest(sorted(pages), sorted(lastmod.items()))


def _sitemap(site: Site, config: SiteConfig) -> RenderedPage:
    pages, lastmod = _sitemap_pages(site, config)
    return feeds.sitemap(config, pages, lastmod)


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def builtin_entity_page(renderer: Renderer) -> bool:
    return renderer.builtin("entity.html", "base.html", "_macros.html")


def shared_header(site: Site, usage: EntityUsage, base_url: str | None) -> object:
    """What an entity page's header shows beyond the knowledge base."""
    return ((usage.entity.belongs_to or "") in site.usage, bool(base_url and usage.article_count))


def plan_entity_pages(
    site: Site, entity_id: str, renderer: Renderer, base: str, builtin: bool
) -> list[PageJob]:
    """An entity's pages and feed. Its latest page shows its newest articles, counts,
    the entities named with it and its quotes; each numbered page a fixed slice of its
    older articles (render/paging.py)."""
    config = renderer.config
    usage = site.usage[entity_id]
    # Digests only while planning; the build keeps the slugs (Site.named_in).
    entity_keys = [key for _, key in site.digests_named_in(entity_id)]
    paging = entity_paging(usage)
    jobs = [
        _entity_page(site, usage, renderer, base, builtin, page, entity_keys[paging.window(page)])
        for page in paging.pages()
    ]
    if config.base_url:
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


def plan_entity_latest_page(
    site: Site, entity_id: str, renderer: Renderer, base: str, builtin: bool
) -> PageJob:
    """An entity's latest page alone: for an entity whose articles did not change but
    whose "often mentioned with" may have (its other pages and feed stay as they are)."""
    usage = site.usage[entity_id]
    window = entity_paging(usage).window(LATEST)
    # Read whole and kept (Site.named_in): a worker rendering the page may not reach an
    # index kept in memory (serve's).
    newest = [key for _, key in site.digests_named_in(entity_id)[window]]
    return _entity_page(site, usage, renderer, base, builtin, LATEST, newest)


def _entity_page(
    site: Site,
    usage: EntityUsage,
    renderer: Renderer,
    base: str,
    builtin: bool,
    page: int,
    window_keys: list[str],
) -> PageJob:
    entity_id = usage.entity.id
    path = entity_path(entity_id, page)
    header = shared_header(site, usage, renderer.config.base_url)
    shown = digest(header, window_keys, entity_paging(usage).nav_key(page))
    searched = None
    if page == LATEST:
        # "Often mentioned with" is read as it is shown (its ranking may weigh other
        # entities' counts).
        shown = digest(
            shown,
            usage.mention_count,
            usage.article_count,
            site.digests_quoted_in(entity_id),
            [(other.id, count) for other, count in site.co_mentioned(entity_id)],
        )
        # The built-in templates index an entity page's header only (the lists of
        # mentions are marked data-pagefind-ignore): what the knowledge base says of
        # it (in `base`), whether it belongs to a published entity, whether it has a
        # feed. A site's own templates may index more: then the whole page counts.
        searched = digest(base, path, header) if builtin else digest(base, path, shown)
    return PageJob(
        path,
        digest(base, path, shown),
        partial(render_entity, site, usage, renderer, page),
        searched,
    )


__all__ = [
    "PageJob",
    "article_fingerprint",
    "builtin_entity_page",
    "digest",
    "plan_entity_latest_page",
    "plan_entity_pages",
    "plan_site_pages",
]
