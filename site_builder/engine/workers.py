"""Parse, annotate and render articles, in parallel across cores when there are many.

Worker processes are forked after the knowledge base, Markdown parser and templates are
ready, so they share them without copying; each returns the article's page and what
other pages need of it (its mentions, quotes and summary, without HTML).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..annotate import Annotator
from ..errors import SiteBuilderError
from ..models import NAMED_TYPES, AnnotatedArticle, RenderedPage
from ..parallel import iter_parallel
from ..paths import file_signature
from ..render.annotated import annotate_article
from ..render.markdown import create_markdown
from ..render.pages import Renderer, render_article
from ..site.entries import IndexEntry, index_entry
from ..sources.content import read_article
from ..sources.knowledge import KnowledgeBase
from .state import pack_article, unpack_article
from .writer import write_page


@dataclass(frozen=True)
class ProcessedArticle:
    path: Path
    signature: tuple[int, int, int, int]
    key: str
    annotated: AnnotatedArticle | None  # None when the file is bad
    page: RenderedPage | None
    error: SiteBuilderError | None = None
    entity_digests: dict[str, str] = field(default_factory=dict)
    outline: str = ""
    # (annotated, entity_digests) as the build cache's JSON row, made here: in parallel
    stored: str = ""
    entry: IndexEntry | None = None  # its rows in the site index


@dataclass
class _Tools:
    knowledge: KnowledgeBase
    knowledge_key: str
    renderer: Renderer
    folder: Path | None  # write pages here directly instead of returning them
    annotator: Annotator | None = None

    def process(self, path: Path) -> ProcessedArticle:
        info = path.stat()
        signature = file_signature(info)
        data = path.read_bytes()
        key = content_key(data, self.knowledge_key)
        try:
            article = read_article(path, data)
        except SiteBuilderError as error:
            return ProcessedArticle(path, signature, key, None, None, error)
        if self.annotator is None:
            self.annotator = Annotator(self.knowledge)
        annotated = annotate_article(article, self.annotator, _MARKDOWN[0])
        page: RenderedPage | None = render_article(self.knowledge, annotated, self.renderer)
        if self.folder is not None and page is not None:
            write_page(self.folder, page)
            page = None
        # What other pages need: no HTML, no body, no dates or figures, no recorded
        # entity counts (only the article's own page shows those).
        slim = replace(
            annotated,
            article=replace(article, body="", entity_counts=()),
            body_html="",
            caption_html="",
            credit_html="",
            mentions=tuple(m for m in annotated.mentions if m.type in NAMED_TYPES),
        )
        digests = entity_digests(slim)
        # Sent back as the store's row: one encoding serves the transfer and the cache.
        stored = pack_article(slim, digests)
        summary = outline(slim)
        entry = index_entry(str(path), slim, digests, summary, self.knowledge.entities)
        return ProcessedArticle(path, signature, key, None, page, None, {}, summary, stored, entry)


def outline(item: AnnotatedArticle) -> str:
    """What index pages, feeds and the headers of entity pages show of an article: its
    front matter, summary, quotes and how often it names each entity."""
    named = Counter(m.key for m in item.mentions if m.type in NAMED_TYPES)
    # In most_common order: index pages show the most named entities, ties in the order
    # the article first names them.
    shown = (item.article, item.summary, item.quotes, named.most_common())
    return hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()


def content_key(data: bytes, knowledge_key: str) -> str:
    """What an article's cached results depend on: its file's bytes and the knowledge base
    (whose key includes the engine version)."""
    return hashlib.blake2b(data + knowledge_key.encode(), digest_size=16).hexdigest()


def entity_digests(item: AnnotatedArticle) -> dict[str, str]:
    """Per entity, what this article shows on that entity's pages and feed (KWIC lines,
    quotes, its title and summary)."""
    lines: dict[str, list[object]] = {}
    article = item.article
    # Entity feeds show the summary and authors of the articles that name the entity.
    shown = (
        article.slug,
        article.title,
        article.date,
        article.source,
        article.authors,
        item.summary,
    )
    for mention in item.mentions:
        if mention.type in NAMED_TYPES:
            lines.setdefault(mention.key, [shown]).append(
                (mention.anchor, mention.text, mention.sentence)
            )
    for quote in item.quotes:
        if quote.speaker:
            lines.setdefault(quote.speaker, [shown]).append(quote)
    return {
        key: hashlib.blake2b(repr(value).encode(), digest_size=8).hexdigest()
        for key, value in lines.items()
    }


_MARKDOWN = [create_markdown()]


def process_articles(
    paths: list[Path],
    knowledge: KnowledgeBase,
    knowledge_key: str,
    renderer: Renderer,
    folder: Path | None = None,
    annotator: Annotator | None = None,
    *,
    unpack: bool = True,
) -> Iterator[ProcessedArticle]:
    """Each article processed, in order, as the workers finish them. `annotator`: one
    made for this knowledge base before (serve keeps it), else each process makes its
    own. `unpack`: read the row back into `annotated` (a build that stores rows and
    keeps none in memory does not)."""
    tools = _Tools(knowledge, knowledge_key, renderer, folder, annotator)
    for item in iter_parallel(tools.process, paths):
        if unpack and item.stored:
            annotated, digests = unpack_article(item.stored)
            item = replace(item, annotated=annotated, entity_digests=digests)
        yield item
