"""`cronaca eval geo GOLD.xml`: toponym recognition and resolution, scored as geoparsers are.

Two gold formats, told apart by their toponyms' fields:

- **GeoWebNews** (``GWN.xml``, Gritta et al. 2019): ``<article><text/><toponyms><toponym>``
  with ``<start/><end/><geonamesID/><latitude/><longitude/>`` (character offsets into
  ``<text>``); a directory holding ``GWN.xml`` is read as that file;
- **LGL / TR-News** (Lieberman et al. 2010; Kamalloo and Rafiei 2018): ``<article><text/>
  <toponyms><toponym><start/><end/><phrase/><gaztag geonameid="..."><lat/><lon/>``.

The gold toponyms are those with a GeoNames id (GeoWebNews also marks common nouns, "the
city", and non-toponyms, which have none). Each article is run through the pipeline; its
toponyms are the entity mentions that name a place (a town, a capital, a region, a sea: the
place's id) or a country (its name or its demonym, "Syrian": the country's GeoNames id and
representative point), in ``TOPONYM_LABELS``. A predicted toponym matches the gold toponym
whose span it overlaps (one to one, in text order). Reported:

- toponym precision, recall and F1 (matched spans over predicted, over gold);
- for the matched toponyms ("toponyms found"): **exact GeoNames match** (same id) and
  **accuracy within 161 km** (100 miles, the literature's threshold) between cronaca's point
  and the gold coordinates, with the mean and median error in km;
- the same per cronaca label, so a weak kind of place shows.
"""

from __future__ import annotations

import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click

from cronaca import geo
from cronaca.errors import InputError, UsageError
from cronaca.eval.common import (
    entities_option,
    f1,
    json_option,
    limit_option,
    pipeline,
    predictions_option,
    print_json,
    ratio,
    table,
    write_jsonl,
)
from cronaca.model import Article, Interval

# cronaca entity labels that are toponyms: countries by name or demonym, capitals, towns, places
TOPONYM_LABELS = ("country", "demonym", "capital", "city", "place")
ACCURACY_KM = 161.0
DEFAULT_DAY = date(2018, 1, 1)


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    text: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    label: str = ""  # predicted: cronaca's entity label; gold: its type where the format gives one
    place_id: str = ""  # predicted: cronaca's place or country id


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)
    bad_offsets: int = 0  # gold toponyms whose offsets fall outside the text (GWN article 123)


# ---------------------------------------------------------------------------- reading


def _number(element: ET.Element | None, cast: Any = float) -> Any:
    text = (element.text or "").strip() if element is not None else ""
    try:
        return cast(text) if text else None
    except ValueError:
        return None


def read_gold(path: str | Path) -> list[GoldArticle]:
    """Articles with their toponyms from a GeoWebNews or an LGL/TR-News XML file."""
    path = Path(path)
    if path.is_dir():
        path = path / "GWN.xml"
    try:
        root = ET.parse(path).getroot()
    except OSError as e:
        raise UsageError(f"cannot read {path}: {e.strerror or e}; give GWN.xml or an LGL-format file") from e
    except ET.ParseError as e:
        raise InputError(f"{path} is not well-formed XML: {e}") from e
    articles = []
    for i, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        ident = article.get("file") or article.get("docid") or str(i)
        out = GoldArticle(id=ident, text=text)
        for toponym in article.iter("toponym"):
            start, end = _number(toponym.find("start"), int), _number(toponym.find("end"), int)
            if start is None or end is None or not 0 <= start < end <= len(text):
                out.bad_offsets += 1  # left out, and counted in the figures
                continue
            gaztag = toponym.find("gaztag")
            if gaztag is not None:  # LGL / TR-News
                gid = gaztag.get("geonameid")
                out.toponyms.append(
                    Toponym(
                        start,
                        end,
                        text[start:end],
                        int(gid) if gid and gid.strip().isdigit() else None,
                        _number(gaztag.find("lat")),
                        _number(gaztag.find("lon")),
                        label=(gaztag.findtext("fclass") or "").strip(),
                    )
                )
            else:  # GeoWebNews (an LGL toponym without gaztag reads the same: no id)
                out.toponyms.append(
                    Toponym(
                        start,
                        end,
                        text[start:end],
                        _number(toponym.find("geonamesID"), int),
                        _number(toponym.find("latitude")),
                        _number(toponym.find("longitude")),
                        label=(toponym.findtext("type") or "").strip(),
                    )
                )
        articles.append(out)
    if not articles:
        raise InputError(f"{path} holds no <article>: expected GeoWebNews or LGL/TR-News XML")
    return articles


# ---------------------------------------------------------------------------- predicting


def toponyms_of(annotations: Any) -> list[Toponym]:
    """The toponyms cronaca finds in one annotated article, with their ids and points."""
    out = []
    for m in annotations.mentions:
        if m.kind != "entity" or m.label not in TOPONYM_LABELS:
            continue
        value = m.value or {}
        if value.get("anaphor"):
            continue  # "the city", "the island": they refer to a toponym but are none
        place_id = value.get("place_id") or (value.get("actor") if m.label in ("country", "demonym") else "")
        point = geo.locate(place_id)
        if not place_id or point is None:
            continue
        out.append(
            Toponym(
                m.start,
                m.end,
                m.text,
                geo.geonames_id(place_id),
                point["lat"],
                point["lon"],
                m.label,
                place_id,
            )
        )
    return out


def match(gold: list[Toponym], predicted: list[Toponym]) -> list[tuple[Toponym | None, Toponym | None]]:
    """Pairs (gold, predicted) of overlapping spans, one to one in text order; a gold toponym
    alone is missed, a prediction alone is spurious."""
    pairs: list[tuple[Toponym | None, Toponym | None]] = []
    taken: set[int] = set()
    for p in sorted(predicted, key=lambda t: (t.start, t.end)):
        best = None
        for j, g in enumerate(gold):
            if j not in taken and g.start < p.end and p.start < g.end:
                best = j
                break
        if best is None:
            pairs.append((None, p))
        else:
            taken.add(best)
            pairs.append((gold[best], p))
    pairs += [(g, None) for j, g in enumerate(gold) if j not in taken]
    return pairs


# ---------------------------------------------------------------------------- scoring


def score(pairs: list[tuple[Toponym | None, Toponym | None]]) -> dict[str, Any]:
    """Recognition P/R/F1, and resolution figures on the matched pairs."""
    gold_n = sum(1 for g, _ in pairs if g is not None)
    predicted_n = sum(1 for _, p in pairs if p is not None)
    matched = [(g, p) for g, p in pairs if g is not None and p is not None]
    exact = sum(1 for g, p in matched if g.geonameid == p.geonameid)
    errors = [
        geo.km((g.lat, g.lon), (p.lat, p.lon)) for g, p in matched if None not in (g.lat, g.lon, p.lat, p.lon)
    ]
    within = sum(1 for e in errors if e <= ACCURACY_KM)
    precision, recall = ratio(len(matched), predicted_n), ratio(len(matched), gold_n)
    return {
        "gold": gold_n,
        "predicted": predicted_n,
        "matched": len(matched),
        "precision": precision,
        "recall": recall,
        "f1": f1(precision, recall),
        "exact_geonames": ratio(exact, len(matched)),
        "acc_161km": ratio(within, len(errors)),
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
    }


