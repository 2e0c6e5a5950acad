"""Incremental builds must produce exactly what a cold build produces."""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import pytest

from site_builder.build import BuildOptions, build
from site_builder.paths import SitePaths
from site_builder.state import BuildState

CORPUS = Path(__file__).parent / "corpus"


def _tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "pagefind" not in path.relative_to(folder).parts
    }


def _cold(site: SitePaths, tmp_path: Path, name: str) -> dict[str, str]:
    output = tmp_path / name
    build(site, BuildOptions(output=output), state=BuildState())
    return _tree(output)


@pytest.fixture
def corpus_site(site: SitePaths) -> SitePaths:
    for seed in sorted(CORPUS.glob("*.txt"))[:8]:
        shutil.copy(seed, site.seeds / seed.name)
    site.config_file.write_text("base_url: https://user.github.io/repo/\nper_page: 3\n")
    return site


def _edit_article(site: SitePaths, rng: random.Random) -> None:
    path = rng.choice(sorted(site.articles.glob("*.md")))
    text = path.read_text(encoding="utf-8")
    words = ["Lavrov said", "in Moscow on Friday", "around 8,000 people", "Reuters reported"]
    path.write_text(text.rstrip() + f"\n\n{rng.choice(words)} again.\n", encoding="utf-8")


def _edit_entities(site: SitePaths, rng: random.Random) -> None:
    text = site.entities_file.read_text(encoding="utf-8")
    site.entities_file.write_text(
        text.replace("aliases: [Lavrov]", f"aliases: [Lavrov, Lavrov{rng.randint(1, 9)}]"),
        encoding="utf-8",
    )


def _add_seed(site: SitePaths, rng: random.Random) -> None:
    number = rng.randint(100, 999)
    (site.seeds / f"new{number}.txt").write_text(
        f"# Story {number} About Lavrov\n\nBy [A B](#)\n\n"
        f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n\n"
        f"Lavrov met Choe in Pyongyang on Monday, with {number} delegates.\n",
        encoding="utf-8",
    )


def _delete_article(site: SitePaths, rng: random.Random) -> None:
    seeds = sorted(site.seeds.glob("new*.txt"))
    if seeds:
        victim = rng.choice(seeds)
        victim.unlink()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_builds_equal_cold_builds_after_random_edits(
    corpus_site: SitePaths, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    build(corpus_site)
    for step in range(4):
        rng.choice([_edit_article, _edit_entities, _add_seed, _add_seed])(corpus_site, rng)
        build(corpus_site)
        assert _tree(corpus_site.output) == _cold(corpus_site, tmp_path, f"cold-{seed}-{step}")


def test_unchanged_site_rebuilds_nothing(corpus_site: SitePaths) -> None:
    build(corpus_site)
    before = _tree(corpus_site.output)
    result, _ = build(corpus_site)
    assert result.pages == 0 and _tree(corpus_site.output) == before


def test_one_edit_rewrites_only_the_pages_that_show_it(corpus_site: SitePaths) -> None:
    build(corpus_site)
    total = len(_tree(corpus_site.output))
    path = sorted(corpus_site.articles.glob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8").replace(" the ", " The ", 1), encoding="utf-8")
    result, _ = build(corpus_site)
    assert 1 <= result.pages < total / 4


def test_template_change_rebuilds_every_page(corpus_site: SitePaths, tmp_path: Path) -> None:
    build(corpus_site)
    templates = corpus_site.root / "templates"
    templates.mkdir()
    source = Path(__file__).parent.parent / "templates" / "base.html"
    (templates / "base.html").write_text(
        source.read_text(encoding="utf-8").replace("<footer", "<!-- custom --><footer"),
        encoding="utf-8",
    )
    build(corpus_site)
    page = next(corpus_site.output.glob("articles/*/index.html")).read_text(encoding="utf-8")
    assert "<!-- custom -->" in page
    assert _tree(corpus_site.output) == _cold(corpus_site, tmp_path, "cold-template")


def _edit_text_only(path: Path, rng: random.Random, step: int) -> None:
    text = path.read_text(encoding="utf-8")
    words = [w for w in text.split("\n\n")[-1].split() if w.islower() and len(w) > 3]
    if words:
        word = rng.choice(words)
        text = text.replace(f" {word} ", f" {word.upper()} ", 1)
    path.write_text(text + f"\nA plain closing line {step}.\n", encoding="utf-8")


@pytest.mark.parametrize("seed", [4, 5])
@pytest.mark.parametrize("kept", [True, False], ids=["preview-state", "command-line"])
def test_text_edits_equal_cold_builds(
    corpus_site: SitePaths, tmp_path: Path, seed: int, kept: bool
) -> None:
    """The preview patches the site it keeps in memory for text-only edits; the command
    line patches the written entity pages. Both must write what a cold build writes."""
    rng = random.Random(seed)
    state = BuildState() if kept else None
    build(corpus_site, state=state)
    total = len(_tree(corpus_site.output))
    for step in range(5):
        _edit_text_only(rng.choice(sorted(corpus_site.articles.glob("*.md"))), rng, step)
        result, _ = build(corpus_site, state=state)
        assert 1 <= result.pages < total / 4
        assert _tree(corpus_site.output) == _cold(corpus_site, tmp_path, f"text-{seed}-{step}")
    _add_seed(corpus_site, rng)  # a full build after patched ones
    build(corpus_site, state=state)
    assert _tree(corpus_site.output) == _cold(corpus_site, tmp_path, f"text-{seed}-added")


def test_text_edit_with_an_entity_template_of_its_own_equals_a_cold_build(
    corpus_site: SitePaths, tmp_path: Path
) -> None:
    """A site whose entity.html does not use the block macro cannot be patched in place:
    the build must notice and take the full path."""
    templates = corpus_site.root / "templates"
    templates.mkdir()
    source = (Path(__file__).parent.parent / "templates" / "entity.html").read_text("utf-8")
    custom = source.replace(
        "{{ mention_group(article, mentions, root) }}",
        '<p class="custom">{{ article.article.title }}: {{ mentions | length }}</p>',
    )
    assert custom != source
    (templates / "entity.html").write_text(custom, encoding="utf-8")
    build(corpus_site)
    _edit_text_only(sorted(corpus_site.articles.glob("*.md"))[0], random.Random(7), 0)
    build(corpus_site)
    assert _tree(corpus_site.output) == _cold(corpus_site, tmp_path, "cold-custom")
