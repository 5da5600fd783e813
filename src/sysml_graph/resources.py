"""Where the files that travel with the package are: ontology, shapes, queries, data.

In a wheel they sit inside the package (``pyproject.toml`` force-includes the top-level
``ontology/`` and ``data/`` folders); in a checkout or an editable install they are found at
the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

CHECKOUT = PACKAGE.parent.parent


def _find(name: str) -> Path:
    inside = PACKAGE / name
    return inside if inside.is_dir() else CHECKOUT / name


def ontology_dir() -> Path:
    return _find("ontology")


def default_data_dir() -> Path:
    """The shipped curated data."""
    return _find("data")


def queries_dir() -> Path:
    return PACKAGE / "queries"


def ontology_file() -> Path:
    return ontology_dir() / "sysml-graph.ttl"


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"
