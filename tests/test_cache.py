"""The build cache holds data, never code; a cache in the wrong shape gives a message."""

from __future__ import annotations

import json
import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest

from site_builder.engine.build import BuildOptions, build
from site_builder.engine.state import FORMAT, STATE_FILE, BuildState, load_state
from site_builder.errors import SiteBuilderError
from site_builder.paths import UNSETTLED, SitePaths

from .test_incremental import _tree, corpus_site  # noqa: F401 (a fixture)


class _Payload:
    """Unpickling this creates a file: what a crafted cache would do to run code."""

    def __init__(self, target: Path):
        self.target = target

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (str(self.target), "ran"))


def test_a_crafted_pickle_in_the_cache_is_never_run(site: SitePaths, tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    payload = pickle.dumps(_Payload(target))
    site.cache.mkdir()
    connection = sqlite3.connect(site.cache / STATE_FILE)
    with connection:  # the layout of the pickled cache of earlier versions
        connection.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, data BLOB NOT NULL)")
        connection.execute("CREATE TABLE articles (path TEXT PRIMARY KEY, key TEXT, data BLOB)")
        connection.execute("INSERT INTO meta VALUES ('index', ?)", (payload,))
        connection.execute("INSERT INTO meta VALUES ('shown_on', ?)", (payload,))
    connection.close()
    build(site)
    build(site)
    assert not target.exists()
    assert _tree(site.output) == _cold(site, tmp_path)


def test_the_cache_is_plain_json_and_bad_rows_cost_a_rebuild(
    site: SitePaths, tmp_path: Path
) -> None:
    build(site)
    connection = sqlite3.connect(site.cache / STATE_FILE)
    meta = dict(connection.execute("SELECT name, value FROM meta"))
    assert meta["format"] == str(FORMAT)
    rows = connection.execute("SELECT path, data FROM articles").fetchall()
    assert rows and all(isinstance(json.loads(data), dict) for _, data in rows)
    with connection:  # rows of the right version but not the right shape
        connection.execute("UPDATE articles SET data = '{\"article\": [1, 2]}'")
    connection.close()
    (site.articles / next(iter(site.articles.glob("*.md"))).name).touch()
    site.config_file.write_text("title: Another title\n", encoding="utf-8")
    build(site)  # plans the whole site again, from rows it cannot read
    assert _tree(site.output) == _cold(site, tmp_path)


def test_a_cache_folder_that_is_a_file_is_reported(site: SitePaths, run: object) -> None:
    site.cache.write_text("mine\n", encoding="utf-8")
    with pytest.raises(SiteBuilderError) as raised:
        build(site)
    assert ".site-build-cache" in str(raised.value) and "is a file" in str(raised.value)
    assert site.cache.read_text(encoding="utf-8") == "mine\n"


def test_a_cache_database_that_is_a_folder_is_reported(site: SitePaths, run: object) -> None:
    (site.cache / STATE_FILE).mkdir(parents=True)
    with pytest.raises(SiteBuilderError) as raised:
        build(site)
    assert STATE_FILE in str(raised.value)
    code, _, err = run("--root", str(site.root), "build")  # type: ignore[operator]
    assert code != 0 and "Traceback" not in err and STATE_FILE in err


def _cold(site: SitePaths, tmp_path: Path) -> dict[str, str]:
    output = tmp_path / "cold"
    build(site, BuildOptions(output=output), state=BuildState())
    return _tree(output)


def test_the_stored_index_after_edits_is_the_one_a_cold_build_stores(
    corpus_site: SitePaths,  # noqa: F811 (the fixture)
) -> None:
    """An incremental build writes only the index rows that changed: after an edit and a
    deletion, the store holds exactly what a cold build of the same content stores."""
    site = corpus_site
    build(site)
    first, second = sorted(site.articles.glob("*.md"))[:2]
    first.write_text(first.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    second.unlink()
    build(site)
    edited = load_state(site.cache)
    shutil.rmtree(site.cache)
    build(site)
    fresh = load_state(site.cache)
    assert {p: item[1:3] for p, item in edited.articles.items()} == {
        p: item[1:3] for p, item in fresh.articles.items()
    }
    # A file written less than two seconds before a build has no trusted signature yet
    # (paths.file_signature): the edited build may have come that soon, the cold one not.
    assert all(
        edited.articles[path].signature in (item.signature, UNSETTLED)
        for path, item in fresh.articles.items()
    )
    assert edited.pages == fresh.pages
    connection = sqlite3.connect(site.cache / STATE_FILE)
    stored = {path for (path,) in connection.execute("SELECT path FROM articles")}
    connection.close()
    assert stored == set(fresh.articles) and str(second) not in stored
