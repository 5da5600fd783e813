"""SPARQL over the graph: safety checks, named queries with parameters, result formats.

Safety: rdflib's engine would follow ``SERVICE`` (an HTTP request), load ``FROM`` /
``FROM NAMED`` graphs (also ``file://``), and run updates such as ``LOAD``. Every query is
parsed and its algebra walked before evaluation; such queries are refused, so a query
never reaches the network or reads a file.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from .namespaces import BASE, ENTITY_PREFIXES, NAMESPACES
from .resources import queries_dir


class QueryError(Exception):
    """A query that cannot or must not run; the message says why, in one line."""


# --- limits -----------------------------------------------------------------------------

# Bounds on a query's text, checked by a linear scan before any parser sees it. Both parsers
# recurse: rdflib (pyparsing) by ~37 frames per nested bracket and ~11 per triple pattern,
# Oxigraph by one native frame per operand of an operator chain (10,000 `||` overflowed an
# 8 MiB stack: SIGSEGV). Within these bounds neither comes near its stack (and both run on
# a deep one, :data:`DEEP_STACK`), and Oxigraph's planner, superlinear in the patterns of
# a group (100 unrelated patterns: 3 s, 200: 39 s), stays in seconds. The shipped named
# queries use at most a tenth of each bound.
MAX_QUERY_BYTES = 64 * 1024  # UTF-8; the longest named query is ~1.5 KiB
MAX_DEPTH = 64  # brackets ( { [ open at once; named queries reach 5
MAX_PATTERNS = 128  # triple-pattern separators . ; , and groups { ; named queries reach 23
MAX_OPERATORS = 256  # operators (|| && = < + / | ^ ! …, UNION, MINUS, OPTIONAL); named: 12

# The Python recursion limit while rdflib parses a query that passed the limits (rdflib
# needs ~2,400 frames at MAX_DEPTH, ~1,500 at MAX_PATTERNS), on a thread whose stack holds it.
PARSE_RECURSION = 12_000

_NAME = r"\w\u00b7-\uffff"
_SKIP = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',  # long strings first, then short ones
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"(?:[^"\\\n\r]|\\.)*"',
    r"'(?:[^'\\\n\r]|\\.)*'",
    r"#[^\n\r]*",  # comments
    r"<[^<>\"{}|^`\\\x00-\x20()?$&=!*+]*>",  # IRIs, when they hide no operator
    rf"[?$][{_NAME}]*",  # variables
    r"\d+(?:\.\d+)?(?:[eE][+-]?\d+)?",  # numbers
    # keywords and prefixed names (where a dot can only be inside)
    rf"(?:[^\W\d][{_NAME}]*:?|:)(?:[{_NAME}:%\\-]|\.(?=[{_NAME}:%-]))*",
    r"\s+",
)
_LEX = re.compile(
    f"(?P<skip>{'|'.join(_SKIP)})"
    r"|(?P<open>[({\[])|(?P<close>[)}\]])|(?P<sep>[.;,])"
    r"|(?P<op>\|\||&&|[!<>]=?|[=+*/|^-])|(?P<other>.)",
    re.DOTALL,
)
_GROUP_WORDS = re.compile(r"(?i)(UNION|MINUS|OPTIONAL)")


def enforce_limits(text: str) -> None:
    """Refuse, with QueryError naming the limit, a query text over :data:`MAX_QUERY_BYTES`,
    nested deeper than :data:`MAX_DEPTH`, or with more than :data:`MAX_PATTERNS` triple
    patterns or :data:`MAX_OPERATORS` operators; read in one linear pass, before any
    parser sees the text.

    The counts are an upper bound of what a parser finds: an IRI is skipped only when it
    holds nothing that could also be read as an operator, and separators in function
    arguments count as patterns.

    >>> enforce_limits("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }")
    Traceback (most recent call last):
    ...
    sysml_graph.sparql.QueryError: the query nests brackets 102 deep; the limit is 64
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_QUERY_BYTES:
        raise QueryError(
            f"the query is {size:,} bytes long; the limit is {MAX_QUERY_BYTES // 1024} KiB"
        )
    depth = deepest = patterns = operators = 0
    for match in _LEX.finditer(text):
        kind = match.lastgroup
        if kind == "skip":
            if _GROUP_WORDS.fullmatch(match.group()):
                operators += 1
            continue
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
            patterns += match.group() == "{"
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "sep":
            patterns += 1
        elif kind == "op":
            operators += 1
    if deepest > MAX_DEPTH:
        raise QueryError(f"the query nests brackets {deepest} deep; the limit is {MAX_DEPTH}")
    if patterns > MAX_PATTERNS:
        raise QueryError(
            f"the query has {patterns} triple patterns or groups; the limit is {MAX_PATTERNS}"
        )
    if operators > MAX_OPERATORS:
        raise QueryError(
            f"the query has {operators} operators (||, &&, =, +, /, UNION …); "
            f"the limit is {MAX_OPERATORS}"
        )


