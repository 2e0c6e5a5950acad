"""Date expressions found by rules and resolved against the dateline and the tense.

A weekday in a past-tense sentence is the latest such day on or before the dateline; in
a future-tense sentence ("will reopen on Monday") the next one after it. Expressions with
no honest calendar anchor are resolved to None rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..sources.datelines import FULL_MONTH_NAMES, WEEKDAYS, month_number
from .triggers import Triggers, matches_near

_MONTH_WORD = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAY_WORD = "(?:" + "|".join(WEEKDAYS) + ")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d|2100)"
_PART = r"(?:early|mid|late|the end of|the start of|the beginning of)"

_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
    (
        "mdy",
        rf"\b(?:{_WEEKDAY_WORD},?\s+)?(?P<mon>{_MONTH_WORD})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?\b",
    ),
    (
        "dmy",
        rf"\b(?:{_WEEKDAY_WORD},?\s+)?(?P<d>{_DAY})\s+(?P<mon>{_MONTH_WORD})(?:,?\s+(?P<y>{_YEAR}))?\b",
    ),
    ("part_month", rf"\b(?P<part>{_PART})[- ](?P<mon>{_MONTH_WORD})(?:\s+(?P<y>{_YEAR}))?\b"),
    ("part_year", rf"\b(?P<part>{_PART})[- ](?P<y>{_YEAR})\b"),
    ("month_year", rf"\b(?P<mon>{_MONTH_WORD})\s+(?P<y>{_YEAR})\b"),
    (
        "relative",
        r"\b(?P<rel>(?:this|last|next|past|coming) (?:week|month|year|weekend)|yesterday|"
        r"today|tomorrow|(?:last|next|this) (?P<rwd>" + _WEEKDAY_WORD[3:-1] + r"))\b",
    ),
    ("weekday", rf"\b(?P<wd>{_WEEKDAY_WORD})\b"),
    ("month", rf"\b(?P<mon>{_MONTH_WORD})(?![\w-])"),
    ("decade", r"\b(?P<dec>1[5-9]\d0|20[0-9]0)s\b"),
    ("year", rf"(?<![\d$€£.,-])\b(?P<y>{_YEAR})\b(?![.,]?\d|\s*(?:%|percent|per cent))"),
]
_DATE_RE = re.compile(
    "|".join(
        f"(?P<{name}>{pattern.replace('(?P<', f'(?P<{name}_')})" for name, pattern in _PATTERNS
    )
)
_FUTURE = re.compile(
    r"\b(?:will|shall|would|next|is due|are due|due to|scheduled|plans? to|planned|"
    r"expected to|set to|is to|are to|to be held|upcoming|until|by)\b",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"[.!?]\s")


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    text: str
    value: str | None


# Most text holds no date: the full pattern runs only near a word that can start one.
_TRIGGERS = Triggers(
    [
        *FULL_MONTH_NAMES,
        *(name[:3] for name in FULL_MONTH_NAMES),
        "Sept",
        *WEEKDAYS,
        "yesterday",
        "today",
        "tomorrow",
        "early",
        "mid",
        "late",
        "the end",
        "the start",
        "the beginning",
        "this ",
        "last ",
        "next ",
        "past ",
        "coming ",
    ],
    digits=True,
)
_LOOK_BACK = 12  # "Friday, 14th March": the day comes before the month that triggers
_LOOK_AHEAD = 64


def _matches(text: str) -> list[re.Match[str]]:
    return matches_near(
        _DATE_RE, text, _TRIGGERS.positions(text), back=_LOOK_BACK, ahead=_LOOK_AHEAD
    )


def find_dates(text: str, dateline: dt.date) -> list[DateSpan]:
    spans: list[DateSpan] = []
    for match in _matches(text):
        kind = match.lastgroup or ""
        groups = {
            name[len(kind) + 1 :]: value
            for name, value in match.groupdict().items()
            if value is not None and name.startswith(kind + "_")
        }
        if kind in ("month", "weekday", "part_month", "mdy") and _is_name_part(text, match.start()):
            continue
        if (
            kind == "month"
            and groups["mon"] == "May"
            and not _looks_like_month_may(text, match.end())
        ):
            continue
        future = _is_future(text, match.start())
        value = _resolve(kind, groups, dateline, future)
        spans.append(DateSpan(match.start(), match.end(), match.group(), value))
    return spans


def _resolve(kind: str, g: dict[str, str], dateline: dt.date, future: bool) -> str | None:
    year = int(g["y"]) if "y" in g else None
    month = month_number(g["mon"].rstrip(".")) if "mon" in g else None
    if kind in ("iso", "mdy", "dmy"):
        month = int(g["m"]) if kind == "iso" else month
        day = int(re.sub(r"\D", "", g["d"]))
        year = year or _year_for_month(month or 1, dateline, future)
        try:
            return dt.date(year, month or 1, day).isoformat()
        except ValueError:
            return None
    if kind in ("part_month", "month", "month_year"):
        year = year or _year_for_month(month or 1, dateline, future)
        return f"{year:04d}-{month:02d}"
    if kind in ("part_year", "year"):
        return f"{year:04d}"
    if kind == "decade":
        return None
    if kind == "weekday":
        return _weekday(WEEKDAYS.index(g["wd"]), dateline, future, strict=False).isoformat()
    return _relative(g["rel"].lower(), dateline)


def _relative(phrase: str, dateline: dt.date) -> str | None:
    simple = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if phrase in simple:
        return (dateline + dt.timedelta(days=simple[phrase])).isoformat()
    first, _, unit = phrase.partition(" ")
    if unit.capitalize() in WEEKDAYS:
        weekday = WEEKDAYS.index(unit.capitalize())
        if first == "this":
            return None
        return _weekday(weekday, dateline, future=first == "next", strict=True).isoformat()
    step = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[first]
    if unit == "week":
        year, week, _ = (dateline + dt.timedelta(weeks=step)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "month":
        index = dateline.year * 12 + dateline.month - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit == "year":
        return f"{dateline.year + step:04d}"
    return None


def _weekday(weekday: int, dateline: dt.date, future: bool, *, strict: bool) -> dt.date:
    if future:
        ahead = (weekday - dateline.weekday()) % 7 or 7
        return dateline + dt.timedelta(days=ahead)
    back = (dateline.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return dateline - dt.timedelta(days=back)


def _year_for_month(month: int, dateline: dt.date, future: bool) -> int:
    if future:
        return dateline.year if month >= dateline.month else dateline.year + 1
    return dateline.year if month <= dateline.month else dateline.year - 1


def _is_future(text: str, position: int) -> bool:
    sentence_start = 0
    for match in _SENTENCE_START.finditer(text, 0, position):
        sentence_start = match.end()
    return bool(_FUTURE.search(text, sentence_start, position))


def _is_name_part(text: str, start: int) -> bool:
    """'Theresa May', 'Mary August': a capitalised word right before is a name, not a date."""
    before = text[:start].rstrip()
    if len(before) == len(text[:start]):
        return False
    word = before.rsplit(None, 1)[-1] if before else ""
    return word[:1].isupper() and word.isalpha() and word not in _DATE_LEADERS


def _looks_like_month_may(text: str, end: int) -> bool:
    following = text[end : end + 6]
    return bool(re.match(r"\s+(?:\d|this|last|next|and|or|[.,;])|[.,;]|$", following))


_DATE_LEADERS = frozenset(
    {"On", "In", "Since", "Until", "By", "From", "Last", "Next", "This", "Early", "Late", "Mid"}
    | set(WEEKDAYS)
    | set(FULL_MONTH_NAMES)
)
