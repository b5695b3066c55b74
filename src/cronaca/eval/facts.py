"""`cronaca eval facts`: hand-coded facts in real articles, found or missed, and how well.

The gold format is the realnews-dev one (``gold.yaml``: actor aliases, facts per article,
``same_claim`` groups; its README documents every field). The articles are ingested into a
throwaway store by the ordinary pipeline, exactly as a user would, and the exported records
are scored:

- a fact is **found** when an event of its article has one of its types and matching actors
  (facts and events paired one to one, events of the fact's own sentence preferred);
- for found facts: date, quantity, attribution and factuality, where the gold gives them;
- per ``same_claim`` group: whether its found facts sit in one claim; per claim: whether it
  holds facts of two groups.

Precision comes from a judgement file (:mod:`cronaca.eval.judgements`): every emitted event
judged right or wrong by a person; events not yet judged are listed, so the judgement stays
complete as rules change.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click
import networkx as nx
import yaml

from cronaca.errors import UsageError
from cronaca.eval.claim_judgements import ClaimJudgements, path_beside
from cronaca.eval.common import json_option, print_json, ratio, read_text, share, table, write_jsonl
from cronaca.eval.judgements import Judgements, event_key
from cronaca.model import Interval

SAME_TYPE = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE"}  # PLOVER 0.5 names → today's
CHECKS = ("date", "quantity", "attribution", "factuality")


def _types(value: Any) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {SAME_TYPE.get(str(v).upper(), str(v).upper()) for v in values if v}


# -- gold ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    id: str
    article: str  # file name
    types: frozenset[str]
    source: tuple[str, ...] | None
    target: tuple[str, ...] | None
    symmetric: bool
    date: Any
    quantity: dict[str, Any] | None
    attribution: tuple[str, ...] | None
    factuality: frozenset[str] | None
    where: tuple[str, ...]
    text: str


@dataclass
class Gold:
    aliases: dict[str, tuple[str, ...]]
    facts: list[Fact]
    groups: dict[str, tuple[str, ...]]


def _keys(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(str(v) for v in (value if isinstance(value, list) else [value]))


def load_gold(path: str) -> Gold:
    """Read and check a gold file; any defect is a usage error naming the fact."""
    try:
        data = yaml.safe_load(read_text(path, "gold file"))
    except yaml.YAMLError as e:
        raise UsageError(f"gold file {path} is not valid YAML: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
        raise UsageError(f"gold file {path} has no `articles:` mapping (see the realnews-dev README)")
    aliases = {str(k): tuple(str(a) for a in v or ()) for k, v in (data.get("actors") or {}).items()}
    facts = []
    for name, entry in data["articles"].items():
        for raw in (entry or {}).get("facts") or ():
            try:
                fact = Fact(
                    id=str(raw["id"]),
                    article=str(name),
                    types=frozenset(_types(raw["type"])),
                    source=_keys(raw.get("source")),
                    target=_keys(raw.get("target")),
                    symmetric=bool(raw.get("symmetric", False)),
                    date=raw.get("date"),
                    quantity=raw.get("quantity"),
                    attribution=_keys(raw["attribution"]) if "attribution" in raw else None,
                    factuality=frozenset(_keys(raw["factuality"]) or ()) if raw.get("factuality") else None,
                    where=tuple(str(w) for w in raw.get("where") or ()),
                    text=str(raw.get("fact", "")),
                )
            except (KeyError, TypeError) as e:
                raise UsageError(f"gold file {path}: fact {raw!r:.80} lacks or mistypes {e}") from e
            unknown = {k for k in (*(fact.source or ()), *(fact.target or ()), *(fact.attribution or ()))}
            unknown -= set(aliases)
            if unknown:
                raise UsageError(
                    f"gold file {path}: fact {fact.id} names unknown actor keys {sorted(unknown)}"
                )
            facts.append(fact)
    ids = {f.id for f in facts}
    groups = {str(k): tuple(str(i) for i in v) for k, v in (data.get("same_claim") or {}).items()}
    for name, members in groups.items():
        if missing := set(members) - ids:
            raise UsageError(f"gold file {path}: group {name} names unknown facts {sorted(missing)}")
    return Gold(aliases, facts, groups)


# -- matching --------------------------------------------------------------------------


def _matches_alias(actor: dict[str, Any], alias: str) -> bool:
    a = alias.casefold()
    if a in (str(actor.get("id", "")).casefold(), str(actor.get("country", "")).casefold()):
        return True
    name = str(actor.get("name", "")).casefold()
    if len(a) >= 4:
        return a in name
    return re.search(rf"(?<!\w){re.escape(a)}(?!\w)", name) is not None


def stands_for(actor: dict[str, Any], key: str, gold: Gold) -> bool:
    """An actor stands for a gold key when its id, name or country matches one of its aliases."""
    return any(_matches_alias(actor, alias) for alias in gold.aliases.get(key, ()))


def _side(actors: list[dict[str, Any]], keys: tuple[str, ...] | None, gold: Gold) -> bool:
    return keys is None or any(stands_for(a, k, gold) for a in actors for k in keys)


def matches(fact: Fact, event: dict[str, Any], gold: Gold) -> bool:
    if SAME_TYPE.get(event["type"], event["type"]) not in fact.types:
        return False
    src, tgt = event.get("source_actors") or [], event.get("target_actors") or []
    if _side(src, fact.source, gold) and _side(tgt, fact.target, gold):
        return True
    return fact.symmetric and _side(tgt, fact.source, gold) and _side(src, fact.target, gold)


def _sentence_of(event: dict[str, Any], text: str, fact: Fact) -> bool:
    """The event's sentence holds one of the fact's `where` fragments."""
    span = event.get("span") or {}
    start, end = span.get("start", 0), span.get("end", 0)
    for fragment in fact.where:
        for m in re.finditer(re.escape(fragment), text):
            if m.start() < end and start < m.end():
                return True
    return False


def _trigger_in(event: dict[str, Any], text: str, fact: Fact) -> bool:
    """The event's trigger lies inside one of the fact's `where` fragments."""
    trigger = event.get("trigger") or {}
    start = trigger.get("start")
    if start is None:
        return False
    end = trigger.get("end", start + len(str(trigger.get("text", ""))))
    for fragment in fact.where:
        for m in re.finditer(re.escape(fragment), text):
            if m.start() <= start and end <= m.end():
                return True
    return False


def pair(facts: list[Fact], events: list[dict[str, Any]], text: str, gold: Gold) -> dict[str, dict]:
    """One event per fact and one fact per event: the most facts paired, then the most pairs
    from the fact's own sentence, then from its own words (the trigger inside a `where`
    fragment: "launched" rather than "killing" for "Israel has launched strikes, killing ...")
    — a maximum-weight matching."""
    graph = nx.Graph()
    for fact in facts:
        for k, event in enumerate(events):
            if matches(fact, event, gold):
                weight = 1 + 2 * _sentence_of(event, text, fact) + _trigger_in(event, text, fact)
                graph.add_edge(("f", fact.id), ("e", k), weight=weight)
    paired = {}
    for a, b in nx.max_weight_matching(graph, maxcardinality=True):
        f, e = (a, b) if a[0] == "f" else (b, a)
        paired[f[1]] = events[e[1]]
    return paired


# -- checks ----------------------------------------------------------------------------


def _interval(value: Any) -> Interval | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (YAML may hand a date) → an interval."""
    if value is None:
        return None
    if isinstance(value, date):
        return Interval.day(value)
    text = str(value)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return Interval(date(parts[0], 1, 1), date(parts[0], 12, 31), "year")
    if len(parts) == 2:
        return Interval.month(*parts)
    return Interval.day(date(*parts))


