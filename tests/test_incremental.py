"""Incremental builds must produce exactly what a cold build produces."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import site_builder.engine.reuse
import site_builder.ingest.importer
import site_builder.render.search
from site_builder.engine.build import BuildOptions, build
from site_builder.engine.state import BuildState
from site_builder.errors import SiteBuilderError
from site_builder.paths import SitePaths

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


def test_pages_planned_in_small_batches_equal_one_batch(
    corpus_site: SitePaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large site's pages are planned and rendered a batch at a time, dropping what was
    read for each batch's entities: with batches of two pages, cold and incremental
    builds are still byte for byte the build made in one batch."""
    monkeypatch.setattr(site_builder.engine.reuse, "_PAGES_PER_BATCH", 2)
    build(corpus_site)
    first = _tree(corpus_site.output)
    _edit_article(corpus_site, random.Random(7))
    build(corpus_site)
    edited = _tree(corpus_site.output)
    monkeypatch.undo()
    assert edited == _cold(corpus_site, tmp_path, "one-batch")
    assert first != edited  # the edit showed


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
    """Text edits, with the state kept in memory (serve) or read from the cache (the
    command line): one path, and it must write what a cold build writes."""
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


@pytest.mark.parametrize("kept", [True, False], ids=["preview-state", "command-line"])
def test_an_edit_other_pages_do_not_show_rewrites_only_its_article(
    corpus_site: SitePaths, tmp_path: Path, kept: bool
) -> None:
    """A closing sentence naming no one changes nothing an index, entity page or feed
    shows of the article: only its own page is written (early cutoff), and the site is
    still what a cold build writes."""
    article = _story(corpus_site, "Cutoff Story", "Lavrov met Choe on Friday.")
    state = BuildState() if kept else None
    build(corpus_site, state=state)
    for step in range(2):
        text = article.read_text(encoding="utf-8")
        article.write_text(text + f"\nA plain closing line {step}.\n", encoding="utf-8")
        result, _ = build(corpus_site, state=state)
        assert result.pages == 1
        assert _tree(corpus_site.output) == _cold(corpus_site, tmp_path, f"cutoff-{step}")
    _replace(article, "Lavrov met Choe", "Lavrov mett Choe")  # shown on entity pages
    result, _ = build(corpus_site, state=state)
    assert result.pages > 1
    assert _tree(corpus_site.output) == _cold(corpus_site, tmp_path, "cutoff-shown")


def test_text_edit_with_an_entity_template_of_its_own_equals_a_cold_build(
    corpus_site: SitePaths, tmp_path: Path
) -> None:
    """A site whose entity.html does not use the block macro still gets exactly what a
    cold build writes."""
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


def _story(site: SitePaths, title: str, paragraphs: str) -> Path:
    slug = title.lower().replace(" ", "-")
    (site.seeds / f"{slug}.txt").write_text(
        f"# {title}\n\nBy [A B](#)\n\n2025-03-10\n\nA quiet opening sentence.\n\n{paragraphs}\n",
        encoding="utf-8",
    )
    return site.articles / f"{slug}.md"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("kept", [True, False], ids=["preview-state", "command-line"])
def test_edits_that_change_index_chips_or_feeds_equal_cold_builds(
    corpus_site: SitePaths, tmp_path: Path, kept: bool
) -> None:
    """Index pages list an article's most named entities, ties in reading order; entity
    feeds show its summary and authors: such edits are not text-only."""
    article = _story(corpus_site, "Chips Story", "Lavrov met Choe on Friday.")
    state = BuildState() if kept else None
    build(corpus_site, state=state)
    edits = [
        ("Lavrov met Choe on Friday.", "Choe met Lavrov on Friday."),
        ("A quiet opening sentence.", "A loud opening sentence."),
        ("name: A B", "name: C D"),
    ]
    for step, (old, new) in enumerate(edits):
        _replace(article, old, new)
        build(corpus_site, state=state)
        assert _tree(corpus_site.output) == _cold(corpus_site, tmp_path, f"chips-{step}")


