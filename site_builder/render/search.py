"""Full-text search: a Pagefind index in shards, so that an edit re-indexes one shard.

Pagefind cannot update an index in place, so the searched pages (articles and the first
page of each entity) are split into bundles (shards) by a stable hash of their path,
each written by Pagefind's indexing service into `pagefind/shard-<count>-<n>/`. There
are 64 shards, doubled while a shard would hold more than MAX_PAGES_PER_SHARD pages:
Pagefind holds about 0.37 MB per page while it indexes a bundle (580 MB for a shard of
a 100,000-article site in 64); a change of count re-indexes every shard once. A build
re-indexes only the shards holding a page it wrote or removed. The search page
(static/search.js) loads the bundles listed in `pagefind/shards.json` and merges them in
the browser with Pagefind's `mergeIndex`; filters (entity, type) are merged with them.
Everything is addressed relative to the page, so search works offline and under any
sub-path.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import SiteBuilderError

SEARCH_FOLDER = "pagefind"
SHARDS = 64  # at least
MAX_PAGES_PER_SHARD = 1024
LIST_FILE = "shards.json"
# The UI is the same in every bundle: one copy at the top serves the search page.
_UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
# What a bundle keeps: its index, and the search code and WebAssembly that the bundle
# loaded first (whichever it is) runs for all of them. The rest, the same in every
# bundle, would add 0.4 MB per shard.
_KEPT = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "index", "fragment", "filter")


def search_available() -> bool:
    return importlib.util.find_spec("pagefind") is not None


def searched(path: str) -> bool:
    """Articles and the first page of each entity: not the lists of them (index and later
    entity pages), which would only repeat results."""
    parts = path.split("/")
    return len(parts) == 3 and parts[0] in ("articles", "entities") and parts[2] == "index.html"


def shard_count(pages: int) -> int:
    """Shards for a site of this many searched pages: 64, doubled while a shard would
    hold more than MAX_PAGES_PER_SHARD."""
    count = SHARDS
    while pages > count * MAX_PAGES_PER_SHARD:
        count *= 2
    return count


def shard_of(path: str, count: int) -> int:
    return int.from_bytes(hashlib.blake2b(path.encode(), digest_size=4).digest()) % count


def shard_name(shard: int, count: int) -> str:
    return f"shard-{count}-{shard:03d}"


def stale_shards(paths: Iterable[str], count: int) -> set[int]:
    """The shards holding any of these (written or removed) pages."""
    return {shard_of(path, count) for path in paths if searched(path)}


def update_search(folder: Path, language: str, pages: Iterable[str], changed: list[str]) -> None:
    """Re-index the shards holding pages whose search records changed (all of them when
    the folder has no index yet, or one with another number of shards)."""
    pages = [path for path in pages if searched(path)]
    count = shard_count(len(pages))
    if _indexed_count(folder) != count:
        index_shards(folder, language, pages, count)
    elif shards := stale_shards(changed, count):
        index_shards(folder, language, pages, count, shards)


def _indexed_count(folder: Path) -> int | None:
    """The number of shards of the index in `folder` (None: none, or unreadable)."""
    try:
        names = json.loads((folder / SEARCH_FOLDER / LIST_FILE).read_text(encoding="utf-8"))
        counts = {int(str(name).split("-")[1]) for name in names}
    except (OSError, ValueError, IndexError, TypeError):
        return None
    return counts.pop() if len(counts) == 1 else None


def index_shards(
    folder: Path, language: str, pages: Iterable[str], count: int, shards: set[int] | None = None
) -> None:
    """(Re)write the bundles of `shards` (None: all `count`) from the site in `folder`,
    whose searched pages are `pages`; bundles left with no page are removed. A
    site with no searched page indexes its home page, so the search page still loads."""
    if not search_available():
        raise SiteBuilderError(
            "search is on (site.yml 'search: true') but Pagefind is not installed: "
            "pip install 'pagefind[bin]', or set 'search: false'"
        )
    members: dict[int, list[str]] = {}
    for path in sorted(pages):
        members.setdefault(shard_of(path, count), []).append(path)
    if not members:
        members = {0: ["index.html"]}
    root = folder / SEARCH_FOLDER
    if shards is None:
        shutil.rmtree(root, ignore_errors=True)
        shards = set(range(count))
    wanted = {shard: members[shard] for shard in sorted(shards) if shard in members}
    for shard in shards:
        # Pagefind adds to an existing bundle and never removes old fragments; in a
        # folder shared with the previous build (hard links), a file is never rewritten
        # in place: removing the bundle unlinks it, and Pagefind writes new files.
        shutil.rmtree(root / shard_name(shard, count), ignore_errors=True)
    if wanted:
        try:
            _write_bundles(folder, language, {shard_name(s, count): p for s, p in wanted.items()})
        except OSError as error:
            raise SiteBuilderError(f"search indexing failed (pagefind): {error}") from None
    for shard in wanted:
        _trim(
            root / shard_name(shard, count),
            language,
            root if not (root / _UI_FILES[0]).exists() else None,
        )
    listing = root / LIST_FILE
    listing.unlink(missing_ok=True)
    listing.write_text(json.dumps([f"{shard_name(s, count)}/" for s in sorted(members)]), "utf-8")


def _trim(bundle: Path, language: str, ui_folder: Path | None) -> None:
    """Drop what a bundle need not repeat; the first one written gives the search UI."""
    if ui_folder is not None:
        for name in _UI_FILES:
            shutil.copyfile(bundle / name, ui_folder / name)
    wasm = f"wasm.{language.split('-')[0]}.pagefind"
    for path in bundle.iterdir():
        if path.name not in _KEPT and path.name != wasm and path.suffix != ".pf_meta":
            path.unlink()


class _Pagefind:
    """Pagefind's indexing service (`pagefind --service`), spoken to directly: its Python
    client waits 0.1 s before reading each answer, a minute for a few hundred pages.
    Requests and answers are base64 JSON, each followed by a comma."""

    def __init__(self) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise SiteBuilderError("search is on but Pagefind's binary is not installed")
        self._process = subprocess.Popen(
            [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self._number = 0

    def ask(self, payload: dict[str, object]) -> dict[str, Any]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._number += 1
        message = json.dumps({"message_id": self._number, "payload": payload})
        self._process.stdin.write(base64.b64encode(message.encode()) + b",")
        self._process.stdin.flush()
        answer = bytearray()
        while not answer.endswith(b","):
            chunk = os.read(self._process.stdout.fileno(), 65536)
            if not chunk:
                raise SiteBuilderError("search indexing failed: Pagefind stopped")
            answer += chunk
        reply: dict[str, Any] = json.loads(base64.b64decode(answer[:-1]))["payload"]
        if reply.get("type") == "Error":
            raise SiteBuilderError(f"search indexing failed: {reply.get('message')}")
        return reply

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait()


def _write_bundles(folder: Path, language: str, shards: dict[str, list[str]]) -> None:
    """One Pagefind service per core, each writing its share of the bundles."""
    workers = max(1, min(os.cpu_count() or 1, 8, len(shards)))
    items = list(shards.items())
    shares = [dict(items[start::workers]) for start in range(workers)]
    if workers == 1:
        _write_share(folder, language, shares[0])
        return
    with ThreadPoolExecutor(workers) as pool:  # the services work, the threads wait
        for done in [pool.submit(_write_share, folder, language, share) for share in shares]:
            done.result()


def _write_share(folder: Path, language: str, shards: dict[str, list[str]]) -> None:
    service = _Pagefind()
    try:
        config = {"force_language": language.split("-")[0]}
        for shard, paths in shards.items():
            index = service.ask({"type": "NewIndex", "config": config})["index_id"]
            for path in paths:
                html = (folder / path).read_text(encoding="utf-8")
                url = "/" + path.removesuffix("index.html")
                service.ask({"type": "AddFile", "index_id": index, "url": url,
                             "file_path": None, "file_contents": html})  # fmt: skip
            output = str(folder / SEARCH_FOLDER / shard)
            service.ask({"type": "WriteFiles", "index_id": index, "output_path": output})
            service.ask({"type": "DeleteIndex", "index_id": index})
    finally:
        service.close()
