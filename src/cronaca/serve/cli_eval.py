"""`cronaca eval ...` and `cronaca train ...`: command groups whose subcommands live beside
their scorers and trainers (``cronaca.eval.*``, ``cronaca.train.*``)."""

from __future__ import annotations

import importlib

import click

# (group, name, "module:attribute") of every subcommand; a module is imported only when
# its command runs, so `cronaca --help` stays fast.
SUBCOMMANDS: tuple[tuple[str, str, str], ...] = (
    ("eval", "plover", "cronaca.eval.plover:eval_plover"),
    ("eval", "petrarch", "cronaca.eval.petrarch:eval_petrarch"),
    ("eval", "attribution", "cronaca.eval.attribution:eval_attribution"),
    ("eval", "factuality", "cronaca.eval.factuality:eval_factuality"),
    ("eval", "timex", "cronaca.eval.timex:eval_timex"),
    ("eval", "ner", "cronaca.eval.ner:eval_ner"),
    ("eval", "facts", "cronaca.eval.facts:eval_facts"),
    ("eval", "geo", "cronaca.eval.geo:eval_geo"),
    ("train", "ner", "cronaca.train.ner:train_ner"),
)


class LazyGroup(click.Group):
    def __init__(self, *args, entries: tuple[tuple[str, str], ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = dict(entries)

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(self.entries))

    def get_command(self, ctx, name):
        if name in self.entries:
            module, attribute = self.entries[name].split(":")
            return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)


def _entries(group: str) -> tuple[tuple[str, str], ...]:
    return tuple((name, target) for g, name, target in SUBCOMMANDS if g == group)


@click.group("eval", cls=LazyGroup, entries=_entries("eval"))
def eval_group() -> None:
    """Score cronaca on public gold sets; each prints figures and writes predictions."""


@click.group("train", cls=LazyGroup, entries=_entries("train"))
def train_group() -> None:
    """Train optional statistical models on data you provide."""
