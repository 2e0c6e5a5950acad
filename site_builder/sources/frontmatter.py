"""Split and join YAML front matter; YAML errors point at the file's own line numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import SiteBuilderError
from .yaml_safe import CheckingLoader, Loaded, load_yaml, load_yaml_lines

__all__ = [
    "FENCE",
    "SAFE_LOADER",
    "dump_front_matter",
    "explain_yaml_error",
    "load_yaml",
    "split_front_matter",
    "split_with_lines",
]

# The names this module had before yaml_safe.py, for code written against them: the
# loader is the one with every limit (no aliases, no over-long values, no duplicate keys).
SAFE_LOADER: type[yaml.SafeLoader] = CheckingLoader


def explain_yaml_error(text: str, path: Path, first_line: int = 1) -> SiteBuilderError:
    """The message, with its line, for YAML that SAFE_LOADER refused."""
    try:
        load_yaml_lines(text, path=path, first_line=first_line, checked=True)
    except SiteBuilderError as error:
        return error
    return SiteBuilderError("invalid YAML", path=path, line=first_line)


FENCE = "---"


def split_front_matter(text: str, *, path: Path) -> tuple[dict[str, Any], str, int]:
    """(front matter, body, line number where the body starts)."""
    loaded, body, body_line = split_with_lines(text, path=path)
    return loaded.data, body, body_line


def split_with_lines(text: str, *, path: Path) -> tuple[Loaded, str, int]:
    """As split_front_matter, with the line of every front-matter key."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise SiteBuilderError(
            "missing front matter: the file must start with '---'", path=path, line=1
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            loaded = load_yaml_lines("\n".join(lines[1:index]), path=path, first_line=2)
            if loaded.data is None:
                loaded = Loaded({})
            if not isinstance(loaded.data, dict):
                raise SiteBuilderError("front matter must be a mapping of keys", path=path, line=2)
            body = "\n".join(lines[index + 1 :])
            return loaded, body.lstrip("\n"), index + 2 + (len(body) - len(body.lstrip("\n")))
    raise SiteBuilderError("front matter is not closed by a '---' line", path=path, line=1)


def dump_front_matter(meta: dict[str, Any], body: str) -> str:
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"{FENCE}\n{dumped}{FENCE}\n\n{body.rstrip()}\n"
