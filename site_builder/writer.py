"""Stage 4: RenderedPage list -> dist/, built beside it and swapped in only when complete."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from .errors import SiteBuilderError
from .models import RenderedPage


def write_site(
    pages: Iterable[RenderedPage],
    static_dirs: list[Path],
    output: Path,
    finish: Callable[[Path], None] | None = None,
) -> int:
    """Write every page and static file, run `finish` on the new folder (e.g. the search
    indexer), then swap it in; the previous output stays intact on any failure."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    staging.chmod(0o755)
    try:
        count = 0
        for page in pages:
            target = staging / _safe_relative(page.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.content, encoding="utf-8")
            count += 1
        # Built-in static files first, so a site's own files of the same name replace them.
        for folder in reversed(static_dirs):
            shutil.copytree(
                folder, staging / "static", dirs_exist_ok=True, ignore=_links_leaving(folder)
            )
        (staging / ".nojekyll").write_text("", encoding="utf-8")
        if finish is not None:
            finish(staging)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


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
    previous = output.with_name(f".{output.name}-old-{os.getpid()}")
    os.replace(output, previous)
    try:
        os.replace(staging, output)
    except OSError:
        os.replace(previous, output)
        raise
    shutil.rmtree(previous, ignore_errors=True)
