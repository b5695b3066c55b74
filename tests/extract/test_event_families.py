"""Event families real news is made of (events v4), in Italian and English, on text written here:
attacks launched, casualties with the sides of the article's fighting, control of places,
flight, threats of retaliation, prisoner swaps, broken ties, deployments and drills."""

from __future__ import annotations

from datetime import date

import pytest

from cronaca.extract.pipeline import default_pipeline
from cronaca.model import Article, Interval

from .coding import coded, events


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("it", "L'Etiopia ha lanciato decine di razzi contro l'Eritrea.", ("FIGHT", ("ETH",), ("ERI",))),
        (
            "en",
            "Ethiopia launched dozens of rockets towards Eritrea on Tuesday.",
            ("FIGHT", ("ETH",), ("ERI",)),
        ),
        ("it", "Il Sudan ha attaccato il Ciad all'alba.", ("FIGHT", ("SDN",), ("TCD",))),
        ("en", "Sudan attacked Chad at dawn.", ("FIGHT", ("SDN",), ("TCD",))),
    ],
)
def test_an_attack_launched_at_or_made_on_someone(language, text, expected):
    assert expected in coded(text, language)


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il Sudan ha bombardato il Ciad. Almeno 14 persone sono state uccise e 30 ferite."),
        ("en", "Sudan bombed Chad on Monday. At least 14 people were killed and 30 injured."),
    ],
)
def test_a_casualty_count_belongs_to_the_fighting_reported_before(language, text):
    casualties = [e for e in events(text, language) if e.type == "ASSAULT"]
    assert casualties, "the toll is an event"
    first = casualties[0]
    assert [a.id for a in first.source_actors] == ["SDN"] and [a.id for a in first.target_actors] == ["TCD"]
    assert first.quantity is not None and first.quantity.value == 14


@pytest.mark.parametrize(
    "language, text, expected",
    [
        (
            "it",
            "Il Ciad ha attaccato il Sudan. Il Sudan ha promesso una dura rappresaglia.",
            ("THREATEN", ("SDN",), ("TCD",)),
        ),
        (
            "en",
            "Chad attacked Sudan on Monday. Sudan vowed a harsh response.",
            ("THREATEN", ("SDN",), ("TCD",)),
        ),
        ("en", "Chad attacked Sudan on Monday. Sudan condemned the raid.", ("ACCUSE", ("SDN",), ("TCD",))),
    ],
)
def test_a_reaction_is_aimed_at_the_other_side(language, text, expected):
    assert expected in coded(text, language)


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("it", "Il Mali ha conquistato la città di Gao.", "FIGHT"),
        ("en", "Mali captured the town of Gao after a week of fighting.", "FIGHT"),
        ("en", "Mali took control of the airport.", "FIGHT"),
        ("it", "Il Mali ha preso il controllo dell'aeroporto.", "FIGHT"),
    ],
)
def test_taking_a_place(language, text, expected):
    assert (expected, ("MLI",), ()) in coded(text, language) or any(
        t == expected and s == ("MLI",) for t, s, _ in coded(text, language)
    )


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il presidente della Bolivia è fuggito in Perù."),
        ("en", "Bolivia's former president fled to Peru."),
    ],
)
def test_flight_is_a_retreat(language, text):
    assert any(e.type == "RETREAT" for e in events(text, language))


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "L'Armenia e l'Azerbaigian si sono scambiati 40 prigionieri."),
        ("en", "Armenia and Azerbaijan exchanged 40 prisoners on Friday."),
    ],
)
def test_a_prisoner_swap_has_both_sides(language, text):
    swap = [e for e in events(text, language) if e.type == "RETREAT"]
    assert swap
    sides = {a.id for a in (*swap[0].source_actors, *swap[0].target_actors)}
    assert sides == {"ARM", "AZE"}


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il Marocco ha interrotto le relazioni diplomatiche con l'Algeria."),
        ("en", "Morocco severed diplomatic ties with Algeria."),
    ],
)
def test_broken_ties_are_a_sanction(language, text):
    assert ("SANCTION", ("MAR",), ("DZA",)) in coded(text, language)


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "La Serbia ha schierato truppe lungo il confine."),
        ("en", "Serbia deployed troops along the border."),
        ("it", "La Serbia ha avviato un'esercitazione militare vicino al confine."),
        ("en", "Serbia began military drills near the border."),
    ],
)
def test_forces_deployed_with_no_one_to_receive_them_are_mobilised(language, text):
    kinds = {t for t, s, _ in coded(text, language) if s == ("SRB",)}
    assert kinds == {"MOBILIZE"}


def test_forces_sent_to_a_country_stay_aid():
    assert ("AID", ("SRB",), ("HUN",)) in coded("Serbia sent 500 troops to Hungary.", "en")


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il Sudan ha bombardato il Ciad. Il Ciad ha abbattuto due aerei sudanesi."),
        ("en", "Sudan bombed Chad. Chad shot down two Sudanese jets."),
    ],
)
def test_the_owner_of_what_is_shot_down_is_the_target(language, text):
    assert ("FIGHT", ("TCD",), ("SDN",)) in coded(text, language)


