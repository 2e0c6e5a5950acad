"""A progress line for long builds: on a terminal only, never in CI or when piped."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

QUIET_FOR_SECONDS = 1.0  # short builds print nothing but their summary


class Progress:
    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.enabled = self.stream.isatty() and not os.environ.get("CI")
        self.shown = False

    def __call__(self, message: str) -> None:
        if not self.enabled or time.monotonic() - self.started < QUIET_FOR_SECONDS:
            return
        elapsed = time.monotonic() - self.started
        self.stream.write(f"\r\x1b[K{elapsed:5.1f} s  {message}")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
