"""``python -m bannedorgs``: the command line; see :mod:`bannedorgs.cli`."""

from .cli import program

program()
