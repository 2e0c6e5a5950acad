"""The markdown-it core rule that marks mentions and quotations by splitting text tokens.

For each inline token it reads the paragraph's plain text, finds mentions in every text
child outside links and code, finds quotations and their speakers, then splits the text
children at those boundaries and splices in mention_open/close and quote_open/close
tokens, as markdown-it's own linkify rule does. The renderer escapes everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from ..annotate import UNRESOLVED_DATE
from ..annotate.quotes import Speaker, find_quotes
from ..models import NAMED_TYPES, Mention, PlacedMention, PlacedQuote
from .context import RenderContext

SENTENCE_END = re.compile(r"(?<=[.!?])[”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")
_PLAIN_TYPES = ("text", "code_inline")


@dataclass(frozen=True)
class _Cut:
    """Something to splice in at a plain-text offset: a mention or a quotation edge."""

    offset: int
    end: int
    order: int  # at one offset: close quotes, then open quotes, then mentions
    mention: Mention | None = None
    quote_anchor: str | None = None
    closing: bool = False
    speaker: str | None = None


def annotate_inline(children: list[Token], context: RenderContext) -> list[Token]:
    offsets, plain, link_depths = _plain_text(children)
    found: list[tuple[int, Mention]] = []  # (child index, mention with child offsets)
    for index, child in enumerate(children):
        if child.type == "text" and link_depths[index] == 0:
            found += [
                (index, m) for m in context.annotator.annotate(child.content, context.dateline)
            ]
    quotes = []
    if context.part == "body":
        speakers = [
            Speaker(offsets[i] + m.start, offsets[i] + m.end, m.key, m.type)
            for i, m in found
            if m.type in NAMED_TYPES
        ]
        quotes = find_quotes(plain, speakers, context.speaker_memory)
    if not found and not quotes:
        return children
    sentences = [(m.start(), m.end()) for m in SENTENCE_END.finditer(plain)]
    cuts: dict[int, list[_Cut]] = {}
    for index, mention in found:
        cut = _Cut(offsets[index] + mention.start, offsets[index] + mention.end, 2, mention)
        cuts.setdefault(index, []).append(cut)
    for quote in quotes:
        anchor = f"q{len(context.quotes) + 1}"
        context.quotes.append(PlacedQuote(anchor, quote.text, quote.speaker))
        first, last = (
            _child_at(offsets, children, quote.start),
            _child_at(offsets, children, quote.end - 1),
        )
        if first is None or last is None or not _balanced(children[first : last + 1]):
            continue  # quoted text that crosses a link or emphasis edge stays unwrapped
        cuts.setdefault(first, []).append(
            _Cut(quote.start, quote.start, 1, None, anchor, False, quote.speaker)
        )
        cuts.setdefault(last, []).append(_Cut(quote.end, quote.end, 0, None, anchor, True))
    result: list[Token] = []
    shared: dict[str, str] = {}
    for index, child in enumerate(children):
        if index in cuts:
            result += _split(child, offsets[index], cuts[index], context, plain, sentences, shared)
        else:
            result.append(child)
    return result


def _plain_text(children: list[Token]) -> tuple[list[int], str, list[int]]:
    offsets: list[int] = []
    depths: list[int] = []
    parts: list[str] = []
    offset = depth = 0
    for child in children:
        depth += child.type == "link_open"
        depth -= child.type == "link_close"
        offsets.append(offset)
        depths.append(depth)
        piece = child.content if child.type in _PLAIN_TYPES else ""
        if child.type in ("softbreak", "hardbreak"):
            piece = " "
        parts.append(piece)
        offset += len(piece)
    return offsets, "".join(parts), depths


def _child_at(offsets: list[int], children: list[Token], position: int) -> int | None:
    for index, child in enumerate(children):
        if child.type == "text" and offsets[index] <= position < offsets[index] + len(
            child.content
        ):
            return index
    return None


def _balanced(tokens: list[Token]) -> bool:
    depth = 0
    for token in tokens:
        depth += token.nesting
        if depth < 0:
            return False
    return depth == 0


def _split(
    token: Token,
    base: int,
    cuts: list[_Cut],
    context: RenderContext,
    plain: str,
    sentences: list[tuple[int, int]],
    shared: dict[str, str],
) -> list[Token]:
    text = token.content
    tokens: list[Token] = []
    position = 0
    for cut in sorted(cuts, key=lambda c: (c.offset, c.order)):
        start = cut.offset - base
        if start > position:
            tokens.append(_text(text[position:start], token.level))
            position = start
        if cut.quote_anchor is not None:
            tokens.append(_quote_token(cut, context))
            continue
        mention = cut.mention
        assert mention is not None
        number = len(context.mentions) + 1
        tag, attrs = _mention_markup(mention, f"m{number}", context)
        tokens += [
            Token("mention_open", tag, 1, attrs=attrs, level=token.level),
            _text(mention.text, token.level + 1),
            Token("mention_close", tag, -1),
        ]
        sentence = _sentence_around(plain, sentences, cut.offset)
        # One string object per sentence, shared by its mentions: the build cache then
        # stores (and pickle writes) each sentence once.
        sentence = shared.setdefault(sentence, sentence)
        context.mentions.append(
            PlacedMention(number, mention.text, mention.key, mention.type, sentence, context.part)
        )
        position = cut.end - base
    if position < len(text):
        tokens.append(_text(text[position:], token.level))
    return tokens


def _quote_token(cut: _Cut, context: RenderContext) -> Token:
    if cut.closing:
        return Token("quote_close", "q", -1)
    attrs: dict[str, str | int | float] = {"id": cut.quote_anchor or "", "class": "quote"}
    if cut.speaker:
        attrs["data-speaker"] = cut.speaker
        attrs["cite"] = context.entity_href.format(id=cut.speaker)
    return Token("quote_open", "q", 1, attrs=attrs)


def _mention_markup(
    mention: Mention, anchor: str, context: RenderContext
) -> tuple[str, dict[str, str | int | float]]:
    attrs: dict[str, str | int | float] = {
        "id": anchor,
        "data-entity": mention.key,
        "data-entity-type": mention.type,
    }
    # Dates and figures are not focusable: they open nothing a keyboard could use (a
    # date's resolved day is listed in the entity panel and the timeline).
    if mention.type == "date":
        if mention.key != UNRESOLVED_DATE:
            attrs["datetime"] = mention.key
        return "time", attrs
    if mention.type == "quantity":
        attrs["value"] = mention.key
        return "data", attrs
    attrs["href"] = context.entity_href.format(id=mention.key)
    if (context.part, mention.key) not in context.seen:  # first in the caption, or the body
        context.seen.add((context.part, mention.key))
        attrs["data-first"] = ""
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


def _text(content: str, level: int) -> Token:
    return Token("text", "", 0, content=content, level=level)
