"""Throughput and peak memory of the name matcher with a 100,000-entry knowledge base.

    python bench/matcher.py [--entries 100000] [--megabytes 20]

The knowledge base is generated (people, organisations, places, with aliases); the text is
news prose from ../shared/bench/gen_corpus.py when it is there, else a built-in sample,
with names of the knowledge base mixed in. Target: >= 20 MB/s and <= 150 MB.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

from site_builder.annotate.matcher import NameMatcher

REPO = Path(__file__).resolve().parent.parent
SYLLABLES = "ka ri to mel an sor vi len dra bor tes qu fin gal ro ne sha ul pet mar co dun".split()


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def knowledge_base(entries: int) -> list[tuple[str, str]]:
    rng = random.Random(7)
    forms: list[tuple[str, str]] = []
    tails = ["Group", "Bank", "Holdings", "Institute", "Council", "Authority"]
    for index in range(entries):
        kind = index % 3
        if kind == 0:
            name = f"{_word(rng)} {_word(rng)}"
            forms += [(name, f"e{index}"), (name.split()[1], f"e{index}")]
        elif kind == 1:
            forms.append((f"{_word(rng)} {rng.choice(tails)}", f"e{index}"))
        else:
            forms.append((_word(rng), f"e{index}"))
    return forms


def sample_text(megabytes: float, forms: list[tuple[str, str]]) -> str:
    sys.path.insert(0, str(REPO.parent / "shared" / "bench"))
    rng = random.Random(11)
    try:
        import gen_corpus  # type: ignore[import-not-found]

        paragraphs = [gen_corpus.make_article(gen_corpus.POOL_SEED, i)["body"] for i in range(200)]
    except (ImportError, AttributeError, KeyError, TypeError):
        paragraphs = [
            "Officials in the capital said on Friday that the agreement, worth "
            "$3 billion, would be signed next month after talks with the ministry."
        ] * 50
    names = [form for form, _ in forms[:5000]]
    pieces: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        paragraph = rng.choice(paragraphs) + f" {rng.choice(names)} said so in {rng.choice(names)}."
        pieces.append(paragraph)
        size += len(paragraph)
    return "\n\n".join(pieces)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--megabytes", type=float, default=20)
    args = parser.parse_args()
    forms = knowledge_base(args.entries)
    text = sample_text(args.megabytes, forms)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    matcher = NameMatcher(forms)
    built = time.perf_counter() - started
    started = time.perf_counter()
    hits = 0
    for paragraph in text.split("\n\n"):
        hits += len(matcher.find(paragraph))
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    megabytes = len(text.encode("utf-8")) / 1_000_000
    print(f"knowledge base: {args.entries:,} entries, {len(forms):,} names and aliases")
    print(f"automaton built in {built:.2f} s")
    print(f"text: {megabytes:.1f} MB, {hits:,} matches")
    print(f"throughput: {megabytes / elapsed:.1f} MB/s")
    print(f"peak memory: {peak:.0f} MB (process), of which {peak - baseline:.0f} MB after setup")


if __name__ == "__main__":
    main()
