"""Terminal rendering: spans from other sentences never reach rich (which loops on them)."""

from __future__ import annotations

from cronaca.serve import render


def test_actor_offsets_outside_the_sentence_are_not_styled():
    event = {
        "text": "At least 30 people were killed overnight.",
        "span": {"start": 500, "end": 541},
        "trigger": {"start": 524, "end": 530, "text": "killed"},
        # the sides came from the story's earlier fighting: offsets of another sentence
        "source_actors": [{"id": "SDN", "name": "Sudan", "start": 12, "end": 17}],
        "target_actors": [{"id": "TCD", "name": "Chad", "start": 900, "end": 904}],
        "quantity": {"start": 500, "end": 518},
    }
    styled = render._sentence(event)
    assert styled.plain == event["text"]
    assert all(0 <= s.start < s.end <= len(styled.plain) for s in styled.spans)
    assert [styled.plain[s.start : s.end] for s in styled.spans] == ["killed", "At least 30 people"]
