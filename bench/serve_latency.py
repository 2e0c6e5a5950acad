"""Save-to-browser latency of `site-build serve` on a generated site.

    python bench/serve_latency.py [--articles 1000] [--edits 10]

Generates the site with ../shared/bench/gen_corpus.py, imports it, starts the preview
server, opens an article in Chromium, then repeatedly edits that article's Markdown and
measures the time from the save to the browser showing the new text. Also prints the
server's own rebuild times. Target: <= 300 ms at 1,000 articles.
"""

from __future__ import annotations

import argparse
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.serving import CHROMIUM_ARGS, start_preview  # noqa: E402

GENERATOR = REPO.parent / "shared" / "bench" / "gen_corpus.py"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    subprocess.run(
        [
            sys.executable,
            str(GENERATOR),
            "--n",
            str(args.articles),
            "--layout",
            "seeds",
            "--out",
            str(root),
        ],
        check=True,
        capture_output=True,
    )
    (root / "site.yml").write_text("title: Bench\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "site_builder.cli", "--root", str(root), "import"],
        check=True,
        capture_output=True,
    )
    server, url, lines = start_preview(root)
    threading.Thread(target=lambda: lines.extend(server.stdout or []), daemon=True).start()
    article = sorted((root / "content" / "articles").glob("*.md"))[len(lines) % 7]
    latencies = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            page = browser.new_page()
            page.goto(f"{url}articles/{article.stem}/")
            for number in range(args.edits):
                text = article.read_text(encoding="utf-8")
                marker = f"Latency marker {number} here."
                started = time.perf_counter()
                article.write_text(text.rstrip() + f"\n\n{marker}\n", encoding="utf-8")
                page.get_by_text(marker).wait_for(timeout=30_000)
                latencies.append((time.perf_counter() - started) * 1000)
                time.sleep(0.3)
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    rebuilds = [float(m.group(1)) for line in lines if (m := re.search(r"in (\d+) ms", line))]
    print(f"site: {args.articles} articles; {args.edits} edits of one article")
    print(f"first build: {rebuilds[0]:.0f} ms")
    print(
        f"rebuild inside serve: median {statistics.median(rebuilds[1:]):.0f} ms "
        f"(min {min(rebuilds[1:]):.0f}, max {max(rebuilds[1:]):.0f})"
    )
    print(
        f"save -> browser shows it: median {statistics.median(latencies):.0f} ms "
        f"(min {min(latencies):.0f}, max {max(latencies):.0f})"
    )


if __name__ == "__main__":
    main()
