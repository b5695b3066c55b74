"""English news wording for PLOVER types with no type word (events v4, 2026-11-30): demands with
"must" and "demanded", concessions (demands accepted, restrictions eased, protests called off),
refusals, complaints and summoned envoys, threats without "threaten", offers, gunfire, arson and
hacking, resignations, sharing with someone, talks resumed, roads blocked. Sentences written here."""

from __future__ import annotations

from datetime import date

import pytest

from cronaca.extract.pipeline import default_pipeline
from cronaca.model import Article, Interval


def events(text: str):
    article = Article(id="a_en", text=text, language="en", published=Interval.day(date(2024, 5, 10)))
    return default_pipeline()(article).events


def coded(text: str) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return {
        (
            e.type,
            tuple(a.country or a.id for a in e.source_actors),
            tuple(a.country or a.id for a in e.target_actors),
        )
        for e in events(text)
    }


def types(text: str) -> set[str]:
    return {e.type for e in events(text)}


@pytest.mark.parametrize(
    "text, expected",
    [
        # demands
        (
            "Opposition parties in Kenya demanded the resignation of the interior minister.",
            ("REQUEST", ("KEN",), ()),
        ),
        (
            "The rebels demanded that Chad release all political prisoners.",
            ("REQUEST", ("agent:rebels",), ("TCD",)),
        ),
        ("Bolivia demanded that Chile open talks on sea access.", ("REQUEST", ("BOL",), ("CHL",))),
        # concessions
        ("Pakistan eased restrictions on Indian imports.", ("CONCEDE", ("PAK",), ("IND",))),
        ("Israel lifted the curfew in Hebron on Sunday.", ("CONCEDE", ("ISR",), ())),
        ("The Ghanaian government accepted demands from striking nurses.", ("CONCEDE", ("GHA",), ())),
        (
            "The Egyptian government bowed to demands of the protesters.",
            ("CONCEDE", ("EGY",), ("agent:protesters",)),
        ),
        # refusals
        (
            "The rebels dismissed an appeal from the Colombian president to lay down their arms.",
            ("REJECT", ("agent:rebels",), ("COL",)),
        ),
        ("Serbia turned down an offer from Croatia to mediate.", ("REJECT", ("SRB",), ("HRV",))),
        ("Egypt is opposed to Ethiopian plans to fill the dam.", ("REJECT", ("EGY",), ("ETH",))),
        ("Greece opposes the Turkish plan.", ("REJECT", ("GRC",), ("TUR",))),
        ("Algeria denied permission to Moroccan aircraft to land.", ("REJECT", ("DZA",), ("MAR",))),
        # complaints, summoned envoys
        (
            "Morocco complained to the United Nations about Algerian troop movements.",
            ("ACCUSE", ("MAR",), ("DZA",)),
        ),
        ("Kenya summoned the Ugandan ambassador on Friday.", ("ACCUSE", ("KEN",), ("UGA",))),
        ("Lithuania summoned Belarus's envoy over the border incident.", ("ACCUSE", ("LTU",), ("BLR",))),
        # threats without "threaten"
        ("Bolivian miners said they would boycott the elections.", ("THREATEN", ("BOL",), ())),
        ("The Thai government is prepared to impose martial law.", ("THREATEN", ("THA",), ())),
        ("Venezuela plans to impose new tariffs on Colombia.", ("THREATEN", ("VEN",), ("COL",))),
        # a price promised by a speaker to the subject
        ("Iran said Israel would pay a heavy price for the attack.", ("THREATEN", ("IRN",), ("ISR",))),
        ("The rebels will pay dearly, the Congolese army said.", ("THREATEN", ("COD",), ("agent:rebels",))),
        # offers and agreement without an agreement noun
        ("Turkey is willing to reopen its border with Armenia.", ("AGREE", ("TUR",), ("ARM",))),
        ("Ghana is ready to send engineers to Liberia.", ("AGREE", ("GHA",), ("LBR",))),
        ("Mali and Niger reached a consensus to share border duties.", ("AGREE", ("MLI",), ("NER",))),
        # gunfire, shells
        ("Indian police opened fire on protesters in Kashmir.", ("FIGHT", ("IND",), ("agent:protesters",))),
        ("Syrian troops fired mortar rounds at Turkish positions.", ("FIGHT", ("SYR",), ("TUR",))),
        # resignation, sharing, talks resumed
        ("The Peruvian prime minister resigned on Friday.", ("RETREAT", ("PER",), ())),
        ("Iran has been sharing intelligence with Syria.", ("COOPERATE", ("IRN",), ("SYR",))),
        ("Norway shared evidence with Sweden about the sabotage.", ("COOPERATE", ("NOR",), ("SWE",))),
        ("India and Pakistan renewed talks on Kashmir.", ("CONSULT", ("IND",), ("PAK",))),
        ("Armenia and Azerbaijan resumed negotiations in Vienna.", ("CONSULT", ("ARM",), ("AZE",))),
        # an obligation a speaker states: a demand of the subject
        ("Germany said Russia must withdraw its troops from Moldova.", ("REQUEST", ("DEU",), ("RUS",))),
        ("Kenya said on Monday that Somalia must hand over the suspects.", ("REQUEST", ("KEN",), ("SOM",))),
        # insisting on, seeking refuge or help: requests
        ("Hamas insisted on the withdrawal of Israeli troops.", ("REQUEST", ("PSE",), ("ISR",))),
        ("Some 20,000 Syrian Kurds sought refuge in Turkey last month.", ("REQUEST", ("SYR",), ("TUR",))),
        ("Ukraine is seeking military aid from the United States.", ("REQUEST", ("UKR",), ("USA",))),
        # goods donated or delivered
        ("Japan donated medical supplies to Haiti.", ("AID", ("JPN",), ("HTI",))),
        ("Qatar delivered relief supplies to Sudan.", ("AID", ("QAT",), ("SDN",))),
        # cooperation in the future tense is an intention (AGREE)
        ("German Foreign Minister Klaus Kinkel will visit Albania in June.", ("AGREE", ("DEU",), ("ALB",))),
        ("France will give Mali a loan of 50 million euros.", ("AGREE", ("FRA",), ("MLI",))),
        ("Spain will support Morocco's bid to host the games.", ("AGREE", ("ESP",), ("MAR",))),
        # sanctions without "sanction": envoys expelled, aid stopped
        ("Switzerland expelled two Russian diplomats for spying.", ("SANCTION", ("CHE",), ("RUS",))),
        ("Poland expelled the Belarusian ambassador.", ("SANCTION", ("POL",), ("BLR",))),
        ("Japan said it had halted economic aid to Serbia.", ("SANCTION", ("JPN",), ("SRB",))),
        ("Germany froze development loans to Kenya.", ("SANCTION", ("DEU",), ("KEN",))),
        # apologies are concessions, lawsuits disapproval, crossings opened access
        ("Argentina has apologized to Chile for the incident.", ("CONCEDE", ("ARG",), ("CHL",))),
        ("Iran sued the United States at the world court.", ("ACCUSE", ("IRN",), ("USA",))),
        (
            "Uzbekistan opened the border crossing to aid convoys bound for Afghanistan.",
            ("RETREAT", ("UZB",), ("AFG",)),
        ),
        # roads blocked by protesters
        ("Farmers blocked roads in France over fuel prices.", ("PROTEST", (), ("FRA",))),
    ],
)
def test_family(text: str, expected: tuple) -> None:
    assert expected in coded(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Kenyan union called off its strike on Thursday.", "CONCEDE"),
        ("Nigerian doctors suspended their strike after a deal.", "CONCEDE"),
        ("The Burmese junta pardoned 300 prisoners.", "CONCEDE"),
        ("The Taliban have sworn to fight until the last soldier leaves.", "THREATEN"),
        ("The Somali rebels vowed to crush the government forces.", "THREATEN"),
        ("North Korean hackers tried to hack into the computers of South Korean banks.", "COERCE"),
        ("Russian and Chinese warships began joint exercises with Iran.", "COOPERATE"),
        ("The Haitian president agreed to step down.", "RETREAT"),
    ],
)
def test_family_type(text: str, expected: str) -> None:
    assert expected in types(text)


