"""Load a data folder: YAML files → typed records, with ``file:line`` for every problem.

Layout of a data folder::

    papers/<id>.yaml          one paper, book or preprint per file
    people.yaml               everyone who authors a paper
    venues.yaml               venue series with their editions; journals
    taxonomies/<scheme>.yaml  SKOS concept schemes (techniques, platforms)

This module checks each file on its own (syntax, types, ranges, required fields);
:mod:`sysml_graph.check` then checks the records against each other.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from .iri import CONTROL, LinkError, codepoint, web_link
from .problems import InvalidInput, Problem
from .records import (
    Concept,
    Corpus,
    Edition,
    Paper,
    PaperKind,
    Person,
    Scheme,
    Series,
    Source,
    SourceList,
    Status,
    VenueKind,
    Where,
)
from .yamlio import Node, read_bounded, read_yaml

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
DOI_RE = re.compile(r"10\.\d{4,9}/\S+\Z")
ARXIV_RE = re.compile(r"\d{4}\.\d{4,5}\Z")
PAGES_RE = re.compile(r"[0-9]+(?:-[0-9]+)?\Z")
COMMIT_RE = re.compile(r"[0-9a-f]{7,40}\Z")
# An SPDX licence id (MIT, Apache-2.0, GPL-2.0+, LicenseRef-x): it becomes part of the
# IRI https://spdx.org/licenses/<id>.
SPDX_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*\Z")
# Where str.splitlines() cuts a line: one line of text holds none of them.
LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Unicode's 66 noncharacters, never meant as text: rapper (raptor2) cuts a literal short
# at U+FFFE or U+FFFF, or refuses the whole file.
NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(f"{chr((plane << 16) + 0xFFFE)}{chr((plane << 16) + 0xFFFF)}" for plane in range(17))
    + "]"
)
FIRST_YEAR = 1950

T = TypeVar("T")


def last_valid_year() -> int:
    """Papers may carry next year's date (camera-ready versions), never later."""
    return datetime.date.today().year + 1