def check_date(gold: Any, event: dict[str, Any]) -> bool | None:
    if gold is None:
        return None
    got = Interval.from_dict(event.get("time"))
    if got is None:
        return False
    if isinstance(gold, dict) and "by" in gold:
        return got.end == _interval(gold["by"]).end
    if isinstance(gold, dict):
        lo, hi = _interval(gold.get("start")), _interval(gold.get("end"))
        return (lo is None or (not got.open_start and got.start >= lo.start)) and (
            hi is None or got.end <= hi.end
        )
    want = _interval(gold)
    return not got.open_start and want.start <= got.start and got.end <= want.end


def check_quantity(gold: dict[str, Any] | None, event: dict[str, Any]) -> bool | None:
    if not gold:
        return None
    q = event.get("quantity")
    if not q or q.get("value") is None or float(q["value"]) != float(gold["value"]):
        return False
    value, lower, upper = float(gold["value"]), q.get("lower"), q.get("upper")
    bound = gold.get("bound", "exact")
    if bound == "exact":
        return lower == upper == value
    if bound == "approx":
        return lower is not None and upper is not None and lower < value < upper
    if bound in ("at_least", "more_than"):
        return lower == value and upper is None
    if bound == "up_to":
        return upper == value and lower is None
    return False


def check_attribution(fact: Fact, event: dict[str, Any], gold: Gold) -> bool | None:
    if fact.attribution is None:
        return None
    cited = [a for a in event.get("attribution") or [] if a.get("role") != "outlet"]
    if fact.attribution:
        return all(any(stands_for(a, key, gold) for a in cited) for key in fact.attribution)
    # []: nothing cited beyond the event's own source
    own = {a.get("id") for a in event.get("source_actors") or []}
    return all(a.get("id") in own or _side([a], fact.source, gold) and fact.source for a in cited)


