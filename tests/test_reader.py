"""The reading experience in a real browser: highlights, legend, entity cards, the entity
panel, dark mode, print, small screens, the page budget and axe-core on every page type."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Browser, BrowserContext, Page, Request, expect

from site_builder.engine.build import build
from site_builder.paths import SitePaths
from tests.conftest import SEED_ARTICLE_SLUG, seed_text, write_seed
from tests.serving import serve

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
ARTICLE = f"articles/{SEED_ARTICLE_SLUG}/"
PAGES = {
    "article": ARTICLE,
    "entity": "entities/sergei-lavrov/",
    "index": "",
    "entities": "entities/",
    "404": "404.html",
}
TRANSPARENT = "rgba(0, 0, 0, 0)"
BUDGET = 60 * 1000  # bytes: the article's HTML + site.css + reader.js, uncompressed

OpenPage = Callable[..., Page]


def build_outside_the_browser_loop(site: SitePaths) -> None:
    """Build as the command line does: in a thread of its own, away from the event loop
    Playwright's sync API runs in this one (a build may run asyncio for search)."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            build(site)
        except BaseException as error:  # re-raised in the test's thread below
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


@pytest.fixture
def base_url(site: SitePaths) -> Iterator[str]:
    """The seed site, built and served on 127.0.0.1 (a free port) for the test."""
    build_outside_the_browser_loop(site)
    with serve(site.output) as url:
        yield url


@pytest.fixture
def open_page(browser: Browser, base_url: str) -> Iterator[OpenPage]:
    """Open a site path in a new browser context (options such as color_scheme, viewport,
    has_touch or java_script_enabled go to the context); every context is closed after."""
    contexts: list[BrowserContext] = []

    def opener(path: str = ARTICLE, **options: Any) -> Page:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.goto(base_url + path)
        return page

    yield opener
    for context in contexts:
        context.close()


def style(page: Page, selector: str, prop: str) -> str:
    return str(page.eval_on_selector(selector, f"e => getComputedStyle(e)[{prop!r}]"))


