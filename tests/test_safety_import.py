"""Import is safe with any seed: renamed, deleted, undated, oversized, with NUL bytes or a
non-UTF-8 file name, two imports at once, a corrupt manifest, a full disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from site_builder.paths import SitePaths
from site_builder.sources.content import read_article

from .conftest import SEED, SEED_ARTICLE_SLUG, seed_text, write_seed


def _articles(site: SitePaths) -> list[str]:
    return sorted(path.name for path in site.articles.glob("*.md"))


def _manifest(site: SitePaths) -> dict[str, Any]:
    return json.loads(site.import_manifest.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_a_renamed_seed_keeps_its_article(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    assert run("--root", str(site.root), "build")[0] == 0
    (site.seeds / SEED.name).rename(site.seeds / "renamed.txt")
    code, _, err = run("--root", str(site.root), "build")
    assert code == 0, err
    assert _articles(site) == [f"{SEED_ARTICLE_SLUG}.md"], "no duplicate -2 article"
    assert not list(site.output.glob("articles/*-2"))
    assert _manifest(site)["articles"][SEED_ARTICLE_SLUG]["seed"] == "seeds/renamed.txt"
    article = read_article(site.articles / f"{SEED_ARTICLE_SLUG}.md")
    assert article.seed_file == "seeds/renamed.txt"


def test_a_renamed_seed_keeps_an_edited_article_as_is(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    assert run("--root", str(site.root), "import")[0] == 0
    target = site.articles / f"{SEED_ARTICLE_SLUG}.md"
    edited = target.read_text(encoding="utf-8").replace("hailed", "praised")
    target.write_text(edited, encoding="utf-8")
    (site.seeds / SEED.name).rename(site.seeds / "renamed.txt")
    code, _, err = run("--root", str(site.root), "import")
    assert code == 0 and _articles(site) == [f"{SEED_ARTICLE_SLUG}.md"]
    assert target.read_text(encoding="utf-8") == edited
    assert "edited by hand" in err


def test_a_deleted_article_is_retired_not_recreated(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    write_seed(site, "other.txt", seed_text("Another Story"))
    assert run("--root", str(site.root), "build")[0] == 0
    (site.articles / f"{SEED_ARTICLE_SLUG}.md").unlink()
    code, out, err = run("--root", str(site.root), "build")
    assert code == 0, err
    assert f"--unretire {SEED_ARTICLE_SLUG}" in err and "retired" in err
    assert _articles(site) == ["another-story.md"]
    assert "built 1 article(s)" in out
    assert _manifest(site)["retired"] == [SEED_ARTICLE_SLUG]
    assert (site.seeds / SEED.name).is_file(), "the seed is never touched"
    # the next build says nothing more and still does not bring it back
    code, _, err = run("--root", str(site.root), "build")
    assert code == 0 and "retired" not in err
    assert _articles(site) == ["another-story.md"]
    # un-retired on request
    code, out, _ = run("--root", str(site.root), "import", "--unretire", SEED_ARTICLE_SLUG)
    assert code == 0 and f"{SEED_ARTICLE_SLUG}.md" in out
    assert f"{SEED_ARTICLE_SLUG}.md" in _articles(site)
    assert "retired" not in _manifest(site)


def test_unretiring_a_slug_that_is_not_retired_is_a_usage_error(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("--root", str(site.root), "import", "--unretire", "nope")
    assert code == 2 and "'nope' is not a retired article (retired: none)" in err


def test_a_restored_article_is_no_longer_retired(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    assert run("--root", str(site.root), "import")[0] == 0
    target = site.articles / f"{SEED_ARTICLE_SLUG}.md"
    saved = target.read_bytes()
    target.unlink()
    assert run("--root", str(site.root), "import")[0] == 0
    assert _manifest(site)["retired"] == [SEED_ARTICLE_SLUG]
    target.write_bytes(saved)
    assert run("--root", str(site.root), "import")[0] == 0
    assert "retired" not in _manifest(site)


def test_an_undated_seed_is_imported_with_a_warning_and_the_site_builds(
    run, site: SitePaths
) -> None:  # type: ignore[no-untyped-def]
    path = write_seed(site, "brief.txt", "# A Short Brief\n\nJust a body, no date.\n")
    os.utime(path, (1_700_000_000, 1_700_000_000))  # 2023-11-14
    code, out, err = run("--root", str(site.root), "build")
    assert code == 0, err
    assert f"{path}:3: no dateline; dated 2023-11-14 by the file's modification time" in err
    assert "built 2 article(s)" in out
    page = (site.output / "articles" / "a-short-brief" / "index.html").read_text()
    assert "Just a body, no date." in page
    assert read_article(site.articles / "a-short-brief.md").date.isoformat() == "2023-11-14"


def test_an_impossible_dateline_is_an_error_with_its_line(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    write_seed(site, "bad.txt", "# Bad Date\n\nNovember 31, 2024\n\nBody.\n")
    code, _, err = run("--root", str(site.root), "build")
    assert code == 1 and "bad.txt:3: dateline 'November 31, 2024' is not a date" in err


def test_an_unreadable_seed_stops_the_build(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    write_seed(site, "bad.txt", b"# T\n\nNovember 1, 2024\n\n\xff\xfe\n")
    code, _, err = run("--root", str(site.root), "build")
    assert code == 1 and "bad.txt:5: not valid UTF-8" in err
    assert not site.output.exists()


def test_nul_and_control_characters_are_removed_at_import(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    write_seed(site, "nul.txt", seed_text("Nul\x00 Title\x07", body="Body\x00 text\x1b."))
    code, _, err = run("--root", str(site.root), "build")
    assert code == 0, err
    assert "nul.txt:1: control characters (such as NUL) removed" in err
    content = (site.articles / "nul-title.md").read_text(encoding="utf-8")
    assert "title: Nul Title" in content and "Body text." in content
    page = (site.output / "articles" / "nul-title" / "index.html").read_bytes()
    assert b"\x00" not in page and b"\x07" not in page and b"\x1b" not in page
    assert b"Nul Title" in page


def test_a_seed_over_the_size_limit_fails_with_a_message(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    site.config_file.write_text("max_article_bytes: 5000\n", encoding="utf-8")
    write_seed(site, "big.txt", seed_text("Big", body="word " * 2000))
    code, _, err = run("--root", str(site.root), "build")
    assert code == 1
    assert "big.txt: 10,0" in err and "over the limit of 5,000 bytes per article" in err
    assert "max_article_bytes" in err
    assert not (site.articles / "big.md").exists() and not site.output.exists()


def test_an_article_over_the_size_limit_fails_with_a_message(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    assert run("--root", str(site.root), "build")[0] == 0
    site.config_file.write_text("max_article_bytes: 5000\n", encoding="utf-8")
    big = site.articles / "big.md"
    big.write_text("---\ntitle: Big\ndate: 2024-01-01\n---\n\n" + "word " * 2000)
    for command in ("build", "check"):
        code, _, err = run("--root", str(site.root), command)
        assert code == 1 and f"{big}: 10,0" in err and "over the limit" in err, command


def test_a_non_utf8_seed_file_name_gets_a_readable_content_file(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    name = os.fsdecode(b"caf\xe9.txt")
    (site.seeds / name).write_text(seed_text("Cafe Story"), encoding="utf-8")
    code, _, err = run("--root", str(site.root), "build")
    assert code == 0, err
    article = read_article(site.articles / "cafe-story.md")
    assert article.seed_file == "seeds/caf\ufffd.txt"
    assert (site.output / "articles" / "cafe-story" / "index.html").is_file()
    assert run("--root", str(site.root), "build")[0] == 0  # and again, unchanged


@pytest.mark.parametrize(
    "manifest",
    [
        b"{not json",
        b"[]",
        b'{"articles": {"x": "y"}}',
        b'{"articles": {"x": {"seed": 1}}}',
        b'{"articles": {}, "retired": "x"}',
        b"\xff\xfe",
    ],
)
def test_a_corrupt_manifest_is_a_message(run, site: SitePaths, manifest: bytes) -> None:  # type: ignore[no-untyped-def]
    site.articles.mkdir(parents=True)
    site.import_manifest.write_bytes(manifest)
    for command in ("import", "build"):
        code, _, err = run("--root", str(site.root), command)
        assert code == 1 and "Traceback" not in err, err
        assert f"{site.import_manifest}: corrupt import manifest" in err
    assert site.import_manifest.read_bytes() == manifest
    assert _articles(site) == []


def test_a_manifest_that_is_a_folder_is_a_message(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    site.import_manifest.mkdir(parents=True)
    code, _, err = run("--root", str(site.root), "import")
    assert code == 1 and "must be a file, not a folder" in err


def test_two_imports_at_once_both_succeed(site: SitePaths) -> None:
    for number in range(30):
        write_seed(site, f"s{number:02}.txt", seed_text(f"Story {number}"))
    command = [sys.executable, "-m", "site_builder.cli", "--root", str(site.root), "import"]
    for _ in range(3):
        for path in site.articles.glob("*.md"):
            path.unlink()
        site.import_manifest.unlink(missing_ok=True)
        first = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
        second = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
        errors = [process.communicate()[1].decode() for process in (first, second)]
        assert all("Traceback" not in text for text in errors), errors
        assert [first.returncode, second.returncode] == [0, 0], errors
    assert len(_articles(site)) == 31
    assert not [p for p in site.content.rglob("*.tmp")], "no temporary file left"


def test_a_full_disk_is_a_message_and_leaves_nothing_half_written(
    run, site: SitePaths, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import site_builder.paths

    def full(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(site_builder.paths.os, "fdopen", full)
    code, _, err = run("--root", str(site.root), "import")
    assert code == 1 and "No space left on device" in err and "Traceback" not in err
    assert list(site.content.rglob("*.md")) == [] and list(site.content.rglob("*.tmp")) == []