def test_a_toll_with_no_fighting_before_has_no_invented_sides():
    found = [e for e in events("At least 14 people died in the floods.", "en") if e.type == "ASSAULT"]
    assert all(not e.source_actors for e in found)


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il governo della Serbia ha definito il premier del Kosovo un «terrorista»."),
        ("en", "Serbia's government called Kosovo's prime minister a 'terrorist' on Monday."),
    ],
)
def test_name_calling_is_disapproval(language, text):
    assert any(t == "ACCUSE" and "SRB" in s for t, s, _ in coded(text, language))


def test_calling_a_meeting_is_no_disapproval():
    assert not any(e.type == "ACCUSE" for e in events("Serbia called a meeting with Kosovo's leaders.", "en"))


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "I servizi segreti tedeschi hanno stimato che la Russia ha inviato 2.000 soldati in Mali."),
        ("en", "German spies estimated that Russia sent 2,000 soldiers to Mali."),
    ],
)
def test_intelligence_services_are_a_source_not_an_actor(language, text):
    (aid,) = [e for e in events(text, language) if e.type == "AID"]
    assert [a.id for a in aid.source_actors] == ["RUS"]
    assert any(a.sector == "intelligence" and a.country == "DEU" for a in aid.attribution)


@pytest.mark.parametrize(
    "text",
    ["Il ritiro dal Ciad da parte della Francia è iniziato.", "Il ritiro delle truppe dal Ciad è iniziato."],
)
def test_withdrawing_from_a_country_does_not_make_it_the_doer(text):
    (retreat,) = [e for e in events(text, "it") if e.type == "RETREAT"]
    assert "TCD" not in {a.id for a in retreat.source_actors}


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Chad condemned the Sudanese strikes on Monday."),
        ("it", "Il Ciad ha condannato i raid sudanesi."),
    ],
)
def test_a_nominal_attack_takes_its_demonym_as_doer_not_the_subject_of_the_verb_before_it(language, text):
    found = events(text, language)
    assert all("TCD" not in {a.id for a in e.source_actors} for e in found if e.type == "FIGHT")
    assert ("ACCUSE", ("TCD",), ("SDN",)) in coded(text, language)


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "La Francia ha chiesto il ritiro immediato dal Ciad."),
        ("en", "France demanded the immediate withdrawal from Chad."),
    ],
)
def test_a_demanded_withdrawal_is_not_the_demanders(language, text):
    assert not any(
        e.type == "RETREAT" and "FRA" in {a.id for a in e.source_actors} for e in events(text, language)
    )


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Sudan bombed Chad. Ten people were killed in the strikes."),
        ("it", "Il Sudan ha bombardato il Ciad. Dieci persone sono morte nei raid."),
    ],
)
def test_the_attack_a_toll_happened_in_is_not_told_twice(language, text):
    found = events(text, language)
    second = found[-1].start
    assert [e.type for e in found if e.start == second] == ["ASSAULT"]


@pytest.mark.parametrize(
    "language, text",
    [("en", "The army released a video of the raid."), ("it", "L'esercito ha rilasciato un video del raid.")],
)
def test_releasing_a_video_is_no_release(language, text):
    assert not any(e.type == "RETREAT" for e in events(text, language))


def test_calling_on_someone_is_a_request():
    assert ("REQUEST", ("FRA",), ("TCD",)) in coded("France called on Chad to stop the fighting.", "en")


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Chad said that 12 soldiers were killed in Sudanese air strikes."),
        ("it", "Il Ciad ha detto che 12 soldati sono stati uccisi nei raid sudanesi."),
    ],
)
def test_the_demonym_of_the_means_of_a_killing_is_its_doer(language, text):
    (toll,) = [e for e in events(text, language) if e.type == "ASSAULT"]
    assert [a.id for a in toll.source_actors] == ["SDN"]
    assert toll.quantity is not None and toll.quantity.value == 12


def test_a_pronoun_subject_after_a_reporting_verb_is_not_an_object():
    found = coded("Sudan announced an operation on Monday, saying it struck rebel bases in Chad.", "en")
    assert any(t == "FIGHT" and s == ("SDN",) for t, s, _ in found)


def test_a_pronoun_subject_is_the_speaker():
    found = coded("Chad confirmed on Tuesday that it launched missile strikes on Sudanese bases.", "en")
    assert any(t == "FIGHT" and s == ("TCD",) for t, s, _ in found)


def test_calling_someone_names_is_no_meeting():
    assert not any(
        e.type == "CONSULT" for e in events("Chad's president called Sudan a 'terrorist state'.", "en")
    )


