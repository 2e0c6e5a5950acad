"""The build's progress line: only on a terminal, only for long builds, never in CI."""

from __future__ import annotations

import io

import pytest

from site_builder.engine import progress as progress_module
from site_builder.engine.progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_piped_output_stays_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(progress_module, "QUIET_FOR_SECONDS", 0.0)
    stream = io.StringIO()
    Progress(stream)("annotating")
    assert stream.getvalue() == ""


def test_terminal_shows_progress_after_a_second_but_not_in_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    terminal = _Terminal()
    quick = Progress(terminal)
    quick("importing seeds")
    assert terminal.getvalue() == "", "builds shorter than a second print nothing"
    monkeypatch.setattr(progress_module, "QUIET_FOR_SECONDS", 0.0)
    slow = Progress(terminal)
    slow("annotating and rendering 5000 of 5000 articles")
    assert "annotating and rendering 5000" in terminal.getvalue()
    slow.done()
    assert terminal.getvalue().endswith("\r\x1b[K")
    monkeypatch.setenv("CI", "true")
    ci_terminal = _Terminal()
    Progress(ci_terminal)("importing seeds")
    assert ci_terminal.getvalue() == ""
