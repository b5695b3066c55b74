"""Imported by the fork server that starts extraction workers (``workers._context``), and
by nothing else: it builds the default pipeline and takes a short text of each language
through it (``workers.warm_up``), so that every worker forked from the server starts with
the resources loaded (gazetteers, lexicons, rule tables, spaCy's tokenizers, simplemma's
dictionaries) instead of loading its own: about 2.5 s of CPU per worker, once per run.

Its work is done on import because that is what a fork server's preload does: it imports
the modules named, before it forks any worker.
"""

from cronaca.extract.workers import warm_up

warm_up()
