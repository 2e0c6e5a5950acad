"""The whole pipeline in one place: import -> annotate -> plan -> render -> write.

Every build takes the same path (reuse.Rebuild): an article is parsed and annotated
again only when its file or the knowledge base changed, and a page is rendered and
written only when the fingerprint of what it shows changed (see state.py and plan.py).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .. import __version__
from ..errors import raise_all
from ..ingest.importer import ImportReport, import_seeds
from ..models import BuildResult
from ..parallel import run_parallel, without_collections
from ..paths import SitePaths, file_names, slug_of
from ..render.pages import Renderer, article_path
from ..render.search import SEARCH_FOLDER, update_search
from ..sources.config import SiteConfig, load_config
from ..sources.knowledge import KnowledgeBase
from ..words import known_frequencies, remember_frequencies
from .inputs import knowledge_base, split_reusable
from .output_dir import checked_output
from .plan import PageJob, digest
from .reuse import Rebuild
from .state import (
    BuildState,
    load_state,
    load_word_frequencies,
    save_state,
    save_word_frequencies,
)
from .writer import (
    COMPLETE_MARKER,
    Filled,
    copy_static,
    remove_pages,
    static_fingerprint,
    write_page,
    write_site,
)

# Entity, index and feed pages take about 1 ms each: forking workers (0.2-0.3 s with a
# large site in memory) pays only for a few hundred of them.
PAGES_IN_PARALLEL = 32


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
    say = options.progress or _silent
    stored = state is None
    state = load_state(paths.cache) if state is None else state
    if stored:
        remember_frequencies(load_word_frequencies(paths.cache))
    words_known = len(known_frequencies())
    config = load_config(paths.config_file).with_base_url(options.base_url)
    output = checked_output(options.output or paths.output, paths.root)
    say("importing seeds")
    knowledge, knowledge_key, report = _import(paths, state, options)
    renderer, base = _renderer(paths, state, config, knowledge_key)
    incremental = state.output == str(output) and (output / COMPLETE_MARKER).is_file()
    folder = paths.articles
    names = sorted(file_names(folder, ".md"))
    reused, todo = split_reusable(folder, names, state, knowledge_key, base, incremental)
    static = static_fingerprint(paths.static_dirs())
    search = config.search if options.search is None else options.search
    run = Rebuild(
        state, knowledge, knowledge_key, renderer, base, paths.cache if stored else None,
        dict(reused), list(report.errors), fresh=not incremental, folder=str(folder),
    )  # fmt: skip
    unchanged_inputs = (
        incremental and not todo and set(reused) == set(state.articles) and state.base == base
    )
    say(f"annotating and rendering {len(todo)} of {len(names)} articles")
    if unchanged_inputs and static == state.static:
        # No input of any page changed: no page can have changed either.
        raise_all(report.errors)
        run.fingerprints.update(state.pages)
        written = 0
    else:
        fill = _Fill(
            run, todo, paths.static_dirs(), config.language if search else None,
            static_changed=static != state.static or not incremental,
            replan=not unchanged_inputs, say=say,
        )  # fmt: skip
        written = write_site(output, incremental, fill)
    unchanged = (
        not run.processed
        and state.pages == run.fingerprints
        and state.static == static
        and all(item is state.articles.get(path) for path, item in reused.items())  # none refreshed
    )
    # The store holds the state the build started from, unless it started the store afresh.
    stored_index = None if run.fresh else (state.articles, state.pages)
    state.knowledge, state.articles, state.pages = knowledge_key, run.articles, run.fingerprints
    state.output, state.static, state.base = str(output), static, base
    if stored and not unchanged:
        save_state(paths.cache, state, run.rows, stored_index)
    if stored and len(known_frequencies()) != words_known:
        save_word_frequencies(paths.cache, known_frequencies())
    run.settle()
    entities = run.published
    if entities is None:  # not planned: as many as have pages
        entities = sum(
            1 for p in run.fingerprints if p.startswith("entities/") and p.count("/") == 2
        )
    result = BuildResult(output, written, len(run.articles), entities, _warnings(report))
    return result, report


def _silent(message: str) -> None:
    del message


def _import(
    paths: SitePaths, state: BuildState, options: BuildOptions
) -> tuple[KnowledgeBase, str, ImportReport]:
    knowledge, knowledge_key = knowledge_base(paths, state)
    if not options.import_seeds:
        return knowledge, knowledge_key, ImportReport()
    report, _ = import_seeds(paths, knowledge, force=options.force_import)
    if report.proposed:  # appended to entities.yml: use what the file now says
        knowledge, knowledge_key = knowledge_base(paths, state)
    return knowledge, knowledge_key, report


def _renderer(
    paths: SitePaths, state: BuildState, config: SiteConfig, knowledge_key: str
) -> tuple[Renderer, str]:
    """The compiled templates (kept by serve between builds) and the fingerprint of
    everything every page depends on: engine, knowledge base, settings, templates."""
    templates = _templates_digest(paths)
    name = f"renderer:{templates}:{config!r}"
    renderer = state.reusable.get(name)
    if renderer is None:
        renderer = Renderer(paths.template_dirs(), config)
        state.reusable = {
            key: value for key, value in state.reusable.items() if key in ("knowledge", "annotator")
        }
        state.reusable[name] = renderer
    return renderer, digest(__version__, knowledge_key, repr(config), templates)


@dataclass(frozen=True)
class _Fill:
    """What a build writes into its staging folder (empty, or the previous site as hard
    links): the changed articles, the pages whose fingerprints changed, static files and
    search shards as needed; removed pages are removed."""

    run: Rebuild
    todo: list[Path]
    static_dirs: list[Path]
    search_language: str | None  # None: search is off
    static_changed: bool
    replan: bool
    say: Callable[[str], None]

    def __call__(self, folder: Path) -> Filled:
        run = self.run
        rendered = 0
        changed = [SEARCH_FOLDER]
        if self.replan:
            run.process(self.todo, folder)
            for batch in run.plan():
                jobs = run.stale(batch)
                self.say(f"rendering {len(jobs)} entity, index and feed pages")
                run_parallel(partial(_render_into, folder), jobs, PAGES_IN_PARALLEL)
                rendered += len(jobs)
                changed += [job.path for job in jobs]
            removed = run.removed()
            remove_pages(folder, removed)
            changed += [article_path(slug_of(path)) for path in run.processed] + removed
        else:
            run.fingerprints.update(run.state.pages)
        if self.static_changed:
            changed.append("static")
            shutil.rmtree(folder / "static", ignore_errors=True)
            copy_static(self.static_dirs, folder)
        if self.search_language is not None:
            update_search(folder, self.search_language, run.fingerprints, run.searched_changes())
        else:  # an index of pages as they were would be published
            shutil.rmtree(folder / SEARCH_FOLDER, ignore_errors=True)
        return len(run.processed) + rendered, changed


def _render_into(folder: Path, job: PageJob) -> int:
    return write_page(folder, job.render())


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
