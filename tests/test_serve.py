"""The preview server, end to end: a real process, a real browser, real file saves."""

from __future__ import annotations

import http.client
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from site_builder.engine.build import build
from site_builder.paths import SitePaths

from .conftest import SEED_ARTICLE_SLUG
from .serving import start_preview

pytestmark = pytest.mark.browser
ARTICLE = f"articles/{SEED_ARTICLE_SLUG}/"


@dataclass
class Server:
    process: subprocess.Popen[str]
    url: str
    lines: list[str] = field(default_factory=list)

    def rebuilds(self) -> int:
        return sum(1 for line in self.lines if line.startswith("rebuilt"))

    def wait_for_rebuilds(self, count: int, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while self.rebuilds() < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.rebuilds() >= count, self.lines


@pytest.fixture
def server(site: SitePaths) -> Iterator[Server]:
    build(site)  # import once, so the test can edit the content file
    process, url = _start(site)
    lines: list[str] = []
    running = Server(process, url, lines)
    reader = threading.Thread(
        target=lambda: lines.extend(x.strip() for x in process.stdout or []), daemon=True
    )
    reader.start()
    yield running
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


def _edit(site: SitePaths, old: str, new: str) -> None:
    path = site.articles / f"{SEED_ARTICLE_SLUG}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_saved_edit_reloads_the_page(server: Server, site: SitePaths, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + ARTICLE)
    _edit(site, "Lavrov hailed the close ties", "Lavrov praised the warm ties")
    page.get_by_text("praised the warm ties").wait_for(timeout=10_000)


def test_two_saves_a_second_apart_both_show(server: Server, site: SitePaths, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + ARTICLE)
    _edit(site, "hailed the close ties", "hailed the first edit")
    time.sleep(1)
    _edit(site, "special services", "second edit services")
    page.get_by_text("hailed the first edit").wait_for(timeout=10_000)
    page.get_by_text("second edit services").wait_for(timeout=10_000)


def test_twenty_saves_in_a_second_rebuild_at_most_twice(server: Server, site: SitePaths) -> None:
    before = server.rebuilds()
    for number in range(20):
        _edit(
            site,
            "hailed the close ties" if number == 0 else f"edit {number - 1} ties",
            f"edit {number} ties",
        )
        time.sleep(0.045)
    server.wait_for_rebuilds(before + 1)
    time.sleep(2.5)  # anything still pending would have built by now
    assert server.rebuilds() - before <= 2, server.lines


def test_broken_yaml_shows_the_error_and_fixing_it_recovers(
    server: Server, site: SitePaths, page
) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + ARTICLE)
    path = site.articles / f"{SEED_ARTICLE_SLUG}.md"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("title: North", "title: [North", 1), encoding="utf-8")
    overlay = page.locator("#site-build-error")
    overlay.wait_for(timeout=10_000)
    assert f"{SEED_ARTICLE_SLUG}.md:2" in overlay.inner_text()
    assert page.locator("h1").inner_text().startswith("North Korea"), "last good page stays up"
    path.write_text(
        good.replace("hailed the close ties", "hailed the mended ties"), encoding="utf-8"
    )
    page.get_by_text("hailed the mended ties").wait_for(timeout=10_000)
    assert page.locator("#site-build-error").count() == 0


def test_editing_entities_yml_changes_the_highlights(server: Server, site: SitePaths, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + ARTICLE)
    assert page.locator('[data-entity="special-services"]').count() == 0
    with site.entities_file.open("a", encoding="utf-8") as file:
        file.write("")
    text = site.entities_file.read_text(encoding="utf-8").replace(
        "entities:\n",
        "entities:\n  - id: special-services\n    name: special services\n    type: org\n",
        1,
    )
    site.entities_file.write_text(text, encoding="utf-8")
    page.locator('[data-entity="special-services"]').first.wait_for(timeout=10_000)


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fsite.yml",
        "/static/%2e%2e/%2e%2e/content/entities.yml",
        "/..%5c..%5cetc%5cpasswd",
        "/outside",
    ],
)
def test_paths_outside_the_site_get_404(server: Server, site: SitePaths, path: str) -> None:
    host, port = server.url.split("//")[1].split("/")[0].split(":")
    (site.output.parent / "secret.txt").write_text("secret")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    assert response.status == 404 and b"secret" not in response.read()


def _start(site: SitePaths) -> tuple[subprocess.Popen[str], str]:
    process, url, _ = start_preview(site.root)
    return process, url


def _get(url: str, path: str) -> int:
    host, port = url.split("//")[1].split("/")[0].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    connection.request("GET", path)
    return connection.getresponse().status


def test_symlinks_out_of_the_site_are_neither_published_nor_served(
    site: SitePaths, tmp_path: Path
) -> None:
    (site.root / "static").mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (site.root / "static" / "leak.txt").symlink_to(secret)
    process, url = _start(site)
    try:
        assert _get(url, "/static/site.css") == 200
        assert _get(url, "/static/leak.txt") == 404
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)
    build(site)
    assert not (site.output / "static" / "leak.txt").exists()


def test_serves_under_the_configured_sub_path(site: SitePaths) -> None:
    site.config_file.write_text("base_url: https://user.github.io/repo/\n", encoding="utf-8")
    process, url = _start(site)
    try:
        assert url.endswith("/repo/")
        assert _get(url, f"/repo/{ARTICLE}") == 200
        assert _get(url, f"/{ARTICLE}") == 404
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_sigint_stops_the_server_cleanly(server: Server) -> None:
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(timeout=10) == 0


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_server_started_in_the_background_stops_cleanly(site: SitePaths, stop: int) -> None:
    """A shell starts background jobs with SIGINT ignored; a process manager sends SIGTERM."""
    ignored = signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited by the child
    try:
        process, _, _ = start_preview(site.root)
    finally:
        signal.signal(signal.SIGINT, ignored)
    process.send_signal(stop)
    assert process.wait(timeout=10) == 0
