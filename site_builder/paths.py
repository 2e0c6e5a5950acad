"""Where a site keeps its files; the built-in templates and static files ship with the package."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_dir(name: str) -> Path:
    """The built-in `templates` or `static` folder: inside the wheel, or the source checkout."""
    installed = _PACKAGE / "_builtin" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


EVIDENCE_FILE_NAME = ".evidence.json"


@dataclass(frozen=True)
class SitePaths:
    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def articles(self) -> Path:
        return self.content / "articles"

    @property
    def entities_file(self) -> Path:
        return self.content / "entities.yml"

    @property
    def import_manifest(self) -> Path:
        return self.content / ".imports.json"

    @property
    def evidence_file(self) -> Path:
        """Discovery's evidence for the names it proposed (annotate/evidence_store.py)."""
        return self.content / EVIDENCE_FILE_NAME

    @property
    def config_file(self) -> Path:
        return self.root / "site.yml"

    @property
    def output(self) -> Path:
        return self.root / "dist"

    @property
    def cache(self) -> Path:
        return self.root / ".site-build-cache"

    def template_dirs(self) -> list[Path]:
        """The site's own templates first, so they override the built-in ones file by file."""
        return _unique([self.root / "templates", builtin_dir("templates")])

    def static_dirs(self) -> list[Path]:
        return _unique([self.root / "static", builtin_dir("static")])

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def _unique(paths: list[Path]) -> list[Path]:
    seen: list[Path] = []
    for path in paths:
        if path.is_dir() and path.resolve() not in [p.resolve() for p in seen]:
            seen.append(path)
    return seen


def file_names(folder: Path, suffix: str) -> list[str]:
    """Names of the visible files in `folder` ending in `suffix`, unsorted (os.scandir:
    no Path object per file, which counts at thousands of files)."""
    try:
        with os.scandir(folder) as entries:
            return [
                entry.name
                for entry in entries
                if entry.name.endswith(suffix)
                and not entry.name.startswith(".")
                and entry.is_file()
            ]
    except FileNotFoundError:
        return []


# A file changed this recently may change again within the same timestamp tick (coarse
# clocks, 1-2 s on some file systems) without its signature changing, as git's "racy"
# index entries; its signature is then not trusted.
_SETTLE_NS = 2_000_000_000
UNSETTLED = (-1, -1, -1, -1)


def slug_of(path: str) -> str:
    """The slug of an article's content file, from its path as the build keys it (a
    Path per article costs milliseconds at thousands of articles)."""
    return os.path.basename(path).removesuffix(".md")


def file_signature(info: os.stat_result) -> tuple[int, int, int, int]:
    """What tells whether a file may have changed without reading it: mtime, size, and the
    change time and inode, which also move when a tool restores the mtime of new bytes."""
    if time.time_ns() - info.st_mtime_ns < _SETTLE_NS:
        return UNSETTLED
    return (info.st_mtime_ns, info.st_size, info.st_ctime_ns, info.st_ino)


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` all at once, via a temporary file of a unique name in the same
    folder: two site-build processes at once never share one, and a failed write (disk
    full) leaves neither a half-written file nor the temporary one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):  # the original error is the one to report
            os.unlink(name)
        raise
