"""Tests of the plain-text seed parser (site_builder.sources.seeds)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from site_builder.errors import SiteBuilderError
from site_builder.models import Author, Image, Link, Seed, Source
from site_builder.sources.seeds import parse_seed, read_seed

SEED_PATH = Path(__file__).parent.parent / "seeds" / "000_e588548092be8d5c.txt"
FAKE_PATH = Path("seeds/test.txt")

CAPTION = "North Korean Foreign Minister Choe Son-Hui and Russian Foreign Minister Sergei Lavrov."
# the curly quotes are written as escapes so they cannot be mistaken for ASCII quotes
REAL_TITLE = "North Korea Says It Will Stand by Russia Until \u2018Victory\u2019 Over Ukraine"
SOURCE_URL = (
    "https://www.themoscowtimes.com/2024/11/01/"
    "north-korea-says-it-will-stand-by-russia-until-victory-over-ukraine-a86878"
)


def parse(text: str) -> Seed:
    return parse_seed(text, path=FAKE_PATH)


def make_seed(
    *,
    title: str = "A Title",
    byline: str | None = "By [Jane Doe](https://example.com/jane)",
    dateline: str = "November 1, 2024",
    caption: str | None = "A caption. **Photo Agency**",
    body: tuple[str, ...] = ("First paragraph.", "Second paragraph."),
    related: tuple[str, ...] = (),
    original: str | None = "Original url:\n\n<https://www.reuters.com/world/story>",
) -> str:
    blocks = [f"# {title}"]
    if byline is not None:
        blocks.append(byline)
    blocks.append(dateline)
    if caption is not None:
        blocks.append(caption)
    blocks.extend(body)
    blocks.extend(related)
    if original is not None:
        blocks.append(original)
    return "\n\n".join(blocks) + "\n"


# --- the real seed file ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_seed() -> Seed:
    return read_seed(SEED_PATH)


def test_real_seed_header(real_seed: Seed) -> None:
    assert real_seed.path == SEED_PATH
    assert real_seed.title == REAL_TITLE
    assert "\u2018Victory\u2019" in real_seed.title
    assert real_seed.date == dt.date(2024, 11, 1)
    assert real_seed.authors == (Author("AFP", None),)


def test_real_seed_image(real_seed: Seed) -> None:
    assert real_seed.image == Image(caption=CAPTION, credit="Valery Sharifulin / TASS")


def test_real_seed_related_and_source(real_seed: Seed) -> None:
    assert real_seed.related == (
        Link(
            "U.S. Says North Korean Troops Ready for Ukraine Combat as Missile Raises Tensions",
            None,
        ),
    )
    assert real_seed.source == Source(url=SOURCE_URL, publisher="The Moscow Times")


def test_real_seed_body(real_seed: Seed) -> None:
    body = real_seed.body
    assert body.startswith("North Korea's foreign minister")
    assert body.endswith("troop deployments.")
    assert len(body.split("\n\n")) == 9
    assert all(paragraph.strip() for paragraph in body.split("\n\n"))
    assert "Related article" not in body
    assert "Original url" not in body
    assert CAPTION not in body
    assert "Valery Sharifulin" not in body
    assert "themoscowtimes" not in body


def test_real_seed_sha256(real_seed: Seed) -> None:
    assert real_seed.sha256 == hashlib.sha256(SEED_PATH.read_bytes()).hexdigest()


# --- format variants -------------------------------------------------------------------------


def test_full_synthetic_seed() -> None:
    seed = parse(make_seed())
    assert seed == Seed(
        path=FAKE_PATH,
        sha256="",
        title="A Title",
        date=dt.date(2024, 11, 1),
        authors=(Author("Jane Doe", "https://example.com/jane"),),
        image=Image(caption="A caption.", credit="Photo Agency"),
        body="First paragraph.\n\nSecond paragraph.",
        related=(),
        source=Source(url="https://www.reuters.com/world/story", publisher="Reuters"),
    )


def test_crlf_line_endings_parse_like_lf() -> None:
    text = make_seed(related=("**Related article:** [R](https://example.com/r)",))
    crlf = text.replace("\n", "\r\n")
    assert "\r\n" in crlf
    seed = parse(crlf)
    assert seed == parse(text)
    assert "\r" not in seed.body
    assert "\r" not in seed.title


def test_crlf_via_read_seed(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    raw = make_seed().replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(raw)
    seed = read_seed(path)
    assert seed.title == "A Title"
    assert seed.body == "First paragraph.\n\nSecond paragraph."
    assert seed.sha256 == hashlib.sha256(raw).hexdigest()


def test_utf8_bom_via_read_seed(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    raw = b"\xef\xbb\xbf" + make_seed().encode("utf-8")
    path.write_bytes(raw)
    seed = read_seed(path)
    assert seed.title == "A Title"
    assert seed.date == dt.date(2024, 11, 1)
    assert seed.path == path
    assert seed.sha256 == hashlib.sha256(raw).hexdigest()


def test_bom_in_text_is_ignored() -> None:
    assert parse("\ufeff" + make_seed()).title == "A Title"


def test_extra_blank_lines_everywhere() -> None:
    text = make_seed().replace("\n\n", "\n\n\n  \n\t\n")
    text = "\n\n \n" + text + "\n\n\n   \n"
    assert parse(text) == parse(make_seed())


def test_no_caption() -> None:
    seed = parse(make_seed(caption=None))
    assert seed.image is None
    assert seed.body == "First paragraph.\n\nSecond paragraph."


def test_no_byline() -> None:
    seed = parse(make_seed(byline=None))
    assert seed.authors == ()
    assert seed.date == dt.date(2024, 11, 1)
    assert seed.image == Image(caption="A caption.", credit="Photo Agency")
    assert seed.body == "First paragraph.\n\nSecond paragraph."


def test_no_byline_body_starting_with_by_is_kept() -> None:
    seed = parse(
        make_seed(byline=None, caption=None, body=("By the end of the day, talks ended.", "More."))
    )
    assert seed.authors == ()
    assert seed.body == "By the end of the day, talks ended.\n\nMore."


def test_no_related() -> None:
    seed = parse(make_seed(related=()))
    assert seed.related == ()


def test_no_original_url() -> None:
    seed = parse(make_seed(original=None))
    assert seed.source is None
    assert seed.body == "First paragraph.\n\nSecond paragraph."


def test_minimal_seed_title_and_dateline_only() -> None:
    seed = parse("# Only\n\n2024-11-01\n")
    assert seed.title == "Only"
    assert seed.date == dt.date(2024, 11, 1)
    assert seed.authors == ()
    assert seed.image is None
    assert seed.body == ""
    assert seed.related == ()
    assert seed.source is None


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By [AFP](#)", (Author("AFP", None),)),
        ("By AFP", (Author("AFP", None),)),
        (
            "By [A](https://a.example) and [B](#)",
            (Author("A", "https://a.example"), Author("B", None)),
        ),
        (
            "By [A](https://u1.example), [B](https://u2.example) and [C](https://u3.example)",
            (
                Author("A", "https://u1.example"),
                Author("B", "https://u2.example"),
                Author("C", "https://u3.example"),
            ),
        ),
        # relative / scheme-less link targets are not followable: dropped
        ("By [A](u1), [B](u2) and [C](u3)", (Author("A"), Author("B"), Author("C"))),
        ("By Jane Doe and John Roe", (Author("Jane Doe"), Author("John Roe"))),
        (
            "By Jane Doe, John Roe and Ann Poe",
            (Author("Jane Doe"), Author("John Roe"), Author("Ann Poe")),
        ),
        (
            "By Jane Doe, John Roe, and Ann Poe",
            (Author("Jane Doe"), Author("John Roe"), Author("Ann Poe")),
        ),
        ("By Jane Doe & John Roe", (Author("Jane Doe"), Author("John Roe"))),
        ("by Jane Doe", (Author("Jane Doe"),)),
    ],
)
def test_bylines(byline: str, expected: tuple[Author, ...]) -> None:
    seed = parse(make_seed(byline=byline))
    assert seed.authors == expected
    assert seed.body == "First paragraph.\n\nSecond paragraph."


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("November 01, 2024", dt.date(2024, 11, 1)),
        ("November 1, 2024", dt.date(2024, 11, 1)),
        ("Nov. 3, 2024", dt.date(2024, 11, 3)),
        ("Nov 3, 2024", dt.date(2024, 11, 3)),
        ("Sept. 3, 2024", dt.date(2024, 9, 3)),
        ("Sep 3, 2024", dt.date(2024, 9, 3)),
        ("3 November 2024", dt.date(2024, 11, 3)),
        ("2024-11-03", dt.date(2024, 11, 3)),
        ("Friday, November 1, 2024", dt.date(2024, 11, 1)),
        ("*November 1, 2024*", dt.date(2024, 11, 1)),
    ],
)
def test_datelines(dateline: str, expected: dt.date) -> None:
    seed = parse(make_seed(dateline=dateline))
    assert seed.date == expected
    assert seed.body == "First paragraph.\n\nSecond paragraph."


@pytest.mark.parametrize(
    "paragraph",
    [
        "Some *emphasis*, some **strong** and _underscored_ text.",
        "A [link](https://example.com/page) inside a sentence.",
        "> A quoted statement,\n> over two lines.",
        "- first item\n- second item\n- third item",
        "1. one\n2. two",
        "Inline `code` and a literal \\*star\\*.",
    ],
)
def test_body_markdown_is_kept_verbatim(paragraph: str) -> None:
    seed = parse(make_seed(body=("Lead paragraph.", paragraph, "Closing paragraph.")))
    assert seed.body == f"Lead paragraph.\n\n{paragraph}\n\nClosing paragraph."


def test_several_related_lines_give_links_in_order() -> None:
    related = (
        "**Related article:** [First Story](https://example.com/1)",
        "**Related article:** [Second Story](#)",
        "**Related article:** [Third Story](https://example.com/3)",
    )
    seed = parse(make_seed(related=related))
    assert seed.related == (
        Link("First Story", "https://example.com/1"),
        Link("Second Story", None),
        Link("Third Story", "https://example.com/3"),
    )
    assert "Related" not in seed.body


def test_related_lines_between_body_paragraphs() -> None:
    body = (
        "One.",
        "**Related article:** [R1](https://example.com/1)",
        "Two.",
        "**Related article:** [R2](https://example.com/2)",
        "Three.",
    )
    seed = parse(make_seed(body=body))
    assert seed.body == "One.\n\nTwo.\n\nThree."
    assert seed.related == (
        Link("R1", "https://example.com/1"),
        Link("R2", "https://example.com/2"),
    )


@pytest.mark.parametrize(
    "original",
    [
        "Original url:\n\n<https://www.reuters.com/world/story>",
        "Original url: <https://www.reuters.com/world/story>",
        "Original url: https://www.reuters.com/world/story",
        "Original url:\n<https://www.reuters.com/world/story>",
    ],
)
def test_original_url_forms(original: str) -> None:
    seed = parse(make_seed(original=original))
    assert seed.source == Source("https://www.reuters.com/world/story", "Reuters")
    assert "Original" not in seed.body


UNSAFE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
]


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_url_in_byline_is_dropped(url: str) -> None:
    seed = parse(make_seed(byline=f"By [Jane Doe]({url})"))
    assert seed.authors == (Author("Jane Doe", None),)


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_url_in_related_is_dropped(url: str) -> None:
    seed = parse(make_seed(related=(f"**Related article:** [Story]({url})",)))
    assert seed.related == (Link("Story", None),)


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_original_url_gives_no_source(url: str) -> None:
    seed = parse(make_seed(original=f"Original url:\n\n<{url}>"))
    assert seed.source is None


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", " \t\n\r\n  \n", "\ufeff"])
def test_empty_seed_is_an_error_on_line_1(text: str) -> None:
    with pytest.raises(SiteBuilderError) as info:
        parse(text)
    assert info.value.line == 1
    assert info.value.path == FAKE_PATH


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"# T\n\n\xff\xfe bad")
    with pytest.raises(SiteBuilderError) as info:
        read_seed(path)
    assert "UTF-8" in info.value.message
    assert info.value.path == path
    assert info.value.line == 3
    assert str(info.value).startswith(f"{path}:3: ")


def test_missing_title_is_an_error_naming_the_line() -> None:
    with pytest.raises(SiteBuilderError) as info:
        parse("\n\nA paragraph first.\n\nNovember 1, 2024\n\nBody.\n")
    assert info.value.line == 3
    assert info.value.path == FAKE_PATH
    assert "title" in info.value.message
    assert str(info.value).startswith(f"{FAKE_PATH}:3: ")


def test_multi_line_first_block_is_not_a_title() -> None:
    with pytest.raises(SiteBuilderError) as info:
        parse("# Title\ncontinued\n\nNovember 1, 2024\n\nBody.\n")
    assert info.value.line == 1


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("# T\n\nBy Jane Doe\n\nBody without a date.\n", 5),
        ("# T\n\nBody without a date.\n", 3),
        ("# T\n\nNovember 31, 2024\n\nBody.\n", 3),
        ("# T\n", 1),
    ],
)
def test_missing_dateline_is_an_error(text: str, line: int) -> None:
    with pytest.raises(SiteBuilderError) as info:
        parse(text)
    assert info.value.line == line
    assert info.value.path == FAKE_PATH
    assert "dateline" in info.value.message


@pytest.mark.parametrize(
    "title",
    [
        "../../etc/passwd",
        "<script>alert(1)</script>",
        REAL_TITLE,
        "100% “Quoted” — Title",
    ],
)
def test_title_is_kept_verbatim(title: str) -> None:
    assert parse(make_seed(title=title)).title == title


def test_title_ending_in_hash_is_kept() -> None:
    assert parse(make_seed(title="Why I Learned C#")).title == "Why I Learned C#"


def test_title_closing_hashes_are_stripped() -> None:
    assert parse(make_seed(title="A Title ##")).title == "A Title"


def test_first_paragraph_ending_in_bold_is_body_not_caption() -> None:
    seed = parse("# T\n\nNovember 1, 2024\n\nThe minister called it **unacceptable**\n\nMore.")
    assert seed.image is None
    assert seed.body.startswith("The minister called it **unacceptable**")


def test_bold_sentence_ending_the_first_paragraph_is_body_not_a_photo_credit() -> None:
    emphasis = "Crowds gathered early. **The union rejected a tender worth 340 million.**"
    seed = parse(make_seed(caption=None, body=(emphasis, "Second paragraph.")))
    assert seed.image is None
    assert seed.body.startswith(emphasis)
