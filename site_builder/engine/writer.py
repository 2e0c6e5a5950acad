"""Stage 4: pages -> dist/, atomically, for every build.

Every build writes into a staging folder beside dist/ and swaps it in with one atomic
exchange of the two folders (renameat2 RENAME_EXCHANGE on Linux): a full build starts the
staging folder empty; an incremental one starts it as a copy of dist/ made of hard links
(no file data is copied) and writes each changed file as a new file, never through a
link, so the live dist/ is never modified. The replaced site is kept beside dist/ as
`.dist-spare` (hard links again), with the list of paths the build changed: the next
build brings it level with dist/ by relinking those (or, without the list, the files
that differ, by a scan of both trees), far cheaper than copying and removing a tree of
thousands of folders. A build killed or failing at any moment leaves the
previous dist/ exactly as it was, and its staging folder is removed by the next build.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Collection, Iterable
from pathlib import Path

from ..errors import SiteBuilderError
from ..models import RenderedPage
from ..paths import UNSETTLED, file_signature
from .output_dir import OWNER_MARKER, mark_ours, remove_stale_staging, staging_prefix
from .spare import (
    CHANGES_FILE,
    give_back,
    level,
    link_tree,
    remove_folders,
    safe_relative,
    spare_of,
)

# GitHub Pages needs it (no Jekyll); builds also read it as "this folder is complete".
COMPLETE_MARKER = ".nojekyll"


# What a build changes in its staging folder: the number of files, and the paths it wrote
# or removed (a folder: anything below it), None when not known.
Filled = tuple[int, Collection[str] | None]


def write_site(output: Path, incremental: bool, fill: Callable[[Path], Filled]) -> int:
    """`fill` writes into the staging folder (the previous site as hard links when
    `incremental`, else empty); then the staging folder replaces `output` at once."""
    remove_stale_staging(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(output, "new"), dir=output.parent))
    except OSError as error:
        raise SiteBuilderError(
            f"cannot write the site beside {output.name}: {error.strerror}", path=output.parent
        ) from None
    spare = spare_of(output)
    copy: Path | None = None
    from_spare = False
    try:
        staging.chmod(0o755)
        if not incremental and spare.is_dir() and not spare.is_symlink():
            shutil.rmtree(spare)  # of a site this build replaces whole
        if incremental and output.is_dir():
            if spare.is_dir() and not spare.is_symlink():
                # The site before the last build: brought to match `output` by relinking
                # only the files that differ, far cheaper than a new copy and a removal.
                staging.rmdir()
                os.rename(spare, staging)
                from_spare = True
                level(output, staging)
            else:
                link_tree(str(output), str(staging))
        count, changed = fill(staging)
        if not (staging / OWNER_MARKER).exists():
            mark_ours(staging)
        if not (staging / COMPLETE_MARKER).exists():
            (staging / COMPLETE_MARKER).touch()
        if changed is not None:
            changed = [*changed, OWNER_MARKER, COMPLETE_MARKER]
        if incremental:
            _swap(staging, output, spare, changed)
        elif os.path.lexists(spare):
            _swap(staging, output, None)
        else:
            # The next build (an edit, most likely) starts from a spare equal to the new
            # site instead of copying thousands of folders: made while it is not live.
            copy = Path(tempfile.mkdtemp(prefix=staging_prefix(output, "new"), dir=output.parent))
            link_tree(str(staging), str(copy))
            (copy / CHANGES_FILE).write_text("[]", encoding="utf-8")
            _swap(staging, output, None)
            os.rename(copy, spare)
    except OSError as error:
        give_back(staging, spare, from_spare)
        remove_folders(copy)
        raise SiteBuilderError(
            f"cannot write the site: {error.strerror or error}",
            path=error.filename or output,
        ) from None
    except BaseException:
        give_back(staging, spare, from_spare)
        remove_folders(copy)
        raise
    return count


def write_page(folder: Path, page: RenderedPage) -> int:
    """Write a page as a new file: in a staging folder made of hard links, the old file
    it replaces is still the live site's."""
    target = folder / safe_relative(page.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = page.content.encode("utf-8")
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    try:
        target.write_bytes(data)
    except OSError as error:  # in a worker process: the message travels, not the path
        raise SiteBuilderError(f"cannot write {target}: {error.strerror}") from None
    return len(data)


def remove_pages(folder: Path, removed: Iterable[str]) -> None:
    """Remove pages no longer built, and the folders they leave empty (a deleted
    article's `articles/<slug>/`), so the site is what a cold build would write."""
    for path in removed:
        target = folder / safe_relative(path)
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        for parent in target.parents:
            if parent == folder or not parent.is_dir() or any(parent.iterdir()):
                break
            parent.rmdir()


def copy_static(static_dirs: list[Path], folder: Path) -> None:
    # Built-in static files first, so a site's own files of the same name replace them.
    for source in reversed(static_dirs):
        shutil.copytree(
            source, folder / "static", dirs_exist_ok=True, ignore=_links_leaving(source)
        )


def static_fingerprint(static_dirs: list[Path]) -> str:
    """Changes when a static file may have: its signature, or its bytes when the file
    changed too recently for its signature to be trusted."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in static_dirs:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.is_symlink():
                digest.update(f"{path};".encode())
                continue
            signature = file_signature(path.stat())
            digest.update(f"{path}:{signature};".encode())
            if signature == UNSETTLED:
                digest.update(hashlib.blake2b(path.read_bytes()).digest())
    return digest.hexdigest()


def _links_leaving(root: Path) -> Callable[[str, list[str]], set[str]]:
    """Never publish what a symlink in static/ points to outside that folder."""
    top = root.resolve()

    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = set()
        for name in names:
            path = Path(directory) / name
            if path.is_symlink() and top not in path.resolve().parents:
                skipped.add(name)
        return skipped

    return ignore


def _swap(
    staging: Path, output: Path, spare: Path | None, changed: Collection[str] | None = None
) -> None:
    """`staging` becomes `output` in one step where the system can exchange two folders
    atomically; elsewhere in two renames, with a moment when `output` does not exist.
    The previous site is kept as `spare` (if given) for the next build, with the record
    of what this build `changed` in it, else removed."""
    if not output.exists():
        os.replace(staging, output)
        return
    if _exchange(staging, output):  # `staging` now holds the previous site
        previous = staging
    else:
        previous = output.with_name(f"{staging_prefix(output, 'old')}0")
        os.replace(output, previous)
        try:
            os.replace(staging, output)
        except OSError:
            os.replace(previous, output)
            raise
    if spare is not None and not spare.exists():
        if changed is not None:  # before it becomes the spare: never a spare without it
            record = json.dumps(sorted(changed), separators=(",", ":"))
            (previous / CHANGES_FILE).write_text(record, encoding="utf-8")
        os.rename(previous, spare)
    else:
        shutil.rmtree(previous, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False where it is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False  # a file system or kernel without it
    raise OSError(number, os.strerror(number), str(second))