@pytest.mark.parametrize(
    "language, title, text",
    [
        ("it", "Il Sudan attacca il Ciad", "Almeno 10 persone sono state uccise nella notte."),
        ("en", "Sudan strikes Chad", "At least 10 people were killed overnight."),
    ],
)
def test_the_headline_sets_the_sides_of_a_toll(language, title, text):
    article = Article(
        id="a_h", title=title, text=text, language=language, published=Interval.day(date(2024, 5, 10))
    )
    found = default_pipeline()(article).events
    assert [(e.type, [a.id for a in e.source_actors], [a.id for a in e.target_actors]) for e in found] == [
        ("ASSAULT", ["SDN"], ["TCD"])
    ]


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "General Idriss Mahamat, the army spokesman, said Chad launched rockets towards Sudan."),
        ("en", "Chad launched rockets towards Sudan, said the Sudanese army."),
        (
            "it",
            "Il portavoce dell'esercito, il generale Idriss Mahamat, ha detto che il Ciad "  # noqa: ISC003
            + "ha lanciato razzi verso il Sudan.",
        ),
    ],
)
def test_the_subject_of_what_is_said_is_not_a_source(language, text):
    (fight,) = [e for e in events(text, language) if e.type == "FIGHT"]
    assert [a.id for a in fight.source_actors] == ["TCD"] and [a.id for a in fight.target_actors] == ["SDN"]
    assert "TCD" not in {a.id for a in fight.attribution}


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "The Chadian rebels claimed to have captured the town of Abeche."),
        ("it", "I ribelli ciadiani hanno annunciato di aver conquistato la città di Abeche."),
    ],
)
def test_the_speaker_of_a_claim_to_have_done_it_is_the_doer(language, text):
    (taking,) = [e for e in events(text, language) if e.type == "FIGHT"]
    assert [a.id.split(":")[1] for a in taking.source_actors] == ["rebels"]


def test_a_participle_with_its_agent_is_passive():
    (arrest,) = [
        e
        for e in events("Il ministro sudanese, arrestato dai ribelli, è stato rilasciato.", "it")
        if e.type == "COERCE"
    ]
    assert [a.id.split(":")[1] for a in arrest.source_actors] == ["rebels"]


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Sudan bombed Chad on Monday. Chad retaliated with dozens of drones."),
        ("it", "Il Sudan ha bombardato il Ciad lunedì. Il Ciad ha risposto con decine di droni."),
    ],
)
def test_retaliation_carried_out_is_fighting(language, text):
    assert ("FIGHT", ("TCD",), ("SDN",)) in coded(text, language)


def test_the_subject_of_another_verb_before_a_nominal_attack_is_not_its_doer():
    text = "Sudan bombed Chad. Chad said Sudan will pay a heavy price for the strikes."
    assert not any(
        e.type == "FIGHT" and [a.id for a in e.source_actors] == ["TCD"] for e in events(text, "en")
    )


def test_an_attack_named_with_neither_side_takes_no_sides():
    text = "Sudan bombed Chad. The attacks continued overnight."
    assert [e.type for e in events(text, "en")] == ["FIGHT"]


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il 3 marzo 14 persone sono state uccise in un attentato terroristico in Ciad."),
        ("en", "On 3 March a terrorist attack killed 14 people in Chad."),
    ],
)
def test_a_terrorist_attack_is_done_by_unnamed_militants_not_by_the_country(language, text):
    tolls = [e for e in events(text, language) if e.type == "ASSAULT"]
    assert tolls and all([a.id for a in e.source_actors] == ["agent:militants"] for e in tolls)


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Chad launched 40 drones towards Sudanese territory."),
        ("it", "Il Ciad ha lanciato 40 droni verso il territorio sudanese."),
    ],
)
def test_a_demonym_after_a_preposition_is_not_the_objects_owner(language, text):
    assert ("FIGHT", ("TCD",), ("SDN",)) in coded(text, language)


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Sudan-backed rebels captured the Chadian capital."),
        ("it", "Il gruppo M23 è accusato di essere sostenuto dall'esercito ruandese."),
    ],
)
def test_backing_an_armed_side_is_aid(language, text):
    assert any(e.type == "AID" for e in events(text, language))


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Sudan bombed Chad. The UN urged both sides to show restraint."),
        ("it", "Il Sudan ha bombardato il Ciad. L'Onu ha chiesto ai due Paesi di fermarsi."),
    ],
)
def test_both_sides_are_the_two_sides_of_the_fighting(language, text):
    (request,) = [e for e in events(text, language) if e.type == "REQUEST"]
    assert {a.id for a in request.target_actors} == {"SDN", "TCD"}


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il Sudan ha lanciato razzi contro la zona del confine controllata dal Ciad."),
        ("en", "Sudan fired rockets at the border area held by Chad."),
    ],
)
def test_the_target_ends_the_phrase_the_preposition_opens(language, text):
    assert ("FIGHT", ("SDN",), ("TCD",)) in coded(text, language)


