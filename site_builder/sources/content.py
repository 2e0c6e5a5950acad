"""Stage 2b: content/articles/*.md -> Article, with front matter validated field by field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..errors import SiteBuilderError
from ..models import Article, Author, Image, Link, Source
from ..slugs import is_valid_slug
from ..urls import publisher_for, safe_url
from .frontmatter import split_with_lines
from .limits import limit_for_content_file, too_large
from .yaml_safe import Loaded, decode_utf8, unknown_key_message

# Every key a content file may have, and the keys of its mappings: anything else is a
# typo (`autors:`) that would otherwise drop what it holds without a word.
_KEYS = frozenset(
    {"title", "slug", "date", "authors", "image", "related", "source", "seed", "entities"}
)
_NESTED = {
    "authors": frozenset({"name", "url"}),
    "related": frozenset({"title", "url"}),
    "image": frozenset({"caption", "credit"}),
    "source": frozenset({"url", "publisher"}),
    "seed": frozenset({"file", "sha256"}),
}


def read_article(path: Path, data: bytes | None = None) -> Article:
    limit = limit_for_content_file(path)
    # Measured before reading when the file is read here: a 1 GB file is refused unread.
    size = path.stat().st_size if data is None else len(data)
    if message := too_large(size, limit):
        raise SiteBuilderError(message, path=path)
    if data is None:
        data = path.read_bytes()
    text = decode_utf8(data, path)
    loaded, body, body_line = split_with_lines(text, path=path)
    fields = _Fields(loaded, path)
    fields.check_keys()
    slug = fields.text("slug", default=path.stem)
    if not is_valid_slug(slug):
        raise fields.error(f"slug {slug!r} must be lowercase letters, digits and hyphens", "slug")
    if slug != path.stem:
        raise fields.error(f"slug {slug!r} does not match the file name {path.name!r}", "slug")
    source = fields.mapping("source")
    source_url = safe_url(source.get("url") or "") if source else None
    image = fields.mapping("image")
    seed = fields.mapping("seed")
    return Article(
        path=path,
        slug=slug,
        title=fields.text("title"),
        date=fields.date("date"),
        authors=tuple(
            Author(name=(item.get("name") or "").strip(), url=safe_url(item.get("url")))
            for item in fields.records("authors")
            if (item.get("name") or "").strip()
        ),
        image=Image(image.get("caption") or "", image.get("credit") or "") if image else None,
        body=body,
        body_line=body_line,
        related=tuple(
            Link(title=item.get("title") or "", url=safe_url(item.get("url")))
            for item in fields.records("related")
        ),
        source=Source(source_url, source.get("publisher") or publisher_for(source_url))
        if source_url
        else None,
        seed_file=seed.get("file") or None,
        seed_sha256=seed.get("sha256") or None,
        entity_counts=fields.counts("entities"),
    )


class _Fields:
    """Typed access to front matter; each error points at the key's own line."""

    def __init__(self, loaded: Loaded, path: Path):
        self.meta: dict[str, Any] = loaded.data
        self.loaded, self.path = loaded, path

    def error(self, message: str, *key: str | int) -> SiteBuilderError:
        return SiteBuilderError(message, path=self.path, line=self.loaded.line(*key))

    def check_keys(self) -> None:
        for key in self.meta:
            if key not in _KEYS:
                raise self.error(unknown_key_message(key, _KEYS, "front matter"), key)

    def text(self, key: str, default: str | None = None) -> str:
        value = self.meta.get(key, default)
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise self.error(f"front matter needs a non-empty text for {key!r}", key)
        if not str(value).strip():
            raise self.error(f"front matter needs a non-empty {key!r}", key)
        return str(value).strip()

    def date(self, key: str) -> dt.date:
        value = self.meta.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise self.error(f"{key!r} must be a date as YYYY-MM-DD, not {value!r}", key) from None

    def mapping(self, key: str) -> dict[str, Any]:
        """A mapping of optional texts, e.g. source: {url, publisher}."""
        value = self.meta.get(key) or {}
        if not isinstance(value, dict):
            raise self.error(f"{key!r} must be a mapping", key)
        self._check_record(key, value, key)
        return value

    def records(self, key: str) -> list[dict[str, Any]]:
        value = self.meta.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.error(f"{key!r} must be a list of mappings", key)
        for index, item in enumerate(value):
            self._check_record(key, item, key, index)
        return value

    def _check_record(self, kind: str, record: dict[str, Any], *where: str | int) -> None:
        """Known keys only, each a text or null: a list where a text belongs is an error."""
        for name, item in record.items():
            if name not in _NESTED[kind]:
                raise self.error(unknown_key_message(name, _NESTED[kind], repr(kind)), *where, name)
            if item is not None and not isinstance(item, str):
                raise self.error(
                    f"'{kind}.{name}' must be a text, not {type(item).__name__}", *where, name
                )

    def counts(self, key: str) -> tuple[tuple[str, int], ...]:
        value = self.meta.get(key) or {}
        if not isinstance(value, dict) or not all(
            isinstance(n, int) and not isinstance(n, bool) for n in value.values()
        ):
            raise self.error(f"{key!r} must map entity ids to mention counts", key)
        return tuple((str(entity_id), count) for entity_id, count in value.items())
