"""Print precision and recall of entity annotation on the hand-annotated corpus and the seed.

python bench/quality.py [--misses] [--conll valid|train] [--spacy PYTHON]

--conll also scores CoNLL-2003 English (fetched at run time; see bench/conll.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from site_builder.commands.quality import corpus_pairs, evaluate
from site_builder.sources.knowledge import EMPTY_KNOWLEDGE_BASE, load_knowledge_base

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true", help="list every miss and false hit")
    parser.add_argument("--conll", choices=("valid", "train"), help="also score CoNLL-2003")
    parser.add_argument("--spacy", metavar="PYTHON", help="with --conll: spaCy side by side")
    args = parser.parse_args()
    unseen = evaluate(corpus_pairs(REPO / "tests" / "corpus"), EMPTY_KNOWLEDGE_BASE, discover=True)
    print("Development corpus, tests/corpus (empty knowledge base, discovery at import):\n")
    print(unseen.table())
    holdout_pairs = corpus_pairs(REPO / "tests" / "holdout")
    holdout = evaluate(holdout_pairs, EMPTY_KNOWLEDGE_BASE, discover=True)
    print("\nHeld-out corpus, tests/holdout (empty knowledge base, discovery at import):\n")
    print(holdout.table())
    news = evaluate(corpus_pairs(REPO / "tests" / "news"), EMPTY_KNOWLEDGE_BASE, discover=True)
    print("\nNew kinds of news, tests/news (empty knowledge base, discovery at import):\n")
    print(news.table())
    seed_pairs = [
        (REPO / "seeds" / "000_e588548092be8d5c.txt", REPO / "tests" / "data" / "seed.gold.yml")
    ]
    curated = evaluate(
        seed_pairs, load_knowledge_base(REPO / "content" / "entities.yml"), discover=False
    )
    print("\nThe seed with its curated knowledge base:\n")
    print(curated.table())
    seed_unseen = evaluate(seed_pairs, EMPTY_KNOWLEDGE_BASE, discover=True)
    print("\nThe seed with an empty knowledge base (discovery only):\n")
    print(seed_unseen.table())
    if args.misses:
        for label, scores in (
            ("corpus", unseen),
            ("holdout", holdout),
            ("news", news),
            ("seed, discovery only", seed_unseen),
        ):
            print(f"\n{label} misses:", *scores.misses, sep="\n  ")
            print(f"{label} false hits:", *scores.false_hits, sep="\n  ")
    if args.conll:
        import subprocess
        import sys

        extra = ["--spacy", args.spacy] if args.spacy else []
        command = [sys.executable, str(REPO / "bench" / "conll.py"), args.conll, *extra]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