def test_a_side_reports_its_own_dead():
    text = "Sudan bombed Chad. Chad's army said the attacks killed eight people."
    toll = [e for e in events(text, "en") if e.type == "ASSAULT"]
    assert [[a.id for a in e.source_actors] for e in toll] == [["SDN"]]


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "China began drills around Taiwan on Monday. Taiwan dispatched warships in response."),
        (
            "it",
            "La Cina ha avviato esercitazioni attorno a Taiwan. "  # noqa: ISC003
            + "Taiwan ha inviato navi da guerra in risposta.",
        ),
    ],
)
def test_a_deployment_in_response_is_aimed_at_the_other_side(language, text):
    assert ("MOBILIZE", ("TWN",), ("CHN",)) in coded(text, language)


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Sudan bombed Chad. Chad's army said it will respond to this attack."),
        ("it", "Il Sudan ha bombardato il Ciad. L'esercito del Ciad ha detto che risponderà all'attacco."),
    ],
)
def test_a_vow_to_respond_is_no_strike(language, text):
    assert not any(e.type == "FIGHT" and e.start > 20 for e in events(text, language))


def test_military_targets_are_no_attack():
    assert not any(e.type == "FIGHT" for e in events("The operation hit Sudan's military targets.", "en")[1:])


def test_an_appositive_participle_is_passive():
    found = events("Il gruppo M23, accusato di crimini dal governo del Ciad, ha risposto.", "it")
    assert not any(e.type == "ACCUSE" and any(a.id == "org:m23" for a in e.source_actors) for e in found)


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Sudan bombed Chad. Hospitals were full of the victims of the bombing, the minister said."),
        ("it", "Il Sudan ha bombardato il Ciad. Il ministro ha reso omaggio alle vittime del bombardamento."),
    ],
)
def test_the_subject_of_a_sentence_did_not_kill_the_victims_it_names(language, text):
    tolls = [e for e in events(text, language) if e.type == "ASSAULT"]
    assert all([a.id for a in e.source_actors] != ["agent:government"] for e in tolls)


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Sudan bombed Chad on Monday. On 3 March, 14 people were killed in the capital."),
        (
            "it",
            "Il Sudan ha bombardato il Ciad lunedì. Il 3 marzo 14 persone erano state uccise nella capitale.",
        ),
    ],
)
def test_a_toll_dated_weeks_before_takes_no_sides_from_todays_fighting(language, text):
    tolls = [e for e in events(text, language) if e.type == "ASSAULT"]
    assert all(not e.source_actors for e in tolls)


def test_a_dateline_dates_the_report_not_the_event():
    found = events("Roma, 3 maggio 2024 - Il Sudan ha attaccato il Ciad.", "it")
    assert [(e.type, e.time.open_start) for e in found] == [("FIGHT", True)]


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "La città di Abeche è caduta nelle mani dei ribelli ciadiani."),
        ("it", "Abeche è in mano ai ribelli."),
        ("en", "Abeche fell to the Chadian rebels on Sunday."),
    ],
)
def test_a_place_falling_to_someone_is_taken_by_them(language, text):
    (taking,) = [e for e in events(text, language) if e.type == "FIGHT"]
    assert taking.source_actors[0].id.startswith("agent:rebels")


def test_prices_falling_to_a_level_are_no_event():
    assert events("Prices fell to record levels in March.", "en") == []


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il presidente del Ciad ha ricevuto asilo dal Sudan."),
        ("en", "Chad's president received weapons from Sudan."),
    ],
)
def test_receiving_help_from_someone_is_their_aid(language, text):
    assert ("AID", ("SDN",), ("TCD",)) in coded(text, language)


def test_overthrowing_a_government_is_coercion():
    assert ("COERCE", ("agent:rebels",), ("TCD",)) in coded(
        "I ribelli hanno rovesciato il governo del Ciad.", "it"
    )


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il Ciad non ha ratificato il trattato con il Sudan."),
        ("en", "Chad did not ratify the treaty with Sudan."),
    ],
)
def test_a_refusal_said_with_a_negation_is_a_rejection(language, text):
    rejections = [e for e in events(text, language) if e.type == "REJECT"]
    assert rejections and rejections[0].factuality == "asserted"
    assert [a.id for a in rejections[0].source_actors] == ["TCD"]


def test_what_was_ratified_is_no_rejection():
    assert not any(e.type == "REJECT" for e in events("Chad ratified the treaty with Sudan.", "en"))


@pytest.mark.parametrize(
    "language, text",
    [("it", "Il governo del Ciad farà ricorso contro la sentenza."), ("en", "Chad will appeal the ruling.")],
)
def test_an_appeal_is_a_rejection(language, text):
    assert any(e.type == "REJECT" for e in events(text, language))


def test_the_fall_of_someone_names_who_fell():
    found = events("Sudan bombed Chad. The Chadian government has not confirmed the fall of Abeche.", "en")
    assert [e.type for e in found] == ["FIGHT"]


