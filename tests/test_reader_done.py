"""Issue 13 in a real browser: the keyboard reaches the text quickly, a focused mention says
what it is, nothing moves while reader.js is late, the text starts in a phone's first
screen, and axe finds nothing on any page type, light or dark, card open or closed."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from site_builder.paths import SitePaths
from tests.conftest import SEED_ARTICLE_SLUG
from tests.serving import serve
from tests.test_reader import build_outside_the_browser_loop

pytestmark = pytest.mark.browser

ARTICLE = f"articles/{SEED_ARTICLE_SLUG}/"
PAGES = {
    "article": ARTICLE,
    "entity": "entities/sergei-lavrov/",
    "index": "",
    "entities": "entities/",
    "search": "search/",
    "404": "404.html",
}
PHONES = [(390, 844), (320, 700)]
JS_DELAY = 1.5  # seconds reader.js is held back in the layout-shift test

Opener = Callable[..., Page]

# Sums layout shifts not caused by input, from the first paint on.
CLS_OBSERVER = """
window.__cls = 0;
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__cls += entry.value;
    window.__shifts.push(entry.sources.map((s) => s.node && (s.node.id || s.node.className
      || s.node.nodeName)).join(","));
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture
def base_url(site: SitePaths) -> Iterator[str]:
    build_outside_the_browser_loop(site)
    with serve(site.output) as url:
        yield url


@pytest.fixture
def opener(browser: Browser, base_url: str) -> Iterator[Opener]:
    """Open a path in a new context; `delay_js` holds reader.js back before it is served."""
    contexts: list[BrowserContext] = []

    def open_(path: str = ARTICLE, delay_js: float = 0, **options: Any) -> Page:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        contexts.append(context)
        if delay_js:

            def late(route: Route) -> None:
                time.sleep(delay_js)
                route.continue_()

            context.route("**/reader.js", late)
        page = context.new_page()
        page.add_init_script(CLS_OBSERVER)
        page.goto(base_url + path)
        return page

    yield open_
    for context in contexts:
        context.close()


def reader_ready(page: Page) -> None:
    page.wait_for_selector("#entity-about", state="attached")


# 1. Keyboard: one Tab stop per mention, none in closed cards


def test_tab_reaches_the_third_paragraph_quickly(opener: Opener) -> None:
    page = opener()
    reader_ready(page)
    target = page.locator(".article-body > p").nth(2).locator("[data-entity]").first
    target_id = target.get_attribute("id")
    before = page.evaluate(
        """id => { const all = [...document.querySelectorAll('[data-article-body] [data-entity]')];
        return all.indexOf(document.getElementById(id)); }""",
        target_id,
    )
    presses = 0
    while page.evaluate("document.activeElement.id") != target_id:
        page.keyboard.press("Tab")
        presses += 1
        assert presses <= before + 5, f"{presses} Tab presses and not yet at #{target_id}"
    print(f"#{target_id}: {presses} Tab presses, {before} mentions before it")
    # every stop on the way was in the header, the byline or a mention: no card links
    assert page.locator("#entity-card a[tabindex='0']").count() == 0


def test_dates_and_figures_take_no_focus(opener: Opener) -> None:
    page = opener()
    reader_ready(page)
    focusable = page.eval_on_selector_all(
        "[data-article-body] :is(time, data)[data-entity]", "all => all.map(e => e.tabIndex)"
    )
    assert focusable and set(focusable) == {-1}


def test_skipping_the_text_reaches_the_panel_landmark(opener: Opener) -> None:
    page = opener()
    aside = page.get_by_role("complementary", name="Highlights")
    expect(aside).to_be_visible()
    expect(aside.get_by_role("checkbox", name="Quiet mode")).to_be_visible()


# 2. Screen readers: a focused mention is named and described


def test_a_focused_mention_is_named_and_described(opener: Opener) -> None:
    page = opener()
    reader_ready(page)
    mention = page.locator("#m22")
    mention.focus()
    expect(mention).to_have_accessible_name("Sergei Lavrov")
    expect(mention).to_have_accessible_description(
        "Person: Russian diplomat, foreign minister of Russia since 2004."
    )
    snapshot = page.locator("#m22").aria_snapshot()
    assert 'link "Sergei Lavrov"' in snapshot
    # the card is no dialog and sits outside any block it would break
    card = page.locator("#entity-card")
    expect(card).to_be_visible()
    assert card.evaluate("c => c.tagName") == "SPAN"
    assert card.get_attribute("role") != "dialog"


