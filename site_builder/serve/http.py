"""The preview's HTTP side: files of the last good build, under the site's sub-path,
nothing outside it, a reload script in every page, and a stream of build events.

Safe on a developer's machine: only GET and HEAD (anything else is 405); a Host header
that names neither this machine nor the bound address is refused, so a web page that
rebinds its own domain name to 127.0.0.1 cannot read the preview; stalled connections
time out, and at most MAX_CONNECTIONS are served at once (more get 503 at once).

This module is below serve.py: it knows the preview only through `PreviewSite`.
"""

from __future__ import annotations

import contextlib
import http.server
import ipaddress
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

PREFIX = "/__site-build/"
MAX_CONNECTIONS = 64
TIMEOUT_SECONDS = 10.0  # a client that sends or reads nothing for this long is dropped
MAX_SEGMENT = 255  # no file system has longer names
_LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
_RELOAD_SCRIPT = (Path(__file__).parent / "preview_reload.js").read_text(encoding="utf-8")
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".wasm": "application/wasm",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
}


@dataclass
class BuildStatus:
    """Shared by the builder and the request threads."""

    number: int = 0
    errors: list[dict[str, object]] | None = None
    changed: threading.Condition = field(default_factory=threading.Condition)
    ready: threading.Lock = field(default_factory=threading.Lock)


class PreviewSite(Protocol):
    """What the HTTP side needs of the preview (serve.Preview)."""

    site: Path
    base_path: str
    status: BuildStatus
    stop: threading.Event


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # A burst of connections waits in the kernel's queue to be accepted (and, beyond the
    # cap, answered 503) instead of overflowing the default queue of 5 and being retried.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], preview: PreviewSite):
        self.preview = preview
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, _Handler)
        self.bound_host = address[0]

    def shutdown_requests(self) -> None:
        self.preview.stop.set()
        with self.preview.status.changed:
            self.preview.status.changed.notify_all()

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread per connection, up to MAX_CONNECTIONS; beyond, 503 at once."""
        if not self._slots.acquire(blocking=False):
            with contextlib.suppress(OSError):  # the client is gone or stalled
                request.settimeout(1)
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n"
                    b"Content-Length: 0\r\nConnection: close\r\n\r\n"
                )
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()  # no thread was started to release it
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def allows_host(self, header: str | None) -> bool:
        """Whether a request's Host header names this server (DNS rebinding guard)."""
        if header is None:
            return True  # HTTP/1.0 without Host: no browser sends that
        parts = urlsplit(f"//{header}")
        try:
            port = parts.port
        except ValueError:
            return False
        if parts.hostname is None or port != self.server_address[1]:
            return False
        name = parts.hostname.lower()
        if name in _LOCAL_NAMES or name == self.bound_host.lower().strip("[]"):
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False  # a domain name that is not ours: maybe rebound to us
        # An address typed by hand; a rebinding attack needs a domain name. Only when
        # bound to all interfaces can another address reach this server at all.
        return self.bound_host in ("", "0.0.0.0", "::")


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    timeout = TIMEOUT_SECONDS

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _refuse_method(self) -> None:
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # Every other method: 405, not the standard library's 501.
    def do_OPTIONS(self) -> None:
        self._refuse_method()

    def do_POST(self) -> None:
        self._refuse_method()

    def do_PUT(self) -> None:
        self._refuse_method()

    def do_DELETE(self) -> None:
        self._refuse_method()

    def do_PATCH(self) -> None:
        self._refuse_method()

    def _serve(self, head: bool) -> None:
        try:
            self._answer(head)
        except (ConnectionError, TimeoutError):
            self.close_connection = True  # the client went away or stalled
        except Exception as error:  # a bug must not cost more than this one request
            self.close_connection = True
            self.log_error("preview: %r", error)
            with contextlib.suppress(OSError):  # the client may be gone: nothing to tell it
                self._send(500, b"Internal error in site-build's preview", "text/plain", head)

    def _answer(self, head: bool) -> None:
        preview = self.server.preview
        if not self.server.allows_host(self.headers.get("Host")):
            self._send(403, b"Unknown Host header", "text/plain; charset=utf-8", head)
            return
        url = urlsplit(self.path)
        if url.path == PREFIX + "events":
            since = _since(url.query)
            if since is None:
                self._send(400, b"'since' must be a build number", "text/plain", head)
            elif head:
                self._send(200, b"", "text/event-stream", head)
            else:
                self._events(since)
            return
        if url.path == PREFIX + "reload.js":
            self._send(200, _RELOAD_SCRIPT.encode(), "text/javascript", head)
            return
        with preview.status.ready:  # wait for a running build to finish
            base = preview.base_path
        if url.path in ("", "/") and base != "/":
            self.send_response(302)
            self.send_header("Location", base)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        target = self._resolve(url.path, base)
        if target is None:
            self._not_found(head)
            return
        content_type = _TYPES.get(target.suffix, "application/octet-stream")
        self._send(200, self._body(target), content_type, head)

    def _resolve(self, raw_path: str, base: str) -> Path | None:
        """The file for a URL path, or None for anything outside the site."""
        path = unquote(raw_path)
        if "\x00" in path or "\\" in path or not path.startswith(base):
            return None
        parts = path[len(base) :].split("/")
        if any(part in ("..", ".") or len(part.encode()) > MAX_SEGMENT for part in parts):
            return None
        root = self.server.preview.site.resolve()
        candidate = root.joinpath(*[part for part in parts if part])
        try:
            if raw_path.endswith("/") or candidate.is_dir():
                candidate = candidate / "index.html"
            resolved = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if root not in resolved.parents or not resolved.is_file():
            return None  # a symlink that leads out of the site
        return resolved

    def _body(self, target: Path) -> bytes:
        data = target.read_bytes()
        if target.suffix != ".html":
            return data
        number = self.server.preview.status.number
        tag = f'<script src="{PREFIX}reload.js" data-build="{number}"></script>'.encode()
        marker = data.rfind(b"</body>")
        return data[:marker] + tag + data[marker:] if marker >= 0 else data + tag

    def _not_found(self, head: bool) -> None:
        page = self.server.preview.site / "404.html"
        body = self._body(page) if page.is_file() else b"Not found"
        self._send(404, body, "text/html; charset=utf-8", head)

    def _send(self, code: int, body: bytes, content_type: str, head: bool = False) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self, since: int) -> None:
        status = self.server.preview.status
        stop = self.server.preview.stop
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        with status.changed:
            number, errors = status.number, status.errors
        if errors:  # a page opened after a failed build still shows the error
            self._event("failed", number, errors)
            since = number
        while not stop.is_set():
            with status.changed:
                if status.number == since:
                    status.changed.wait(timeout=TIMEOUT_SECONDS / 2)
                number, errors = status.number, status.errors
            if number == since:
                self.wfile.write(b": waiting\n\n")  # a client gone is noticed here
                self.wfile.flush()
                continue
            since = number
            self._event("failed" if errors else "reload", number, errors)

    def _event(self, kind: str, number: int, errors: object) -> None:
        payload = json.dumps({"build": number, "errors": errors})
        self.wfile.write(f"event: {kind}\ndata: {payload}\n\n".encode())
        self.wfile.flush()


def _since(query: str) -> int | None:
    """The `since` build number of an events request; None when it is not one."""
    values = parse_qs(query).get("since") or ["0"]
    text = values[0] or "0"
    if not text.isdigit() or len(text) > 18:
        return None
    return int(text)
