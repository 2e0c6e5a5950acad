"""YAML with limits: every YAML file site-build reads goes through `load_yaml`.

safe_load-level safety (no tags that build objects) and, on top of it, what a hostile or
careless file must not get past: an alias (`*name`) is refused, so a "billion laughs"
bomb fails in milliseconds instead of expanding into gigabytes; a scalar over
MAX_VALUE_CHARS is refused; a key given twice is an error at its second line; a value
that looks like a date but is none (`2024-13-45`) is an error at its line, not a
ValueError from the depths of PyYAML.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from ..errors import SiteBuilderError

# libyaml's parser when PyYAML was built with it: the same rules, ten times faster.
_FAST_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_VALUE_CHARS = 100_000  # one title, caption or description; a whole article is a body
MAX_YAML_CHARS = 20_000_000  # entities.yml of tens of thousands of entities fits
Key = tuple[str | int, ...]


class _NoDuplicates:
    """A key given twice in one mapping is an error at its second line."""

    first_line = 1  # the file line of the text's first line (front matter starts at 2)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                if key in seen:
                    raise ConstructorError(
                        None,
                        None,
                        f"duplicate key {key!r} (first given at line {seen[key]})",
                        key_node.start_mark,
                    )
                seen[key] = key_node.start_mark.line + self.first_line
        return super().construct_mapping(node, deep)  # type: ignore[misc,no-any-return]


class _Limits(_NoDuplicates):
    """Every rule, checked node by node (about a microsecond each)."""

    constructed_objects: dict[Any, Any]
    recursive_objects: dict[Any, Any]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A node met a second time was reached through an alias.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(
                None,
                None,
                "aliases ('*name') are not allowed: the value starting here is used again "
                "through one; write it out where it is needed",
                node.start_mark,
            )
        if isinstance(node, yaml.ScalarNode) and len(node.value) > MAX_VALUE_CHARS:
            raise ConstructorError(
                None,
                None,
                f"a value of {len(node.value):,} characters is over the limit of "
                f"{MAX_VALUE_CHARS:,}",
                node.start_mark,
            )
        try:
            return super().construct_object(node, deep)  # type: ignore[misc]
        except (ValueError, OverflowError, TypeError, AttributeError) as error:
            # e.g. `date: 2024-13-45` resolves to a timestamp that datetime refuses;
            # PyYAML's own constructors fail so on some explicit tags (`!!timestamp x`).
            shown = str(node.value)[:40]
            what = "date" if node.tag.endswith(":timestamp") else "value"
            raise ConstructorError(
                None, None, f"{shown!r} is not a valid {what} ({error})", node.start_mark
            ) from None


class CheckingLoader(_Limits, _FAST_BASE):  # type: ignore[misc,valid-type]
    pass


class PlainLoader(_NoDuplicates, _FAST_BASE):  # type: ignore[misc,valid-type]
    """For text that cannot hold an alias (no '*') nor an over-long value (short)."""


class ExplainingLoader(_Limits, yaml.SafeLoader):
    """Pure Python: slower, but its parse errors say more and point at the right mark."""


class Loaded:
    """Loaded YAML, and the line of each key (found only when a message needs one)."""

    def __init__(self, data: Any, node: yaml.Node | None = None, first_line: int = 1):
        self.data = data
        self._node, self._first_line = node, first_line
        self._lines: dict[Key, int] | None = None

    @property
    def lines(self) -> dict[Key, int]:
        """Absolute line of each key down to three levels, e.g. ("authors", 0, "name")."""
        if self._lines is None:
            node = self._node
            self._lines = {} if node is None else _key_lines(node, self._first_line)
        return self._lines

    def line(self, *key: str | int, default: int = 1) -> int:
        """The line of `key`, else of its nearest enclosing key, else `default`."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return default


