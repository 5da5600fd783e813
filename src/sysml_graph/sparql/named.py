"""The named queries shipped in ``queries/``: their parameters and descriptions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..resources import queries_dir
from .errors import QueryError

ENTITY_PARAMS = ("paper", "person", "venue", "technique", "platform")

# ``links``: which technique and platform links a count uses, ``all`` or ``curated``.
PARAM_KINDS = ("string", "integer", "year", "iri", "links", *ENTITY_PARAMS)

# Which technique and platform links a count uses: every link (a curator's and the tagger's
# proposals) or a curator's only. The one list the queries, `stats`, `render` and the CLI use.
LINKS_VALUES = ("all", "curated")

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
