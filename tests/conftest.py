"""Shared fixtures: a throw-away site with the real seed, the CLI, and Debian's Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from site_builder.cli import main
from site_builder.paths import SitePaths

from .serving import CHROMIUM_ARGS

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_e588548092be8d5c.txt"
SEED_ARTICLE_SLUG = "north-korea-says-it-will-stand-by-russia-until-victory-over-ukraine"
CHROMIUM = Path("/usr/bin/chromium")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files in tests/golden from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def site(tmp_path: Path) -> SitePaths:
    """A fresh site holding the seed and the curated knowledge base."""
    root = tmp_path / "site"
    (root / "seeds").mkdir(parents=True)
    (root / "content").mkdir()
    shutil.copy(SEED, root / "seeds" / SEED.name)
    shutil.copy(REPO / "content" / "entities.yml", root / "content" / "entities.yml")
    return SitePaths(root)


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Any:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""

    def runner(*args: str) -> tuple[int, str, str]:
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return runner


def write_seed(site: SitePaths, name: str, text: str | bytes) -> Path:
    path = site.seeds / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def seed_text(
    title: str = "A Test Article",
    body: str = "Lavrov met Choe in Moscow on Friday.",
    date: str = "November 1, 2024",
) -> str:
    return f"# {title}\n\nBy [Jane Doe](https://example.org/jane)\n\n{date}\n\n{body}\n"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium where it exists (no browser download here); Playwright's own otherwise."""
    if CHROMIUM.exists():
        return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}
    return browser_type_launch_args