def luminance(css_colour: str) -> float:
    """Relative luminance of an rgb()/rgba() colour from getComputedStyle."""
    channels = [float(c) for c in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 3294.6 if c <= 10.0164 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def highlighted(page: Page, selector: str) -> bool:
    return style(page, selector, "backgroundColor") != TRANSPARENT


# Entity cards


def test_hover_shows_the_entity_card(open_page: OpenPage, base_url: str) -> None:
    page = open_page()
    card = page.locator("#entity-card")
    expect(card).to_be_hidden()
    page.hover("#m22")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Sergei Lavrov")
    expect(card).to_contain_text("Russian diplomat, foreign minister of Russia since 2004.")
    expect(card).to_contain_text("4 mentions here")
    expect(card).not_to_contain_text("other article")  # never "in 0 other articles"
    expect(card).to_contain_text("Person")
    entity_link = card.get_by_role("link", name="More about Sergei Lavrov")
    assert entity_link.evaluate("a => a.href") == base_url + "entities/sergei-lavrov/"
    wiki = card.get_by_role("link", name="Wikipedia: Sergei Lavrov")
    assert wiki.get_attribute("href") == "https://en.wikipedia.org/wiki/Sergei_Lavrov"
    # the card sits next to the mention, inside the viewport
    mention, box = page.locator("#m22").bounding_box(), card.bounding_box()
    assert mention and box
    assert abs(box["y"] - (mention["y"] + mention["height"])) < 40 or box["y"] < mention["y"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280


def test_card_counts_other_articles(open_page: OpenPage, site: SitePaths) -> None:
    write_seed(site, "another.txt", seed_text(body="Lavrov met Choe in Moscow on Friday."))
    build_outside_the_browser_loop(site)
    page = open_page()
    page.hover("#m27")
    expect(page.locator("#entity-card")).to_contain_text("4 mentions here, in 1 other article")


def test_hovering_the_card_keeps_it_open(open_page: OpenPage) -> None:
    page = open_page()
    card = page.locator("#entity-card")
    page.hover("#m9")
    expect(card).to_be_visible()
    card.locator(".card-title").hover()
    page.wait_for_timeout(900)
    expect(card).to_be_visible()
    expect(card).to_contain_text("Moscow")
    page.mouse.move(5, 5)
    expect(card).to_be_hidden()


def test_keyboard_focus_opens_the_card_and_escape_closes_it(open_page: OpenPage) -> None:
    page = open_page()
    card = page.locator("#entity-card")
    page.focus(".byline a")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "m1"
    expect(card).to_be_visible()
    expect(card).to_contain_text("North Korean")
    expect(card).to_contain_text("Down arrow: links")
    # Tab goes on to the next mention, not into the card
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "m2"
    expect(card).to_contain_text("Choe Son-hui")
    # Down arrow moves into the card; Tab then goes through its links, then on
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "More about Choe Son-hui"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Wikipedia: Choe Son-hui"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "m2"
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "m2"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "m3"
    expect(card).to_contain_text("Russian")


def test_escape_from_inside_the_card_returns_focus_to_the_mention(open_page: OpenPage) -> None:
    page = open_page()
    page.focus("#m22")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('#entity-card') !== null")
    page.keyboard.press("Escape")
    expect(page.locator("#entity-card")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "m22"


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("#m10", "1 November 2024"),
        ("#m46", "August 2024"),
        ("#m50", "week of 28 October 2024"),
        ("#m39", "1949"),
    ],
)
def test_date_cards_spell_out_the_day(open_page: OpenPage, mention: str, expected: str) -> None:
    page = open_page()
    page.hover(mention)
    card = page.locator("#entity-card")
    expect(card).to_be_visible()
    expect(card.locator(".card-value")).to_have_text(expected)
    expect(card).to_contain_text("1 mention here")


@pytest.mark.parametrize("mention", ["#m42", "#m16"])
def test_figures_have_no_card_that_repeats_them(open_page: OpenPage, mention: str) -> None:
    page = open_page()
    page.hover(mention)
    page.wait_for_timeout(700)
    expect(page.locator("#entity-card")).to_have_count(0)
    page.click(mention)
    expect(page.locator("#entity-card")).to_have_count(0)


def test_unresolved_date_says_so(open_page: OpenPage) -> None:
    page = open_page()
    page.eval_on_selector("#m10", "e => e.removeAttribute('datetime')")
    page.hover("#m10")
    expect(page.locator("#entity-card .card-value")).to_have_text("date not resolved")


def test_tap_opens_the_card_instead_of_navigating(open_page: OpenPage, base_url: str) -> None:
    page = open_page(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    card = page.locator("#entity-card")
    page.tap("#m22")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Sergei Lavrov")
    assert page.url == base_url + ARTICLE
    box = card.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    page.tap("#m22")  # a second tap follows the link
    page.wait_for_url(base_url + "entities/sergei-lavrov/")


def test_mouse_click_on_a_mention_showing_its_card_navigates(
    open_page: OpenPage, base_url: str
) -> None:
    page = open_page()
    page.click("#m9")  # clicked before the hover delay: the card opens, nothing navigates
    expect(page.locator("#entity-card")).to_contain_text("Moscow")
    assert page.url == base_url + ARTICLE
    page.hover("#m22")
    expect(page.locator("#entity-card")).to_contain_text("Sergei Lavrov")
    page.click("#m22")
    page.wait_for_url(base_url + "entities/sergei-lavrov/")


def test_tap_elsewhere_closes_the_card(open_page: OpenPage) -> None:
    page = open_page(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page.tap("#m9")
    card = page.locator("#entity-card")
    expect(card).to_contain_text("Moscow")
    page.tap("h1")
    expect(card).to_be_hidden()


def test_the_card_link_navigates(open_page: OpenPage, base_url: str) -> None:
    page = open_page(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page.tap("#m9")
    page.locator("#entity-card").get_by_role("link", name="More about Moscow").tap()
    page.wait_for_url(base_url + "entities/moscow/")


# Legend and quiet mode


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_legend_toggle_hides_one_type(open_page: OpenPage, javascript: bool) -> None:
    page = open_page(java_script_enabled=javascript)
    assert highlighted(page, "#m22") and highlighted(page, "#m9")
    page.uncheck("#show-person")
    assert not highlighted(page, "#m22")
    assert style(page, "#m22", "textDecorationThickness") == "1px"  # still a (plain) link
    assert highlighted(page, "#m9")  # places keep theirs
    page.check("#show-person")
    assert highlighted(page, "#m22")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_quiet_mode_hides_every_highlight(open_page: OpenPage, javascript: bool) -> None:
    page = open_page(java_script_enabled=javascript)
    page.check("#quiet-mode")
    backgrounds = page.eval_on_selector_all(
        "[data-article-body] [data-entity]",
        "all => all.map(e => getComputedStyle(e).backgroundColor)",
    )
    assert len(backgrounds) == 52
    assert set(backgrounds) == {TRANSPARENT}
    assert style(page, "#m10", "textDecorationColor") == TRANSPARENT  # a date: no line at all


def test_legend_choices_are_remembered(open_page: OpenPage) -> None:
    page = open_page()
    page.uncheck("#show-place")
    page.check("#quiet-mode")
    page.reload()
    assert page.is_checked("#quiet-mode")
    assert not page.is_checked("#show-place")
    assert page.is_checked("#show-person")
    assert not highlighted(page, "#m22")
    page.uncheck("#quiet-mode")
    page.reload()
    assert highlighted(page, "#m22") and not highlighted(page, "#m9")


# Entity panel


def test_panel_steps_through_the_mentions(open_page: OpenPage) -> None:
    page = open_page()
    nav = page.locator("#panel-nav")
    expect(nav).to_be_hidden()
    page.click("[data-panel-key='sergei-lavrov'] .panel-step")
    expect(nav).to_be_visible()
    expect(nav).to_contain_text("Sergei Lavrov: 1 of 4")
    current = page.locator("[data-article-body] [aria-current='true']")
    expect(current).to_have_count(1)
    expect(current).to_have_id("m4")
    expect(page.locator("#m4")).to_have_class("is-current")
    assert page.evaluate("document.activeElement.textContent").startswith("Next")
    nav.get_by_role("button", name="Next mention").click()
    expect(nav).to_contain_text("Sergei Lavrov: 2 of 4")
    expect(current).to_have_id("m22")
    expect(page.locator("#m4")).not_to_have_attribute("aria-current", "true")
    expect(page.locator("#m22")).to_be_in_viewport()
    nav.get_by_role("button", name="Next mention").click()
    expect(current).to_have_id("m27")
    nav.get_by_role("button", name="Previous mention").click()
    nav.get_by_role("button", name="Previous mention").click()
    expect(current).to_have_id("m4")
    nav.get_by_role("button", name="Previous mention").click()  # wraps round to the last
    expect(nav).to_contain_text("Sergei Lavrov: 4 of 4")
    expect(current).to_have_id("m34")
    nav.get_by_role("button", name="Stop stepping through mentions").click()
    expect(nav).to_be_hidden()
    expect(current).to_have_count(0)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "4 mentions of Sergei Lavrov"
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_panel_names_are_plain_links(open_page: OpenPage, base_url: str, javascript: bool) -> None:
    page = open_page(java_script_enabled=javascript)
    page.click("[data-panel-key='sergei-lavrov'] .panel-name")
    page.wait_for_url(base_url + "entities/sergei-lavrov/")


def test_panel_count_links_to_the_first_mention_without_javascript(
    open_page: OpenPage, base_url: str
) -> None:
    page = open_page(java_script_enabled=False)
    page.click("[data-panel-key='sergei-lavrov'] .panel-step")
    page.wait_for_url(base_url + ARTICLE + "#m4")


# Themes and print


def test_dark_mode_follows_the_system(open_page: OpenPage) -> None:
    page = open_page(color_scheme="dark")
    assert luminance(style(page, "body", "backgroundColor")) < 0.05
    assert luminance(style(page, "body", "color")) > 0.6
    expect(page.locator("#theme-toggle")).to_have_attribute("aria-pressed", "true")


def test_theme_toggle_switches_and_is_remembered(open_page: OpenPage) -> None:
    page = open_page(color_scheme="light")
    toggle = page.locator("#theme-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert luminance(style(page, "body", "backgroundColor")) > 0.9
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert luminance(style(page, "body", "backgroundColor")) < 0.05
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert luminance(style(page, "body", "backgroundColor")) < 0.05
    toggle.click()
    page.goto(page.url.replace(ARTICLE, "entities/"))
    assert luminance(style(page, "body", "backgroundColor")) > 0.9


def test_print_hides_the_furniture_and_keeps_subtle_underlines(open_page: OpenPage) -> None:
    page = open_page(color_scheme="dark")
    page.emulate_media(media="print")
    # the quotes and the timeline repeat the text: not printed again after it
    for hidden in (
        ".article-side",
        ".legend",
        ".site-header nav",
        ".site-footer",
        ".quotes",
        ".timeline",
    ):
        assert style(page, hidden, "display") == "none", hidden
    for mention in ("#m22", "#m9", "#m10", "#m42", "#m6", "#m1"):
        assert style(page, mention, "backgroundColor") == TRANSPARENT
        assert "underline" in style(page, mention, "textDecorationLine")
        assert style(page, mention, "textDecorationThickness") == "1px"
    assert luminance(style(page, "body", "backgroundColor")) > 0.95
    after = page.eval_on_selector(
        ".source-box a[href^='https://www.themoscowtimes']",
        "a => getComputedStyle(a, '::after').content",
    )
    assert "https://www.themoscowtimes.com/" in after


# Without JavaScript, small screens, requests and budget


def test_without_javascript_mentions_are_links_and_highlighted(
    open_page: OpenPage, base_url: str
) -> None:
    page = open_page(java_script_enabled=False)
    mentions = page.locator("[data-article-body] [data-entity]")
    expect(mentions).to_have_count(52)
    styles = mentions.evaluate_all(
        """all => all.map(e => [getComputedStyle(e).textDecorationColor,
            getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)',
            e.hasAttribute('data-first') && e.dataset.entityType !== 'group'])"""
    )
    assert TRANSPARENT not in [line for line, _, _ in styles]  # every mention is marked
    assert [tinted for _, tinted, _ in styles] == [first for _, _, first in styles]
    expect(page.locator("#theme-toggle")).to_be_hidden()
    page.click("#m22")
    page.wait_for_url(base_url + "entities/sergei-lavrov/")


@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_scrolling_at_360px(open_page: OpenPage, name: str) -> None:
    page = open_page(PAGES[name], viewport={"width": 360, "height": 740})
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360


def test_card_and_panel_fit_a_small_screen(open_page: OpenPage) -> None:
    page = open_page(viewport={"width": 360, "height": 740})
    page.click("[data-panel-key='north-korean'] .panel-step")
    nav = page.locator("#panel-nav").bounding_box()
    assert nav and nav["x"] >= 0 and nav["x"] + nav["width"] <= 360
    assert nav["y"] + nav["height"] <= 740  # fixed on screen while the text scrolls
    for mention in ("#m20", "#m44", "#m52"):
        page.focus(mention)
        box = page.locator("#entity-card").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, mention
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360


def test_article_page_requests_nothing_from_other_hosts(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    requests: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base_url + ARTICLE)
    page.hover("#m22")
    expect(page.locator("#entity-card")).to_be_visible()
    page.click("[data-panel-key='moscow'] .panel-step")
    page.wait_for_load_state("networkidle")
    context.close()
    assert requests
    own = urlsplit(base_url).netloc
    assert [url for url in requests if urlsplit(url).netloc != own] == []


def test_article_page_fits_the_budget(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}

    def record(request: Request) -> None:
        response = request.response()
        if response is not None and request.resource_type in {"document", "stylesheet", "script"}:
            sizes[request.url] = len(response.body())

    page.on("requestfinished", record)
    page.goto(base_url + ARTICLE)
    page.wait_for_load_state("networkidle")
    context.close()
    kinds = {url.rsplit("/", 1)[-1] or "index.html" for url in sizes}
    assert kinds == {"index.html", "site.css", "reader.js"}, sizes
    print(sizes)
    assert sum(sizes.values()) <= BUDGET, sizes


# Accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations(open_page: OpenPage, name: str, scheme: str) -> None:
    page = open_page(PAGES[name], color_scheme=scheme)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_card_and_panel_open(open_page: OpenPage, scheme: str) -> None:
    page = open_page(color_scheme=scheme)
    page.click("[data-panel-key='sergei-lavrov'] .panel-step")
    page.focus("#m9")
    expect(page.locator("#entity-card")).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


# Screenshots (tests/screenshots/, git-ignored) to look at


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots(open_page: OpenPage, width: int, scheme: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    size = {"width": width, "height": 740 if width == 360 else 900}
    for name, path in PAGES.items():
        page = open_page(path, viewport=size, color_scheme=scheme)
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}-{scheme}.png", full_page=True)
        page.context.close()
    page = open_page(viewport=size, color_scheme=scheme)
    page.click("[data-panel-key='sergei-lavrov'] .panel-step")
    page.locator("#panel-nav").get_by_role("button", name="Next mention").click()
    page.wait_for_timeout(600)
    page.focus("#m27")
    expect(page.locator("#entity-card")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / f"article-card-{width}-{scheme}.png")
    page.emulate_media(media="print")
    page.screenshot(path=SCREENSHOTS / f"article-print-{width}-{scheme}.png", full_page=True)