def test_an_entity_template_showing_more_of_an_article_is_rebuilt(
    corpus_site: SitePaths, tmp_path: Path
) -> None:
    templates = corpus_site.root / "templates"
    templates.mkdir()
    source = (Path(__file__).parent.parent / "templates" / "entity.html").read_text("utf-8")
    (templates / "entity.html").write_text(
        source.replace(
            "{{ mention_group(article, mentions, root) }}",
            '<p>first named as "{{ mentions[0].text }}"</p>\n'
            "    {{ mention_group(article, mentions, root) }}",
        ),
        encoding="utf-8",
    )
    article = _story(corpus_site, "Named Story", "Lavrov met Choe on Friday.")
    build(corpus_site)
    _replace(article, "Lavrov met Choe", "Sergei Lavrov met Choe")
    build(corpus_site)
    assert _tree(corpus_site.output) == _cold(corpus_site, tmp_path, "cold-named")


def test_the_preview_recovers_from_a_build_that_failed_half_way(
    corpus_site: SitePaths, tmp_path: Path
) -> None:
    """A template error set off by one version of an article must not leave that version
    in the state the preview keeps for later builds."""
    templates = corpus_site.root / "templates"
    templates.mkdir()
    source = (Path(__file__).parent.parent / "templates" / "entity.html").read_text("utf-8")
    trap = '{% for a in usage.articles if "Renamed" in a.article.title %}{{ no_such_thing }}'
    (templates / "entity.html").write_text(
        source.replace("{% block main %}", "{% block main %}" + trap + "{% endfor %}"),
        encoding="utf-8",
    )
    first = _story(corpus_site, "Story Alpha", "Lavrov met Choe on Friday.")
    second = _story(corpus_site, "Story Beta", "Lavrov spoke on Monday.")
    state = BuildState()
    build(corpus_site, state=state)
    _replace(first, "title: Story Alpha", "title: Story Alpha Renamed")
    with pytest.raises(SiteBuilderError):
        build(corpus_site, state=state)
    _replace(first, "title: Story Alpha Renamed", "title: Story Alpha")
    build(corpus_site, state=state)
    _replace(second, "spoke on Monday", "spoke on Tuesday")
    build(corpus_site, state=state)
    assert _tree(corpus_site.output) == _cold(corpus_site, tmp_path, "cold-recovered")


