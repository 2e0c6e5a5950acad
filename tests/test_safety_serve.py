"""`serve` never dies and serves only what it should: failed rebuilds (of any kind) are
shown and recovered from, HEAD works, other methods are 405, foreign Host headers are
refused, bad requests are 400/404, stalled connections time out, connections are capped."""

from __future__ import annotations

import ast
import concurrent.futures
import contextlib
import http.client
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import site_builder.serve.server
from site_builder.engine.build import build
from site_builder.paths import SitePaths
from site_builder.serve import http as preview_http
from site_builder.serve.http import BuildStatus, PreviewServer
from site_builder.serve.server import Preview

from .conftest import SEED_ARTICLE_SLUG
from .serving import start_preview

ARTICLE = f"articles/{SEED_ARTICLE_SLUG}/"


@dataclass
class _FakePreview:
    site: Path
    base_path: str = "/"
    status: BuildStatus = field(default_factory=BuildStatus)
    stop: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[tuple[str, int, PreviewServer]]:
    """The preview's HTTP side, in this process, over a tiny site."""
    (tmp_path / "index.html").write_text("<html><body>home</body></html>")
    preview = _FakePreview(tmp_path)
    server = PreviewServer(("127.0.0.1", 0), preview)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield "127.0.0.1", server.server_address[1], server
    finally:
        server.shutdown_requests()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _request(
    host: str, port: int, method: str, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(host, port, timeout=5)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def test_head_is_answered_without_a_body(http_server) -> None:  # type: ignore[no-untyped-def]
    host, port, _ = http_server
    code, headers, body = _request(host, port, "HEAD", "/")
    assert code == 200 and body == b""
    assert int(headers["Content-Length"]) == len(_request(host, port, "GET", "/")[2]) > 0
    assert _request(host, port, "HEAD", "/missing")[0] == 404


@pytest.mark.parametrize("method", ["OPTIONS", "POST", "PUT", "DELETE", "PATCH"])
def test_other_methods_are_405(http_server, method: str) -> None:  # type: ignore[no-untyped-def]
    host, port, _ = http_server
    code, headers, _ = _request(host, port, method, "/")
    assert code == 405 and headers["Allow"] == "GET, HEAD"


@pytest.mark.parametrize(
    ("host_header", "allowed"),
    [
        ("127.0.0.1:{port}", True),
        ("localhost:{port}", True),
        ("LOCALHOST:{port}", True),
        ("[::1]:{port}", True),
        ("evil.example:{port}", False),  # a rebound domain name
        ("localhost.evil.example:{port}", False),
        ("127.0.0.1:1", False),  # another port
        ("127.0.0.1", False),
        ("127.0.0.1:abc", False),
        ("10.0.0.5:{port}", False),  # an address this server is not bound to
    ],
)
def test_host_header_must_name_this_server(http_server, host_header: str, allowed: bool) -> None:  # type: ignore[no-untyped-def]
    host, port, _ = http_server
    code, _, body = _request(host, port, "GET", "/", {"Host": host_header.format(port=port)})
    assert (code == 200) == allowed, (host_header, code)
    if not allowed:
        assert code == 403 and b"home" not in body


@pytest.mark.parametrize("query", ["since=abc", "since=-1", "since=1e9", "since=" + "9" * 40])
def test_bad_query_values_are_400(http_server, query: str) -> None:  # type: ignore[no-untyped-def]
    host, port, _ = http_server
    assert _request(host, port, "GET", f"/__site-build/events?{query}")[0] == 400


def test_a_path_segment_over_255_characters_is_404_and_the_server_lives(http_server) -> None:  # type: ignore[no-untyped-def]
    host, port, _ = http_server
    for path in ["/" + "a" * 300, "/" + "a" * 300 + "/", "/x/" + "%41" * 4000 + "/index.html"]:
        assert _request(host, port, "GET", path)[0] == 404
    assert _request(host, port, "GET", "/")[0] == 200


def test_stalled_connections_time_out(http_server, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(preview_http._Handler, "timeout", 0.3)
    host, port, _ = http_server
    stalled = socket.create_connection((host, port))
    stalled.sendall(b"GET / HTTP/1.1\r\n")  # and then nothing more
    stalled.settimeout(5)
    started = time.monotonic()
    assert stalled.recv(100) == b"", "the server closed the stalled connection"
    assert time.monotonic() - started < 3
    stalled.close()


def test_connections_are_capped_and_the_rest_get_503(
    http_server, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    host, port, _ = http_server
    threads_before = threading.active_count()
    idle = [socket.create_connection((host, port)) for _ in range(preview_http.MAX_CONNECTIONS)]
    refused = False
    deadline = time.monotonic() + 10
    while not refused and time.monotonic() < deadline:
        extra = socket.create_connection((host, port))
        extra.settimeout(0.5)
        with contextlib.suppress(TimeoutError):  # not every slot was taken yet
            refused = extra.recv(100).startswith(b"HTTP/1.1 503")
        idle.append(extra)
    assert refused, "a connection beyond the cap is answered 503 at once"
    assert threading.active_count() <= threads_before + preview_http.MAX_CONNECTIONS
    for connection in idle:
        connection.close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            if _request(host, port, "GET", "/")[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.1)
    assert _request(host, port, "GET", "/")[0] == 200


def test_any_exception_in_a_rebuild_is_shown_and_the_watcher_keeps_going(
    site: SitePaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(site)
    logged: list[str] = []
    preview = Preview(site, logged.append)
    real_build = site_builder.serve.server.build
    calls = {"count": 0}

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls["count"] += 1
        if calls["count"] == 2:
            raise RuntimeError("something unforeseen")
        if calls["count"] == 3:
            raise IsADirectoryError(21, "Is a directory", str(site.entities_file))
        return real_build(*args, **kwargs)

    monkeypatch.setattr(site_builder.serve.server, "build", flaky)
    try:
        preview.start()
        assert preview.status.errors is None
        article = site.articles / f"{SEED_ARTICLE_SLUG}.md"
        for expected in ("internal error: RuntimeError: something unforeseen", "Is a directory"):
            number = preview.status.number
            article.write_text(article.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
            _wait(lambda before=number: preview.status.number > before)  # type: ignore[misc]
            assert preview.status.errors is not None
            assert expected in str(preview.status.errors[0]["message"])
        assert any("please report this" in line for line in logged)
        number = preview.status.number
        article.write_text(article.read_text(encoding="utf-8") + "\nFixed.\n", encoding="utf-8")
        _wait(lambda: preview.status.number > number)
        assert preview.status.errors is None, "the next save builds again"
        assert "Fixed." in (preview.site / ARTICLE / "index.html").read_text()
    finally:
        preview.close()


def _wait(condition: Any, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert condition()


def _preview_folders() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("site-build-preview-*")}


def test_a_failed_bind_is_a_message_and_leaves_no_temporary_folder(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    before = _preview_folders()
    try:
        port = busy.getsockname()[1]
        code, _, err = run("--root", str(site.root), "serve", "--port", str(port))
    finally:
        busy.close()
        for number, handler in handlers.items():
            signal.signal(number, handler)
    assert code == 2 and f"cannot serve on 127.0.0.1:{port}: Address already in use" in err
    assert _preview_folders() == before
    assert not site.output.exists() and not site.articles.exists()


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_a_port_out_of_range_is_a_usage_error(run, site: SitePaths, port: str) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("--root", str(site.root), "serve", "--port", port)
    assert code == 2 and "is not a port" in err and "Traceback" not in err


def test_an_os_error_from_content_at_start_up_is_reported_truly(site: SitePaths) -> None:
    site.entities_file.unlink()
    site.entities_file.mkdir()
    process, url, lines = start_preview(site.root)
    try:
        assert url.startswith("http://127.0.0.1:")
        said = "\n".join(lines)
        assert "entities.yml" in said and ("not a folder" in said or "Is a directory" in said)
        assert "cannot serve" not in said
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_preview_http_does_not_import_serve() -> None:
    source = Path(preview_http.__file__).read_text(encoding="utf-8")
    imported = {
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not any(name.endswith("serve") for name in imported), imported


@dataclass
class _Server:
    process: subprocess.Popen[str]
    url: str
    lines: list[str]


@pytest.fixture
def served(site: SitePaths) -> Iterator[_Server]:
    # In a thread: Playwright's event loop may already run in this one (search uses asyncio).
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(build, site).result()
    process, url, lines = start_preview(site.root)
    reader = threading.Thread(
        target=lambda: lines.extend(x.strip() for x in process.stdout or []), daemon=True
    )
    reader.start()
    yield _Server(process, url, lines)
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


@pytest.mark.browser
def test_a_date_typo_under_serve_shows_in_the_overlay_and_the_next_save_fixes_it(
    served: _Server, site: SitePaths, page
) -> None:  # type: ignore[no-untyped-def]
    page.goto(served.url + ARTICLE)
    path = site.articles / f"{SEED_ARTICLE_SLUG}.md"
    good = path.read_text(encoding="utf-8")
    line = next(n for n, x in enumerate(good.split("\n"), 1) if x.startswith("date:"))
    path.write_text(good.replace("date: 2024-11-01", "date: 2024-13-45"), encoding="utf-8")
    overlay = page.locator("#site-build-error")
    overlay.wait_for(timeout=10_000)
    assert f"{SEED_ARTICLE_SLUG}.md:{line}: invalid YAML: '2024-13-45' is not a valid date" in (
        overlay.inner_text()
    )
    path.write_text(
        good.replace("hailed the close ties", "hailed the dated ties"), encoding="utf-8"
    )
    page.get_by_text("hailed the dated ties").wait_for(timeout=10_000)
    assert page.locator("#site-build-error").count() == 0
    # and again: the watcher survived both
    path.write_text(good.replace("date: 2024-11-01", "date: 2024-02-30"), encoding="utf-8")
    page.locator("#site-build-error").wait_for(timeout=10_000)
    path.write_text(good, encoding="utf-8")
    page.get_by_text("hailed the close ties").wait_for(timeout=10_000)
    assert served.process.poll() is None
