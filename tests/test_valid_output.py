"""Every IRI and literal the mapping writes is valid, whatever the input (issue 15).

For any value in any field, either ``validate`` refuses it (one ``FILE:LINE: message``
line per problem, exit 1, no traceback) or the graph built from it is read by rapper,
serdi and pyoxigraph, which all see the same triples, with the value in them: a text as
the same literal, a link as the IRI :func:`sysml_graph.corpus.iri.web_link` made of it (the same
address, percent-encoded where an IRI cannot hold a character raw).

The data folder is a tiny one (one person, venue, concept per scheme, source list and
paper besides the one under test), so that each example takes a few hundredths of a second.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyoxigraph
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from sysml_graph.builder.fragments import outputs_of
from sysml_graph.cli.main import cli
from sysml_graph.corpus.iri import LinkError, escape, web_link
from sysml_graph.rdf.mapping import SEED_LIST
from sysml_graph.rdf.namespaces import BASE

SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
FOAF = "http://xmlns.com/foaf/0.1/"
PAPER = f"{BASE}paper/x"
SOFTWARE = f"{BASE}software/x"
DATASET = f"{BASE}dataset"
LIST = "https://github.com/a/list"
COMMIT = "878cb5f40b365f42e818270f5221dc10202214bb"

PERSON = {"id": "ada-lovelace", "name": "Ada Lovelace"}
VENUE = {
    "id": "mobisys",
    "acronym": "MobiSys",
    "name": "International Conference on Mobile Systems, Applications, and Services",
    "kind": "conference",
    "editions": [{"year": 2017, "name": "MobiSys 2017"}],
}
SOURCE_LIST = {
    "id": "some-list",
    "repository": LIST,
    "title": "some-list",
    "commit": COMMIT,
    "licence": "MIT",
}
# A complete curated paper: every field the loader knows, each valid.
PAPER_RECORD: dict[str, Any] = {
    "id": "x",
    "type": "conference-paper",
    "title": "A Paper",
    "authors": ["ada-lovelace"],
    "venue": "mobisys-2017",
    "year": 2017,
    "pages": "1-12",
    "doi": "10.1145/3081333.3081360",
    "arxiv": "1802.04799",
    "url": "https://example.org/paper",
    "code": "https://github.com/a/b",
    "website": "https://example.org/site",
    "publisher": "ACM",
    "techniques": ["pruning"],
    "platforms": ["wearable"],
    "extends": ["y"],
    "cites": ["y"],
    "note": "checked against the paper",
    "authors_incomplete": False,
    "proposed": [
        {"concept": "pruning", "scheme": "techniques", "evidence": "title", "text": "Pruning"},
        {"concept": "wearable", "scheme": "platforms", "evidence": "heading", "text": "Wearables"},
    ],
    "topics": ["Compression"],
    "sources": [{"list": LIST, "commit": COMMIT, "file": "README.md", "line": 7}],
}
# The paper that PAPER_RECORD extends and cites.
OTHER_PAPER: dict[str, Any] = {
    "id": "y",
    "type": "preprint",
    "title": "Another One",
    "authors": ["ada-lovelace"],
    "venue": "mobisys-2017",
    "year": 2017,
}
LIST_FIELDS = {
    "authors",
    "techniques",
    "platforms",
    "extends",
    "cites",
    "topics",
}
# Where each text field of a paper ends up: the predicate of its literal.
LITERALS = {
    "title": f"{DCTERMS}title",
    "pages": "http://purl.org/ontology/bibo/pages",
    "doi": "http://purl.org/ontology/bibo/doi",
    "arxiv": f"{BASE}ns#arxiv",
    "publisher": f"{DCTERMS}publisher",
    "note": "http://www.w3.org/2004/02/skos/core#editorialNote",
    "topics": f"{BASE}ns#listSection",
}
LINKS = {"url": (PAPER, f"{SCHEMA}url"), "code": (SOFTWARE, f"{SCHEMA}codeRepository")}
LINKS["website"] = (SOFTWARE, f"{SCHEMA}url")

LINE = re.compile(r"[^:\s]+:\d+: \S.*\Z")
SUMMARY = re.compile(r"\d+ problems? found\Z")


class _Dumper(yaml.SafeDumper):
    """PyYAML writes some texts in a style that reads back as another text (a U+0085 in
    single quotes is a line break, folded into a space): those go in double quotes, with
    escapes. Every other text keeps the plain style curators write, which the loader's
    fast path reads."""


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    plain = yaml.safe_dump(text, allow_unicode=True, width=10**6)
    style = None if _loads(plain) == text else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _loads(text: str) -> Any:
    try:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


_Dumper.add_representer(str, _str)


def _dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)


def write_data(
    folder: Path,
    paper: dict[str, Any],
    source_list: dict[str, Any] | None = None,
    person: dict[str, Any] | None = None,
) -> Path:
    """A tiny data folder holding ``paper`` (as papers/x.yaml) and one of everything else."""
    (folder / "papers").mkdir(parents=True)
    (folder / "taxonomies").mkdir()
    (folder / "imported").mkdir()
    (folder / "people.yaml").write_text(_dump([person or PERSON]), encoding="utf-8")
    (folder / "venues.yaml").write_text(_dump([VENUE]), encoding="utf-8")
    for scheme, concept in (("techniques", "pruning"), ("platforms", "wearable")):
        taxonomy = {"id": scheme, "title": scheme, "concepts": [{"id": concept, "label": concept}]}
        (folder / "taxonomies" / f"{scheme}.yaml").write_text(_dump(taxonomy), encoding="utf-8")
    sources = _dump([source_list or SOURCE_LIST])
    (folder / "imported" / "sources.yaml").write_text(sources, encoding="utf-8")
    (folder / "papers" / "x.yaml").write_text(_dump(paper), encoding="utf-8")
    (folder / "papers" / "y.yaml").write_text(_dump(OTHER_PAPER), encoding="utf-8")
    return folder


@pytest.fixture(scope="module", autouse=True)
def away_from_dist() -> Iterator[None]:
    """``validate`` reads ./dist's parse cache when there is one: run where there is none,
    so that each example is parsed afresh."""
    with tempfile.TemporaryDirectory() as here, pytest.MonkeyPatch.context() as mp:
        mp.chdir(here)
        yield


def validate(folder: Path) -> tuple[int, list[str]]:
    """``sysml-graph validate`` in this process: exit code and stderr lines. A traceback
    (any exception but the exit) fails the test."""
    result = CliRunner().invoke(cli, ["validate", "--data", str(folder)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr.splitlines()


def assert_refused_properly(code: int, lines: list[str]) -> None:
    assert code == 1, lines
    assert lines and SUMMARY.match(lines[-1]), lines
    for line in lines[:-1]:
        assert LINE.match(line), line
        assert line.isprintable(), line


def read_with(tool: list[str], path: Path) -> set[pyoxigraph.Quad]:
    """The triples ``tool`` (rapper or serdi, writing N-Triples) reads in ``path``, parsed
    again strictly by pyoxigraph."""
    done = subprocess.run([*tool, str(path)], capture_output=True, timeout=60)
    assert done.returncode == 0, (tool, done.stderr.decode("utf-8", "replace"))
    return set(pyoxigraph.parse(done.stdout, format=pyoxigraph.RdfFormat.N_TRIPLES))


def build_and_read(folder: Path, out: Path) -> set[pyoxigraph.Quad]:
    """Build the graph of ``folder`` into ``out`` as the build does (Turtle, N-Triples,
    JSON-LD); check that every reader sees the same triples in every file; return them."""
    kg, outputs = outputs_of(folder)
    out.mkdir(exist_ok=True)
    files = {}
    for fmt, suffix in (("turtle", "ttl"), ("nt", "nt"), ("jsonld", "jsonld")):
        files[fmt] = out / f"sysml-graph.{suffix}"
        files[fmt].write_bytes(outputs[fmt])
    strict = {
        fmt: set(pyoxigraph.parse(path=str(path), format=getattr(pyoxigraph.RdfFormat, name)))
        for fmt, path, name in (
            ("turtle", files["turtle"], "TURTLE"),
            ("nt", files["nt"], "N_TRIPLES"),
            ("jsonld", files["jsonld"], "JSON_LD"),
        )
    }
    triples = strict["nt"]
    assert len(triples) == len(kg)
    # The build writes the mapping's N-Triples as they are: they must be canonical.
    nt = pyoxigraph.RdfFormat.N_TRIPLES
    assert (
        pyoxigraph.serialize(pyoxigraph.parse(outputs["nt"], format=nt), format=nt)
        == (outputs["nt"])
    )
    assert strict["turtle"] == triples and strict["jsonld"] == triples
    for syntax, fmt in (("turtle", "turtle"), ("ntriples", "nt")):
        assert read_with(["rapper", "-q", "-i", syntax, "-o", "ntriples"], files[fmt]) == triples
        assert read_with(["serdi", "-i", syntax, "-o", "ntriples"], files[fmt]) == triples
    return triples


def objects(triples: set[pyoxigraph.Quad], subject: str, predicate: str) -> set[str]:
    s, p = pyoxigraph.NamedNode(subject), pyoxigraph.NamedNode(predicate)
    return {
        t.object.value
        for t in triples
        if t.subject == s
        and t.predicate == p
        and isinstance(t.object, pyoxigraph.NamedNode | pyoxigraph.Literal)
    }


DOT_SEGMENT = re.compile(r"/\.\.?(?:[/?#]|\Z)")


def same_address(iri: str, value: str) -> bool:
    """``iri`` leads where ``value`` does: equal once both are percent-decoded (the scheme,
    which is case-blind, in lower case). Dot segments ("/../") are resolved first, as
    browsers do; the IRI keeps none in its path, which tools would read differently."""
    path = iri.split("//", 1)[1].split("?")[0].split("#")[0]
    if DOT_SEGMENT.search(path + "/"):
        return False
    if DOT_SEGMENT.search(value.split("?")[0].split("#")[0]):
        return True  # resolved: the examples of test_dot_segments_are_resolved check how
    scheme, _, rest = value.partition(":")
    return unquote(iri) == unquote(f"{scheme.lower()}:{rest}")


# --- strategies ------------------------------------------------------------------------


def mostly(good: st.SearchStrategy[Any], other: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``good`` four times in five, else ``other``: values the loader accepts often
    enough that the build and the parsers see many of them, and the rest anyway."""
    return st.sampled_from([True] * 4 + [False]).flatmap(lambda g: good if g else other)


