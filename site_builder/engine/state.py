"""What the last build produced, so the next one redoes only what changed.

Kept in memory by `serve`, and stored between command-line builds in one SQLite file in
.site-build-cache/: a small index (every article's file signature, content key and
outline, every page's fingerprint) that each build reads, and one row per article with
what other pages need of it, read only when a page that shows the article is rendered.
The site index (site/index.py) lives in the same file.

Everything is stored as plain SQLite columns and JSON text, never pickled: a cache file
crafted by someone else can at worst make a build start from scratch, never run code.
The cache is keyed by the package version and FORMAT: a new site-build starts afresh.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern
from typing import Any, NamedTuple

from .. import __version__
from ..errors import SiteBuilderError
from ..models import (
    AnnotatedArticle,
)
from ..paths import write_atomic
from ..site.entries import IndexEntry
from ..site.index import SiteIndex
from ..site.rows import decode_article, decode_mentions, decode_quotes, encode_article

STATE_FILE = "state.sqlite"
FORMAT = 10  # bump when the stored values change shape
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, signature TEXT NOT NULL,"
    " key TEXT NOT NULL, outline TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS pages (path TEXT PRIMARY KEY, fingerprint TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS articles (path TEXT PRIMARY KEY, key TEXT, data TEXT NOT NULL)",
)
# What a build keeps in `meta`, besides the version and format that make it valid.
_META_FIELDS = ("knowledge", "output", "static", "base")
_new_tuple = tuple.__new__
# Up to this many rows are read one by one (by primary key), more in one scan.
_FEW = 64
# What a stored value may fail with when it is not what this version wrote.
_DECODING_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError)


class CachedArticle(NamedTuple):
    """One article as the last build saw it."""

    signature: tuple[int, int, int, int]  # paths.file_signature of the content file
    key: str  # content bytes + knowledge base + engine version
    outline: str  # digest of what index pages, feeds and entity page headers show of it
    # The rest is in the article's row of the store; None until read from it.
    annotated: AnnotatedArticle | None = None  # without HTML: what other pages need of it
    # entity id -> digest of what this article adds to that entity's page
    entity_digests: dict[str, str] | None = None
    entry: IndexEntry | None = None  # its rows in the site index, when just processed


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
    # Kept only in memory (serve): parsed knowledge base and compiled templates.
    reusable: dict[str, Any] = field(default_factory=dict, compare=False)
    index: SiteIndex | None = field(default=None, compare=False)  # opened by the build

    def fill_details(self, articles: dict[str, CachedArticle]) -> list[str]:
        """Read from the store what `articles` lacks, in place; returns the paths the
        store could not provide (they must be processed again)."""
        wanted = [path for path, item in articles.items() if item.annotated is None]
        if not wanted:
            return []
        found = read_rows(Path(self.cache), articles, wanted) if self.cache else {}
        for path, (annotated, digests) in found.items():
            articles[path] = articles[path]._replace(annotated=annotated, entity_digests=digests)
        return [path for path in wanted if path not in found]


WORDS_FILE = "word-frequencies.json"


def load_word_frequencies(cache: Path) -> dict[str, float]:
    """The word frequencies earlier builds looked up (words.py); a file that is not a
    mapping of words to numbers is ignored."""
    try:
        loaded = json.loads((cache / WORDS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {
        word: float(value)
        for word, value in loaded.items()
        if isinstance(word, str) and isinstance(value, (int, float))
    }


def save_word_frequencies(cache: Path, known: dict[str, float]) -> None:
    check_cache_folder(cache)
    try:
        write_atomic(cache / WORDS_FILE, json.dumps(known, separators=(",", ":")))
    except OSError as error:
        raise SiteBuilderError(
            f"cannot write the build cache: {error.strerror}", path=cache / WORDS_FILE
        ) from None


def check_cache_folder(cache: Path) -> None:
    """A cache that is not ours to replace (a file where the folder goes, a folder where
    the database goes) is reported, not overwritten."""
    if cache.exists() and not cache.is_dir():
        raise SiteBuilderError(
            "the build cache should be a folder but is a file; move it away "
            "(site-build keeps only rebuildable data there)",
            path=cache,
        )
    store = cache / STATE_FILE
    if store.exists() and not store.is_file():
        raise SiteBuilderError(
            "the build cache database should be a file but is not; remove it "
            "(site-build keeps only rebuildable data there)",
            path=store,
        )


def load_state(cache: Path) -> BuildState:
    check_cache_folder(cache)
    if not (cache / STATE_FILE).is_file():
        return BuildState()
    try:
        connection = _connect(cache, create=False)
        try:
            state = _read_index(connection)
        finally:
            connection.close()
    except (sqlite3.Error, *_DECODING_ERRORS):
        state = None
    if state is None:
        # Unreadable or from another version: a lost cache costs one full build.
        with contextlib.suppress(FileNotFoundError):
            (cache / STATE_FILE).unlink()
        return BuildState()
    state.cache = str(cache)
    return state


def _read_index(connection: sqlite3.Connection) -> BuildState | None:
    meta = dict(connection.execute("SELECT name, value FROM meta"))
    if meta.get("version") != __version__ or meta.get("format") != str(FORMAT):
        return None
    state = BuildState()
    for name in _META_FIELDS:
        setattr(state, name, str(meta.get(name, "")))
    for path, signature, key, outline in connection.execute("SELECT * FROM files"):
        numbers = json.loads(signature)
        if not (isinstance(numbers, list) and len(numbers) == 4):
            raise ValueError(f"bad signature for {path}")
        state.articles[path] = CachedArticle(
            (int(numbers[0]), int(numbers[1]), int(numbers[2]), int(numbers[3])),
            str(key),
            str(outline),
        )
    state.pages = {str(p): str(f) for p, f in connection.execute("SELECT * FROM pages")}
    return state


def pack_article(annotated: AnnotatedArticle, entity_digests: dict[str, str]) -> str:
    """An article's row in the store, as JSON (made in the worker that annotated it)."""
    data = {
        "article": encode_article(annotated.article),
        "mentions": [list(m) for m in annotated.mentions],
        "summary": annotated.summary,
        "quotes": [list(q) for q in annotated.quotes],
        "digests": entity_digests,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def unpack_article(data: str) -> tuple[AnnotatedArticle, dict[str, str]]:
    """A row read back (without body, HTML or recorded entity counts: pack_article does not
    store them), its entity ids and names shared with every other article's: at
    thousands of articles that halves the memory the mentions take."""
    row = json.loads(data)
    annotated = AnnotatedArticle(
        decode_article(row["article"]),
        "",
        "",
        "",
        decode_mentions(row["mentions"]),
        str(row["summary"]),
        decode_quotes(row["quotes"]),
    )
    digests = {intern(str(k)): str(v) for k, v in row["digests"].items()}
    return annotated, digests


def write_rows(cache: Path, rows: list[tuple[str, str, str]], *, fresh: bool) -> None:
    """Store (path, content key, packed article) rows at once, so the build need not keep
    them; `fresh` starts the store afresh. A row whose key is not the one in the index
    (a build that failed after writing it) is never read."""
    if fresh:
        with contextlib.suppress(FileNotFoundError):
            (cache / STATE_FILE).unlink()
    with _storing(cache) as connection:
        connection.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", rows)


def save_state(
    cache: Path,
    state: BuildState,
    rows: list[tuple[str, str, str]],
    stored: tuple[dict[str, CachedArticle], dict[str, str]] | None = None,
) -> None:
    """Store the index and the rows not stored yet, in one transaction. `stored`: the
    articles and pages the store already holds (those the build started from), so only
    what changed is written (a one-article edit rewrote 10,000 rows at 5,000 articles)."""
    with _storing(cache) as connection:
        connection.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", rows)
        if stored is None:
            stored = _stored_index(connection)
        articles, pages = stored
        gone = [(path,) for path in articles.keys() - state.articles.keys()]
        connection.executemany("DELETE FROM articles WHERE path = ?", gone)
        connection.executemany("DELETE FROM files WHERE path = ?", gone)
        connection.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
            (
                (path, json.dumps(item.signature), item.key, item.outline)
                for path, item in state.articles.items()
                if _indexed(articles.get(path)) != _indexed(item)
            ),
        )
        connection.executemany(
            "DELETE FROM pages WHERE path = ?", ((p,) for p in pages.keys() - state.pages.keys())
        )
        connection.executemany(
            "INSERT OR REPLACE INTO pages VALUES (?, ?)",
            ((p, f) for p, f in state.pages.items() if pages.get(p) != f),
        )
        meta = {"version": __version__, "format": str(FORMAT)}
        meta.update({name: getattr(state, name) for name in _META_FIELDS})
        connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
    state.cache = str(cache)