def _user_text(text: str, header_lines: int) -> str:
    """``text`` without the prefix header that was put before the user's own lines."""
    return text.split("\n", header_lines)[-1] if header_lines else text


# --- safety ---------------------------------------------------------------------------


def _walk(node: Any) -> Iterable[Any]:
    """Every node of a parse tree or algebra (CompValues, pyparsing results, lists)."""
    from pyparsing import ParseResults

    yield node
    if isinstance(node, ParseResults):  # registered as a Mapping, but holds a list
        for value in node:
            yield from _walk(value)
    elif isinstance(node, Mapping):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _walk(value)


# Oxigraph reads \\uXXXX and \\UXXXXXXXX only inside strings and IRIs, where each stands for
# one character; SPARQL 1.1 (19.2) expands them everywhere before parsing. (rdflib does too,
# but reads \\u with eight digits as \\U: the text reaches it already expanded.)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _expand(match: re.Match[str]) -> str:
    code = int(match.group(1) or match.group(2), 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise QueryError(f"SPARQL syntax error: {match.group(0)} names no character")
    return chr(code)


FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


def _refuse_reaching_out(tree: Any) -> None:
    for node in _walk(tree):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            raise QueryError("SERVICE is not allowed: queries never reach the network")
        if name == "DatasetClause":
            raise QueryError("FROM and FROM NAMED are not allowed: queries never load graphs")


def check(text: str, header_lines: int = 0) -> str:
    """The form of a read-only query (SELECT, ASK, CONSTRUCT or DESCRIBE); QueryError for
    a syntax error or anything that could reach out or write.

    The one check for every way a query runs (``query``, ``serve``, ``query --endpoint``).
    The text is read twice: with codepoint escapes expanded everywhere (the standard, and
    rdflib) and with them standing for one character (Oxigraph), so that a quote spelt
    ``\\u0022`` cannot hide a SERVICE from one reading; both must be safe. Locally, the
    engine cannot reach out anyway (:mod:`sysml_graph.offline`); a remote endpoint may
    read the text either way.

    >>> check("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    sysml_graph.sparql.QueryError: SERVICE is not allowed: queries never reach the network
    >>> check('ASK { FILTER("A\\\\u0022=") SERVICE <http://127.0.0.1:9/> { ?x ?b ?c } }')
    Traceback (most recent call last):
    ...
    sysml_graph.sparql.QueryError: SERVICE is not allowed: queries never reach the network
    >>> check('SELECT ?t WHERE { ?p dcterms:title ?t FILTER(?t = "caf\\\\u00e9") }')
    'SELECT'
    """
    enforce_limits(_user_text(text, header_lines))
    forms: list[str] = []
    errors: list[QueryError] = []
    for reading in dict.fromkeys((_ESCAPE.sub(_expand, text), _ESCAPE.sub("_", text))):
        try:
            forms.append(_parse_deep(reading, text, header_lines))
        except QueryError as err:
            errors.append(err)
    # A text can be broken in one reading and reach out in the other: say the latter.
    errors.sort(key=lambda err: "not allowed" not in str(err))
    if errors:
        raise errors[0]
    return forms[0]


_recursion = threading.Lock()
_parsing = 0  # parses under way, which need the raised recursion limit
_restore = 1000  # the limit to go back to when none is


def _parse_deep(reading: str, text: str, header_lines: int) -> str:
    """:func:`_check_reading` on a deep stack with room for rdflib's recursion; any error
    of the parser's own (it has raised AttributeError, TypeError…) is a QueryError."""
    global _parsing
    from .offline import run_deep

    def parse() -> str:
        try:
            return _check_reading(reading, text, header_lines)
        except QueryError:
            raise
        except RecursionError:
            raise QueryError("the query is nested too deeply to be read") from None
        except Exception as err:
            raise QueryError(f"the query cannot be read: {str(err)[:200]}") from None

    global _restore
    with _recursion:
        if not _parsing:
            _restore = sys.getrecursionlimit()
            sys.setrecursionlimit(max(_restore, PARSE_RECURSION))
        _parsing += 1
    try:
        return run_deep(parse)
    finally:
        with _recursion:
            _parsing -= 1
            if not _parsing:
                sys.setrecursionlimit(_restore)


def _check_reading(reading: str, text: str, header_lines: int) -> str:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(reading)
    except ParseException as err:
        try:
            parseUpdate(reading)
        except (ParseException, ValueError):
            raise QueryError(
                oxigraph_syntax_error(text, header_lines)
                or f"SPARQL syntax error at line {err.lineno - header_lines}, "
                f"column {err.col}: {err.msg}"
            ) from None
        raise QueryError(
            "updates (INSERT, DELETE, LOAD, CLEAR…) are not allowed: the graph is read-only"
        ) from None
    except ValueError as err:  # an escape that names no character
        raise QueryError(f"SPARQL syntax error: {err}") from None
    _refuse_reaching_out(parsed)
    try:
        query = translateQuery(parsed)
    except Exception as err:  # rdflib raises bare Exceptions here
        unknown = re.match(r"Unknown namespace prefix : (\S*)", str(err))
        if unknown:
            raise QueryError(_unknown_prefix(text, unknown.group(1), header_lines)) from None
        raise QueryError(f"the query cannot run: {err}") from None
    _refuse_reaching_out(query.algebra)
    return FORMS.get(query.algebra.name, "SELECT")


def _line_of_prefix(text: str, prefix: str) -> int | None:
    """The line where ``prefix:`` is first used outside strings, IRIs and comments."""
    blanked = _OPAQUE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    use = re.search(rf"(?<![\w:.-]){re.escape(prefix)}:", blanked)
    return blanked.count("\n", 0, use.start()) + 1 if use else None


def _unknown_prefix(text: str, prefix: str, header_lines: int) -> str:
    line = _line_of_prefix(text, prefix)
    where = f" at line {line - header_lines}" if line is not None else ""
    known = ", ".join(QUERY_PREFIXES)
    return (
        f"unknown prefix '{prefix}:'{where}; declare it with PREFIX {prefix}: <…> "
        f"or use a predeclared one: {known}"
    )


def oxigraph_syntax_error(text: str, header_lines: int = 0) -> str | None:
    """Oxigraph's own reading of a syntax error in ``text`` as one line for people (its
    messages list every character class it expected), or None if Oxigraph parses it.

    >>> oxigraph_syntax_error("SELECT * WHERE {\\n  ?s ?p\\n}")
    'SPARQL syntax error at line 3, column 2: expected one of LATERAL, SERVICE, [_]'
    >>> oxigraph_syntax_error("SELECT * WHERE { ?s ?p ?o FILTER(?o = 'x) }")
    'SPARQL syntax error at line 1, column 44: expected one of …'
    """
    import pyoxigraph

    from .offline import run_offline

    def parse() -> None:
        # Parsed by the engine on an empty store, sealed off like any query; a lazy
        # answer is never read, so nothing is evaluated.
        pyoxigraph.Store().query(text, prefixes=QUERY_PREFIXES)

    try:
        run_offline(parse)
    except SyntaxError as err:
        return _readable(str(err), text, header_lines)
    except Exception:  # parsed, then failed evaluating on an empty store: not a syntax error
        return None
    return None


def _readable(message: str, text: str, header_lines: int) -> str:
    where = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if where is None:
        return f"SPARQL syntax error: {' '.join(message.split())[:200]}"
    line, column, detail = int(where.group(1)), int(where.group(2)), where.group(3)
    if "Prefix not found" in detail:
        lines = text.split("\n")
        before = lines[line - 1][: column - 1] if line <= len(lines) else ""
        name = re.search(r"([A-Za-z][\w.-]*)?:[\w.%-]*$", before)
        if name is not None:
            return _unknown_prefix(text, name.group(1) or "", header_lines)
    detail = " ".join(detail.split())
    if detail.startswith("expected one of") and len(detail) > 60:
        detail = "expected one of …"
    return f"SPARQL syntax error at line {line - header_lines}, column {column}: {detail}"


# --- named queries ----------------------------------------------------------------------

ENTITY_PARAMS = ("paper", "person", "venue", "technique", "platform")
PARAM_KINDS = ("string", "integer", "year", "iri", *ENTITY_PARAMS)
_PARAM = re.compile(r"#\s*@param\s+(\w+)\s+(\w+)(?:\s+default=(\S+))?\s*(.*)")


@dataclass
class Param:
    name: str
    kind: str
    default: str | None
    help: str


@dataclass
class NamedQuery:
    """A ``.rq`` file: a comment that states the question, parameters, the query."""

    name: str
    question: str
    text: str
    params: list[Param] = field(default_factory=list)


def parse_named(name: str, text: str) -> NamedQuery:
    """Read the header of a named query.

    >>> q = parse_named("x", "# Which papers?\\n# @param year integer default=2017 a year\\nSELECT")
    >>> q.question, q.params[0].kind, q.params[0].default
    ('Which papers?', 'integer', '2017')
    """
    question_lines: list[str] = []
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _PARAM.match(line)
        if m:
            kind = m.group(2)
            if kind not in PARAM_KINDS:
                raise QueryError(f"{name}: parameter kind '{kind}' is not one of {PARAM_KINDS}")
            params.append(Param(m.group(1), kind, m.group(3), m.group(4).strip()))
        elif not params:
            question_lines.append(line.lstrip("#").strip())
    question = " ".join(q for q in question_lines if q)
    if not question:
        raise QueryError(f"{name}: a named query opens with a comment stating its question")
    return NamedQuery(name, question, text, params)


def named_queries() -> dict[str, NamedQuery]:
    """All queries shipped in the package, by name (file name without ``.rq``)."""
    out = {}
    for path in sorted(queries_dir().glob("*.rq")):
        out[path.stem] = parse_named(path.stem, path.read_text(encoding="utf-8"))
    return out


def resolve(spec: str) -> NamedQuery:
    """A query given as a ``.rq`` file path or the name of a shipped query."""
    path = Path(spec)
    if spec.endswith(".rq") or path.is_file():
        try:
            return parse_named(path.stem, path.read_text(encoding="utf-8"))
        except OSError as err:
            raise QueryError(f"cannot read {spec}: {err.strerror}") from None
        except QueryError:
            return NamedQuery(path.stem, "", path.read_text(encoding="utf-8"))
    queries = named_queries()
    if spec not in queries:
        raise QueryError(f"no query named '{spec}'; known: {', '.join(queries)}")
    return queries[spec]


def term_for(kind: str, value: str) -> str:
    """A parameter value as SPARQL syntax.

    >>> term_for("venue", "mobisys"), term_for("integer", "2017"), term_for("string", 'a"b')
    ('<https://w3id.org/sysml-graph/venue/mobisys>', '2017', '"a\\\\"b"')
    >>> term_for("venue", "MobiSys")
    Traceback (most recent call last):
    ...
    sysml_graph.sparql.QueryError: 'MobiSys' is not a venue id; did you mean 'mobisys'?
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
        return Literal(value).n3()
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
                f"BIND(STRAFTER(STR(?s), {Literal(prefix).n3()}) AS ?x) }}"
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

    The block goes first inside the outermost ``WHERE { … }``, so that filters in that group
    see the value, and the result is plain SPARQL that any engine can run.
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
    match = re.search(r"\bWHERE\s*\{", _blank_comments(query.text), re.IGNORECASE)
    if match is None:
        raise QueryError("parameters need a query with an explicit 'WHERE {'")
    cut = match.end()
    return query.text[:cut] + " " + " ".join(values) + query.text[cut:]


def _blank_comments(text: str) -> str:
    """Same length, with # comments blanked, so positions still match the text."""
    return re.sub(r"#[^\n]*", lambda m: " " * len(m.group(0)), text)


# --- running and formatting -------------------------------------------------------------


# The vocabularies of the interop contract, and ``paper:``, ``person:``… as tables print them.
QUERY_PREFIXES: dict[str, str] = {**NAMESPACES, **ENTITY_PREFIXES}


def missing_prefixes(text: str) -> str:
    """PREFIX lines for the project's prefixes that ``text`` does not declare itself."""
    declared = set(re.findall(r"PREFIX\s+(\w*):", text, re.IGNORECASE))
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in QUERY_PREFIXES.items() if p not in declared)


