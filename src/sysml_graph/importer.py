"""Turn awesome lists (and BibTeX entries) into reviewable YAML drafts under
``DATA/imported/``: one file per paper, plus the people, venues, editions and source lists
they need. Curated records always win; duplicates become one record; every draft keeps
where it came from (list, commit, file, line) and says it is imported."""

from __future__ import annotations

import difflib
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .awesome import read_list
from .check import normalise_title
from .entries import Entry
from .load import IMPORTED, read_corpus
from .problems import InvalidInput, Problem
from .records import Corpus, Paper, PaperKind, Status
from .tagger import Tagger
from .venues import VenueMatch, registry, slug
from .yamlio import dump_canonical

# Two titles this similar (difflib ratio of the normalised titles) are one paper. Reviewed on
# every pair of titles in the four corpus lists with a ratio of 0.85 or more: the six pairs at
# 0.97 and above differ by a plural, a typo or a missing space ("resourceefficient"); two at
# 0.91-0.92 look like the same paper under a shorter title but could not be confirmed; the
# two at 0.85-0.86 are different papers ("loss aware binarization" / "... weight
# quantization"). 0.93 merges only the certain ones: a missed merge stays visible as two
# drafts, a wrong merge would lose a paper.
SIMILARITY = 0.93
PAPER_KEYS = (
    "id",
    "type",
    "status",
    "title",
    "authors",
    "authors_incomplete",
    "venue",
    "year",
    "pages",
    "doi",
    "arxiv",
    "url",
    "code",
    "website",
    "publisher",
    "techniques",
    "platforms",
    "inferred_techniques",
    "inferred_platforms",
    "extends",
    "cites",
    "topics",
    "sources",
    "note",
)
DOI_IN_URL = re.compile(
    r"(?:doi\.org|dl\.acm\.org/doi(?:/abs|/pdf|/fullHtml)?)/(10\.\d{4,9}/[^\s?#]+)"
)
JOURNAL_WORDS = re.compile(
    r"journal|transactions|letters|magazine|review|surveys|proceedings of", re.I
)


@dataclass
class ListInfo:
    """A source list: where it lives, which commit was read, its licence."""

    id: str
    repository: str
    title: str
    commit: str | None = None
    licence: str | None = None


def read_source_txt(folder: Path) -> dict[str, str]:
    """``repository:``, ``commit:`` and ``licence:`` lines of a corpus' SOURCE.txt."""
    path = folder / "SOURCE.txt"
    out: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"(repository|commit|licence):\s+(\S+)", line)
            if m and m.group(1) not in out:
                out[m.group(1)] = m.group(2)
    return out


def list_info(path: Path, source_url: str | None, commit: str | None) -> ListInfo:
    folder = path if path.is_dir() else path.parent
    meta = read_source_txt(folder)
    # Without an address the list is known by its name, never by a path on this machine.
    repo = source_url or meta.get("repository") or path.name
    title = repo.rstrip("/").rsplit("/", 1)[-1]
    return ListInfo(
        slug(repo.removeprefix("https://github.com/")),
        repo,
        title,
        commit or meta.get("commit"),
        meta.get("licence"),
    )


def markdown_files(path: Path) -> list[tuple[Path, str]]:
    """(file, name relative to the list's folder) for a file or every .md under a folder."""
    if path.is_dir():
        return [(p, p.relative_to(path).as_posix()) for p in sorted(path.rglob("*.md"))]
    return [(path, path.name)]


@dataclass
class Report:
    """What an import run did, for the curator."""

    seen: int = 0
    imported: int = 0
    merged: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    software: int = 0
    unknown_venues: Counter[str] = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """A paper being imported: the YAML it will become, and what identifies it."""

    data: dict[str, Any]
    norm: str

    @property
    def richness(self) -> tuple[int, int, int]:
        return (
            len(self.data.get("authors", [])),
            int(bool(self.data.get("venue"))),
            int(bool(self.data.get("url"))),
        )


