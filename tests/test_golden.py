"""The seed's rendered article page, compared byte for byte with tests/golden.

Run `pytest tests/test_golden.py --update-golden` after an intended change of output,
then review the diff of tests/golden/ like any other code change.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.engine.build import build
from site_builder.paths import SitePaths

from .conftest import SEED_ARTICLE_SLUG

GOLDEN = Path(__file__).parent / "golden"


def _check(actual: str, name: str, update: bool) -> None:
    golden = GOLDEN / name
    if update:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {name}: run pytest --update-golden"
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{name} differs from the golden file; if the change is intended, "
        "run pytest --update-golden and review the diff"
    )


def test_seed_article_page_matches_golden(site: SitePaths, update_golden: bool) -> None:
    build(site)
    page = site.output / "articles" / SEED_ARTICLE_SLUG / "index.html"
    _check(page.read_text(encoding="utf-8"), "seed-article.html", update_golden)


def test_seed_content_file_matches_golden(site: SitePaths, update_golden: bool) -> None:
    build(site)
    content = (site.articles / f"{SEED_ARTICLE_SLUG}.md").read_text(encoding="utf-8")
    _check(content, "seed-article.md", update_golden)
