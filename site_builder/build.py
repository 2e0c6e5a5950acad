"""The whole pipeline in one place: import -> annotate -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .annotate import Annotator
from .annotated import annotate_article
from .config import SiteConfig, load_config
from .content import read_article
from .errors import SiteBuilderError, raise_all
from .importer import ImportReport, import_seeds
from .knowledge import load_knowledge_base
from .markdown import create_markdown
from .models import Article, BuildResult
from .paths import SitePaths
from .render import Renderer, render_site
from .search import index_site
from .seeds import read_seed
from .site import assemble_site
from .writer import write_site


@dataclass(frozen=True)
class BuildOptions:
    base_url: str | None = None
    force_import: bool = False
    output: Path | None = None


def build(
    paths: SitePaths, options: BuildOptions = BuildOptions()
) -> tuple[BuildResult, ImportReport]:
    config = load_config(paths.config_file).with_base_url(options.base_url)
    report, knowledge = import_seeds(
        paths, load_knowledge_base(paths.entities_file), force=options.force_import
    )
    annotator = Annotator(knowledge)
    articles, errors = read_articles(paths)
    raise_all(report.errors + errors)  # nothing is written when any file is bad

    md = create_markdown()
    annotated = [annotate_article(article, annotator, md) for article in articles]
    site = assemble_site(knowledge, annotated)
    output = options.output or paths.output
    finish = (lambda folder: index_site(folder, config.language)) if config.search else None
    pages = write_site(
        render_site(site, Renderer(paths.template_dirs(), config)),
        paths.static_dirs(),
        output,
        finish,
    )
    return BuildResult(output, pages, len(annotated), len(site.usage), _warnings(report)), report


def read_articles(paths: SitePaths) -> tuple[list[Article], list[SiteBuilderError]]:
    articles: list[Article] = []
    errors: list[SiteBuilderError] = []
    for path in sorted(paths.articles.glob("*.md")):
        try:
            articles.append(read_article(path))
        except SiteBuilderError as error:
            errors.append(error)
    return articles, errors


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
    return errors + read_articles(paths)[1] + _seed_errors(paths)


def _seed_errors(paths: SitePaths) -> list[SiteBuilderError]:
    errors: list[SiteBuilderError] = []
    for seed_path in sorted(paths.seeds.glob("*.txt")):
        try:
            read_seed(seed_path)
        except SiteBuilderError as error:
            errors.append(error)
    return errors


def _warnings(report: ImportReport) -> tuple[str, ...]:
    return tuple(
        f"{path}: edited by hand since import; kept as is "
        "(use 'site-build import --force' to replace it)"
        for path in report.kept_edited
    )


__all__ = ["BuildOptions", "SiteConfig", "build", "check", "read_articles"]
