"""`site-build deploy`: commit the built site to a branch (gh-pages) and push it.

Like ghp-import, the commit is made with git plumbing and a temporary index, so the
working tree, the index and the current branch are never touched. Like `mkdocs
gh-deploy`, it refuses a branch that holds anything but earlier deploys, and the local
branch moves only once the push has succeeded.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import SiteBuilderError, UsageError

# A trailer on every deploy commit: how a later deploy knows the branch is ours to extend.
DEPLOY_TRAILER = "Deployed-by: site-build"


@dataclass(frozen=True)
class DeployResult:
    commit: str
    branch: str
    remote: str
    files: int


@dataclass(frozen=True)
class DeployTarget:
    top: Path
    remote: str
    branch: str


def check_target(repository: Path, remote: str, branch: str) -> DeployTarget:
    """Refuse a bad remote or branch before anything is built, fetched or written."""
    if not remote or remote.startswith("-"):
        raise UsageError(f"invalid remote {remote!r}: a remote name or URL cannot start with '-'")
    if not branch or branch.startswith("-") or branch.startswith("refs/"):
        raise UsageError(f"invalid branch name {branch!r}")
    top = Path(_git(repository, "rev-parse", "--show-toplevel", error="not a git repository"))
    if _try_git(top, "check-ref-format", "--branch", branch) is None:
        raise UsageError(f"invalid branch name {branch!r}")
    if branch in _checked_out_branches(top):
        raise UsageError(
            f"refusing to deploy to {branch!r}: it is checked out here, and a deploy would "
            "replace its files with the built site; deploy to another branch (gh-pages)"
        )
    local = _try_git(top, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}")
    if local is not None:
        _require_deploy_commit(top, local, f"the local branch {branch!r}")
    return DeployTarget(top, remote, branch)


def deploy_folder(site: Path, target: DeployTarget, message: str) -> DeployResult:
    files = [path for path in site.rglob("*") if path.is_file()]
    if not (site / "index.html").is_file() or not files:
        raise SiteBuilderError("refusing to deploy: the built site is empty", path=site)
    top, remote, branch = target.top, target.remote, target.branch
    with tempfile.TemporaryDirectory() as scratch:
        environment = {**os.environ, "GIT_INDEX_FILE": str(Path(scratch) / "index")}
        _git(top, "--work-tree", str(site), "add", "--all", "--force", ".", env=environment)
        tree = _git(top, "write-tree", env=environment)
    parent = _remote_tip(top, remote, branch) or _try_git(
        top, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}"
    )
    arguments = ["commit-tree", tree, "-m", message, "-m", DEPLOY_TRAILER]
    commit = _git(top, *arguments, *(["-p", parent] if parent else []))
    _git(
        top,
        "push",
        "--",
        remote,
        f"{commit}:refs/heads/{branch}",
        error=f"push to {remote!r} failed",
    )
    _git(top, "update-ref", f"refs/heads/{branch}", commit)
    return DeployResult(commit, branch, remote, len(files))


def _remote_tip(top: Path, remote: str, branch: str) -> str | None:
    """The remote branch's commit, so the push is a fast-forward; checked to be a deploy."""
    fetched = _run(top, "fetch", "--quiet", "--", remote, f"refs/heads/{branch}")
    if fetched.returncode != 0:
        if "couldn't find remote ref" in fetched.stderr:
            return None  # the first deploy creates the branch
        raise SiteBuilderError(f"cannot reach remote {remote!r}: {_reason(fetched.stderr)}")
    tip = _git(top, "rev-parse", "--verify", "FETCH_HEAD^{commit}")
    _require_deploy_commit(top, tip, f"{remote!r} branch {branch!r}")
    return tip


def _require_deploy_commit(top: Path, commit: str, what: str) -> None:
    message = _git(top, "log", "-1", "--format=%B", commit)
    if DEPLOY_TRAILER in message:
        return
    # Deploys made before the trailer existed: a built site at the root, no sources.
    names = set(_git(top, "ls-tree", "--name-only", commit).splitlines())
    if {".nojekyll", "index.html"} <= names and "site.yml" not in names:
        return
    raise UsageError(
        f"refusing to deploy: {what} holds commits that are not site-build deploys; "
        "choose another branch with --branch, or delete that branch if it is really unused"
    )


def _checked_out_branches(top: Path) -> set[str]:
    listing = _git(top, "worktree", "list", "--porcelain")
    prefix = "branch refs/heads/"
    return {line[len(prefix) :] for line in listing.splitlines() if line.startswith(prefix)}


def _run(
    cwd: Path, *arguments: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *arguments], cwd=cwd, env=env, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise SiteBuilderError("deploy needs git, and git is not installed (not on PATH)") from None


def _git(
    cwd: Path, *arguments: str, env: dict[str, str] | None = None, error: str | None = None
) -> str:
    result = _run(cwd, *arguments, env=env)
    if result.returncode != 0:
        what = error or f"git {arguments[0]} failed"
        raise SiteBuilderError(f"{what}: {_reason(result.stderr)}")
    return result.stdout.strip()


def _try_git(cwd: Path, *arguments: str) -> str | None:
    result = _run(cwd, *arguments)
    return result.stdout.strip() if result.returncode == 0 else None


def _reason(stderr: str) -> str:
    """git's own reason: its `fatal:`/`error:` lines, not the advice around them."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith(("fatal:", "error:"))]
    return " ".join(errors or lines[:1]) or "no output from git"
