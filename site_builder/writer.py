"""Stage 4: pages -> dist/.

A full build writes a new folder beside dist/ and swaps it in only when complete; an
incremental build rewrites only the changed files, each through a temporary file and a
rename, after every page rendered without error. Either way a failed build leaves the
previous dist/ as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from .errors import SiteBuilderError
from .models import RenderedPage
from .output_dir import mark_ours, remove_stale_staging, staging_prefix
from .paths import UNSETTLED, file_signature

# GitHub Pages needs it (no Jekyll); builds also read it as "this folder is complete".
COMPLETE_MARKER = ".nojekyll"


def write_full(
    output: Path,
    fill: Callable[[Path], int],
    static_dirs: list[Path],
    finish: Callable[[Path], None] | None = None,
) -> int:
    """`fill` writes the pages into a fresh folder; static files, `finish`, then the swap."""
    remove_stale_staging(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(output, "new"), dir=output.parent))
    except OSError as error:
        raise SiteBuilderError(
            f"cannot write the site beside {output.name}: {error.strerror}", path=output.parent
        ) from None
    staging.chmod(0o755)
    try:
        count = fill(staging)
        copy_static(static_dirs, staging)
        mark_ours(staging)
        (staging / COMPLETE_MARKER).write_text("", encoding="utf-8")
        if finish is not None:
            finish(staging)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def write_page(folder: Path, page: RenderedPage) -> int:
    target = folder / _safe_relative(page.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = page.content.encode("utf-8")
    target.write_bytes(data)
    return len(data)


def write_in_place(output: Path, pages: Iterable[RenderedPage], removed: Iterable[str]) -> int:
    count = 0
    for page in pages:
        target = output / _safe_relative(page.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_text(page.content, encoding="utf-8")
        os.replace(temporary, target)
        count += 1
    for path in removed:
        with contextlib.suppress(FileNotFoundError):
            (output / _safe_relative(path)).unlink()
    return count


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


def _safe_relative(path: str) -> Path:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise SiteBuilderError(f"refusing to write outside the output folder: {path!r}")
    return Path(*relative.parts)


def _swap(staging: Path, output: Path) -> None:
    if not output.exists():
        os.replace(staging, output)
        return
    previous = output.with_name(f"{staging_prefix(output, 'old')}0")
    os.replace(output, previous)
    try:
        os.replace(staging, output)
    except OSError:
        os.replace(previous, output)
        raise
    shutil.rmtree(previous, ignore_errors=True)