# Words that, outside strings, IRIs and comments, may mean a query reaches out or writes.
# A query without any of them needs no full parse to be known safe; one with any of them
# goes through :func:`check`, which decides exactly (and says why).
_SUSPECT_WORDS: tuple[str, ...] = (
    "SERVICE",
    "FROM",
    "LOAD",
    "INSERT",
    "DELETE",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
)
_SUSPECT = re.compile(rf"(?<![\w:$?])({'|'.join(_SUSPECT_WORDS)})(?![\w:])", re.IGNORECASE)
_Q1, _Q2 = "'", '"'
_OPAQUE = re.compile(
    "|".join(
        (
            r"<[^<>\"{}|^`\\\x00-\x20]*>",  # IRI
            f"{_Q1 * 3}(?:[^{_Q1}\\\\]|\\\\.|{_Q1}(?!{_Q1 * 2}))*{_Q1 * 3}",  # long strings
            f"{_Q2 * 3}(?:[^{_Q2}\\\\]|\\\\.|{_Q2}(?!{_Q2 * 2}))*{_Q2 * 3}",
            f"{_Q1}(?:[^{_Q1}\\\\\\n\\r]|\\\\.)*{_Q1}",  # strings
            f"{_Q2}(?:[^{_Q2}\\\\\\n\\r]|\\\\.)*{_Q2}",
            r"#[^\n\r]*",  # comments
        )
    ),
    re.DOTALL,
)