class Fields:
    """Typed access to one YAML mapping, collecting problems instead of raising."""

    def __init__(self, node: Node, file: str, problems: list[Problem], what: str) -> None:
        self.file = file
        self.problems = problems
        self.what = what
        self.line = node.line
        self.ok = isinstance(node.value, dict)
        if not self.ok:
            self.problem(node.line, f"{what} must be a mapping of fields, got {_kind(node)}")
        self.items: dict[str, Node] = node.value if self.ok else {}
        self.used: set[str] = set()
        # Lines of list items, as "key:value", for messages about one item.
        self.item_lines: dict[str, int] = {}

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def line_of(self, key: str) -> int:
        node = self.items.get(key)
        return node.line if node is not None else self.line

    def _get(self, key: str, required: bool) -> Node | None:
        self.used.add(key)
        node = self.items.get(key)
        if node is None or node.value is None:
            if required and self.ok:
                self.problem(self.line, f"{self.what} is missing required field '{key}'")
            return None
        return node

    def text(self, key: str, required: bool = False) -> str | None:
        node = self._get(key, required)
        if node is None:
            return None
        if not isinstance(node.value, str) or not node.value.strip():
            self.problem(node.line, f"'{key}' must be non-empty text, got {_kind(node)}")
            return None
        self.check_chars(key, node.value, node.line)
        return str(node.value)

    def check_chars(self, key: str, value: str, line: int) -> None:
        """Text is one line of characters: a control character or a noncharacter in a
        title is an accident of copying or decoding, never meant, and line breaks would
        split it in every line-based tool downstream."""
        if value != value.strip() or LINE_BREAK.search(value):
            self.problem(line, f"'{key}' must be one line without surrounding spaces")
        elif bad := CONTROL.search(value) or NONCHARACTER.search(value):
            self.problem(
                line,
                f"'{key}' must not contain control characters or noncharacters; delete the "
                f"{codepoint(bad.group(0))} in '{shown(value)}'",
            )

    def ident(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, required)
        if value is not None and not ID_RE.match(value):
            self.problem(
                self.line_of(key),
                f"'{key}' must be an id of lower-case letters, digits and single hyphens "
                f"(like 'deep-x-2016'), got '{shown(value)}'",
            )
            return None
        return value

    def year(self, key: str, required: bool = False) -> int | None:
        node = self._get(key, required)
        if node is None:
            return None
        value = node.value
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem(
                node.line, f"'{key}' must be a 4-digit integer year, got '{shown(str(value))}'"
            )
            return None
        if not FIRST_YEAR <= value <= last_valid_year():
            self.problem(
                node.line,
                f"'{key}' must be between {FIRST_YEAR} and {last_valid_year()}, got {value}",
            )
            return None
        return value

    def link(self, key: str) -> str | None:
        """An http(s) link as the IRI to write (see :mod:`sysml_graph.iri`): percent-encoded
        where a browser would encode it, ``None`` (and a problem) where it is no link."""
        before = len(self.problems)
        value = self.text(key)
        if value is None or len(self.problems) > before:
            return None
        try:
            return web_link(value)
        except LinkError as err:
            self.problem(self.line_of(key), f"'{key}' {err}, got '{shown(value)}'")
            return None

    def pattern(self, key: str, regex: re.Pattern[str], example: str) -> str | None:
        value = self.text(key)
        if value is not None and not regex.match(value):
            self.problem(
                self.line_of(key), f"'{key}' must look like '{example}', got '{shown(value)}'"
            )
            return None
        return value

    def choice(self, key: str, kind: Callable[[str], T], required: bool = False) -> T | None:
        value = self.text(key, required)
        if value is None:
            return None
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(str(v) for v in getattr(kind, "__members__", {}).values())
            self.problem(
                self.line_of(key), f"'{key}' must be one of {allowed}; got '{shown(value)}'"
            )
            return None

    def nodes(self, key: str, required: bool = False) -> list[Node]:
        node = self._get(key, required)
        if node is None:
            return []
        if not isinstance(node.value, list):
            self.problem(node.line, f"'{key}' must be a list, got {_kind(node)}")
            return []
        return list(node.value)

    def flag(self, key: str) -> bool:
        node = self._get(key, False)
        if node is None:
            return False
        if not isinstance(node.value, bool):
            self.problem(node.line, f"'{key}' must be true or false, got {_kind(node)}")
            return False
        return bool(node.value)

    def integer(self, key: str, required: bool = False) -> int | None:
        node = self._get(key, required)
        if node is None:
            return None
        if not isinstance(node.value, int) or isinstance(node.value, bool) or node.value < 1:
            self.problem(node.line, f"'{key}' must be a positive whole number, got {_kind(node)}")
            return None
        return int(node.value)

    def ids(self, key: str, required: bool = False) -> list[str]:
        out: list[str] = []
        for item in self.nodes(key, required):
            self.item_lines[f"{key}:{item.value}"] = item.line
            if not isinstance(item.value, str) or not ID_RE.match(item.value):
                self.problem(
                    item.line,
                    f"each entry of '{key}' must be an id, got '{shown(str(item.value))}'",
                )
            elif item.value in out:
                self.problem(item.line, f"'{item.value}' is listed twice in '{key}'")
            else:
                out.append(item.value)
        return out

    def texts(self, key: str) -> list[str]:
        out: list[str] = []
        for item in self.nodes(key):
            if not isinstance(item.value, str) or not item.value.strip():
                self.problem(item.line, f"each entry of '{key}' must be text, got {_kind(item)}")
            else:
                self.check_chars(key, item.value, item.line)
                out.append(item.value)
        return out

    def finish(self) -> None:
        """Report fields nobody asked for: usually a typo of a known field."""
        for key, node in self.items.items():
            if key not in self.used:
                known = ", ".join(sorted(self.used))
                self.problem(
                    node.line,
                    f"unknown field '{shown(str(key))}' in {self.what}; known fields are: {known}",
                )


def _kind(node: Node) -> str:
    value = node.value
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} '{shown(str(value))}'"