class Importer:
    """Collects drafts from entries, deduplicating against curated and earlier drafts."""

    def __init__(self, corpus: Corpus, replacing: Iterable[str] = ()) -> None:
        """``replacing``: repositories being imported again; their earlier sources are
        dropped first (a draft known only from them goes), so a re-import is idempotent."""
        self.corpus = corpus
        self.report = Report()
        self.tagger = Tagger.from_schemes(corpus.schemes)
        curated = [p for p in corpus.papers if p.status is Status.CURATED]
        self.curated_by_title = {normalise_title(p.title): p for p in curated}
        self.curated_by_doi = {p.doi: p for p in curated if p.doi}
        self.drafts: dict[str, Draft] = {}  # by normalised title
        self.by_doi: dict[str, Draft] = {}
        self.by_word: dict[str, list[str]] = {}  # first word → normalised titles
        self.people = {p.id: p.name for p in corpus.people}
        self.curated_people = {p.id for p in corpus.people if not p.where.file.startswith(IMPORTED)}
        self.series = {s.id: s for s in corpus.series}
        self.curated_series = {s.id for s in corpus.series if not s.where.file.startswith(IMPORTED)}
        self.new_series: dict[str, dict[str, Any]] = {}
        self.editions = {e.id for e in corpus.editions}
        self.new_editions: dict[str, dict[str, Any]] = {}
        self.lists: dict[str, ListInfo] = {}
        self.taken_ids = {p.id for p in curated}
        again = set(replacing)
        for p in corpus.papers:  # earlier imports take part in deduplication
            if p.status is Status.IMPORTED:
                data = _paper_yaml(p)
                data["sources"] = [s for s in data["sources"] if s["list"] not in again]
                if data["sources"]:
                    self._keep(Draft(data, normalise_title(p.title)))
        for s in corpus.series:
            if s.where.file.startswith(IMPORTED):
                self.new_series[s.id] = {
                    "id": s.id,
                    "acronym": s.acronym,
                    "name": s.name,
                    "kind": str(s.kind),
                    "editions": [],
                }
        for e in corpus.editions:
            if e.where.file.startswith(IMPORTED):
                self.new_editions[e.id] = {"series": e.series, "year": e.year, "name": e.name}
        for lst in corpus.source_lists:
            self.lists[lst.id] = ListInfo(
                lst.id, lst.repository, lst.title, lst.commit, lst.licence
            )

    # --- finding duplicates ------------------------------------------------------------

    def _similar(self, norm: str) -> str | None:
        words = norm.split()
        if not words:
            return None
        pool = self.by_word.get(words[0], [])
        close = difflib.get_close_matches(norm, pool, n=1, cutoff=SIMILARITY)
        return close[0] if close else None

    def _curated_match(self, norm: str, doi: str | None) -> Paper | None:
        if doi and doi in self.curated_by_doi:
            return self.curated_by_doi[doi]
        if norm in self.curated_by_title:
            return self.curated_by_title[norm]
        words = norm.split()
        pool = [t for t in self.curated_by_title if t.split()[:1] == words[:1]]
        close = difflib.get_close_matches(norm, pool, n=1, cutoff=SIMILARITY)
        return self.curated_by_title[close[0]] if close else None

    def _keep(self, draft: Draft) -> None:
        self.drafts[draft.norm] = draft
        self.taken_ids.add(draft.data["id"])
        if draft.data.get("doi"):
            self.by_doi[draft.data["doi"]] = draft
        words = draft.norm.split()
        if words:
            self.by_word.setdefault(words[0], []).append(draft.norm)

    # --- records -----------------------------------------------------------------------

    def _person(self, name: str) -> str:
        pid = slug(normalise_title(name))  # O'Connor and O’Connor are one person
        if pid not in self.people:
            self.people[pid] = name
        return pid

    def _venue(self, match: VenueMatch, year: int | None) -> tuple[str | None, PaperKind, str]:
        """(venue or edition id, paper kind, note) for a venue found by the reader."""
        series_id = f"{match.id}-workshop" if match.workshop else match.id
        known = registry().get(match.id)
        if series_id not in self.series and series_id not in self.new_series:
            entry: dict[str, Any]
            if match.workshop and known is not None:
                entry = {
                    "id": series_id,
                    "acronym": f"{known.acronym} Workshop",
                    "name": f"Workshops at the {known.name}",
                    "kind": "workshop",
                }
            elif known is not None:
                entry = {
                    "id": series_id,
                    "acronym": known.acronym,
                    "name": known.name,
                    "kind": known.kind,
                }
            else:
                kind = (
                    "workshop"
                    if match.workshop
                    else ("journal" if JOURNAL_WORDS.search(match.acronym) else "conference")
                )
                entry = {
                    "id": series_id,
                    "acronym": match.acronym,
                    "name": match.acronym,
                    "kind": kind,
                }
            entry["editions"] = []
            self.new_series[series_id] = entry
        if not match.known:
            self.report.unknown_venues[match.acronym] += 1
        series = self.series.get(series_id)
        kind = str(series.kind) if series is not None else self.new_series[series_id]["kind"]
        if kind == "journal":
            paper_kind = PaperKind.PREPRINT if match.id == "arxiv" else PaperKind.JOURNAL_ARTICLE
            return series_id, paper_kind, ""
        paper_kind = PaperKind.WORKSHOP_PAPER if kind == "workshop" else PaperKind.CONFERENCE_PAPER
        if year is None:
            return None, PaperKind.ARTICLE, f"the list names the venue {match.acronym} but no year"
        edition = f"{series_id}-{year}"
        if edition not in self.editions and edition not in self.new_editions:
            acronym = (
                series.acronym if series is not None else self.new_series[series_id]["acronym"]
            )
            self.new_editions[edition] = {
                "series": series_id,
                "year": year,
                "name": f"{acronym} {year}",
            }
        return edition, paper_kind, ""

    def _new_id(self, title: str, year: int | None) -> str:
        base = slug(" ".join(title.split()[:8]))[:60].strip("-") or "paper"
        candidate = base
        n = 1
        while candidate in self.taken_ids:
            n += 1
            candidate = f"{base}-{year}" if n == 2 and year else f"{base}-{n}"
        return candidate

    def add(self, entry: Entry, info: ListInfo, file: str) -> None:
        """One entry of a list: skip it, merge it, or keep it as a new draft."""
        self.report.seen += 1
        self.lists.setdefault(info.id, info)
        if entry.kind == "software":
            self.report.software += 1
            self.report.skipped[entry.reason] += 1
            return
        if entry.kind != "paper":
            self.report.skipped[entry.reason or "not an entry"] += 1
            return
        norm = normalise_title(entry.title)
        if len(norm) < 8:
            self.report.skipped["title too short to be a paper"] += 1
            return
        doi_match = DOI_IN_URL.search(entry.url or "")
        doi = entry.doi or (doi_match.group(1).lower().rstrip(".") if doi_match else None)
        source = {"list": info.repository, "commit": info.commit, "file": file, "line": entry.line}
        source = {k: v for k, v in source.items() if v is not None}
        where = f"{info.title}/{file}:{entry.line}"
        curated = self._curated_match(norm, doi)
        if curated is not None:
            self.report.merged.append(f"{where} → curated {curated.id} (curated fields kept)")
            return
        venue_id, kind, note = (None, PaperKind.ARTICLE, "")
        if entry.book:
            kind = PaperKind.BOOK
        elif entry.venue is not None:
            venue_id, kind, note = self._venue(entry.venue, entry.year)
        data: dict[str, Any] = {
            "id": "",
            "type": str(kind),
            "status": "imported",
            "title": entry.title,
            "authors": [self._person(a) for a in dict.fromkeys(entry.authors)],
            "authors_incomplete": entry.et_al or None,
            "venue": venue_id,
            "year": entry.year,
            "pages": entry.pages,
            "doi": doi,
            "arxiv": entry.arxiv,
            "url": entry.url,
            "code": entry.code,
            "publisher": entry.publisher,
            "inferred_techniques": self.tagger.propose("techniques", entry.title, *entry.topics),
            "inferred_platforms": self.tagger.propose("platforms", entry.title, *entry.topics),
            "topics": [" > ".join(entry.topics)] if entry.topics else [],
            "sources": [source],
            "note": note or None,
        }
        draft = Draft(data, norm)
        same = (self.by_doi.get(doi) if doi else None) or self.drafts.get(norm)
        if same is None:
            close = self._similar(norm)
            same = self.drafts.get(close) if close else None
        if same is not None:
            self._merge(same, draft, where)
            return
        data["id"] = self._new_id(entry.title, entry.year)
        self._keep(draft)
        self.report.imported += 1

    def _merge(self, kept: Draft, new: Draft, where: str) -> None:
        """Fold ``new`` into ``kept``: fill what is missing, keep every source."""
        a, b = kept.data, new.data
        if a.get("venue") == "arxiv" and b.get("venue") not in (None, "arxiv"):
            # The published venue beats the preprint server; the preprint stays as arxiv id.
            a["venue"], a["year"], a["type"] = b["venue"], b["year"], b["type"]
        if new.richness > kept.richness:  # the fuller record's facts lead
            for key in ("title", "authors", "authors_incomplete", "venue", "type", "year"):
                if b.get(key):
                    a[key] = b[key]
        for key in ("venue", "year", "doi", "arxiv", "url", "code", "type"):
            if not a.get(key) and b.get(key):
                a[key] = b[key]
            elif b.get(key) and a.get(key) != b.get(key) and key in ("venue", "year"):
                self.report.conflicts.append(
                    f"{where}: {key} {b[key]} differs from {a[key]} in {a['id']}"
                )
        for key in ("inferred_techniques", "inferred_platforms", "topics"):
            a[key] = sorted(set(a.get(key) or []) | set(b.get(key) or []))
        a["sources"] = (a.get("sources") or []) + [
            s for s in b["sources"] if s not in (a.get("sources") or [])
        ]
        if a.get("venue") and (a.get("note") or "").startswith("the list names the venue"):
            a["note"] = None
        self.report.merged.append(f"{where} → {a['id']}")

    # --- writing -------------------------------------------------------------------------

    def files(self) -> dict[str, str]:
        """Every file of ``imported/``: relative path → canonical YAML text."""
        out: dict[str, str] = {}
        for draft in self.drafts.values():
            d: dict[str, Any] = {k: draft.data.get(k) for k in PAPER_KEYS}
            d = {k: v for k, v in d.items() if v not in (None, [], "")}
            d["sources"] = sorted(
                d.get("sources") or [], key=lambda s: (s["list"], s["file"], s["line"])
            )
            out[f"papers/{d['id']}.yaml"] = dump_canonical(d)
        authors = {a for d in self.drafts.values() for a in d.data.get("authors", [])}
        people = sorted(
            (
                {"id": pid, "name": name}
                for pid, name in self.people.items()
                if pid not in self.curated_people and pid in authors
            ),
            key=lambda p: p["id"],
        )
        used = {d.data.get("venue") for d in self.drafts.values()}
        editions = {e for e in self.new_editions if e in used}
        series = []
        for sid in sorted(self.new_series):
            entry = dict(self.new_series[sid])
            entry["editions"] = [
                {"year": self.new_editions[e]["year"], "name": self.new_editions[e]["name"]}
                for e in sorted(editions, key=lambda e: self.new_editions[e]["year"])
                if self.new_editions[e]["series"] == sid
            ]
            if entry["kind"] == "journal":
                entry.pop("editions")
                if sid not in used:
                    continue
            elif not entry["editions"]:
                continue
            series.append(entry)
        extra = [
            {
                "series": self.new_editions[e]["series"],
                "year": self.new_editions[e]["year"],
                "name": self.new_editions[e]["name"],
            }
            for e in sorted(editions)
            if self.new_editions[e]["series"] in self.curated_series
        ]
        sources = [
            {
                k: v
                for k, v in {
                    "id": i.id,
                    "repository": i.repository,
                    "title": i.title,
                    "commit": i.commit,
                    "licence": i.licence,
                }.items()
                if v
            }
            for i in sorted(self.lists.values(), key=lambda i: i.id)
        ]
        out["people.yaml"] = dump_canonical(people)
        out["venues.yaml"] = dump_canonical(series)
        out["editions.yaml"] = dump_canonical(extra)
        out["sources.yaml"] = dump_canonical(sources)
        return out


