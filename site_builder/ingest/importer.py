"""Stage 1: seeds/*.txt -> content/articles/<slug>.md, never overwriting a person's edits.

`content/.imports.json` remembers, per article, the seed it came from and a hash of the file
as site-build wrote it. A content file whose hash differs was edited by a person: it is
reported and left alone unless the user says --force.

A seed is followed by its content hash when its file is renamed (its article keeps its
slug, no duplicate). An article deleted while its seed remains is *retired*: its slug goes
into the manifest's `retired` list and the seed is not imported again until
`site-build import --unretire SLUG` (or the file is restored).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: no lock; two imports at once are then the user's to avoid
    fcntl = None  # type: ignore[assignment]

from .. import __version__
from ..annotate import Annotator
from ..errors import SiteBuilderError, UsageError
from ..models import NAMED_TYPES, Entity, Seed
from ..parallel import run_parallel
from ..paths import SitePaths, file_names, write_atomic
from ..render.markdown import RenderContext, create_markdown
from ..slugs import slugify, unique_slug
from ..sources.frontmatter import dump_front_matter, split_front_matter
from ..sources.knowledge import KnowledgeBase
from ..sources.knowledge_file import append_entities
from ..sources.limits import article_limit
from ..sources.seeds import read_seed
from .seed_hashes import SeedHashes


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept_edited: list[Path] = field(default_factory=list)
    proposed: list[Entity] = field(default_factory=list)
    errors: list[SiteBuilderError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)  # newly retired slugs


def import_seeds(
    paths: SitePaths,
    knowledge: KnowledgeBase,
    *,
    force: bool = False,
    unretire: Sequence[str] = (),
) -> tuple[ImportReport, KnowledgeBase]:
    """Import new and changed seeds; returns the knowledge base grown by discovery."""
    # Two builds importing at once would both append the same proposed entities to
    # entities.yml: the second waits for the first, then finds its work done.
    with _import_lock(paths.cache):
        return _import_seeds(paths, knowledge, force, unretire)


@contextlib.contextmanager
def _import_lock(cache: Path) -> Iterator[None]:
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / "import.lock", "a+b") as file:
        if fcntl is not None:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(file.fileno(), fcntl.LOCK_UN)


def _import_seeds(
    paths: SitePaths, knowledge: KnowledgeBase, force: bool, unretire: Sequence[str]
) -> tuple[ImportReport, KnowledgeBase]:
    report = ImportReport()
    state = _load_manifest(paths.import_manifest)
    manifest: dict[str, dict[str, str]] = state["articles"]
    # Names site-build proposed before: if an editor deleted one, it stays deleted.
    ever_proposed: set[str] = set(state["proposed"])
    retired: set[str] = set(state["retired"])
    for name in unretire:
        if name not in retired:
            listed = ", ".join(sorted(retired)) or "none"
            raise UsageError(f"{name!r} is not a retired article (retired: {listed})")
        retired.discard(name)
    slug_of_seed = {entry["seed"]: slug for slug, entry in manifest.items()}
    existing = {name.removesuffix(".md") for name in file_names(paths.articles, ".md")}
    retired -= existing  # an article restored by hand is no longer retired
    taken = existing | set(manifest)
    hashes = SeedHashes(paths.cache)
    pending: list[tuple[Seed, str, str, Path, dict[str, str]]] = []
    seeds, articles = paths.seeds, paths.articles
    names = sorted(file_names(seeds, ".txt"))
    moved = _moved_seeds(manifest, {f"seeds/{_readable(name)}" for name in names})
    limit = article_limit(paths.root)
    renames = 0
    for name in names:
        seed_file = f"seeds/{_readable(name)}"
        slug = slug_of_seed.get(seed_file)
        renamed = False
        if slug is None and moved and os.path.isfile(os.path.join(seeds, name)):
            # A renamed seed: the article its bytes made follows it.
            slug = moved.pop(hashes.sha256(os.path.join(seeds, name)), None)
            if slug is not None:
                slug_of_seed[seed_file], renamed = slug, True
                renames += 1
                manifest[slug] = {**manifest[slug], "seed": seed_file}
        if slug is not None and slug not in existing and slug in manifest:
            if slug not in retired and slug not in unretire:
                report.retired.append(slug)
                retired.add(slug)
                report.warnings.append(
                    f"{articles / slug}.md was deleted: retired, so {seed_file} is not "
                    f"imported again ('site-build import --unretire {slug}' brings it back)"
                )
            if slug in retired:
                continue
        if (
            slug is not None
            and not renamed
            and not force
            and slug in existing
            and manifest[slug].get("version") == __version__
            and hashes.sha256(os.path.join(seeds, name)) == manifest[slug].get("seed_sha256")
        ):
            report.unchanged.append(articles / f"{slug}.md")
            continue
        seed_path = seeds / name
        try:
            seed = read_seed(seed_path, max_bytes=limit, notes=report.warnings)
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
    # A proposed name's evidence is kept between imports, so new articles re-weigh it.
    # With no seed to import there is no new evidence, so nothing to weigh again (and the
    # store, large on a large site, is neither read nor written).
    evidence_file = paths.evidence_file
    reweighed = None
    if pending:
        # Imported here: discovery's word lists take 0.15 s to load, which a build with
        # no new seed (every edit in the preview or from the command line) need not pay.
        from ..annotate.evidence_store import load_store
        from .discovery import reweigh

        reweighed = reweigh(
            knowledge,
            [(seed_file, seed) for seed, _, seed_file, *_ in pending],
            ever_proposed,
            load_store(evidence_file),
        )
        knowledge, report.proposed = reweighed.knowledge, reweighed.added
    ever_proposed.update(entity.name for entity in report.proposed)
    texts: list[str] = []
    if pending:  # an annotator costs 0.2 s to make: not for an import with nothing new
        annotator = Annotator(knowledge)
        texts = run_parallel(
            lambda job: content_file_text(job[0], job[1], job[2], annotator), pending
        )
    for (seed, slug, seed_file, target, entry), text in zip(pending, texts, strict=True):
        if target.exists():
            current = target.read_text(encoding="utf-8", errors="replace")
            if current == text:
                report.unchanged.append(target)
            elif not force and _sha256(current) != entry.get("content_sha256"):
                report.kept_edited.append(target)
                continue
            else:
                write_atomic(target, text)
                report.written.append(target)
        else:
            write_atomic(target, text)
            report.written.append(target)
        manifest[slug] = {
            "seed": seed_file,
            "seed_sha256": seed.sha256,
            "content_sha256": _sha256(text),
            "version": __version__,
        }
    append_entities(paths.entities_file, report.proposed)
    if reweighed is not None:
        from ..annotate.evidence_store import retype_entities, save_store

        retype_entities(paths.entities_file, reweighed.retyped)
        save_store(evidence_file, reweighed.store)
    hashes.save()
    changed = report.written or report.proposed or renames or retired != set(state["retired"])
    if changed or not paths.import_manifest.exists():
        state = {"articles": manifest, "proposed": sorted(ever_proposed)}
        if retired:
            state["retired"] = sorted(retired)
        write_atomic(paths.import_manifest, json.dumps(state, indent=1, sort_keys=True) + "\n")
    return report, knowledge


def _readable(name: str) -> str:
    """A file name as valid UTF-8: bytes that are not (kept by os as surrogates) become
    U+FFFD, so the name can be written into YAML and JSON and read back."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _moved_seeds(manifest: dict[str, dict[str, str]], present: set[str]) -> dict[str, str]:
    """seed sha256 -> slug, for manifest entries whose seed file is gone (maybe renamed)."""
    return {
        entry["seed_sha256"]: slug
        for slug, entry in manifest.items()
        if entry["seed"] not in present and entry.get("seed_sha256")
    }


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
        return {"articles": {}, "proposed": [], "retired": []}
    if not path.is_file():
        raise SiteBuilderError("the import manifest must be a file, not a folder", path=path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise _corrupt(path, str(error)) from None
    if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
        raise _corrupt(path, "expected an object with 'articles'")
    for slug, entry in data["articles"].items():
        if not isinstance(entry, dict) or not isinstance(entry.get("seed"), str):
            raise _corrupt(path, f"the entry of {slug!r} has no 'seed' file name")
        if not all(isinstance(value, str) for value in entry.values()):
            raise _corrupt(path, f"the entry of {slug!r} must hold only texts")
    lists = {key: data.get(key) or [] for key in ("proposed", "retired")}
    for key, value in lists.items():
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise _corrupt(path, f"{key!r} must be a list of texts")
    return {"articles": data["articles"], **lists}


def _corrupt(path: Path, problem: str) -> SiteBuilderError:
    return SiteBuilderError(
        f"corrupt import manifest: {problem}; fix it, or delete it (every existing article "
        "is then kept as if edited by hand, and nothing is overwritten)",
        path=path,
    )


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
