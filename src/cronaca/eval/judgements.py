"""Hand judgements of emitted events: the precision side of `cronaca eval facts`.

Recall against gold facts says nothing about what else cronaca emits. So every event cronaca
emits on a development set is judged by a person, right or wrong (type, source and target),
and kept in a YAML file in the repository. An event is known by its article file, its trigger
(offset and word), its type and its actors' ids: when a rule change alters any of them, the
event is new and unjudged, and the scorer lists it, so the judgement stays complete.

The file holds no article text (the articles' licence forbids copying them): only offsets,
trigger words, ids and the judge's own words. Skeletons written with ``--unjudged`` carry the
sentence to read; :func:`Judgements.merge` drops it when verdicts join the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cronaca.errors import UsageError

Key = tuple[str, int, str, str, tuple[str, ...], tuple[str, ...]]
FIELDS = ("article", "at", "trigger", "type", "source", "target", "right", "why")


def event_key(article: str, event: dict[str, Any]) -> Key:
    trigger = event.get("trigger") or {}
    return (
        article,
        int(trigger.get("start", -1)),
        str(trigger.get("text", "")),
        str(event["type"]),
        tuple(sorted(a["id"] for a in event.get("source_actors") or [])),
        tuple(sorted(a["id"] for a in event.get("target_actors") or [])),
    )


def _key_of(entry: dict[str, Any]) -> Key:
    return (
        str(entry["article"]),
        int(entry["at"]),
        str(entry["trigger"]),
        str(entry["type"]),
        tuple(sorted(str(s) for s in entry.get("source") or [])),
        tuple(sorted(str(t) for t in entry.get("target") or [])),
    )


def _entry(key: Key, right: bool | None = None, why: str = "") -> dict[str, Any]:
    article, at, trigger, kind, source, target = key
    entry = {
        "article": article,
        "at": at,
        "trigger": trigger,
        "type": kind,
        "source": list(source),
        "target": list(target),
        "right": right,
    }
    if why:
        entry["why"] = why
    return entry


def read_judgement_file(path: str | Path, what: str) -> Any:
    """A judgement file's YAML (``{}`` when empty), or ``None`` when there is no file yet."""
    p = Path(path)
    if not p.exists():
        return None
    try:
        return yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise UsageError(f"cannot read {what} file {path}: {e}") from e


def append_yaml(path: str | Path, rows: list[dict[str, Any]]) -> None:
    """Add skeleton entries to a file a person fills in (appended: earlier skeletons stay)."""
    with open(path, "a", encoding="utf-8") as out:
        yaml.safe_dump(rows, out, allow_unicode=True, sort_keys=False, width=120)


@dataclass
class Judgements:
    verdicts: dict[Key, bool]

    @classmethod
    def load(cls, path: str | Path) -> Judgements:
        """Read a judgement file; a missing file is an empty judgement."""
        data = read_judgement_file(path, "judgement")
        if data is None:
            return cls({})
        verdicts: dict[Key, bool] = {}
        for entry in data.get("events") or []:
            try:
                key, right = _key_of(entry), entry.get("right")
            except (KeyError, TypeError, ValueError) as e:
                raise UsageError(f"judgement file {path}: entry {entry!r:.100} lacks or mistypes {e}") from e
            if right is not None:  # a skeleton not yet judged
                verdicts[key] = bool(right)
        return cls(verdicts)

    def precision(
        self, events: list[dict[str, Any]], file_of: dict[str, str]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Figures over the emitted events, and the events with no verdict yet."""
        right = judged = 0
        unjudged = []
        for event in events:
            key = event_key(file_of.get(event["article_id"], event["article_id"]), event)
            if key in self.verdicts:
                judged += 1
                right += self.verdicts[key]
            else:
                unjudged.append({**_entry(key), "trigger": [key[1], key[2]], "event_id": event["id"]})
        figures = {
            "emitted": len(events),
            "judged": judged,
            "right": right,
            "unjudged": len(unjudged),
            "rate": round(right / judged, 4) if judged else None,
        }
        return figures, unjudged

    @staticmethod
    def append_skeletons(path: str | Path, unjudged: list[dict[str, Any]], events: dict[str, dict]) -> None:
        """Write entries to fill in (``right: null``), each with its sentence to read."""
        rows = []
        for u in unjudged:
            key = (
                u["article"],
                u["trigger"][0],
                u["trigger"][1],
                u["type"],
                tuple(u["source"]),
                tuple(u["target"]),
            )
            event = events.get(u["event_id"], {})
            rows.append({**_entry(key), "sentence": event.get("text", "")})
        append_yaml(path, rows)

    @staticmethod
    def merge(into: str | Path, judged: list[dict[str, Any]]) -> int:
        """Add judged entries to a judgement file (sentences dropped); returns how many were new."""
        p = Path(into)
        data = read_judgement_file(p, "judgement") or {}
        entries = data.setdefault("events", [])
        known = {_key_of(e) for e in entries}
        added = 0
        for entry in judged:
            if entry.get("right") is None or _key_of(entry) in known:
                continue
            entries.append({k: entry[k] for k in FIELDS if k in entry})
            known.add(_key_of(entry))
            added += 1
        entries.sort(key=lambda e: (e["article"], e["at"], e["type"]))
        header = p.read_text(encoding="utf-8").split("\nversion:")[0] if p.exists() else ""
        body = yaml.safe_dump(
            {"version": data.get("version", 1), "events": entries},
            allow_unicode=True,
            sort_keys=False,
            width=120,
        )
        p.write_text((header + "\n" if header.startswith("#") else "") + body, encoding="utf-8")
        return added
