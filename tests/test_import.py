"""Re-import never loses a person's work, and never rewrites what has not changed."""

from __future__ import annotations

import os

from site_builder.ingest.importer import import_seeds
from site_builder.paths import SitePaths
from site_builder.sources.content import read_article
from site_builder.sources.knowledge import load_knowledge_base

from .conftest import SEED_ARTICLE_SLUG, seed_text, write_seed


def _import(site: SitePaths, force: bool = False):  # type: ignore[no-untyped-def]
    report, _ = import_seeds(site, load_knowledge_base(site.entities_file), force=force)
    return report


def test_front_matter_recovers_every_seed_field(site: SitePaths) -> None:
    _import(site)
    article = read_article(site.articles / f"{SEED_ARTICLE_SLUG}.md")
    assert article.title == "North Korea Says It Will Stand by Russia Until ‘Victory’ Over Ukraine"
    assert article.slug == SEED_ARTICLE_SLUG
    assert article.date.isoformat() == "2024-11-01"
    assert [(a.name, a.url) for a in article.authors] == [("AFP", None)]
    assert article.source is not None and article.source.publisher == "The Moscow Times"
    assert article.source.url.endswith(
        "north-korea-says-it-will-stand-by-russia-until-victory-over-ukraine-a86878"
    )
    assert article.image is not None
    assert article.image.caption == (
        "North Korean Foreign Minister Choe Son-Hui and Russian Foreign Minister Sergei Lavrov."
    )
    assert article.image.credit == "Valery Sharifulin / TASS"
    assert [(r.title, r.url) for r in article.related] == [
        ("U.S. Says North Korean Troops Ready for Ukraine Combat as Missile Raises Tensions", None)
    ]
    assert article.seed_file == "seeds/000_e588548092be8d5c.txt" and article.seed_sha256
    counts = dict(article.entity_counts)
    assert counts["sergei-lavrov"] == 4 and counts["choe-son-hui"] == 3
    assert article.body.startswith(
        "North Korea's foreign minister met with her Russian counterpart"
    )
    assert article.body.rstrip().endswith("on the issue of North Korean troop deployments.")
    assert "Related article" not in article.body and "Original url" not in article.body


def test_unchanged_seed_is_not_rewritten(site: SitePaths) -> None:
    _import(site)
    target = site.articles / f"{SEED_ARTICLE_SLUG}.md"
    os.utime(target, (1_000_000, 1_000_000))
    report = _import(site)
    assert report.written == [] and target.stat().st_mtime == 1_000_000


def test_edited_content_is_kept_and_reported_unless_forced(site: SitePaths) -> None:
    _import(site)
    target = site.articles / f"{SEED_ARTICLE_SLUG}.md"
    edited = target.read_text(encoding="utf-8").replace("hailed the close ties", "praised the ties")
    target.write_text(edited, encoding="utf-8")
    seed = site.seeds / "000_e588548092be8d5c.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    report = _import(site)
    assert report.kept_edited == [target]
    assert target.read_text(encoding="utf-8") == edited
    report = _import(site, force=True)
    assert report.written == [target]
    assert "hailed the close ties" in target.read_text(encoding="utf-8")


def test_changed_seed_updates_an_unedited_article(site: SitePaths) -> None:
    _import(site)
    seed = site.seeds / "000_e588548092be8d5c.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("hailed", "praised"), encoding="utf-8")
    report = _import(site)
    assert len(report.written) == 1
    assert "Lavrov praised" in report.written[0].read_text(encoding="utf-8")


def test_a_person_written_article_with_a_seed_title_is_never_overwritten(site: SitePaths) -> None:
    site.articles.mkdir(parents=True)
    mine = site.articles / "my-story.md"
    mine.write_text(
        "---\ntitle: My Story\ndate: 2024-01-01\n---\n\nHand written.\n", encoding="utf-8"
    )
    write_seed(site, "mine.txt", seed_text("My Story"))
    report = _import(site)
    assert mine.read_text(encoding="utf-8").endswith("Hand written.\n")
    assert site.articles / "my-story-2.md" in report.written


def test_a_same_size_rewrite_that_keeps_the_old_mtime_is_still_imported(site: SitePaths) -> None:
    """Tools like `cp -p` or `rsync -a` restore the mtime of new bytes; the change time
    still tells the seed changed, so the cached hash is not trusted."""
    seed = site.seeds / "000_e588548092be8d5c.txt"
    an_hour_ago = seed.stat().st_mtime_ns - 3600 * 10**9
    os.utime(seed, ns=(an_hour_ago, an_hour_ago))
    _import(site)
    _import(site)  # remembers the seed's hash by its signature
    seed.write_text(seed.read_text(encoding="utf-8").replace("hailed", "lauded"), encoding="utf-8")
    os.utime(seed, ns=(an_hour_ago, an_hour_ago))
    report = _import(site)
    assert len(report.written) == 1
    assert "Lavrov lauded" in report.written[0].read_text(encoding="utf-8")