def shown(text: str) -> str:
    """``text`` for a message: what does not print (controls, line breaks, invisible
    characters) as Python escapes, so that each problem stays one readable line.

    >>> print(shown("a\\x1bb\\u2028c"))
    a\\x1bb\\u2028c
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _where(fields: Fields) -> Where:
    return Where(fields.file, fields.line)


def parse_paper(node: Node, file: str, problems: list[Problem]) -> Paper | None:
    """One paper file's mapping → :class:`Paper` (``None`` when unusable)."""
    f = Fields(node, file, problems, "a paper")
    if not f.ok:
        return None
    ident = f.ident("id", required=True)
    kind = f.choice("type", PaperKind, required=True)
    title = f.text("title", required=True)
    doi = f.pattern("doi", DOI_RE, "10.1145/3081333.3081360")
    if doi is not None and doi != doi.lower():
        f.problem(f.line_of("doi"), f"'doi' must be lower case, write '{doi.lower()}'")
    status = f.choice("status", Status) or Status.CURATED
    curated = status is Status.CURATED
    paper = Paper(
        id=ident or "",
        kind=kind or PaperKind.CONFERENCE_PAPER,
        title=title or "",
        where=_where(f),
        authors=f.ids("authors", required=curated),
        venue=f.ident("venue"),
        year=f.year("year", required=curated and kind is not PaperKind.BOOK),
        pages=f.pattern("pages", PAGES_RE, "578-594"),
        doi=doi,
        arxiv=f.pattern("arxiv", ARXIV_RE, "1802.04799"),
        url=f.link("url"),
        code=f.link("code"),
        website=f.link("website"),
        publisher=f.text("publisher"),
        techniques=f.ids("techniques"),
        platforms=f.ids("platforms"),
        extends=f.ids("extends"),
        cites=f.ids("cites"),
        note=f.text("note"),
        status=status,
        authors_incomplete=f.flag("authors_incomplete"),
        inferred_techniques=f.ids("inferred_techniques"),
        inferred_platforms=f.ids("inferred_platforms"),
        topics=f.texts("topics"),
        sources=_sources(f),
        lines={k: n.line for k, n in f.items.items()} | f.item_lines,
    )
    if (
        curated
        and isinstance(f.items.get("authors", Node(None, 0)).value, list)
        and not (paper.authors)
    ):
        f.problem(f.line_of("authors"), "a paper needs at least one author in 'authors'")
    if not curated and not paper.sources:
        f.problem(f.line, "an imported paper needs 'sources' (list, commit, file, line)")
    f.finish()
    if ident is None or kind is None or title is None:
        return None
    return paper


def _sources(f: Fields) -> list[Source]:
    out: list[Source] = []
    for item in f.nodes("sources"):
        s = Fields(item, f.file, f.problems, "a source")
        where = (
            s.link("list")
            if ":" in str(s.items.get("list", Node("", 0)).value)
            else s.text("list", required=True)
        )
        commit = s.pattern("commit", COMMIT_RE, "878cb5f40b365f42e818270f5221dc10202214bb")
        path = s.text("file", required=True)
        line = s.integer("line", required=True)
        s.finish()
        if where and path and line:
            out.append(Source(where, commit, path, line))
    return out


def parse_people(node: Node, file: str, problems: list[Problem]) -> list[Person]:
    people: list[Person] = []
    for item in _list_of(node, file, problems, "people.yaml"):
        f = Fields(item, file, problems, "a person")
        ident, name = f.ident("id", required=True), f.text("name", required=True)
        f.finish()
        if ident and name:
            people.append(Person(ident, name, _where(f)))
    return people


def parse_venues(node: Node, file: str, problems: list[Problem]) -> list[Series]:
    out: list[Series] = []
    for item in _list_of(node, file, problems, "venues.yaml"):
        f = Fields(item, file, problems, "a venue")
        ident = f.ident("id", required=True)
        acronym = f.text("acronym", required=True)
        name = f.text("name", required=True)
        kind = f.choice("kind", VenueKind, required=True)
        alt = f.texts("alt_acronyms")
        editions: list[Edition] = []
        for ed_node in f.nodes("editions"):
            edition = _edition(Fields(ed_node, file, problems, "an edition"), ident)
            if edition is not None:
                editions.append(edition)
        if kind is VenueKind.JOURNAL and editions:
            f.problem(f.line_of("editions"), "a journal has no editions; papers name the journal")
        f.finish()
        if ident and acronym and name and kind:
            out.append(Series(ident, acronym, name, kind, _where(f), alt, editions))
    return out


def _edition(e: Fields, series: str | None) -> Edition | None:
    year = e.year("year", required=True)
    name = e.text("name", required=True)
    location = e.text("location")
    colocated = e.ident("colocated_with")
    e.finish()
    if series and year and name:
        return Edition(
            f"{series}-{year}", series, year, name, Where(e.file, e.line), location, colocated
        )
    return None


