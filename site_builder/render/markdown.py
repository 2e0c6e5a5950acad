"""Stage 3a: Markdown -> HTML with mentions highlighted by a markdown-it-py core rule.

The rule splits `text` tokens into text / mention_open / text / mention_close, as
markdown-it's own linkify rule does, so highlighting never touches HTML. Raw HTML is off:
article text is escaped by the renderer, and links a reader must not follow are unwrapped.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..urls import safe_url
from .context import RenderContext
from .highlight import SENTENCE_END, annotate_inline

__all__ = ["RenderContext", "create_markdown", "first_sentence"]


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
            token.children = annotate_inline(token.children, context)


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
                end = SENTENCE_END.search(plain)
                return plain[: end.start()].strip() if end else plain
    return ""