def _paper_yaml(p: Paper) -> dict[str, Any]:
    return {
        "id": p.id,
        "type": str(p.kind),
        "status": str(p.status),
        "title": p.title,
        "authors": list(p.authors),
        "authors_incomplete": p.authors_incomplete or None,
        "venue": p.venue,
        "year": p.year,
        "pages": p.pages,
        "doi": p.doi,
        "arxiv": p.arxiv,
        "url": p.url,
        "code": p.code,
        "website": p.website,
        "publisher": p.publisher,
        "inferred_techniques": list(p.inferred_techniques),
        "inferred_platforms": list(p.inferred_platforms),
        "topics": list(p.topics),
        "sources": [
            {
                k: v
                for k, v in {
                    "list": s.list,
                    "commit": s.commit,
                    "file": s.file,
                    "line": s.line,
                }.items()
                if v is not None
            }
            for s in p.sources
        ],
        "note": p.note,
    }


def write_imported(files: dict[str, str], data_dir: Path) -> None:
    """Replace ``DATA/imported`` as a whole: write a new folder, then swap it in, so that a
    failed run leaves the previous drafts as they were."""
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".imported-", dir=data_dir))
    try:
        for rel, text in files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        target = data_dir / IMPORTED
        old = data_dir / ".imported-old"
        if old.exists():
            shutil.rmtree(old)
        if target.exists():
            target.rename(old)
        staging.rename(target)
        if old.exists():
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def import_bibtex(
    inputs: Iterable[Path], data_dir: Path, source_url: str | None = None
) -> tuple[Importer, dict[str, str]]:
    """Read BibTeX files into drafts for ``data_dir``, like :func:`import_lists`."""
    from .bibtex import read_bibtex

    corpus, problems = read_corpus(data_dir)
    if problems:
        raise InvalidInput(problems)
    infos = {path: list_info(path, source_url, None) for path in inputs}
    importer = Importer(corpus, replacing={i.repository for i in infos.values()})
    failures: list[Problem] = []
    for path, info in infos.items():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise InvalidInput([Problem(str(path), 1, f"not UTF-8 text ({err.reason})")]) from None
        entries, failed = read_bibtex(text)
        failures += [Problem(str(path), line, message) for line, message in failed]
        for entry in entries:
            importer.add(entry, info, path.name)
    if failures:
        raise InvalidInput(failures)
    return importer, importer.files()


def import_lists(
    inputs: Iterable[Path],
    data_dir: Path,
    source_url: str | None = None,
    commit: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Importer, dict[str, str]]:
    """Read every list in ``inputs`` into drafts for ``data_dir``; return the importer (with
    its report) and the files to write."""
    corpus, problems = read_corpus(data_dir)
    if problems:
        raise InvalidInput(problems)
    jobs: list[tuple[Path, str, ListInfo]] = []
    for path in inputs:
        if not path.exists():
            raise InvalidInput([Problem(str(path), 1, "no such file or folder")])
        info = list_info(path, source_url, commit)
        jobs += [(f, rel, info) for f, rel in markdown_files(path)]
    importer = Importer(corpus, replacing={info.repository for _, _, info in jobs})
    for done, (path, rel, info) in enumerate(jobs, start=1):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise InvalidInput([Problem(str(path), 1, f"not UTF-8 text ({err.reason})")]) from None
        for entry in read_list(text, Path(rel)):
            importer.add(entry, info, rel)
        if progress is not None:
            progress(done, len(jobs))
    return importer, importer.files()
