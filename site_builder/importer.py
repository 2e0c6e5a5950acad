"""Stage 1: seeds/*.txt -> content/articles/<slug>.md, never overwriting a person's edits.

`content/.imports.json` remembers, per article, the seed it came from and a hash of the file
as site-build wrote it. A content file whose hash differs was edited by a person: it is
reported and left alone unless the user says --force.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .annotate import Annotator
from .discovery import propose_for_seeds
from .errors import SiteBuilderError
from .frontmatter import dump_front_matter, split_front_matter
from .knowledge import KnowledgeBase
from .knowledge_file import append_entities
from .markdown import RenderContext, create_markdown
from .models import NAMED_TYPES, Entity, Seed
from .parallel import run_parallel
from .paths import SitePaths, file_names
from .seed_hashes import SeedHashes
from .seeds import read_seed
from .slugs import slugify, unique_slug


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept_edited: list[Path] = field(default_factory=list)
    proposed: list[Entity] = field(default_factory=list)
    errors: list[SiteBuilderError] = field(default_factory=list)


def import_seeds(
    paths: SitePaths, knowledge: KnowledgeBase, *, force: bool = False
) -> tuple[ImportReport, KnowledgeBase]:
    """Import new and changed seeds; returns the knowledge base grown by discovery."""
    report = ImportReport()
    state = _load_manifest(paths.import_manifest)
    manifest: dict[str, dict[str, str]] = state["articles"]
    # Names site-build proposed before: if an editor deleted one, it stays deleted.
    ever_proposed: set[str] = set(state["proposed"])
    slug_of_seed = {entry["seed"]: slug for slug, entry in manifest.items()}
    existing = {name.removesuffix(".md") for name in file_names(paths.articles, ".md")}
    taken = existing | set(manifest)
    hashes = SeedHashes(paths.cache)
    pending: list[tuple[Seed, str, str, Path, dict[str, str]]] = []
    seeds, articles = paths.seeds, paths.articles
    for name in sorted(file_names(seeds, ".txt")):
        seed_file = f"seeds/{name}"
        slug = slug_of_seed.get(seed_file)
        if (
            slug is not None
            and not force
            and slug in existing
            and manifest[slug].get("version") == __version__
            and hashes.sha256(os.path.join(seeds, name)) == manifest[slug].get("seed_sha256")
        ):
            report.unchanged.append(articles / f"{slug}.md")
            continue
        seed_path = seeds / name
        try:
            seed = read_seed(seed_path)
        except SiteBuilderError as error:
            report.errors.append(error)
            continue
        except OSError as error:
            report.errors.append(SiteBuilderError(f"cannot read: {error.strerror}", path=seed_path))
            continue
        slug = slug_of_seed.get(seed_file) or _adopted_slug(paths, seed, seed_file)
        if slug is None:
            slug = unique_slug(slugify(seed.title), taken)
            taken.add(slug)
        target = paths.articles / f"{slug}.md"
        entry = manifest.get(slug, {})
        pending.append((seed, slug, seed_file, target, entry))
    # Discovery and annotation read each seed on its own: both run across cores.
    knowledge, report.proposed = propose_for_seeds(
        knowledge, [seed for seed, *_ in pending], ever_proposed
    )
    ever_proposed.update(entity.name for entity in report.proposed)
    annotator = Annotator(knowledge)
    texts = run_parallel(lambda job: content_file_text(job[0], job[1], job[2], annotator), pending)
    for (seed, slug, seed_file, target, entry), text in zip(pending, texts, strict=True):
        if target.exists():
            current = target.read_text(encoding="utf-8", errors="replace")
            if current == text:
                report.unchanged.append(target)
            elif not force and _sha256(current) != entry.get("content_sha256"):
                report.kept_edited.append(target)
                continue
            else:
                _write_atomic(target, text)
                report.written.append(target)
        else:
            _write_atomic(target, text)
            report.written.append(target)
        manifest[slug] = {
            "seed": seed_file,
            "seed_sha256": seed.sha256,
            "content_sha256": _sha256(text),
            "version": __version__,
        }
    append_entities(paths.entities_file, report.proposed)
    hashes.save()
    if report.written or report.proposed or not paths.import_manifest.exists():
        state = {"articles": manifest, "proposed": sorted(ever_proposed)}
        _write_atomic(paths.import_manifest, json.dumps(state, indent=1, sort_keys=True) + "\n")
    return report, knowledge


def content_file_text(seed: Seed, slug: str, seed_file: str, annotator: Annotator) -> str:
    meta: dict[str, Any] = {
        "title": seed.title,
        "slug": slug,
        "date": seed.date,
        "authors": [{"name": author.name, "url": author.url} for author in seed.authors],
        "source": {"url": seed.source.url, "publisher": seed.source.publisher}
        if seed.source
        else None,
    }
    if seed.image:
        meta["image"] = {"caption": seed.image.caption, "credit": seed.image.credit}
    meta["related"] = [{"title": link.title, "url": link.url} for link in seed.related]
    meta["seed"] = {"file": seed_file, "sha256": seed.sha256}
    meta["entities"] = _entity_counts(seed, annotator)
    return dump_front_matter(meta, _literal_fences(seed.body))


def _literal_fences(body: str) -> str:
    """A '---' line in an article is text, not a front-matter fence or a Markdown rule."""
    return "\n".join("\\" + line if line.strip() == "---" else line for line in body.split("\n"))


def _entity_counts(seed: Seed, annotator: Annotator) -> dict[str, int]:
    md = create_markdown()
    context = RenderContext(annotator, seed.date, "{id}")
    env = {"context": context}
    if seed.image:
        md.parseInline(seed.image.caption, env)
        md.parseInline(seed.image.credit, env)
    md.parse(seed.body, env)
    counts: dict[str, int] = {}
    for mention in context.mentions:
        if mention.type in NAMED_TYPES:
            counts[mention.key] = counts.get(mention.key, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _adopted_slug(paths: SitePaths, seed: Seed, seed_file: str) -> str | None:
    """The article this seed was imported to before, when the manifest has forgotten it."""
    slug = slugify(seed.title)
    path = paths.articles / f"{slug}.md"
    if not path.exists():
        return None
    try:
        meta, _, _ = split_front_matter(path.read_text(encoding="utf-8"), path=path)
    except (SiteBuilderError, UnicodeDecodeError):
        return None
    recorded = meta.get("seed")
    return slug if isinstance(recorded, dict) and recorded.get("file") == seed_file else None


def _load_manifest(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"articles": {}, "proposed": []}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise SiteBuilderError(f"corrupt import manifest: {error}", path=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
        raise SiteBuilderError("corrupt import manifest: expected 'articles'", path=path)
    return {"articles": data["articles"], "proposed": list(data.get("proposed") or [])}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
