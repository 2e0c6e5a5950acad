"""The rebuilder: what the last build left that this one can reuse, and what it must redo.

Every build, full or after any edit, takes the same path: articles whose files changed
(or all, with no usable cache) are annotated again and replace their rows in the site
index (site/index.py); the index says which entities the change touched, and only their
pages, with the site-wide pages (lists, feeds, sitemap), are planned as jobs with
fingerprints of what each page shows (plan.py). A page is rendered only when its
fingerprint differs from the one recorded for the output folder (verifying traces; a
re-annotated article whose rows did not change touches no other page: early cutoff).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import cast

from ..annotate import Annotator
from ..errors import SiteBuilderError, raise_all
from ..models import NAMED_TYPES, AnnotatedArticle, PlacedQuote
from ..paths import slug_of
from ..render.pages import Renderer, article_path, entity_path, index_path
from ..render.paging import LATEST
from ..site.entries import IndexEntry, index_entry
from ..site.index import IndexChange, Refill, SiteIndex
from ..site.rows import Head, head_of, part_of
from ..site.view import Site
from ..sources.knowledge import KnowledgeBase
from .inputs import cached_article
from .plan import (
    PageJob,
    article_fingerprint,
    builtin_entity_page,
    plan_entity_latest_page,
    plan_entity_pages,
    plan_site_pages,
)
from .state import STATE_FILE, BuildState, CachedArticle, write_rows
from .workers import process_articles

# Articles stored (rows and site index) at a time, when none is kept in memory.
_BATCH = 256
# Pages planned at a time (a job is about 400 bytes; a batch renders in about 10 s).
_PAGES_PER_BATCH = 10_000
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
    processed: list[str] = field(default_factory=list)  # paths of the articles processed
    rows: list[tuple[str, str, str]] = field(default_factory=list)  # not stored yet
    fingerprints: dict[str, str] = field(default_factory=dict)
    fresh: bool = False  # the store starts afresh (a full build)
    indexed: bool = False  # this build changed the site index
    folder: str = ""  # the articles' folder: an article's path is folder/slug.md
    published: int | None = None  # entities with pages, once planned
    refill: Refill | None = None  # the site index being filled as articles are processed
    # Pages whose fingerprints this build set or dropped, when it started from the
    # previous build's (None: it planned every page).
    _changed: set[str] | None = None

    def process(self, files: list[Path], folder: Path | None) -> None:
        """Annotate and render articles, their pages written into `folder` (the staging
        folder: nothing is published before every article is known to be good).

        When every article is processed and rows go to the build cache, rows and the
        site index are stored as the workers hand articles back, and none is kept in
        memory: a cold build's memory does not grow with the site. Otherwise (an edit,
        or serve's state in memory) they are kept for planning."""
        streaming = self.cache is not None and not self.articles and not self.processed
        if streaming:
            self._start_refill()
        errors = list(self.errors)
        rows: list[tuple[str, str, str]] = []
        entries: list[IndexEntry] = []
        done = process_articles(
            files,
            self.knowledge,
            self.knowledge_key,
            self.renderer,
            folder,
            self._annotator(),
            unpack=not streaming,
        )
        for item in done:
            if item.error is not None:
                errors.append(item.error)
                continue
            rows.append((str(item.path), item.key, item.stored))
            if streaming:
                assert item.entry is not None
                entries.append(item.entry)
                item = replace(item, annotated=None, entity_digests={}, entry=None)
                if len(rows) >= _BATCH:
                    self._store(rows, entries)
            self.processed.append(str(item.path))
            self.articles[str(item.path)] = cached_article(item)
            self.fingerprints[article_path(item.path.stem)] = article_fingerprint(
                self.base, item.key
            )
        if streaming:
            self._store(rows, entries)
        raise_all(errors)
        if self.cache is not None and rows:
            self.rows.extend(rows)
            if self.fresh:  # a full build stores rows as it goes
                write_rows(self.cache, self.rows, fresh=False)
                self.rows.clear()

    def _start_refill(self) -> None:
        assert self.cache is not None
        if self.fresh:
            write_rows(self.cache, [], fresh=True)  # a new store, before the index opens it
        if self.state.index is not None:
            self.state.index.close()
        self.state.index = SiteIndex(self.cache / STATE_FILE)
        self.refill = self.state.index.refill()

    def _store(self, rows: list[tuple[str, str, str]], entries: list[IndexEntry]) -> None:
        assert self.cache is not None and self.refill is not None
        write_rows(self.cache, rows, fresh=False)
        self.refill.add(entries)
        rows.clear()
        entries.clear()

    def _annotator(self) -> Annotator:
        """The annotator for this knowledge base, kept between builds (its matcher takes
        0.1-0.4 s to make: most of a one-article rebuild in the preview)."""
        remembered = self.state.reusable.get("annotator")
        if remembered is not None and remembered[0] == self.knowledge_key:
            return cast(Annotator, remembered[1])
        annotator = Annotator(self.knowledge)
        self.state.reusable["annotator"] = (self.knowledge_key, annotator)
        return annotator

    def plan(self) -> Iterator[list[PageJob]]:
        """The pages that show the articles processed (or removed) in this build, planned
        from the site index after their rows replaced the old ones; every other page
        keeps the fingerprint it had. Handed over in batches of about _PAGES_PER_BATCH,
        each rendered before the next is planned: a build never holds every page's job
        (300,000 entity pages at 100,000 articles). Once all are handed over,
        `fingerprints` holds every page's."""
        site, change = self._update_index()
        self.published = len(site.totals)
        if change.everything:
            affected, ranked = set(site.totals), set[str]()
            for path, item in self.articles.items():
                page = article_path(slug_of(path))
                self.fingerprints[page] = self.fingerprints[SEARCHED + page] = article_fingerprint(
                    self.base, item.key
                )
        else:
            # Every page keeps the fingerprint it had, but those planned again below and
            # those that went: a one-article edit costs no pass over every page.
            affected, ranked = _affected(site, change)
            self._start_from_previous(affected)
        renderer, base = self.renderer, self.base
        builtin = builtin_entity_page(renderer)
        batch = plan_site_pages(site, renderer, base)
        batch += [
            plan_entity_latest_page(site, entity_id, renderer, base, builtin)
            for entity_id in sorted(ranked & site.totals.keys())
        ]
        planned: list[str] = []
        for entity_id in sorted(affected & site.totals.keys()):  # published, or not any more
            batch += plan_entity_pages(site, entity_id, renderer, base, builtin)
            planned.append(entity_id)
            if len(batch) >= _PAGES_PER_BATCH:
                yield self._planned(batch)
                site.forget(planned)  # rendered: what was read for them can go
                batch, planned = [], []
        yield self._planned(batch)

    def _start_from_previous(self, affected: set[str]) -> None:
        """The previous build's fingerprints, less those of the pages planned again
        whole (affected entities' pages and feeds, the article lists) and of the
        articles removed; with those of the articles processed. What changed is kept
        in `_changed`, so that what went and what search must re-index are found
        without a pass over every page."""
        processed = self.fingerprints
        self.fingerprints = dict(self.state.pages)
        self._changed = set()
        gone = [
            path
            for entity_id in affected
            for path in _pages_of(partial(entity_path, entity_id), self.fingerprints)
        ]
        gone += [f"entities/{entity_id}/feed.xml" for entity_id in affected]
        gone += _pages_of(index_path, self.fingerprints)
        gone += [
            article_path(slug_of(path))
            for path in self.state.articles.keys() - self.articles.keys()
        ]
        for path in gone:
            for key in (path, SEARCHED + path):
                if self.fingerprints.pop(key, None) is not None:
                    self._changed.add(key)
        for page, fingerprint in processed.items():
            self._set(page, fingerprint, fingerprint)

    def _set(self, path: str, fingerprint: str, searched: str | None) -> None:
        self.fingerprints[path] = fingerprint
        if self._changed is not None:
            self._changed.add(path)
        if searched is not None:
            self._set(SEARCHED + path, searched, None)

    def _planned(self, jobs: list[PageJob]) -> list[PageJob]:
        for job in jobs:
            self._set(job.path, job.fingerprint, job.search)
        return jobs

    def _update_index(self) -> tuple[Site, IndexChange]:
        """The articles' rows in the site index: those processed or removed replaced, or
        all of them afresh (a full build, or an index a failed build left half changed)."""
        state = self.state
        if state.index is None or (self.cache is not None and state.index.location is None):
            state.index = SiteIndex(self.cache / STATE_FILE if self.cache else None)
        index = state.index
        self.indexed = True
        known = self.knowledge.entities
        if self.refill is not None:
            change = self.refill.finish()
        elif self.fresh or not index.consistent() or len(self.processed) == len(self.articles):
            missing = state.fill_details(self.articles)
            if missing:  # the cache lost rows: annotate those articles again
                self.process([Path(path) for path in missing], None)
            entries = [self._entry(path, item, known) for path, item in self.articles.items()]
            change = index.rebuild(entries)
        else:
            removed = [path for path in state.articles if path not in self.articles]
            entries = [self._entry(path, self.articles[path], known) for path in self.processed]
            change = index.replace(removed, entries)
        return Site(self.knowledge, index, self._heads, self._parts), change

    @staticmethod
    def _entry(path: str, item: CachedArticle, known: Container[str]) -> IndexEntry:
        if item.entry is not None:
            return item.entry
        assert item.annotated is not None
        return index_entry(path, item.annotated, item.entity_digests or {}, item.outline, known)

    def _parts(
        self, entity_id: str, slugs: Sequence[str]
    ) -> list[tuple[AnnotatedArticle, tuple[PlacedQuote, ...]]]:
        """Articles as one entity's pages see them: made from the rows in memory, else
        read from the site index (a few hundred bytes each, not the article's row)."""
        kept, stored, index = self._split_by_memory(slugs)
        found = index.parts(entity_id, stored) if stored else {}
        return [
            found[slug]
            if annotated is None
            else part_of(
                annotated,
                (m for m in annotated.mentions if m.key == entity_id and m.type in NAMED_TYPES),
                (quote for quote in annotated.quotes if quote.speaker == entity_id),
            )
            for slug, annotated in zip(slugs, kept, strict=True)
        ]

    def _heads(self, slugs: Sequence[str]) -> list[Head]:
        """Articles as lists and feeds see them: from the rows in memory, else from the
        site index."""
        kept, stored, index = self._split_by_memory(slugs)
        found = index.heads(stored) if stored else {}
        return [
            found[slug] if annotated is None else head_of(annotated)
            for slug, annotated in zip(slugs, kept, strict=True)
        ]

    def _split_by_memory(
        self, slugs: Sequence[str]
    ) -> tuple[list[AnnotatedArticle | None], list[str], SiteIndex]:
        """Per slug, the article's row if this build holds it in memory; the slugs it does
        not hold (to be read from the site index); and that index."""
        articles, folder = self.articles, self.folder + os.sep
        kept = [articles[f"{folder}{slug}.md"].annotated for slug in slugs]
        stored = [slug for slug, annotated in zip(slugs, kept, strict=True) if annotated is None]
        assert self.state.index is not None
        return kept, stored, self.state.index

    def settle(self) -> None:
        """After the build recorded its pages: the index it changed matches them."""
        index = self.state.index
        if index is not None and self.indexed:
            index.mark_consistent()
        if index is not None and index.location is not None:
            index.close()

    def stale(self, jobs: list[PageJob]) -> list[PageJob]:
        return [job for job in jobs if self.state.pages.get(job.path) != job.fingerprint]

    def removed(self) -> list[str]:
        previous = self.state.pages if self._changed is None else self._changed
        return [
            path
            for path in previous
            if path not in self.fingerprints and not path.startswith(SEARCHED)
        ]

    def searched_changes(self) -> list[str]:
        """Pages whose record in the search index changed, came or went."""
        before, after = self.state.pages, self.fingerprints
        keys = before.keys() | after.keys() if self._changed is None else self._changed
        return [
            key.removeprefix(SEARCHED)
            for key in keys
            if key.startswith(SEARCHED) and before.get(key) != after.get(key)
        ]


def _pages_of(path_of: Callable[[int], str], fingerprints: Container[str]) -> list[str]:
    """The paths of a paginated list's pages that have fingerprints (from the latest)."""
    paths = []
    page = LATEST
    while path_of(page) in fingerprints:
        paths.append(path_of(page))
        page += 1
    return paths


def _affected(site: Site, change: IndexChange) -> tuple[set[str], set[str]]:
    """The entities whose pages may show something else after this change: those the
    changed articles name (or named), and those belonging to an entity published or
    unpublished (its link in their header); then, apart, the other entities ranked with
    one whose count changed, whose latest page alone ("often mentioned with") may
    change."""
    affected = set(change.touched)
    if change.published:
        affected |= {
            key
            for key, entity in site.knowledge.entities.items()
            if entity.belongs_to in change.published
        }
    return affected, site.index.partners_of_any(change.recounted) - affected
