"""SPARQL over the graph: safety checks, named queries with parameters, result formats.

Safety: rdflib's engine would follow ``SERVICE`` (an HTTP request), load ``FROM`` /
``FROM NAMED`` graphs (also ``file://``), and run updates such as ``LOAD``. Every query is
parsed and its algebra walked before evaluation; such queries are refused, so a query
never reaches the network or reads a file.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph

from ..rdf.namespaces import QUERY_PREFIXES
from .errors import QueryError
from .offline import run_deep, run_offline

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
    sysml_graph.sparql.errors.QueryError: the query nests brackets 102 deep; the limit is 64
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
    engine cannot reach out anyway (:mod:`sysml_graph.sparql.offline`); a remote endpoint may
    read the text either way.

    >>> check("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    sysml_graph.sparql.errors.QueryError: SERVICE is not allowed: queries never reach the network
    >>> check('ASK { FILTER("A\\\\u0022=") SERVICE <http://127.0.0.1:9/> { ?x ?b ?c } }')
    Traceback (most recent call last):
    ...
    sysml_graph.sparql.errors.QueryError: SERVICE is not allowed: queries never reach the network
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
