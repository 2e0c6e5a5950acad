"""Errors that say where: every user-facing failure names its file and line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class SiteBuilderError(Exception):
    """A problem with the user's content or configuration, not a bug in site-build."""

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class ContentErrors(SiteBuilderError):
    """Several bad files at once, so the user sees every one of them in a single run."""

    def __init__(self, errors: Iterable[SiteBuilderError]):
        self.errors = tuple(errors)
        super().__init__(f"{len(self.errors)} error(s)")

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


class UsageError(SiteBuilderError):
    """The command line itself is wrong (exit code 2)."""


def raise_all(errors: list[SiteBuilderError]) -> None:
    """Raise the collected errors together, or nothing when there are none."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ContentErrors(errors)
