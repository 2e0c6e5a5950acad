"""`site-build serve`: build, serve, watch, rebuild, reload the browser.

Written on the standard library and watchfiles (as MkDocs did when it dropped the
`livereload` package, which drops reloads within seconds of the last one and rebuilds once
per changed file): saves that come close together form one burst and cause one rebuild;
a save during a build causes one more; requests wait while a build runs, so a
half-written site is never served; a failed build keeps the last good pages up and shows
its error in the browser and the terminal, and the next good save clears it.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import signal
import tempfile
import threading
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path

import watchfiles

from ..engine.build import BuildOptions, build
from ..engine.state import BuildState
from ..errors import ContentErrors, SiteBuilderError, UsageError
from ..paths import SitePaths
from ..sources.config import load_config
from .http import BuildStatus, PreviewServer

SETTLE_SECONDS = 0.08  # saves closer together than this are one burst
MAX_BURST_SECONDS = 1.5  # ...but a build starts at the latest this long after the first
POLL_SECONDS = 0.1  # site.yml sits in the site's root, which is not watched recursively
WATCH_READY_MS = 200  # the watcher says it is watching at the latest this long after it starts


class Preview:
    def __init__(self, paths: SitePaths, log: Callable[[str], None] | None = None):
        self.paths = paths
        self.log = log or (lambda message: print(message, flush=True))
        self.status = BuildStatus()
        self.folder = Path(tempfile.mkdtemp(prefix="site-build-preview-"))
        self.site = self.folder / "site"
        self.stop = threading.Event()
        self.base_path = "/"
        self.builds = 0
        self._changes: queue.Queue[str] = queue.Queue()
        self._own_writes: dict[Path, float] = {}
        self.state = BuildState()
        self._threads: list[threading.Thread] = []
        self._watching = threading.Event()

    def rebuild(self, changed: set[str] | None = None) -> None:
        started = time.perf_counter()
        with self.status.ready:  # requests wait while the site is rewritten
            self.builds += 1
            try:
                self.base_path = load_config(self.paths.config_file).base_path
                # Search as site.yml says: an edit re-indexes only the shards it touched.
                seeds_changed = changed is None or any(
                    Path(path).is_relative_to(self.paths.seeds) for path in changed
                )
                options = BuildOptions(
                    output=self.site,
                    search=None,
                    import_seeds=seeds_changed,
                )
                result, report = build(self.paths, options, state=self.state)
            except Exception as error:  # whatever fails, the preview lives on
                problems = _problems(error)
                for problem in problems:
                    self.log(f"error: {problem}")
                self._publish([_describe(problem) for problem in problems])
                return
            for warning in report.warnings:
                self.log(f"warning: {warning}")
            own = [*report.written, self.paths.entities_file, self.paths.import_manifest]
            self._own_writes = {path: _mtime(path) for path in own}
        self._publish(None)
        elapsed = (time.perf_counter() - started) * 1000
        self.log(
            f"rebuilt {result.articles} articles, wrote {result.pages} files in {elapsed:.0f} ms"
        )

    def _publish(self, errors: list[dict[str, object]] | None) -> None:
        with self.status.changed:
            self.status.number += 1
            self.status.errors = errors
            self.status.changed.notify_all()

    def start(self) -> None:
        """First build, then the watchers and the builder in background threads; returns
        once the folders are watched, so that no save after it goes unseen."""
        self.rebuild()
        for target in (self._watch_folders, self._poll_config, self._build_on_change):
            thread = threading.Thread(target=target, name=target.__name__, daemon=True)
            thread.start()
            self._threads.append(thread)
        self._watching.wait(timeout=10)

    def _watch_folders(self) -> None:
        folders = [
            p
            for p in (
                self.paths.seeds,
                self.paths.content,
                self.paths.root / "templates",
                self.paths.root / "static",
            )
            if p.is_dir()
        ]
        if not folders:
            self._watching.set()
            return
        # The first answer (changes, or none within WATCH_READY_MS) comes from a watcher
        # that is in place: only then does start() return.
        for changes in watchfiles.watch(
            *folders,
            stop_event=self.stop,
            step=10,
            debounce=50,
            rust_timeout=WATCH_READY_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
        ):
            self._watching.set()
            for _, path in changes:
                if not Path(path).name.startswith("."):  # editors' swap files, our temp files
                    self._changes.put(path)

    def _poll_config(self) -> None:
        last = _signature(self.paths.config_file)
        while not self.stop.wait(POLL_SECONDS):
            current = _signature(self.paths.config_file)
            if current != last:
                last = current
                self._changes.put(str(self.paths.config_file))

    def _build_on_change(self) -> None:
        while not self.stop.is_set():
            try:
                first = self._changes.get(timeout=0.2)
            except queue.Empty:
                continue
            burst = {first}
            deadline = time.monotonic() + MAX_BURST_SECONDS
            while time.monotonic() < deadline:
                try:
                    burst.add(self._changes.get(timeout=SETTLE_SECONDS))
                except queue.Empty:
                    break
            if not self.stop.is_set() and not self._only_own_writes(burst):
                self.rebuild(burst)  # never raises: a failed build is shown, not fatal

    def _only_own_writes(self, paths: set[str]) -> bool:
        """Import writes content files during a build; those must not start another one."""
        return all(self._own_writes.get(Path(path), -2.0) == _mtime(Path(path)) for path in paths)

    def close(self) -> None:
        self.stop.set()
        with self.status.changed:
            self.status.changed.notify_all()
        for thread in self._threads:
            thread.join(timeout=5)
        shutil.rmtree(self.folder, ignore_errors=True)


def serve(paths: SitePaths, host: str, port: int, open_browser: bool) -> None:
    # Ctrl-C, and SIGTERM from a process manager, stop the server cleanly, also when a
    # shell started it in the background (with SIGINT ignored).
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.default_int_handler)
    preview = Preview(paths)
    try:
        server = PreviewServer((host, port), preview)
    except (OSError, OverflowError) as error:
        preview.close()  # its temporary folder too
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise UsageError(f"cannot serve on {host}:{port}: {reason}") from None
    try:
        preview.start()
        url = f"http://{host}:{server.server_address[1]}{preview.base_path}"
        print(f"serving {paths.root} at {url} (Ctrl-C to stop)", flush=True)
        if open_browser:
            webbrowser.open(url)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("stopping", flush=True)
    finally:
        server.shutdown_requests()
        server.server_close()
        preview.close()


def _mtime(path: Path) -> float:
    with contextlib.suppress(OSError):
        return path.stat().st_mtime
    return -1.0


def _signature(path: Path) -> tuple[float, int]:
    with contextlib.suppress(OSError):
        info = path.stat()
        return info.st_mtime, info.st_size
    return -1.0, -1


def _problems(error: Exception) -> list[SiteBuilderError]:
    """What a failed build says, as messages with their file and line where known."""
    if isinstance(error, ContentErrors):
        return list(error.errors)
    if isinstance(error, SiteBuilderError):
        return [error]
    if isinstance(error, OSError):
        return [SiteBuilderError(error.strerror or str(error), path=error.filename)]
    return [
        SiteBuilderError(
            f"internal error: {type(error).__name__}: {error} - this is a bug in site-build, "
            "please report this"
        )
    ]


def _describe(error: SiteBuilderError) -> dict[str, object]:
    return {
        "file": str(error.path) if error.path else None,
        "line": error.line,
        "message": error.message,
    }
