"""Sides of events the text names together or leaves to context (extract/events/roles.py).
Sentences made up here; the patterns come from real news (docs/events.md)."""

from __future__ import annotations

import pytest
from tests.extract.coding import annotated, coded, events


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("en", "Chile and Peru agreed to reopen the border crossing.", ("AGREE", ("CHL",), ("PER",))),
        ("it", "Armenia e Azerbaigian hanno concordato una tregua.", ("AGREE", ("ARM",), ("AZE",))),
        ("en", "Putin and Erdogan met in Sochi on Monday.", ("CONSULT", ("RUS",), ("TUR",))),
    ],
)
def test_two_countries_doing_a_mutual_act_are_each_others_party(language: str, text: str, expected) -> None:
    assert expected in coded(text, language)


def test_a_mutual_act_with_a_third_party_named_keeps_it_as_target() -> None:
    found = coded("France and Germany agreed to send aid to Ukraine.", "en")
    assert not any(t == "AGREE" and target == ("DEU",) for t, _, target in found)


def test_two_agencies_of_one_country_are_not_split() -> None:
    found = coded("The army and the government of Kenya agreed on a new plan.", "en")
    assert not any(t == "AGREE" and source == target for t, source, target in found)


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("en", "The US-China trade talks resumed in Geneva.", ("CONSULT", ("USA",), ("CHN",))),
        ("en", "The India–Pakistan negotiations stalled on Friday.", ("CONSULT", ("IND",), ("PAK",))),
        ("it", "Il vertice Usa-Cina si è svolto a Ginevra.", ("CONSULT", ("USA",), ("CHN",))),
        ("it", "I colloqui Armenia-Azerbaigian sono ripresi ad Alma Ata.", ("CONSULT", ("ARM",), ("AZE",))),
    ],
)
def test_a_dashed_pair_of_countries_holds_the_talks(language: str, text: str, expected) -> None:
    assert expected in coded(text, language)


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "en",
            "Chile hosted the first direct Peru-Bolivia talks in years, where both sides agreed to a truce.",
        ),
        (
            "it",
            "Si sono svolti i primi colloqui diretti Perù-Bolivia, dove le due parti hanno concordato "
            "una tregua.",
        ),
    ],
)
def test_both_sides_agreeing_are_the_sides_of_the_talks(language: str, text: str) -> None:
    agreed = {(s, t) for kind, s, t in coded(text, language) if kind == "AGREE"}
    assert agreed and all({*s, *t} == {"PER", "BOL"} for s, t in agreed)


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("en", "The withdrawal of Russian troops from Georgia began.", ("RETREAT", ("RUS",), ("GEO",))),
        ("en", "Kenya demanded the withdrawal of Ugandan forces from its border.", ("RETREAT", ("UGA",), ())),
        ("it", "È iniziato il ritiro delle truppe russe dalla Georgia.", ("RETREAT", ("RUS",), ("GEO",))),
        ("it", "Il Kenya ha chiesto il ritiro delle truppe dell'Uganda.", ("RETREAT", ("UGA",), ())),
    ],
)
def test_whose_forces_withdraw_is_the_source_of_the_withdrawal(language: str, text: str, expected) -> None:
    assert expected in coded(text, language)


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("en", "The EU imposed new sanctions on Belarus.", {("SANCTION", ("Q458",), ("BLR",))}),
        ("en", "Israel reimposed blockades in the West Bank.", {("COERCE", ("ISR",), ("PSE",))}),
    ],
)
def test_imposing_a_measure_is_one_event_by_whoever_imposes_it(language: str, text: str, expected) -> None:
    assert coded(text, language) == expected


def test_the_european_community_is_an_international_actor() -> None:
    found = coded("European Community foreign ministers demanded the withdrawal of Serbian forces.", "en")
    assert ("REQUEST", ("Q8908",), ("SRB",)) in found


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "en",
            "Chad launched strikes on Sudan. Sudan's army spokesman Brig. Gen. Nabil Abdallah said the "
            "strikes killed at least nine people.",
        ),
        (
            "en",
            "Chad launched strikes on Sudan. Sudan's military spokesperson said the strikes killed "
            "nine people.",
        ),
        (
            "it",
            "Il Ciad ha lanciato attacchi contro il Sudan. Il portavoce militare del Sudan ha detto che gli "
            "attacchi hanno ucciso nove persone.",
        ),
    ],
)
def test_a_side_counting_its_own_dead_is_the_victim(language: str, text: str) -> None:
    """The country in the speaker's title is the speaker's, not the reported clause's subject."""
    tolls = [e for e in events(text, language) if e.type == "ASSAULT"]
    assert tolls and all(
        [a.id for a in e.source_actors] == ["TCD"] and [a.id for a in e.target_actors] == ["SDN"]
        for e in tolls
    )
    assert all(any(a.country == "SDN" for a in e.attribution) for e in tolls)


