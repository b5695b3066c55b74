"""Which stage of a staged event a mention tells: "the first stage of the swap", "la terza fase".

Prisoner swaps, withdrawals, aid convoys and ceasefires come in rounds; the rounds share type,
sides and frame, and often a week, so without their ordinal every round joins one claim ("la
prima fase" and "the third and final round" are not one fact). A mention naming its round by
an ordinal next to a stage noun keeps it; claims never join two different rounds. The words are
a small closed class in each language, written here (no library lists ordinals with stage
nouns); "final"/"last" is its own stage, since which number it is is rarely said.
"""

from __future__ import annotations

import re
from typing import Any

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "prima": 1, "primo": 1, "seconda": 2, "secondo": 2, "terza": 3, "terzo": 3, "quarta": 4, "quarto": 4,
    "quinta": 5, "quinto": 5, "sesta": 6, "sesto": 6,
    "final": "final", "last": "final", "ultima": "final", "ultimo": "final", "finale": "final",
}  # fmt: skip
STAGES = r"(?:stage|phase|round|batch|tranche|leg|wave|fase|tappa|turno|round|tranche|ondata|scaglione)s?"
# an ordinal (or "third and final") before a stage noun, or the stage noun before it ("fase finale")
_BEFORE = re.compile(
    r"\b("
    + "|".join(ORDINALS)
    + r")"
    + r"(?:\s+and\s+(final|last)|\s+e\s+(ultima|ultimo|finale))?\W{0,3}\s*"
    + STAGES
    + r"\b",
    re.IGNORECASE,
)
_AFTER = re.compile(r"\b" + STAGES + r"\s+(finale|final|conclusiva)\b", re.IGNORECASE)
WINDOW = 80  # characters before the trigger where the round is named


def stage(event: dict[str, Any]) -> str:
    """The round a mention names near its trigger ("1", "3", "final"), or "" when none."""
    text = event.get("text") or ""
    trigger = event.get("trigger") or {}
    offset = (event.get("span") or {}).get("start", event.get("start", 0)) or 0
    at = trigger.get("start")
    end = (at - offset) if isinstance(at, int) and at >= offset else len(text)
    window = text[max(0, end - WINDOW) : end + len(trigger.get("text") or "") + 20]
    found = list(_BEFORE.finditer(window))
    if found:
        m = found[-1]
        if m.group(2) or m.group(3):
            return "final"  # "the third and final round": the last one, whatever its number
        return str(ORDINALS[m.group(1).lower()])
    if _AFTER.search(window):
        return "final"
    return ""