def test_falling_into_the_hands_of_someone():
    (taking,) = [
        e for e in events("Abeche fell into the hands of the Chadian rebels.", "en") if e.type == "FIGHT"
    ]
    assert taking.source_actors[0].id.startswith("agent:rebels")


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "it",
            "Armenia e Azerbaigian hanno avviato lo scambio di prigionieri. "  # noqa: ISC003
            + "Venerdì ogni parte ha restituito 390 militari.",
        ),
        ("en", "Armenia and Azerbaijan began a prisoner swap. On Friday each side returned 390 soldiers."),
    ],
)
def test_each_side_of_an_exchange_is_its_two_parties(language, text):
    second = [e for e in events(text, language) if e.quantity is not None]
    assert [({a.id for a in (*e.source_actors, *e.target_actors)}, e.quantity.value) for e in second] == [
        ({"ARM", "AZE"}, 390)
    ]


def test_people_moved_by_force_are_the_target():
    found = coded("La polizia greca ha trasferito i migranti tunisini in Turchia.", "it")
    assert any(t == "COERCE" and tgt == ("TUN",) for t, _, tgt in found)


def test_people_returning_are_the_source_of_their_return():
    assert any(
        e.type == "RETREAT" and e.source_actors
        for e in events("I migranti torneranno in Grecia domani.", "it")
    )


def test_a_refusal_to_validate_a_detention_targets_the_detained():
    found = events("Il tribunale di Atene non ha convalidato il trattenimento dei migranti siriani.", "it")
    (rejection,) = [e for e in found if e.type == "REJECT"]
    assert [a.id for a in rejection.target_actors] == ["agent:migrants:SYR"]


def test_a_court_is_its_own_actor_not_its_country():
    found = events("Il tribunale di Atene non ha convalidato il trattenimento dei migranti siriani.", "it")
    (rejection,) = [e for e in found if e.type == "REJECT"]
    assert [a.id for a in rejection.source_actors] == ["agent:judiciary:GRC"]


def test_both_countries_named_right_after_the_request_beat_a_later_list():
    text = "Il Sudan ha bombardato il Ciad. L'Onu ha chiesto ai due Paesi di fermarsi, e anche gli Usa."
    (request,) = [e for e in events(text, "it") if e.type == "REQUEST"]
    assert {a.id for a in request.target_actors} == {"SDN", "TCD"}


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "La Turchia ha annunciato contatti diretti con i ribelli siriani."),
        ("en", "Turkey announced direct talks with the Syrian rebels."),
    ],
)
def test_who_announces_talks_holds_them(language, text):
    assert any(t == "CONSULT" and s == ("TUR",) for t, s, _ in coded(text, language))


def test_who_confirms_a_death_did_not_cause_it():
    text = "Il Sudan ha bombardato il Ciad. Il Ciad ha confermato la morte del generale Idriss Mahamat."
    tolls = [e for e in events(text, "it") if e.type == "ASSAULT"]
    assert all([a.id for a in e.source_actors] != ["TCD"] for e in tolls)


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "The ministry's Deputy Press Secretary told reporters that Chad had no comment."),
        ("it", "Il Comitato per la Protesta Civile del Ciad ha sfilato a Roma."),
    ],
)
def test_no_trigger_inside_a_title_or_a_name(language, text):
    assert events(text, language) == []


def test_a_title_case_headline_keeps_its_triggers():
    assert ("FIGHT", ("ISR",), ("IRN",)) in coded("Israel Strikes Iran's Nuclear Sites", "en")


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "en",
            "The province, where the rebels launched an offensive in March, "  # noqa: ISC003
            + "saw Chad deploy troops to the border.",
        ),
        (
            "it",
            "Nella provincia, dove i ribelli avevano lanciato un'offensiva a marzo, "  # noqa: ISC003
            + "il Ciad ha schierato truppe.",
        ),
    ],
)
def test_a_time_in_a_relative_clause_dates_that_clause_only(language, text):
    article = Article(id="a_t", text=text, language=language, published=Interval.day(date(2025, 6, 5)))
    (deploy,) = [e for e in default_pipeline()(article).events if e.type == "MOBILIZE"]
    assert deploy.time.open_start


def test_an_obligation_a_speaker_states_is_their_demand():
    found = coded("«Il Sudan deve ritirare le truppe», ha detto il presidente del Ciad.", "it")
    assert ("REQUEST", ("TCD",), ("SDN",)) in found


def test_an_obligation_nobody_states_is_no_demand():
    assert not any(e.type == "REQUEST" for e in events("Il Ciad deve pagare i debiti.", "it"))


def test_a_passive_toll_names_its_victims():
    text = "Il Sudan ha bombardato il Ciad. Almeno 30 civili sono stati uccisi."
    (toll,) = [e for e in events(text, "it") if e.type == "ASSAULT"]
    assert [a.id for a in toll.target_actors] == ["agent:civilians"] and toll.quantity.value == 30


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "The Sudanese army said it had shot down six drones."),
        ("it", "L'esercito sudanese ha affermato di aver abbattuto sei droni."),
        (
            "it",
            "L'esercito sudanese ha affermato di aver respinto l'offensiva e di aver abbattuto sei droni.",
        ),
    ],
)
def test_an_army_saying_what_it_did_is_its_country_doing_it(language, text):
    assert any(t == "FIGHT" and s == ("SDN",) for t, s, _ in coded(text, language))


