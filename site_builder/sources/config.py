"""site.yml -> SiteConfig, validated with file:line errors; every key is optional."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import SiteBuilderError, raise_all
from .yaml_safe import load_yaml_lines, read_text_file, unknown_key_message

# Over this, a seed or article fails with a message (a 50 MB seed would take minutes and
# gigabytes to build into one unreadable page); tests/test_build.py builds a 2.1 MB article.
DEFAULT_MAX_ARTICLE_BYTES = 4_000_000


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
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
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
    "max_article_bytes",
    "deploy",
}
_DEPLOY_KEYS = {"remote", "branch", "cname"}


def load_config(path: Path) -> SiteConfig:
    text = read_text_file(path, "site.yml")
    if text is None:
        return SiteConfig()
    loaded = load_yaml_lines(text, path=path)
    data = loaded.data if loaded.data is not None else {}
    if not isinstance(data, dict):
        raise SiteBuilderError("site.yml must be a mapping of settings", path=path, line=1)
    errors: list[SiteBuilderError] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        try:
            values[str(key)] = _validate(str(key), value)
        except ValueError as error:
            line = loaded.line(key, *getattr(error, "key", ()))
            errors.append(SiteBuilderError(str(error), path=path, line=line))
    raise_all(errors)
    return SiteConfig(**values)


class _KeyError(ValueError):
    """A problem with one key inside a setting (deploy.remote): its line is that key's."""

    def __init__(self, message: str, *key: str):
        super().__init__(message)
        self.key = key


def _validate(key: str, value: Any) -> Any:
    if key not in _KEYS:
        raise ValueError(unknown_key_message(key, _KEYS, "site.yml", "setting"))
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
    if key == "max_article_bytes":
        if not isinstance(value, int) or isinstance(value, bool) or not 1_000 <= value <= 10**9:
            raise ValueError("'max_article_bytes' must be a whole number of bytes, at least 1000")
        return value
    if not isinstance(value, dict):
        raise ValueError("'deploy' must be a mapping with remote, branch and/or cname")
    for name, item in value.items():
        if name not in _DEPLOY_KEYS:
            message = unknown_key_message(name, _DEPLOY_KEYS, "deploy", "setting")
            raise _KeyError(message, str(name))
        if not isinstance(item, str) or not item.strip():
            raise _KeyError(f"'deploy.{name}' must be a non-empty text", str(name))
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
