"""The spare: the site before the last build, kept beside dist/ as hard links, which the
next incremental build starts from instead of copying thousands of folders (writer.py).

It is brought level with dist/ by relinking only the paths the last build recorded as
changed (CHANGES_FILE, written into it before it became the spare), or, without that
record, by a scan of both trees.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path, PurePosixPath

from ..errors import SiteBuilderError

# Written into the replaced site as it becomes the spare: the paths this build changed,
# so the next build levels the spare by relinking those (no scan of the whole tree).
CHANGES_FILE = ".site-build-changes"


def give_back(staging: Path, spare: Path, from_spare: bool) -> None:
    """After a failed build: the staging folder is removed, or, if it was the spare, kept
    as the spare without a record of changes (the next build levels it by a scan)."""
    if from_spare and staging.is_dir() and not os.path.lexists(spare):
        with contextlib.suppress(FileNotFoundError):
            (staging / CHANGES_FILE).unlink()
        with contextlib.suppress(OSError):
            os.rename(staging, spare)
            return
    remove_folders(staging)


def remove_folders(*folders: Path | None) -> None:
    for folder in folders:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def spare_of(output: Path) -> Path:
    """Where the site before the last incremental build is kept, as hard links."""
    return output.with_name(f".{output.name}-spare")


def level(output: Path, spare: Path) -> None:
    """Make the spare (the site before the last build) the same as `output`: by
    relinking only the paths the last build recorded as changed, else by a scan of both
    trees."""
    record = spare / CHANGES_FILE
    try:
        changed = json.loads(record.read_text(encoding="utf-8"))
        record.unlink()
    except (OSError, ValueError):
        changed = None
    if not isinstance(changed, list) or not all(isinstance(p, str) for p in changed):
        _mirror(str(output), str(spare))
        return
    for path in changed:
        relative = safe_relative(path)
        source, target = output / relative, spare / relative
        if target.is_dir() and not target.is_symlink():
            if source.is_dir() and not source.is_symlink():
                _mirror(str(source), str(target))
                continue
            shutil.rmtree(target)
        else:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
        if source.is_dir() and not source.is_symlink():
            target.mkdir(parents=True)
            link_tree(str(source), str(target))
        elif os.path.lexists(source):
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, target, follow_symlinks=False)
        else:  # removed: so are the folders it leaves empty
            for parent in target.parents:
                if parent == spare or not parent.is_dir() or any(parent.iterdir()):
                    break
                parent.rmdir()


def _mirror(source: str, target: str) -> None:
    """Make `target` (a tree of hard links) the same as `source`: the same entries, each
    file the same file (inode); only what differs is removed or linked again."""
    with os.scandir(source) as entries:
        wanted = {entry.name: entry for entry in entries}
    with os.scandir(target) as entries:
        present: dict[str, os.DirEntry[str] | None] = {entry.name: entry for entry in entries}
    for name, entry in list(present.items()):
        assert entry is not None
        new = wanted.get(name)
        is_dir = entry.is_dir(follow_symlinks=False)
        if new is not None and is_dir == new.is_dir(follow_symlinks=False):
            if is_dir:
                _mirror(new.path, entry.path)
                continue
            if entry.inode() == new.inode():
                continue
        if is_dir:
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
        present[name] = None
    for name, new in wanted.items():
        if present.get(name) is not None:
            continue
        destination = os.path.join(target, name)
        if new.is_dir(follow_symlinks=False):
            os.mkdir(destination)
            link_tree(new.path, destination)
        else:
            os.link(new.path, destination, follow_symlinks=False)


def link_tree(source: str, target: str) -> None:
    """`target` as a copy of `source` made of hard links (folders are new)."""
    with os.scandir(source) as entries:
        for entry in entries:
            destination = os.path.join(target, entry.name)
            if entry.is_dir(follow_symlinks=False):
                os.mkdir(destination)
                link_tree(entry.path, destination)
            else:
                os.link(entry.path, destination, follow_symlinks=False)


def safe_relative(path: str) -> Path:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise SiteBuilderError(f"refusing to write outside the output folder: {path!r}")
    return Path(*relative.parts)
