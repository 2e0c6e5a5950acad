"""A publishable site: sub-path links, feeds, sitemap, metadata, search, deploy, scaffold."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.commands.linkcheck import check_links
from site_builder.engine.build import BuildOptions, build
from site_builder.engine.state import BuildState
from site_builder.errors import SiteBuilderError
from site_builder.paths import SitePaths

from .conftest import SEED_ARTICLE_SLUG, seed_text, write_seed
from .serving import serve

BASE = "https://user.github.io/repo/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _built(site: SitePaths, **options: object) -> Path:
    build(site, BuildOptions(base_url=BASE, **options))  # type: ignore[arg-type]
    return site.output


def test_site_under_a_sub_path_has_no_broken_links(site: SitePaths) -> None:
    write_seed(site, "more.txt", seed_text("Second Story", body="Lavrov met Choe on Friday."))
    out = _built(site)
    assert check_links(out, "/repo/") == []
    assert check_links(out, "/other/") != [], "the crawl notices links that miss the sub-path"


def test_check_links_command_reports_a_broken_anchor(site: SitePaths, capsys) -> None:  # type: ignore[no-untyped-def]
    out = _built(site)
    assert main(["--root", str(site.root), "check", "--links", "--base-url", BASE]) == 0
    page = out / "articles" / SEED_ARTICLE_SLUG / "index.html"
    html = page.read_text(encoding="utf-8")
    assert 'href="#m' in html
    page.write_text(re.sub(r'href="#m\d+"', 'href="#gone"', html, count=1), encoding="utf-8")
    assert main(["--root", str(site.root), "check", "--links", "--base-url", BASE]) == 1
    assert "no element with id 'gone'" in capsys.readouterr().err


def test_atom_feeds_are_valid_and_absolute(site: SitePaths) -> None:
    out = _built(site)
    for path in (out / "feed.xml", out / "entities" / "sergei-lavrov" / "feed.xml"):
        root = ET.parse(path).getroot()
        assert root.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{required}") is not None, required
        entry = root.find(f"{ATOM}entry")
        assert entry is not None
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href") == f"{BASE}articles/{SEED_ARTICLE_SLUG}/"


def test_sitemap_robots_favicon_and_404(site: SitePaths) -> None:
    out = _built(site)
    locations = [
        loc.text or "" for loc in ET.parse(out / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")
    ]
    assert f"{BASE}articles/{SEED_ARTICLE_SLUG}/" in locations
    assert all(location.startswith(BASE) for location in locations)
    assert f"Sitemap: {BASE}sitemap.xml" in (out / "robots.txt").read_text()
    assert (out / "static" / "favicon.svg").is_file()
    not_found = (out / "404.html").read_text()
    assert 'href="/repo/static/site.css"' in not_found and 'href="/repo/entities/"' in not_found


def test_json_ld_open_graph_and_canonical(site: SitePaths) -> None:
    out = _built(site)
    html = (out / "articles" / SEED_ARTICLE_SLUG / "index.html").read_text(encoding="utf-8")
    blob = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blob is not None
    data = json.loads(blob.group(1))
    assert data["@type"] == "NewsArticle" and data["datePublished"] == "2024-11-01"
    assert data["headline"].startswith("North Korea Says")
    assert data["isBasedOn"]["url"].startswith("https://www.themoscowtimes.com/")
    assert data["author"] == [{"@type": "Organization", "name": "AFP"}]
    mentioned = {thing["name"]: thing for thing in data["mentions"]}
    assert mentioned["Vladimir Putin"]["@type"] == "Person"
    assert "https://www.wikidata.org/wiki/Q7747" in mentioned["Vladimir Putin"]["sameAs"]
    assert mentioned["TASS"]["@type"] == "Organization" and data["about"]
    canonical = f"{BASE}articles/{SEED_ARTICLE_SLUG}/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_entity_hub_has_context_co_mentions_quotes_and_feed(site: SitePaths) -> None:
    out = _built(site)
    html = (out / "entities" / "choe-son-hui" / "index.html").read_text(encoding="utf-8")
    assert f"articles/{SEED_ARTICLE_SLUG}/#m" in html and "<mark>Choe</mark>" in html
    assert "Often mentioned with" in html and "Sergei Lavrov</a>" in html
    assert "We repeat that we will always stand firmly" in html, "her quotes are listed"
    assert 'href="feed.xml"' in html


def _titles(html: str) -> list[str]:
    return re.findall(r'<h2><a href="[^"]*">([^<]*)</a></h2>', html)


def test_index_pages_are_numbered_from_the_oldest(site: SitePaths) -> None:
    """The home page shows the newest articles; numbered pages hold fixed slices
    counted from the oldest, so publishing a new article leaves them as they are."""
    site.config_file.write_text("per_page: 2\n", encoding="utf-8")
    for number in range(5):
        write_seed(
            site, f"s{number}.txt", seed_text(f"Story {number}", date=f"2025-01-0{number + 1}")
        )
    out = _built(site)  # six articles with the seed: pages 1 and 2, two each, then two
    oldest = (out / "page" / "1" / "index.html").read_text(encoding="utf-8")
    middle = (out / "page" / "2" / "index.html").read_text(encoding="utf-8")
    first = (out / "index.html").read_text(encoding="utf-8")
    assert _titles(first) == ["Story 4", "Story 3"]
    assert _titles(middle) == ["Story 2", "Story 1"]
    assert "Story 0" in _titles(oldest) and not (out / "page" / "3").exists()
    assert 'rel="next" href="page/2/"' in first, "Older leads to the newest numbered page"
    assert 'rel="prev" href="../2/"' in oldest and 'rel="next"' not in oldest
    assert 'rel="prev" href="../../"' in middle
    assert check_links(out, "/repo/") == []

    pages_before = {path: path.stat().st_ino for path in out.glob("page/*/index.html")}
    write_seed(site, "s5.txt", seed_text("Story 5", date="2025-01-09"))
    out = _built(site)
    first = (out / "index.html").read_text(encoding="utf-8")
    assert _titles(first) == ["Story 5", "Story 4", "Story 3"], "2 to 3 on the first page"
    assert {path: path.stat().st_ino for path in out.glob("page/*/index.html")} == pages_before
    assert check_links(out, "/repo/") == []


def test_entity_pages_are_numbered_from_the_oldest(
    site: SitePaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entity's own address shows its newest mentions, its counts and quotes; its
    numbered pages older mentions only, left as they are when a new article names it."""
    monkeypatch.setattr("site_builder.render.pages.ENTITY_ARTICLES_PER_PAGE", 2)
    for number in range(5):
        body = f"Lavrov met officials on Monday about plan {number}."
        write_seed(
            site,
            f"s{number}.txt",
            seed_text(f"Story {number}", date=f"2025-01-0{number + 1}", body=body),
        )
    out = _built(site)  # six articles name Lavrov, with the seed
    folder = out / "entities" / "sergei-lavrov"
    latest = (folder / "index.html").read_text(encoding="utf-8")
    oldest = (folder / "page" / "1" / "index.html").read_text(encoding="utf-8")
    assert 'Mentions <span class="count">' in latest and "Story 4" in latest
    assert "Story 2" not in latest and 'rel="next" href="page/2/"' in latest
    assert (
        "Earlier mentions" in oldest and "Quotes" not in oldest and "Often mentioned" not in oldest
    )
    assert 'href="feed.xml"' not in oldest, "the feed is linked from the entity's own page"
    assert check_links(out, "/repo/") == []

    pages_before = {path: path.stat().st_ino for path in folder.glob("page/*/index.html")}
    write_seed(site, "s5.txt", seed_text("Story 5", date="2025-01-09", body="Lavrov spoke."))
    out = _built(site)
    assert "Story 5" in (folder / "index.html").read_text(encoding="utf-8")
    assert {path: path.stat().st_ino for path in folder.glob("page/*/index.html")} == pages_before


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: ok\nper_page: many\n", 2, "per_page"),
        ("base_url: ftp://example.org\n", 1, "base_url"),
        ("title: ok\n\nlanguage: English\n", 3, "language"),
        ("colour: blue\n", 1, "unknown setting"),
        ("title: [unclosed\n", 1, "invalid YAML"),
        ("deploy:\n  branch: 3\n", 2, "deploy.branch"),
    ],
)
def test_bad_site_yml_is_reported_with_file_and_line(
    site: SitePaths, text: str, line: int, message: str
) -> None:
    site.config_file.write_text(text, encoding="utf-8")
    with pytest.raises(SiteBuilderError) as raised:
        build(site)
    assert f"site.yml:{line}" in str(raised.value) and message in str(raised.value)


