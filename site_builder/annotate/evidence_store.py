"""The evidence behind proposed names, kept between imports (content/.evidence.json).

Discovery weighs each name's evidence per article. A name proposed by an earlier import
must be weighed again when a later import brings stronger evidence, so the evidence of
every name whose record is still `proposed` or `uncertain` is kept here, per article
(seed file): a re-imported seed replaces its own entries, a new seed adds to them. It is
data written by `site-build import`, not settings: deleting it only means the records
keep their present type until new evidence arrives. Reviewed names are not kept (an
editor's `reviewed` record wins over any evidence).

Also: the text edit that retypes such a record in entities.yml without disturbing the
editor's formatting and comments.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import SiteBuilderError
from ..models import Entity
from ..paths import EVIDENCE_FILE_NAME, write_atomic
from .discover import Proposal

FILE_NAME = EVIDENCE_FILE_NAME
_ABOUT = (
    "Evidence discovery found for each proposed or uncertain name, per seed file; "
    "site-build import re-weighs it when new articles arrive. Written by site-build."
)

# name -> seed file -> the proposal that article made for the name
Store = dict[str, dict[str, Proposal]]


@dataclass(frozen=True)
class Kept:
    evidence: Store = field(default_factory=dict)
    # name -> (type, status) discovery last gave its record: a record that differs was
    # edited by an editor, and discovery leaves it alone from then on.
    assigned: dict[str, tuple[str, str]] = field(default_factory=dict)


def load_store(path: Path) -> Kept:
    """The stored evidence; an absent file is an empty store."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Kept()
    try:
        data = json.loads(text)
        names = data["names"]
        evidence = {
            name: {seed: _proposal(name, entry) for seed, entry in by_seed.items()}
            for name, by_seed in names.items()
        }
        assigned = {
            name: (str(kind), str(status)) for name, (kind, status) in data["assigned"].items()
        }
        return Kept(evidence, assigned)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise SiteBuilderError(
            f"cannot read the stored evidence ({error}); delete the file to start afresh",
            path=path,
        ) from error


def save_store(path: Path, kept: Kept) -> None:
    if not kept.evidence and not kept.assigned and not path.exists():
        return
    names = {
        name: {seed: _entry(proposal) for seed, proposal in sorted(by_seed.items())}
        for name, by_seed in sorted(kept.evidence.items())
    }
    assigned = {name: list(value) for name, value in sorted(kept.assigned.items())}
    # One name per line: readable diffs when the file is committed, and each line encoded
    # by json's C encoder (an indented dump of the whole store is ten times slower).
    lines = [f"{json.dumps(name, ensure_ascii=False)}: {json.dumps(entry, ensure_ascii=False)}"
             for name, entry in names.items()]  # fmt: skip
    text = (
        f'{{\n"about": {json.dumps(_ABOUT)},\n'
        f'"assigned": {json.dumps(assigned, ensure_ascii=False)},\n'
        '"names": {\n' + ",\n".join(lines) + "\n}\n}\n"
    )
    try:
        if path.read_text(encoding="utf-8") == text:
            return  # unchanged: no write, so a watching preview server does not rebuild
    except FileNotFoundError:
        pass
    write_atomic(path, text)


def _entry(proposal: Proposal) -> dict[str, Any]:
    return {
        "type": proposal.type,
        "status": proposal.status,
        "aliases": list(proposal.aliases),
        "belongs_to": proposal.belongs_to,
        "evidence": [list(item) for item in proposal.evidence],
    }


def _proposal(name: str, entry: dict[str, Any]) -> Proposal:
    evidence = tuple(
        (str(label), str(kind), bool(intrinsic), float(weight))
        for label, kind, intrinsic, weight in entry["evidence"]
    )
    return Proposal(
        name,
        entry["type"],
        tuple(str(alias) for alias in entry.get("aliases", ())),
        entry.get("belongs_to"),
        str(entry.get("status", "proposed")),
        evidence,
    )


def retype_entities(path: Path, entities: list[Entity]) -> None:
    """Rewrite the `type` and `status` values of these records in entities.yml, in place:
    the rest of the file (comments, order, formatting) is left as the editor wrote it."""
    if not entities:
        return
    text = path.read_text(encoding="utf-8")
    wanted = {entity.id: entity for entity in entities}
    edits: list[tuple[int, int, str]] = []
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for record in _records(root):
        values = {key.value: value for key, value in record.value}
        node = values.get("id")
        entity = wanted.get(node.value) if isinstance(node, yaml.ScalarNode) else None
        if entity is None:
            continue
        changes: dict[str, str] = {"type": entity.type, "status": entity.status}
        for key, new in changes.items():
            value = values.get(key)
            if isinstance(value, yaml.ScalarNode):
                edits.append((value.start_mark.index, value.end_mark.index, new))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    write_atomic(path, text)


def _records(root: yaml.Node | None) -> list[yaml.MappingNode]:
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "entities" and isinstance(value, yaml.SequenceNode):
            return [node for node in value.value if isinstance(node, yaml.MappingNode)]
    return []
