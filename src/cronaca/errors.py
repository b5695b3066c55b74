"""One family of errors, each message saying what to do next.

The CLI turns any ``CronacaError`` into a clean message and exit code 2 (usage) or 1;
anything else is a bug and keeps its traceback.
"""


class CronacaError(Exception):
    """Base class: everything cronaca raises on purpose."""

    exit_code = 1


class UsageError(CronacaError):
    """The user asked for something that cannot be done as asked."""

    exit_code = 2


class ConfigError(UsageError):
    """A setting is unknown or has a bad value."""


class InputError(CronacaError):
    """One input item cannot be read; ingest records it as skipped and goes on."""


class ResourceError(CronacaError):
    """A packaged data file (lexicon, pattern, registry) is missing or malformed."""


class PipelineError(CronacaError):
    """Components do not fit together: a requirement nothing provides, a duplicate name."""


class StoreError(CronacaError):
    """The database cannot be opened, migrated or written."""


class NotFound(UsageError):
    """An id that is not in the store."""
