"""``python -m sysml_graph`` runs the command line."""

from .cli.main import main

main()
