"""The command line's fast path: an edit that changes only an article's text.

When an edited article keeps its outline (front matter, summary, quotes, how often it
names each entity), the only other pages that change are the entity pages quoting its
sentences, and on each only the block of that article. A command-line build then needs
neither the whole site in memory nor a new plan: it renders the article's old and new
blocks with the template macro that wrote them, and swaps one for the other in the
written page. With a site's own entity, base or macro templates, or when an old block is
not found verbatim (a page written by something else), nothing is patched and the build
takes the full path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import TemplateError

from .models import RenderedPage
from .render import Renderer, entity_path, root_of
from .site import mentions_of
from .state import BuildState, CachedArticle

# Pages patched in place get this fingerprint, so that the next full build renders them
# once more from the whole site (byte-identical, by the test of incremental builds).
PATCHED = "patched"


def patch_entity_pages(
    output: Path,
    renderer: Renderer,
    state: BuildState,
    edited: dict[str, CachedArticle],
) -> list[RenderedPage] | None:
    """The entity pages rewritten for text-only edits, or None when the full path is needed."""
    # A site's own entity page may show more of an article than the block (that the old
    # block is found proves nothing about the rest of the page): only the built-in
    # templates are known to show nothing else of it.
    if not renderer.builtin("entity.html", "_macros.html", "base.html"):
        return None
    module = renderer.env.get_template("_macros.html").module
    macro: Callable[..., str] = module.mention_group  # type: ignore[attr-defined]
    pages: dict[str, str] = {}
    for path, new in edited.items():
        old = state.articles.get(path)
        details = state.details(path)
        after, new_digests = new.annotated, new.entity_digests
        if old is None or details is None or after is None or new_digests is None:
            return None
        before, old_digests = details
        shown_on = state.entity_pages_of(after.article.slug)
        if old.outline != new.outline or shown_on is None:
            return None
        for entity in sorted(set(old_digests) | set(new_digests)):
            if old_digests.get(entity) == new_digests.get(entity):
                continue
            if entity not in shown_on:
                return None
            page = entity_path(entity, shown_on[entity])
            if page not in pages:
                try:
                    pages[page] = (output / page).read_text(encoding="utf-8")
                except OSError:
                    return None
            root = root_of(page)
            try:
                old_block = macro(before, mentions_of(before, entity), root)
                new_block = macro(after, mentions_of(after, entity), root)
            except TemplateError:
                return None
            if pages[page].count(old_block) != 1:
                return None
            pages[page] = pages[page].replace(old_block, new_block)
    return [RenderedPage(path, content) for path, content in pages.items()]
