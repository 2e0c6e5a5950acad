"""The command line: help, exit codes, messages that name the file and line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from site_builder.paths import SitePaths

from .conftest import write_seed


@pytest.mark.parametrize("command", [[], ["build"], ["import"], ["check"]])
def test_help_for_every_command(run, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(*command, "--help")
    assert code == 0 and "usage: site-build" in out


def test_plain_site_build_builds(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("--root", str(site.root))
    assert code == 0 and "built 1 article" in out
    assert (site.output / "index.html").is_file()


def test_usage_errors_exit_2(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    assert run("--root", str(site.root), "frobnicate")[0] == 2
    assert run("--root", str(site.root / "missing"), "build")[0] == 2
    code, _, err = run("--root", str(site.root), "build", "--base-url", "not a url")
    assert code == 2 and "base_url" in err


def test_content_errors_exit_1_naming_every_file(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    write_seed(site, "a-empty.txt", "")
    write_seed(site, "b-untitled.txt", "\n\nNo title\n")
    for command in ("build", "check", "import"):
        code, _, err = run("--root", str(site.root), command)
        assert code == 1, command
        assert "a-empty.txt:1" in err and "b-untitled.txt:3" in err, command
        assert "Traceback" not in err


def test_check_passes_on_a_good_site(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    assert run("--root", str(site.root), "check")[0] == 0


def test_bad_entities_yml_names_the_line(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    site.entities_file.write_text(
        "entities:\n  - id: ok\n    name: OK\n    type: person\n"
        "  - id: Bad Id\n    name: X\n    type: thing\n",
        encoding="utf-8",
    )
    code, _, err = run("--root", str(site.root), "check")
    assert code == 1 and "entities.yml:5" in err


def test_console_script_runs_as_a_process(site: SitePaths) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "site_builder.cli", "--root", str(site.root), "build"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
