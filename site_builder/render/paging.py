"""Pages of a newest-first list, numbered from its oldest end.

A list's own address shows its newest items: `size` of them, up to `2 * size - 1`.
Numbered pages hold fixed slices counted from the oldest item: page 1 the oldest `size`,
page 2 the next `size`, and so on. Publishing a new article therefore changes the first
page of each list it is on (and, once every `size` articles, adds a numbered page and
changes the links of the two before it), never every page after it, as newest-first
pages of fixed size would: on a site of 100,000 articles that was thousands of pages per
new article. A page's links depend on the number of pages only near the newest end, so
the other pages keep their fingerprints too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LATEST = 0  # the list's own address: its newest items

_NEIGHBOURS = 2  # numbered pages linked on either side of the page shown


@dataclass(frozen=True)
class PageLink:
    label: str
    href: str | None  # None: the page shown
    gap_before: bool = False  # pages between this link and the one before are skipped


@dataclass(frozen=True)
class PageNav:
    """What a page's pagination shows; part of the page's fingerprint."""

    newer: str | None
    older: str | None
    links: tuple[PageLink, ...]


@dataclass(frozen=True)
class Paging:
    total: int
    size: int

    @property
    def numbered(self) -> int:
        """How many numbered pages there are besides the latest."""
        return max(0, self.total // self.size - 1)

    def pages(self) -> range:
        """LATEST, then the numbered pages from the oldest."""
        return range(LATEST, self.numbered + 1)

    def window(self, page: int) -> slice:
        """The slice of the newest-first list that `page` shows."""
        if page == LATEST:
            return slice(0, self.total - self.numbered * self.size)
        return slice(self.total - page * self.size, self.total - (page - 1) * self.size)

    def nav_key(self, page: int) -> tuple[int, int]:
        """What `nav(page, ...)` depends on, for fingerprints (cheaper than the links):
        a numbered page's links depend on the number of pages only within a few pages
        of the newest end."""
        last = self.numbered
        return (page, last if page == LATEST else min(last, page + _NEIGHBOURS + 1))

    def nav(self, page: int, here: str, path_of: Callable[[int], str]) -> PageNav:
        """Links from `page` (at `here`) to the latest page, the oldest, and the numbered
        pages near it; never to every page (hundreds of them on a large list)."""
        last = self.numbered
        if last == 0:
            return PageNav(None, None, ())
        near = page if page != LATEST else last
        numbers = sorted(
            {1, *range(max(1, near - _NEIGHBOURS), min(last, near + _NEIGHBOURS) + 1)},
            reverse=True,
        )
        links = [PageLink("Latest", None if page == LATEST else _href(here, path_of(LATEST)))]
        previous = last + 1
        for number in numbers:
            href = None if number == page else _href(here, path_of(number))
            links.append(PageLink(str(number), href, gap_before=previous - number > 1))
            previous = number
        newer = None if page == LATEST else path_of(page + 1 if page < last else LATEST)
        older = None if page == 1 else path_of(last if page == LATEST else page - 1)
        return PageNav(
            newer and _href(here, newer),
            older and _href(here, older),
            tuple(links),
        )


def _href(here: str, target: str) -> str:
    """A relative link from the page at `here` to the page at `target` (index.html paths)."""
    here_parts = here.split("/")[:-1]
    target_parts = target.removesuffix("index.html").split("/")[:-1]
    common = 0
    while (
        common < min(len(here_parts), len(target_parts))
        and here_parts[common] == target_parts[common]
    ):
        common += 1
    relative = "../" * (len(here_parts) - common) + "".join(
        part + "/" for part in target_parts[common:]
    )
    return relative or "./"
