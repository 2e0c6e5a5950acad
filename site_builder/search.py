"""Full-text search: index the built pages with Pagefind (its PyPI wheel ships the binary).

Pagefind writes a static index and its UI into `pagefind/` inside the site; the search
page loads them with relative URLs, so search works offline and under any sub-path.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import SiteBuilderError

SEARCH_FOLDER = "pagefind"


# Articles and the first page of each entity: not the lists of them (index and later
# entity pages), which would only repeat results and slow indexing. A site with none of
# them indexes its home page, so that the search page still loads.
_SEARCHED = "{articles/*/index.html,entities/*/index.html}"


def _searched_pages(folder: Path) -> bool:
    return any(folder.glob("articles/*/index.html")) or any(folder.glob("entities/*/index.html"))


def search_available() -> bool:
    return importlib.util.find_spec("pagefind") is not None


def index_site(folder: Path, language: str) -> None:
    if not search_available():
        raise SiteBuilderError(
            "search is on (site.yml 'search: true') but Pagefind is not installed: "
            "pip install 'pagefind[bin]', or set 'search: false'"
        )
    # Pagefind adds to an existing index folder and never removes its old fragments.
    shutil.rmtree(folder / SEARCH_FOLDER, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(folder),
        "--output-subdir",
        SEARCH_FOLDER,
        "--force-language",
        language.split("-")[0],
        "--glob",
        _SEARCHED if _searched_pages(folder) else "index.html",
        "--silent",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise SiteBuilderError(
            f"search indexing failed (pagefind exit {result.returncode}): {detail[0]}"
        )