def _git(cwd: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", *arguments], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{key}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{key}_EMAIL", "test@example.org")


def test_deploy_pushes_the_site_to_a_branch(
    site: SitePaths, tmp_path: Path, git_identity: None
) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--bare", "-q", str(remote)], check=True)
    _git(site.root, "init", "-q")
    site.config_file.write_text("deploy:\n  cname: news.example.org\n", encoding="utf-8")
    assert main(["--root", str(site.root), "deploy", "--remote", str(remote)]) == 0
    files = _git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "index.html" in files and ".nojekyll" in files and "CNAME" in files
    assert f"articles/{SEED_ARTICLE_SLUG}/index.html" in files
    assert _git(remote, "show", "gh-pages:CNAME").strip() == "news.example.org"
    assert main(["--root", str(site.root), "deploy", "--remote", str(remote)]) == 0
    assert len(_git(remote, "log", "--oneline", "gh-pages").splitlines()) == 2


def test_deploy_refuses_a_failed_build(site: SitePaths, tmp_path: Path, git_identity: None) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--bare", "-q", str(remote)], check=True)
    _git(site.root, "init", "-q")
    write_seed(site, "bad.txt", "")
    assert main(["--root", str(site.root), "deploy", "--remote", str(remote)]) == 1
    assert _git(remote, "branch", "--list").strip() == ""


