"""Calendar words and the dateline forms news articles use."""

from __future__ import annotations

import datetime as dt
import re

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
FULL_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS) + r"),?\s+)?"
_DATELINE_FORMS = [
    re.compile(rf"^{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}$", re.IGNORECASE),
    re.compile(rf"^{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}$", re.IGNORECASE),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$"),
    re.compile(r"^(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})$"),
]


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def looks_like_dateline(text: str) -> bool:
    """Whether `text` has the shape of a dateline, valid date or not ('November 31, 2024')."""
    text = text.strip().strip("*_").strip()
    for form in _DATELINE_FORMS:
        match = form.match(text)
        if match and (match["month"].isdigit() or month_number(match["month"]) is not None):
            return True
    return False


def parse_dateline(text: str) -> dt.date | None:
    """The date of a dateline such as 'November 01, 2024', 'Nov. 3, 2024', '3 November 2024'."""
    text = text.strip().strip("*_").strip()
    for form in _DATELINE_FORMS:
        match = form.match(text)
        if not match:
            continue
        raw_month = match["month"]
        month = int(raw_month) if raw_month.isdigit() else month_number(raw_month)
        if month is None:
            continue
        try:
            return dt.date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            return None
    return None