def test_a_mention_without_javascript_is_a_plain_link(opener: Opener) -> None:
    page = opener(java_script_enabled=False)
    expect(page.locator("#m22")).to_have_accessible_name("Sergei Lavrov")
    expect(page.locator("#m22")).to_have_attribute("href", "../../entities/sergei-lavrov/")


# 3. Zero layout shift, reader.js late


@pytest.mark.parametrize(
    "viewport", [(1280, 900), *PHONES], ids=["desktop", "phone-390", "phone-320"]
)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_layout_shift_while_javascript_is_late(
    opener: Opener, viewport: tuple[int, int], scheme: str
) -> None:
    width, height = viewport
    page = opener(
        delay_js=JS_DELAY, viewport={"width": width, "height": height}, color_scheme=scheme
    )
    reader_ready(page)
    page.wait_for_timeout(500)
    cls = page.evaluate("window.__cls")
    print(f"CLS {width}x{height} {scheme}: {cls}")
    assert cls == 0, page.evaluate("window.__shifts")
    toggle = page.locator("#theme-toggle")
    expect(toggle).to_have_attribute("aria-pressed", "true" if scheme == "dark" else "false")


def test_the_theme_toggle_is_drawn_before_javascript(opener: Opener) -> None:
    page = opener(java_script_enabled=False, color_scheme="dark")
    # without JavaScript it would do nothing, so it is not shown at all
    expect(page.locator("#theme-toggle")).to_be_hidden()


# 5. Phone: the text starts in the first screen


@pytest.mark.parametrize("viewport", PHONES, ids=["390x844", "320x700"])
def test_the_first_line_of_the_text_is_in_the_first_screen(
    opener: Opener, viewport: tuple[int, int]
) -> None:
    width, height = viewport
    page = opener(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True)
    reader_ready(page)
    bottom = page.evaluate(
        """() => { const p = document.querySelector('.article-body p');
        const range = document.createRange(); range.selectNodeContents(p);
        return range.getClientRects()[0].bottom; }"""
    )
    print(f"first line of the text ends at {bottom:.0f} px of {height}")
    assert bottom <= height
    header = page.locator(".site-header").bounding_box()
    assert header and header["height"] < 70  # one row
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width


# axe on every page type, light and dark, card open and closed


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations(opener: Opener, name: str, scheme: str) -> None:
    page = opener(PAGES[name], color_scheme=scheme)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("how", ["focus", "keyboard-open", "tap"])
def test_axe_with_the_card_open(opener: Opener, scheme: str, how: str) -> None:
    touch = how == "tap"
    page = opener(color_scheme=scheme, has_touch=touch)
    reader_ready(page)
    if touch:
        page.tap("#m9")
    else:
        page.focus("#m22")
        if how == "keyboard-open":
            page.keyboard.press("ArrowDown")
    expect(page.locator("#entity-card")).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("mode", ["show-every", "quiet-mode"])
def test_axe_in_each_reading_mode(opener: Opener, mode: str) -> None:
    page = opener()
    page.check(f"#{mode}")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


# 7. The rest of the small inconsistencies, as a reader sees them


def test_a_caption_without_its_photo_is_a_small_note(opener: Opener) -> None:
    page = opener()
    note = page.locator(".photo figcaption")
    expect(note).to_contain_text("Photo, not shown:")
    size = float(note.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    body = float(
        page.eval_on_selector(".article-body p", "e => parseFloat(getComputedStyle(e).fontSize)")
    )
    assert size < body * 0.9
    assert page.eval_on_selector(".photo", "e => getComputedStyle(e).backgroundColor") == (
        "rgba(0, 0, 0, 0)"
    )


def test_search_results_end_without_a_dangling_label(opener: Opener) -> None:
    page = opener("search/")
    page.fill(".pagefind-ui__search-input", "USSR")
    results = page.locator(".pagefind-ui__result-excerpt")
    # The first query loads and merges every shard's bundle: slow on a loaded machine.
    results.first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    excerpts = results.all_inner_texts()
    assert excerpts
    assert not [text for text in excerpts if "Also written" in text or "not shown:" in text]
