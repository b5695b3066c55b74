"""``python -m cronaca``: the same command line as ``cronaca``, for an environment whose
scripts folder is not on the PATH."""

from cronaca.serve.cli import main

main()
