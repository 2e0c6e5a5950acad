"""What the last build produced, so the next one redoes only what changed.

Kept in memory by `serve`, and stored between command-line builds in one SQLite file in
.site-build-cache/: a small index (every article's file signature, content key and
outline, every page's fingerprint) that each build reads, and one row per article with
what other pages need of it, read only when the whole site has to be assembled again.
An edit that touches one article thus reads the index and writes one row, not the whole
cache; one transaction keeps index and rows consistent. The cache is keyed by the package
version: a new site-build starts from scratch.
"""

from __future__ import annotations

import contextlib
import pickle
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path
from sys import intern
from typing import Any, NamedTuple

from . import __version__
from .models import AnnotatedArticle, PlacedMention

STATE_FILE = "state.sqlite"
FORMAT = 5  # bump when the cached values change shape
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS articles (path TEXT PRIMARY KEY, key TEXT, data BLOB NOT NULL)",
)


class CachedArticle(NamedTuple):
    """One article as the last build saw it (a tuple: the index pickles 5,000 of them
    on every build, and tuples pickle several times faster than dataclasses)."""

    signature: tuple[int, int, int, int]  # paths.file_signature of the content file
    key: str  # content bytes + knowledge base + engine version
    outline: str  # digest of what index pages, feeds and entity page headers show of it
    # The rest is in the article's row of the store; None until read from it.
    annotated: AnnotatedArticle | None = None  # without HTML: what other pages need of it
    # entity id -> digest of what this article adds to that entity's page
    entity_digests: dict[str, str] | None = None


