"""Stage 1a: parse the plain-text seed format into a Seed."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import SiteBuilderError
from ..models import Author, Image, Link, Seed, Source
from ..urls import publisher_for, safe_url
from .datelines import looks_like_dateline, parse_dateline
from .limits import limit_for_seed_file, too_large
from .yaml_safe import has_control_characters, without_control_characters

_TITLE = re.compile(r"^\s{0,3}#\s+(?P<title>.+?)(?:\s+#+)?\s*$")
_BYLINE = re.compile(r"^\s*By\s+(?P<authors>.+)$", re.IGNORECASE | re.DOTALL)
_MD_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:,\s*and\s+|,|\s+and\s+|&)\s*")
# A caption ends a sentence (or is empty) before its bold credit: "... Lavrov. **Name / TASS**".
_CAPTION = re.compile(
    r"^(?:(?P<caption>.*?[.!?)”\"'’])\s+)?\*\*(?P<credit>[^*\n]{1,120}?)\*\*\s*$", re.DOTALL
)
# A credit names people or agencies; a bold sentence that ends a paragraph is emphasis.
_SENTENCE_END = re.compile(r"[a-z]{2,}[.!?]$")
_RELATED = re.compile(
    r"^\*\*Related(?: articles?)?:?\*\*:?\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL
)
_ORIGINAL = re.compile(r"^Original\s+url:\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_ANGLE_URL = re.compile(r"^<?(?P<url>[^<>\s]+)>?$")


@dataclass(frozen=True)
class _Block:
    text: str
    line: int


def read_seed(path: Path, *, max_bytes: int | None = None, notes: list[str] | None = None) -> Seed:
    """Read and parse one seed file; errors name the file and line.

    Warnings go to `notes`: control characters (NUL...) removed, and a seed without a
    dateline, which is dated by the file's modification time rather than stopping the
    whole site's build.
    """
    info = os.stat(path)
    if max_bytes is None:
        max_bytes = limit_for_seed_file(path)
    if message := too_large(info.st_size, max_bytes):
        raise SiteBuilderError(message, path=path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SiteBuilderError(
            f"not valid UTF-8 text (undecodable byte at offset {error.start})", path=path, line=line
        ) from None
    undated = dt.date.fromtimestamp(info.st_mtime)
    return parse_seed(
        text, path=path, sha256=hashlib.sha256(raw).hexdigest(), undated=undated, notes=notes
    )


def parse_seed(
    text: str,
    *,
    path: Path,
    sha256: str = "",
    undated: dt.date | None = None,
    notes: list[str] | None = None,
) -> Seed:
    """The seed in `text`; without a dateline it is dated `undated` (and noted), or, when
    that is None, it is an error."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if has_control_characters(text):
        # NUL and friends would be published raw in titles and bodies.
        line = next(n for n, x in enumerate(text.split("\n"), 1) if has_control_characters(x))
        text = without_control_characters(text)
        if notes is not None:
            notes.append(f"{path}:{line}: control characters (such as NUL) removed")
    blocks = _blocks(text)
    if not blocks:
        raise SiteBuilderError("the seed is empty", path=path, line=1)
    title_match = _TITLE.match(blocks[0].text) if "\n" not in blocks[0].text else None
    if title_match is None:
        raise SiteBuilderError(
            "the first line must be the title, as '# Title'", path=path, line=blocks[0].line
        )
    title = title_match["title"]
    rest = blocks[1:]

    authors: tuple[Author, ...] = ()
    date = None
    # The byline comes before the dateline; after it, "By the end of..." is body text.
    while rest and date is None:
        byline = _BYLINE.match(rest[0].text)
        if not authors and byline:
            authors = _parse_authors(byline["authors"])
        elif date is None and (parsed := parse_dateline(rest[0].text)) is not None:
            date = parsed
        elif looks_like_dateline(rest[0].text):
            raise SiteBuilderError(
                f"dateline {rest[0].text.strip()!r} is not a date", path=path, line=rest[0].line
            )
        else:
            break
        rest = rest[1:]
    if date is None:
        line = rest[0].line if rest else blocks[-1].line
        if undated is None:
            raise SiteBuilderError(
                "no dateline after the title and byline (expected e.g. 'November 1, 2024' "
                "or '2024-11-01')",
                path=path,
                line=line,
            )
        date = undated
        if notes is not None:
            notes.append(
                f"{path}:{line}: no dateline; dated {date.isoformat()} by the file's "
                "modification time (add one such as 'November 1, 2024' after the title)"
            )

    image = None
    caption = _CAPTION.match(rest[0].text) if rest else None
    if caption and not _RELATED.match(rest[0].text) and _is_credit(caption["credit"]):
        image = Image(caption=(caption["caption"] or "").strip(), credit=caption["credit"].strip())
        rest = rest[1:]

    body: list[str] = []
    related: list[Link] = []
    source = None
    for index, block in enumerate(rest):
        if related_match := _RELATED.match(block.text):
            related.extend(_parse_links(related_match["rest"]))
        elif original := _ORIGINAL.match(block.text):
            source = _parse_source(original["rest"], rest[index + 1 :])
            break
        else:
            body.append(block.text)
    return Seed(
        path=path,
        sha256=sha256,
        title=title,
        date=date,
        authors=authors,
        image=image,
        body="\n\n".join(body),
        related=tuple(related),
        source=source,
    )


def _blocks(text: str) -> list[_Block]:
    """Paragraphs separated by blank lines, each with the line number it starts on."""
    blocks: list[_Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append(_Block("\n".join(current), start))
            current = []
    if current:
        blocks.append(_Block("\n".join(current), start))
    return blocks


def _parse_authors(text: str) -> tuple[Author, ...]:
    links = list(_MD_LINK.finditer(text))
    if links:
        return tuple(
            Author(name=link["text"].strip(), url=safe_url(link["url"]))
            for link in links
            if link["text"].strip()
        )
    names = _AUTHOR_SEPARATOR.split(text.strip())
    return tuple(Author(name=name.strip()) for name in names if name.strip())


def _parse_links(text: str) -> list[Link]:
    links = [
        Link(title=match["text"].strip(), url=safe_url(match["url"]))
        for match in _MD_LINK.finditer(text)
    ]
    if not links and text.strip():
        links.append(Link(title=text.strip()))
    return links


def _parse_source(rest_of_line: str, following: list[_Block]) -> Source | None:
    candidates = [rest_of_line.strip()] + [block.text.strip() for block in following[:1]]
    for candidate in candidates:
        if match := _ANGLE_URL.match(candidate):
            url = safe_url(match["url"])
            if url:
                return Source(url=url, publisher=publisher_for(url))
    return None


def _is_credit(text: str) -> bool:
    """ "Name / Agency", not a bold sentence at the end of the first paragraph."""
    text = text.strip()
    return len(text.split()) <= 10 and not _SENTENCE_END.search(text)
