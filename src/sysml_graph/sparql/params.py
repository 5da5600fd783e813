"""Parameters of named queries: values checked, turned into terms, bound; the nearest ids for one
that names nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from pyoxigraph import Literal

from ..rdf.namespaces import BASE, ENTITY_PREFIXES
from .errors import QueryError
from .named import ENTITY_PARAMS, LINKS_VALUES, NamedQuery


def term_for(kind: str, value: str) -> str:
    """A parameter value as SPARQL syntax.

    >>> term_for("venue", "mobisys"), term_for("integer", "2017"), term_for("string", 'a"b')
    ('<https://w3id.org/sysml-graph/venue/mobisys>', '2017', '"a\\\\"b"')
    >>> term_for("links", "curated")
    '"curated"'
    >>> term_for("venue", "MobiSys")
    Traceback (most recent call last):
    ...
    sysml_graph.sparql.errors.QueryError: 'MobiSys' is not a venue id; did you mean 'mobisys'?
    """
    if kind == "integer":
        if not re.fullmatch(r"[-+]?\d+", value):
            raise QueryError(f"'{value}' is not an integer")
        return value
    if kind == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise QueryError(f"'{value}' is not a year; give all four digits, like 2017")
        return value
    if kind == "string":
        return str(Literal(value))
    if kind == "links":
        if value not in LINKS_VALUES:
            raise QueryError(f"links is {' or '.join(LINKS_VALUES)}, not '{value}'")
        return str(Literal(value))
    if kind == "iri" or value.startswith(("http://", "https://")):
        if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value):
            raise QueryError(f"'{value}' is not an http(s) IRI")
        return f"<{value}>"
    if not _ID.fullmatch(value):
        slug = "-".join(re.findall(r"[a-z0-9]+", value.lower()))
        hint = f"did you mean '{slug}'?" if slug else "ids are lower-case words and hyphens"
        raise QueryError(f"'{value}' is not a {kind} id; {hint}")
    return f"<{BASE}{kind}/{value}>"


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def close_ids(wanted: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known ids most like ``wanted``: near spellings, and ids whose words start with
    the words of ``wanted`` in order (``nic-lane`` → ``nicholas-d-lane``) or whose words
    all begin ``wanted`` (``tvm-2018`` → ``tvm``).

    >>> close_ids("prunning", ["pruning", "quantisation", "sparsification"])
    ['pruning']
    >>> close_ids("nic-lane", ["nicholas-d-lane", "nicholas-lane-2", "lane-kim"])
    ['nicholas-d-lane', 'nicholas-lane-2']
    >>> close_ids("tvm-2018", ["tvm", "tvm-autotvm", "clipper"])
    ['tvm']
    """
    import difflib

    pool = sorted(set(known))

    def abbreviates(short: str, long: str) -> bool:
        rest = iter(long.split("-"))
        return all(any(part.startswith(w) for part in rest) for w in short.split("-"))

    by_words = [c for c in pool if abbreviates(wanted, c)]
    within = [c for c in pool if wanted.startswith(f"{c}-") and len(c) >= 3]
    near = difflib.get_close_matches(wanted, pool, n=n, cutoff=0.75)
    return list(dict.fromkeys([*near, *by_words, *within]))[:n]


def check_bindings(
    query: NamedQuery, bindings: Mapping[str, str], column: Callable[[str], list[str]]
) -> None:
    """Refuse a parameter value that names nothing in the graph, with the nearest names.

    ``column(sparql)`` runs a one-column SELECT on the graph the query will run on and
    returns the values as strings, so this works on a local graph and behind ``serve``.
    A value that is in the graph costs one short query; the suggestions are looked for
    only when it is not.
    """
    for param in query.params:
        raw = bindings.get(param.name)
        if raw is None:
            continue
        if param.kind in ENTITY_PARAMS and not raw.startswith(("http://", "https://")):
            term_for(param.kind, raw)  # a malformed id is refused before the graph is asked
            prefix = ENTITY_PREFIXES[param.kind]
            if column(f"SELECT ?x WHERE {{ BIND(1 AS ?x) <{prefix}{raw}> ?p ?o }} LIMIT 1"):
                continue
            ids = column(
                f"SELECT DISTINCT ?x WHERE {{ ?s a ?t "
                f'FILTER(STRSTARTS(STR(?s), "{prefix}")) '
                f"BIND(STRAFTER(STR(?s), {Literal(prefix)}) AS ?x) }}"
            )
            near = close_ids(raw, ids)
            hint = "; did you mean " + " or ".join(f"'{c}'" for c in near) + "?" if near else ""
            if not near and param.kind in ("technique", "platform"):
                hint = "; `query find-concept --bind label=WORD` finds a concept by any name"
            raise QueryError(f"no {param.kind} '{raw}' in the graph{hint}")
        if param.kind == "year":
            term_for("year", raw)
            years = sorted(
                column(
                    "SELECT DISTINCT ?x WHERE { ?p dcterms:issued ?d "
                    "BIND(SUBSTR(STR(?d), 1, 4) AS ?x) }"
                )
            )
            if years and raw not in years:
                raise QueryError(
                    f"no paper from {raw} in the graph; its papers run from "
                    f"{years[0]} to {years[-1]}"
                )


def bind(query: NamedQuery, bindings: Mapping[str, str]) -> str:
    """The query text with parameters bound by an inline ``VALUES`` block.

    The block goes first inside every ``WHERE { … }``: filters of the outer group see the
    value, and so do sub-selects, which see no variable of the query around them. The
    result is plain SPARQL that any engine can run.

    >>> q = NamedQuery("q", "?", "SELECT * WHERE { { SELECT ?x WHERE { ?x ?p ?y } } }")
    >>> print(bind(q, {"y": "a"}))
    SELECT * WHERE { VALUES ?y { "a" } { SELECT ?x WHERE { VALUES ?y { "a" } ?x ?p ?y } } }
    """
    params = {p.name: p for p in query.params}
    unknown = set(bindings) - set(params) if params else set()
    if unknown:
        raise QueryError(
            f"unknown parameter {', '.join(sorted(unknown))} for {query.name}; "
            f"it takes: {', '.join(params) or 'none'}"
        )
    values: list[str] = []
    for name, param in params.items():
        raw = bindings.get(name, param.default)
        if raw is not None:
            values.append(f"VALUES ?{name} {{ {term_for(param.kind, raw)} }}")
    for name, raw in bindings.items():  # ad-hoc queries take plain strings or IRIs
        if name not in params:
            kind = "iri" if raw.startswith(("http://", "https://")) else "string"
            values.append(f"VALUES ?{name} {{ {term_for(kind, raw)} }}")
    if not values:
        return query.text
    cuts = [m.end() for m in re.finditer(r"\bWHERE\s*\{", _blank_comments(query.text), re.I)]
    if not cuts:
        raise QueryError("parameters need a query with an explicit 'WHERE {'")
    block = " " + " ".join(values)
    pieces = [query.text[a:b] for a, b in zip([0, *cuts], [*cuts, len(query.text)], strict=True)]
    return block.join(pieces)


def _blank_comments(text: str) -> str:
    """Same length, with # comments blanked, so positions still match the text."""
    return re.sub(r"#[^\n]*", lambda m: " " * len(m.group(0)), text)
