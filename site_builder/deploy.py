"""`site-build deploy`: commit the built site to a branch (gh-pages) and push it.

Like ghp-import, the commit is made with git plumbing and a temporary index, so the
working tree and the current branch are never touched.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import SiteBuilderError


@dataclass(frozen=True)
class DeployResult:
    commit: str
    branch: str
    remote: str
    files: int


def deploy_folder(
    site: Path, repository: Path, remote: str, branch: str, message: str
) -> DeployResult:
    files = [path for path in site.rglob("*") if path.is_file()]
    if not (site / "index.html").is_file() or not files:
        raise SiteBuilderError("refusing to deploy: the built site is empty", path=site)
    top = _git(repository, "rev-parse", "--show-toplevel", error="not inside a git repository")
    with tempfile.TemporaryDirectory() as scratch:
        environment = {**os.environ, "GIT_INDEX_FILE": str(Path(scratch) / "index")}
        _git(Path(top), "--work-tree", str(site), "add", "--all", "--force", ".", env=environment)
        tree = _git(Path(top), "write-tree", env=environment)
    _fetch(Path(top), remote, branch)
    parent = _try_git(Path(top), "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
    arguments = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
    commit = _git(Path(top), *arguments)
    _git(Path(top), "update-ref", f"refs/heads/{branch}", commit)
    _git(
        Path(top),
        "push",
        remote,
        f"refs/heads/{branch}:refs/heads/{branch}",
        error=f"push to {remote!r} failed",
    )
    return DeployResult(commit, branch, remote, len(files))


def _fetch(top: Path, remote: str, branch: str) -> None:
    """Build on what the remote branch holds, so the push is a fast-forward."""
    fetched = _try_git(top, "fetch", "--quiet", remote, f"refs/heads/{branch}")
    if fetched is None:
        return
    remote_head = _try_git(top, "rev-parse", "--verify", "--quiet", "FETCH_HEAD")
    local = _try_git(top, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
    if remote_head and (
        local is None
        or _try_git(top, "merge-base", "--is-ancestor", local, remote_head) is not None
    ):
        _git(top, "update-ref", f"refs/heads/{branch}", remote_head)


def _git(
    cwd: Path, *arguments: str, env: dict[str, str] | None = None, error: str | None = None
) -> str:
    result = subprocess.run(
        ["git", *arguments], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()[-1:] or [""]
        raise SiteBuilderError(f"{error or 'git ' + arguments[0] + ' failed'}: {detail[0]}")
    return result.stdout.strip()


def _try_git(cwd: Path, *arguments: str) -> str | None:
    result = subprocess.run(
        ["git", *arguments], cwd=cwd, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() if result.returncode == 0 else None
