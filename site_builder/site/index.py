"""Stage 3c: the site index, who is named where, as rows in SQLite.

Each article contributes one row per entity it names or quotes (how often, and a digest
of what it shows on that entity's pages) and one row for the article lists. An edit
replaces that article's rows and says which entities' pages may show something else:
entity pages, indexes, feeds and the sitemap are then planned from queries, and no build
has to read every article to know what changed.

The index lives in the build cache's database (or in memory, for a build whose state is
kept in memory). Besides ids, dates, counts and digests it holds what entity pages show:
each article's header and its block per entity (entries.py), so an entity's pages never
read the articles' whole rows.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import permutations
from pathlib import Path
from typing import NamedTuple

from .entries import IndexEntry
from .rows import EntityPart, Head, decode_head, entity_part
from .tables import NAMED_BY_SLUG, SCHEMA, article_row, flat_pairs, named_rows, pairs

_NEWEST_FIRST = "ORDER BY date DESC, slug DESC"
_BATCH = 400  # articles per query: twice as many parameters, well under SQLite's limit
_HEADS_KEPT = 5_000  # per process: about 10 MB


class EntityTotals(NamedTuple):
    mentions: int
    articles: int
    newest: str  # date of the newest article naming it


@dataclass(frozen=True)
class IndexChange:
    """What an update changed: the entities whose rows changed (their pages and feeds
    must be planned again), those whose mention counts changed (other entities rank
    them among the ones "often mentioned with"), those published or unpublished."""

    touched: frozenset[str] = frozenset()
    recounted: frozenset[str] = frozenset()
    published: frozenset[str] = frozenset()  # came or went
    everything: bool = False


@dataclass
class SiteIndex:
    location: Path | None  # None: in memory
    _connections: dict[int, sqlite3.Connection] = field(default_factory=dict, repr=False)
    # Articles' headers decoded before, in this process: an article is on the pages of
    # dozens of entities (a forked worker starts with its parent's and adds its own).
    _heads: dict[str, Head] = field(default_factory=dict, repr=False)

    @property
    def db(self) -> sqlite3.Connection:
        """This process's connection (a forked worker opens its own)."""
        pid = os.getpid()
        connection = self._connections.get(pid)
        if connection is None:
            if self.location is None and self._connections:
                raise RuntimeError("an in-memory site index is not shared with workers")
            # serve builds in a thread of its own, one build at a time
            connection = sqlite3.connect(self.location or ":memory:", check_same_thread=False)
            connection.execute("PRAGMA synchronous = OFF")
            for statement in SCHEMA:
                connection.execute(statement)
            self._connections[pid] = connection
        return connection

    def close(self) -> None:
        connection = self._connections.pop(os.getpid(), None)
        if connection is not None:
            connection.close()

    def consistent(self) -> bool:
        found = self.db.execute("SELECT value FROM site_index_meta WHERE name = 'consistent'")
        return found.fetchone() is not None

    def mark_consistent(self) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO site_index_meta VALUES ('consistent', '1')")

    def rebuild(self, entries: Iterable[IndexEntry]) -> IndexChange:
        """Every row afresh."""
        filling = self.refill()
        filling.add(entries)
        return filling.finish()

    def refill(self) -> Refill:
        """Every row afresh, added a batch at a time as articles are annotated, so no
        build holds all of them (see Refill)."""
        with self.db as db:
            db.execute("DELETE FROM site_index_meta")
            for table in ("site_articles", "site_named", "site_pairs", "site_entities"):
                db.execute(f"DELETE FROM {table}")
            # Hundreds of thousands of rows: the index by slug is made once after them.
            db.execute("DROP INDEX site_named_slug")
        return Refill(self)

    def replace(self, removed: Iterable[str], entries: Iterable[IndexEntry]) -> IndexChange:
        """Replace the rows of these articles (by path) and add those of new ones."""
        entries = list(entries)
        paths = [*removed, *(entry.path for entry in entries)]
        with self.db as db:
            db.execute("DELETE FROM site_index_meta")
            before = self._rows_of(db, paths)
            slugs = [slug for slug, _ in before]
            db.executemany("DELETE FROM site_articles WHERE slug = ?", ((s,) for s in slugs))
            db.executemany("DELETE FROM site_named WHERE slug = ?", ((s,) for s in slugs))
            for entry in entries:
                self._insert(db, entry)
            after = self._rows_of(db, [entry.path for entry in entries])
            old = dict(before)
            new = dict(after)
            touched: set[str] = set()
            counted: Counter[tuple[str, str]] = Counter()
            for slug in old.keys() | new.keys():
                was, now = old.get(slug, {}), new.get(slug, {})
                touched.update(k for k in was.keys() | now.keys() if was.get(k) != now.get(k))
                counted.subtract(permutations([k for k, row in was.items() if row[0]], 2))
                counted.update(permutations([k for k, row in now.items() if row[0]], 2))
            db.executemany(
                "INSERT INTO site_pairs VALUES (?, ?, ?) ON CONFLICT (entity, other)"
                " DO UPDATE SET articles = articles + excluded.articles",
                flat_pairs(counted),
            )
            db.execute("DELETE FROM site_pairs WHERE articles <= 0")
            totals_before = self._totals(db, touched)
            db.executemany("DELETE FROM site_entities WHERE entity = ?", ((e,) for e in touched))
            db.executemany(
                "INSERT INTO site_entities SELECT entity, sum(mentions), count(*), max(date)"
                " FROM site_named WHERE entity = ? AND mentions > 0 GROUP BY entity",
                ((e,) for e in touched),
            )
            totals_after = self._totals(db, touched)
        return IndexChange(
            touched=frozenset(touched),
            recounted=frozenset(
                key
                for key in touched
                if _mentions(totals_before.get(key)) != _mentions(totals_after.get(key))
            ),
            published=frozenset(totals_before.keys() ^ totals_after.keys()),
        )

    def ordered(self) -> list[tuple[str, str, str]]:
        """(slug, outline, date) of every article, newest first."""
        query = f"SELECT slug, outline, date FROM site_articles {_NEWEST_FIRST}"
        return list(self.db.execute(query))

    def totals(self) -> dict[str, EntityTotals]:
        """Every published entity (one that some article names) with its counts."""
        rows = self.db.execute("SELECT * FROM site_entities")
        return {entity: EntityTotals(m, a, newest) for entity, m, a, newest in rows}

    def named_in(self, entity_id: str) -> list[tuple[str, str]]:
        """(slug, digest) of the articles naming an entity, newest first."""
        return self._articles_of(entity_id, "mentions")

    def quoted_in(self, entity_id: str) -> list[tuple[str, str]]:
        """(slug, digest) of the articles quoting an entity, newest first."""
        return self._articles_of(entity_id, "quotes")

    def partners(self, entity_id: str) -> list[tuple[str, int]]:
        """The entities named in the same articles, with the number of those articles."""
        return list(
            self.db.execute("SELECT other, articles FROM site_pairs WHERE entity = ?", (entity_id,))
        )

    def partners_of_any(self, entities: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for entity_id in entities:
            found.update(other for other, _ in self.partners(entity_id))
        return found

    def heads(self, slugs: Sequence[str]) -> dict[str, Head]:
        """These articles' heads (decoded once per process)."""
        heads = self._heads
        if len(heads) > _HEADS_KEPT:
            heads.clear()
        wanted = [slug for slug in slugs if slug not in heads]
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            marks = ", ".join("?" * len(batch))
            query = f"SELECT slug, head FROM site_articles WHERE slug IN ({marks})"
            for slug, head in self.db.execute(query, batch):
                heads[slug] = decode_head(head)
        return {slug: heads[slug] for slug in slugs if slug in heads}

    def parts(self, entity_id: str, slugs: Sequence[str]) -> dict[str, EntityPart]:
        """These articles as one entity's pages see them (rows.entity_part)."""
        heads = self.heads(slugs)
        found: dict[str, EntityPart] = {}
        for start in range(0, len(slugs), _BATCH):
            batch = slugs[start : start + _BATCH]
            marks = ", ".join("?" * len(batch))
            rows = self.db.execute(
                f"SELECT slug, block FROM site_named WHERE entity = ? AND slug IN ({marks})",
                (entity_id, *batch),
            )
            found.update((slug, entity_part(heads[slug], block)) for slug, block in rows)
        return found

    def _articles_of(self, entity_id: str, column: str) -> list[tuple[str, str]]:
        query = f"SELECT slug, digest FROM site_named WHERE entity = ? AND {column} > 0"
        return list(self.db.execute(f"{query} {_NEWEST_FIRST}", (entity_id,)))

    @staticmethod
    def _insert(db: sqlite3.Connection, entry: IndexEntry) -> None:
        db.execute(
            "INSERT OR REPLACE INTO site_articles VALUES (?, ?, ?, ?, ?)", article_row(entry)
        )
        db.executemany(
            "INSERT OR REPLACE INTO site_named VALUES (?, ?, ?, ?, ?, ?, ?)", named_rows(entry)
        )

    @staticmethod
    def _rows_of(
        db: sqlite3.Connection, paths: list[str]
    ) -> list[tuple[str, dict[str, tuple[int, int, str, str]]]]:
        """Per article (by path): its slug and its rows, entity -> (mentions, quotes,
        digest, date)."""
        found = []
        for path in paths:
            for (slug,) in db.execute("SELECT slug FROM site_articles WHERE path = ?", (path,)):
                rows = db.execute(
                    "SELECT entity, mentions, quotes, digest, date FROM site_named WHERE slug = ?",
                    (slug,),
                )
                found.append((slug, {entity: (m, q, d, day) for entity, m, q, d, day in rows}))
        return found

    @staticmethod
    def _totals(db: sqlite3.Connection, entities: Iterable[str]) -> dict[str, int]:
        query = "SELECT mentions FROM site_entities WHERE entity = ?"
        found = {}
        for entity_id in entities:
            row = db.execute(query, (entity_id,)).fetchone()
            if row is not None:
                found[entity_id] = int(row[0])
        return found


def _mentions(count: int | None) -> int:
    return count or 0


@dataclass
class Refill:
    """An index being filled afresh: add() batches of rows, then finish() (until then
    the index is marked inconsistent, and a build that dies half way leaves it so)."""

    index: SiteIndex
    # entity -> the articles naming it, as bits (article n: bit n), for the pairs
    articles: dict[str, int] = field(default_factory=dict)
    count: int = 0

    def add(self, entries: Iterable[IndexEntry]) -> None:
        with self.index.db as db:
            for entry in entries:
                db.execute("INSERT INTO site_articles VALUES (?, ?, ?, ?, ?)", article_row(entry))
                db.executemany(
                    "INSERT INTO site_named VALUES (?, ?, ?, ?, ?, ?, ?)", named_rows(entry)
                )
                bit = 1 << self.count
                self.count += 1
                for key in entry.with_mentions():
                    self.articles[key] = self.articles.get(key, 0) | bit

    def finish(self) -> IndexChange:
        with self.index.db as db:
            db.execute(NAMED_BY_SLUG)
            db.executemany("INSERT INTO site_pairs VALUES (?, ?, ?)", pairs(self.articles))
            db.execute(
                "INSERT INTO site_entities SELECT entity, sum(mentions), count(*), max(date)"
                " FROM site_named WHERE mentions > 0 GROUP BY entity"
            )
        return IndexChange(everything=True)