def test_repelling_an_offensive_is_fighting_rejecting_a_proposal_is_not():
    assert ("FIGHT", ("SDN",), ("TCD",)) in coded("Chad attacked Sudan. Sudan repelled the offensive.", "en")
    assert ("REJECT", ("SDN",), ("TCD",)) in coded("Il Sudan ha respinto la proposta del Ciad.", "it")


def test_civilians_are_no_side_of_a_ceasefire():
    text = "Chad's army killed 30 civilians in Sudan. The UN called on both sides to stop the fighting."
    requests = [e for e in events(text, "en") if e.type == "REQUEST"]
    assert all("agent:civilians" not in {a.id for a in e.target_actors} for e in requests)


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "The rebels launched a drone attack on the city overnight."),
        ("it", "I ribelli hanno lanciato un attacco con droni contro la città."),
    ],
)
def test_a_drone_attack_is_no_weapons_test(language, text):
    assert not any(e.type == "TEST_WEAPONS" for e in events(text, language))


def test_a_non_state_armed_group_is_not_its_countrys_side():
    text = (
        "Sudan's Rapid Support Forces killed 30 civilians. The Sudanese army said it repelled the offensive."
    )
    (repel,) = [e for e in events(text, "en") if e.rule.startswith("en.fight.repel")]
    assert "agent:civilians" not in {a.id for a in repel.target_actors}


def test_armed_forces_entering_a_place_and_a_minister_entering_a_room():
    assert ("FIGHT", ("agent:rebels",), ()) in coded("I ribelli sono entrati in città all'alba.", "it")
    assert events("Il ministro è entrato in aula.", "it") == []


def test_armed_forces_entering_a_country_in_english():
    assert ("FIGHT", ("ISR",), ("SYR",)) in coded("Israeli troops entered Syria for the first time.", "en")
    assert ("CONSULT", ("TCD",), ("SDN",)) in coded("Chad entered talks with Sudan.", "en")


@pytest.mark.parametrize(
    "language, text, target, factuality",
    [
        ("it", "Secondo l'Onu, l'Iran arma gli Houthi da anni.", "org:houthi", "reported"),
        ("it", "Il Ruanda nega di sostenere i ribelli dell'M23.", "org:m23", "denied"),
        ("en", "Iran has been arming the Houthis for years.", "org:houthi", "asserted"),
        ("en", "Rwanda denies supporting the M23 rebels.", "org:m23", "denied"),
    ],
)
def test_backing_an_armed_side_told_actively_is_aid(language, text, target, factuality):
    aid = [e for e in events(text, language) if e.type == "AID"]
    assert aid and target in [a.id for a in aid[0].target_actors]
    assert aid[0].factuality == factuality


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il governo sostiene il piano di pace presentato ieri."),
        ("it", "La Francia sostiene l'Ucraina nella sua candidatura."),
        ("en", "The government supports the peace plan."),
        ("en", "Germany backs Moldova's bid to join the union."),
    ],
)
def test_supporting_a_plan_or_a_state_is_not_arming_a_side(language, text):
    assert "AID" not in {e.type for e in events(text, language)}


@pytest.mark.parametrize(
    "language, text, expected",
    [
        (
            "it",
            "La Russia ha ammassato truppe al confine con la Finlandia.",
            ("MOBILIZE", ("RUS",), ("FIN",)),
        ),
        (
            "en",
            "India deployed more soldiers along its frontier with China.",
            ("MOBILIZE", ("IND",), ("CHN",)),
        ),
    ],
)
def test_forces_massed_on_the_border_with_a_neighbour_face_it(language, text, expected):
    assert expected in coded(text, language)


def test_with_after_a_border_opens_a_circumstance_when_a_phrase_follows():
    found = coded("L'esercito del Ciad ha schierato truppe al confine, con il sostegno della Francia.", "it")
    assert not any(t == "MOBILIZE" and target == ("FRA",) for t, _, target in found)


@pytest.mark.parametrize(
    "language, text, expected",
    [
        (
            "it",
            "Il Giappone ha avvistato due bombardieri russi vicino a Hokkaido.",
            ("MOBILIZE", ("RUS",), ("JPN",)),
        ),
        (
            "en",
            "Japan spotted two Russian bombers near Hokkaido on Tuesday.",
            ("MOBILIZE", ("RUS",), ("JPN",)),
        ),
        (
            "en",
            "South Korea detected three North Korean drones near Seoul.",
            ("MOBILIZE", ("PRK",), ("KOR",)),
        ),
    ],
)
def test_forces_sighted_are_moved_by_their_owner_towards_who_saw_them(language, text, expected):
    assert expected in coded(text, language)


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "La polizia ha individuato il drone sopra l'aeroporto."),
        ("en", "Police detected a drone over the airport."),
    ],
)
def test_a_sighting_with_no_owner_is_no_mobilisation(language, text):
    assert "MOBILIZE" not in {e.type for e in events(text, language)}