def parse_source_lists(node: Node, file: str, problems: list[Problem]) -> list[SourceList]:
    """``imported/sources.yaml``: the lists the importer read, to credit them."""
    out: list[SourceList] = []
    for item in _list_of(node, file, problems, "sources.yaml"):
        f = Fields(item, file, problems, "a source list")
        ident, title = f.ident("id", True), f.text("title", True)
        repo = (
            f.link("repository")
            if ":" in str(f.items.get("repository", Node("", 0)).value)
            else f.text("repository", required=True)
        )
        commit = f.pattern("commit", COMMIT_RE, "878cb5f40b365f42e818270f5221dc10202214bb")
        licence = f.pattern("licence", SPDX_RE, "MIT")
        f.finish()
        if ident and repo and title:
            out.append(SourceList(ident, repo, title, _where(f), commit, licence))
    return out


def parse_editions(node: Node, file: str, problems: list[Problem]) -> list[Edition]:
    """``imported/editions.yaml``: editions the importer adds to curated venue series."""
    out: list[Edition] = []
    for item in _list_of(node, file, problems, "editions.yaml"):
        e = Fields(item, file, problems, "an edition")
        edition = _edition(e, e.ident("series", required=True))
        if edition is not None:
            out.append(edition)
    return out


def parse_scheme(node: Node, file: str, problems: list[Problem]) -> Scheme | None:
    f = Fields(node, file, problems, "a concept scheme")
    if not f.ok:
        return None
    ident = f.ident("id", required=True)
    title = f.text("title", required=True)
    concepts: list[Concept] = []
    for item in f.nodes("concepts", required=True):
        c = Fields(item, file, problems, "a concept")
        cid, label = c.ident("id", required=True), c.text("label", required=True)
        concept = Concept(
            id=cid or "",
            scheme=ident or "",
            label=label or "",
            where=_where(c),
            alt_labels=c.texts("alt_labels"),
            broader=c.ids("broader"),
            definition=c.text("definition"),
        )
        c.finish()
        if cid and label:
            concepts.append(concept)
    f.finish()
    if ident is None or title is None:
        return None
    return Scheme(ident, title, _where(f), concepts)


def _list_of(node: Node, file: str, problems: list[Problem], what: str) -> list[Node]:
    if not isinstance(node.value, list):
        problems.append(Problem(file, node.line, f"{what} must be a list of entries"))
        return []
    return list(node.value)


def rel(path: Path, data_dir: Path) -> str:
    """The name shown in messages and used for provenance: relative to the data folder."""
    try:
        return path.relative_to(data_dir).as_posix()
    except ValueError:
        return path.as_posix()


def paper_names(data_dir: Path) -> list[str]:
    """The names of the files ``data_dir/papers/*.yaml``, in order (what
    ``sorted(glob(...))`` gives, 10× faster: at 100,000 files, sorting Path objects alone
    took most of a second)."""
    try:
        names = os.listdir(data_dir / "papers")
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [n for n in sorted(names) if n.endswith(".yaml") and not n.startswith(".")]


def paper_files(data_dir: Path) -> list[Path]:
    """``data_dir/papers/*.yaml`` in name order."""
    folder = data_dir / "papers"
    return [folder / n for n in paper_names(data_dir)]


IMPORTED = "imported"
_TOP_NAMES = ("people.yaml", "venues.yaml")
_IMPORTED_NAMES = ("sources.yaml", "people.yaml", "venues.yaml", "editions.yaml")


def file_groups(data_dir: Path) -> Iterator[tuple[Path, list[str]]]:
    """:func:`iter_files` as (folder, names) groups, in the same order. A folder that is a
    symbolic link out of ``data_dir`` is listed empty (:func:`outside_links` refuses it)."""
    yield data_dir, list(_TOP_NAMES)
    taxonomies = data_dir / "taxonomies"
    yield (
        taxonomies,
        []
        if _link_out(taxonomies, data_dir)
        else [p.name for p in sorted(taxonomies.glob("*.yaml"))],
    )
    papers = data_dir / "papers"
    yield papers, [] if _link_out(papers, data_dir) else paper_names(data_dir)
    imported = data_dir / IMPORTED
    if _link_out(imported, data_dir):
        yield imported, []
        yield imported / "papers", []
        return
    yield imported, [name for name in _IMPORTED_NAMES if (imported / name).is_file()]
    papers = imported / "papers"
    yield papers, [] if _link_out(papers, data_dir) else paper_names(imported)