@dataclass
class BuildState:
    version: str = __version__
    format: int = FORMAT
    knowledge: str = ""
    articles: dict[str, CachedArticle] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # output path -> fingerprint
    output: str = ""
    static: str = ""
    base: str = ""  # fingerprint of engine, knowledge base, settings and templates
    cache: str = ""  # folder of the store the rows can be read from
    # article slug -> entity id -> number of the entity page that lists the article;
    # in a row of its own, read only by an edit that patches entity pages.
    shown_on: dict[str, dict[str, int]] | None = None
    shown_on_is_stored: bool = False
    # Kept only in memory (serve): parsed knowledge base and compiled templates.
    reusable: dict[str, Any] = field(default_factory=dict, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.update(reusable={}, shown_on=None, shown_on_is_stored=False)
        state["articles"] = {
            path: item._replace(annotated=None, entity_digests=None)
            for path, item in self.articles.items()
        }
        return state

    def fill_details(self, articles: dict[str, CachedArticle]) -> list[str]:
        """Read from the store what `articles` lacks, in place; returns the paths the
        store could not provide (they must be processed again)."""
        wanted = [path for path, item in articles.items() if item.annotated is None]
        if not wanted:
            return []
        found = _read_rows(Path(self.cache), articles, wanted) if self.cache else {}
        for path, (annotated, digests) in found.items():
            articles[path] = articles[path]._replace(annotated=annotated, entity_digests=digests)
        return [path for path in wanted if path not in found]

    def details(self, path: str) -> tuple[AnnotatedArticle, dict[str, str]] | None:
        """One article as the last build left it, with its entity digests."""
        item = self.articles.get(path)
        if item is not None and item.annotated is not None and item.entity_digests is not None:
            return item.annotated, item.entity_digests
        if item is None or not self.cache:
            return None
        return _read_rows(Path(self.cache), self.articles, [path]).get(path)

    def entity_pages_of(self, slug: str) -> dict[str, int] | None:
        if self.shown_on is None and self.cache:
            self.shown_on = _read_meta(Path(self.cache), "shown_on")
            self.shown_on_is_stored = True
        return None if self.shown_on is None else self.shown_on.get(slug)


def load_state(cache: Path) -> BuildState:
    try:
        state = _read_meta(cache, "index", quiet=False)
    except (sqlite3.DatabaseError, *_UNPICKLING_ERRORS):
        # Unreadable: a lost cache costs one full build, and a new one is written.
        with contextlib.suppress(FileNotFoundError):
            (cache / STATE_FILE).unlink()
        return BuildState()
    if (
        isinstance(state, BuildState)
        and state.version == __version__
        and getattr(state, "format", None) == FORMAT
    ):
        state.cache = str(cache)
        return state
    return BuildState()


def pack_article(annotated: AnnotatedArticle, entity_digests: dict[str, str]) -> bytes:
    """An article's row in the store (made in the worker that annotated it)."""
    return pickle.dumps((annotated, entity_digests), protocol=pickle.HIGHEST_PROTOCOL)


def unpack_article(data: bytes) -> tuple[AnnotatedArticle, dict[str, str]]:
    """A row read back, its entity ids and names shared with every other article's:
    at thousands of articles that halves the memory the mentions take."""
    annotated, digests = pickle.loads(data)
    mentions = tuple(
        PlacedMention(m.number, intern(m.text), intern(m.key), m.type, m.sentence, m.part)
        for m in annotated.mentions
    )
    return replace(annotated, mentions=mentions), {intern(k): v for k, v in digests.items()}


def write_rows(cache: Path, rows: list[tuple[str, str, bytes]], *, fresh: bool) -> None:
    """Store (path, content key, packed article) rows at once, so the build need not keep
    them; `fresh` starts the store afresh. A row whose key is not the one in the index
    (a build that failed after writing it) is never read."""
    if fresh:
        with contextlib.suppress(FileNotFoundError):
            (cache / STATE_FILE).unlink()
    with _connect(cache, create=True) as connection:
        connection.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", rows)
    connection.close()


def save_state(cache: Path, state: BuildState, rows: list[tuple[str, str, bytes]]) -> None:
    """Store the index and the rows not stored yet, in one transaction."""
    with _connect(cache, create=True) as connection:
        connection.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", rows)
        stored = {path for (path,) in connection.execute("SELECT path FROM articles")}
        gone = stored - set(state.articles)
        connection.executemany("DELETE FROM articles WHERE path = ?", ((p,) for p in gone))
        meta: list[tuple[str, object]] = [("index", state)]
        if state.shown_on is not None and not state.shown_on_is_stored:
            meta.append(("shown_on", state.shown_on))
        connection.executemany(
            "INSERT OR REPLACE INTO meta (name, data) VALUES (?, ?)",
            ((name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) for name, value in meta),
        )
    connection.close()
    state.cache, state.shown_on_is_stored = str(cache), state.shown_on is not None


def _read_meta(cache: Path, name: str, *, quiet: bool = True) -> Any:
    """A value of the meta table; None when there is none (or, `quiet`, when unreadable)."""
    if not (cache / STATE_FILE).is_file():
        return None
    try:
        connection = _connect(cache, create=False)
        with connection:
            row = connection.execute("SELECT data FROM meta WHERE name = ?", (name,)).fetchone()
        connection.close()
        return pickle.loads(row[0]) if row else None
    except (sqlite3.Error, *_UNPICKLING_ERRORS):
        if quiet:
            return None
        raise


def _read_rows(
    cache: Path, articles: dict[str, CachedArticle], paths: list[str]
) -> dict[str, tuple[AnnotatedArticle, dict[str, str]]]:
    wanted = set(paths)
    found: dict[str, tuple[AnnotatedArticle, dict[str, str]]] = {}
    with contextlib.suppress(sqlite3.Error, *_UNPICKLING_ERRORS):
        connection = _connect(cache, create=False)
        with connection:
            one = "SELECT path, key, data FROM articles WHERE path = ?"
            if len(wanted) == 1:
                rows = connection.execute(one, paths)
            else:
                rows = connection.execute("SELECT path, key, data FROM articles")
            for path, key, data in rows:
                if path in wanted and articles[path].key == key:
                    found[path] = unpack_article(data)
        connection.close()
    return found


def _connect(cache: Path, *, create: bool) -> sqlite3.Connection:
    path = cache / STATE_FILE
    if not create and not path.is_file():
        raise sqlite3.OperationalError(f"no build cache at {path}")
    cache.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    # A lost cache costs one full build; syncing every commit would cost every build.
    connection.execute("PRAGMA synchronous = OFF")
    for statement in _SCHEMA:
        connection.execute(statement)
    return connection


_UNPICKLING_ERRORS = (
    pickle.UnpicklingError,
    EOFError,
    AttributeError,
    TypeError,
    ValueError,
    ImportError,
    IndexError,
)
