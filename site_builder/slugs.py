"""Slugs that are safe as a single path segment, whatever the title looks like."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
MAX_SLUG_LENGTH = 80


def slugify(text: str, *, fallback: str = "article") -> str:
    """Lowercase ASCII words joined by hyphens; never empty, never '.', '..' or containing '/'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0] or slug[:MAX_SLUG_LENGTH]
    return slug or fallback


def is_valid_slug(slug: str) -> bool:
    return bool(slug) and _NON_WORD.sub("-", slug) == slug and not slug.startswith("-")


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is free; the caller records it as taken."""
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate
