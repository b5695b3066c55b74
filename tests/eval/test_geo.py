"""`cronaca eval geo`: GeoWebNews and LGL/TR-News XML read, matched and scored."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cronaca.eval import geo as geo_eval
from cronaca.eval.geo import Toponym, match, read_gold, score
from cronaca.serve.cli import cli

TEXT_1 = "Troops left Moscow for Kursk on Monday, and Paris protested."
TEXT_2 = "The mayor of Afrin met officials from Germany."


def _lgl(tmp_path):
    """Two articles in the LGL / TR-News format; offsets computed from the texts."""

    def toponym(text, phrase, gid, lat, lon, fclass="P", nth=0):
        start = text.index(phrase) if not nth else text.index(phrase, text.index(phrase) + 1)
        return (
            f"<toponym><start>{start}</start><end>{start + len(phrase)}</end><phrase>{phrase}</phrase>"
            f'<gaztag geonameid="{gid}"><name>{phrase}</name><fclass>{fclass}</fclass>'
            f"<lat>{lat}</lat><lon>{lon}</lon></gaztag></toponym>"
        )

    xml = (
        "<articles>"
        f'<article docid="1"><text>{TEXT_1}</text><toponyms>'
        + toponym(TEXT_1, "Moscow", 524901, 55.75222, 37.61556)
        + toponym(TEXT_1, "Kursk", 538560, 51.73733, 36.18735)
        + toponym(TEXT_1, "Paris", 4717560, 33.66094, -95.55551)  # gold: Paris, Texas
        + "</toponyms></article>"
        f'<article docid="2"><text>{TEXT_2}</text><toponyms>'
        + toponym(TEXT_2, "Afrin", 174184, 36.54891, 36.79295)
        + toponym(TEXT_2, "Germany", 2921044, 51.5, 10.5, fclass="A")
        + "</toponyms></article></articles>"
    )
    path = tmp_path / "lgl.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def _gwn(tmp_path):
    text = "Syrian forces entered Aleppo; the city was shelled."
    xml = (
        '<articles><article file="0"><title>t</title><link>http://example.org</link>'
        f"<text>{text}</text><toponyms>"
        "<toponym><extractedName>Syrian</extractedName><type>Literal_Modifier</type>"
        "<start>0</start><end>6</end><geonamesID>163843</geonamesID>"
        "<latitude>35.0</latitude><longitude>38.0</longitude></toponym>"
        "<toponym><extractedName>Aleppo</extractedName><type>Literal</type>"
        f"<start>{text.index('Aleppo')}</start><end>{text.index('Aleppo') + 6}</end>"
        "<geonamesID>170063</geonamesID><latitude>36.20124</latitude><longitude>37.16117</longitude></toponym>"
        "<toponym><extractedName>city</extractedName><type>Literal_Expression</type>"
        f"<start>{text.index('city')}</start><end>{text.index('city') + 4}</end></toponym>"
        "<toponym><extractedName>broken</extractedName><start>900</start><end>905</end></toponym>"
        "</toponyms></article></articles>"
    )
    path = tmp_path / "GWN.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def test_lgl_format_is_read_with_ids_and_points(tmp_path):
    articles = read_gold(_lgl(tmp_path))
    assert [a.id for a in articles] == ["1", "2"]
    moscow = articles[0].toponyms[0]
    assert (moscow.text, moscow.geonameid, moscow.lat, moscow.label) == ("Moscow", 524901, 55.75222, "P")


def test_geowebnews_format_keeps_toponyms_without_id_and_counts_bad_offsets(tmp_path):
    (article,) = read_gold(tmp_path if _gwn(tmp_path) else None)  # a folder holding GWN.xml
    assert [t.text for t in article.toponyms] == ["Syrian", "Aleppo", "city"]
    assert article.toponyms[2].geonameid is None and article.bad_offsets == 1


def test_scores_on_lgl(tmp_path):
    figures, records = geo_eval.evaluate(read_gold(_lgl(tmp_path)))
    # found: Moscow, Kursk, Paris (France's capital), Germany; missed: Afrin (no town of the gazetteer)
    assert (figures["gold"], figures["predicted"], figures["matched"]) == (5, 4, 4)
    assert figures["precision"] == 1.0 and figures["recall"] == 0.8
    assert figures["exact_geonames"] == 0.75  # Paris, France is not Paris, Texas
    assert figures["acc_161km"] == 0.75
    paris = next(p for r in records for p in r["pairs"] if p["gold"] and p["gold"]["text"] == "Paris")
    assert paris["predicted"]["place_id"] == "geonames:2988507" and paris["km"] > 7000


def test_scores_on_geowebnews_demonym_and_town(tmp_path):
    figures, _ = geo_eval.evaluate(read_gold(_gwn(tmp_path)))
    assert figures["gold"] == 2 and figures["matched"] == 2 and figures["gold_bad_offsets"] == 1
    assert figures["exact_geonames"] == 1.0 and figures["acc_161km"] == 1.0
    assert set(figures["by_label"]) == {"demonym", "city"}


def test_matching_is_one_to_one_by_overlap():
    gold = [Toponym(0, 5, "Paris", 1, 0.0, 0.0), Toponym(10, 15, "Rome", 2, 0.0, 0.0)]
    predicted = [
        Toponym(0, 3, "Par", 1, 0.0, 0.0),
        Toponym(1, 5, "aris", 1, 0.0, 0.0),
        Toponym(20, 25, "x", 3, 0.0, 0.0),
    ]
    pairs = match(gold, predicted)
    assert sum(1 for g, p in pairs if g and p) == 1
    figures = score(pairs)
    assert (figures["gold"], figures["predicted"], figures["matched"]) == (2, 3, 1)
    assert figures["recall"] == 0.5 and figures["precision"] == pytest.approx(0.3333)


def test_cli_prints_json_and_writes_predictions(tmp_path):
    out = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(
        cli, ["eval", "geo", str(_lgl(tmp_path)), "--json", "--quiet", "--predictions", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["matched"] == 4
    assert len(out.read_text().splitlines()) == 2


def test_cli_rejects_what_is_not_xml(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "geo", str(bad), "--quiet"])
    assert result.exit_code != 0 and "well-formed" in result.output
