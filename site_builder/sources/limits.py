"""Size limits on what site-build reads: a 50 MB seed would take minutes and gigabytes to
build into one unreadable page, so files over the limit fail with a message instead.

The limit is `max_article_bytes` in site.yml (default 4 MB); it applies to seeds at import
and to content files when they are read.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import SiteBuilderError
from .config import DEFAULT_MAX_ARTICLE_BYTES, load_config

_remembered: dict[Path, tuple[tuple[int, int], int]] = {}


def article_limit(site_root: Path) -> int:
    """`max_article_bytes` of the site in `site_root`, read again only when site.yml changed."""
    config_file = site_root / "site.yml"
    try:
        info = os.stat(config_file)
    except OSError:
        return DEFAULT_MAX_ARTICLE_BYTES  # no site.yml (a folder or unreadable: load_config says)
    signature = (info.st_mtime_ns, info.st_size)
    remembered = _remembered.get(config_file)
    if remembered is not None and remembered[0] == signature:
        return remembered[1]
    try:
        limit = load_config(config_file).max_article_bytes
    except SiteBuilderError:
        # Every command that reads articles loads site.yml first and reports its errors
        # there; repeating them once per article would bury them.
        return DEFAULT_MAX_ARTICLE_BYTES
    _remembered[config_file] = (signature, limit)
    return limit


def limit_for_content_file(path: Path) -> int:
    """The limit for content/articles/<slug>.md: its site's, else the default."""
    articles = path.parent
    if articles.name == "articles" and articles.parent.name == "content":
        return article_limit(articles.parent.parent)
    return DEFAULT_MAX_ARTICLE_BYTES


def limit_for_seed_file(path: Path) -> int:
    """The limit for seeds/<name>.txt: its site's, else the default."""
    if path.parent.name == "seeds":
        return article_limit(path.parent.parent)
    return DEFAULT_MAX_ARTICLE_BYTES


def too_large(size: int, limit: int) -> str | None:
    """The message for a file of `size` bytes, or None when it is within `limit`."""
    if size <= limit:
        return None
    return (
        f"{size:,} bytes is over the limit of {limit:,} bytes per article "
        "(raise max_article_bytes in site.yml if this is really one article)"
    )
