"""Stage 2a: content/entities.yml -> KnowledgeBase, validated with file:line errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SiteBuilderError, raise_all
from ..models import NAMED_TYPES, Entity
from ..slugs import is_valid_slug
from ..urls import safe_url
from ..words import common_word
from .yaml_safe import decode_utf8, load_yaml_lines, read_text_file, unknown_key_message

_NAME_SUFFIXES = frozenset("Jr Jr. Sr Sr. II III IV".split())
_WIKIDATA_ID = re.compile(r"^Q[1-9]\d*$")
_TOP_KEYS = frozenset({"entities", "never_annotate"})
_LINK_KEYS = frozenset({"wikipedia", "wikidata"})
_RECORD_KEYS = frozenset(
    {"id", "name", "type", "aliases", "description", "links", "belongs_to", "status", "former_ids"}
)


@dataclass(frozen=True)
class KnowledgeBase:
    entities: dict[str, Entity]
    never_annotate: tuple[str, ...] = ()
    path: Path | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False)

    def proposed(self) -> list[tuple[Entity, int | None]]:
        """Entities found by discovery that no editor has reviewed yet, with their line
        (uncertain ones too: they wait for review before they are highlighted)."""
        return [
            (e, self.lines.get(e.id))
            for e in self.entities.values()
            if e.status in ("proposed", "uncertain")
        ]

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """Every (text, entity id) that names an entity in article text."""
        explicit: dict[str, str] = {}
        for entity in self.entities.values():
            for form in (entity.name, *entity.aliases):
                explicit.setdefault(form, entity.id)
        yield from explicit.items()
        # A surname alone names the person introduced with the full name (Lavrov ->
        # Sergei Lavrov), unless another entity claims that word for itself.
        # Korean-style names put the family name first (Choe Son-hui -> Choe).
        for entity in self.entities.values():
            # "Jr." and "III" follow a name; they are not a surname.
            parts = [part for part in entity.name.split() if part not in _NAME_SUFFIXES]
            if entity.type == "person" and len(parts) > 1:
                first, *_, last = parts
                surname = first if "-" in last and len(first) <= 4 else last
                if surname not in explicit and len(surname) > 1 and not common_word(surname):
                    explicit[surname] = entity.id
                    yield surname, entity.id


EMPTY_KNOWLEDGE_BASE = KnowledgeBase(entities={})


def load_knowledge_base(path: Path, data: bytes | None = None) -> KnowledgeBase:
    """The knowledge base in `path` (or in `data`, the bytes read from it)."""
    text = read_text_file(path, "entities.yml") if data is None else decode_utf8(data, path)
    if text is None:
        return KnowledgeBase(entities={}, path=path)
    loaded = load_yaml_lines(text, path=path)
    data = loaded.data
    if data is None:
        return KnowledgeBase(entities={}, path=path)
    if not isinstance(data, dict) or not isinstance(data.get("entities", []), list):
        raise SiteBuilderError("expected a mapping with an 'entities:' list", path=path, line=1)
    records = data.get("entities") or []
    lines = [loaded.line("entities", index) for index in range(len(records))]
    errors: list[SiteBuilderError] = [
        SiteBuilderError(
            unknown_key_message(key, _TOP_KEYS, "entities.yml"), path=path, line=loaded.line(key)
        )
        for key in data
        if key not in _TOP_KEYS
    ]
    entities: dict[str, Entity] = {}
    entity_lines: dict[str, int] = {}
    for index, record in enumerate(data.get("entities") or []):
        line = lines[index] if index < len(lines) else None
        try:
            entity = _entity_from_record(record)
        except SiteBuilderError as error:
            errors.append(SiteBuilderError(error.message, path=path, line=line))
            continue
        if entity.id in entities:
            errors.append(
                SiteBuilderError(f"duplicate entity id {entity.id!r}", path=path, line=line)
            )
        entities[entity.id] = entity
        if line:
            entity_lines[entity.id] = line
    for entity in entities.values():
        if entity.belongs_to and entity.belongs_to not in entities:
            errors.append(
                SiteBuilderError(
                    f"entity {entity.id!r}: belongs_to {entity.belongs_to!r} is not an entity id",
                    path=path,
                )
            )
    never = data.get("never_annotate") or []
    if not isinstance(never, list) or not all(isinstance(item, str) for item in never):
        errors.append(
            SiteBuilderError(
                "never_annotate must be a list of phrases",
                path=path,
                line=loaded.line("never_annotate"),
            )
        )
        never = []
    raise_all(errors)
    return KnowledgeBase(entities, tuple(never), path, entity_lines)


def _entity_from_record(record: Any) -> Entity:
    if not isinstance(record, dict):
        raise SiteBuilderError("each entity must be a mapping with id, name and type")
    unknown = sorted(map(str, set(record) - _RECORD_KEYS))
    if unknown:
        raise SiteBuilderError(unknown_key_message(unknown[0], _RECORD_KEYS, "an entity"))
    entity_id = _text(record, "id")
    if not is_valid_slug(entity_id):
        raise SiteBuilderError(f"id {entity_id!r} must be lowercase letters, digits and hyphens")
    kind = _text(record, "type")
    if kind not in NAMED_TYPES:
        raise SiteBuilderError(
            f"type {kind!r} of {entity_id!r} must be one of {', '.join(NAMED_TYPES)}"
        )
    links = record.get("links") or {}
    if not isinstance(links, dict):
        raise SiteBuilderError(f"links of {entity_id!r} must be a mapping")
    unknown = sorted(map(str, set(links) - _LINK_KEYS))
    if unknown:
        raise SiteBuilderError(
            unknown_key_message(unknown[0], _LINK_KEYS, f"links of {entity_id!r}")
        )
    wikipedia = links.get("wikipedia")
    if wikipedia is not None and safe_url(str(wikipedia)) is None:
        raise SiteBuilderError(f"links.wikipedia of {entity_id!r} is not an http(s) URL")
    wikidata = links.get("wikidata")
    if wikidata is not None and not _WIKIDATA_ID.match(str(wikidata)):
        raise SiteBuilderError(f"links.wikidata of {entity_id!r} must look like Q12345")
    status = record.get("status", "reviewed")
    if status not in ("reviewed", "proposed", "uncertain"):
        raise SiteBuilderError(
            f"status of {entity_id!r} must be 'reviewed', 'proposed' or 'uncertain'"
        )
    return Entity(
        id=entity_id,
        name=_text(record, "name"),
        type=kind,
        description=_optional_text(record, "description"),
        aliases=_strings(record, "aliases"),
        wikipedia=str(wikipedia) if wikipedia else None,
        wikidata=str(wikidata) if wikidata else None,
        belongs_to=_optional_text(record, "belongs_to") or None,
        status=status,
        former_ids=_strings(record, "former_ids"),
    )


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SiteBuilderError(f"missing or empty {key!r}")
    return value.strip()


def _optional_text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise SiteBuilderError(f"{key!r} must be a text, not {type(value).__name__}")
    return str(value).strip()


def _strings(record: dict[str, Any], key: str) -> tuple[str, ...]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise SiteBuilderError(f"{key!r} must be a list of strings")
    return tuple(item.strip() for item in value if item.strip())
