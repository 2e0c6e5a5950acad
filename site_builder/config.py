"""site.yml -> SiteConfig, validated with file:line errors; every key is optional."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import SiteBuilderError, raise_all
from .frontmatter import load_yaml


@dataclass(frozen=True)
class DeployConfig:
    remote: str = "origin"
    branch: str = "gh-pages"
    cname: str | None = None


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Annotated News"
    description: str = "News articles with the people, places and organisations in them explained."
    base_url: str = ""  # e.g. https://user.github.io/repo/ ; empty: relative links only
    language: str = "en"
    default_author: str | None = None
    per_page: int = 20
    search: bool = True
    deploy: DeployConfig = DeployConfig()

    @property
    def base_path(self) -> str:
        """The URL path the site is served under, always ending in '/' ('/repo/')."""
        path = urlsplit(self.base_url).path if self.base_url else "/"
        return path if path.endswith("/") else path + "/"

    def absolute(self, path: str) -> str:
        """The public URL of a path inside the site ('articles/x/' -> base_url + that)."""
        return self.base_url + path.lstrip("/") if self.base_url else path

    def with_base_url(self, base_url: str | None) -> SiteConfig:
        return self if base_url is None else replace(self, base_url=_check_base_url(base_url))


_KEYS = {
    "title",
    "description",
    "base_url",
    "language",
    "default_author",
    "per_page",
    "search",
    "deploy",
}


def load_config(path: Path) -> SiteConfig:
    if not path.exists():
        return SiteConfig()
    text = path.read_text(encoding="utf-8-sig")
    data = load_yaml(text, path=path) or {}
    if not isinstance(data, dict):
        raise SiteBuilderError("site.yml must be a mapping of settings", path=path, line=1)
    lines = text.split("\n")

    def line_of(key: str) -> int:
        return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)

    errors: list[SiteBuilderError] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        try:
            values[str(key)] = _validate(str(key), value)
        except ValueError as error:
            errors.append(SiteBuilderError(str(error), path=path, line=line_of(str(key))))
    raise_all(errors)
    return SiteConfig(**values)


def _validate(key: str, value: Any) -> Any:
    if key not in _KEYS:
        raise ValueError(f"unknown setting {key!r} (known: {', '.join(sorted(_KEYS))})")
    if key in ("title", "description", "default_author"):
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{key!r} must be a non-empty text")
        return value.strip()
    if key == "base_url":
        if not isinstance(value, str):
            raise ValueError("'base_url' must be a URL such as https://user.github.io/repo/")
        return _check_base_url(value)
    if key == "search":
        if not isinstance(value, bool):
            raise ValueError("'search' must be true or false")
        return value
    if key == "language":
        if not isinstance(value, str) or not re.fullmatch(
            r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", value
        ):
            raise ValueError("'language' must be a language tag such as en or en-GB")
        return value
    if key == "per_page":
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 1000:
            raise ValueError("'per_page' must be a whole number from 1 to 1000")
        return value
    if not isinstance(value, dict) or set(value) - {"remote", "branch", "cname"}:
        raise ValueError("'deploy' must be a mapping with remote, branch and/or cname")
    for name, item in value.items():
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"'deploy.{name}' must be a non-empty text")
    return DeployConfig(**value)


def _check_base_url(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"'base_url' {value!r} must be an http(s) URL such as https://user.github.io/repo/"
        )
    return value if value.endswith("/") else value + "/"
