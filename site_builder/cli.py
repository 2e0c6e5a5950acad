"""The `site-build` command: the only place where errors become messages and exit codes."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import ContentErrors, SiteBuilderError, UsageError
from .paths import SitePaths

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    root = Path(args.root)
    if not root.is_dir():
        parser.error(f"--root {args.root!r} is not a folder")
    paths = SitePaths(root)
    try:
        _check_site(paths, args)
        return int(args.run(paths, args))
    except UsageError as error:
        print(f"site-build: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ContentErrors as collected:
        for problem in collected.errors:
            print(f"error: {problem}", file=sys.stderr)
        print(
            f"site-build: {len(collected.errors)} error(s); nothing was published", file=sys.stderr
        )
        return EXIT_CONTENT
    except SiteBuilderError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        return 130
    except OSError as error:
        # Disk full, no permission, a folder where a file belongs: the system's words
        # and the file they are about, not a traceback.
        where = f"{error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_CONTENT
    except Exception as error:  # the one place where a bug becomes a message
        if args.debug:
            traceback.print_exc()
        print(
            f"site-build: internal error: {type(error).__name__}: {error}"[:500]
            + " - this is a bug in site-build, please report this"
            + ("" if args.debug else " (run again with --debug for the traceback)"),
            file=sys.stderr,
        )
        return EXIT_CONTENT


def _check_site(paths: SitePaths, args: argparse.Namespace) -> None:
    """Refuse to treat a folder that is not a site as one: a build there would create
    content/, dist/ and a cache in, say, the home folder."""
    if args.run is _run_new:
        return
    markers = (paths.config_file, paths.seeds, paths.content)
    if not any(marker.exists() for marker in markers):
        raise UsageError(
            f"{paths.root} is not a site (no site.yml, seeds/ or content/): "
            f"create one with 'site-build new DIR', or pass --root DIR"
        )


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port: use 1-65535, or 0 for any free")
    return port


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="site-build",
        description="Build annotated news reading pages from seed articles.",
    )
    parser.add_argument("--version", action="version", version=f"site-build {__version__}")
    parser.add_argument("--root", default=".", help="the site's folder (default: current folder)")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an internal error"
    )
    parser.set_defaults(run=_run_build, base_url=None, force=False)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    build = commands.add_parser("build", help="import new or changed seeds, then build dist/")
    build.add_argument(
        "--base-url",
        help="absolute URL the site is served from, e.g. "
        "https://user.github.io/repo/ (default: site.yml, else relative links)",
    )
    build.add_argument("--force", action="store_true", help="re-import seeds over edited content")
    build.set_defaults(run=_run_build)

    importer = commands.add_parser("import", help="turn seeds/*.txt into content/articles/*.md")
    importer.add_argument(
        "--force", action="store_true", help="overwrite content files that were edited by hand"
    )
    importer.add_argument(
        "--unretire",
        metavar="SLUG",
        action="append",
        default=[],
        help="import again the article SLUG that was deleted (retired); repeatable",
    )
    importer.set_defaults(run=_run_import)

    deploy = commands.add_parser("deploy", help="build, then push dist/ to a branch (gh-pages)")
    deploy.add_argument("--remote", help="git remote name or URL (default: site.yml, else origin)")
    deploy.add_argument("--branch", help="branch to publish (default: site.yml, else gh-pages)")
    deploy.add_argument("--message", default="Deploy site", help="commit message")
    deploy.add_argument("--base-url", help="absolute URL the site is served from")
    deploy.set_defaults(run=_run_deploy)

    serve = commands.add_parser("serve", help="build, serve and rebuild on every save")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    serve.add_argument("--port", type=_port, default=8000, help="port (default 8000; 0: any free)")
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    serve.set_defaults(run=_run_serve)

    new = commands.add_parser("new", help="scaffold a new site in DIR")
    new.add_argument("directory", metavar="DIR")
    new.set_defaults(run=_run_new)

    check = commands.add_parser("check", help="validate seeds, content, entities and site.yml")
    check.add_argument(
        "--links",
        action="store_true",
        help="also crawl dist/ for broken internal links, anchors and assets",
    )
    check.add_argument(
        "--base-url",
        help="check links as served from this URL's path (default: base_url in site.yml)",
    )
    check.add_argument(
        "--explain",
        metavar="NAME",
        help="print the evidence and weights that gave NAME its type, and its record",
    )
    check.set_defaults(run=_run_check)
    return parser


def _run_build(paths: SitePaths, args: argparse.Namespace) -> int:
    from .engine.build import BuildOptions, build
    from .engine.progress import Progress
    from .sources.config import SiteConfig

    try:
        SiteConfig().with_base_url(args.base_url)
    except ValueError as error:
        raise UsageError(str(error)) from None
    progress = Progress()
    try:
        options = BuildOptions(base_url=args.base_url, force_import=args.force, progress=progress)
        result, report = build(paths, options)
    finally:
        progress.done()
    for warning in (*report.warnings, *result.warnings):
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"built {result.articles} article(s), {result.entities} entity page(s), "
        f"{result.pages} page(s) in {result.output}"
    )
    return EXIT_OK


def _run_deploy(paths: SitePaths, args: argparse.Namespace) -> int:
    from .commands.deploy import check_target, deploy_folder
    from .sources.config import load_config

    config = load_config(paths.config_file)
    target = check_target(
        paths.root, args.remote or config.deploy.remote, args.branch or config.deploy.branch
    )
    _run_build(paths, args)
    result = deploy_folder(paths.output, target, args.message)
    print(
        f"deployed {result.files} files to {result.remote} {result.branch} ({result.commit[:10]})"
    )
    return EXIT_OK


def _run_serve(paths: SitePaths, args: argparse.Namespace) -> int:
    from .serve.server import serve

    serve(paths, args.host, args.port, args.open)  # a failed bind is a UsageError
    return EXIT_OK


def _run_new(paths: SitePaths, args: argparse.Namespace) -> int:
    from .commands.new import create_site

    created = create_site(Path(args.directory))
    print(
        f"created a site in {created.root}: put seed articles in {created.seeds}, then run "
        f"'site-build --root {created.root} build'"
    )
    return EXIT_OK


def _run_import(paths: SitePaths, args: argparse.Namespace) -> int:
    from .ingest.importer import import_seeds
    from .sources.knowledge import load_knowledge_base

    report, _ = import_seeds(
        paths, load_knowledge_base(paths.entities_file), force=args.force, unretire=args.unretire
    )
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in report.written:
        print(f"imported {path}")
    if report.proposed:
        print(
            f"proposed {len(report.proposed)} new entities in {paths.entities_file}; "
            "review them ('site-build check' lists them)"
        )
    for path in report.kept_edited:
        print(f"kept {path}: edited by hand since import (use --force to replace)", file=sys.stderr)
    print(
        f"{len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.kept_edited)} kept, {len(report.errors)} failed"
    )
    if report.errors:
        raise ContentErrors(report.errors)
    return EXIT_OK


def _run_check(paths: SitePaths, args: argparse.Namespace) -> int:
    from .commands.check import check

    if args.explain:
        from .commands.check import explain_name

        print(explain_name(paths, args.explain))
        return EXIT_OK
    from .sources.knowledge import load_knowledge_base

    errors = check(paths)
    if errors:
        raise ContentErrors(errors)
    if args.links:
        _check_links(paths, args.base_url)
    proposed = load_knowledge_base(paths.entities_file).proposed()
    for entity, line in proposed:
        print(
            f"{paths.entities_file}:{line}: proposed {entity.type} {entity.name!r} "
            f"(id {entity.id}) awaits review"
        )
    if proposed:
        print(f"{len(proposed)} proposed entities: set 'status: reviewed', fix or delete them")
    print("no problems found")
    return EXIT_OK


def _check_links(paths: SitePaths, base_url: str | None) -> None:
    from .commands.linkcheck import check_links
    from .sources.config import load_config

    try:
        config = load_config(paths.config_file).with_base_url(base_url)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if not (paths.output / "index.html").is_file():
        raise SiteBuilderError("nothing to check: build the site first", path=paths.output)
    broken = check_links(paths.output, config.base_path)
    if broken:
        raise ContentErrors(SiteBuilderError(str(link)) for link in broken)
    print(f"links: every internal link, anchor and asset resolves under {config.base_path}")


if __name__ == "__main__":
    sys.exit(main())