def decode_utf8(raw: bytes, path: Path) -> str:
    """The text of a file's bytes; invalid UTF-8 is an error at its line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SiteBuilderError(
            f"not valid UTF-8 text (undecodable byte at offset {error.start})", path=path, line=line
        ) from None


def read_text_file(path: Path, what: str) -> str | None:
    """The text of a YAML file; None when it does not exist; errors when it is not a file."""
    if not path.exists():
        return None
    if not path.is_file():
        raise SiteBuilderError(f"{what} must be a file, not a folder", path=path)
    return decode_utf8(path.read_bytes(), path)


def load_yaml(text: str, *, path: Path, first_line: int = 1) -> Any:
    """Like yaml.safe_load, with the limits above; errors name `path` and the line."""
    return load_yaml_lines(text, path=path, first_line=first_line).data


def load_yaml_lines(text: str, *, path: Path, first_line: int = 1, checked: bool = False) -> Loaded:
    """The data, and the line of every key down to three levels."""
    if len(text) > MAX_YAML_CHARS:
        raise SiteBuilderError(
            f"{len(text):,} characters of YAML is over the limit of {MAX_YAML_CHARS:,}",
            path=path,
            line=first_line,
        )
    # Most files can break no limit: they are loaded without the per-node checks.
    checked = checked or "*" in text or len(text) > MAX_VALUE_CHARS
    loader = (CheckingLoader if checked else PlainLoader)(text)
    loader.first_line = first_line
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError:
            raise _explain(text, path, first_line) from None
        if node is None:
            return Loaded(None)
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise yaml_error(error, path, first_line, text) from None
    except (ValueError, OverflowError, TypeError, AttributeError):
        if checked:
            raise
        # A value PyYAML cannot build (2024-13-45): load again to find its line.
        return load_yaml_lines(text, path=path, first_line=first_line, checked=True)
    except RecursionError:
        raise SiteBuilderError("YAML nested too deeply", path=path, line=first_line) from None
    finally:
        loader.dispose()
    return Loaded(data, node, first_line)


def _key_lines(node: yaml.Node, first_line: int) -> dict[Key, int]:
    lines: dict[Key, int] = {}

    def walk(node: yaml.Node, prefix: Key) -> None:
        if len(prefix) >= 3:
            return  # bounded: a deeper walk is not needed for messages
        if isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = (*prefix, key_node.value)
                    lines.setdefault(key, first_line + key_node.start_mark.line)
                    walk(value, key)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                key = (*prefix, index)
                lines.setdefault(key, first_line + item.start_mark.line)
                walk(item, key)

    walk(node, ())
    return lines


def _explain(text: str, path: Path, first_line: int) -> SiteBuilderError:
    """Parse again with the pure-Python loader, whose messages and marks say more."""
    loader = ExplainingLoader(text)
    try:
        loader.get_single_node()
    except yaml.YAMLError as error:
        return yaml_error(error, path, first_line, text)
    except RecursionError:
        return SiteBuilderError("YAML nested too deeply", path=path, line=first_line)
    finally:
        loader.dispose()
    return SiteBuilderError("invalid YAML", path=path, line=first_line)


def yaml_error(
    error: yaml.YAMLError, path: Path, first_line: int = 1, text: str = ""
) -> SiteBuilderError:
    if isinstance(error, yaml.reader.ReaderError):
        # A control character or similar: PyYAML gives its offset, not a line.
        code = error.character if isinstance(error.character, int) else ord(error.character)
        line = first_line + text[: error.position].count("\n")
        return SiteBuilderError(
            f"invalid YAML: control character U+{code:04X} is not allowed", path=path, line=line
        )
    if not isinstance(error, yaml.MarkedYAMLError):
        return SiteBuilderError(f"invalid YAML: {error}", path=path, line=first_line)
    # An unclosed bracket or quote is noticed lines later: point at where it opened.
    mark = error.context_mark or error.problem_mark
    line = first_line + mark.line if mark is not None else first_line
    return SiteBuilderError(f"invalid YAML: {error.problem or error.context}", path=path, line=line)


def unknown_key_message(key: object, known: Iterable[str], what: str, noun: str = "key") -> str:
    """For example "unknown key 'autors' in front matter (did you mean 'authors'?)"."""
    names = sorted(known)
    close = difflib.get_close_matches(str(key), names, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(names)}"
    return f"unknown {noun} {str(key)!r} in {what} ({hint})"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def without_control_characters(text: str) -> str:
    """Text without NUL and other C0 control characters (tab and newlines stay)."""
    return _CONTROL.sub("", text)