def check_factuality(fact: Fact, event: dict[str, Any]) -> bool | None:
    if not fact.factuality:
        return None
    return event.get("factuality") in fact.factuality


# -- the run ---------------------------------------------------------------------------


@dataclass
class Result:
    facts: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    mixed_claims: list[dict[str, Any]] = field(default_factory=list)
    precision: dict[str, Any] = field(default_factory=dict)
    unjudged: list[dict[str, Any]] = field(default_factory=list)
    claims: dict[str, Any] = field(default_factory=dict)  # multi-article claims judged sound
    unjudged_claims: list[dict[str, Any]] = field(default_factory=list)


def read_records(articles_dir: str, db: str | None) -> list[dict[str, Any]]:
    """Ingest the articles into a store (throwaway unless ``db``) and export every record."""
    from cronaca.api import Cronaca
    from cronaca.serve.export import records

    with tempfile.TemporaryDirectory() as tmp:
        kb = Cronaca(db or str(Path(tmp) / "facts.db"))
        kb.ingest([articles_dir])
        out = list(records(kb.store, ("article", "event", "claim")))
        kb.store.engine.dispose()
        return out


def score(
    gold: Gold,
    records: list[dict[str, Any]],
    judgements: Judgements | None = None,
    claim_judgements: ClaimJudgements | None = None,
) -> Result:
    articles = {Path(r.get("source") or "").name: r for r in records if r["kind"] == "article"}
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        if r["kind"] == "event":
            by_article[r["article_id"]].append(r)
    result = Result()
    facts_of: dict[str, list[Fact]] = defaultdict(list)
    for fact in gold.facts:
        facts_of[fact.article].append(fact)
    paired: dict[str, dict[str, Any]] = {}
    for name, facts in facts_of.items():
        article = articles.get(name)
        if article is None:
            raise UsageError(f"gold article {name} was not found among the ingested articles")
        paired |= pair(facts, by_article[article["id"]], article["text"], gold)
    for fact in gold.facts:
        event = paired.get(fact.id)
        line: dict[str, Any] = {"id": fact.id, "found": event is not None, "fact": fact.text}
        if event is not None:
            line["event"] = {
                "id": event["id"],
                "type": event["type"],
                "source": [a["id"] for a in event.get("source_actors") or []],
                "target": [a["id"] for a in event.get("target_actors") or []],
                "trigger": (event.get("trigger") or {}).get("text"),
                "in_sentence": _sentence_of(event, articles[fact.article]["text"], fact),
                "claim_id": event.get("claim_id"),
            }
            line["checks"] = {
                "date": check_date(fact.date, event),
                "quantity": check_quantity(fact.quantity, event),
                "attribution": check_attribution(fact, event, gold),
                "factuality": check_factuality(fact, event),
            }
        result.facts.append(line)
    groups_of_fact: dict[str, set[str]] = defaultdict(set)
    for name, members in gold.groups.items():
        for m in members:
            groups_of_fact[m].add(name)
    facts_in_claim: dict[str, set[str]] = defaultdict(set)
    for name, members in gold.groups.items():
        found = [m for m in members if m in paired]
        claims = {paired[m].get("claim_id") for m in found}
        result.groups.append(
            {
                "group": name,
                "facts": len(members),
                "found": len(found),
                "claims": len(claims),
                "merged": len(found) >= 2 and len(claims) == 1 and None not in claims,
            }
        )
        for m in found:
            facts_in_claim[paired[m].get("claim_id")].add(m)
    # a claim mixes groups when two of its facts share no group (groups may nest: "26 killed"
    # is one of the toll's estimates, so a fact may belong to two groups)
    for claim, members in sorted(facts_in_claim.items(), key=lambda kv: str(kv[0])):
        ordered = sorted(members)
        apart = [
            (a, b)
            for i, a in enumerate(ordered)
            for b in ordered[i + 1 :]
            if not groups_of_fact[a] & groups_of_fact[b]
        ]
        if claim is not None and apart:
            names = sorted({g for m in members for g in groups_of_fact[m]})
            result.mixed_claims.append({"claim_id": claim, "groups": names, "apart": apart})
    if judgements is not None:
        by_file = {a["id"]: name for name, a in articles.items()}
        events = [e for es in by_article.values() for e in es]
        result.precision, result.unjudged = judgements.precision(events, by_file)
    if claim_judgements is not None:
        by_file = {a["id"]: name for name, a in articles.items()}
        events_by_id = {e["id"]: e for es in by_article.values() for e in es}
        claims = [r for r in records if r["kind"] == "claim"]
        result.claims, result.unjudged_claims = claim_judgements.score(claims, events_by_id, by_file)
    return result


