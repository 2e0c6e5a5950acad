"""Add proposed entities to content/entities.yml without disturbing what editors wrote.

New records are inserted as text after the last record of the `entities:` list, so an
editor's comments, order and formatting survive every import.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..models import Entity
from ..paths import write_atomic
from .yaml_safe import load_yaml

HEADER = (
    "# Knowledge base: one record per entity (see README, 'The knowledge base').\n"
    "# Records with status: proposed were found by site-build; review them, then set\n"
    "# status: reviewed, fix the type, merge, or delete them (a deleted proposal stays deleted).\n"
)


def entity_record(entity: Entity) -> dict[str, Any]:
    record: dict[str, Any] = {"id": entity.id, "name": entity.name, "type": entity.type}
    if entity.aliases:
        record["aliases"] = list(entity.aliases)
    if entity.description:
        record["description"] = entity.description
    links = {
        key: value
        for key, value in (("wikipedia", entity.wikipedia), ("wikidata", entity.wikidata))
        if value
    }
    if links:
        record["links"] = links
    if entity.belongs_to:
        record["belongs_to"] = entity.belongs_to
    record["status"] = entity.status
    return record


def append_entities(path: Path, entities: list[Entity]) -> None:
    if not entities:
        return
    block = _records_text(entities)
    if not path.exists() or not path.read_text(encoding="utf-8").strip():
        text = f"{HEADER}entities:\n{block}never_annotate: []\n"
    else:
        text = path.read_text(encoding="utf-8")
        position = _insertion_point(text)
        if position is None:
            data = load_yaml(text, path=path) or {}
            records = [*(data.get("entities") or []), *(entity_record(e) for e in entities)]
            data["entities"] = records
            text = HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        else:
            before = text[:position]
            if not before.endswith("\n"):
                before += "\n"
            text = before + block + text[position:]
    write_atomic(path, text)


def _records_text(entities: list[Entity]) -> str:
    dumped = yaml.safe_dump(
        [entity_record(entity) for entity in entities],
        sort_keys=False,
        allow_unicode=True,
        width=1000,
        default_flow_style=None,
    )
    return "".join(f"  {line}\n" for line in dumped.splitlines())


def _insertion_point(text: str) -> int | None:
    """Where the block list under `entities:` ends; None when it is absent or in flow style."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == "entities" and isinstance(value, yaml.SequenceNode):
            if value.flow_style or not value.value:
                return None
            last = value.value[-1]
            return _line_end(text, last.end_mark.index)
    return None


def _line_end(text: str, index: int) -> int:
    # A block sequence's last item ends where its last value ends; continue to the line end.
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1
