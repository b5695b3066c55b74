"""Hand judgements of claims that join several articles: the soundness side of `cronaca eval facts`.

Same-claim groups in a gold file say which joins should happen; they say nothing of the joins
cronaca makes among events no gold fact covers. So every claim that joins mentions from two or
more articles is read by a person and judged **sound** (all its mentions report one real-world
fact) or not, with the cause when not: ``join`` (consolidation put different facts together)
or ``extraction`` (a mention was coded with the wrong type or actors, and joined as coded).

A claim is known by its type and its members, each as ``file@trigger-offset:trigger-word``:
when a rule change adds, drops or alters a member, the claim is new and unjudged, and the
scorer lists it. The file holds no article text (the articles' licence forbids copying them):
file names, offsets, trigger words, the claim's generated summary and the judge's own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cronaca.errors import UsageError
from cronaca.eval.judgements import append_yaml, read_judgement_file

Key = tuple[str, tuple[str, ...]]
CAUSES = ("join", "extraction")


def member(file: str, event: dict[str, Any]) -> str:
    trigger = event.get("trigger") or {}
    return f"{file}@{int(trigger.get('start', -1))}:{trigger.get('text', '')}"


def claim_key(claim: dict[str, Any], events: dict[str, dict[str, Any]], file_of: dict[str, str]) -> Key:
    members = []
    for eid in claim.get("event_ids") or ():
        event = events.get(eid)
        if event is not None:
            members.append(member(file_of.get(event["article_id"], event["article_id"]), event))
    return str(claim["type"]), tuple(sorted(members))


def path_beside(event_judgements: str) -> Path:
    """Where the claim judgements of an event judgement file live: ``X.yaml`` → ``X-claims.yaml``."""
    p = Path(event_judgements)
    return p.with_name(f"{p.stem}-claims{p.suffix}")


@dataclass
class ClaimJudgements:
    verdicts: dict[Key, dict[str, Any]]

    @classmethod
    def load(cls, path: str | Path) -> ClaimJudgements:
        """Read a claim judgement file; a missing file is an empty judgement."""
        data = read_judgement_file(path, "claim judgement")
        if data is None:
            return cls({})
        verdicts: dict[Key, dict[str, Any]] = {}
        entries = data if isinstance(data, list) else data.get("claims") or []  # skeletons: a bare list
        for entry in entries:
            try:
                key = (str(entry["type"]), tuple(sorted(str(m) for m in entry["events"])))
                sound = entry.get("sound")
            except (KeyError, TypeError) as e:
                raise UsageError(f"claim judgement file {path}: entry {entry!r:.100} lacks {e}") from e
            if sound is None:
                continue  # a skeleton not yet judged
            cause = entry.get("cause") or ""
            if not sound and cause not in CAUSES:
                raise UsageError(
                    f"claim judgement file {path}: an unsound claim needs a cause in {CAUSES} ({entry!r:.80})"
                )
            verdicts[key] = {"sound": bool(sound), "cause": cause, "why": entry.get("why", "")}
        return cls(verdicts)

    def score(
        self, claims: list[dict[str, Any]], events: dict[str, dict[str, Any]], file_of: dict[str, str]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Figures over the claims joining several articles, and those not judged yet."""
        multi = [c for c in claims if len(set(c.get("article_ids") or ())) >= 2]
        sound = judged = 0
        causes = dict.fromkeys(CAUSES, 0)
        unjudged = []
        unsound: list[dict[str, Any]] = []
        for claim in multi:
            key = claim_key(claim, events, file_of)
            verdict = self.verdicts.get(key)
            if verdict is None:
                unjudged.append(
                    {
                        "type": key[0],
                        "events": list(key[1]),
                        "summary": claim.get("summary", ""),
                        "sound": None,
                    }
                )
                continue
            judged += 1
            sound += verdict["sound"]
            if not verdict["sound"]:
                causes[verdict["cause"]] += 1
                unsound.append({"summary": claim.get("summary", ""), **verdict})
        figures = {
            "multi_article": len(multi),
            "judged": judged,
            "sound": sound,
            "unsound_by_cause": causes,
            "unjudged": len(unjudged),
            "rate": round(sound / judged, 4) if judged else None,
            "unsound": unsound,
        }
        return figures, unjudged

    @staticmethod
    def append_skeletons(path: str | Path, unjudged: list[dict[str, Any]]) -> None:
        """Write entries to fill in (``sound: null``); they hold no article text."""
        append_yaml(path, unjudged)