def figures(result: Result) -> dict[str, Any]:
    found = [f for f in result.facts if f["found"]]
    out: dict[str, Any] = {
        "facts": len(result.facts),
        "found": len(found),
        "found_rate": ratio(len(found), len(result.facts)),
    }
    for check in CHECKS:
        scored = [f["checks"][check] for f in found if f["checks"][check] is not None]
        out[check] = {"right": sum(scored), "scored": len(scored), "rate": ratio(sum(scored), len(scored))}
    eligible = [g for g in result.groups if g["found"] >= 2]
    merged = sum(g["merged"] for g in eligible)
    out["groups"] = {
        "total": len(result.groups),
        "eligible": len(eligible),
        "merged": merged,
        "rate": ratio(merged, len(eligible)),
        "mixed_claims": len(result.mixed_claims),
    }
    if result.precision:
        out["precision"] = result.precision
    if result.claims:
        out["claims"] = result.claims
    return out


def report(result: Result) -> str:
    lines = []
    for f in result.facts:
        if not f["found"]:
            lines.append(f"MISS   {f['id']}  {f['fact']}")
            continue
        e = f["event"]
        marks = " ".join(f"{k}={'ok' if v else 'NO'}" for k, v in f["checks"].items() if v is not None)
        where = "" if e["in_sentence"] else " (other sentence)"
        actors = f"{','.join(e['source']) or '?'} → {','.join(e['target']) or '?'}"
        lines.append(f"FOUND  {f['id']}  {e['type']} {actors} [{e['trigger']}]{where}  {marks}")
    lines.append("")
    for g in result.groups:
        state = "MERGED" if g["merged"] else ("SPLIT " if g["found"] >= 2 else "n/a   ")
        lines.append(f"{state} {g['group']}: {g['found']}/{g['facts']} found, in {g['claims']} claim(s)")
    for m in result.mixed_claims:
        lines.append(f"MIXED  claim {m['claim_id']} holds facts of {', '.join(m['groups'])}")
    for u in (result.claims or {}).get("unsound", []):
        lines.append(f"UNSOUND ({u['cause']}) {u['summary']}: {u['why']}")
    if result.unjudged:
        lines.append("")
        lines.append(
            f"{len(result.unjudged)} emitted events not yet judged (write them with --unjudged FILE):"
        )
        for u in result.unjudged[:20]:
            lines.append(f"  {u['article']} @{u['trigger'][0]} {u['type']} {u['source']} → {u['target']}")
    if result.unjudged_claims:
        lines.append("")
        lines.append(
            f"{len(result.unjudged_claims)} claims joining several articles not yet judged "
            "(write them with --unjudged-claims FILE):"
        )
        for u in result.unjudged_claims[:20]:
            lines.append(f"  {u['summary']}  [{', '.join(u['events'])}]")
    fig = figures(result)
    lines.append("")
    rows = [["facts found (type and actors)", share(fig["found"], fig["facts"])]]
    for check in CHECKS:
        rows.append(
            [
                f"  {check} right (of found, where gold gives it)",
                share(fig[check]["right"], fig[check]["scored"]),
            ]
        )
    g = fig["groups"]
    rows.append(["same-claim groups merged (of those with ≥ 2 found)", share(g["merged"], g["eligible"])])
    rows.append(["claims mixing two groups", str(g["mixed_claims"])])
    if p := fig.get("precision"):
        rows.append(["emitted events judged right", share(p["right"], p["judged"])])
        rows.append(["emitted events not judged", f"{p['unjudged']} of {p['emitted']}"])
    if c := fig.get("claims"):
        causes = ", ".join(f"{n} {cause}" for cause, n in c["unsound_by_cause"].items())
        rows.append(["claims joining ≥ 2 articles judged sound", share(c["sound"], c["judged"])])
        rows.append(["  unsound, by cause", causes])
        rows.append(["  not judged", f"{c['unjudged']} of {c['multi_article']}"])
    lines.append(table(rows))
    return "\n".join(lines)


