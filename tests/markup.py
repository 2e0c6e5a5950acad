"""Read a built page the way the markup contract describes it (for tests)."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass
class FoundMention:
    type: str
    key: str
    text: str
    tag: str
    attrs: dict[str, str]


class _ContractReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[bool, FoundMention | None]] = []
        self.body_depth = 0
        self.in_body: list[FoundMention] = []
        self.outside_body: list[FoundMention] = []
        self.links: list[str] = []
        self.text_parts: list[str] = []

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        attrs = {name: value or "" for name, value in attributes}
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag in ("meta", "link", "br", "img", "input", "hr"):
            return
        is_body = "data-article-body" in attrs
        self.body_depth += is_body
        mention = None
        if "data-entity-type" in attrs:
            mention = FoundMention(
                attrs["data-entity-type"], attrs.get("data-entity", ""), "", tag, attrs
            )
        self.stack.append((is_body, mention))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("meta", "link", "br", "img", "input", "hr") or not self.stack:
            return
        is_body, mention = self.stack.pop()
        if mention is not None:
            (self.in_body if self.body_depth else self.outside_body).append(mention)
        self.body_depth -= is_body

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)
        for _, mention in self.stack:
            if mention is not None:
                mention.text += data


def read_page(html: str) -> _ContractReader:
    reader = _ContractReader()
    reader.feed(html)
    return reader