@pytest.mark.parametrize(
    "language, text, expected",
    [
        (
            "it",
            "L'Onu ha chiesto alla Russia di ritirare le truppe dalla Georgia.",
            ("RETREAT", ("RUS",), ("GEO",)),
        ),
        ("en", "Germany called for Iran to release the journalists.", ("RETREAT", ("IRN",), ())),
    ],
)
def test_the_one_asked_to_act_does_the_infinitive(language, text, expected):
    found = coded(text, language)
    assert expected in found
    assert not any(t == "RETREAT" and source in {("Q1065",), ("DEU",)} for t, source, _ in found)


# ---------------------------------------------------------------------------- threats said


@pytest.mark.parametrize(
    "language, text, expected",
    [
        # an offence that will not go unanswered: the speaker against the other side
        (
            "it",
            "Il Ciad ha bombardato il Sudan. «Questo attacco non resterà impunito», ha dichiarato Khartoum.",
            ("THREATEN", ("SDN",), ("TCD",)),
        ),
        (
            "en",
            "Chad shelled Sudan overnight. This aggression will not go unanswered, Khartoum said.",
            ("THREATEN", ("SDN",), ("TCD",)),
        ),
        # regret and a price promised to the subject
        (
            "it",
            "Il governo etiope ha detto che l'Eritrea si pentirà della sua scelta.",
            ("THREATEN", ("ETH",), ("ERI",)),
        ),
        ("en", "Ethiopia said Eritrea would regret the incursion.", ("THREATEN", ("ETH",), ("ERI",))),
        ("it", "«L'Eritrea la pagherà cara», ha detto Addis Abeba.", ("THREATEN", ("ETH",), ("ERI",))),
        # a condition that means war
        (
            "it",
            "Per la Serbia l'indipendenza del Kosovo significa guerra, ha detto Belgrado.",
            ("THREATEN", ("SRB",), ("XKX",)),
        ),
        ("en", "Serbia said Kosovo's independence means war.", ("THREATEN", ("SRB",), ("XKX",))),
    ],
)
def test_a_threat_said_in_so_many_words(language, text, expected):
    assert expected in coded(text, language)


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il Sudan ha detto che la domanda è rimasta senza risposta."),
        ("en", "Sudan said the question went unanswered."),
        ("it", "Il boss si è pentito e il pentito ha parlato ai giudici."),
        ("it", "Il governo etiope pagherà gli stipendi ai medici."),
        ("en", "The minister said he regretted the decision."),
    ],
)
def test_what_only_sounds_like_a_threat(language, text):
    assert not [e for e in events(text, language) if e.type == "THREATEN"]


def test_the_speaker_named_in_the_next_sentence_makes_the_threat():
    text = (
        "Il Ciad ha bombardato il Sudan. «Se Dio vuole, l'Eritrea si pentirà della sua azione». "
        "È quanto si legge sul profilo del presidente etiope Abiy Ahmed."
    )
    threats = [e for e in events(text, "it") if e.type == "THREATEN"]
    assert [
        (tuple(a.country or a.id for a in e.source_actors), tuple(a.id for a in e.target_actors))
        for e in threats
    ] == [(("ETH",), ("ERI",))]


def test_a_reaction_answers_the_fighting_of_its_own_side():
    # the militants' attack told last does not concern Sudan: its threat answers Chad's shelling
    text = (
        "Il Ciad ha bombardato il Sudan. Il Ciad ha detto di aver colpito i siti da cui partivano gli "
        "attacchi dei miliziani contro il Ciad. «Questo attacco non resterà impunito», ha dichiarato "
        "Khartoum."
    )
    assert ("THREATEN", ("SDN",), ("TCD",)) in coded(text, "it")


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "it",
            "Il Ciad ha bombardato il Sudan. «Questo attacco non resterà impunito», ha dichiarato Khartoum.",
        ),
        ("en", "Chad shelled Sudan. Sudan said Chad will pay a heavy price."),
    ],
)
def test_a_threat_told_as_its_makers_words_is_asserted(language, text):
    threat = next(e for e in events(text, language) if e.type == "THREATEN")
    assert threat.factuality == "asserted"


@pytest.mark.parametrize(
    "language, text, expected",
    [
        (
            "it",
            "Il governo siriano è pronto a tendere la mano ai ribelli.",
            ("AGREE", ("SYR",), ("agent:rebels",)),
        ),
        ("it", "La Turchia ha teso la mano alla Siria.", ("AGREE", ("TUR",), ("SYR",))),
        ("en", "Turkey extended a hand to Syria.", ("AGREE", ("TUR",), ("SYR",))),
    ],
)
def test_a_hand_held_out_is_an_offer(language, text, expected):
    assert expected in coded(text, language)


