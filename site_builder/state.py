"""What the last build produced, so the next one redoes only what changed.

Kept in memory by `serve` and pickled to .site-build-cache/ between command-line builds.
The cache is keyed by the package version: a new site-build starts from scratch.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .models import AnnotatedArticle

STATE_FILE = "state.pickle"
FORMAT = 3  # bump when the cached values change shape


@dataclass(frozen=True)
class CachedArticle:
    signature: tuple[int, int]  # (mtime_ns, size) of the content file
    key: str  # content bytes + knowledge base + engine version
    annotated: AnnotatedArticle  # without its HTML: what other pages need of it
    # entity id -> digest of what this article adds to that entity's page
    entity_digests: dict[str, str] = field(default_factory=dict)


@dataclass
class BuildState:
    version: str = __version__
    format: int = FORMAT
    knowledge: str = ""
    articles: dict[str, CachedArticle] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # output path -> fingerprint
    output: str = ""
    static: str = ""
    base: str = ""  # fingerprint of engine, knowledge base, settings and templates
    # Kept only in memory (serve): parsed knowledge base and compiled templates.
    reusable: dict[str, Any] = field(default_factory=dict, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["reusable"] = {}
        return state


def load_state(cache: Path) -> BuildState:
    path = cache / STATE_FILE
    with contextlib.suppress(
        OSError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        TypeError,
        ValueError,
        ImportError,
    ):
        with path.open("rb") as file:
            state = pickle.load(file)
        if (
            isinstance(state, BuildState)
            and state.version == __version__
            and getattr(state, "format", None) == FORMAT
        ):
            return state
    return BuildState()


def save_state(cache: Path, state: BuildState) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cache / f".{STATE_FILE}.tmp"
    with temporary.open("wb") as file:
        pickle.dump(state, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, cache / STATE_FILE)