def needs_full_check(text: str) -> bool:
    """Whether ``text`` holds a word that could make it unsafe (outside strings, IRIs and
    comments); false positives only cost a full parse.

    >>> needs_full_check('SELECT * { ?s <http://x/SERVICE> "FROM" } # LOAD')
    False
    >>> needs_full_check("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }")
    True
    """
    # Whole-line comments, where named queries state their question in words like "from"
    # and "with", are dropped before the cheap test: ~3 µs for most queries.
    upper = "\n".join(
        line for line in text.upper().split("\n") if not line.lstrip().startswith("#")
    )
    if not any(word in upper for word in _SUSPECT_WORDS):
        return False
    return _SUSPECT.search(_OPAQUE.sub(" ", text)) is not None


@dataclass
class Answer:
    """A query's answer: rows for SELECT, a boolean for ASK, N-Triples for CONSTRUCT."""

    kind: str  # SELECT, ASK or CONSTRUCT (DESCRIBE answers like CONSTRUCT)
    names: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)  # pyoxigraph terms or None
    boolean: bool = False
    triples: bytes = b""

    def __iter__(self) -> Iterator[list[Any]]:
        """The rows, as rdflib's results iterate."""
        return iter(self.rows)


def run(graph: Any, text: str) -> Answer:
    """Run a checked query on ``graph`` (a :class:`~sysml_graph.kgraph.KnowledgeGraph`, a
    ``pyoxigraph.Store`` or an rdflib graph) with pyoxigraph; the project's prefixes are
    predeclared.

    >>> from sysml_graph.kgraph import KnowledgeGraph
    >>> kg = KnowledgeGraph.from_lines(['<http://x/a> <http://purl.org/dc/terms/title> "A" .\\n'])
    >>> run(kg, "SELECT ?t WHERE { ?a dcterms:title ?t }").rows
    [[<Literal value=A datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>]]
    """
    import pyoxigraph

    from .kgraph import KnowledgeGraph
    from .offline import available, run_offline

    enforce_limits(text)
    # Where the engine runs sealed off from the network, the full parse only needs to run
    # for queries that name a suspect word (to refuse them with a clear reason); elsewhere
    # it is the only guard and always runs.
    if needs_full_check(text) or not available():
        header = missing_prefixes(text)
        check(header + text, header_lines=header.count("\n"))
    store = KnowledgeGraph.of(graph).store

    def evaluate() -> Answer:
        # The whole answer is read here: pyoxigraph evaluates lazily, and reading rows later
        # in another thread would evaluate them (a SERVICE among them) unguarded.
        result = store.query(text, prefixes=QUERY_PREFIXES)
        if isinstance(result, pyoxigraph.QueryBoolean):
            return Answer("ASK", boolean=bool(result))
        if isinstance(result, pyoxigraph.QueryTriples):
            data = result.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES)
            return Answer("CONSTRUCT", triples=data or b"")
        assert isinstance(result, pyoxigraph.QuerySolutions)
        names = [v.value for v in result.variables]
        return Answer("SELECT", names, [list(solution) for solution in result])

    try:
        return run_offline(evaluate)
    except SyntaxError as err:
        # The standard's reading names an unknown prefix where Oxigraph's message does not.
        header = missing_prefixes(text)
        check(header + text, header_lines=header.count("\n"))
        raise QueryError(_readable(str(err), text, 0)) from None
    except Exception as err:  # pyoxigraph raises OSError/ValueError while evaluating
        raise QueryError(f"query failed: {err}") from None


