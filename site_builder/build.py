"""The whole pipeline in one place: import -> annotate -> render -> write.

Each build redoes only what changed since the last one (see state.py and plan.py): an
article is parsed and annotated again only when its file or the knowledge base changed,
a page is rendered and written only when what it shows changed.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from . import __version__
from .config import load_config
from .errors import raise_all
from .importer import ImportReport, import_seeds
from .models import BuildResult
from .output_dir import checked_output
from .parallel import run_parallel, without_collections
from .patch import PATCHED
from .paths import SitePaths, file_names
from .plan import PageJob, digest, entity_page_numbers, named_digests, plan_site_pages
from .quick import RememberedSite
from .render import Renderer, article_path
from .reuse import cached_article, knowledge_base, quick_path, split_reusable
from .search import SEARCH_FOLDER, index_site
from .site import assemble_site
from .state import BuildState, CachedArticle, load_state, save_state, write_rows
from .workers import ProcessedArticle, process_articles
from .writer import (
    COMPLETE_MARKER,
    copy_static,
    static_fingerprint,
    write_full,
    write_in_place,
    write_page,
)


@dataclass(frozen=True)
class BuildOptions:
    base_url: str | None = None
    force_import: bool = False
    output: Path | None = None
    search: bool | None = None  # None: as site.yml says
    import_seeds: bool = True  # serve skips it when no seed changed
    progress: Callable[[str], None] | None = None


def build(
    paths: SitePaths, options: BuildOptions = BuildOptions(), state: BuildState | None = None
) -> tuple[BuildResult, ImportReport]:
    """Build the site; `state` is the previous build's (serve keeps it in memory)."""
    with without_collections():
        return _build(paths, options, state)


