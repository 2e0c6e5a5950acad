"""YAML with limits: front matter, entities.yml and site.yml refuse what a hostile or
careless file holds, with `path:line: message`, quickly, and change nothing on disk."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from site_builder.paths import SitePaths

from .conftest import SEED_ARTICLE_SLUG

# Nine levels of nine aliases: 9**9 (387 million) leaves once expanded.
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + level)}: &{chr(98 + level)} [{', '.join([f'*{chr(97 + level)}'] * 9)}]\n"
    for level in range(9)
)


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file a user has, dist/ included; not the build's own caches (the cache
    folder, and the spare: the previous site as hard links, which a build starts from)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not {".site-build-cache", ".dist-spare"} & set(p.parts)
    }


def _article(site: SitePaths) -> Path:
    return site.articles / f"{SEED_ARTICLE_SLUG}.md"


def _edit_front_matter(site: SitePaths, old: str, new: str) -> None:
    path = _article(site)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


@pytest.fixture
def built(run, site: SitePaths) -> SitePaths:  # type: ignore[no-untyped-def]
    assert run("--root", str(site.root), "build")[0] == 0
    return site


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_alias_bomb_in_front_matter_is_refused_in_under_a_second(
    run, built: SitePaths, command: str
) -> None:  # type: ignore[no-untyped-def]
    _edit_front_matter(built, "title:", f"{BOMB}title:")
    before = _snapshot(built.root)
    started = time.perf_counter()
    code, _, err = run("--root", str(built.root), command)
    elapsed = time.perf_counter() - started
    assert code == 1 and elapsed < 1.0, elapsed
    assert f"{SEED_ARTICLE_SLUG}.md:2: invalid YAML: aliases ('*name') are not allowed" in err
    assert len(err) < 2000 and "Traceback" not in err
    assert _snapshot(built.root) == before


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_alias_bomb_in_entities_yml_is_refused_in_under_a_second(
    run, site: SitePaths, command: str
) -> None:  # type: ignore[no-untyped-def]
    site.entities_file.write_text(BOMB + "entities: []\n", encoding="utf-8")
    before = _snapshot(site.root)
    started = time.perf_counter()
    code, _, err = run("--root", str(site.root), command)
    assert code == 1 and time.perf_counter() - started < 1.0
    assert "entities.yml:1: invalid YAML: aliases" in err and len(err) < 2000
    assert _snapshot(site.root) == before


def test_an_alias_in_site_yml_is_refused(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    site.config_file.write_text("title: &t Hello\ndescription: *t\n", encoding="utf-8")
    code, _, err = run("--root", str(site.root), "build")
    assert code == 1 and "site.yml:1: invalid YAML: aliases" in err
    assert not site.output.exists()


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_impossible_date_in_an_article_names_its_line(
    run, built: SitePaths, command: str
) -> None:  # type: ignore[no-untyped-def]
    _edit_front_matter(built, "date: 2024-11-01", "date: 2024-13-45")
    line = _line_of(_article(built), "date:")
    code, _, err = run("--root", str(built.root), command)
    assert code == 1 and "Traceback" not in err
    assert f"{SEED_ARTICLE_SLUG}.md:{line}: invalid YAML: '2024-13-45' is not a valid date" in err
    assert (built.output / "index.html").is_file(), "the last good site stays"


def test_an_impossible_date_in_site_yml_names_its_line(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    site.config_file.write_text("title: News\ndescription: 2024-13-45\n", encoding="utf-8")
    code, _, err = run("--root", str(site.root), "check")
    assert code == 1 and "site.yml:2: invalid YAML: '2024-13-45' is not a valid date" in err


def test_unknown_front_matter_key_suggests_the_right_one(run, built: SitePaths) -> None:  # type: ignore[no-untyped-def]
    _edit_front_matter(built, "authors:", "autors:")
    line = _line_of(_article(built), "autors:")
    before = (built.output / "index.html").read_bytes()
    code, _, err = run("--root", str(built.root), "build")
    assert code == 1
    assert (
        f"{SEED_ARTICLE_SLUG}.md:{line}: unknown key 'autors' in front matter "
        "(did you mean 'authors'?)" in err
    )
    assert (built.output / "index.html").read_bytes() == before


def test_unknown_nested_key_and_a_list_where_text_belongs(run, built: SitePaths) -> None:  # type: ignore[no-untyped-def]
    _edit_front_matter(built, "  publisher:", "  publsher:")
    line = _line_of(_article(built), "  publsher:")
    code, _, err = run("--root", str(built.root), "check")
    assert code == 1 and f":{line}: unknown key 'publsher' in 'source'" in err
    assert "did you mean 'publisher'?" in err
    _edit_front_matter(built, "  publsher:", "  publisher:")
    _edit_front_matter(built, "  caption: North", "  caption: [a, b]\n  was: North")
    text = _article(built).read_text(encoding="utf-8")
    _article(built).write_text(
        "\n".join(line for line in text.split("\n") if not line.startswith("  was: ")),
        encoding="utf-8",
    )
    line = _line_of(_article(built), "  caption:")
    code, _, err = run("--root", str(built.root), "check")
    assert code == 1 and f":{line}: 'image.caption' must be a text, not list" in err


def test_a_list_as_the_title_is_an_error(run, built: SitePaths) -> None:  # type: ignore[no-untyped-def]
    _edit_front_matter(built, "title: North", "title: [North, Korea]\nx_was: North")
    text = _article(built).read_text(encoding="utf-8")
    _article(built).write_text(
        "\n".join(line for line in text.split("\n") if not line.startswith("x_was: ")),
        encoding="utf-8",
    )
    code, _, err = run("--root", str(built.root), "check")
    assert code == 1
    assert f"{SEED_ARTICLE_SLUG}.md:2: front matter needs a non-empty text for 'title'" in err


def test_duplicate_keys_are_reported_at_their_line(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    site.config_file.write_text(
        "title: One\n# a comment\nper_page: 5\ntitle: Two\n", encoding="utf-8"
    )
    code, _, err = run("--root", str(site.root), "check")
    assert (
        code == 1
        and "site.yml:4: invalid YAML: duplicate key 'title' (first given at line 1)" in err
    )


def test_misspelt_top_level_key_in_entities_yml(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    text = site.entities_file.read_text(encoding="utf-8")
    site.entities_file.write_text(text + "never_anotate: [Victory Day]\n", encoding="utf-8")
    line = _line_of(site.entities_file, "never_anotate:")
    code, _, err = run("--root", str(site.root), "check")
    assert code == 1
    assert (
        f"entities.yml:{line}: unknown key 'never_anotate' in entities.yml "
        "(did you mean 'never_annotate'?)" in err
    )


def test_a_list_as_an_entity_description_is_an_error(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    site.entities_file.write_text(
        "entities:\n  - id: ok\n    name: OK\n    type: person\n    description: [a, b]\n",
        encoding="utf-8",
    )
    code, _, err = run("--root", str(site.root), "check")
    assert code == 1 and "entities.yml:2: 'description' must be a text, not list" in err


def test_unknown_site_yml_key_suggests_the_right_one(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    site.config_file.write_text("title: News\nper_pgae: 10\n", encoding="utf-8")
    code, _, err = run("--root", str(site.root), "build")
    assert code == 1
    assert "site.yml:2: unknown setting 'per_pgae' in site.yml (did you mean 'per_page'?)" in err
    site.config_file.write_text("deploy:\n  remote: origin\n  brnch: main\n", encoding="utf-8")
    code, _, err = run("--root", str(site.root), "check")
    assert (
        code == 1
        and "site.yml:3: unknown setting 'brnch' in deploy (did you mean 'branch'?)" in err
    )


def test_a_value_over_the_size_limit_is_refused(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    site.config_file.write_text(
        "title: News\ndescription: " + "x" * 200_000 + "\n", encoding="utf-8"
    )
    started = time.perf_counter()
    code, _, err = run("--root", str(site.root), "check")
    assert code == 1 and time.perf_counter() - started < 1.0
    assert "site.yml:2: invalid YAML: a value of 200,000 characters is over the limit" in err
    assert len(err) < 1000


@pytest.mark.parametrize("name", ["site.yml", "entities.yml"])
def test_invalid_utf8_and_folders_are_messages(run, site: SitePaths, name: str) -> None:  # type: ignore[no-untyped-def]
    path = site.config_file if name == "site.yml" else site.entities_file
    path.write_bytes(b"title: ok\n# caf\xe9\n")
    for command in ("build", "check"):
        code, _, err = run("--root", str(site.root), command)
        assert code == 1 and f"{name}:2: not valid UTF-8 text" in err, err
        assert "Traceback" not in err
    path.unlink()
    path.mkdir()
    (path / "keep.txt").write_text("mine")
    for command in ("build", "check"):
        code, _, err = run("--root", str(site.root), command)
        assert code == 1 and "Traceback" not in err, err
        assert f"{name}" in err and ("not a folder" in err or "Is a directory" in err), err
    assert (path / "keep.txt").read_text() == "mine"


def test_python_tags_are_refused(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    site.config_file.write_text("title: !!python/object/apply:os.system [echo hi]\n")
    code, _, err = run("--root", str(site.root), "check")
    assert code == 1 and "site.yml:1: invalid YAML: could not determine a constructor" in err


def test_control_characters_in_yaml_name_their_line(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    site.config_file.write_text("title: News\ndescription: a\x00b\n", encoding="utf-8")
    code, _, err = run("--root", str(site.root), "check")
    assert code == 1 and "site.yml:2: invalid YAML: control character U+0000" in err


def test_invalid_utf8_in_an_article_names_its_line(run, built: SitePaths) -> None:  # type: ignore[no-untyped-def]
    path = _article(built)
    path.write_bytes(path.read_bytes().replace(b"hailed", b"h\xe9iled"))
    line = (
        path.read_bytes()
        .split(b"\n")
        .index(next(x for x in path.read_bytes().split(b"\n") if b"h\xe9iled" in x))
    )
    code, _, err = run("--root", str(built.root), "check")
    assert code == 1 and f"{SEED_ARTICLE_SLUG}.md:{line + 1}: not valid UTF-8 text" in err


def test_a_misspelt_link_key_in_an_entity_is_an_error(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    site.entities_file.write_text(
        "entities:\n  - id: ok\n    name: OK\n    type: person\n"
        "    links: {wikipeda: 'https://en.wikipedia.org/wiki/OK'}\n",
        encoding="utf-8",
    )
    code, _, err = run("--root", str(site.root), "check")
    assert code == 1
    assert (
        "entities.yml:2: unknown key 'wikipeda' in links of 'ok' (did you mean 'wikipedia'?)" in err
    )
