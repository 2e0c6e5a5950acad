"""dist/ is site-build's alone: a build never deletes what it did not make."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.paths import SitePaths


def _sources(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".site-build-cache" not in path.parts
    }


def test_a_dist_link_to_the_site_itself_is_refused_and_nothing_is_lost(
    site: SitePaths,
    run,  # type: ignore[no-untyped-def]
) -> None:
    (site.root / "README.md").write_text("my notes\n", encoding="utf-8")
    os.symlink(".", site.output)
    before = {name for name in _sources(site.root) if not name.startswith("content/")}
    code, _, err = run("--root", str(site.root), "build")
    assert code == 1
    assert "dist: refusing to build into a symbolic link" in err
    after = _sources(site.root)
    assert before <= set(after) and after["README.md"] == b"my notes\n"
    assert site.output.is_symlink()


def test_a_dist_link_to_another_folder_leaves_that_folder_alone(
    site: SitePaths,
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "thesis.txt").write_text("three years of work", encoding="utf-8")
    os.symlink(documents, site.output)
    assert run("--root", str(site.root), "build")[0] == 1
    assert [p.name for p in documents.iterdir()] == ["thesis.txt"]


def test_a_folder_site_build_did_not_make_is_not_replaced(
    site: SitePaths,
    run,  # type: ignore[no-untyped-def]
) -> None:
    site.output.mkdir()
    (site.output / "notes.md").write_text("keep me", encoding="utf-8")
    (site.output / ".git").mkdir()
    code, _, err = run("--root", str(site.root), "build")
    assert code == 1 and "did not make" in err and "move or remove it" in err
    assert (site.output / "notes.md").read_text(encoding="utf-8") == "keep me"
    assert (site.output / ".git").is_dir()


def test_a_dist_file_is_not_moved_away(site: SitePaths, run) -> None:  # type: ignore[no-untyped-def]
    site.output.write_text("not a folder", encoding="utf-8")
    code, _, err = run("--root", str(site.root), "build")
    assert code == 1 and "is a file, not a folder" in err
    assert site.output.read_text(encoding="utf-8") == "not a folder"


def test_an_empty_dist_and_our_own_dist_are_built_into(
    site: SitePaths,
    run,  # type: ignore[no-untyped-def]
) -> None:
    site.output.mkdir()
    assert run("--root", str(site.root), "build")[0] == 0
    (site.output / "index.html").unlink()
    site.articles.joinpath("extra.md").write_text(
        "---\ntitle: Extra\ndate: 2024-11-02\n---\nText.\n", encoding="utf-8"
    )
    assert run("--root", str(site.root), "build")[0] == 0
    assert (site.output / "index.html").is_file()


def test_staging_folders_of_killed_builds_are_removed_by_the_next_build(
    site: SitePaths,
    run,  # type: ignore[no-untyped-def]
) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    leftovers = [
        site.root / f".dist-new-{dead}-abcd1234",
        site.root / ".dist-new-x1y2z3w4",  # named by builds before the pid was in the name
        site.root / f".dist-old-{dead}",
    ]
    for folder in leftovers:
        (folder / "articles").mkdir(parents=True)
        (folder / "articles" / "page.html").write_text("old", encoding="utf-8")
    running = site.root / f".dist-new-{os.getpid()}-live"  # a build still at work
    running.mkdir()
    assert run("--root", str(site.root), "build")[0] == 0
    assert not any(folder.exists() for folder in leftovers)
    assert running.is_dir()


def test_a_parent_folder_that_cannot_be_written_is_a_message(
    site: SitePaths,
    monkeypatch: pytest.MonkeyPatch,
    run,  # type: ignore[no-untyped-def]
) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("site_builder.engine.writer.tempfile.mkdtemp", refuse)
    code, _, err = run("--root", str(site.root), "build")
    assert code == 1
    assert "cannot write the site beside dist: Permission denied" in err
    assert not site.output.exists()


def test_a_deleted_article_leaves_no_folder_behind(
    site: SitePaths,
    run,  # type: ignore[no-untyped-def]
) -> None:
    site.articles.mkdir(parents=True, exist_ok=True)
    extra = site.articles / "extra.md"
    extra.write_text("---\ntitle: Extra\ndate: 2024-11-02\n---\nText.\n", encoding="utf-8")
    assert run("--root", str(site.root), "build")[0] == 0
    assert (site.output / "articles" / "extra" / "index.html").is_file()
    extra.unlink()
    assert run("--root", str(site.root), "build")[0] == 0
    assert not (site.output / "articles" / "extra").exists()