@click.command("facts")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("articles", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--judgements",
    type=click.Path(dir_okay=False),
    help="YAML file of emitted events judged right or wrong (precision); see docs/evaluation.md.",
)
@click.option(
    "--unjudged",
    type=click.Path(dir_okay=False, writable=True),
    help="Append entries for emitted events not yet judged to this YAML file, with their sentences.",
)
@click.option(
    "--claim-judgements",
    type=click.Path(dir_okay=False),
    help="YAML file of claims joining several articles judged sound or not "
    "(default: X-claims.yaml beside --judgements X.yaml, when it exists).",
)
@click.option(
    "--unjudged-claims",
    type=click.Path(dir_okay=False, writable=True),
    help="Append entries for multi-article claims not yet judged to this YAML file.",
)
@click.option("--db", help="Keep the store here (a SQLite path) instead of a throwaway one.")
@click.option(
    "--predictions", type=click.Path(dir_okay=False, writable=True), help="Write per-fact JSON lines."
)
@json_option
def eval_facts(
    gold: str,
    articles: str,
    judgements: str | None,
    unjudged: str | None,
    claim_judgements: str | None,
    unjudged_claims: str | None,
    db: str | None,
    predictions: str | None,
    as_json: bool,
) -> None:
    """Score hand-coded facts (realnews-dev format) on articles ingested as a user would.

    \b
    Example:
      cronaca eval facts ../shared/data/realnews-dev/gold.yaml ../shared/data/realnews-dev/articles \\
          --judgements eval/judgements/realnews-dev.yaml
    """
    data = load_gold(gold)
    judged = Judgements.load(judgements) if judgements else (Judgements({}) if unjudged else None)
    if claim_judgements is None and judgements and path_beside(judgements).exists():
        claim_judgements = str(path_beside(judgements))
    claims_judged = (
        ClaimJudgements.load(claim_judgements)
        if claim_judgements
        else (ClaimJudgements({}) if unjudged_claims else None)
    )
    records = read_records(articles, db)
    result = score(data, records, judged, claims_judged)
    if predictions:
        write_jsonl(predictions, result.facts)
    if unjudged and result.unjudged:
        texts = {r["id"]: r for r in records if r["kind"] == "event"}
        Judgements.append_skeletons(unjudged, result.unjudged, texts)
    if unjudged_claims and result.unjudged_claims:
        ClaimJudgements.append_skeletons(unjudged_claims, result.unjudged_claims)
    if as_json:
        print_json(
            {**figures(result), "unjudged": result.unjudged, "unjudged_claims": result.unjudged_claims}
        )
    else:
        click.echo(report(result))


__all__ = ["eval_facts", "event_key", "load_gold", "score"]
