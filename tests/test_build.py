"""End to end: seeds in, dist/ out; the markup contract; every bad input of issue 2."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest
import yaml

from site_builder.engine.build import build
from site_builder.errors import SiteBuilderError
from site_builder.paths import SitePaths

from .conftest import SEED_ARTICLE_SLUG, seed_text, write_seed
from .markup import read_page

GOLD = Path(__file__).parent / "data" / "seed.gold.yml"


def _article_html(site: SitePaths, slug: str = SEED_ARTICLE_SLUG) -> str:
    return (site.output / "articles" / slug / "index.html").read_text(encoding="utf-8")


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_build_writes_pretty_urls_assets_and_nojekyll(site: SitePaths) -> None:
    result, _ = build(site)
    out = site.output
    assert (out / "articles" / SEED_ARTICLE_SLUG / "index.html").is_file()
    assert (out / "entities" / "sergei-lavrov" / "index.html").is_file()
    assert (out / "entities" / "index.html").is_file()
    assert (out / "index.html").is_file() and (out / "404.html").is_file()
    assert (out / ".nojekyll").is_file() and (out / "static" / "site.css").is_file()
    assert result.articles == 1
    # Only the spare (the site as hard links, which the next build starts from) stays.
    left = [path.name for path in site.root.glob(".dist-*")]
    assert left == [".dist-spare"], "no staging folder may be left behind"


def test_seed_page_matches_independent_hand_annotation(site: SitePaths) -> None:
    build(site)
    page = read_page(_article_html(site))
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    expected = Counter((kind, text) for kind, text, *_ in gold["mentions"])
    found = Counter((mention.type, mention.text) for mention in page.in_body)
    assert found - expected == Counter(), "false highlights"
    assert expected - found == Counter(), "missed mentions"
    dates = {m.text: m.key for m in page.in_body if m.type == "date"}
    for kind, text, *value in gold["mentions"]:
        if kind == "date":
            assert dates[text] == value[0]


def test_markup_contract(site: SitePaths) -> None:
    build(site)
    html = _article_html(site)
    page = read_page(html)
    assert page.in_body, "mentions live inside data-article-body"
    assert not page.outside_body, "nothing outside the body carries data-entity"
    for mention in page.in_body:
        assert mention.type in {"person", "org", "place", "group", "date", "quantity"}
        if mention.type == "date":
            assert mention.tag == "time" and mention.attrs["datetime"] == mention.key
    by_text = {m.text: m for m in page.in_body}
    assert by_text["Lavrov"].key == "sergei-lavrov"
    assert by_text["Choe"].key == "choe-son-hui"
    assert by_text["Choe Son-Hui"].key == "choe-son-hui"  # spelling variant in the caption
    assert by_text["around 8,000"].key == "8000"
    assert by_text["Valery Sharifulin"].type == "person" and by_text["TASS"].type == "org"
    assert 'href="https://www.themoscowtimes.com/2024/11/01/' in html
    assert 'href="#"' not in html, "placeholder links are text, never href='#'"


def test_entity_page_lists_articles_and_sentences(site: SitePaths) -> None:
    build(site)
    html = (site.output / "entities" / "sergei-lavrov" / "index.html").read_text(encoding="utf-8")
    assert "Sergei Lavrov" in html and "Person" in html
    assert "https://en.wikipedia.org/wiki/Sergei_Lavrov" in html
    assert "<mark>Lavrov</mark> hailed the close ties between the two countries&#39; armies" in html
    assert html.count("<mark>") == 4, "every mention, as keyword in context"
    assert f"../../articles/{SEED_ARTICLE_SLUG}/#m" in html


def test_index_lists_newest_first_and_entities_grouped(site: SitePaths) -> None:
    write_seed(site, "older.txt", seed_text("An Older Story", date="2023-05-02"))
    write_seed(site, "newer.txt", seed_text("A Newer Story", date="2025-01-02"))
    build(site)
    index = (site.output / "index.html").read_text(encoding="utf-8")
    assert (
        index.index("A Newer Story")
        < index.index("North Korea Says")
        < index.index("An Older Story")
    )
    entities = (site.output / "entities" / "index.html").read_text(encoding="utf-8")
    assert entities.index("Person") < entities.index("Organisation") < entities.index("Place")


def test_failed_build_leaves_previous_dist_exactly(site: SitePaths) -> None:
    build(site)
    before = _tree_digest(site.output)
    write_seed(site, "broken.txt", "no title here\n")
    with pytest.raises(SiteBuilderError):
        build(site)
    assert _tree_digest(site.output) == before


def test_every_bad_file_is_reported_and_good_articles_survive(site: SitePaths) -> None:
    write_seed(site, "empty.txt", "")
    write_seed(site, "binary.txt", b"# Title\n\n\xff\xfe\n")
    write_seed(site, "untitled.txt", "Just a paragraph.\n")
    with pytest.raises(SiteBuilderError) as raised:
        build(site)
    message = str(raised.value)
    for name in ("empty.txt:1", "binary.txt:3", "untitled.txt:1"):
        assert name in message
    assert (site.articles / f"{SEED_ARTICLE_SLUG}.md").is_file(), "the good seed is still imported"


def test_html_and_script_in_every_field_are_escaped(site: SitePaths) -> None:
    evil = "<script>alert(1)</script><b onmouseover=x>"
    text = (
        f"# Title {evil}\n\nBy [Name {evil}](https://example.org)\n\nNovember 1, 2024\n\n"
        f"Caption {evil} **Credit {evil}**\n\nBody {evil} in Moscow.\n\n"
        f"**Related article:** [Rel {evil}](https://example.org/r)\n"
    )
    write_seed(site, "evil.txt", text)
    build(site)
    slug = next(p.stem for p in site.articles.glob("title-*.md"))
    html = _article_html(site, slug)
    assert "<script>alert" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_javascript_and_data_links_are_dropped(site: SitePaths) -> None:
    body = (
        "Click [here](javascript:alert(1)) or [there](data:text/html,hi) "
        "or [safe](https://ok.example)."
    )
    text = (
        "# Links\n\nBy [Evil](javascript:alert(1))\n\nNovember 1, 2024\n\n"
        f"{body}\n\n**Related article:** [R](data:text/html,x)\n\n"
        "Original url:\n\n<javascript:alert(1)>\n"
    )
    write_seed(site, "links.txt", text)
    build(site)
    html = _article_html(site, "links")
    assert "javascript:" not in html and "data:text" not in html
    assert "Click here or there or" in "".join(read_page(html).text_parts)
    assert 'href="https://ok.example"' in html


def test_yaml_and_jinja_looking_body_text_stays_text(site: SitePaths) -> None:
    body = "---\ntitle: hacked\n---\n\nkey: value\n\nPrinted {{ site.title }} and {% raw %} as is."
    write_seed(site, "tricky.txt", seed_text("Tricky", body=body))
    build(site)
    article = (site.articles / "tricky.md").read_text(encoding="utf-8")
    assert yaml.safe_load(article.split("---\n")[1])["title"] == "Tricky"
    html = _article_html(site, "tricky")
    assert "title: hacked" in html and "key: value" in html
    assert "{{ site.title }}" in html and "{% raw %}" in html


def test_path_like_title_gets_a_safe_slug(site: SitePaths, tmp_path: Path) -> None:
    write_seed(site, "path.txt", seed_text("../../etc/passwd"))
    build(site)
    assert (site.articles / "etc-passwd.md").is_file()
    assert (site.output / "articles" / "etc-passwd" / "index.html").is_file()
    outside = {p for p in tmp_path.rglob("*") if site.root not in p.parents and p != site.root}
    assert outside == set(), "nothing is written outside the site"


def test_duplicate_titles_get_distinct_slugs(site: SitePaths) -> None:
    write_seed(site, "a.txt", seed_text("Same Title", body="First body."))
    write_seed(site, "b.txt", seed_text("Same Title", body="Second body."))
    build(site)
    assert "First body." in _article_html(site, "same-title")
    assert "Second body." in _article_html(site, "same-title-2")
    build(site)  # a rebuild keeps each seed on its own slug
    assert "Second body." in _article_html(site, "same-title-2")


def test_two_megabyte_article_builds(site: SitePaths) -> None:
    paragraph = "Lavrov met Choe in Moscow on Friday and spoke about 8,000 troops. " * 20
    body = "\n\n".join([paragraph] * 1600)
    assert len(body) > 2_000_000
    write_seed(site, "big.txt", seed_text("Big", body=body))
    build(site)
    assert _article_html(site, "big").count('data-entity="sergei-lavrov"') == 32000