def _stored_index(
    connection: sqlite3.Connection,
) -> tuple[dict[str, CachedArticle], dict[str, str]]:
    """What the store's index holds, as far as save_state needs to know: everything in
    it is replaced (a CachedArticle never equals a placeholder)."""
    articles = {str(path): _REPLACED for (path,) in connection.execute("SELECT path FROM files")}
    articles.update({str(p): _REPLACED for (p,) in connection.execute("SELECT path FROM articles")})
    pages = {str(path): "" for (path,) in connection.execute("SELECT path FROM pages")}
    return articles, pages


_REPLACED = CachedArticle((0, 0, 0, 0), "", "")


def _indexed(item: CachedArticle | None) -> tuple[object, ...] | None:
    """What the files table holds of an article."""
    return None if item is None else (item.signature, item.key, item.outline)


@contextlib.contextmanager
def _storing(cache: Path) -> Any:
    """A transaction on the store; a store that cannot be written is reported."""
    check_cache_folder(cache)
    try:
        connection = _connect(cache, create=True)
        try:
            with connection:
                yield connection
        finally:
            connection.close()
    except (sqlite3.Error, OSError) as error:
        raise SiteBuilderError(
            f"cannot write the build cache: {error}", path=cache / STATE_FILE
        ) from None


def read_rows(
    cache: Path, articles: dict[str, CachedArticle], paths: list[str]
) -> dict[str, tuple[AnnotatedArticle, dict[str, str]]]:
    """Rows whose key is the one in the index; a row that is unreadable or not what this
    version wrote is left out (its article is processed again)."""
    wanted = set(paths)
    found: dict[str, tuple[AnnotatedArticle, dict[str, str]]] = {}
    with contextlib.suppress(sqlite3.Error):
        connection = _connect(cache, create=False)
        try:
            one = "SELECT path, key, data FROM articles WHERE path = ?"
            rows: Any
            if len(wanted) <= _FEW:
                rows = (row for path in wanted for row in connection.execute(one, (path,)))
            else:
                rows = connection.execute("SELECT path, key, data FROM articles")
            for path, key, data in rows:
                if path in wanted and articles[path].key == key:
                    with contextlib.suppress(*_DECODING_ERRORS):
                        found[path] = unpack_article(data)
        finally:
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
