"""Figures found by rules: counts, money, percentages and measures, with a normalised value."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .triggers import Triggers, matches_near

_APPROX = (
    r"(?i:(?:around|about|nearly|almost|some|roughly|approximately|an estimated|more than|"
    r"less than|fewer than|over|under|up to|at least|as many as|as much as|just over|"
    r"just under|well over|close to)\s+)"
)
_CURRENCY_SIGN = r"(?:US\$|A\$|C\$|HK\$|R\$|GH₵|[$€£¥₹₽₦₵₺₩₱]|(?:[A-Z]{3}) (?=\d))"
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SPELLED = (
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|one hundred|a dozen|"
    r"a thousand)"
)
_SMALL_SPELLED = r"(?:one|two|three|four|five|six|seven|eight|nine|a few|several|a|half a)"
_SCALE = r"(?:thousand|million|billion|trillion|bn|m|crore|lakh)"
_UNIT = (
    r"(?:percent|per cent|percentage points?|%|euros?|dollars?|pounds?|yuan|yen|roubles?|"
    r"rubles?|rupees?|pesos?|reais|real|naira|shillings?|rand|francs?|won|dong|tenge|zloty|"
    r"km|kilometres?|kilometers?|miles?|metres?|meters?|m|cm|mm|kg|kilograms?|tonnes?|tons?|"
    r"hectares?|acres?|degrees?|litres?|liters?|barrels?|MW|GW|kWh|megawatts?|gigawatts?|"
    r"rupiah|lira|liras|kroner|krone|kronor|krona|ringgit|baht|dirhams?|riyals?|shekels?|"
    r"°C|°F|℃|degrees Celsius|degrees Fahrenheit|"
    r"rupiah|crore rupees|lakh rupees|crore|lakh|cubic (?:feet|metres|meters)|square (?:kilometres|"
    r"kilometers|miles|metres|meters)|feet|minutes?|hours?|days?|weeks?|months?|years?)"
)
_COUNTED = r"(?:[a-z][a-z-]*s|people|children|men|women|staff|personnel|police|cattle|feet)"
_VAGUE = r"(?i:tens of thousands|hundreds of thousands|hundreds|thousands|millions|billions|dozens)"
_NOT_COUNTED = frozenset(
    [
        "is",
        "was",
        "has",
        "its",
        "this",
        "us",
        "thus",
        "plus",
        "less",
        "bus",
        "gas",
        "yes",
        "as",
        "always",
        "perhaps",
        "towards",
        "afterwards",
        "besides",
        "whereas",
        "this",
    ]
)

_FIGURE_RE = re.compile(
    rf"(?<![\w$€£¥₹₽.,])(?:"
    rf"(?P<vague>{_VAGUE})\s+of\s+(?P<vnoun>{_COUNTED})"
    rf"|(?P<compound>(?P<cnum>\d+(?:\.\d+)?)-(?:year|month|week|day|hour|minute|second|km|"
    rf"kilometre|kilometer|mile|metre|meter|storey|story|seat|point|man|member|page)(?:-old)?)\b"
    rf"|(?P<ordinal>(?P<onum>\d+)(?:st|nd|rd|th))\b"
    rf"|(?P<approx>{_APPROX})?(?:(?P<cur>{_CURRENCY_SIGN})\s?)?"
    rf"(?P<num>{_NUMBER}|{_SPELLED}|{_SMALL_SPELLED}(?=\s+{_SCALE}\b))"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?"
    rf"(?:\s?(?P<unit>{_UNIT})(?![\w]))?"
    rf"(?:\s+(?P<noun>{_COUNTED})\b)?"
    rf")"
)
_SCALES = {
    "crore": 10**7,
    "lakh": 10**5,
    "thousand": 10**3,
    "million": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}
_WORD_VALUES = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a hundred": 100,
    "one hundred": 100,
    "a dozen": 12,
    "a thousand": 1000,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "a": 1,
    "half a": 0.5,
    "a few": 3,
    "several": 3,
}
_VAGUE_VALUES = {
    "dozens": 12,
    "hundreds": 100,
    "thousands": 1000,
    "tens of thousands": 10**4,
    "hundreds of thousands": 10**5,
    "millions": 10**6,
    "billions": 10**9,
}
_YEARLIKE = re.compile(r"^(?:1[5-9]\d\d|20\d\d)$")


@dataclass(frozen=True)
class FigureSpan:
    start: int
    end: int
    text: str
    value: str


_TRIGGERS = Triggers(
    [word for word in (*_WORD_VALUES, *_VAGUE_VALUES) if len(word) > 2],
    digits=True,
    signs="$€£¥₹₽₦₵₺₩₱",
)


def find_figures(text: str) -> list[FigureSpan]:
    spans: list[FigureSpan] = []
    positions = _TRIGGERS.positions(text)
    for match in matches_near(_FIGURE_RE, text, positions, back=24, ahead=80):
        if match["compound"] or match["ordinal"]:
            number = match["cnum"] or match["onum"]
            spans.append(FigureSpan(match.start(), match.end(), match.group(), number))
            continue
        if match["vague"]:
            value = f">{_VAGUE_VALUES[match['vague'].lower()]}"
            spans.append(FigureSpan(match.start(), match.end(), match.group(), value))
            continue
        number, scale, unit, noun = match["num"], match["scale"], match["unit"], match["noun"]
        bare = not (match["approx"] or match["cur"] or scale or unit)
        if bare and _YEARLIKE.match(number):
            continue  # a year: the date rules own it
        if not number[0].isdigit() and not (scale or unit or noun):
            continue  # "ten" alone is prose, not a figure
        if scale == "m" and not match["cur"]:
            scale, unit = None, "m"
        end = match.end()
        if noun and (noun in _NOT_COUNTED or noun.endswith(("ss", "us"))):
            end = match.start("noun")
        text_span = text[match.start() : end].rstrip()
        end = match.start() + len(text_span)
        spans.append(FigureSpan(match.start(), end, text_span, _normalise(number, scale, unit)))
    return spans


def _normalise(number: str, scale: str | None, unit: str | None) -> str:
    base = _WORD_VALUES.get(number.lower())
    amount = float(base) if base is not None else float(number.replace(",", ""))
    amount *= _SCALES.get(scale or "", 1)
    shown = f"{amount:.0f}" if amount == int(amount) else f"{amount:g}"
    if unit in ("%", "percent", "per cent"):
        return shown + "%"
    return shown
