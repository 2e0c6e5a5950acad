"""Articles as JSON rows: the build cache's row of an article, and the small pieces the
site index keeps for entity pages (an article's header, its mentions of one entity).

Plain JSON, never pickled: a cache file made elsewhere can at worst fail to decode.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from sys import intern
from typing import Any, NamedTuple

from ..models import (
    NAMED_TYPES,
    AnnotatedArticle,
    Article,
    Author,
    Image,
    Link,
    PlacedMention,
    PlacedQuote,
    Source,
)

_new_tuple = tuple.__new__


def encode_article(article: Article) -> list[Any]:
    """An article's front matter (no body, no recorded entity counts)."""
    return [
        str(article.path),
        article.slug,
        article.title,
        article.date.isoformat(),
        [[a.name, a.url] for a in article.authors],
        [article.image.caption, article.image.credit] if article.image else None,
        article.body_line,
        [[link.title, link.url] for link in article.related],
        [article.source.url, article.source.publisher] if article.source else None,
        article.seed_file,
        article.seed_sha256,
    ]


def decode_article(fields: list[Any]) -> Article:
    path, slug, title, date, authors, image, line, related, source, seed, sha = fields
    return Article(
        path=Path(path),
        slug=str(slug),
        title=str(title),
        date=dt.date.fromisoformat(date),
        authors=tuple(Author(str(name), url) for name, url in authors),
        image=Image(str(image[0]), str(image[1])) if image else None,
        body="",
        body_line=int(line),
        related=tuple(Link(str(name), url) for name, url in related),
        source=Source(str(source[0]), str(source[1])) if source else None,
        seed_file=seed,
        seed_sha256=sha,
    )


def decode_mentions(rows: Iterable[list[Any]]) -> tuple[PlacedMention, ...]:
    # tuple.__new__: a third of the time of PlacedMention(...) for hundreds of thousands
    # of mentions; intern() also checks that names and ids are strings.
    return tuple(
        [
            _new_tuple(PlacedMention, (number, intern(text), intern(key), kind, sentence, part))
            for number, text, key, kind, sentence, part in rows
        ]
    )


def decode_quotes(rows: Iterable[list[Any]]) -> tuple[PlacedQuote, ...]:
    return tuple(PlacedQuote(str(a), str(t), s) for a, t, s in rows)


class Head(NamedTuple):
    """What article lists, feeds and entity pages show of an article besides its
    mentions: front matter, summary, and the entities it names, most named first."""

    article: Article
    summary: str
    named: tuple[str, ...]


def head_of(item: AnnotatedArticle) -> Head:
    # Ties in the order the article first names them (Counter keeps insertion order).
    counts = Counter(m.key for m in item.mentions if m.type in NAMED_TYPES)
    return Head(item.article, item.summary, tuple(key for key, _ in counts.most_common()))


def encode_head(item: AnnotatedArticle) -> str:
    head = head_of(item)
    return json.dumps(
        [encode_article(head.article), head.summary, list(head.named)], ensure_ascii=False
    )


def decode_head(text: str) -> Head:
    fields, summary, named = json.loads(text)
    return Head(decode_article(fields), str(summary), tuple(intern(str(k)) for k in named))


def listed(head: Head) -> AnnotatedArticle:
    """An article as lists and feeds see it: no text, mentions or quotes."""
    return AnnotatedArticle(head.article, "", "", "", (), head.summary)


def encode_block(mentions: Iterable[PlacedMention], quotes: Iterable[PlacedQuote]) -> str:
    """An article's mentions of one entity and its quotes of it."""
    return json.dumps([[list(m) for m in mentions], [list(q) for q in quotes]], ensure_ascii=False)


# An article as one entity's pages see it: its front matter and summary, and only its
# mentions of that entity (as `mentions`); with its quotes of that entity.
EntityPart = tuple[AnnotatedArticle, tuple[PlacedQuote, ...]]


def entity_part(head: str | Head, block: str) -> EntityPart:
    """An EntityPart read back from the site index (`head` as stored, or decoded before:
    an article is on the pages of dozens of entities)."""
    known = decode_head(head) if isinstance(head, str) else head
    mentions, quotes = json.loads(block)
    item = AnnotatedArticle(known.article, "", "", "", decode_mentions(mentions), known.summary)
    return item, decode_quotes(quotes)


def part_of(
    item: AnnotatedArticle, mentions: Iterable[PlacedMention], quotes: Iterable[PlacedQuote]
) -> EntityPart:
    """An EntityPart made from an article in memory: the same value entity_part reads."""
    part = AnnotatedArticle(item.article, "", "", "", tuple(mentions), item.summary)
    return part, tuple(quotes)


def group_by_entity(item: AnnotatedArticle) -> dict[str, EntityPart]:
    """An article's EntityParts for every entity it names or quotes, in one pass."""
    mentions: dict[str, list[PlacedMention]] = {}
    for mention in item.mentions:
        if mention.type in NAMED_TYPES:
            mentions.setdefault(mention.key, []).append(mention)
    quotes: dict[str, list[PlacedQuote]] = {}
    for quote in item.quotes:
        if quote.speaker:
            quotes.setdefault(quote.speaker, []).append(quote)
    return {
        key: part_of(item, mentions.get(key, ()), quotes.get(key, ()))
        for key in mentions.keys() | quotes.keys()
    }
