"""Import-time discovery: turn proposals into knowledge-base records marked `proposed`
(or `uncertain`, when the evidence is weak or split: proposed, but not highlighted)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from .annotate.discover import CLEAR_LEAD, NAMED, Evidence, Proposal, Weights, discover, totals
from .knowledge import KnowledgeBase
from .models import Entity, Seed
from .slugs import slugify, unique_slug


def propose_for_seeds(
    knowledge: KnowledgeBase, seeds: list[Seed], blocked: set[str]
) -> tuple[KnowledgeBase, list[Entity]]:
    """Discovery for many seeds at once: each seed is read against the same knowledge base
    (in parallel), then the proposals are merged in seed order. A name proposed by several
    seeds takes the type of the weight of all their evidence, not the first seed's vote."""
    from .parallel import run_parallel

    known = {form for form, _ in knowledge.surface_forms()} | set(knowledge.never_annotate)
    found = run_parallel(lambda seed: discover(seed, known, blocked), seeds)
    merged = _merge(found)
    entities = dict(knowledge.entities)
    by_name = {entity.name: entity.id for entity in entities.values()}
    added: list[Entity] = []
    for proposal in merged:
        if proposal.name in known:
            continue
        entity = _entity_for(proposal, set(entities), by_name)
        entities[entity.id] = entity
        by_name[entity.name] = entity.id
        added.append(entity)
        # Only names and aliases: a person's surname must not hide a place of that name.
        known.update((entity.name, *entity.aliases))
    return replace(knowledge, entities=entities), added


def _merge(per_seed: Iterable[list[Proposal]]) -> list[Proposal]:
    """One proposal per name. Each article decides its own sense of a name (one sense per
    document); across the site, each article votes for its sense with the lead its
    evidence gave it, so one article cannot fix a name's type for every other one."""
    first: dict[str, Proposal] = {}
    evidence: dict[str, Evidence] = {}
    votes: dict[str, Weights] = {}
    clear: defaultdict[str, int] = defaultdict(int)
    aliases: dict[str, dict[str, set[str]]] = {}
    for proposals in per_seed:
        for proposal in proposals:
            first.setdefault(proposal.name, proposal)
            total = evidence.setdefault(proposal.name, defaultdict(float))
            for label, kind, intrinsic, weight in proposal.evidence:
                total[(label, kind, intrinsic)] += weight
            lead = _lead(proposal)
            votes.setdefault(proposal.name, defaultdict(float))[proposal.type] += lead
            clear[proposal.name] += proposal.status != "uncertain"
            by_type = aliases.setdefault(proposal.name, {})
            by_type.setdefault(proposal.type, set()).update(proposal.aliases)
    merged = []
    claimed: set[str] = set()  # an alias belongs to the first name that takes it
    surnames = _surnames(first, votes)
    for name, proposal in first.items():
        if name in surnames and votes[name]["person"] + 3 > max(votes[name].values()):
            continue  # "Dole" said alone is Bob Dole, not the small town of that name
        ranked = sorted(votes[name].items(), key=lambda item: -item[1])
        kind, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        certain = clear[name] > 0 and second < CLEAR_LEAD * top
        kept = tuple(sorted(a for a in aliases[name].get(kind, set()) if a not in claimed))
        merged.append(
            replace(
                proposal,
                type=kind,  # type: ignore[arg-type]
                status="proposed" if certain else "uncertain",
                aliases=kept,
                evidence=tuple(
                    (label, cue_type, intrinsic, weight)
                    for (label, cue_type, intrinsic), weight in sorted(evidence[name].items())
                ),
            )
        )
        claimed.update(kept)
    return merged


def _surnames(first: dict[str, Proposal], votes: dict[str, Weights]) -> set[str]:
    """Last words of the people the site names: a lone surname refers to one of them."""
    found = set()
    for name in first:
        parts = [part for part in name.split() if part not in _SUFFIXES]
        if len(parts) > 1 and max(votes[name], key=votes[name].__getitem__) == "person":
            found.add(parts[-1])
    return found


_SUFFIXES = frozenset("Jr Jr. Sr Sr. II III IV".split())


def _lead(proposal: Proposal) -> float:
    """How far the article's evidence put its type ahead of the runner-up (capped, so a
    long article does not outvote every other; at least a little, so it counts)."""
    weights = totals(defaultdict(float, {(lab, k, i): w for lab, k, i, w in proposal.evidence}))
    ranked = sorted((weights[k] for k in NAMED), reverse=True)
    return max(0.25, min(ranked[0] - ranked[1], 6.0)) if proposal.evidence else 1.0


def _entity_for(proposal: Proposal, taken: set[str], by_name: dict[str, str]) -> Entity:
    belongs_to = by_name.get(proposal.belongs_to or "")
    return Entity(
        id=unique_slug(slugify(proposal.name, fallback="entity"), taken),
        name=proposal.name,
        type=proposal.type,
        aliases=proposal.aliases,
        description="",
        belongs_to=belongs_to,
        status="uncertain" if proposal.status == "uncertain" else "proposed",
    )