def _build(
    paths: SitePaths, options: BuildOptions, state: BuildState | None
) -> tuple[BuildResult, ImportReport]:
    say = options.progress or (lambda message: None)
    remembered = state is None
    state = load_state(paths.cache) if state is None else state
    config = load_config(paths.config_file).with_base_url(options.base_url)
    output = checked_output(options.output or paths.output, paths.root)
    say("importing seeds")
    knowledge, knowledge_key = knowledge_base(paths, state)
    if options.import_seeds:
        report, _ = import_seeds(paths, knowledge, force=options.force_import)
        if report.proposed:  # appended to entities.yml: use what the file now says
            knowledge, knowledge_key = knowledge_base(paths, state)
    else:
        report = ImportReport()
    templates = _templates_digest(paths)
    base = digest(__version__, knowledge_key, repr(config), templates)
    renderer = state.reusable.get(f"renderer:{templates}:{config!r}")
    if renderer is None:
        renderer = Renderer(paths.template_dirs(), config)
        state.reusable = {key: v for key, v in state.reusable.items() if key == "knowledge"}
        state.reusable[f"renderer:{templates}:{config!r}"] = renderer
    incremental = state.output == str(output) and (output / COMPLETE_MARKER).is_file()

    content = [paths.articles / name for name in sorted(file_names(paths.articles, ".md"))]
    reused, todo = split_reusable(content, state, knowledge_key, base, incremental)
    static = static_fingerprint(paths.static_dirs())
    wants_search = config.search if options.search is None else options.search
    search = (lambda folder: index_site(folder, config.language)) if wants_search else None
    processed: list[ProcessedArticle] = []
    # Rows for the store; an incremental build writes them last, as the patching of
    # entity pages reads the rows the edited articles had.
    rows: list[tuple[str, str, bytes]] = []
    fingerprints: dict[str, str] = {}

    # Taken out of the state while the build runs and put back only when it succeeds, so
    # that a build failing half way leaves nothing a later fast path would trust.
    next_site = state.reusable.pop("site", None)
    next_shown_on: dict[str, dict[str, int]] | None = None

    def process(files: list[Path], folder: Path | None) -> None:
        """Articles first (written to `folder` as they are done)."""
        say(f"annotating and rendering {len(files)} of {len(content)} articles")
        done = process_articles(files, knowledge, knowledge_key, renderer, folder)
        raise_all(report.errors + [p.error for p in done if p.error])  # nothing written
        rows.extend((str(p.path), p.key, p.stored) for p in done if remembered)
        if not incremental and rows:  # a full build stores rows now, not at its end
            write_rows(paths.cache, rows, fresh=not processed)
            rows.clear()
        processed.extend(replace(p, stored=b"") for p in done)
        cached.update({str(p.path): cached_article(p) for p in done})
        fingerprints.update({article_path(Path(p.path).stem): digest(base, p.key) for p in done})

    def plan() -> list[PageJob]:
        """Every other page, planned from the whole site."""
        missing = state.fill_details(cached)
        if missing:  # the cache lost rows: annotate those articles again
            process([Path(path) for path in missing], None)
        keys = {Path(path).stem: item.key for path, item in cached.items()}
        entity_digests = {Path(p).stem: item.entity_digests or {} for p, item in cached.items()}
        site = assemble_site(knowledge, [c.annotated for c in cached.values() if c.annotated])
        named = named_digests(site)
        site_jobs = plan_site_pages(site, renderer, keys, entity_digests, named, base)
        nonlocal next_site, next_shown_on
        next_site = RememberedSite(site, base, named, entity_digests)
        next_shown_on = entity_page_numbers(site)
        fingerprints.update({article_path(slug): digest(base, key) for slug, key in keys.items()})
        fingerprints.update({job.path: job.fingerprint for job in site_jobs})
        say(f"rendering entity, index and feed pages ({len(site_jobs)} to check)")
        return site_jobs

    cached: dict[str, CachedArticle] = dict(reused)
    same_site = incremental and set(cached) | {str(p) for p in todo} == set(state.articles)
    if same_site and not todo and state.base == base:
        # Nothing changed since the last build: no page can have changed either.
        raise_all(report.errors)
        fingerprints.update(state.pages)
        if static != state.static:
            _refresh_static(paths, output)
        written = 0
    elif incremental:
        process(todo, None)
        edited = {str(p.path): cached[str(p.path)] for p in processed}
        quick = (
            quick_path(state, next_site, edited, cached, renderer, base, output)
            if same_site
            else None
        )
        if quick is not None:
            site_jobs, patched = quick
            fingerprints.update({k: v for k, v in state.pages.items() if k not in fingerprints})
            fingerprints.update({job.path: job.fingerprint for job in site_jobs})
            fingerprints.update({page.path: PATCHED for page in patched})
        else:
            site_jobs, patched = plan(), []
        changed = [
            job.render() for job in site_jobs if state.pages.get(job.path) != job.fingerprint
        ]
        article_pages = [p.page for p in processed if p.page is not None]
        removed = [path for path in state.pages if path not in fingerprints]
        # Until the state is saved, the folder is ahead of it: without the marker, a build
        # that fails from here on makes the next one a full build.
        (output / COMPLETE_MARKER).unlink(missing_ok=True)
        written = write_in_place(output, [*article_pages, *changed, *patched], removed)
        if static != state.static:
            _refresh_static(paths, output)
        if search and (written or removed):
            search(output)
        elif not search:  # an index of pages as they were would be published
            shutil.rmtree(output / SEARCH_FOLDER, ignore_errors=True)
    else:

        def fill(folder: Path) -> int:
            process(todo, folder)
            site_jobs = plan()
            run_parallel(lambda job: _render_into(folder, job), site_jobs)
            return len(processed) + len(site_jobs)

        written = write_full(output, fill, paths.static_dirs(), search)
    entities = sum(
        1 for path in fingerprints if path.startswith("entities/") and path.count("/") == 2
    )

    refreshed = any(item is not state.articles.get(path) for path, item in reused.items())
    unchanged = (
        not processed and not refreshed and state.pages == fingerprints and state.static == static
    )
    state.knowledge, state.articles, state.pages = knowledge_key, cached, fingerprints
    state.output, state.static, state.base = str(output), static, base
    if next_site is not None:
        state.reusable["site"] = next_site
    if next_shown_on is not None:
        state.shown_on, state.shown_on_is_stored = next_shown_on, False
    if remembered and not unchanged:
        save_state(paths.cache, state, rows)
    (output / COMPLETE_MARKER).touch()
    result = BuildResult(output, written, len(cached), entities, _warnings(report))
    return result, report


def _render_into(folder: Path, job: PageJob) -> int:
    return write_page(folder, job.render())


def _refresh_static(paths: SitePaths, output: Path) -> None:
    shutil.rmtree(output / "static", ignore_errors=True)
    copy_static(paths.static_dirs(), output)


def _templates_digest(paths: SitePaths) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for folder in paths.template_dirs():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                name = path.relative_to(folder).as_posix()
                hasher.update(f"{name}\0{len(data)}\0".encode() + data)
    return hasher.hexdigest()


def _warnings(report: ImportReport) -> tuple[str, ...]:
    return tuple(
        f"{path}: edited by hand since import; kept as is "
        "(use 'site-build import --force' to replace it)"
        for path in report.kept_edited
    )
