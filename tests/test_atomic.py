"""Every build, incremental ones too, leaves dist/ wholly the old site or wholly the new."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import site_builder.engine.writer
from site_builder.engine.build import BuildOptions, build
from site_builder.engine.state import BuildState
from site_builder.errors import SiteBuilderError
from site_builder.models import RenderedPage
from site_builder.paths import SitePaths

from .test_incremental import CORPUS, _tree


def _site(site: SitePaths, title: str) -> None:
    site.config_file.write_text(
        f"title: {title}\nbase_url: https://user.github.io/repo/\nsearch: false\n",
        encoding="utf-8",
    )


def _cold(site: SitePaths, folder: Path) -> dict[str, str]:
    """A cold build of a copy of the site, by the command line as the others."""
    copy = SitePaths(folder)
    shutil.copytree(site.seeds, copy.seeds)
    shutil.copytree(site.content, copy.content)
    shutil.copy(site.config_file, copy.config_file)
    subprocess.run(_command(copy), check=True, capture_output=True, env=_ENV)
    return _tree(copy.output)


# The same string hashing in every build process: a cold build in another process must
# give the same bytes (what one build writes may not depend on set order, but that is
# the business of other tests).
_ENV = {**os.environ, "PYTHONHASHSEED": "0"}


@pytest.fixture
def bigger_site(site: SitePaths) -> SitePaths:
    for seed in sorted(CORPUS.glob("*.txt"))[:16]:
        shutil.copy(seed, site.seeds / seed.name)
    _site(site, "Old Title")
    return site


def _command(site: SitePaths) -> list[str]:
    return [sys.executable, "-m", "site_builder.cli", "--root", str(site.root), "build"]


def test_killed_incremental_builds_leave_the_old_site_or_the_new(
    bigger_site: SitePaths, tmp_path: Path
) -> None:
    """A title change rewrites every page; kill -9 at random moments of that build."""
    site, rng = bigger_site, random.Random(12)
    trees = {}
    for title in ("Old Title", "New Title"):
        _site(site, title)
        trees[title] = _cold(site, tmp_path / title.replace(" ", "-"))
    _site(site, "Old Title")
    subprocess.run(_command(site), check=True, capture_output=True, env=_ENV)
    started = time.monotonic()
    _site(site, "New Title")
    subprocess.run(_command(site), check=True, capture_output=True, env=_ENV)
    duration = time.monotonic() - started
    outcomes = []
    for attempt in range(10):
        current = "Old Title" if _tree(site.output) == trees["Old Title"] else "New Title"
        assert _tree(site.output) == trees[current]
        target = "New Title" if current == "Old Title" else "Old Title"
        _site(site, target)
        process = subprocess.Popen(
            _command(site), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV
        )
        time.sleep(rng.uniform(0.05, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        found = _tree(site.output)
        assert found in (trees[current], trees[target]), f"attempt {attempt}: a mixed dist/"
        outcomes.append(found == trees[target])
    assert not all(outcomes), "some kill must have come before the swap"
    subprocess.run(_command(site), check=True, capture_output=True, env=_ENV)
    assert _tree(site.output) == trees[target]
    leftovers = [
        p.name for p in site.root.iterdir() if p.name.startswith((".dist-new", ".dist-old"))
    ]
    assert leftovers == []


def test_a_write_failing_half_way_reports_and_keeps_the_old_site(
    bigger_site: SitePaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = bigger_site
    build(site)
    before = _tree(site.output)
    written: list[RenderedPage] = []
    write_page = site_builder.engine.writer.write_page

    def failing(folder: Path, page: RenderedPage) -> int:
        if len(written) == 5:
            raise PermissionError(13, "Permission denied", str(folder / "articles"))
        written.append(page)
        return write_page(folder, page)

    monkeypatch.setattr("site_builder.engine.writer.write_page", failing)
    monkeypatch.setattr("site_builder.engine.build.write_page", failing)
    monkeypatch.setattr("site_builder.engine.workers.write_page", failing)
    _site(site, "New Title")
    with pytest.raises(SiteBuilderError) as raised:
        build(site)
    assert "Permission denied" in str(raised.value)
    assert _tree(site.output) == before
    monkeypatch.undo()
    build(site)
    build(site, BuildOptions(output=tmp_path / "cold"), state=BuildState())
    assert _tree(site.output) == _tree(tmp_path / "cold")
    assert not [p for p in site.root.iterdir() if p.name.startswith((".dist-new", ".dist-old"))]


def test_an_incremental_build_never_writes_through_to_the_old_files(
    bigger_site: SitePaths,
) -> None:
    """The new site shares unchanged files with the old one (hard links): a changed page
    is a new file, so a reader of the old site (or a copy of it) never sees it change."""
    site = bigger_site
    build(site)
    article = next(site.output.glob("articles/*/index.html"))
    # Another name for the old file, as a running server or a deploy in progress holds it
    # (outside dist/: a build makes dist/ what it built, nothing else).
    kept = site.root / ".kept-article.html"
    os.link(article, kept)
    old = kept.read_bytes()
    _site(site, "New Title")
    build(site)
    assert kept.read_bytes() == old
    assert b"New Title" in article.read_bytes()
