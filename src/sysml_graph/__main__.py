"""``python -m sysml_graph`` runs the command line."""

from .cli import main

main()
