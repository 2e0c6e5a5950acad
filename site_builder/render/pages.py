"""Stage 3d: Site -> RenderedPage list, through Jinja2 templates (autoescape, StrictUndefined)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from markupsafe import Markup

from .. import __version__
from ..errors import SiteBuilderError
from ..models import ENTITY_TYPES, NAMED_TYPES, TYPE_LABELS, AnnotatedArticle, RenderedPage
from ..paths import builtin_dir
from ..site.view import EntityUsage, Site
from ..sources.config import SiteConfig
from ..sources.knowledge import KnowledgeBase
from ..urls import archive_url, host_of
from . import metadata, page_data
from .paging import LATEST, PageNav, Paging

ENTITY_ARTICLES_PER_PAGE = 50


def _compiled_templates() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs (compiling them was a fifth of a one-article
    edit), in Jinja's own folder for this user in the system's temporary folder, which
    Jinja makes private and checks. Never in the site's .site-build-cache: a compiled
    template is code, and that folder may come from elsewhere (a CI cache). Jinja
    checks each against its template's source."""
    try:
        return FileSystemBytecodeCache()
    except (RuntimeError, OSError):  # no private folder to be had: compile every run
        return None


class Renderer:
    def __init__(self, template_dirs: list[Path], config: SiteConfig):
        self.config = config
        self._date_elements: dict[Any, Markup] = {}
        self.env = Environment(
            loader=FileSystemLoader([str(path) for path in template_dirs]),
            bytecode_cache=_compiled_templates(),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        # Compact JSON in pages (card data, JSON-LD): every article page carries it.
        self.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
        self.env.globals.update(
            site=config,
            type_labels=TYPE_LABELS,
            entity_types=ENTITY_TYPES,
            generator=f"site-build {__version__}",
            host_of=host_of,
            archive_url=archive_url,
            kwic=page_data.kwic,
            format_date=lambda day: page_data.format_date(day, config.language),
            date_element=self._date_element,
        )

    def _date_element(self, day: Any) -> Markup:
        element = self._date_elements.get(day)
        if element is None:
            text = page_data.format_date(day, self.config.language)
            element = Markup('<time datetime="{}">{}</time>').format(day.isoformat(), text)
            self._date_elements[day] = element
        return element

    def builtin(self, *templates: str) -> bool:
        """Whether these templates are the built-in ones, none of them a site's own."""
        builtin = builtin_dir("templates").resolve()
        try:
            found = [self.env.get_template(name).filename for name in templates]
        except TemplateError:
            return False
        return all(name is not None and Path(name).resolve().parent == builtin for name in found)

    def render(self, template: str, output_path: str, **context: Any) -> RenderedPage:
        # Relative links keep the site working under any sub-path; a page that can be
        # served at any address (404.html) uses the configured base path instead.
        root = context.pop("root", None) or root_of(output_path)
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


def root_of(output_path: str) -> str:
    """The relative link from a page to the site's root."""
    return "../" * output_path.count("/") or "./"


def article_path(slug: str) -> str:
    return f"articles/{slug}/index.html"


def entity_path(entity_id: str, page: int = LATEST) -> str:
    suffix = "" if page == LATEST else f"page/{page}/"
    return f"entities/{entity_id}/{suffix}index.html"


def index_path(page: int) -> str:
    return "index.html" if page == LATEST else f"page/{page}/index.html"


def index_paging(site: Site, config: SiteConfig) -> Paging:
    return Paging(len(site.ordered), config.per_page)


def entity_paging(usage: EntityUsage) -> Paging:
    return Paging(usage.article_count, ENTITY_ARTICLES_PER_PAGE)


def index_nav(paging: Paging, page: int) -> PageNav:
    return paging.nav(page, index_path(page), index_path)


def entity_nav(paging: Paging, entity_id: str, page: int) -> PageNav:
    return paging.nav(page, entity_path(entity_id, page), partial(entity_path, entity_id))


def render_index_page(site: Site, renderer: Renderer, page: int) -> RenderedPage:
    config = renderer.config
    paging = index_paging(site, config)
    path = index_path(page)
    return renderer.render(
        "index.html",
        path,
        articles=site.articles[paging.window(page)],
        site_data=site,
        page=page,
        nav=index_nav(paging, page),
        meta=_meta(config, config.title, config.description, path.removesuffix("index.html")),
    )


def render_entities_index(site: Site, renderer: Renderer) -> RenderedPage:
    config = renderer.config
    return renderer.render(
        "entities.html",
        "entities/index.html",
        groups=site.entities_by_type(),
        meta=_meta(config, "Entities", config.description, "entities/"),
    )


def render_fixed_page(renderer: Renderer, template: str, path: str) -> RenderedPage:
    config = renderer.config
    if path == "404.html":
        return renderer.render(template, path, root=config.base_path, meta=[])
    title = template.removesuffix(".html").capitalize()
    return renderer.render(
        template,
        path,
        meta=_meta(config, title, config.description, path.removesuffix("index.html")),
    )


def render_article(
    knowledge: KnowledgeBase, article: AnnotatedArticle, renderer: Renderer
) -> RenderedPage:
    """An article's page depends on the article and the knowledge base only."""
    config = renderer.config
    path = article_path(article.article.slug)
    entities = knowledge.entities
    named = {m.key for m in article.mentions if m.type in NAMED_TYPES and m.key in entities}
    filters = sorted((TYPE_LABELS[entities[key].type], entities[key].name) for key in named)
    return renderer.render(
        "article.html",
        path,
        item=article,
        article=article.article,
        panel=page_data.panel(knowledge, article, config.language),
        timeline=page_data.timeline(article, config.language),
        quotes=[(quote, entities.get(quote.speaker or "")) for quote in article.quotes],
        cards=page_data.card_data(knowledge, article, config.language),
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
        json_ld=metadata.article_json_ld(config, knowledge, article),
        search_filters=[("entity", name) for _, name in filters]
        + sorted({("type", label) for label, _ in filters}),
    )


def render_entity(
    site: Site, usage: EntityUsage, renderer: Renderer, page: int = LATEST
) -> RenderedPage:
    """An entity's latest page shows its counts, quotes and the entities named with it;
    its numbered pages only older mentions (so they change only when those do)."""
    config = renderer.config
    belongs_to = site.usage.get(usage.entity.belongs_to or "")
    entity = usage.entity
    path = entity_path(entity.id, page)
    paging = entity_paging(usage)
    latest = page == LATEST
    return renderer.render(
        "entity.html",
        path,
        usage=usage,
        groups=usage.groups[paging.window(page)],
        page=page,
        nav=entity_nav(paging, entity.id, page),
        entity=entity,
        belongs_to=belongs_to.entity if belongs_to else None,
        quotes=usage.quotes if latest else (),
        related=site.co_mentioned(entity.id) if latest else [],
        feed=bool(latest and config.base_url and usage.articles),
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