@pytest.mark.parametrize(
    "language, text",
    [
        ("it", "Il ladro ha teso la mano per prendere il portafoglio."),
        ("en", "Russia extended the deadline to Friday."),
    ],
)
def test_a_hand_or_an_extension_that_offers_nothing(language, text):
    assert not [e for e in events(text, language) if e.type == "AGREE"]


@pytest.mark.parametrize(
    "text",
    [
        "Biden: 'Assad deve essere portato davanti alla giustizia e punito'.",
        "Biden, 'Assad deve essere portato davanti alla giustizia e punito'.",
    ],
)
def test_a_headline_name_before_a_quote_is_its_speaker(text):
    assert ("REQUEST", ("USA",), ("SYR",)) in coded(text, "it")


def test_a_country_before_a_colon_is_a_topic_not_a_speaker():
    assert not [e for e in events("Siria: Assad deve andarsene.", "it") if e.type == "REQUEST"]


def test_a_bare_government_in_a_speakers_words_is_the_speakers_country():
    text = "Il primo ministro etiope ha sottolineato che il governo è pronto a tendere la mano all'Eritrea."
    assert ("AGREE", ("ETH",), ("ERI",)) in coded(text, "it")
    # said by no one, "il governo" stays a government of no named country
    assert ("AGREE", ("agent:government",), ("ERI",)) in coded(
        "Il governo è pronto a tendere la mano all'Eritrea.", "it"
    )


def test_bare_soldiers_are_the_one_state_fighting_a_non_state_side():
    text = "I ribelli dell'M23 hanno conquistato Goma. Alcuni militari si arrendono."
    assert ("RETREAT", ("COD",), ()) in coded(text, "it")
    # two states fighting: the soldiers stay of no named country
    text = "Il Ciad ha attaccato il Sudan. Alcuni militari si arrendono."
    assert ("RETREAT", ("agent:military",), ()) in coded(text, "it")


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "it",
            "Il Ciad ha attaccato il Sudan. L'esercito ha atteso per evitare il più possibile vittime.",
        ),
        ("en", "Chad attacked Sudan. The army waited to avoid civilian casualties."),
    ],
)
def test_what_one_means_to_avoid_did_not_happen(language, text):
    assert not [e for e in events(text, language) if e.type == "ASSAULT"]


def test_what_used_to_happen_gives_later_tolls_no_sides():
    text = (
        "Il Ciad ha bombardato il Sudan. Il Ciad ha detto di aver colpito i siti da dove venivano "
        "organizzati e diretti gli attacchi dei miliziani contro il Ciad. "
        "Le prime notizie raccontano di diverse vittime."
    )
    tolls = [e for e in events(text, "it") if e.type == "ASSAULT"]
    assert [([a.id for a in e.source_actors], [a.id for a in e.target_actors]) for e in tolls] == [
        (["TCD"], ["SDN"])
    ]


def test_a_terrorist_act_that_led_to_killings_names_its_doers_kind():
    text = "Lo scorso 22 aprile, un'azione terroristica ha portato all'uccisione di 25 ciadiani."
    (toll,) = [e for e in events(text, "it") if e.type == "ASSAULT"]
    assert [a.id for a in toll.source_actors] == ["agent:militants"]
    # a count of people named by their country counts people
    assert toll.quantity is not None and toll.quantity.unit == "people" and toll.quantity.value == 25


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "en",
            "The rebels resurfaced in 2021, backed by Eritrea, the UN said. Eritrea has denied such support.",
        ),
        ("it", "I ribelli sono sostenuti dall'Eritrea, secondo l'Onu. L'Eritrea ha negato tale sostegno."),
    ],
)
def test_support_named_again_is_the_support_told_before(language, text):
    denied = [e for e in events(text, language) if e.type == "AID" and e.factuality == "denied"]
    assert [([a.id for a in e.source_actors], [a.id for a in e.target_actors]) for e in denied] == [
        (["ERI"], ["agent:rebels"])
    ]
    # the denial is Eritrea's own word
    assert "ERI" in [a.id for a in denied[0].attribution]


def test_a_denial_by_someone_else_cites_not_the_doer():
    text = "Chad shelled Sudan. Chad denied that Sudan had attacked first."
    attacks = [e for e in events(text, "en") if e.factuality == "denied"]
    assert attacks and all("SDN" not in [a.id for a in e.attribution] for e in attacks)


def test_support_named_again_with_none_told_before_is_no_event():
    assert not [e for e in events("Eritrea has denied such support.", "en") if e.type == "AID"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "La Francia ha accolto con favore la decisione del tribunale.",
            ("SUPPORT", ("FRA",), ("agent:judiciary",)),
        ),
        (
            "La Germania ha salutato con soddisfazione la scelta dell'Austria.",
            ("SUPPORT", ("DEU",), ("AUT",)),
        ),
    ],
)
def test_welcoming_with_favour_is_support(text, expected):
    assert expected in coded(text, "it")


def test_welcoming_people_is_no_support():
    assert not [e for e in events("La Francia ha accolto 40 migranti a Calais.", "it") if e.type == "SUPPORT"]
