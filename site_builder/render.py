"""Stage 3d: Site -> RenderedPage list, through Jinja2 templates (autoescape, StrictUndefined)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)

from . import __version__, feeds, metadata, page_data
from .config import SiteConfig
from .errors import SiteBuilderError
from .models import ENTITY_TYPES, NAMED_TYPES, TYPE_LABELS, AnnotatedArticle, RenderedPage
from .site import EntityUsage, Site
from .urls import archive_url, host_of


class Renderer:
    def __init__(self, template_dirs: list[Path], config: SiteConfig):
        self.config = config
        self.env = Environment(
            loader=FileSystemLoader([str(path) for path in template_dirs]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(
            site=config,
            type_labels=TYPE_LABELS,
            entity_types=ENTITY_TYPES,
            generator=f"site-build {__version__}",
            host_of=host_of,
            archive_url=archive_url,
        )

    def render(self, template: str, output_path: str, **context: Any) -> RenderedPage:
        # Relative links keep the site working under any sub-path; a page that can be
        # served at any address (404.html) uses the configured base path instead.
        root = context.pop("root", None) or "../" * output_path.count("/") or "./"
        context.setdefault("json_ld", None)
        context.setdefault("search_filters", [])
        context.setdefault("feed", False)
        canonical = output_path.removesuffix("index.html")
        try:
            html = self.env.get_template(template).render(
                root=root,
                page_path=output_path,
                canonical=self.config.absolute(canonical) if self.config.base_url else None,
                **context,
            )
        except TemplateSyntaxError as error:
            raise SiteBuilderError(
                f"template error: {error.message}",
                path=error.filename or template,
                line=error.lineno,
            ) from None
        except TemplateNotFound as error:
            raise SiteBuilderError(f"template {error.name!r} not found") from None
        except TemplateError as error:
            raise SiteBuilderError(f"template error: {error.message}", path=template) from None
        return RenderedPage(output_path, html)


def article_path(slug: str) -> str:
    return f"articles/{slug}/index.html"


def entity_path(entity_id: str) -> str:
    return f"entities/{entity_id}/index.html"


def index_path(page: int) -> str:
    return "index.html" if page == 1 else f"page/{page}/index.html"


def render_site(site: Site, renderer: Renderer) -> Iterator[RenderedPage]:
    config = renderer.config
    lastmod: dict[str, dt.date] = {}
    for article in site.articles:
        lastmod[article_path(article.article.slug)] = article.article.date
        yield render_article(site, article, renderer)
    for usage in site.usage.values():
        yield render_entity(site, usage, renderer)
        if usage.articles:
            lastmod[entity_path(usage.entity.id)] = max(a.article.date for a in usage.articles)
    yield from render_index(site, renderer)
    yield renderer.render(
        "entities.html",
        "entities/index.html",
        groups=site.entities_by_type(),
        meta=_meta(config, "Entities", config.description, "entities/"),
    )
    yield renderer.render("404.html", "404.html", root=config.base_path, meta=[])
    if config.search:
        yield renderer.render(
            "search.html",
            "search/index.html",
            meta=_meta(config, "Search", config.description, "search/"),
        )
    yield feeds.robots(config)
    if config.deploy.cname:
        yield RenderedPage("CNAME", config.deploy.cname.strip() + "\n")
    if config.base_url:
        yield feeds.atom_feed(config, "feed.xml", config.title, site.articles)
        for usage in site.usage.values():
            if usage.articles:
                yield feeds.atom_feed(
                    config,
                    f"entities/{usage.entity.id}/feed.xml",
                    f"{usage.entity.name} · {config.title}",
                    usage.articles,
                    page_path=f"entities/{usage.entity.id}/",
                )
        pages = [*lastmod, "entities/index.html", "index.html"]
        pages += [index_path(n) for n in range(2, _page_count(site, config) + 1)]
        yield feeds.sitemap(config, pages, lastmod)


def _page_count(site: Site, config: SiteConfig) -> int:
    return max(1, -(-len(site.articles) // config.per_page))


def render_index(site: Site, renderer: Renderer) -> Iterator[RenderedPage]:
    config = renderer.config
    count = _page_count(site, config)
    for page in range(1, count + 1):
        chunk = site.articles[(page - 1) * config.per_page : page * config.per_page]
        path = index_path(page)
        yield renderer.render(
            "index.html",
            path,
            articles=chunk,
            site_data=site,
            page=page,
            page_count=count,
            page_links={
                n: "../" * path.count("/") + index_path(n).removesuffix("index.html")
                for n in range(1, count + 1)
            },
            meta=_meta(config, config.title, config.description, path.removesuffix("index.html")),
        )


def render_article(site: Site, article: AnnotatedArticle, renderer: Renderer) -> RenderedPage:
    config = renderer.config
    speakers = {key: usage.entity for key, usage in site.usage.items()}
    path = article_path(article.article.slug)
    named = [m for m in article.mentions if m.type in NAMED_TYPES and m.key in site.usage]
    filters = sorted({(TYPE_LABELS[m.type], site.usage[m.key].entity.name) for m in named})
    return renderer.render(
        "article.html",
        path,
        item=article,
        article=article.article,
        panel=page_data.panel(site, article),
        timeline=page_data.timeline(article),
        quotes=[(quote, speakers.get(quote.speaker or "")) for quote in article.quotes],
        cards=page_data.card_data(site, article),
        present_types=[
            kind for kind in ENTITY_TYPES if any(m.type == kind for m in article.mentions)
        ],
        meta=_meta(
            config,
            article.article.title,
            article.summary,
            path.removesuffix("index.html"),
            kind="article",
        ),
        json_ld=metadata.article_json_ld(config, site, article),
        search_filters=[("entity", name) for _, name in filters]
        + sorted({("type", label) for label, _ in filters}),
    )


def render_entity(site: Site, usage: EntityUsage, renderer: Renderer) -> RenderedPage:
    config = renderer.config
    belongs_to = site.usage.get(usage.entity.belongs_to or "")
    path = entity_path(usage.entity.id)
    entity = usage.entity
    return renderer.render(
        "entity.html",
        path,
        usage=usage,
        entity=entity,
        belongs_to=belongs_to.entity if belongs_to else None,
        related=site.co_mentioned(entity.id),
        kwic=page_data.kwic,
        feed=bool(config.base_url and usage.articles),
        meta=_meta(
            config,
            entity.name,
            entity.description or entity.name,
            path.removesuffix("index.html"),
            kind="profile",
        ),
        search_filters=[("type", TYPE_LABELS[entity.type])],
    )


def _meta(
    config: SiteConfig, title: str, description: str, path: str, kind: str = "website"
) -> list[tuple[str, str, str]]:
    return metadata.sharing_tags(config, title, description, path, kind)
