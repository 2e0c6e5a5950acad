"""`site-build check`: every problem in the site's sources, found without writing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..annotate.explain import explain
from ..errors import SiteBuilderError
from ..paths import SitePaths
from ..sources.config import load_config
from ..sources.content import read_article
from ..sources.knowledge import load_knowledge_base
from ..sources.seeds import read_seed


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
    return (
        errors
        + _unreadable(sorted(paths.articles.glob("*.md")), read_article)
        + _unreadable(sorted(paths.seeds.glob("*.txt")), read_seed)
    )


def _unreadable(files: list[Path], read: Callable[[Path], object]) -> list[SiteBuilderError]:
    """The error of each file that `read` cannot read."""
    errors: list[SiteBuilderError] = []
    for path in files:
        try:
            read(path)
        except SiteBuilderError as error:
            errors.append(error)
    return errors


def explain_name(paths: SitePaths, name: str) -> str:
    """`check --explain NAME`: why discovery gave NAME its type (see annotate/explain.py)."""
    knowledge = load_knowledge_base(paths.entities_file)
    seeds = [(path, read_seed(path)) for path in sorted(paths.seeds.glob("*.txt"))]
    return explain(name, seeds, knowledge)
