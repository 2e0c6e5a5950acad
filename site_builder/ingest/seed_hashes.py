"""SHA-256 of seed files, remembered by file signature (paths.file_signature), so that
an import with nothing new reads no seed: at 5,000 seeds that is most of its time.

Kept in .site-build-cache/ (local to the machine, unlike content/.imports.json, which
records the hashes for everyone and is what decides whether a seed changed).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from ..paths import UNSETTLED, file_signature, write_atomic

FILE = "seed-hashes.json"


class SeedHashes:
    def __init__(self, cache: Path):
        self._file = cache / FILE
        self._known: dict[str, list[int | str]] = {}
        self._changed = False
        self._seen: set[str] = set()
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads(self._file.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self._known = loaded

    def sha256(self, path: str) -> str:
        signature: list[int | str] = list(file_signature(os.stat(path)))
        name = os.path.basename(path)
        self._seen.add(name)
        remembered = self._known.get(name)
        settled = signature != list(UNSETTLED)
        if settled and isinstance(remembered, list) and remembered[:-1] == signature:
            return str(remembered[-1])
        with open(path, "rb") as file:
            digest = hashlib.sha256(file.read()).hexdigest()
        if settled:
            self._known[name] = [*signature, digest]
            self._changed = True
        return digest

    def save(self) -> None:
        """Write what changed; forget seeds that were not seen (deleted ones)."""
        if set(self._known) - self._seen:
            self._known = {name: self._known[name] for name in self._seen if name in self._known}
            self._changed = True
        if not self._changed:
            return
        write_atomic(self._file, json.dumps(self._known, separators=(",", ":")))
