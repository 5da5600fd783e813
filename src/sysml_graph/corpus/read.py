"""The whole data folder read into one :class:`~sysml_graph.corpus.records.Corpus`, with every
problem found.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Protocol

from ..problems import InvalidInput, Problem
from .files import iter_files, outside_links
from .parse import Parsed, parse_files
from .records import (
    Corpus,
    Edition,
    Paper,
    Person,
    Scheme,
    Series,
    SourceList,
)


class Parser(Protocol):
    """What reads files for :func:`read_corpus` when not :func:`parse_files` itself: a
    cache of their parses (:class:`sysml_graph.builder.parse_cache.ParseCache`)."""

    def parse(self, paths: list[Path], data_dir: Path) -> list[Parsed]: ...


def load_corpus(data_dir: Path) -> Corpus:
    """Read and type-check every file of ``data_dir``; raise :class:`InvalidInput`."""
    corpus, problems = read_corpus(data_dir)
    if problems:
        raise InvalidInput(problems)
    return corpus


def read_corpus(data_dir: Path, cache: Parser | None = None) -> tuple[Corpus, list[Problem]]:
    """Read every file of ``data_dir``: what could be read, and the problems found.

    Records with problems are left out or keep only their valid fields, so that the
    cross-reference checks can still run on the rest. With a ``cache``, files whose bytes
    it has seen before are not parsed again.
    """
    if not data_dir.is_dir():
        raise InvalidInput([Problem(str(data_dir), 1, "data folder does not exist")])
    problems: list[Problem] = []
    people: list[Person] = []
    series: list[Series] = []
    schemes: list[Scheme] = []
    papers: list[Paper] = []
    extra_editions: list[Edition] = []
    source_lists: list[SourceList] = []
    for required in ("people.yaml", "venues.yaml"):
        if not (data_dir / required).is_file():
            problems.append(Problem(required, 1, f"missing file; the data folder needs {required}"))
    refused = outside_links(data_dir)
    problems += refused.values()
    paths = [path for path in iter_files(data_dir) if path.is_file()]
    if refused:
        paths = [path for path in paths if path not in refused]
    results = cache.parse(paths, data_dir) if cache is not None else parse_files(paths, data_dir)
    for kind, payload, found in results:
        problems += found
        if payload is None:
            continue
        if kind == "people":
            people += payload
        elif kind == "venues":
            series += payload
        elif kind == "editions":
            extra_editions += payload
        elif kind == "sources":
            source_lists += payload
        elif kind == "taxonomy":
            schemes.append(payload)
        else:
            papers.append(payload)
    if extra_editions:
        # Copies: the records may be a parse cache's, which must keep what the files hold
        # (appending to them put every imported edition in twice once the cache was saved).
        series = [dataclasses.replace(s, editions=list(s.editions)) for s in series]
    by_id = {s.id: s for s in series}
    for edition in extra_editions:
        if edition.series in by_id:
            by_id[edition.series].editions.append(edition)
        else:
            problems.append(
                Problem(
                    edition.where.file,
                    edition.where.line,
                    f"edition of unknown venue series '{edition.series}'",
                )
            )
    corpus = Corpus(papers, people, series, schemes, source_lists)
    return corpus, problems
