"""Stage 3d: Site -> RenderedPage list, through Jinja2 templates (autoescape, StrictUndefined)."""

from __future__ import annotations

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

from . import __version__, page_data
from .config import SiteConfig
from .errors import SiteBuilderError
from .models import ENTITY_TYPES, TYPE_LABELS, AnnotatedArticle, RenderedPage
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
        try:
            html = self.env.get_template(template).render(
                root=root, page_path=output_path, **context
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


def render_site(site: Site, renderer: Renderer) -> Iterator[RenderedPage]:
    for article in site.articles:
        yield render_article(site, article, renderer)
    for usage in site.usage.values():
        yield render_entity(site, usage, renderer)
    yield renderer.render("index.html", "index.html", articles=site.articles, site_data=site)
    yield renderer.render("entities.html", "entities/index.html", groups=site.entities_by_type())
    yield renderer.render("404.html", "404.html", root=renderer.config.base_path)


def render_article(site: Site, article: AnnotatedArticle, renderer: Renderer) -> RenderedPage:
    speakers = {key: usage.entity for key, usage in site.usage.items()}
    return renderer.render(
        "article.html",
        article_path(article.article.slug),
        item=article,
        article=article.article,
        panel=page_data.panel(site, article),
        timeline=page_data.timeline(article),
        quotes=[(quote, speakers.get(quote.speaker or "")) for quote in article.quotes],
        cards=page_data.card_data(site, article),
        present_types=[
            kind for kind in ENTITY_TYPES if any(m.type == kind for m in article.mentions)
        ],
    )


def render_entity(site: Site, usage: EntityUsage, renderer: Renderer) -> RenderedPage:
    belongs_to = site.usage.get(usage.entity.belongs_to or "")
    return renderer.render(
        "entity.html",
        entity_path(usage.entity.id),
        usage=usage,
        entity=usage.entity,
        belongs_to=belongs_to.entity if belongs_to else None,
    )