def test_talks_carry_no_count_of_what_they_agreed() -> None:
    found = events("Russia-Ukraine talks, where both sides agreed to swap 1,000 prisoners each.", "en")
    assert any(e.type == "CONSULT" for e in found)
    assert all(e.quantity is None for e in found if e.type == "CONSULT")


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Bamako è in mano ai ribelli che annunciano una nuova era per il paese."),
        ("en", "The airport fell to the rebels, who announced a curfew in the city."),
    ],
)
def test_a_speaker_in_a_relative_clause_keeps_its_role_before_it(language: str, text: str) -> None:
    taken = [e for e in events(text, language) if e.type == "FIGHT"]
    assert taken and all(
        [a.id for a in e.source_actors] == ["agent:rebels"] and e.factuality == "asserted" for e in taken
    )


def test_anti_government_forces_are_rebels() -> None:
    found = coded("Le forze antigovernative hanno rovesciato il presidente del Ciad.", "it")
    assert any(t == "COERCE" and s == ("agent:rebels",) for t, s, _ in found)


@pytest.mark.parametrize(
    "text, agent, country",
    [
        ("A Lisbon court ordered the release of the two men.", "agent:judiciary", "PRT"),
        ("Kabul police arrested two men on Sunday.", "agent:police", "AFG"),
    ],
)
def test_a_town_before_an_agent_gives_its_country(text: str, agent: str, country: str) -> None:
    found = annotated(text, "en").mentions
    agents = [m for m in found if m.kind == "entity" and (m.value or {}).get("agent") == agent]
    assert agents and (agents[0].value.get("actor") or agents[0].entity_id or "").endswith(country)
    # the town stays a place of its own (toponym), naming the agent rather than acting
    town = text.split()[1] if text.startswith("A ") else text.split()[0]
    assert any(m.kind == "entity" and m.text == town and m.label in ("city", "capital") for m in found)


def test_migrants_are_an_agent_in_english() -> None:
    found = coded("Greece detained 40 migrants on Lesbos.", "en")
    assert ("COERCE", ("GRC",), ("agent:migrants",)) in found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russia granted Assad political asylum.", ("AID", ("RUS",), ("SYR",))),
        ("The EU offered Kyiv more support.", ("AID", ("Q458",), ("UKR",))),
    ],
)
def test_a_name_between_verb_and_object_receives_it(text: str, expected) -> None:
    assert expected in coded(text, "en")


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "en",
            "Chad struck Sudan. The African Union and U.S. President Donald Trump urged both sides to stop.",
        ),
        (
            "it",
            "Il Ciad ha colpito il Sudan. L'Onu e il presidente americano Donald Trump hanno chiesto ai "
            "due Paesi di fermarsi.",
        ),
    ],
)
def test_a_titled_person_coordinated_after_another_actor_keeps_both(language: str, text: str) -> None:
    calls = [e for e in events(text, language) if e.type == "REQUEST"]
    assert calls and len(calls[0].source_actors) == 2
    assert "Q22686" in {a.id for a in calls[0].source_actors}


@pytest.mark.parametrize(
    "language, text, expected",
    [
        (
            "it",
            "Mentre Macron è volato a Pechino per discutere dei dazi con il presidente Xi Jinping.",
            ("CONSULT", ("FRA",), ("CHN",)),
        ),
        (
            "it",
            "Erdogan è andato a Mosca per incontrare il presidente Vladimir Putin.",
            ("CONSULT", ("TUR",), ("RUS",)),
        ),
    ],
)
def test_a_purpose_is_done_by_the_subject_of_the_clause_it_completes(language: str, text: str, expected):
    assert expected in coded(text, language)