# Characters an IRI must not hold raw, that RFC 3987 keeps out of IRIs, that mean
# something in a URL, or that are invisible; controls and line breaks apart.
AWKWARD = [*' "<>\\^`{|}[]%#?@:/\xa0é', "\ufeff", "\u200b", "\ufffe", "\uffff"]
AWKWARD += ["\ue000", "\U000e0001", "\ufdd0", "\U0001f600"]
CONTROLS = list("\x00\x07\x1b\t\n\r\x0b\x0c\x1c\x7f\x85\u2028\u2029")
# Every code point, lone surrogates included (YAML can only escape them; the loader
# must refuse them all the same).
ANY_CHAR = st.characters(exclude_categories=())
PRINTABLE = st.text(
    st.one_of(st.sampled_from(AWKWARD), st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"))),
    min_size=1,
    max_size=12,
)
TEXT = mostly(
    PRINTABLE, st.text(st.one_of(st.sampled_from(AWKWARD + CONTROLS), ANY_CHAR), max_size=12)
)
URL_CHAR = st.sampled_from(list("abcXYZ019-._~!$&'()*+,;=:@/?#%") * 3 + AWKWARD)
LINK = st.builds(
    lambda scheme, host, tail: scheme + host + tail,
    mostly(
        st.sampled_from(["https://", "http://", "HTTPS://", "Http://"]),
        st.sampled_from(["javascript:", "ftp://", "", "https:", "https:/", "mailto:"]),
    ),
    mostly(
        st.sampled_from(["example.org", "x.org:8080", "[::1]", "é.com", "a-b.example"]),
        st.one_of(
            st.sampled_from(["u@x.org", "[x]", "", "x.org:99999", "x y"]),
            st.text(URL_CHAR, max_size=6),
        ),
    ),
    mostly(
        st.text(URL_CHAR, max_size=15),
        st.text(st.one_of(URL_CHAR, st.sampled_from(CONTROLS), ANY_CHAR), max_size=15),
    ).map(lambda t: "/" + t),
)
# Values of any YAML type, not only text: each must be refused or kept, never crash.
VALUE = st.one_of(
    TEXT,
    LINK,
    st.integers(),
    st.booleans(),
    st.none(),
    st.lists(TEXT, max_size=2),
    st.dictionaries(TEXT, TEXT, max_size=1),
)
SOURCE = st.fixed_dictionaries(
    {
        "list": mostly(st.sampled_from([LIST, "refs.bib"]), st.one_of(LINK, TEXT)),
        "commit": mostly(st.just(COMMIT), TEXT),
        "file": mostly(PRINTABLE, TEXT),
        "line": mostly(st.integers(1, 10**6), st.integers()),
    }
)
LICENCE = mostly(st.sampled_from(["MIT", "Apache-2.0", "GPL-2.0+", "LicenseRef-x.1"]), TEXT)
EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Folders:
    """A fresh folder per example (hypothesis runs many in one test function)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.n = 0

    def __call__(self) -> Path:
        self.n += 1
        folder = self.base / f"ex{self.n}"
        shutil.rmtree(folder, ignore_errors=True)
        return folder


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Folders:
    return Folders(tmp_path_factory.mktemp("valid-output"))


def check_paper(folders: Folders, changes: dict[str, Any]) -> set[pyoxigraph.Quad] | None:
    """Validate the paper with ``changes``; when it passes, build and read it back. The
    triples read, or None when validate refused the paper."""
    paper = dict(PAPER_RECORD) | changes
    folder = write_data(folders() / "data", paper)
    return validate_and_build(folder)


def outcome(what: str) -> None:
    """Count what became of the examples (pytest --hypothesis-show-statistics): a
    property whose examples were nearly all refused would prove little."""
    if currently_in_test_context():
        event(what)


def validate_and_build(folder: Path) -> set[pyoxigraph.Quad] | None:
    """Validate ``folder``; when it passes, build and read it back. The triples read, or
    None when validate refused it (with one located line per problem)."""
    code, lines = validate(folder)
    if code != 0:
        assert_refused_properly(code, lines)
        outcome("refused")
        return None
    outcome("built")
    return build_and_read(folder, folder.parent / "out")


# --- properties ------------------------------------------------------------------------


@EXAMPLES
@given(
    field=st.sampled_from([*sorted(PAPER_RECORD), "status", "unknown_field"]),
    value=VALUE,
)
def test_any_value_in_any_paper_field(folders: Folders, field: str, value: Any) -> None:
    """One field of a paper set to any value: refused in one located line, or built into
    valid RDF with a text field's value as its literal."""
    if field in LIST_FIELDS and isinstance(value, str):
        value = [value]  # list fields take their items from the same texts
    triples = check_paper(folders, {field: value})
    if triples is None or field not in LITERALS:
        return
    wanted = value if isinstance(value, list) else [] if value is None else [value]
    assert objects(triples, PAPER, LITERALS[field]) == set(wanted)


@EXAMPLES
@given(field=st.sampled_from(sorted(LITERALS)), value=TEXT)
def test_any_text_in_a_paper(folders: Folders, field: str, value: str) -> None:
    """Any text in a paper's title, note, publisher, topics (and pages, DOI, arXiv id,
    which have patterns): refused, or the very same literal in every output."""
    triples = check_paper(folders, {field: [value] if field in LIST_FIELDS else value})
    if triples is not None:
        assert objects(triples, PAPER, LITERALS[field]) == {value}


@EXAMPLES
@given(field=st.sampled_from(sorted(LINKS)), value=mostly(LINK, TEXT))
def test_any_link_in_a_paper(folders: Folders, field: str, value: str) -> None:
    """A paper's url, code or website: refused, or written as the same address."""
    folder = write_data(folders() / "data", PAPER_RECORD | {field: value})
    code, lines = validate(folder)
    if code != 0:
        assert_refused_properly(code, lines)
        outcome("refused")
        assert len(lines) == 2, lines  # one problem: this link
        # Refused as a text (empty, spaces around it, a control character…), or as a link.
        # (The YAML reader refuses a control character before any field rule sees it.)
        text_rule = "must be (one line|non-empty)|must not contain control|control character U"
        if not re.search(text_rule, lines[0]):
            with pytest.raises(LinkError) as err:
                web_link(value)
            assert str(err.value) in lines[0]
        return
    outcome("built")
    triples = build_and_read(folder, folder.parent / "out")
    subject, predicate = LINKS[field]
    (iri,) = objects(triples, subject, predicate)
    assert iri == web_link(value) == escape(iri)
    assert same_address(iri, value)


@EXAMPLES
@given(source=SOURCE)
def test_any_source_of_an_imported_paper(folders: Folders, source: dict[str, Any]) -> None:
    """Where an imported draft came from (list, commit, file, line): refused, or one
    IRI that names the list's file and line."""
    draft = {"id": "x", "type": "article", "status": "imported", "title": "A Draft"}
    triples = validate_and_build(write_data(folders() / "data", draft | {"sources": [source]}))
    if triples is None:
        return
    origins = objects(triples, PAPER, f"{PROV}wasDerivedFrom") - {f"{BASE}source/papers/x.yaml"}
    (origin,) = origins
    file, line = source["file"], source["line"]
    if ":" not in source["list"]:  # a plain name: a place in the project's own space
        assert unquote(origin).startswith(f"{BASE}source/")
        assert unquote(origin).endswith(f"/{file}#L{line}")
    elif web_link(source["list"]).startswith("https://github.com/"):
        place = f"/blob/{source['commit']}/{file}#L{line}"
        assert unquote(origin) == unquote(web_link(source["list"])) + place
    else:
        assert unquote(origin) == unquote(web_link(source["list"])) + f"#{file}:{line}"


@EXAMPLES
@given(repository=mostly(LINK, TEXT), licence=LICENCE)
def test_any_source_list_link(folders: Folders, repository: str, licence: str) -> None:
    """A source list's repository and licence: refused, or written as the same address
    and https://spdx.org/licenses/<licence>."""
    lst = SOURCE_LIST | {"repository": repository, "licence": licence}
    triples = validate_and_build(write_data(folders() / "data", dict(PAPER_RECORD), lst))
    if triples is None:
        return
    (repo,) = objects(triples, DATASET, f"{DCTERMS}source") - {SEED_LIST}
    if ":" in repository:
        assert repo == web_link(repository) and same_address(repo, repository)
    else:
        assert repo == f"{BASE}source/some-list"
    assert objects(triples, repo, f"{DCTERMS}license") == {f"https://spdx.org/licenses/{licence}"}


@EXAMPLES
@given(name=TEXT, title=TEXT)
def test_any_text_in_other_records(folders: Folders, name: str, title: str) -> None:
    """A person's name and a source list's title: refused, or the same literals."""
    folder = write_data(
        folders() / "data",
        dict(PAPER_RECORD),
        SOURCE_LIST | {"title": title},
        PERSON | {"name": name},
    )
    triples = validate_and_build(folder)
    if triples is None:
        return
    assert objects(triples, f"{BASE}person/ada-lovelace", f"{FOAF}name") == {name}
    assert objects(triples, LIST, f"{DCTERMS}title") == {title}


# --- the audit's cases -----------------------------------------------------------------

AUDIT = {">": "refused", "\\": "refused", '"': "%22", " ": "%20"}
REFUSAL = {">": "must not contain '<' or '>'", "\\": "must not contain '\\'"}


def _with_char(c: str) -> dict[str, Any]:
    """A paper and a source list with ``c`` in every link: url, code, website, the list
    of its source (and the file in it), the list's repository."""
    return {
        "paper": PAPER_RECORD
        | {
            "url": f"https://example.org/a{c}b?q=x{c}y",
            "code": f"https://github.com/a/b{c}c",
            "website": f"https://example.org/site{c}x",
            "sources": [{"list": f"{LIST}{c}x", "commit": COMMIT, "file": f"A{c}B.md", "line": 7}],
        },
        "list": SOURCE_LIST | {"repository": f"{LIST}{c}x"},
    }


@pytest.mark.parametrize("field", ["url", "code", "website"])
@pytest.mark.parametrize("c", [">", "\\"])
def test_audit_refused_paper_links(folders: Folders, field: str, c: str) -> None:
    """A ``>`` or ``\\`` in a link made the build die with a traceback; now validate says
    where and what to write instead."""
    value = f"https://example.org/a{c}b"
    folder = write_data(folders() / "data", PAPER_RECORD | {field: value})
    code, lines = validate(folder)
    assert_refused_properly(code, lines)
    assert len(lines) == 2
    text = (folder / "papers" / "x.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(text, start=1) if t.startswith(f"{field}:"))
    assert lines[0].startswith(f"papers/x.yaml:{line}: '{field}' {REFUSAL[c]}")
    assert "/" in lines[0].split("write")[1]  # says what would be right
    result = CliRunner().invoke(cli, ["build", "--data", str(folder), "--out", str(folder.parent)])
    assert result.exit_code == 1 and result.exception is not None
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("c", [">", "\\"])
def test_audit_refused_source_links(folders: Folders, c: str) -> None:
    links = _with_char(c)
    paper = PAPER_RECORD | {"sources": links["paper"]["sources"]}
    folder = write_data(folders() / "data", paper, links["list"])
    code, lines = validate(folder)
    assert_refused_properly(code, lines)
    messages = sorted(line.split(": ", 1)[1] for line in lines[:-1])
    assert [m.split(" ", 1)[0] for m in messages] == ["'list'", "'repository'"]
    assert all(REFUSAL[c] in m for m in messages)


@pytest.mark.parametrize("c", list(AUDIT))
def test_audit_licence(folders: Folders, c: str) -> None:
    """A licence is an SPDX id: it becomes https://spdx.org/licenses/<id>."""
    folder = write_data(
        folders() / "data", dict(PAPER_RECORD), SOURCE_LIST | {"licence": f"MIT{c}x"}
    )
    code, lines = validate(folder)
    assert_refused_properly(code, lines)
    assert lines[0].startswith("imported/sources.yaml:5: 'licence' must look like 'MIT'")


@pytest.mark.parametrize("c", ['"', " "])
def test_audit_encoded_links_build(folders: Folders, c: str) -> None:
    """A ``"`` or a space in any link built files that strict parsers refused; now the
    build percent-encodes them and rapper, serdi and pyoxigraph read every output."""
    links = _with_char(c)
    folder = write_data(folders() / "data", links["paper"], links["list"])
    out = folder.parent / "dist"
    result = CliRunner().invoke(cli, ["build", "--data", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    triples = build_and_read(folder, folder.parent / "again")
    for suffix in ("ttl", "nt", "jsonld"):
        built = (out / f"sysml-graph.{suffix}").read_bytes()
        assert built == (folder.parent / "again" / f"sysml-graph.{suffix}").read_bytes()
    pct = AUDIT[c]
    assert objects(triples, PAPER, f"{SCHEMA}url") == {f"https://example.org/a{pct}b?q=x{pct}y"}
    assert objects(triples, SOFTWARE, f"{SCHEMA}codeRepository") == {
        f"https://github.com/a/b{pct}c"
    }
    assert objects(triples, SOFTWARE, f"{SCHEMA}url") == {f"https://example.org/site{pct}x"}
    assert f"{LIST}{pct}x/blob/{COMMIT}/A{pct}B.md#L7" in objects(
        triples, PAPER, f"{PROV}wasDerivedFrom"
    )
    assert objects(triples, DATASET, f"{DCTERMS}source") >= {f"{LIST}{pct}x"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "A \x1b[31mred\x1b[0m title"),
        ("title", "two\u2028lines"),
        ("note", "a NUL \x00 here"),
        ("publisher", "tab\there"),
        ("topics", ["Section\x85Next"]),
    ],
)
def test_control_characters_in_text_are_refused(folders: Folders, field: str, value: Any) -> None:
    """A control character or line break in a text is a paste accident: refused, and the
    message shows it escaped (never raw on the terminal)."""
    code, lines = validate(write_data(folders() / "data", PAPER_RECORD | {field: value}))
    assert_refused_properly(code, lines)
    # By the field's rule, or already by the YAML reader (C0, C1 controls) on the value's line.
    assert f"'{field}' must" in lines[0] or re.search(
        r"control character U\+[0-9A-F]{4} in a value; delete it", lines[0]
    ), lines[0]


def test_shipped_links_are_already_iris() -> None:
    """Every link in the shipped data is written as it is: the encoding changed no byte
    of the shipped build."""
    data = Path(__file__).resolve().parent.parent / "data"
    links = 0
    for path in data.rglob("*.yaml"):
        for m in re.finditer(
            r"^\s*-?\s*(?:url|code|website|list|repository): (\S+)$",
            path.read_text(encoding="utf-8"),
            re.M,
        ):
            links += 1
            assert web_link(m.group(1)) == m.group(1), (path, m.group(1))
    assert links > 1000


@pytest.mark.parametrize(
    ("link", "iri"),
    [  # RFC 3986, 5.4: how a browser reads them too
        ("https://a/b/c/./../../g", "https://a/g"),
        ("https://a/b/c/./g/.", "https://a/b/c/g/"),
        ("https://a/b/c/../../../g", "https://a/g"),
        ("https://a/mid/content=5/../6", "https://a/mid/6"),
        ("https://a/b/c/..?x=/../y#/./z", "https://a/b/?x=/../y#/./z"),
        ("https://a/b//../c", "https://a/b/c"),  # rapper alone would make it https://a/c
        ("https://a/.well-known/x..y/...", "https://a/.well-known/x..y/..."),
    ],
)
def test_dot_segments_are_resolved(folders: Folders, link: str, iri: str) -> None:
    """rapper resolves "." and ".." in Turtle IRIs (its own way), Oxigraph and serdi keep
    them: written resolved, the link reads the same everywhere."""
    assert web_link(link) == iri == escape(iri)
    triples = check_paper(folders, {"url": link})
    assert triples is not None
    assert objects(triples, PAPER, f"{SCHEMA}url") == {iri}
