"""Import-time discovery: turn proposals into knowledge-base records marked `proposed`."""

from __future__ import annotations

from dataclasses import replace

from .annotate.discover import Proposal, discover
from .knowledge import KnowledgeBase
from .models import Entity, Seed
from .slugs import slugify, unique_slug


def propose_for_seeds(
    knowledge: KnowledgeBase, seeds: list[Seed], blocked: set[str]
) -> tuple[KnowledgeBase, list[Entity]]:
    """Discovery for many seeds at once: each seed is read against the same knowledge base
    (in parallel), then the proposals are merged in seed order, so a name proposed by an
    earlier seed (or a surname of a person it proposed) is not proposed twice."""
    from .parallel import run_parallel

    known = {form for form, _ in knowledge.surface_forms()} | set(knowledge.never_annotate)
    found = run_parallel(lambda seed: discover(seed, known, blocked), seeds)
    entities = dict(knowledge.entities)
    by_name = {entity.name: entity.id for entity in entities.values()}
    added: list[Entity] = []
    for seed, proposals in zip(seeds, found, strict=True):
        for proposal in proposals:
            if proposal.name in known:
                continue
            entity = _entity_for(proposal, set(entities), by_name, seed)
            entities[entity.id] = entity
            by_name[entity.name] = entity.id
            added.append(entity)
            known.update(form for form, _ in KnowledgeBase({entity.id: entity}).surface_forms())
    return replace(knowledge, entities=entities), added


def _entity_for(proposal: Proposal, taken: set[str], by_name: dict[str, str], seed: Seed) -> Entity:
    belongs_to = by_name.get(proposal.belongs_to or "")
    return Entity(
        id=unique_slug(slugify(proposal.name, fallback="entity"), taken),
        name=proposal.name,
        type=proposal.type,
        aliases=proposal.aliases,
        description="",
        belongs_to=belongs_to,
        status="proposed",
    )
