"""Stage 3c: what one article contributes to the site index, made where the article is
annotated (in a worker): per entity it names or quotes, how often, a digest of what it
shows on that entity's pages, and that block itself; its header for entity pages."""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from ..models import AnnotatedArticle
from .rows import encode_block, encode_head, group_by_entity


class Named(NamedTuple):
    """What one article contributes to one entity."""

    mentions: int
    quotes: int
    digest: str
    block: str  # rows.encode_block: its mentions of the entity and quotes of it


@dataclass(frozen=True)
class IndexEntry:
    """One article's rows."""

    slug: str
    path: str
    date: str  # ISO 8601: sorts as text
    outline: str  # digest of what article lists and feeds show of it
    head: str  # rows.encode_head: what entity pages show of it besides mentions
    named: Mapping[str, Named]

    def with_mentions(self) -> frozenset[str]:
        return frozenset(key for key, row in self.named.items() if row.mentions)


def index_entry(
    path: str,
    item: AnnotatedArticle,
    digests: Mapping[str, str],
    outline: str,
    known: Container[str],
) -> IndexEntry:
    """An article's rows: per entity of the knowledge base it names or quotes, how often,
    the digest of what it shows on that entity's pages (workers.entity_digests) and that
    block itself."""
    named = {
        key: Named(
            len(part.mentions), len(quotes), digests[key], encode_block(part.mentions, quotes)
        )
        for key, (part, quotes) in group_by_entity(item).items()
        if key in known and key in digests
    }
    article = item.article
    return IndexEntry(
        article.slug, path, article.date.isoformat(), outline, encode_head(item), named
    )
