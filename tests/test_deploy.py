"""deploy never touches the user's branch, index or working tree, nor a foreign branch."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from site_builder.paths import SitePaths


def _git(cwd: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def repo(site: SitePaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The site as a git repository with one commit on main, and a bare remote holding it."""
    for key in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{key}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{key}_EMAIL", "test@example.org")
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--bare", "-q", str(remote)], check=True)
    _git(site.root, "init", "-q", "-b", "main")
    _git(site.root, "add", "seeds", "content")
    _git(site.root, "commit", "-q", "-m", "sources")
    _git(site.root, "remote", "add", "origin", str(remote))
    _git(site.root, "push", "-q", "origin", "main")
    return remote


def _snapshot(root: Path) -> tuple[str, str, str, str]:
    return (
        _git(root, "rev-parse", "HEAD"),
        _git(root, "symbolic-ref", "HEAD"),
        _git(root, "status", "--porcelain", "--untracked-files=no"),
        _git(root, "ls-files", "--stage"),
    )


def test_deploy_refuses_the_checked_out_branch(
    site: SitePaths,
    repo: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    before = _snapshot(site.root)
    remote_main = _git(repo, "rev-parse", "main")
    code, _, err = run("--root", str(site.root), "deploy", "--branch", "main")
    assert code == 2
    assert "refusing to deploy to 'main': it is checked out here" in err
    assert _snapshot(site.root) == before
    assert _git(repo, "rev-parse", "main") == remote_main
    assert not site.output.exists()  # refused before building


def test_deploy_refuses_a_branch_that_holds_sources(
    site: SitePaths,
    repo: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    _git(site.root, "branch", "notes")
    _git(site.root, "push", "-q", "origin", "notes")
    notes = _git(repo, "rev-parse", "notes")
    code, _, err = run("--root", str(site.root), "deploy", "--branch", "notes")
    assert code == 2 and "not site-build deploys" in err
    assert _git(repo, "rev-parse", "notes") == notes


@pytest.mark.parametrize("option", ["--remote", "--branch"])
def test_deploy_never_passes_a_dash_name_to_git_as_an_option(
    site: SitePaths,
    repo: Path,
    tmp_path: Path,
    option: str,
    run,  # type: ignore[no-untyped-def]
) -> None:
    witness = tmp_path / "ran"
    code, _, err = run("--root", str(site.root), "deploy", option, f"--upload-pack=touch {witness}")
    assert code == 2 and "invalid" in err
    assert not witness.exists()


def test_deploy_extends_its_own_branch_and_moves_it_only_after_the_push(
    site: SitePaths,
    repo: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    before = _snapshot(site.root)
    assert run("--root", str(site.root), "deploy")[0] == 0
    first = _git(repo, "rev-parse", "gh-pages")
    assert _git(site.root, "rev-parse", "gh-pages") == first
    assert "index.html" in _git(repo, "ls-tree", "--name-only", "gh-pages").split()
    assert _snapshot(site.root) == before  # HEAD, index and working tree untouched

    _git(site.root, "remote", "set-url", "origin", str(repo.parent / "gone.git"))
    code, _, err = run("--root", str(site.root), "deploy")
    assert code == 1 and "cannot reach remote 'origin'" in err
    assert "does not appear to be a git repository" in err
    assert _git(site.root, "rev-parse", "gh-pages") == first  # not advanced

    _git(site.root, "remote", "set-url", "origin", str(repo))
    assert run("--root", str(site.root), "deploy")[0] == 0
    assert _git(repo, "rev-parse", "gh-pages^") == first


def test_deploy_without_git_says_so(
    site: SitePaths,
    monkeypatch: pytest.MonkeyPatch,
    run,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    code, _, err = run("--root", str(site.root), "deploy")
    assert code == 1 and "git is not installed" in err
