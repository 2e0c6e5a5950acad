"""Machine-readable files: Atom feeds (site and per entity), sitemap.xml, robots.txt.

Written with ElementTree so the XML is well-formed whatever the article text holds. Feeds
and the sitemap need absolute URLs, so they exist only when `base_url` is set.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from .. import __version__
from ..models import AnnotatedArticle, RenderedPage
from ..sources.config import SiteConfig

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_SIZE = 50


def atom_feed(
    config: SiteConfig,
    path: str,
    title: str,
    articles: Sequence[AnnotatedArticle],
    *,
    page_path: str = "",
) -> RenderedPage:
    """An Atom 1.0 feed of the newest articles, written to `path` (e.g. feed.xml)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    chosen = list(articles[:FEED_SIZE])
    _text(feed, "title", title)
    _text(feed, "subtitle", config.description)
    _text(feed, "id", config.absolute(path))
    updated = max((a.article.date for a in chosen), default=dt.date(2000, 1, 1))
    _text(feed, "updated", _timestamp(updated))
    ET.SubElement(
        feed, f"{{{ATOM}}}link", rel="self", href=config.absolute(path), type="application/atom+xml"
    )
    ET.SubElement(
        feed, f"{{{ATOM}}}link", rel="alternate", href=config.absolute(page_path), type="text/html"
    )
    generator = _text(feed, "generator", "site-build")
    generator.set("version", __version__)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", config.default_author or config.title)
    for item in chosen:
        article = item.article
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = config.absolute(f"articles/{article.slug}/")
        _text(entry, "title", article.title)
        _text(entry, "id", url)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url, type="text/html")
        _text(entry, "updated", _timestamp(article.date))
        _text(entry, "published", _timestamp(article.date))
        for writer in article.authors or ():
            person = ET.SubElement(entry, f"{{{ATOM}}}author")
            _text(person, "name", writer.name)
            if writer.url:
                _text(person, "uri", writer.url)
        _text(entry, "summary", item.summary or article.title)
        if article.source:
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="via", href=article.source.url)
    return RenderedPage(path, _serialise(feed))


def sitemap(
    config: SiteConfig, page_paths: Iterable[str], lastmod: dict[str, dt.date]
) -> RenderedPage:
    ET.register_namespace("", SITEMAP)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for path in sorted(page_paths):
        url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
        location = path[: -len("index.html")] if path.endswith("index.html") else path
        _text(url, "loc", config.absolute(location), SITEMAP)
        if path in lastmod:
            _text(url, "lastmod", lastmod[path].isoformat(), SITEMAP)
    return RenderedPage("sitemap.xml", _serialise(urlset))


def robots(config: SiteConfig) -> RenderedPage:
    lines = ["User-agent: *", "Allow: /"]
    if config.base_url:
        lines.append(f"Sitemap: {config.absolute('sitemap.xml')}")
    return RenderedPage("robots.txt", "\n".join(lines) + "\n")


def _text(parent: ET.Element, tag: str, value: str, namespace: str = ATOM) -> ET.Element:
    element = ET.SubElement(parent, f"{{{namespace}}}{tag}")
    element.text = value
    return element


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _serialise(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
