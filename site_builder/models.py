"""Typed values between pipeline stages: Seed -> Article -> RenderedPage -> BuildResult."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

EntityType = Literal["person", "org", "place", "group", "date", "quantity"]
NAMED_TYPES: tuple[EntityType, ...] = ("person", "org", "place", "group")
RULE_TYPES: tuple[EntityType, ...] = ("date", "quantity")
ENTITY_TYPES: tuple[EntityType, ...] = NAMED_TYPES + RULE_TYPES
TYPE_LABELS: dict[str, str] = {
    "person": "Person",
    "org": "Organisation",
    "place": "Place",
    "group": "Group",
    "date": "Date",
    "quantity": "Figure",
}


@dataclass(frozen=True)
class Author:
    name: str
    url: str | None = None


@dataclass(frozen=True)
class Link:
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Image:
    caption: str
    credit: str


@dataclass(frozen=True)
class Source:
    url: str
    publisher: str


@dataclass(frozen=True)
class Seed:
    """A seed article as parsed from its plain-text file."""

    path: Path
    sha256: str
    title: str
    date: dt.date
    authors: tuple[Author, ...]
    image: Image | None
    body: str
    related: tuple[Link, ...]
    source: Source | None


@dataclass(frozen=True)
class Article:
    """A content file: front matter validated, body still Markdown."""

    path: Path
    slug: str
    title: str
    date: dt.date
    authors: tuple[Author, ...]
    image: Image | None
    body: str
    body_line: int
    related: tuple[Link, ...]
    source: Source | None
    seed_file: str | None = None
    seed_sha256: str | None = None
    entity_counts: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Mention:
    """One highlighted span of text; `key` is the entity id, or a date/figure's normalised value."""

    start: int
    end: int
    text: str
    key: str
    type: EntityType


class PlacedMention(NamedTuple):
    """A mention as it sits on its page: its anchor and the sentence around it.

    A tuple, not a dataclass: a site holds one per mention (hundreds of thousands), and
    the build cache stores them, so size and unpickling speed matter."""

    number: int  # its place among the page's mentions; the anchor is made from it
    text: str
    key: str
    type: EntityType
    sentence: str
    part: Literal["caption", "credit", "body"]

    @property
    def anchor(self) -> str:
        return f"m{self.number}"


class PlacedQuote(NamedTuple):
    """A direct quotation on its page, with its speaker's entity id when known."""

    anchor: str
    text: str
    speaker: str | None


@dataclass(frozen=True)
class AnnotatedArticle:
    """An article with its Markdown rendered to HTML and its mentions found."""

    article: Article
    caption_html: str
    credit_html: str
    body_html: str
    mentions: tuple[PlacedMention, ...]
    summary: str
    quotes: tuple[PlacedQuote, ...] = ()

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for mention in self.mentions:
            counts[mention.key] = counts.get(mention.key, 0) + 1
        return counts


@dataclass(frozen=True)
class RenderedPage:
    """One output file, addressed relative to the site root (e.g. articles/x/index.html)."""

    path: str
    content: str


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int
    articles: int
    entities: int
    warnings: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Entity:
    """One knowledge-base record (content/entities.yml)."""

    id: str
    name: str
    type: EntityType
    description: str = ""
    aliases: tuple[str, ...] = ()
    wikipedia: str | None = None
    wikidata: str | None = None
    belongs_to: str | None = None
    # proposed: found by discovery, highlighted; uncertain: found with weak or split
    # evidence, not highlighted until an editor sets reviewed
    status: Literal["reviewed", "proposed", "uncertain"] = "reviewed"
    former_ids: tuple[str, ...] = ()

    @property
    def external_url(self) -> str | None:
        if self.wikipedia:
            return self.wikipedia
        return f"https://www.wikidata.org/wiki/{self.wikidata}" if self.wikidata else None
