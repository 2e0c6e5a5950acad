"""The preview's HTTP side: files of the last good build, under the site's sub-path,
nothing outside it, a reload script in every page, and a stream of build events."""

from __future__ import annotations

import http.server
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

if TYPE_CHECKING:
    from .serve import Preview

PREFIX = "/__site-build/"
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


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview: Preview):
        self.preview = preview
        super().__init__(address, _Handler)

    def shutdown_requests(self) -> None:
        self.preview.stop.set()
        with self.preview.status.changed:
            self.preview.status.changed.notify_all()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        preview = self.server.preview
        url = urlsplit(self.path)
        if url.path == PREFIX + "events":
            self._events(int((parse_qs(url.query).get("since") or ["0"])[0] or 0))
            return
        if url.path == PREFIX + "reload.js":
            self._send(200, _RELOAD_SCRIPT.encode(), "text/javascript")
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
            self._not_found()
            return
        self._send(200, self._body(target), _TYPES.get(target.suffix, "application/octet-stream"))

    def _resolve(self, raw_path: str, base: str) -> Path | None:
        """The file for a URL path, or None for anything outside the site."""
        path = unquote(raw_path)
        if "\x00" in path or "\\" in path or not path.startswith(base):
            return None
        parts = path[len(base) :].split("/")
        if any(part in ("..", ".") for part in parts):
            return None
        root = self.server.preview.site.resolve()
        candidate = root.joinpath(*[part for part in parts if part])
        if raw_path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        try:
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

    def _not_found(self) -> None:
        page = self.server.preview.site / "404.html"
        body = self._body(page) if page.is_file() else b"Not found"
        self._send(404, body, "text/html; charset=utf-8")

    def _send(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
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
        try:
            with status.changed:
                number, errors = status.number, status.errors
            if errors:  # a page opened after a failed build still shows the error
                self._event("failed", number, errors)
                since = number
            while not stop.is_set():
                with status.changed:
                    if status.number == since:
                        status.changed.wait(timeout=10)
                    number, errors = status.number, status.errors
                if number == since:
                    self.wfile.write(b": waiting\n\n")
                    self.wfile.flush()
                    continue
                since = number
                self._event("failed" if errors else "reload", number, errors)
        except (BrokenPipeError, ConnectionResetError):
            return

    def _event(self, kind: str, number: int, errors: object) -> None:
        payload = json.dumps({"build": number, "errors": errors})
        self.wfile.write(f"event: {kind}\ndata: {payload}\n\n".encode())
        self.wfile.flush()
