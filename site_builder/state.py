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

from . import __version__
from .models import AnnotatedArticle

STATE_FILE = "state.pickle"


@dataclass(frozen=True)
class CachedArticle:
    signature: tuple[int, int]  # (mtime_ns, size) of the content file
    key: str  # content bytes + knowledge base + engine version
    annotated: AnnotatedArticle  # without its HTML: what other pages need of it


@dataclass
class BuildState:
    version: str = __version__
    knowledge: str = ""
    articles: dict[str, CachedArticle] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # output path -> fingerprint
    output: str = ""
    static: str = ""


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
        if isinstance(state, BuildState) and state.version == __version__:
            return state
    return BuildState()


def save_state(cache: Path, state: BuildState) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cache / f".{STATE_FILE}.tmp"
    with temporary.open("wb") as file:
        pickle.dump(state, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, cache / STATE_FILE)
