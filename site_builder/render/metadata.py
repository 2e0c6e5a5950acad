"""Structured data and sharing tags for a page: JSON-LD NewsArticle, OpenGraph, Twitter."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..models import NAMED_TYPES, AnnotatedArticle, Entity
from ..sources.config import SiteConfig
from ..sources.knowledge import KnowledgeBase

SCHEMA_TYPES = {"person": "Person", "org": "Organization", "place": "Place", "group": "Thing"}
ABOUT_LIMIT = 3
ABOUT_TYPES = ("person", "org", "place")


def article_json_ld(
    config: SiteConfig, knowledge: KnowledgeBase, item: AnnotatedArticle
) -> dict[str, Any]:
    article = item.article
    url = config.absolute(f"articles/{article.slug}/")
    counts = Counter(m.key for m in item.mentions if m.type in NAMED_TYPES)
    entities = [
        knowledge.entities[key] for key, _ in counts.most_common() if key in knowledge.entities
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.date.isoformat(),
        "inLanguage": config.language,
        "author": [_author(author.name, author.url) for author in article.authors]
        or [{"@type": "Organization", "name": config.default_author or config.title}],
        "publisher": {"@type": "Organization", "name": config.title},
        "description": item.summary,
        # What the article is about: its most named people, organisations and places;
        # nationality words ("Russian") are mentioned, not the subject.
        "about": [_thing(config, entity) for entity in entities if entity.type in ABOUT_TYPES][
            :ABOUT_LIMIT
        ],
        "mentions": [_thing(config, entity) for entity in entities],
    }
    if config.base_url:
        data["url"] = url
        data["mainEntityOfPage"] = url
    if article.source:
        data["isBasedOn"] = {
            "@type": "NewsArticle",
            "url": article.source.url,
            "publisher": {"@type": "Organization", "name": article.source.publisher},
        }
    return data


def sharing_tags(
    config: SiteConfig, title: str, description: str, path: str, kind: str
) -> list[tuple[str, str, str]]:
    """(attribute, name, content) triples for <meta> tags."""
    tags = [
        ("property", "og:type", kind),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:site_name", config.title),
        ("property", "og:locale", config.language.replace("-", "_")),
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
    ]
    if config.base_url:
        tags.append(("property", "og:url", config.absolute(path)))
    return tags


def _author(name: str, url: str | None) -> dict[str, Any]:
    author: dict[str, Any] = {"@type": "Person" if " " in name else "Organization", "name": name}
    if url:
        author["url"] = url
    return author


def _thing(config: SiteConfig, entity: Entity) -> dict[str, Any]:
    thing: dict[str, Any] = {"@type": SCHEMA_TYPES[entity.type], "name": entity.name}
    same_as = [url for url in (entity.wikipedia, _wikidata(entity.wikidata)) if url]
    if same_as:
        thing["sameAs"] = same_as
    if config.base_url:
        thing["url"] = config.absolute(f"entities/{entity.id}/")
    return thing


def _wikidata(identifier: str | None) -> str | None:
    return f"https://www.wikidata.org/wiki/{identifier}" if identifier else None
