"""Stage 3b: Article -> AnnotatedArticle (caption, credit and body rendered, mentions placed)."""

from __future__ import annotations

from markdown_it import MarkdownIt

from ..annotate import Annotator
from ..models import AnnotatedArticle, Article
from .markdown import RenderContext, first_sentence

ENTITY_HREF_FROM_ARTICLE = "../../entities/{id}/"


def annotate_article(article: Article, annotator: Annotator, md: MarkdownIt) -> AnnotatedArticle:
    context = RenderContext(annotator, article.date, ENTITY_HREF_FROM_ARTICLE)
    env = {"context": context}
    caption_html = credit_html = ""
    if article.image:
        context.part = "caption"
        caption_html = md.renderInline(article.image.caption, env)
        context.part = "credit"
        credit_html = md.renderInline(article.image.credit, env)
    context.part = "body"
    tokens = md.parse(article.body, env)
    body_html = md.renderer.render(tokens, md.options, env)
    return AnnotatedArticle(
        article=article,
        caption_html=caption_html,
        credit_html=credit_html,
        body_html=body_html,
        mentions=tuple(context.mentions),
        summary=first_sentence(tokens),
        quotes=tuple(context.quotes),
    )
