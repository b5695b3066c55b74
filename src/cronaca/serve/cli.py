"""The command line: a thin layer of options over :class:`cronaca.Cronaca`.

Results go to stdout (tables, or JSON with ``--json``); progress and logs to stderr.
Exit codes: 0 ok, 1 some input items were rejected, 2 usage error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cronaca import __version__, config
from cronaca.api import Cronaca
from cronaca.consolidate.stories import summary as story_summary
from cronaca.errors import CronacaError
from cronaca.serve import derived, render
from cronaca.serve import export as exporter

err = render.console(stderr=True)


class State:
    def __init__(self, db: str | None, quiet: bool) -> None:
        self.settings = config.load({"db": db})
        self.quiet = quiet
        self._kb: Cronaca | None = None

    @property
    def kb(self) -> Cronaca:
        if self._kb is None:
            entities = [p.strip() for p in self.settings["entities"].split(",") if p.strip()]
            self._kb = Cronaca(self.settings["db"], entities=entities, ner=self.settings["ner"] or None)
        return self._kb


pass_state = click.make_pass_decorator(State)


def filters(f):
    """The filters every listing shares."""
    f = click.option("--actor", help="Actor id (PRK) or name (Corea del Nord, Russia).")(f)
    f = click.option("--type", "type_", metavar="TYPE", help="Event type, e.g. AID, FIGHT, AGREE.")(f)
    f = click.option("--since", help="Only what happened on or after this date (YYYY[-MM[-DD]]).")(f)
    f = click.option("--until", help="Only what happened on or before this date (YYYY[-MM[-DD]]).")(f)
    f = click.option("--limit", default=50, show_default=True, help="At most this many rows.")(f)
    f = click.option("--offset", default=0, help="Skip this many rows (pagination).")(f)
    f = click.option("--json", "as_json", is_flag=True, help="JSON on stdout instead of a table.")(f)
    return f


def _filter_args(actor, type_, since, until, limit, offset) -> dict[str, Any]:
    return {"actor": actor, "type": type_, "since": since, "until": until, "limit": limit, "offset": offset}


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


class CronacaGroup(click.Group):
    """Turns a CronacaError anywhere below into its message and exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CronacaError as e:
            err.print(render.styled(("error:", "red"), f" {e}"))
            ctx.exit(e.exit_code)


