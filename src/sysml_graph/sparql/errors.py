"""The one error of the SPARQL step."""

from __future__ import annotations


class QueryError(Exception):
    """A query that cannot or must not run; the message says why, in one line."""
