"""Tests of the rule-based date and figure finders (site_builder.annotate)."""

from __future__ import annotations

import datetime as dt

import pytest

from site_builder.annotate.figures import FigureSpan, find_figures
from site_builder.annotate.temporal import DateSpan, find_dates

FRIDAY = dt.date(2024, 11, 1)
SUNDAY = dt.date(2024, 11, 3)


def only_date(text: str, dateline: dt.date = FRIDAY) -> DateSpan:
    spans = find_dates(text, dateline)
    assert len(spans) == 1, spans
    span = spans[0]
    assert text[span.start : span.end] == span.text
    return span


def only_figure(text: str) -> FigureSpan:
    spans = find_figures(text)
    assert len(spans) == 1, spans
    span = spans[0]
    assert text[span.start : span.end] == span.text
    return span


def test_dateline_is_a_friday() -> None:
    assert FRIDAY.strftime("%A") == "Friday"
    assert SUNDAY.strftime("%A") == "Sunday"


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span_text", "value"),
    [
        ("met in Moscow on Friday, assuring him", "Friday", "2024-11-01"),
        ("Washington said Thursday it received information", "Thursday", "2024-10-31"),
        ("attacked in a surprise ground incursion in early August.", "early August", "2024-08"),
        ("Kim Il-Sung's visit to the USSR in 1949.", "1949", "1949"),
        ("speaking to South Korean media this week, denounced", "this week", "2024-W44"),
        ("Prices rose last year.", "last year", "2023"),
        ("Talks resume next month.", "next month", "2024-12"),
        ("The deal expires on March 3, 2025.", "March 3, 2025", "2025-03-03"),
        ("The deal expires on 4 March 2025.", "4 March 2025", "2025-03-04"),
        ("The vote was held on 2024-11-03.", "2024-11-03", "2024-11-03"),
        ("The plant closed in mid-2023.", "mid-2023", "2023"),
    ],
)
def test_dates_on_friday_dateline(text: str, span_text: str, value: str) -> None:
    span = only_date(text)
    assert span.text == span_text
    assert span.value == value


@pytest.mark.parametrize(
    ("text", "span_text", "value"),
    [
        ("The border crossing will reopen on Monday.", "Monday", "2024-11-04"),
        ("The ministry said on Friday that talks had failed.", "Friday", "2024-11-01"),
    ],
)
def test_weekdays_on_sunday_dateline_follow_tense(text: str, span_text: str, value: str) -> None:
    span = only_date(text, SUNDAY)
    assert span.text == span_text
    assert span.value == value


def test_name_may_is_not_a_date() -> None:
    assert find_dates("Theresa May said the talks had stalled.", FRIDAY) == []


def test_decade_has_no_value() -> None:
    span = only_date("Relations cooled in the 1990s.")
    assert span.text == "1990s"
    assert span.value is None


def test_seed_paragraph_dates() -> None:
    text = (
        "Washington said Thursday it received information indicating that there are around "
        "8,000 North Korean troops stationed in the Kursk region, which Ukrainian forces "
        "attacked in a surprise ground incursion in early August."
    )
    spans = find_dates(text, FRIDAY)
    assert [(span.text, span.value) for span in spans] == [
        ("Thursday", "2024-10-31"),
        ("early August", "2024-08"),
    ]
    assert find_figures(text) == [
        FigureSpan(text.index("around"), text.index(" North"), "around 8,000", "8000")
    ]


# --- figures ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span_text", "value"),
    [
        (
            "North Korea sent thousands of troops to Russia.",
            "thousands of troops",
            ">1000",
        ),
        ("there are around 8,000 North Korean troops stationed", "around 8,000", "8000"),
        ("The fund raised $3 billion last year.", "$3 billion", "3000000000"),
        ("The port handled 1.2 million containers.", "1.2 million containers", "1200000"),
        ("The EU pledged 10 billion euros.", "10 billion euros", "10000000000"),
        ("Exports fell 5 percent.", "5 percent", "5%"),
        ("Inflation hit 12% in October.", "12%", "12%"),
        ("The storm killed more than 300 people.", "more than 300 people", "300"),
    ],
)
def test_figures(text: str, span_text: str, value: str) -> None:
    span = only_figure(text)
    assert span.text == span_text
    assert span.value == value


def test_figure_span_stops_before_following_name() -> None:
    text = "around 8,000 North Korean troops"
    span = only_figure(text)
    assert (span.start, span.end) == (0, len("around 8,000"))
    assert span.text == "around 8,000"
    assert "North" not in span.text


@pytest.mark.parametrize(
    "text",
    [
        "The meeting between the two foreign ministers comes amid reports.",
        "a visit to the USSR in 1949.",
    ],
)
def test_no_figure(text: str) -> None:
    assert find_figures(text) == []


def test_year_is_a_date_not_a_figure() -> None:
    text = "in 1949"
    assert find_figures(text) == []
    assert [(span.text, span.value) for span in find_dates(text, FRIDAY)] == [("1949", "1949")]
