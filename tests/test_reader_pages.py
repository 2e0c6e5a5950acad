"""Issue 13, points 6 and 7, read from the built pages: no entity without mentions, one date
format per site, one timeline row per sentence, co-mentions ranked, search text without
dangling labels, JSON-LD `about` limited to people, organisations and places."""

from __future__ import annotations

import json
import re

from site_builder.engine.build import build
from site_builder.paths import SitePaths
from tests.conftest import SEED_ARTICLE_SLUG, seed_text, write_seed

ARTICLE = f"articles/{SEED_ARTICLE_SLUG}/index.html"


def page(site: SitePaths, path: str) -> str:
    return (site.output / path).read_text(encoding="utf-8")


def between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def visible_dates(html: str) -> list[str]:
    return re.findall(r"<time datetime=\"\d{4}-\d\d-\d\d\">([^<]+)</time>", html)


# 6. Every published entity has a mention


def test_no_entity_page_or_index_row_without_mentions(site: SitePaths) -> None:
    build(site)
    index = page(site, "entities/index.html")
    assert "0 mentions" not in index
    published = {p.parent.name for p in (site.output / "entities").glob("*/index.html")}
    # in the knowledge base, named by no article: AFP and The Moscow Times (the byline and
    # the publisher are not mentions), the West, Korea, South Korea
    for unmentioned in ("agence-france-presse", "the-moscow-times", "the-west", "korea"):
        assert unmentioned not in published
        assert f"entities/{unmentioned}/" not in index
    for entity in published:
        html = page(site, f"entities/{entity}/index.html")
        assert "Not mentioned" not in html
        assert re.search(r"Mentions <span class=\"count\">[1-9]", html), entity
    assert "sergei-lavrov" in published
    counts = json.loads(page(site, "entities/counts.json"))
    assert set(counts) == published and 0 not in counts.values()


def test_figures_have_no_card_data_and_dates_are_spelt_out(site: SitePaths) -> None:
    build(site)
    data = json.loads(between(page(site, ARTICLE), 'id="entity-data">', "</script>"))
    assert set(data) == {"entities", "dates"}
    assert "8000" not in json.dumps(data)  # no "Value: 8,000" repeating the text
    assert data["dates"]["2024-11-01"] == "1 November 2024"


# 7. Small inconsistencies


def test_one_date_format_per_site(site: SitePaths) -> None:
    build(site)
    article = page(site, ARTICLE)
    shown = visible_dates(article) + visible_dates(page(site, "index.html"))
    shown += visible_dates(page(site, "entities/sergei-lavrov/index.html"))
    assert shown and set(shown) <= {"1 November 2024", "31 October 2024"}, shown
    panel = re.findall(r'<span class="panel-name">([^<]+)</span>', article)
    assert "1 November 2024" in panel and "week of 28 October 2024" in panel


def test_american_english_sites_write_the_month_first(site: SitePaths) -> None:
    site.config_file.write_text("language: en-US\nsearch: false\n", encoding="utf-8")
    build(site)
    article = page(site, ARTICLE)
    assert set(visible_dates(article)) == {"November 1, 2024", "October 31, 2024"}
    assert '"2024-11-01":"November 1, 2024"' in article  # cards say it the same way


def test_a_sentence_with_two_dates_is_one_timeline_row(site: SitePaths) -> None:
    build(site)
    timeline = page(site, ARTICLE).split('id="timeline-heading"')[1].split("</ol>")[0]
    sentences = re.findall(r'<a href="#m\d+">([^<]+)</a>', timeline)
    assert len(sentences) == len(set(sentences)) == 4
    assert re.search(r"August 2024</time>; <time[^>]*>31 October 2024</time>", timeline)


def test_panel_names_link_to_entities_and_counts_step(site: SitePaths) -> None:
    build(site)
    article = page(site, ARTICLE)
    row = re.search(r'<li data-panel-key="sergei-lavrov">(.*?)</li>', article, re.S)
    assert row
    assert '<a class="panel-name" href="../../entities/sergei-lavrov/">Sergei Lavrov</a>' in row[1]
    assert re.search(r'<a class="panel-step" href="#m4" aria-label="4 mentions of Sergei', row[1])


def test_co_mentions_ranked_by_shared_articles_then_mentions(site: SitePaths) -> None:
    write_seed(site, "b.txt", seed_text("Second", body="Lavrov and Putin met in Moscow."))
    write_seed(site, "c.txt", seed_text("Third", body="Lavrov flew to Pyongyang on Friday."))
    build(site)
    html = page(site, "entities/sergei-lavrov/index.html")
    related = html.split('id="related-heading"')[1]
    names = re.findall(r'<a href="../../entities/[^/]+/">([^<]+)</a>', related)
    counts = [int(n) for n in re.findall(r'class="count">(\d+) article', related)]
    assert counts == sorted(counts, reverse=True)
    # in 2 articles with Lavrov each: Moscow (3 mentions in all), Putin and Pyongyang (2)
    assert names[:3] == ["Moscow", "Pyongyang", "Vladimir Putin"]
    # among those in one shared article, the most mentioned come first (Russian: 6)
    ones = [name for name, count in zip(names, counts, strict=False) if count == 1]
    assert ones[:2] == ["Russian", "North Korean"], ones


def test_search_text_has_no_dangling_labels(site: SitePaths) -> None:
    build(site)
    html = page(site, "entities/soviet-union/index.html")
    # the label is not indexed, the aliases are: a result snippet never ends "Also written:"
    assert '<p class="aliases"><span data-pagefind-ignore>Also written: </span>USSR' in html


def test_json_ld_is_about_people_organisations_and_places(site: SitePaths) -> None:
    build(site)
    data = json.loads(between(page(site, ARTICLE), '<script type="application/ld+json">', "</"))
    about = [thing["name"] for thing in data["about"]]
    assert about == ["Sergei Lavrov", "Choe Son-hui", "North Korea"]
    assert {thing["@type"] for thing in data["about"]} <= {"Person", "Organization", "Place"}
    assert "Russian" in [thing["name"] for thing in data["mentions"]]  # still mentioned