def test_a_build_failing_after_it_wrote_pages_makes_the_next_one_full(
    corpus_site: SitePaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = _story(corpus_site, "Fail Story", "Lavrov met Choe on Friday.")
    build(corpus_site)

    def failing_search(*args: object) -> None:
        raise SiteBuilderError("search indexing failed")

    monkeypatch.setattr("site_builder.engine.build.update_search", failing_search)
    _replace(article, "on Friday", "on Monday")
    with pytest.raises(SiteBuilderError):
        build(corpus_site, BuildOptions(search=True))  # after writing the edited pages
    monkeypatch.undo()
    _replace(article, "on Monday", "on Friday")
    build(corpus_site)
    assert _tree(corpus_site.output) == _cold(corpus_site, tmp_path, "cold-after-failure")


def test_an_unreadable_cache_costs_one_full_build(site: SitePaths, tmp_path: Path) -> None:
    site.cache.mkdir()
    (site.cache / "state.sqlite").write_bytes(b"not a database" * 100)
    build(site)
    build(site)  # and the cache it wrote is read
    assert _tree(site.output) == _cold(site, tmp_path, "cold-corrupt")
    for seed in site.seeds.glob("*.txt"):
        seed.unlink()
    for article in site.articles.glob("*.md"):
        article.unlink()
    (site.cache / "state.sqlite").write_bytes(b"not a database" * 100)
    result, _ = build(site)
    assert result.articles == 0


def test_a_touched_but_unchanged_article_is_not_rebuilt(corpus_site: SitePaths) -> None:
    build(corpus_site)
    article = sorted(corpus_site.articles.glob("*.md"))[0]
    article.write_bytes(article.read_bytes())  # an editor saving without a change
    result, _ = build(corpus_site)
    assert result.pages == 0


def test_a_static_file_rewritten_with_its_old_mtime_is_published(
    corpus_site: SitePaths, tmp_path: Path
) -> None:
    static = corpus_site.root / "static"
    static.mkdir()
    style = static / "extra.css"
    style.write_text("body{color:red}", encoding="utf-8")
    an_hour_ago = style.stat().st_mtime_ns - 3600 * 10**9
    os.utime(style, ns=(an_hour_ago, an_hour_ago))
    build(corpus_site)
    style.write_text("body{color:xyz}", encoding="utf-8")  # as `cp -p` or `rsync -t` do
    os.utime(style, ns=(an_hour_ago, an_hour_ago))
    build(corpus_site)
    assert (corpus_site.output / "static" / "extra.css").read_text() == "body{color:xyz}"


@pytest.mark.parametrize("kept", [True, False], ids=["preview-state", "command-line"])
def test_a_knowledge_base_saved_during_a_build_is_used_by_the_next(
    corpus_site: SitePaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: bool
) -> None:
    state = BuildState() if kept else None
    build(corpus_site, state=state)
    import_seeds = site_builder.ingest.importer.import_seeds

    def import_while_an_editor_saves(*args: Any, **kwargs: Any) -> Any:
        result = import_seeds(*args, **kwargs)
        _replace(corpus_site.entities_file, "aliases: [Lavrov]", "aliases: [Lavrov, Kenya]")
        return result

    monkeypatch.setattr("site_builder.engine.build.import_seeds", import_while_an_editor_saves)
    build(corpus_site, state=state)
    monkeypatch.undo()
    build(corpus_site, state=state)
    assert _tree(corpus_site.output) == _cold(corpus_site, tmp_path, "cold-kb-race")


def _search_records(folder: Path) -> dict[str, list[object]]:
    """What the merged search index holds: per shard, each page's record (its text,
    filters and title), decoded from Pagefind's fragments. (Pagefind's own files are not
    byte-for-byte reproducible: it orders some of them differently from run to run.)"""
    records: dict[str, list[object]] = {}
    root = folder / "pagefind"
    for shard in json.loads((root / "shards.json").read_text(encoding="utf-8")):
        found = []
        for fragment in (root / shard / "fragment").iterdir():
            data = gzip.decompress(fragment.read_bytes())
            assert data.startswith(b"pagefind_dcd")
            record = json.loads(data[len(b"pagefind_dcd") :])
            found.append((record["url"], record["content"], record["filters"], record["meta"]))
        records[shard] = sorted(found, key=repr)
    return records


def _typo(article: Path) -> None:
    _replace(article, "Lavrov met Choe", "Lavrov mett Choe")


def _new_entity(article: Path) -> None:
    _replace(article, "A quiet opening sentence.", "A quiet opening sentence in Kenya.")


def _title(article: Path) -> None:
    _replace(article, "title: Edit Story", "title: Edit Story Renamed")


def _date(article: Path) -> None:
    _replace(article, "date: 2025-03-10", "date: 2023-01-02")


def _new_article(article: Path) -> None:
    _story(_site_of(article), "Another Story", "Choe spoke in Pyongyang on Monday.")


def _deleted_article(article: Path) -> None:
    site = _site_of(article)
    (site.seeds / "edit-story.txt").unlink()
    article.unlink()


def _site_of(article: Path) -> SitePaths:
    return SitePaths(article.parent.parent.parent)


@pytest.mark.parametrize(
    "edit", [_typo, _new_entity, _title, _date, _new_article, _deleted_article]
)
@pytest.mark.parametrize("kept", [True, False], ids=["preview-state", "command-line"])
def test_every_kind_of_edit_with_search_on_equals_a_cold_build(
    corpus_site: SitePaths, tmp_path: Path, edit: Callable[[Path], None], kept: bool
) -> None:
    corpus_site.config_file.write_text(
        "base_url: https://user.github.io/repo/\nper_page: 3\nsearch: true\n", encoding="utf-8"
    )
    article = _story(corpus_site, "Edit Story", "Lavrov met Choe on Friday.")
    state = BuildState() if kept else None
    build(corpus_site, state=state)
    shards_before = {
        path: path.stat().st_ino for path in (corpus_site.output / "pagefind").rglob("*")
    }
    edit(article)
    build(corpus_site, state=state)
    cold = tmp_path / "cold"
    build(corpus_site, BuildOptions(output=cold), state=BuildState())
    assert _tree(corpus_site.output) == _tree(cold)
    assert _search_records(corpus_site.output) == _search_records(cold)
    if edit in (_typo, _title, _date):  # only the shards holding changed records
        rewritten = [
            path
            for path in (corpus_site.output / "pagefind").rglob("*.pf_fragment")
            if shards_before.get(path) != path.stat().st_ino
        ]
        assert 1 <= len(rewritten) < len(shards_before) / 4


@pytest.mark.parametrize(
    "edit", [_typo, _new_entity, _title, _date, _new_article, _deleted_article]
)
def test_every_kind_of_edit_rendered_by_worker_processes_equals_a_cold_build(
    corpus_site: SitePaths,
    tmp_path: Path,
    edit: Callable[[Path], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As serve builds a large site: the state (and the site index) in memory, pages
    rendered by forked workers, which must find all they need in what was planned."""
    monkeypatch.setattr("site_builder.engine.build.PAGES_IN_PARALLEL", 1)
    corpus_site.config_file.write_text("per_page: 3\n", encoding="utf-8")
    article = _story(corpus_site, "Edit Story", "Lavrov met Choe on Friday.")
    state = BuildState()
    build(corpus_site, state=state)
    edit(article)
    build(corpus_site, state=state)
    monkeypatch.undo()
    cold = tmp_path / "cold"
    build(corpus_site, BuildOptions(output=cold), state=BuildState())
    assert _tree(corpus_site.output) == _tree(cold)


def test_a_site_outgrowing_its_shards_is_indexed_again_in_more(
    corpus_site: SitePaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shards double as the site grows (Pagefind's memory grows with a shard's pages):
    the build that crosses the line re-indexes every page into the new shards, and the
    index answers as a cold build's does."""
    monkeypatch.setattr(site_builder.render.search, "SHARDS", 1)
    corpus_site.config_file.write_text("per_page: 3\nsearch: true\n", encoding="utf-8")
    build(corpus_site)
    searched = [
        *corpus_site.output.glob("articles/*/index.html"),
        *corpus_site.output.glob("entities/*/index.html"),
    ]
    monkeypatch.setattr(site_builder.render.search, "MAX_PAGES_PER_SHARD", len(searched))
    before = json.loads((corpus_site.output / "pagefind" / "shards.json").read_text("utf-8"))
    for number in range(3):
        _story(corpus_site, f"Growth Story {number}", f"Sergei Lavrov spoke in Oslo, {number}.")
    build(corpus_site)
    after = json.loads((corpus_site.output / "pagefind" / "shards.json").read_text("utf-8"))
    cold = tmp_path / "cold"
    build(corpus_site, BuildOptions(output=cold), state=BuildState())
    assert {name.split("-")[1] for name in before} == {"1"}
    assert {name.split("-")[1] for name in after} == {"2"}  # no shard of the old count left
    assert _search_records(corpus_site.output) == _search_records(cold)
    assert _tree(corpus_site.output) == _tree(cold)
