"""Import-time discovery: turn proposals into knowledge-base records marked `proposed`
(or `uncertain`, when the evidence is weak or split: proposed, but not highlighted).

Across imports, a name's type follows the weight of all of its evidence: the evidence of
every proposed name is kept per article (annotate/evidence_store.py), so a later import
re-weighs it with the new articles' evidence and may change a proposed record's type or
status. A `reviewed` record is never changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..annotate.discover import CLEAR_LEAD, NAMED, Evidence, Proposal, Weights, discover, totals
from ..annotate.evidence_store import Kept, Store
from ..models import Entity, Seed
from ..slugs import slugify, unique_slug
from ..sources.knowledge import KnowledgeBase

_UNREVIEWED = ("proposed", "uncertain")


@dataclass(frozen=True)
class Reweighed:
    knowledge: KnowledgeBase
    added: list[Entity]  # new records
    retyped: list[Entity] = field(default_factory=list)  # proposed records whose type changed
    store: Kept = field(default_factory=Kept)  # the evidence to keep for the next import


def propose_for_seeds(
    knowledge: KnowledgeBase, seeds: list[Seed], blocked: set[str]
) -> tuple[KnowledgeBase, list[Entity]]:
    """Discovery for many seeds at once: each seed is read against the same knowledge base
    (in parallel), then the proposals are merged in seed order. A name proposed by several
    seeds takes the type of the weight of all their evidence, not the first seed's vote."""
    result = reweigh(knowledge, [(str(seed.path), seed) for seed in seeds], blocked, Kept())
    return result.knowledge, result.added


def reweigh(
    knowledge: KnowledgeBase, seeds: list[tuple[str, Seed]], blocked: set[str], kept: Kept
) -> Reweighed:
    """Discovery for the seeds (each keyed by its seed file), weighed together with the
    evidence `stored` by earlier imports: new names become records, and a proposed or
    uncertain record takes the type and status all of its evidence gives it now."""
    from ..parallel import run_parallel

    stored = kept.evidence
    edited = {
        entity.name
        for entity in knowledge.entities.values()
        if entity.status in _UNREVIEWED
        and kept.assigned.get(entity.name, (entity.type, entity.status))
        != (entity.type, entity.status)
    }
    # Records discovery still manages: not reviewed, and not edited by an editor since.
    unreviewed = {
        entity.name: entity
        for entity in knowledge.entities.values()
        if entity.status in _UNREVIEWED and entity.name not in edited
    }
    known = {form for form, _ in knowledge.surface_forms()} | set(knowledge.never_annotate)
    # A proposed record's own name is weighed again; its aliases and surname stay claimed.
    searched = known - set(unreviewed)
    found = run_parallel(lambda seed: discover(seed[1], searched, blocked - set(unreviewed)), seeds)
    store = _updated_store(stored, [key for key, _ in seeds], found, unreviewed)
    for name, entity in unreviewed.items():
        if name not in stored:  # proposed before evidence was kept: its type is one vote
            store.setdefault(name, {})[_BEFORE] = _vote_of(entity)
    earlier = _earlier_votes(store, unreviewed, {key for key, _ in seeds})
    merged = _merge([*earlier, *found])
    entities = dict(knowledge.entities)
    by_name = {entity.name: entity.id for entity in entities.values()}
    added: list[Entity] = []
    retyped: list[Entity] = []
    for proposal in merged:
        record = unreviewed.get(proposal.name)
        if record is not None:
            status = "uncertain" if proposal.status == "uncertain" else "proposed"
            if (record.type, record.status) != (proposal.type, status):
                changed = replace(record, type=proposal.type, status=status)  # type: ignore[arg-type]
                entities[record.id] = changed
                retyped.append(changed)
            continue
        if proposal.name in known:
            continue
        entity = _entity_for(proposal, set(entities), by_name)
        entities[entity.id] = entity
        by_name[entity.name] = entity.id
        added.append(entity)
        # Only names and aliases: a person's surname must not hide a place of that name.
        known.update((entity.name, *entity.aliases))
    managed = {
        entity.name: (entity.type, entity.status)
        for entity in entities.values()
        if entity.status in _UNREVIEWED and entity.name not in edited
    }
    assigned = {name: kept.assigned[name] for name in edited} | managed
    store = {name: by_seed for name, by_seed in store.items() if name in managed}
    return Reweighed(replace(knowledge, entities=entities), added, retyped, Kept(store, assigned))


def _updated_store(
    stored: Store,
    keys: list[str],
    found: list[list[Proposal]],
    unreviewed: dict[str, Entity],
) -> Store:
    """The stored evidence with the imported seeds' entries replaced by what they say now."""
    imported = set(keys)
    store: Store = {
        name: {seed: entry for seed, entry in by_seed.items() if seed not in imported}
        for name, by_seed in stored.items()
    }
    for key, proposals in zip(keys, found, strict=True):
        for proposal in proposals:
            store.setdefault(proposal.name, {})[key] = proposal
    return {name: by_seed for name, by_seed in store.items() if by_seed}


def _earlier_votes(
    store: Store, unreviewed: dict[str, Entity], imported: set[str]
) -> list[list[Proposal]]:
    """What earlier imports said about the proposed names, one list per earlier seed."""
    by_seed: defaultdict[str, list[Proposal]] = defaultdict(list)
    for name in unreviewed:
        for seed, proposal in store.get(name, {}).items():
            if seed not in imported:
                by_seed[seed].append(proposal)
    return [by_seed[seed] for seed in sorted(by_seed)]


_BEFORE = "(proposed before its evidence was kept)"


def _vote_of(record: Entity) -> Proposal:
    """A record proposed before evidence was kept: its evidence is unknown, but a
    `proposed` one was clear, so it counts as a clear vote and one slight cue in a new
    article does not overturn it."""
    weight = 2.0 if record.status == "proposed" else 1.0
    cue = ("proposed before its evidence was kept", record.type, True, weight)
    return Proposal(record.name, record.type, status=record.status, evidence=(cue,))


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
