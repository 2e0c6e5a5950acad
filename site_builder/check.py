"""`site-build check`: every problem in the site's sources, found without writing."""

from __future__ import annotations

from .config import load_config
from .content import read_article
from .errors import SiteBuilderError
from .knowledge import load_knowledge_base
from .paths import SitePaths
from .seeds import read_seed


def read_articles(paths: SitePaths) -> list[SiteBuilderError]:
    """Every content file that does not parse (for `check`)."""
    errors: list[SiteBuilderError] = []
    for path in sorted(paths.articles.glob("*.md")):
        try:
            read_article(path)
        except SiteBuilderError as error:
            errors.append(error)
    return errors


def check(paths: SitePaths) -> list[SiteBuilderError]:
    """Every problem in the site's sources, without writing anything."""
    errors: list[SiteBuilderError] = []
    for load in (
        lambda: load_config(paths.config_file),
        lambda: load_knowledge_base(paths.entities_file),
    ):
        try:
            load()
        except SiteBuilderError as error:
            errors.extend(getattr(error, "errors", (error,)))
    return errors + read_articles(paths) + _seed_errors(paths)


def _seed_errors(paths: SitePaths) -> list[SiteBuilderError]:
    errors: list[SiteBuilderError] = []
    for seed_path in sorted(paths.seeds.glob("*.txt")):
        try:
            read_seed(seed_path)
        except SiteBuilderError as error:
            errors.append(error)
    return errors
