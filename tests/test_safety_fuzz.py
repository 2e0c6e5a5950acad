"""Property-based: random bytes and random YAML fed to import, front matter, entities.yml
and site.yml never produce a traceback (only SiteBuilderError) nor take over 2 s."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.errors import SiteBuilderError
from site_builder.ingest.importer import import_seeds
from site_builder.paths import SitePaths
from site_builder.sources.config import load_config
from site_builder.sources.content import read_article
from site_builder.sources.knowledge import EMPTY_KNOWLEDGE_BASE, load_knowledge_base
from site_builder.sources.seeds import read_seed

SECONDS = 2.0
FUZZ = settings(
    max_examples=150,
    deadline=int(SECONDS * 1000),
    suppress_health_check=[HealthCheck.too_slow],
)

# Pieces of YAML syntax, so that random text is often almost valid YAML.
TOKENS = [
    *"&*[]{}:-?,|>!%@`'\"#\n\n  \t\\",
    "a",
    "b",
    "title",
    "authors",
    "date",
    "entities",
    "never_annotate",
    "per_page",
    "deploy",
    "name",
    "id",
    "type",
    "person",
    ": ",
    "- ",
    "\n  ",
    "\n- ",
    "&a ",
    "*a",
    "&b [*a, *a]",
    "<<: ",
    "!!python/object:os.system ",
    "!!binary ",
    "!!timestamp ",
    "2024-13-45",
    "2024-11-01",
    "1e400",
    "0x",
    "9" * 5000,
    "~",
    "null",
    "yes",
    "---",
    "...",
    "\x00",
    "\x1b",
    "\ufeff",
    "é",
    "\ud800",
]
yaml_text = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(min_value=dt.date(1, 1, 1)),
)
keys = st.one_of(
    st.sampled_from(
        [
            "title",
            "slug",
            "date",
            "authors",
            "image",
            "related",
            "source",
            "seed",
            "entities",
            "never_annotate",
            "description",
            "per_page",
            "deploy",
            "search",
            "base_url",
            "max_article_bytes",
            "id",
            "name",
            "type",
            "aliases",
            "links",
            "url",
            "caption",
        ]
    ),
    st.text(max_size=10),
)
structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=20,
)
# Front matter of the right shape with values of any type: checks every field's type.
records = st.dictionaries(st.sampled_from(["name", "url", "title", "caption", "x"]), scalars)
shaped = st.fixed_dictionaries(
    {},
    optional={
        "title": structures,
        "date": structures,
        "slug": st.sampled_from(["fuzz", "Fuzz", "", "other"]) | structures,
        "authors": st.lists(records | structures, max_size=3) | structures,
        "related": st.lists(records | structures, max_size=3) | structures,
        "image": records | structures,
        "source": st.dictionaries(st.sampled_from(["url", "publisher"]), scalars) | structures,
        "seed": st.dictionaries(st.sampled_from(["file", "sha256"]), scalars) | structures,
        "entities": st.dictionaries(st.text(max_size=5), scalars) | structures,
    },
)
structured_yaml = st.one_of(structures, shaped).map(
    lambda data: yaml.safe_dump(data, allow_unicode=True)
)
any_yaml = st.one_of(yaml_text, structured_yaml)
raw_bytes = st.one_of(
    st.binary(max_size=300), any_yaml.map(lambda text: text.encode("utf-8", "surrogatepass"))
)

# Seeds that get past the title, so the rest of the parser and the import are exercised.
seeds = st.builds(
    lambda title, byline, dateline, body: f"# {title}\n\n{byline}\n\n{dateline}\n\n{body}\n",
    st.text(min_size=1, max_size=40).filter(lambda t: "\n" not in t and t.strip()),
    st.sampled_from(["", "By Jane Doe", "By [A](javascript:x) and [B](http://b)", "By \x00"]),
    st.sampled_from(["November 1, 2024", "2024-13-45", "31/02/2024", "", "Nov. 3, 2024"]),
    st.text(max_size=200),
).map(lambda text: text.encode("utf-8", "surrogatepass"))


@contextmanager
def _site() -> Iterator[SitePaths]:
    folder = Path(tempfile.mkdtemp(prefix="site-build-fuzz-"))
    try:
        paths = SitePaths(folder)
        paths.seeds.mkdir()
        paths.articles.mkdir(parents=True)
        yield paths
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _only_messages(action: Callable[[], Any]) -> None:
    """`action` succeeds or raises SiteBuilderError (with a message), within SECONDS."""
    started = time.perf_counter()
    try:
        action()
    except SiteBuilderError as error:
        assert str(error)
    assert time.perf_counter() - started < SECONDS


@FUZZ
@given(st.one_of(raw_bytes, seeds))
def test_random_seeds_import_or_fail_with_a_message(data: bytes) -> None:
    with _site() as paths:
        (paths.seeds / "fuzz.txt").write_bytes(data)
        _only_messages(lambda: read_seed(paths.seeds / "fuzz.txt"))

        def run_import() -> None:
            report, _ = import_seeds(paths, EMPTY_KNOWLEDGE_BASE)
            for path in report.written:  # what import writes, the build can read
                read_article(path)

        _only_messages(run_import)


@FUZZ
@given(st.one_of(any_yaml.map(lambda text: text.encode("utf-8", "surrogatepass")), raw_bytes))
def test_random_front_matter_reads_or_fails_with_a_message(front_matter: bytes) -> None:
    with _site() as paths:
        path = paths.articles / "fuzz.md"
        path.write_bytes(b"---\n" + front_matter + b"\n---\n\nBody.\n")
        _only_messages(lambda: read_article(path))


@FUZZ
@given(raw_bytes)
def test_random_entities_yml_loads_or_fails_with_a_message(data: bytes) -> None:
    with _site() as paths:
        paths.entities_file.write_bytes(data)
        _only_messages(lambda: load_knowledge_base(paths.entities_file))
        _only_messages(lambda: load_knowledge_base(paths.entities_file, data))


@FUZZ
@given(raw_bytes)
def test_random_site_yml_loads_or_fails_with_a_message(data: bytes) -> None:
    with _site() as paths:
        paths.config_file.write_bytes(data)
        _only_messages(lambda: load_config(paths.config_file))