@pytest.mark.parametrize(
    "text, absent",
    [
        # an assertion with "insisted" is no demand
        ("The Indian ministry insisted the strikes were measured.", "REQUEST"),
        # a strike called, not called off, is no concession; a strike called for is no concession
        ("Chilean unions called for a general strike.", "CONCEDE"),
        # lifting a weight, easing a pain: no restriction, no concession
        ("Mexico eased its interest rates.", "CONCEDE"),
        # fighting corruption is no threat
        ("The Nigerian president vowed to fight corruption.", "THREATEN"),
        # talks called off are no concession
        ("Kenya called off the talks with Somalia.", "CONCEDE"),
        # insisting that something is so is no demand; seeking suspects is no request
        ("The Egyptian minister insisted that Egypt had done nothing wrong.", "REQUEST"),
        ("Kenyan police are seeking the suspects.", "REQUEST"),
        # demand of a market is no one's demand
        ("Chinese mines work around the clock to meet demand for coal.", "CONCEDE"),
        # a price paid by buyers is no threat
        ("Kenyan consumers will pay a higher price for petrol, the ministry said.", "THREATEN"),
        # a fate received is no promise
        ("Iran said Israel will receive a bitter fate.", "AGREE"),
        # aid given is no sanction
        ("Japan gave economic aid to Serbia.", "SANCTION"),
    ],
)
def test_family_absent(text: str, absent: str) -> None:
    assert absent not in types(text)


def test_an_obligation_with_no_speaker_is_no_demand():
    # "X must …" said by no one the sentence names: no source to ask it
    assert "REQUEST" not in types("Serbia must withdraw its police from the north.")


def test_a_call_is_a_request_only_when_made_on_or_for_someone():
    assert ("REQUEST", ("org:un-security-council",), ("COD",)) in {
        (t, tuple(a.id for a in e.source_actors), tg)
        for e in events("The UN Security Council called on the M23 to reverse its advances.")
        for t, tg in [(e.type, tuple(a.country or a.id for a in e.target_actors))]
    }
    assert ("REQUEST", ("DEU",), ("IRN",)) in coded("Germany called for Iran to free the journalists.")
    assert "REQUEST" not in types("Kinshasa called the Rwandan offensive a declaration of war.")
    assert "REQUEST" not in types("Chile called the vote in Peru a farce.")
