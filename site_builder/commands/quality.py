"""Precision and recall of annotation against hand-annotated articles (tests/corpus).

A mention counts as found when the highlighted text is exactly the annotated text and
the type matches; mentions are compared as multisets per article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..annotate import Annotator
from ..ingest.discovery import propose_for_seeds
from ..models import ENTITY_TYPES, Article, Seed
from ..render.annotated import annotate_article
from ..render.markdown import create_markdown
from ..sources.knowledge import KnowledgeBase
from ..sources.seeds import read_seed


@dataclass
class Scores:
    found: Counter[str] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    false_hits: list[tuple[str, str, str]] = field(default_factory=list)

    def precision(self, kind: str | None = None) -> float:
        found = self.found[kind] if kind else sum(self.found.values())
        correct = self.correct[kind] if kind else sum(self.correct.values())
        return correct / found if found else 1.0

    def recall(self, kind: str | None = None) -> float:
        expected = self.expected[kind] if kind else sum(self.expected.values())
        correct = self.correct[kind] if kind else sum(self.correct.values())
        return correct / expected if expected else 1.0

    def table(self) -> str:
        rows = ["| type | precision | recall | gold mentions |", "|---|---|---|---|"]
        for kind in (*ENTITY_TYPES, None):
            rows.append(
                f"| {kind or '**all**'} | {self.precision(kind):.3f} | {self.recall(kind):.3f} | "
                f"{self.expected[kind] if kind else sum(self.expected.values())} |"
            )
        return "\n".join(rows)


def article_from_seed(seed: Seed) -> Article:
    return Article(
        path=seed.path,
        slug=seed.path.stem,
        title=seed.title,
        date=seed.date,
        authors=seed.authors,
        image=seed.image,
        body=seed.body,
        body_line=1,
        related=seed.related,
        source=seed.source,
    )


def evaluate(pairs: list[tuple[Path, Path]], knowledge: KnowledgeBase, *, discover: bool) -> Scores:
    """Import each seed in turn (growing the knowledge base when `discover`), then score it."""
    scores = Scores()
    md = create_markdown()
    for seed_path, gold_path in pairs:
        seed = read_seed(seed_path)
        if discover:
            knowledge, _ = propose_for_seeds(knowledge, [seed], set())
        annotated = annotate_article(article_from_seed(seed), Annotator(knowledge), md)
        found = Counter((m.type, m.text) for m in annotated.mentions)
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        expected = Counter((item[0], item[1]) for item in gold["mentions"])
        for (kind, _text), count in found.items():
            scores.found[kind] += count
        for (kind, _text), count in expected.items():
            scores.expected[kind] += count
        for (kind, _text), count in (found & expected).items():
            scores.correct[kind] += count
        name = seed_path.stem
        scores.misses += [(name, kind, text) for (kind, text) in (expected - found).elements()]
        scores.false_hits += [(name, kind, text) for (kind, text) in (found - expected).elements()]
    return scores


def corpus_pairs(folder: Path) -> list[tuple[Path, Path]]:
    return [
        (seed, seed.with_suffix(".gold.yml"))
        for seed in sorted(folder.glob("*.txt"))
        if seed.with_suffix(".gold.yml").exists()
    ]