def _short(term: Any) -> str:
    if term is None:
        return ""
    text = str(term.value)
    if _is_iri(term) and text.startswith(BASE) and "#" not in text:
        return text[len(BASE) :].replace("/", ":", 1)
    return text


def _is_iri(term: Any) -> bool:
    import pyoxigraph

    return isinstance(term, pyoxigraph.NamedNode)


def _from_rdflib(term: Node | None) -> Any:
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        datatype = pyoxigraph.NamedNode(str(term.datatype)) if term.datatype else None
        return pyoxigraph.Literal(str(term), datatype=datatype)
    return pyoxigraph.BlankNode(str(term))


def answer_of(result: Any) -> Answer:
    """An rdflib query result (from a remote endpoint) as an :class:`Answer`."""
    if isinstance(result, Answer):
        return result
    if result.type == "ASK":
        return Answer("ASK", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return Answer("CONSTRUCT", triples=result.graph.serialize(format="nt", encoding="utf-8"))
    rows = [[_from_rdflib(t) for t in row] for row in result]
    return Answer("SELECT", [str(v) for v in result.vars], rows)


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def json_term(term: Any) -> dict[str, Any]:
    """A term as SPARQL 1.1 JSON results write it (RDF 1.2 triple terms as "triple")."""
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: json_term(getattr(term, p)) for p in parts}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def format_result(result: Any, fmt: str, width: int | None = None) -> str:
    """A query result as text: ``table`` (for people), ``csv``, ``tsv``, ``json``
    (SPARQL 1.1 Query Results JSON)."""
    answer = answer_of(result)
    if answer.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": answer.boolean}) + "\n"
        return ("true" if answer.boolean else "false") + "\n"
    if answer.kind == "CONSTRUCT":
        from .export import WRITE_PREFIXES
        from .kgraph import KnowledgeGraph

        kg = KnowledgeGraph.from_bytes(answer.triples, "nt", "answer")
        import pyoxigraph

        out = pyoxigraph.serialize(
            kg.triples(), format=pyoxigraph.RdfFormat.TURTLE, prefixes=WRITE_PREFIXES
        )
        return (out or b"").decode("utf-8")
    names, data = answer.names, answer.rows
    if fmt == "json":
        bindings = [
            {n: json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
            for row in data
        ]
        doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(names)
        for row in data:
            writer.writerow(["" if t is None else t.value for t in row])
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in data]
        return "\n".join(lines) + "\n"
    return _table(names, data, width)


def _table(names: list[str], data: list[list[Any]], width: int | None) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(box=box.MARKDOWN, show_edge=True)
    for n in names:
        table.add_column(n, overflow="fold")
    for row in data:
        table.add_row(*(_short(t) for t in row))
    buf = io.StringIO()
    console = Console(
        file=buf, width=width or 10_000, color_system=None, highlight=False, force_jupyter=False
    )
    console.print(table)
    text = "\n".join(line.rstrip() for line in buf.getvalue().splitlines()).strip("\n")
    return text + f"\n{len(data)} row{'s' if len(data) != 1 else ''}\n"
