"""Stage 2b: content/articles/*.md -> Article, with front matter validated field by field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .errors import SiteBuilderError
from .frontmatter import split_front_matter
from .models import Article, Author, Image, Link, Source
from .slugs import is_valid_slug
from .urls import publisher_for, safe_url


def read_article(path: Path, data: bytes | None = None) -> Article:
    try:
        text = (path.read_bytes() if data is None else data).decode("utf-8")
    except UnicodeDecodeError as error:
        raise SiteBuilderError(f"not valid UTF-8 text (byte {error.start})", path=path) from None
    meta, body, body_line = split_front_matter(text, path=path)
    fields = _Fields(meta, path, text)
    slug = fields.text("slug", default=path.stem)
    if not is_valid_slug(slug):
        raise fields.error("slug", f"slug {slug!r} must be lowercase letters, digits and hyphens")
    if slug != path.stem:
        raise fields.error("slug", f"slug {slug!r} does not match the file name {path.name!r}")
    source = fields.mapping("source")
    source_url = safe_url(str(source.get("url") or "")) if source else None
    image = fields.mapping("image")
    seed = fields.mapping("seed")
    return Article(
        path=path,
        slug=slug,
        title=fields.text("title"),
        date=fields.date("date"),
        authors=tuple(
            Author(name=str(item.get("name", "")).strip(), url=safe_url(item.get("url")))
            for item in fields.records("authors")
            if str(item.get("name", "")).strip()
        ),
        image=Image(str(image.get("caption") or ""), str(image.get("credit") or ""))
        if image
        else None,
        body=body,
        body_line=body_line,
        related=tuple(
            Link(title=str(item.get("title", "")), url=safe_url(item.get("url")))
            for item in fields.records("related")
        ),
        source=Source(source_url, str(source.get("publisher") or publisher_for(source_url)))
        if source_url
        else None,
        seed_file=str(seed["file"]) if seed.get("file") else None,
        seed_sha256=str(seed["sha256"]) if seed.get("sha256") else None,
        entity_counts=fields.counts("entities"),
    )


class _Fields:
    """Typed access to front matter; each error points at the key's own line."""

    def __init__(self, meta: dict[str, Any], path: Path, text: str):
        self.meta, self.path = meta, path
        self._lines = text.split("\n")

    def error(self, key: str, message: str) -> SiteBuilderError:
        line = next(
            (
                number
                for number, content in enumerate(self._lines, 1)
                if content.startswith(f"{key}:")
            ),
            1,
        )
        return SiteBuilderError(message, path=self.path, line=line)

    def text(self, key: str, default: str | None = None) -> str:
        value = self.meta.get(key, default)
        if not isinstance(value, str | int | float) or not str(value).strip():
            raise self.error(key, f"front matter needs a non-empty {key!r}")
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
            raise self.error(key, f"{key!r} must be a date as YYYY-MM-DD, not {value!r}") from None

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.meta.get(key) or {}
        if not isinstance(value, dict):
            raise self.error(key, f"{key!r} must be a mapping")
        return value

    def records(self, key: str) -> list[dict[str, Any]]:
        value = self.meta.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.error(key, f"{key!r} must be a list of mappings")
        return value

    def counts(self, key: str) -> tuple[tuple[str, int], ...]:
        value = self.meta.get(key) or {}
        if not isinstance(value, dict) or not all(isinstance(n, int) for n in value.values()):
            raise self.error(key, f"{key!r} must map entity ids to mention counts")
        return tuple((str(entity_id), count) for entity_id, count in value.items())