def test_per_with_a_perfect_infinitive_is_a_cause_not_a_purpose() -> None:
    text = "I carabinieri hanno denunciato un uomo per avere ferito un vicino con un coltello."
    wounds = [e for e in events(text, "it") if e.type == "ASSAULT"]
    assert not any("carabinieri" in a.id for e in wounds for a in e.source_actors)


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Ukraine attacked Russia in August. North Korean troops are fighting in Kursk."),
        ("it", "L'Ucraina ha attaccato la Russia ad agosto. Le truppe nordcoreane combattono a Kursk."),
    ],
)
def test_where_a_fight_happens_is_not_whom_it_is_against(language: str, text: str) -> None:
    """Kursk is in Russia, but North Korea's troops fight for it, not against it."""
    assert not any(t == "FIGHT" and s == ("PRK",) and tg == ("RUS",) for t, s, tg in coded(text, language))


def test_a_gerund_shares_the_subject_of_the_clause_it_hangs_on() -> None:
    text = "Un portavoce ha affermato che Kagame aveva lasciato il paese, fuggendo in Uganda."
    fled = [e for e in events(text, "it") if e.type == "RETREAT"]
    assert fled and all([a.id for a in e.source_actors] == ["person:paul-kagame"] for e in fled)


def test_a_relative_opened_by_a_preposition_has_its_antecedent_as_subject() -> None:
    text = "Le manovre seguono la visita di Emmanuel Macron, durante la quale ha criticato Pechino."
    assert ("ACCUSE", ("FRA",), ("CHN",)) in coded(text, "it")


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il governo spera che i ribelli si arrendano entro domenica."),
        ("it", "A questo punto speriamo solo che l'esercito si arrenda."),
        ("en", "The government hopes that the rebels will surrender by Sunday."),
    ],
)
def test_a_surrender_hoped_for_is_no_surrender(language: str, text: str) -> None:
    surrenders = [e for e in events(text, language) if e.type == "RETREAT"]
    assert surrenders and all(e.factuality != "asserted" for e in surrenders)


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("en", "Houthi fighters advanced with the backing of Iran.", ("AID", ("IRN",), ("YEM",))),
        ("it", "Gli Houthi hanno attaccato con l'appoggio dell'Iran.", ("AID", ("IRN",), ("YEM",))),
        ("it", "I ribelli dell'M23 avanzano con il sostegno del Ruanda.", ("AID", ("RWA",), ("COD",))),
    ],
)
def test_support_someone_acts_with_comes_from_its_giver(language: str, text: str, expected) -> None:
    assert expected in coded(text, language)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("La Francia ha tagliato gli aiuti al Mali.", ("SANCTION", ("FRA",), ("MLI",))),
        ("Il Giappone potrebbe sospendere i finanziamenti alla Serbia.", ("SANCTION", ("JPN",), ("SRB",))),
    ],
)
def test_aid_cut_is_a_sanction_in_italian_too(text: str, expected) -> None:
    assert expected in coded(text, "it")


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "it",
            "Armenia e Azerbaigian si sono scambiati 20 prigionieri. Entrambe le parti hanno accolto i "
            "rilasciati e si prevede che scambieranno altri 50 prigionieri ciascuna.",
        ),
        (
            "en",
            "Armenia and Azerbaijan swapped 20 prisoners. Both sides welcomed the freed men and are "
            "expected to swap 50 more prisoners each.",
        ),
    ],
)
def test_both_sides_as_the_sentence_subject_do_its_later_mutual_act(language: str, text: str) -> None:
    swaps = [e for e in events(text, language) if e.type == "RETREAT"]
    assert len(swaps) >= 2
    assert all({a.id for a in (*e.source_actors, *e.target_actors)} == {"ARM", "AZE"} for e in swaps)


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Chad struck Sudan on Monday. The African Union described the conflict as a disgrace."),
        ("it", "Il Ciad ha colpito il Sudan lunedì. L'Onu ha condannato l'escalation militare."),
    ],
)
def test_a_reaction_to_the_fighting_is_aimed_at_both_its_sides(language: str, text: str) -> None:
    reactions = [e for e in events(text, language) if e.type == "ACCUSE"]
    assert reactions and {a.id for a in reactions[0].target_actors} == {"TCD", "SDN"}


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Iran received drones from its longtime ally, Russia."),
        ("it", "L'Iran ha ricevuto droni dal suo storico alleato, la Russia."),
    ],
)
def test_a_giver_named_in_apposition_after_from_is_the_source(language: str, text: str) -> None:
    assert any(t == "AID" and s == ("RUS",) for t, s, _ in coded(text, language))


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "it",
            "I ribelli hanno conquistato Aleppo. Intanto le forze di terra turche sono entrate nel Paese.",
        ),
        ("en", "Rebels seized Aleppo in Syria. Meanwhile, Turkish ground forces entered the country."),
    ],
)
def test_the_country_with_no_name_is_the_one_the_article_is_about(language: str, text: str) -> None:
    assert any(s == ("TUR",) and tg == ("SYR",) for _, s, tg in coded(text, language))


