"""`site-build check --explain NAME`: the evidence and weights that gave a name its type.

Discovery is re-run on the site's seeds for that one name, so the editor sees what each
article said about it (every cue with its weight), how each article voted, and how the
votes added up across the site; then what the knowledge base holds now, since an editor's
`reviewed` record wins over any evidence.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..models import Entity, Seed
from ..sources.knowledge import KnowledgeBase
from .discover import CLEAR_LEAD, Votes, evidence_in, totals, verdict

_KINDS = ("person", "org", "place", "group", "single", "event")


def explain(name: str, seeds: list[tuple[Path, Seed]], knowledge: KnowledgeBase) -> str:
    """A report an editor can read: per article, then site-wide, then the record."""
    lines: list[str] = [f"Evidence for {name!r}:"]
    votes: defaultdict[str, float] = defaultdict(float)
    articles = clear_articles = 0
    for path, seed in seeds:
        entry = evidence_in(seed).get(name)
        if entry is None or not entry.evidence:
            continue
        articles += 1
        kind, status = verdict(entry.evidence)
        lines.append(f"\n  {path.name}: {_weights(entry)} -> {kind or 'not a name'} ({status})")
        for (label, cue_type, intrinsic), weight in sorted(
            entry.evidence.items(), key=lambda item: -item[1]
        ):
            how = "once per article" if intrinsic else "all occurrences"
            lines.append(f"    {cue_type:<7} +{weight:<5g} {label} ({how})")
        if kind is not None:
            votes[kind] += _lead(entry)
            clear_articles += status == "proposed"
    if not articles:
        lines.append("  no seed names it as a candidate")
    else:
        ranked = sorted(votes.items(), key=lambda item: -item[1])
        summary = ", ".join(f"{kind} {weight:g}" for kind, weight in ranked) or "none"
        lines.append(f"\n  site-wide votes (each article's lead, at most 6): {summary}")
        if ranked:
            top, second = ranked[0][1], (ranked[1][1] if len(ranked) > 1 else 0.0)
            clear = "clear" if clear_articles and second < CLEAR_LEAD * top else "weak or split"
            lines.append(f"  -> {ranked[0][0]} ({clear})")
    lines.append("")
    lines.append(_record(name, knowledge))
    return "\n".join(lines)


def _weights(entry: Votes) -> str:
    weights = totals(entry.evidence)
    return ", ".join(f"{kind} {weights[kind]:g}" for kind in _KINDS if weights[kind]) or "none"


def _lead(entry: Votes) -> float:
    weights = totals(entry.evidence)
    ranked = sorted((weights[kind] for kind in ("person", "org", "place", "group")), reverse=True)
    return max(0.25, min(ranked[0] - ranked[1], 6.0))


def _record(name: str, knowledge: KnowledgeBase) -> str:
    entity = _find(name, knowledge)
    if entity is None:
        return "Knowledge base: no entity has this name or alias."
    where = f", line {knowledge.lines[entity.id]}" if entity.id in knowledge.lines else ""
    verdict_text = {
        "reviewed": "reviewed by an editor: this type wins over any evidence",
        "proposed": "proposed by discovery: highlighted; review it to keep it",
        "uncertain": "uncertain: weak or split evidence, not highlighted until reviewed",
    }[entity.status]
    return (
        f"Knowledge base: {entity.id} has type {entity.type}{where}, status {entity.status} "
        f"({verdict_text})."
    )


def _find(name: str, knowledge: KnowledgeBase) -> Entity | None:
    for entity in knowledge.entities.values():
        if name == entity.name or name in entity.aliases:
            return entity
    for form, key in knowledge.surface_forms():
        if form == name:
            return knowledge.get(key)
    return None