@click.group(
    cls=CronacaGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.option(
    "--db", envvar="CRONACA_DB", help="SQLite path or SQLAlchemy URL [env CRONACA_DB; default cronaca.db]."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bars or summaries on stderr.")
@click.version_option(__version__, prog_name="cronaca")
@click.pass_context
def cli(ctx: click.Context, db: str | None, quiet: bool) -> None:
    """cronaca: news articles in, a sourced timeline of events and claims out.

    \b
    Examples:
      cronaca ingest news/ feed.xml https://example.org/rss
      cronaca timeline --actor PRK --since 2024-06
      cronaca claims --type AID --json
      cronaca serve
    """
    ctx.obj = State(db, quiet)


def _extraction_options(command: Callable) -> Callable:
    """``--workers`` and ``--dask``, the options of every command that extracts (read by
    ``_extraction``)."""
    command = click.option(
        "--dask",
        "dask_address",
        metavar="ADDRESS",
        help="Extract on this Dask cluster (tcp://HOST:8786) instead of local workers; this process "
        "still reads and writes [env CRONACA_DASK]. See docs/cluster.md.",
    )(command)
    return click.option(
        "--workers",
        type=click.IntRange(min=0),
        help="Processes extracting articles; this one reads and writes [env CRONACA_WORKERS; default: "
        "one per CPU core, 0 too].",
    )(command)


def _extraction(state: State, workers: int | None, dask_address: str | None) -> dict[str, Any]:
    """Where articles are extracted, from the options or the settings: worker processes (one
    per CPU core for 0 or nothing said) or a Dask cluster."""
    workers = (state.settings["workers"] if workers is None else workers) or os.cpu_count() or 1
    return {"workers": workers, "dask": dask_address or state.settings["dask"] or None}


@contextmanager
def _progress(label: str, total: int | None = None) -> Iterator[Callable[[Any], None]]:
    """A progress bar on stderr, gone when done; yields the tick to call for each item."""
    with Progress(
        TextColumn(label, style="bold", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}", markup=False),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=total)

        def tick(item: Any) -> None:
            bar.update(task, advance=1, description=render.clean((getattr(item, "title", "") or "")[:40]))

        yield tick


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--language", help="Language of the input (it, en, ...) when detection cannot tell.")
@click.option("--outlet", help="Outlet name for articles that do not carry one.")
@click.option(
    "--entities",
    "entity_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra entity registry YAML (repeatable) [env CRONACA_ENTITIES].",
)
@click.option("--ner", help="Statistical NER beside the rules, e.g. spacy:NAME_OR_PATH [env CRONACA_NER].")
@_extraction_options
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@pass_state
def ingest(
    state: State,
    sources: tuple[str, ...],
    language: str | None,
    outlet: str | None,
    entity_files: tuple[str, ...],
    ner: str | None,
    workers: int | None,
    dask_address: str | None,
    as_json: bool,
) -> None:
    """Read files, folders, globs, feeds and URLs; annotate and store new articles.

    \b
    Formats are detected by content: the seed format ("date YYYY-MM[-DD]" first line),
    plain text, JSON Lines, HTML pages and RSS/Atom feeds. Re-ingesting adds nothing.
    Examples:
      cronaca ingest ../shared/seeds/
      cronaca ingest 'archive/**/*.jsonl' --language it --workers 4
      cronaca ingest archive/ --dask tcp://scheduler:8786
    """
    if entity_files:
        state.settings["entities"] = ",".join(entity_files)
    if ner:
        state.settings["ner"] = ner
    kb = state.kb
    language = language or state.settings["language"] or None
    run = _extraction(state, workers, dask_address)
    if state.quiet:
        report = kb.ingest(sources, language=language, outlet=outlet, **run)
    else:
        with _progress("ingest") as tick:
            report = kb.ingest(sources, language=language, outlet=outlet, progress=tick, **run)
    if as_json:
        _print_json(report.to_dict())
    elif not state.quiet:
        render.ingest_summary(err, report)
    if report.rejected:
        sys.exit(1)


@cli.command()
@click.option(
    "--q",
    "query",
    help="Only articles in which every word of this begins a word of the title or text (any case; "
    "'corea nord', 'missil').",
)
@click.option("--language", help="Only articles in this language.")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@click.option("--json", "as_json", is_flag=True)
@pass_state
def articles(state: State, query, language, limit, offset, as_json) -> None:
    """List stored articles, newest first."""
    rows = state.kb.articles(q=query, language=language, limit=limit, offset=offset)
    _print_json(rows) if as_json else render.articles(rows)


@cli.command()
@click.argument("article_id")
@click.option("--explain", is_flag=True, help="For each event: roles, rule, attribution and factuality cue.")
@click.option("--json", "as_json", is_flag=True)
@pass_state
def show(state: State, article_id: str, explain: bool, as_json: bool) -> None:
    """Show an article's text with its annotations (a unique id prefix is enough)."""
    article = state.kb.article(article_id)
    _print_json(article) if as_json else render.article(article, explain=explain)


@cli.command()
@filters
@pass_state
def events(state: State, as_json: bool, **kw) -> None:
    """List event mentions, each with its sentence and article."""
    rows = state.kb.events(**_filter_args(**kw))
    _print_json(rows) if as_json else render.events(rows)


@cli.group(invoke_without_command=True)
@filters
@click.pass_context
def claims(ctx: click.Context, as_json: bool, **kw) -> None:
    """List claims: event mentions merged across articles (see `claims show ID`)."""
    if ctx.invoked_subcommand:
        return
    state = ctx.find_object(State)
    rows = state.kb.claims(**_filter_args(**kw))
    _print_json(rows) if as_json else render.claims(rows)


@claims.command("show")
@click.argument("claim_id")
@click.option("--explain", is_flag=True, help="Why each mention joined the claim.")
@click.option("--json", "as_json", is_flag=True)
@pass_state
def claims_show(state: State, claim_id: str, explain: bool, as_json: bool) -> None:
    """One claim with every mention, source sentence and article behind it."""
    claim = state.kb.claim(claim_id)
    _print_json(claim) if as_json else render.claim(claim, explain=explain)


@cli.command()
@filters
@pass_state
def timeline(state: State, as_json: bool, **kw) -> None:
    """Claims in time order with the sentences that report them."""
    rows = state.kb.timeline(**_filter_args(**kw))
    _print_json(rows) if as_json else render.timeline(rows)


@cli.command()
@click.option("--q", "query", help="Only entities whose id or name contains this.")
@click.option("--type", "type_", help="country, organisation, person, place, outlet.")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@click.option("--json", "as_json", is_flag=True)
@pass_state
def entities(state: State, query, type_, limit, offset, as_json) -> None:
    """List the canonical entities the stored articles mention."""
    rows = state.kb.entities(q=query, type=type_, limit=limit, offset=offset)
    _print_json(rows) if as_json else render.entities(rows)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(exporter.FORMATS), default="jsonl", show_default=True)
@click.option(
    "--kind",
    type=click.Choice(exporter.ALL_KINDS),
    multiple=True,
    help="Kinds to export (JSONL: the five stored kinds by default; CSV, Parquet: one, event by default; "
    "GeoJSON: event or claim). "
    "story, node and edge are derived from the claims.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    help="File to write (default stdout; parquet, graphml and gexf need one).",
)
@pass_state
def export(state: State, fmt: str, kind: tuple[str, ...], output: str | None) -> None:
    """Export the knowledge base: JSONL of every kind, a CSV or Parquet table of one kind,
    events or claims as GeoJSON points (for QGIS, kepler.gl), or the actor network as GraphML
    or GEXF (for Gephi).

    \b
    Examples:
      cronaca export --format jsonl -o kb.jsonl
      cronaca export --format csv --kind claim -o claims.csv
      cronaca export --format parquet --kind event -o events.parquet
      cronaca export --format geojson --kind claim -o claims.geojson
      cronaca export --format gexf -o network.gexf
    """
    if fmt in exporter.BINARY_FORMATS and not output:
        raise click.UsageError(f"--format {fmt} writes a file: give one with -o FILE")
    if fmt in ("csv", "parquet", "geojson") and len(kind) > 1:
        raise click.UsageError(f"{fmt.upper()} exports one kind at a time: give one --kind")
    if fmt in ("graphml", "gexf") and kind:
        raise click.UsageError(f"--format {fmt} exports the actor network: leave out --kind")
    store = state.kb.store
    if fmt == "parquet":
        n = exporter.write_parquet(store, output, kind[0] if kind else "event")
    elif fmt in ("graphml", "gexf"):
        n = exporter.write_graph(store, output, fmt)
    else:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if fmt == "jsonl":
                n = exporter.write_jsonl(store, out, kind or exporter.KINDS)
            elif fmt == "geojson":
                which = kind[0] if kind else "event"
                n, without = exporter.write_geojson(store, out, which)
                if not state.quiet and without:
                    err.print(f"{without} {which}s without a place with a point left out")
            else:
                n = exporter.write_csv(store, out, kind[0] if kind else "event")
        finally:
            if output:
                out.close()
    if not state.quiet:
        what = "edges" if fmt in ("graphml", "gexf") else "records"
        err.print(f"exported {n} {what}" + (f" to {output}" if output else ""))


def story_filters(f):
    """The filters of stories and the network: which claims they are built from."""
    f = click.option("--actor", help="Only claims with this actor (id or name).")(f)
    f = click.option("--type", "type_", metavar="TYPE", help="Only claims of this event type.")(f)
    f = click.option("--since", help="Only claims on or after this date (YYYY[-MM[-DD]]).")(f)
    f = click.option("--until", help="Only claims on or before this date (YYYY[-MM[-DD]]).")(f)
    f = click.option("--json", "as_json", is_flag=True, help="JSON on stdout instead of a table.")(f)
    return f


@cli.group(invoke_without_command=True)
@story_filters
@click.pass_context
def stories(ctx: click.Context, as_json: bool, actor, type_, since, until) -> None:
    """List stories: claims between the same two actors in one domain (see `stories show ID`).

    \b
    Examples:
      cronaca stories
      cronaca stories --actor PRK --since 2024
      cronaca stories show s_3b50
    """
    if ctx.invoked_subcommand:
        return
    state = ctx.find_object(State)
    rows = [
        story_summary(s) for s in derived.stories(state.kb, actor=actor, type=type_, since=since, until=until)
    ]
    _print_json(rows) if as_json else render.stories(rows)


@stories.command("show")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True)
@pass_state
def stories_show(state: State, story_id: str, as_json: bool) -> None:
    """One story's timeline: its claims in time order with their source sentences."""
    story = derived.story(state.kb, story_id)
    if as_json:
        _print_json(story)
    else:
        render.story(story)


@cli.command()
@story_filters
@pass_state
def network(state: State, as_json: bool, actor, type_, since, until) -> None:
    """The actor network: edges typed by CAMEO quad class and weighted by claims.

    \b
    JSON has {"nodes", "edges"}; export it for Gephi with `export --format gexf -o FILE`.
    Examples:
      cronaca network
      cronaca network --actor PRK --json
    """
    graph = derived.network(state.kb, actor=actor, type=type_, since=since, until=until)
    _print_json(graph) if as_json else render.network(graph)


@cli.command()
@pass_state
def status(state: State) -> None:
    """Counts of what the store holds, and the latest rejected inputs."""
    render.status(state.kb.store.url, state.kb.stats(), state.kb.store.rejections(limit=20))


@cli.command()
@_extraction_options
@pass_state
def reextract(state: State, workers: int | None, dask_address: str | None) -> None:
    """Annotate every stored article again with the current rules, then rebuild claims.

    \b
    An article whose extraction fails keeps its earlier annotations; `cronaca status` lists it.
    Examples:
      cronaca reextract
      cronaca reextract --workers 4
    """
    run = _extraction(state, workers, dask_address)
    if state.quiet:
        state.kb.reextract(**run)
        return
    with _progress("reextract", total=state.kb.stats(only=["articles"])["articles"]) as tick:
        report = state.kb.reextract(progress=tick, **run)
    kept = f"; {report.failed} kept their earlier annotations (see cronaca status)" if report.failed else ""
    counts = f"{report.articles} articles: {report.events} events, {report.claims} claims"
    err.print(f"re-extracted {counts}{kept}")


@cli.command()
@click.option("--host", help="Address to listen on [env CRONACA_HOST; default 127.0.0.1].")
@click.option("--port", type=int, help="Port [env CRONACA_PORT; default 8000].")
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    help="Processes answering requests [env CRONACA_SERVE_WORKERS; default 1; 0: one per CPU core, "
    "at most 8].",
)
@pass_state
def serve(state: State, host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the web UI and the HTTP API (OpenAPI at /docs and /openapi.json)."""
    import uvicorn

    from cronaca.serve.http import create_app, serve_workers, settle

    host = host or state.settings["host"]
    port = port or state.settings["port"]
    n = serve_workers(state.settings["serve_workers"] if workers is None else workers)
    kb = state.kb  # opens (and migrates) the store once, before any worker starts
    err.print(f"cronaca: web UI at http://{host}:{port}/  ·  API docs at http://{host}:{port}/docs")
    if n == 1:
        app = create_app(kb)
        settle()
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Each worker process builds its app from the settings, which it reads from the environment.
    for name in ("db", "entities", "ner"):
        os.environ[config.BY_NAME[name].env] = str(state.settings[name])
    uvicorn.run(
        "cronaca.serve.http:app_from_settings",
        factory=True,
        host=host,
        port=port,
        workers=n,
        log_level="warning",
    )


@cli.command()
@click.option("--corpus", type=click.Path(exists=True), help="Folder to ingest instead of the bundled demo.")
@pass_state
def demo(state: State, corpus: str | None) -> None:
    """Ingest the bundled demo corpus, print its timeline, and say how to browse it."""
    source = corpus or str(Path(__file__).resolve().parent.parent / "demo")
    report = state.kb.ingest([source])
    if not state.quiet:
        render.ingest_summary(err, report)
    render.timeline(state.kb.timeline(limit=None))
    db = state.settings["db"]
    err.print(
        render.styled(
            "\n",
            ("Next:", "bold"),
            f" cronaca --db {db} serve   →  http://{state.settings['host']}:{state.settings['port']}/\n"
            f"      cronaca --db {db} claims  ·  cronaca --db {db} export --format jsonl",
        )
    )


from cronaca.serve.cli_eval import eval_group, train_group  # noqa: E402

cli.add_command(eval_group)
cli.add_command(train_group)


def main() -> None:
    cli(prog_name="cronaca")


if __name__ == "__main__":
    main()
