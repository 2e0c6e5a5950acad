"""Every error a message: the command line turns whatever goes wrong into one line and an
exit code (1 content, 2 usage), never a traceback unless asked with --debug."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import site_builder.engine.build
from site_builder.paths import SitePaths


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_an_unexpected_exception_is_one_line_asking_for_a_report(
    run, site: SitePaths, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("surprise")

    monkeypatch.setattr(site_builder.engine.build, "build", broken)
    code, _, err = run("--root", str(site.root), "build")
    assert code == 1 and "Traceback" not in err
    lines = err.strip().split("\n")
    assert len(lines) == 1, lines
    assert "internal error: KeyError: 'surprise'" in lines[0]
    assert "please report this" in lines[0] and "--debug" in lines[0]
    code, _, err = run("--debug", "--root", str(site.root), "build")
    assert code == 1 and "Traceback (most recent call last)" in err and "please report" in err


def test_an_os_error_names_its_file(run, site: SitePaths, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def no_space(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device", str(site.output / "index.html"))

    monkeypatch.setattr(site_builder.engine.build, "build", no_space)
    code, _, err = run("--root", str(site.root), "build")
    assert code == 1 and "Traceback" not in err
    assert err.strip() == f"error: {site.output / 'index.html'}: No space left on device"


def test_root_at_a_folder_that_is_not_a_site_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine")
    for command in ([], ["build"], ["import"], ["check"], ["serve"], ["deploy"]):
        code, _, err = run("--root", str(home), *command)
        assert code == 2, command
        assert "is not a site (no site.yml, seeds/ or content/)" in err
        assert "site-build new" in err
    assert _files(home) == ["notes.txt"], "nothing was created"


def test_new_still_works_from_any_folder(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("new", "mysite")
    assert code == 0 and "created a site" in out
    assert (tmp_path / "mysite" / "site.yml").is_file()
    assert run("--root", str(tmp_path / "mysite"), "build")[0] == 0


def test_a_site_with_only_seeds_is_a_site(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "seeds").mkdir()
    assert run("--root", str(tmp_path), "check")[0] == 0


def test_new_pointed_at_an_existing_file_or_a_full_folder(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    existing = tmp_path / "file.txt"
    existing.write_text("mine")
    code, _, err = run("new", str(existing))
    assert code == 1 and "refusing to scaffold over a file" in err and "Traceback" not in err
    assert existing.read_text() == "mine"
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine")
    code, _, err = run("new", str(full))
    assert code == 1 and "folder that is not empty" in err
    assert _files(full) == ["keep.txt"]


def test_deploy_without_git_on_path_is_a_message(
    run, site: SitePaths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, _, err = run("--root", str(site.root), "deploy")
    assert code == 1 and "git is not installed" in err and "Traceback" not in err
    assert not site.output.exists(), "nothing was built either"
