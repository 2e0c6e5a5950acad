"""The output folder is site-build's alone: checked before anything is written to it.

A build replaces the whole output folder, so the folder must be one that site-build made
(or nothing yet): never a symbolic link, never a folder holding the sources, never a user's
folder of notes. Staging folders left by a killed build are removed by the next one.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from ..errors import SiteBuilderError

# Written into every output folder site-build makes; a folder without it (and without the
# `.nojekyll` that builds before this marker wrote) is not ours to replace.
OWNER_MARKER = ".site-build-output"
_LEGACY_MARKER = ".nojekyll"

# `.dist-new-<pid>-<random>`; builds before the pid was in the name left `.dist-new-<random>`.
_STAGING = re.compile(r"^\.(?P<name>.+)-(?:new|old)-(?:(?P<pid>\d+)-)?(?P<rest>[^-]*)$")


def checked_output(output: Path, root: Path) -> Path:
    """The output folder to write, resolved, once it is known to be safe to replace."""
    if output.is_symlink():
        raise SiteBuilderError(
            f"refusing to build into a symbolic link (it points to {os.readlink(output)}): "
            "a build replaces the whole output folder; remove the link, site-build then "
            "makes a real folder",
            path=output,
        )
    resolved = output.resolve()
    source = root.resolve()
    if resolved == source or resolved in source.parents:
        raise SiteBuilderError(
            "refusing to build into the site's own folder or a folder above it: "
            "a build replaces the whole output folder",
            path=output,
        )
    if output.exists() and not output.is_dir():
        raise SiteBuilderError(
            "the output path is a file, not a folder: move or remove it, and build again",
            path=output,
        )
    if output.is_dir() and not is_ours(output) and _has_entries(output):
        raise SiteBuilderError(
            "refusing to replace a folder that site-build did not make (it has files and "
            f"no {OWNER_MARKER}): move or remove it, or empty it, and build again",
            path=output,
        )
    return resolved


def is_ours(folder: Path) -> bool:
    return (folder / OWNER_MARKER).is_file() or (folder / _LEGACY_MARKER).is_file()


def mark_ours(folder: Path) -> None:
    (folder / OWNER_MARKER).write_text("made by site-build; replaced by every build\n")


def remove_stale_staging(output: Path) -> list[Path]:
    """Remove the staging folders of builds that are no longer running (killed builds)."""
    removed: list[Path] = []
    try:
        entries = list(output.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _STAGING.match(entry.name)
        if not match or match["name"] != output.name or entry.is_symlink():
            continue
        pid = match["pid"] or (match["rest"] if match["rest"].isdigit() else None)
        if not entry.is_dir() or (pid is not None and _running(int(pid))):
            continue
        shutil.rmtree(entry)
        removed.append(entry)
    return removed


def staging_prefix(output: Path, kind: str) -> str:
    return f".{output.name}-{kind}-{os.getpid()}-"


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _has_entries(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return any(True for _ in entries)
