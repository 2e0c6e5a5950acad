"""`site-build new DIR`: a site that builds at once with the built-in templates."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import SiteBuilderError
from ..paths import SitePaths

_FILES = Path(__file__).parent / "scaffold"


def create_site(folder: Path) -> SitePaths:
    if folder.exists() and not folder.is_dir():
        raise SiteBuilderError(
            "refusing to scaffold over a file: give 'new' a new or empty folder", path=folder
        )
    if folder.exists() and any(folder.iterdir()):
        raise SiteBuilderError(
            "refusing to scaffold into a folder that is not empty: give 'new' a new or empty "
            "folder",
            path=folder,
        )
    paths = SitePaths(folder)
    paths.seeds.mkdir(parents=True)
    paths.articles.mkdir(parents=True)
    shutil.copy(_FILES / "site.yml", paths.config_file)
    shutil.copy(_FILES / "entities.yml", paths.entities_file)
    shutil.copy(_FILES / "example.txt", paths.seeds / "example.txt")
    (folder / ".gitignore").write_text("dist/\n.site-build-cache/\n.dist-*\n", encoding="utf-8")
    (folder / "templates").mkdir()
    (folder / "static").mkdir()
    return paths