def _link_out(path: Path, data_dir: Path) -> str | None:
    """Where ``path`` leads when it is a symbolic link out of ``data_dir``, else None.

    Links are followed to the end: one that stays within the data folder is read like the
    file or folder it points to; one that leaves it is refused, so that a data folder from
    elsewhere (a pull request, an archive) cannot have any other file read and quoted back.
    Only names the listing found are looked at, with one lstat each: resolving every path
    took 26 µs a file, 2.6 s at 100,000 papers.
    """
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    top = os.path.realpath(data_dir)
    return None if os.path.commonpath([top, target]) == top else target


def outside_links(data_dir: Path) -> dict[Path, Problem]:
    """The files and folders :func:`iter_files` would read from that are symbolic links
    out of ``data_dir``, each with the one problem that refuses it (none is read)."""
    found: dict[Path, Problem] = {}

    def check(path: Path, what: str) -> bool:
        target = _link_out(path, data_dir)
        if target is not None:
            found[path] = _link_problem(path, data_dir, target, what)
        return target is not None

    imported = data_dir / IMPORTED
    for name in _TOP_NAMES:
        check(data_dir / name, "file")
    for folder in (data_dir / "taxonomies", data_dir / "papers", imported, imported / "papers"):
        if folder.parent in found or check(folder, "folder"):
            continue
        if folder == imported:
            for name in _IMPORTED_NAMES:
                check(imported / name, "file")
            continue
        try:
            # scandir says which entries are links without a system call per file.
            with os.scandir(folder) as entries:
                links = [e.name for e in entries if e.name.endswith(".yaml") and e.is_symlink()]
        except OSError:
            continue
        for name in links:
            if not name.startswith("."):
                check(folder / name, "file")
    return found


def _link_problem(path: Path, data_dir: Path, target: str, what: str) -> Problem:
    return Problem(
        rel(path, data_dir),
        1,
        f"a symbolic link out of the data folder (to {target}); copy the {what} into the "
        "data folder instead",
    )


def iter_files(data_dir: Path) -> Iterator[Path]:
    """Every YAML file of a data folder, in a stable order: curated files first, then the
    importer's drafts under ``imported/`` (people, venues, editions, papers)."""
    for folder, names in file_groups(data_dir):
        for name in names:
            yield folder / name


def load_corpus(data_dir: Path) -> Corpus:
    """Read and type-check every file of ``data_dir``; raise :class:`InvalidInput`."""
    corpus, problems = read_corpus(data_dir)
    if problems:
        raise InvalidInput(problems)
    return corpus


# One file's result: its kind, what it holds, and the problems found in it alone.
Parsed = tuple[str, Any, list[Problem]]


def parse_file(path: Path, data_dir: Path, data: bytes | None = None) -> Parsed:
    """Read (unless its ``data`` is given) and type-check one file of ``data_dir`` alone."""
    problems: list[Problem] = []
    display = rel(path, data_dir)
    top = path.parent in (data_dir, data_dir / IMPORTED)
    if top and path.name in ("people.yaml", "venues.yaml", "editions.yaml", "sources.yaml"):
        kind = path.stem
    elif path.parent.name == "taxonomies":
        kind = "taxonomy"
    else:
        kind = "paper"
    try:
        target = _link_out(path, data_dir)
        if target is not None:
            return kind, None, [_link_problem(path, data_dir, target, "file")]
        node = read_yaml(path, display, data)
    except InvalidInput as err:
        return kind, None, err.problems
    except OSError as err:
        return kind, None, [Problem(display, 1, f"cannot read the file: {err.strerror}")]
    payload: Any = None
    if kind == "people":
        payload = parse_people(node, display, problems)
    elif kind == "venues":
        payload = parse_venues(node, display, problems)
    elif kind == "editions":
        payload = parse_editions(node, display, problems)
    elif kind == "sources":
        payload = parse_source_lists(node, display, problems)
    elif kind == "taxonomy":
        payload = parse_scheme(node, display, problems)
    else:
        payload = paper = parse_paper(node, display, problems)
        if paper is not None and paper.id != path.stem:
            problems.append(
                Problem(
                    display,
                    paper.lines.get("id", 1),
                    f"paper id '{paper.id}' must match its file name; "
                    f"rename the file to {paper.id}.yaml or the id to '{path.stem}'",
                )
            )
    return kind, payload, problems


def parse_files(paths: list[Path], data_dir: Path) -> list[Parsed]:
    """:func:`parse_file` for each path, in order.

    One process: a pool of two workers was measured slower (1.22 s instead of 1.37 s at
    10,000 files, but 28.7 s instead of 20.7 s at 100,000), shipping the records back
    costing about what the second core saves.
    """
    return [parse_file(path, data_dir) for path in paths]


