"""One-article edits as `site-build serve` rebuilds them: in process, state in memory.

    python bench/serve_edits.py SITE [--runs 3] [--search]

SITE is an imported site (for example the one bench/run.py leaves under its work
folder). Builds it once into a temporary output with a state kept in memory, as the
preview does, then times the rebuild after each kind of edit of bench/run.py (typo, new
entity, title, date, new article, deleted article, no change), restoring the article
after each round. Prints medians (min-max) in milliseconds. The browser's share (the
reload and paint, about 30-60 ms) is measured by bench/serve_latency.py.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from run import EDITS, edit  # noqa: E402

from site_builder.engine.build import BuildOptions, build  # noqa: E402
from site_builder.engine.state import BuildState  # noqa: E402
from site_builder.paths import SitePaths  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--search", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="serve-edits-"))
    site = work / "site"
    shutil.copytree(args.site / "content", site / "content")
    (site / "site.yml").write_text(
        f"title: Bench\nsearch: {'true' if args.search else 'false'}\n", encoding="utf-8"
    )
    paths = SitePaths(site)
    options = BuildOptions(output=work / "dist", import_seeds=False)
    state = BuildState()
    started = time.perf_counter()
    build(paths, options, state)
    print(f"first build: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    article = sorted(paths.articles.glob("*.md"))[len(list(paths.articles.glob("*.md"))) // 2]
    original = article.read_text(encoding="utf-8")
    times: dict[str, list[float]] = {kind: [] for kind in EDITS}
    number = 0
    for _ in range(args.runs):
        for kind in EDITS:
            number += 1
            edit(site, article, kind, number)
            started = time.perf_counter()
            build(paths, options, state)
            times[kind].append((time.perf_counter() - started) * 1000)
        article.write_text(original, encoding="utf-8")
        build(paths, options, state)
    print(f"| articles | {' | '.join(EDITS)} |")
    print("|---" * (len(EDITS) + 1) + "|")
    cells = [f"{statistics.median(v):.0f} ms ({min(v):.0f}-{max(v):.0f})" for v in times.values()]
    count = len(list(paths.articles.glob("*.md")))
    print(f"| {count:,} | {' | '.join(cells)} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
