"""`site-build check --links`: crawl the built site as it is served under its sub-path.

Every href and src of every HTML page is resolved the way a browser would resolve it on
`https://host<base path><page>`; a link inside the site must land on a file (a folder
means its index.html) and, with a #fragment, on an element with that id.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

ORIGIN = "https://site.invalid"
_LINK_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("form", "action"),
}


@dataclass(frozen=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: broken link {self.target!r} ({self.reason})"


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if (tag, name) in _LINK_ATTRIBUTES and value is not None:
                self.links.append(value)


def check_links(site: Path, base_path: str = "/") -> list[BrokenLink]:
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    pages = {path.relative_to(site).as_posix(): path for path in site.rglob("*.html")}
    parsed: dict[str, _PageParser] = {}

    def parse(relative: str) -> _PageParser:
        if relative not in parsed:
            parser = _PageParser()
            parser.feed(pages[relative].read_text(encoding="utf-8", errors="replace"))
            parsed[relative] = parser
        return parsed[relative]

    broken: list[BrokenLink] = []
    for relative in sorted(pages):
        page_url = ORIGIN + base_path + relative.removesuffix("index.html")
        if relative == "404.html":
            page_url = ORIGIN + base_path + "no/such/page/"  # served for any missing address
        for link in parse(relative).links:
            if link.startswith("#"):
                own = parse(relative).ids
                problem = (
                    None
                    if link in ("#", "#top") or link[1:] in own
                    else (f"no element with id {link[1:]!r}")
                )
            else:
                problem = _problem(site, base_path, page_url, link, pages, parse)
            if problem:
                broken.append(BrokenLink(relative, link, problem))
    return broken


def _problem(
    site: Path, base_path: str, page_url: str, link: str, pages: dict[str, Path], parse: object
) -> str | None:
    if not link.strip():
        return "empty link"
    url = urlsplit(urljoin(page_url, link.strip()))
    if url.scheme in ("mailto", "tel", "data", "javascript"):
        return "script link" if url.scheme == "javascript" else None
    if f"{url.scheme}://{url.netloc}" != ORIGIN:
        return None  # another host: not ours to check offline
    path = unquote(url.path)
    if not path.startswith(base_path):
        return f"outside the site's base path {base_path}"
    relative = PurePosixPath(path[len(base_path) :])
    if ".." in relative.parts:
        return "escapes the site"
    target = site.joinpath(*relative.parts) if relative.parts else site
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return "no such file"
    if url.fragment:
        key = target.relative_to(site).as_posix()
        if key in pages and url.fragment not in parse(key).ids:  # type: ignore[operator]
            return f"no element with id {url.fragment!r}"
    return None