def test_new_site_builds_and_overrides_templates_file_by_file(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    assert main(["new", str(folder)]) == 0
    (folder / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Custom lost page</h1>{% endblock %}'
    )
    (folder / "static" / "site.css").write_text("body { color: rebeccapurple; }")
    assert main(["--root", str(folder), "build"]) == 0
    assert "Custom lost page" in (folder / "dist" / "404.html").read_text()
    assert "rebeccapurple" in (folder / "dist" / "static" / "site.css").read_text()
    assert (folder / "dist" / "static" / "favicon.svg").is_file(), "other built-ins still ship"
    assert list((folder / "dist" / "articles").iterdir())
    assert main(["new", str(folder)]) == 1, "never scaffolds over an existing site"


@pytest.mark.browser
def test_search_works_in_the_browser_under_the_sub_path(site: SitePaths, page) -> None:  # type: ignore[no-untyped-def]
    write_seed(
        site, "other.txt", seed_text("Harbour Story", body="The harbour in Mombasa reopened.")
    )
    out = _built(site)
    with serve(out, "/repo/") as base:
        page.goto(base + "search/")
        page.fill(".pagefind-ui__search-input", "plaque")
        found = page.locator(".pagefind-ui__result-link", has_text="North Korea Says").first
        found.wait_for(timeout=10_000)
        assert (found.get_attribute("href") or "").startswith("/repo/articles/")
        page.fill(".pagefind-ui__search-input", "harbour")
        page.locator(".pagefind-ui__result-link", has_text="Harbour Story").wait_for(timeout=10_000)
        links = page.locator(".pagefind-ui__result-link").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
        # Articles and entities only, never the paginated lists that repeat them.
        assert all(re.fullmatch(r"/repo/(articles|entities)/[^/]+/", link) for link in links)
        page.fill(".pagefind-ui__search-input", "the")
        page.locator(".pagefind-ui__result-link", has_text="Harbour Story").wait_for(timeout=10_000)
        page.locator(".pagefind-ui__filter-name", has_text="Entity").click()
        page.locator(".pagefind-ui__filter-label", has_text="Sergei Lavrov").first.click()
        page.locator(".pagefind-ui__result-link", has_text="North Korea Says").wait_for(
            timeout=10_000
        )
        page.locator(".pagefind-ui__result-link", has_text="Harbour Story").wait_for(
            state="detached", timeout=10_000
        )


def test_the_search_index_follows_edits_and_goes_when_search_is_off(
    site: SitePaths, tmp_path: Path
) -> None:
    """Pagefind adds to an index folder it finds; an index of old text must not stay."""
    write_seed(site, "more.txt", seed_text("Second Story", body="Lavrov met Choe on Friday."))
    site.config_file.write_text("search: true\n", encoding="utf-8")
    build(site)
    article = site.articles / "second-story.md"
    for day in ("Monday", "Tuesday"):
        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace("Friday", day).replace("Monday", day), "utf-8")
        build(site)
    cold = tmp_path / "cold"
    build(site, BuildOptions(output=cold), state=BuildState())
    index_files = sorted((site.output / "pagefind").rglob("*"))
    assert len(index_files) == len(list((cold / "pagefind").rglob("*")))
    site.config_file.write_text("search: false\n", encoding="utf-8")
    build(site)
    assert not (site.output / "pagefind").exists()


def test_a_site_without_articles_or_entities_still_builds_its_search(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    (root / "content").mkdir(parents=True)
    (root / "site.yml").write_text("search: true\n", encoding="utf-8")
    build(SitePaths(root))
    shards = json.loads((root / "dist" / "pagefind" / "shards.json").read_text("utf-8"))
    assert (root / "dist" / "pagefind" / shards[0] / "pagefind.js").is_file()