def test_forces_entering_another_countrys_zone_are_deployed() -> None:
    found = coded("Russian bombers entered Japan's air defense identification zone on Tuesday.", "en")
    assert ("MOBILIZE", ("RUS",), ("JPN",)) in found
    assert not any(t == "FIGHT" for t, _, _ in found)


@pytest.mark.parametrize(
    "language, text, expected",
    [
        (
            "it",
            "Kiev protesta. Le truppe russe sono entrate nel territorio ucraino.",
            ("MOBILIZE", ("RUS",), ("UKR",)),
        ),
        (
            "it",
            "I ribelli hanno conquistato Aleppo. Intanto le forze turche sono entrate nel Paese.",
            ("MOBILIZE", ("TUR",), ("SYR",)),
        ),
        ("en", "Turkish troops entered Iraqi territory on Sunday.", ("MOBILIZE", ("TUR",), ("IRQ",))),
    ],
)
def test_forces_entering_another_countrys_territory_are_deployed(language: str, text: str, expected) -> None:
    found = coded(text, language)
    assert expected in found
    assert not any(t == "FIGHT" and s == expected[1] for t, s, _ in found)


def test_forces_entering_a_city_take_it() -> None:
    assert ("FIGHT", ("agent:rebels",), ("SYR",)) in coded("I ribelli sono entrati a Damasco domenica.", "it")
    assert events("Il presidente è entrato nel Paese in aereo.", "it") == []


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("en", "Pakistan confirms 26 killed in Indian missile strikes.", ("ASSAULT", ("IND",), ("PAK",))),
        (
            "it",
            "L'Ucraina ha detto che dieci persone sono state uccise nei bombardamenti russi.",
            ("ASSAULT", ("RUS",), ("UKR",)),
        ),
    ],
)
def test_a_state_counting_dead_of_anothers_strikes_counts_its_own(language: str, text: str, expected) -> None:
    assert expected in coded(text, language)


def test_a_third_partys_toll_names_no_victims_side() -> None:
    assert coded("The UN said 26 people were killed in Indian strikes.", "en") == {("ASSAULT", ("IND",), ())}


def test_a_speaker_of_an_attack_is_not_its_target() -> None:
    text = "India's Defence Ministry said the strikes targeted nine terrorist camps."
    assert not any(tg == ("IND",) for _, _, tg in coded(text, "en"))


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Israel's army said three soldiers were killed in a Hezbollah attack."),
        ("it", "Tre soldati israeliani sono stati uccisi nell'attacco di Hezbollah."),
    ],
)
def test_a_group_naming_the_attack_is_its_doer(language: str, text: str) -> None:
    (toll,) = [e for e in events(text, language) if e.type == "ASSAULT"]
    assert [a.id for a in toll.source_actors] == ["org:hezbollah"]
    assert [a.id for a in toll.target_actors] == ["ISR"]


def test_an_undated_toll_takes_the_sides_of_todays_fighting_not_of_a_background_attack() -> None:
    text = (
        "India struck Pakistan on Tuesday. The strikes answered an attack on April 1, when militants "
        "attacked India. At least 26 people were killed."
    )
    (toll,) = [e for e in events(text, "en") if e.type == "ASSAULT"]
    assert [a.id for a in toll.source_actors] == ["IND"] and [a.id for a in toll.target_actors] == ["PAK"]


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Assad è fuggito a Mosca. La Russia gli ha concesso asilo."),
        ("it", "Assad è fuggito a Mosca con i familiari e la Russia ha concesso loro asilo politico."),
        ("en", "Assad fled to Moscow, and Russia granted him asylum."),
    ],
)
def test_an_indirect_object_pronoun_is_the_doer_of_the_act_before(language: str, text: str) -> None:
    assert ("AID", ("RUS",), ("SYR",)) in coded(text, language)


