"""Entity highlighting as a markdown-it core rule: what gets wrapped, and what never does."""

from __future__ import annotations

import datetime as dt

import pytest

from site_builder.annotate import Annotator
from site_builder.models import Entity
from site_builder.render.markdown import RenderContext, create_markdown
from site_builder.sources.knowledge import KnowledgeBase

FRIDAY = dt.date(2024, 11, 1)


def _kb(*entities: Entity, never: tuple[str, ...] = ()) -> KnowledgeBase:
    return KnowledgeBase({entity.id: entity for entity in entities}, never_annotate=never)


KB = _kb(
    Entity("north-korea", "North Korea", "place"),
    Entity("korea", "Korea", "place"),
    Entity("north-korean", "North Korean", "group"),
    Entity("sergei-lavrov", "Sergei Lavrov", "person", aliases=("Lavrov",)),
    Entity("choe-son-hui", "Choe Son-hui", "person", aliases=("Choe",)),
    Entity("kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "person"),
    Entity("united-states", "United States", "place", aliases=("US",)),
)


def _found(text: str, kb: KnowledgeBase = KB) -> list[tuple[str, str]]:
    return [(m.text, m.key) for m in Annotator(kb).annotate(text, FRIDAY) if m.type != "quantity"]


def _render(markdown: str) -> tuple[str, RenderContext]:
    context = RenderContext(Annotator(KB), FRIDAY, "../../entities/{id}/")
    return create_markdown().render(markdown, {"context": context}), context


def test_longest_match_wins() -> None:
    assert _found("North Korean troops left North Korea and Korea.") == [
        ("North Korean", "north-korean"),
        ("North Korea", "north-korea"),
        ("Korea", "korea"),
    ]


def test_whole_words_only_and_case_guards() -> None:
    assert _found("Koreans, Lavrovian ideas, and us") == []
    assert _found("the US said") == [("US", "united-states")]


def test_surnames_aliases_and_spelling_variants_resolve_to_one_entity() -> None:
    assert _found("Choe Son-Hui, Choe Son-hui and Choe met Lavrov; Tokayev agreed.") == [
        ("Choe Son-Hui", "choe-son-hui"),
        ("Choe Son-hui", "choe-son-hui"),
        ("Choe", "choe-son-hui"),
        ("Lavrov", "sergei-lavrov"),
        ("Tokayev", "kassym-jomart-tokayev"),
    ]


def test_possessive_stays_outside() -> None:
    assert _found("North Korea's minister") == [("North Korea", "north-korea")]


def test_never_annotate_phrases_block_matches() -> None:
    kb = _kb(Entity("korea", "Korea", "place"), never=("Korea Herald",))
    assert _found("The Korea Herald said Korea", kb) == [("Korea", "korea")]


def test_nothing_inside_link_text_or_code_is_wrapped() -> None:
    html, context = _render("[Lavrov in Korea](https://example.org) and `Lavrov` but Lavrov.")
    assert '<a href="https://example.org">Lavrov in Korea</a>' in html
    assert "<code>Lavrov</code>" in html
    assert [m.text for m in context.mentions] == ["Lavrov"]


def test_mentions_in_emphasis_blockquotes_and_lists() -> None:
    html, context = _render("*Lavrov* said.\n\n> Choe replied.\n\n- North Korea\n")
    assert [m.key for m in context.mentions] == ["sergei-lavrov", "choe-son-hui", "north-korea"]
    assert "<em><a " in html


def test_mentions_carry_their_sentence_and_anchor() -> None:
    _, context = _render("First sentence. Then Lavrov spoke on Friday. Last one.")
    lavrov, friday = context.mentions
    assert lavrov.sentence == "Then Lavrov spoke on Friday." and lavrov.anchor == "m1"
    assert friday.key == "2024-11-01" and friday.anchor == "m2"


@pytest.mark.parametrize(
    "text", ["", "   ", "ALL CAPS LAVROV", "😀 Лавров 최선희 崔善姬", "Lavrov" * 5000]
)
def test_any_text_annotates_without_error(text: str) -> None:
    Annotator(KB).annotate(text, FRIDAY)