def read_corpus(data_dir: Path, cache: ParseCache | None = None) -> tuple[Corpus, list[Problem]]:
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


class ParseCache:
    """Parsed files by the hash of their bytes, kept in one cache file
    (:mod:`sysml_graph.cache`: JSON, which reading cannot make run code).

    Rebuilding after one file changed then parses one file: the others are looked up by
    (size, mtime) first and by content hash when those moved (a checkout touches every
    file but changes few). A cache of other code (or of another year, which bounds valid
    years) is a miss; one that is not a usable cache is ignored with a warning.
    """

    KIND = "parsed"

    def __init__(self, path: Path) -> None:
        from . import cache

        self.path = path
        self.hits = 0
        self.misses = 0
        entries = cache.read(path, self.KIND, _decode_entries, key=_cache_version())
        self.entries: dict[str, tuple[int, int, str, Parsed]] = entries or {}
        self.changed = entries is None  # whether save() has anything new to write

    def parse(self, paths: list[Path], data_dir: Path) -> list[Parsed]:
        results: list[Parsed] = []
        fresh: dict[str, tuple[int, int, str, Parsed]] = {}
        # Keyed by absolute path: two data folders never share entries, even when their
        # files have the same names, sizes and times (copies made with cp -p).
        base = str(data_dir.absolute())
        self.hits = self.misses = 0
        changed = self.changed
        for path in paths:
            key = f"{base}/{rel(path, data_dir)}"
            st = path.stat()
            entry = self.entries.get(key)
            if entry is not None and entry[:2] == (st.st_size, st.st_mtime_ns):
                parsed, digest = entry[3], entry[2]
            else:
                changed = True
                data = read_bounded(path)  # a larger file is refused, not held
                digest = hashlib.blake2b(data, digest_size=16).hexdigest()
                if entry is not None and entry[2] == digest:
                    parsed = entry[3]
                else:
                    parsed = parse_file(path, data_dir, data)
                    self.misses += 1
            fresh[key] = (st.st_size, st.st_mtime_ns, digest, parsed)
            results.append(parsed)
        self.hits = len(paths) - self.misses
        self.changed = changed or len(fresh) != len(self.entries)  # or files were removed
        self.entries = fresh
        return results

    def save(self) -> None:
        """Write the cache (atomically) for the next run, if anything changed (writing
        100,000 unchanged entries again took 1.9 s)."""
        from . import cache

        if not self.changed:
            return
        cache.write(self.path, self.KIND, _cache_version(), _encode_entries(self.entries))


# What each kind of file parses into (None when it could not be read at all).
_PAYLOADS: dict[str, Any] = {
    "people": list[Person],
    "venues": list[Series],
    "editions": list[Edition],
    "sources": list[SourceList],
    "taxonomy": Scheme,
    "paper": Paper,
}


def _encode_entries(entries: dict[str, tuple[int, int, str, Parsed]]) -> dict[str, list[Any]]:
    from .cache import records_encoder

    payloads = {kind: records_encoder(tp | None) for kind, tp in _PAYLOADS.items()}
    problems = records_encoder(list[Problem])
    return {
        key: [size, mtime, digest, kind, payloads[kind](payload), problems(found)]
        for key, (size, mtime, digest, (kind, payload, found)) in entries.items()
    }


def _decode_entries(value: Any) -> dict[str, tuple[int, int, str, Parsed]]:
    from .cache import records_decoder

    payloads = {kind: records_decoder(tp | None) for kind, tp in _PAYLOADS.items()}
    problems = records_decoder(list[Problem])
    entries: dict[str, tuple[int, int, str, Parsed]] = {}
    for key, (size, mtime, digest, kind, payload, found) in value.items():
        if not (isinstance(size, int) and isinstance(mtime, int) and isinstance(digest, str)):
            raise TypeError(f"entry {key!r} has no size, time and hash")
        entries[key] = (size, mtime, digest, (kind, payloads[kind](payload), problems(found)))
    return entries


def _cache_version() -> str:
    from . import __version__

    # The parse depends on the date (the last valid year) and on the code that reads YAML
    # into records, which a working copy changes without a new version number.
    here = Path(__file__).parent
    code = [(here / m).stat().st_mtime_ns for m in ("load.py", "yamlio.py", "records.py")]
    return f"{__version__}:{last_valid_year()}:{code}"
