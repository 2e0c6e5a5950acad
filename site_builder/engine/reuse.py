"""The rebuilder: what the last build left that this one can reuse, and what it must redo.

Every build, full or after any edit, takes the same path: articles whose files changed
(or all, with no usable cache) are annotated again, the whole site is planned as jobs
with fingerprints of what each page shows (plan.py), and a page is rendered only when
its fingerprint differs from the one recorded for the output folder (verifying traces;
a re-annotated article whose outline and entity digests did not change touches no other
page: early cutoff).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import __version__
from ..errors import SiteBuilderError, raise_all
from ..models import RenderedPage
from ..paths import UNSETTLED, SitePaths, file_signature
from ..render.pages import Renderer, article_path
from ..site.assemble import assemble_site
from ..sources.knowledge import KnowledgeBase, load_knowledge_base
from .plan import PageJob, digest, plan_site_pages
from .state import BuildState, CachedArticle, write_rows
from .workers import ProcessedArticle, content_key, process_articles

# Fingerprints of what the search index holds of a page are kept with the pages', under
# the page's path with this prefix (never a file name: search.searched() excludes it).
SEARCHED = "search:"


@dataclass
class Rebuild:
    """One build's view of the site: the articles it has (reused or processed again) and
    the fingerprint of every page it planned."""

    state: BuildState
    knowledge: KnowledgeBase
    knowledge_key: str
    renderer: Renderer
    base: str
    cache: Path | None  # rows go to the store here (None: serve keeps the state in memory)
    articles: dict[str, CachedArticle]
    errors: list[SiteBuilderError] = field(default_factory=list)  # the import's, raised with ours
    processed: list[ProcessedArticle] = field(default_factory=list)
    rows: list[tuple[str, str, str]] = field(default_factory=list)  # not stored yet
    fingerprints: dict[str, str] = field(default_factory=dict)
    fresh: bool = False  # the store starts afresh (a full build)

    def process(self, files: list[Path], folder: Path | None) -> list[RenderedPage]:
        """Annotate and render articles (their pages written into `folder`, or returned);
        no page is written anywhere before every article is known to be good."""
        done = process_articles(files, self.knowledge, self.knowledge_key, self.renderer, folder)
        raise_all(self.errors + [p.error for p in done if p.error])
        if self.cache is not None:
            self.rows.extend((str(p.path), p.key, p.stored) for p in done)
            if self.fresh and self.rows:  # a full build stores rows as it goes
                write_rows(self.cache, self.rows, fresh=not self.processed)
                self.rows.clear()
        self.processed.extend(replace(p, stored="") for p in done)
        for item in done:
            self.articles[str(item.path)] = cached_article(item)
            self.fingerprints[article_path(item.path.stem)] = digest(self.base, item.key)
        return [p.page for p in done if p.page is not None]

    def plan(self) -> list[PageJob]:
        """Every other page, planned from the whole site."""
        missing = self.state.fill_details(self.articles)
        if missing:  # the cache lost rows: annotate those articles again
            self.process([Path(path) for path in missing], None)
        items = self.articles.values()
        keys = {item.annotated.article.slug: item.key for item in items if item.annotated}
        digests = {
            item.annotated.article.slug: item.entity_digests or {}
            for item in items
            if item.annotated
        }
        site = assemble_site(self.knowledge, [i.annotated for i in items if i.annotated])
        jobs = plan_site_pages(site, self.renderer, keys, digests, self.base)
        self.fingerprints.update({article_path(s): digest(self.base, k) for s, k in keys.items()})
        self.fingerprints.update({job.path: job.fingerprint for job in jobs})
        self.fingerprints.update(
            {SEARCHED + article_path(s): digest(self.base, k) for s, k in keys.items()}
        )
        self.fingerprints.update(
            {SEARCHED + job.path: job.search for job in jobs if job.search is not None}
        )
        return jobs

    def unchanged_elsewhere(self) -> bool:
        """Early cutoff before planning: every page but the articles' own is made from
        the articles' rows (no body, no HTML), the knowledge base, settings and templates
        (`base`). When the same articles are there and each one annotated again left the
        same row as before, no other page's inputs changed: the site need not be planned,
        and no other article's row read."""
        state = self.state
        if self.fresh or not self.processed or state.base != self.base:
            return False
        if self.articles.keys() != state.articles.keys():
            return False
        paths = [str(item.path) for item in self.processed]
        before = state.previous_rows(paths)
        return all(
            path in before
            and before[path] == (self.articles[path].annotated, self.articles[path].entity_digests)
            for path in paths
        )

    def keep_other_pages(self) -> None:
        """After unchanged_elsewhere(): the other pages keep their fingerprints."""
        for item in self.processed:
            annotated = self.articles[str(item.path)].annotated
            assert annotated is not None
            searched = SEARCHED + article_path(annotated.article.slug)
            self.fingerprints[searched] = digest(self.base, item.key)
        for path, fingerprint in self.state.pages.items():
            self.fingerprints.setdefault(path, fingerprint)

    def stale(self, jobs: list[PageJob]) -> list[PageJob]:
        return [job for job in jobs if self.state.pages.get(job.path) != job.fingerprint]

    def removed(self) -> list[str]:
        return [
            path
            for path in self.state.pages
            if path not in self.fingerprints and not path.startswith(SEARCHED)
        ]

    def searched_changes(self) -> list[str]:
        """Pages whose record in the search index changed, came or went."""
        before, after = self.state.pages, self.fingerprints
        return [
            key.removeprefix(SEARCHED)
            for key in before.keys() | after.keys()
            if key.startswith(SEARCHED) and before.get(key) != after.get(key)
        ]


def knowledge_base(paths: SitePaths, state: BuildState) -> tuple[KnowledgeBase, str]:
    """The parsed knowledge base and the key of the very bytes it was parsed from (an
    editor may save the file during a build); parsed again only when its file changed."""
    path = paths.entities_file
    signature = _signature(path)
    remembered = state.reusable.get("knowledge")
    if remembered is not None and remembered[0] == signature != UNSETTLED:
        return remembered[1], remembered[2]
    data = path.read_bytes() if path.exists() else b""
    knowledge = load_knowledge_base(path, data)
    key = hashlib.blake2b(data + __version__.encode(), digest_size=16).hexdigest()
    state.reusable["knowledge"] = (signature, knowledge, key)
    return knowledge, key


def _signature(path: Path) -> tuple[int, int, int, int]:
    try:
        return file_signature(path.stat())
    except OSError:
        return UNSETTLED


def split_reusable(
    content: list[Path], state: BuildState, knowledge_key: str, base: str, incremental: bool
) -> tuple[dict[str, CachedArticle], list[Path]]:
    reused: dict[str, CachedArticle] = {}
    todo: list[Path] = []
    for path in content:
        cached = state.articles.get(str(path))
        if (
            not incremental
            or cached is None
            or state.knowledge != knowledge_key
            or state.pages.get(article_path(path.stem)) != digest(base, cached.key)
        ):
            todo.append(path)
            continue
        signature = file_signature(path.stat())
        if cached.signature == signature != UNSETTLED:
            reused[str(path)] = cached
        elif content_key(path.read_bytes(), knowledge_key) == cached.key:
            # Touched, or written too recently to trust its signature: same bytes.
            reused[str(path)] = cached._replace(signature=signature)
        else:
            todo.append(path)
    return reused, todo


def cached_article(processed: ProcessedArticle) -> CachedArticle:
    assert processed.annotated is not None
    return CachedArticle(
        processed.signature,
        processed.key,
        processed.outline,
        processed.annotated,
        processed.entity_digests,
    )