def test_an_article_before_a_noun_is_no_pronoun() -> None:
    text = "La Cina ha minacciato Taiwan. Durante le esercitazioni le sue navi sconfinano."
    assert not any(t == "COOPERATE" for t, _, _ in coded(text, "it"))


def test_il_rais_is_the_leader_named_before() -> None:
    text = "Bashar al-Assad ha lasciato Damasco. Il rais è fuggito a Mosca con i familiari."
    assert ("RETREAT", ("SYR",), ()) in coded(text, "it")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("La Russia ha concesso asilo politico ad Assad.", ("AID", ("RUS",), ("SYR",))),
        ("L'Iran ha inviato armi ad Hamas.", ("AID", ("IRN",), ("PSE",))),
    ],
)
def test_ad_is_a_to_before_a_vowel(text: str, expected) -> None:
    assert expected in coded(text, "it")


def test_a_relative_clause_about_the_one_concerned_has_its_antecedent_as_target() -> None:
    text = (
        "Come previsto, i 12 migranti per i quali il tribunale di Atene non ha convalidato il "
        "trattenimento, torneranno."
    )
    (rejection,) = [e for e in events(text, "it") if e.type == "REJECT"]
    assert [a.id for a in rejection.target_actors] == ["agent:migrants"]


def test_a_place_opening_a_relative_clause_is_no_target() -> None:
    text = (
        "Pahalgam è una località nel Kashmir indiano in cui il 22 aprile 26 turisti sono stati uccisi "
        "in un attentato terroristico."
    )
    assert ("ASSAULT", ("agent:militants",), ("IND",)) not in coded(text, "it")


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "The UN demanded that Israel withdraw its troops."),
        ("it", "L'Onu chiede che Israele ritiri le truppe."),
    ],
)
def test_a_demand_is_made_of_the_subject_of_its_that_clause_which_has_not_acted(
    language: str, text: str
) -> None:
    found = events(text, language)
    assert ("REQUEST", ("Q1065",), ("ISR",)) in {
        (e.type, tuple(a.id for a in e.source_actors), tuple(a.id for a in e.target_actors)) for e in found
    }
    (withdrawal,) = [e for e in found if e.type == "RETREAT"]
    assert withdrawal.factuality == "future"


def test_what_is_said_in_a_that_clause_is_not_demanded() -> None:
    (strike,) = [e for e in events("Pakistan confirmed that India struck Lahore.", "en") if e.type == "FIGHT"]
    assert strike.factuality != "future"


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "it",
            "La Cina ha avviato esercitazioni attorno a Taiwan. Il ministero della Difesa di Taiwan dice che "
            "sono state rilevate 19 navi attorno alle coste dell'isola.",
        ),
        (
            "en",
            "China launched drills around Taiwan. Taiwan's defence ministry said it detected 19 ships near "
            "the island.",
        ),
    ],
)
def test_forces_seen_with_no_owner_belong_to_the_other_side_of_the_seers_dyad(
    language: str, text: str
) -> None:
    (seen,) = [e for e in events(text, language) if e.trigger.text in ("rilevate", "detected")]
    assert [a.id for a in seen.source_actors] == ["CHN"] and [a.id for a in seen.target_actors] == ["TWN"]


def test_the_owner_of_an_object_is_its_own_genitive_not_a_place_after_a_preposition() -> None:
    text = "Taipei ha rilevato navi attorno alle coste dell'isola di Kinmen."
    assert not any(s == ("TWN",) and t == "MOBILIZE" for t, s, _ in coded(text, "it"))


def test_a_nominal_trigger_takes_the_sentence_subject_not_a_name_after_a_preposition() -> None:
    text = (
        "Il governo cinese vuole riprendere il controllo di Taiwan, e durante le esercitazioni "
        "le sue navi sconfinano."
    )
    drills = [e for e in events(text, "it") if e.trigger.text == "esercitazioni"]
    assert drills and all([a.id for a in e.source_actors] == ["CHN"] for e in drills)


def test_by_and_a_gerund_is_done_by_the_sentences_subject() -> None:
    text = (
        "A Rome court dealt a blow to Prime Minister Giorgia Meloni's plan by denying orders to "
        "detain migrants."
    )
    (denial,) = [e for e in events(text, "en") if e.type == "REJECT"]
    assert [a.id for a in denial.source_actors] == ["agent:judiciary:ITA"]