def evaluate(
    articles: list[GoldArticle], *, entities: tuple[str, ...] = (), language: str = "en", quiet: bool = True
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Scores overall and per cronaca label, and one prediction record per article."""
    nlp = pipeline(entities)
    every: list[tuple[Toponym | None, Toponym | None]] = []
    records = []
    started = time.perf_counter()
    for i, art in enumerate(articles, 1):
        article = Article(
            id=f"gold-{art.id}",
            text=art.text,
            language=language,
            published=Interval.day(DEFAULT_DAY),
            format="eval",
        )
        gold = [t for t in art.toponyms if t.geonameid is not None]
        pairs = match(gold, toponyms_of(nlp(article)))
        every += pairs
        records.append(
            {
                "id": art.id,
                "pairs": [
                    {
                        "gold": _json(g),
                        "predicted": _json(p),
                        "km": round(geo.km((g.lat, g.lon), (p.lat, p.lon)), 1)
                        if g and p and None not in (g.lat, g.lon, p.lat, p.lon)
                        else None,
                    }
                    for g, p in pairs
                ],
            }
        )
        if not quiet and i % 20 == 0:
            click.echo(f"{i}/{len(articles)} articles, {time.perf_counter() - started:.0f} s", err=True)
    by_label: dict[str, Any] = {}
    for label in TOPONYM_LABELS:
        own = [(g, p) for g, p in every if p is not None and p.label == label]
        if own:
            figures = score(own)
            by_label[label] = {k: figures[k] for k in ("predicted", "matched", "exact_geonames", "acc_161km")}
    figures = score(every)
    figures["articles"] = len(articles)
    figures["gold_bad_offsets"] = sum(a.bad_offsets for a in articles)
    figures["by_label"] = by_label
    wrong = Counter(
        (g.text, p.place_id)
        for g, p in every
        if g
        and p
        and None not in (g.lat, g.lon, p.lat, p.lon)
        and geo.km((g.lat, g.lon), (p.lat, p.lon)) > ACCURACY_KM
    )
    figures["farthest_misses"] = [[f"{text} → {pid}", n] for (text, pid), n in wrong.most_common(10)]
    return figures, records


def _json(t: Toponym | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "span": [t.start, t.end],
        "text": t.text,
        "geonameid": t.geonameid,
        "lat": t.lat,
        "lon": t.lon,
        **({"label": t.label} if t.label else {}),
        **({"place_id": t.place_id} if t.place_id else {}),
    }


def format_table(figures: dict[str, Any]) -> str:
    head = table(
        [
            ["articles", figures["articles"]],
            ["gold toponyms (with a GeoNames id)", figures["gold"]],
            ["gold toponyms left out (offsets outside the text)", figures["gold_bad_offsets"]],
            ["predicted toponyms", figures["predicted"]],
            ["matched (spans overlap)", figures["matched"]],
            ["toponym precision", figures["precision"]],
            ["toponym recall", figures["recall"]],
            ["toponym F1", figures["f1"]],
            ["exact GeoNames match (found)", figures["exact_geonames"]],
            ["accuracy within 161 km (found)", figures["acc_161km"]],
            ["mean / median error km (found)", f"{figures['mean_error_km']} / {figures['median_error_km']}"],
        ]
    )
    rows = [
        [label, f["predicted"], f["matched"], f["exact_geonames"], f["acc_161km"]]
        for label, f in figures["by_label"].items()
    ]
    labels = table(rows, ["label", "predicted", "matched", "exact", "acc@161"])
    misses = "\n".join(f"  {n:4d}  {what}" for what, n in figures["farthest_misses"])
    return f"{head}\n\n{labels}\n\nmost frequent matches farther than 161 km:\n{misses}"


@click.command("geo")
@click.argument("gold", type=click.Path(exists=True))
@click.option("--language", default="en", show_default=True, help="Language the articles are read in.")
@limit_option
@json_option
@predictions_option
@entities_option
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
def eval_geo(gold, language, limit, as_json, predictions, entities, quiet) -> None:
    """Toponym recognition and resolution on GeoWebNews (GWN.xml) or LGL/TR-News XML.

    \b
    Examples:
      cronaca eval geo ../shared/data/geowebnews/GWN.xml
      cronaca eval geo lgl.xml --json --predictions geo.jsonl
    """
    articles = read_gold(gold)[:limit] if limit else read_gold(gold)
    started = time.perf_counter()
    figures, records = evaluate(articles, entities=tuple(entities), language=language, quiet=quiet)
    if predictions:
        write_jsonl(predictions, records)
    if as_json:
        print_json(figures)
    else:
        click.echo(format_table(figures))
    if not quiet:
        print(f"{len(articles)} articles in {time.perf_counter() - started:.1f} s", file=sys.stderr)
