"""The same sources give the same bytes, whatever the process's string-hash seed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from site_builder.paths import SitePaths


def _build_with_hash_seed(site: SitePaths, seed: str, into: Path) -> dict[str, bytes]:
    copy = into / f"site-{seed}"
    shutil.copytree(site.root, copy)
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "site_builder.cli", "--root", str(copy), "build"],
        env=environment,
        check=True,
        capture_output=True,
    )
    output = copy / "dist"
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in output.rglob("*")
        if path.is_file() and "pagefind" not in path.parts
    }


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    site = SitePaths(tmp_path / "source")
    # "this week" and "Monday" are one week and a day of it: they tie when dates are sorted.
    site.articles.mkdir(parents=True, exist_ok=True)
    site.articles.joinpath("talks.md").write_text(
        "---\ntitle: Talks\ndate: 2024-10-08\n---\nThe talks this week began on Monday in Paris.\n",
        encoding="utf-8",
    )
    (site.root / "site.yml").write_text("search: false\n", encoding="utf-8")
    first = _build_with_hash_seed(site, "1", tmp_path)
    for other in ("2", "3", "4", "5"):
        second = _build_with_hash_seed(site, other, tmp_path)
        assert first.keys() == second.keys()
        assert [name for name in first if first[name] != second[name]] == []
