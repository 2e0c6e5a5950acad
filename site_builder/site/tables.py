"""The site index's tables (index.py), and how an article's entry becomes their rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .entries import IndexEntry

NAMED_BY_SLUG = "CREATE INDEX IF NOT EXISTS site_named_slug ON site_named (slug)"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS site_articles (slug TEXT PRIMARY KEY, path TEXT NOT NULL,"
    " date TEXT NOT NULL, outline TEXT NOT NULL, head TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS site_articles_order ON site_articles (date, slug)",
    "CREATE INDEX IF NOT EXISTS site_articles_path ON site_articles (path)",
    "CREATE TABLE IF NOT EXISTS site_named (entity TEXT, slug TEXT, date TEXT NOT NULL,"
    " mentions INTEGER NOT NULL, quotes INTEGER NOT NULL, digest TEXT NOT NULL,"
    " block TEXT NOT NULL, PRIMARY KEY (entity, slug)) WITHOUT ROWID",
    NAMED_BY_SLUG,
    "CREATE TABLE IF NOT EXISTS site_pairs (entity TEXT, other TEXT, articles INTEGER,"
    " PRIMARY KEY (entity, other)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS site_entities (entity TEXT PRIMARY KEY, mentions INTEGER,"
    " articles INTEGER, newest TEXT) WITHOUT ROWID",
    # 'consistent' is removed while the index changes and set again once the build that
    # changed it has recorded its pages: an index changed by a failed build is rebuilt.
    "CREATE TABLE IF NOT EXISTS site_index_meta (name TEXT PRIMARY KEY, value TEXT)",
)


def article_row(entry: IndexEntry) -> tuple[str, str, str, str, str]:
    return (entry.slug, entry.path, entry.date, entry.outline, entry.head)


def named_rows(entry: IndexEntry) -> list[tuple[str, str, str, int, int, str, str]]:
    return [
        (key, entry.slug, entry.date, row.mentions, row.quotes, row.digest, row.block)
        for key, row in entry.named.items()
    ]


def pairs(articles: dict[str, int]) -> Iterable[tuple[str, str, int]]:
    """Both ways, every pair of entities named in the same articles, with how many: by
    intersecting sets of articles held as bits (an article naming 80 entities makes
    6,320 pairs; a site of 5,000 such articles, 32 million)."""
    keys = sorted(articles)
    for position, key in enumerate(keys):
        mine = articles[key]
        for other in keys[position + 1 :]:
            shared = (mine & articles[other]).bit_count()
            if shared:
                yield key, other, shared
                yield other, key, shared


def flat_pairs(counted: Counter[tuple[str, str]]) -> Iterable[tuple[str, str, int]]:
    return ((a, b, n) for (a, b), n in counted.items() if n)
