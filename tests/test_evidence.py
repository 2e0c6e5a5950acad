"""Discovery on real-world news: one test per class of error seen on public news text.

Every text here is written for this file. Each article is imported with an empty
knowledge base, as `site-build import` does, and the names a reader would see
highlighted are compared with what a reader expects.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.annotate import Annotator
from site_builder.commands.quality import article_from_seed
from site_builder.ingest.discovery import propose_for_seeds
from site_builder.models import Entity
from site_builder.paths import SitePaths
from site_builder.render.annotated import annotate_article
from site_builder.render.markdown import create_markdown
from site_builder.sources.knowledge import EMPTY_KNOWLEDGE_BASE, KnowledgeBase
from site_builder.sources.seeds import parse_seed

from .conftest import write_seed

NAMED = ("person", "org", "place", "group")


def _seed(body: str, index: int = 0):  # type: ignore[no-untyped-def]
    return parse_seed(f"# Test {index}\n\nMay 2, 2025\n\n{body}\n", path=Path(f"{index}.txt"))


def highlighted(*bodies: str, knowledge: KnowledgeBase = EMPTY_KNOWLEDGE_BASE) -> list[set]:  # type: ignore[type-arg]
    """Per article, the (text, type) of every highlighted name, after one import."""
    seeds = [_seed(body, index) for index, body in enumerate(bodies)]
    knowledge, _ = propose_for_seeds(knowledge, seeds, set())
    annotator, md = Annotator(knowledge), create_markdown()
    return [
        {
            (m.text, m.type)
            for m in annotate_article(article_from_seed(seed), annotator, md).mentions
            if m.type in NAMED
        }
        for seed in seeds
    ]


def test_1_context_outweighs_a_gazetteer_hit() -> None:
    (found,) = highlighted(
        "President Clinton met union leaders on Monday. Clinton said the talks went well. "
        "Later Clinton flew to Ohio."
    )
    assert ("Clinton", "person") in found
    assert ("Clinton", "place") not in found
    (found,) = highlighted(
        "Fans of Dynamo Moscow cheered. Dynamo Moscow coach Ivan Petrov praised the team."
    )
    assert ("Dynamo Moscow", "person") not in found
    (found,) = highlighted(
        "Shares of Santa Rosa Pacific Gold rose after Santa Rosa Pacific Gold bid."
    )
    assert ("Santa Rosa Pacific Gold", "org") in found


def test_2_short_forms_and_acronyms_link_without_junk_aliases() -> None:
    (found,) = highlighted(
        "Shares in Kestrel Mining Corp rose on Tuesday. Kestrel said output rose. "
        "The International Labour Organisation (ILO) warned of job losses. The ILO said "
        "international labour standards applied."
    )
    assert ("Kestrel Mining Corp", "org") in found and ("Kestrel", "org") in found
    assert ("ILO", "org") in found
    (found,) = highlighted("Barrick Gold shares fell. Barrick said it would not raise its bid.")
    assert ("Barrick", "org") in found
    assert not any(text == "International Labour" for text, _ in found)


def test_3_a_name_suffix_is_not_the_surname() -> None:
    (found,) = highlighted(
        "Coach Elliot Marsh Jr. resigned on Friday. Marsh had led the team for ten years."
    )
    assert ("Elliot Marsh Jr.", "person") in found
    assert ("Marsh", "person") in found


def test_4_events_are_not_people_and_their_words_do_not_leak() -> None:
    first, second = highlighted(
        "Brazil won the Kestrel Cup in 2019. He fought in World War Two as a pilot.",
        "Two people were hurt when a bus overturned near Leeds.",
    )
    assert not any(kind == "person" for text, kind in first if "Cup" in text or "War" in text)
    assert ("Two", "person") not in second


def test_5_a_later_stronger_article_corrects_an_earlier_weak_vote() -> None:
    articles = highlighted(
        "The report was sent from Morvane.",
        "Morvane news agency said the minister resigned. Morvane reported protests.",
        "Officials told Morvane news agency on Friday that talks had failed.",
    )
    assert all(("Morvane", "place") not in found for found in articles)
    assert ("Morvane", "org") in articles[1]


def test_5_the_editors_reviewed_type_always_wins() -> None:
    reviewed = KnowledgeBase({"morvane": Entity("morvane", "Morvane", "place", status="reviewed")})
    (found,) = highlighted("Morvane news agency said the minister resigned.", knowledge=reviewed)
    assert ("Morvane", "place") in found


def test_6_all_caps_datelines_are_places() -> None:
    first, second = highlighted(
        "LONDON, May 2 - The pound rose on Friday against the dollar.",
        "NEW YORK 2025-05-02\n\nStocks fell on Friday as oil prices rose.",
    )
    assert ("LONDON", "place") in first
    assert ("NEW YORK", "place") in second


def test_7_names_are_split_at_connectors_and_role_words() -> None:
    (found,) = highlighted(
        "Energy Minister Kofi Mensah met Australian Tom Moody on Monday, and the Ministry "
        "of Energy and Kestrel Council signed an agreement."
    )
    assert ("Kofi Mensah", "person") in found
    assert ("Tom Moody", "person") in found and ("Australian", "group") in found
    assert not any("Minister" in text for text, _ in found)
    (found,) = highlighted(
        "Energy Ministry Secretary-General Adi Rahman said talks had stalled. Rahman said "
        "the Energy Ministry for Kestrel Gold and Barrick Mining would decide."
    )
    assert ("Adi Rahman", "person") in found and ("Energy Ministry", "org") in found
    assert not any(text.startswith("Energy Ministry ") for text, _ in found)


def test_8_tickers_labels_and_headline_capitals_are_not_names() -> None:
    (found,) = highlighted(
        "GOLD PRICES SLIP IN LATE TRADE\n\nIn early trade gold fell. Traders said demand "
        "was weak. In Geneva, dealers were quiet."
    )
    assert not any(text in ("In", "GOLD PRICES SLIP", "Traders", "GOLD") for text, _ in found)
    assert ("Geneva", "place") in found


def test_9_a_city_club_in_a_match_is_a_team() -> None:
    (found,) = highlighted(
        "Castlebridge beat Norwich 2-1 on Saturday. Norwich drew with Castlebridge last "
        "month, and Norwich lost to Harbourside United in March."
    )
    assert ("Norwich", "org") in found
    assert ("Norwich", "place") not in found
    (found,) = highlighted("American said on Monday it would cut flights from Dallas.")
    assert ("American", "group") not in found


def test_uncertain_names_are_proposed_but_not_highlighted() -> None:
    text = "Vell shares fell. Workers in Vell protested; in Vell and in Vell the mood was grim."
    seeds = [_seed(text)]
    knowledge, added = propose_for_seeds(EMPTY_KNOWLEDGE_BASE, seeds, set())
    uncertain = [entity.name for entity in added if entity.status == "uncertain"]
    assert uncertain, "a name with weak or split evidence is proposed as uncertain"
    (found,) = highlighted(text)
    assert not any(text in uncertain for text, _ in found)
    assert {entity.name for entity, _ in knowledge.proposed()} >= set(uncertain)


def test_check_explain_prints_evidence_and_weights(run, site: SitePaths) -> None:  # type: ignore[no-untyped-def]
    write_seed(
        site,
        "match.txt",
        "# Cup Tie\n\nMay 2, 2025\n\nCastlebridge beat Norwich 2-1 on Saturday. Norwich "
        "drew with Castlebridge last month.\n",
    )
    assert run("--root", str(site.root), "import")[0] == 0
    code, out, _ = run("--root", str(site.root), "check", "--explain", "Norwich")
    assert code == 0
    assert "match.txt" in out and "match context" in out and "org" in out
    assert "Knowledge base: norwich has type org" in out


def test_an_editor_reviewing_an_uncertain_name_makes_it_highlighted(tmp_path: Path) -> None:
    from site_builder.sources.knowledge import load_knowledge_base

    entities = tmp_path / "entities.yml"
    record = "entities:\n  - id: vell\n    name: Vell\n    type: org\n    status: {}\n"
    text = "Workers at Vell went on strike."
    for status, shown in (("uncertain", False), ("reviewed", True), ("proposed", True)):
        entities.write_text(record.format(status), encoding="utf-8")
        knowledge = load_knowledge_base(entities)
        (found,) = highlighted(text, knowledge=knowledge)
        assert (("Vell", "org") in found) is shown, status


def test_a_legal_forms_period_ends_the_sentence_it_closes() -> None:
    (found,) = highlighted(
        "Shares of Norwest Corp. rose. Analysts liked Norwest Corp. The bank declined comment."
    )
    assert ("Norwest Corp.", "org") in found and ("Norwest Corp", "org") in found


def _record(site: SitePaths, name: str):  # type: ignore[no-untyped-def]
    from site_builder.sources.knowledge import load_knowledge_base

    knowledge = load_knowledge_base(site.entities_file)
    return next(entity for entity in knowledge.entities.values() if entity.name == name)


def test_5_a_later_import_with_stronger_evidence_retypes_a_proposed_record(
    run,
    site: SitePaths,  # type: ignore[no-untyped-def]
) -> None:
    write_seed(
        site,
        "first.txt",
        "# Storm\n\nMay 2, 2025\n\nThe report was sent from Morvane. Frost hit Tarnley "
        "news agency on Monday.\n",
    )
    assert run("--root", str(site.root), "import")[0] == 0
    assert _record(site, "Morvane").type == "place"
    # An editor reviews one record: no evidence may change it afterwards.
    text = site.entities_file.read_text(encoding="utf-8")
    start = text.index("name: Tarnley")
    end = text.index("status: proposed", start) + len("status: proposed")
    reviewed = (
        text[start:end]
        .replace("type: org", "type: place")
        .replace("status: proposed", "status: reviewed")
    )
    site.entities_file.write_text(text[:start] + reviewed + text[end:], encoding="utf-8")
    write_seed(
        site,
        "second.txt",
        "# Agency\n\nMay 3, 2025\n\nMorvane news agency said the minister resigned. "
        "Officials told Morvane news agency on Friday that talks had failed. Shares of "
        "Tarnley fell as Tarnley said it would cut jobs.\n",
    )
    assert run("--root", str(site.root), "import")[0] == 0
    morvane = _record(site, "Morvane")
    assert (morvane.type, morvane.status) == ("org", "proposed")
    tarnley = _record(site, "Tarnley")
    assert (tarnley.type, tarnley.status) == ("place", "reviewed")
    stored = (site.content / ".evidence.json").read_text(encoding="utf-8")
    assert "seeds/first.txt" in stored and "seeds/second.txt" in stored
    assert '"Tarnley"' not in stored  # reviewed names keep no evidence
    # The build highlights the new type in the earlier article too.
    assert run("--root", str(site.root), "build")[0] == 0
    html = (site.output / "articles" / "storm" / "index.html").read_text(encoding="utf-8")
    assert 'data-entity="morvane" data-entity-type="org"' in html


def test_9_clubs_and_companies_are_told_by_the_words_around_them() -> None:
    (found,) = highlighted(
        "Marseille are without a win this season. Marseille's Andre Dufour was sent off. "
        "Defenders - Marco Vela (Cagliari), Pavel Holt (Sion)."
    )
    assert ("Marseille", "org") in found and ("Marseille", "place") not in found
    assert ("Cagliari", "org") in found and ("Sion", "org") in found
    assert ("Andre Dufour", "person") in found
    # A company named after people is known by what is said around it.
    (found,) = highlighted("An analyst at Halvorsen Lynch said the bid was too low.")
    assert ("Halvorsen Lynch", "org") in found
    # A name's own "'s" is part of it; a place's possessive is not.
    (found,) = highlighted(
        "Carvell's said on Tuesday that claims had risen. Britain's insurers agreed."
    )
    assert ("Carvell's", "org") in found and ("Britain", "place") in found
    # A temperature in a town is no side, although towns take plural verbs in sport.
    (found,) = highlighted("Average temperatures on Svalbard have risen by 4 degrees.")
    assert ("Svalbard", "org") not in found


def test_8_a_masthead_alone_on_its_line_is_a_paper_but_a_heading_is_not() -> None:
    (found,) = highlighted(
        "Headlines from the Beirut press on Monday.\n\nAL-MIRSAD\n\nThe paper said talks "
        "had stalled.\n\nBACKGROUND\n\nTalks began in May."
    )
    assert ("AL-MIRSAD", "org") in found
    assert not any(text == "BACKGROUND" for text, _ in found)
