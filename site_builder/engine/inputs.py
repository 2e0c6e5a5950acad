"""What of the last build's inputs is still current: the parsed knowledge base, and
the articles whose files did not change (by signature, else by their bytes)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .. import __version__
from ..paths import UNSETTLED, SitePaths, file_signature
from ..render.pages import article_path
from ..sources.knowledge import KnowledgeBase, load_knowledge_base
from .plan import article_fingerprint
from .state import BuildState, CachedArticle
from .workers import ProcessedArticle, content_key


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
    folder: Path,
    names: list[str],
    state: BuildState,
    knowledge_key: str,
    base: str,
    incremental: bool,
) -> tuple[dict[str, CachedArticle], list[Path]]:
    """The articles (file names in `folder`) whose cached rows still hold, and those to
    process again. Paths as strings: a Path per file is a tenth of a one-article edit."""
    reused: dict[str, CachedArticle] = {}
    todo: list[Path] = []
    pages = state.pages
    fresh = not incremental or state.knowledge != knowledge_key
    for name in names:
        path = f"{folder}{os.sep}{name}"
        cached = state.articles.get(path)
        if (
            fresh
            or cached is None
            or pages.get(article_path(name[:-3])) != article_fingerprint(base, cached.key)
        ):
            todo.append(Path(path))
            continue
        signature = file_signature(os.stat(path))
        if cached.signature == signature != UNSETTLED:
            reused[path] = cached
        elif content_key(Path(path).read_bytes(), knowledge_key) == cached.key:
            # Touched, or written too recently to trust its signature: same bytes.
            reused[path] = cached._replace(signature=signature)
        else:
            todo.append(Path(path))
    return reused, todo


def cached_article(processed: ProcessedArticle) -> CachedArticle:
    return CachedArticle(
        processed.signature,
        processed.key,
        processed.outline,
        processed.annotated,
        processed.entity_digests,
        processed.entry,
    )
