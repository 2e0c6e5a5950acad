"""Stage 3a: Markdown -> HTML with mentions highlighted by a markdown-it-py core rule.

The rule splits `text` tokens into text / mention_open / text / mention_close, as
markdown-it's own linkify rule does, so highlighting never touches HTML. Raw HTML is off:
article text is escaped by the renderer, and links a reader must not follow are unwrapped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .annotate import UNRESOLVED_DATE, Annotator
from .models import Mention, PlacedMention
from .urls import safe_url

_SENTENCE_END = re.compile(r"(?<=[.!?])[”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")
Part = Literal["caption", "credit", "body"]


@dataclass
class RenderContext:
    """Per-article state shared by the core rule across caption, credit and body."""

    annotator: Annotator
    dateline: dt.date
    entity_href: str  # e.g. "../../entities/{id}/"
    part: Part = "body"
    mentions: list[PlacedMention] = field(default_factory=list)


def create_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    # Every link parses, so that unsafe ones can be unwrapped to their text below.
    md.validateLink = _accept_every_link  # type: ignore[method-assign]
    md.core.ruler.push("unwrap_unsafe_links", _unwrap_unsafe_links)
    md.core.ruler.push("mentions", _mentions_rule)
    return md


def _accept_every_link(url: str) -> bool:
    return True


def _unwrap_unsafe_links(state: StateCore) -> None:
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        kept: list[Token] = []
        dropping: list[bool] = []
        for child in token.children:
            if child.type == "link_open":
                unsafe = safe_url(str(child.attrGet("href") or "")) is None
                dropping.append(unsafe)
                if unsafe:
                    continue
            elif child.type == "link_close":
                if dropping.pop():
                    continue
            elif child.type == "image":
                child.attrSet("src", safe_url(str(child.attrGet("src") or "")) or "")
                if not child.attrGet("src"):
                    kept.append(Token("text", "", 0, content=child.content))
                    continue
            kept.append(child)
        token.children = kept


def _mentions_rule(state: StateCore) -> None:
    context = state.env.get("context")
    if not isinstance(context, RenderContext):
        return
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _annotate_inline(token.children, context)


def _annotate_inline(children: list[Token], context: RenderContext) -> list[Token]:
    plain_parts: list[str] = []
    offset = 0
    link_depth = 0
    pending: list[tuple[int, Token, list[Mention]]] = []  # (child index, token, mentions)
    child_offsets: list[int] = []
    for index, child in enumerate(children):
        child_offsets.append(offset)
        if child.type == "link_open":
            link_depth += 1
        elif child.type == "link_close":
            link_depth -= 1
        elif child.type == "text" and link_depth == 0:
            found = context.annotator.annotate(child.content, context.dateline)
            if found:
                pending.append((index, child, found))
        piece = child.content if child.type in ("text", "code_inline") else ""
        if child.type in ("softbreak", "hardbreak"):
            piece = " "
        plain_parts.append(piece)
        offset += len(piece)
    if not pending:
        return children
    plain = "".join(plain_parts)
    sentences = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(plain)]
    replacements: dict[int, list[Token]] = {}
    for index, child, found in pending:
        base = child_offsets[index]
        replacements[index] = _split_text(child, found, context, plain, sentences, base)
    result: list[Token] = []
    for index, child in enumerate(children):
        result.extend(replacements.get(index, [child]))
    return result


def _split_text(
    token: Token,
    found: list[Mention],
    context: RenderContext,
    plain: str,
    sentence_breaks: list[tuple[int, int]],
    base: int,
) -> list[Token]:
    text = token.content
    tokens: list[Token] = []
    position = 0
    for mention in found:
        if mention.start > position:
            tokens.append(_text(text[position : mention.start], token.level))
        anchor = f"m{len(context.mentions) + 1}"
        tag, attrs = _mention_markup(mention, anchor, context)
        opening = Token("mention_open", tag, 1, attrs=attrs, level=token.level)
        tokens += [opening, _text(mention.text, token.level + 1), Token("mention_close", tag, -1)]
        sentence = _sentence_around(plain, sentence_breaks, base + mention.start)
        context.mentions.append(
            PlacedMention(anchor, mention.text, mention.key, mention.type, sentence, context.part)
        )
        position = mention.end
    if position < len(text):
        tokens.append(_text(text[position:], token.level))
    return tokens


def _mention_markup(
    mention: Mention, anchor: str, context: RenderContext
) -> tuple[str, dict[str, str | int | float]]:
    attrs: dict[str, str | int | float] = {
        "id": anchor,
        "class": f"mention mention-{mention.type}",
        "data-entity": mention.key,
        "data-entity-type": mention.type,
    }
    if mention.type == "date":
        if mention.key != UNRESOLVED_DATE:
            attrs["datetime"] = mention.key
        return "time", attrs
    if mention.type == "quantity":
        attrs["value"] = mention.key
        return "data", attrs
    attrs["href"] = context.entity_href.format(id=mention.key)
    return "a", attrs


def _sentence_around(plain: str, breaks: list[tuple[int, int]], position: int) -> str:
    start, end = 0, len(plain)
    for break_start, break_end in breaks:
        if break_end <= position:
            start = break_end
        elif break_start >= position:
            end = break_start
            break
    return plain[start:end].strip()


def first_sentence(tokens: list[Token]) -> str:
    """The opening sentence of the first paragraph, as plain text (for summaries and feeds)."""
    for token in tokens:
        if token.type == "inline" and token.children:
            plain = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            ).strip()
            if plain:
                end = _SENTENCE_END.search(plain)
                return plain[: end.start()].strip() if end else plain
    return ""


def _text(content: str, level: int) -> Token:
    return Token("text", "", 0, content=content, level=level)
