"""Turn awesome lists (and BibTeX entries) into reviewable YAML drafts under
``DATA/imported/``: one file per paper, plus the people, venues, editions and source lists
they need. Curated records always win; duplicates become one record; every draft keeps
where it came from (list, commit, file, line) and says it is imported."""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Generic, TypeVar

from ..corpus.files import IMPORTED
from ..corpus.iri import web_link
from ..corpus.names import resolve_people, variants
from ..corpus.paper_yaml import PAPER_KEYS, paper_yaml, record_problems
from ..corpus.parse import parse_paper, parse_people, parse_venues
from ..corpus.records import Corpus, Paper, PaperKind, Status
from ..corpus.rules import JOURNAL_WORDS, LOOKALIKE, lookalike, normalise_title
from ..corpus.yamlio import dump_canonical
from .entries import Entry
from .sources import ListInfo
from .tagger import Tagger
from .venues import VenueMatch, registry, slug

# Two titles this similar (difflib ratio of the normalised titles) are one paper. Reviewed on
# every pair of titles in the four corpus lists with a ratio of 0.85 or more: the six pairs at
# 0.97 and above differ by a plural, a typo or a missing space ("resourceefficient"); two at
# 0.91-0.92 look like the same paper under a shorter title but could not be confirmed; the
# two at 0.85-0.86 are different papers ("loss aware binarization" / "... weight
# quantization"). 0.93 merges only the certain ones: a missed merge stays visible as two
# drafts, a wrong merge would lose a paper.
SIMILARITY = 0.93

DOI_IN_URL = re.compile(
    r"(?:doi\.org|dl\.acm\.org/doi(?:/abs|/pdf|/fullHtml)?)/(10\.\d{4,9}/[^\s?#]+)"
)


# Words after which a letter, a roman numeral or a number word counts ("Part II",
# "Volume Two", "Part B"): such titles name different works of one series.
_SERIES_WORDS = frozenset(
    re.findall(
        r"\w+",
        "part parts vol volume volumes version chapter phase stage level edition release "
        "round episode issue no number series track task season lecture step generation gen "
        "book appendix supplement",
    )
)

_ROMAN_NUMERALS = "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx"

_ROMAN = {r: str(n) for n, r in enumerate(re.findall(r"\w+", _ROMAN_NUMERALS), 1)}

_NUMBER_WORDS = {
    w: str(n)
    for words in (
        "one two three four five six seven eight nine ten eleven twelve",
        "first second third fourth fifth sixth seventh eighth ninth tenth",
    )
    for n, w in enumerate(re.findall(r"\w+", words), 1)
}

_DIGITS = re.compile(r"\d+")

_NUMBERISH = re.compile(
    r"\d|\b(?:" + "|".join(sorted(_SERIES_WORDS | {r for r in _ROMAN if len(r) > 1})) + r")\b"
)


def numbering(norm: str) -> tuple[str, ...]:
    """What numbers a normalised title: its digits ("v0.5" → 0, 5; "ResNet-50" and
    "ResNet50" alike), and a roman numeral, number word or letter after "part", "volume",
    "version" and the like (Roman numerals of two letters or more count anywhere). Two
    titles that differ here are different works however similar the rest is.

    >>> numbering("a survey part ii"), numbering("a survey part 2"), numbering("bert v0 5")
    (('2',), ('2',), ('0', '5'))
    """
    if not _NUMBERISH.search(norm):
        return ()  # nearly every title: no digit, numeral or series word
    out: list[str] = []
    previous = ""
    for word in norm.split():
        if _DIGITS.search(word):
            # "010" and "10" are one number; no int(): a title may hold a huge digit run.
            out += [run.lstrip("0") or "0" for run in _DIGITS.findall(word)]
        elif previous in _SERIES_WORDS and (
            word in _ROMAN or word in _NUMBER_WORDS or len(word) == 1
        ):
            out.append(_ROMAN.get(word) or _NUMBER_WORDS.get(word) or word)
        elif len(word) > 1 and word in _ROMAN:
            out.append(_ROMAN[word])
        previous = word
    return tuple(out)


T = TypeVar("T")


def _letters(name: str) -> str:
    return re.sub(r"\W", "", name)


def surnames_only(names: list[str]) -> bool:
    """Whether a list gives its authors by surname alone ("Malkov et al."): read as the list
    says them, but no person is made of one word, which could be any Malkov.

    >>> surnames_only(["Malkov"]), surnames_only(["Yury Malkov"]), surnames_only([])
    (True, False, False)
    >>> surnames_only(["张三", "李四"])  # a whole name, written without a space
    False
    """
    return bool(names) and all(re.fullmatch(r"[A-Za-zÀ-ɏ'’.-]+", n) for n in names)


class TitleIndex(Generic[T]):
    """Records by normalised title: exact look-ups, and the most similar title (difflib
    ratio ≥ :data:`SIMILARITY`) among titles with the same first word and the same
    :func:`numbering`.

    The similar search looks at titles whose length allows the ratio (2·shorter / sum of
    both ≥ the cutoff), nearest length first, at most :data:`CANDIDATES` of them: every
    entry then costs at most that many comparisons, however many titles share a first
    word. On the shipped lists no group of same-length candidates comes near the bound, so
    it changes no merge there; in a list built to defeat it, a duplicate beyond the bound
    stays a second draft for the curator to see, where a scan of all (281 s for 100,000
    entries) was no option.
    """

    def __init__(self) -> None:
        self.exact: dict[str, T] = {}
        self.by_word: dict[str, list[str]] = {}  # word → the titles holding it
        self.groups: dict[tuple[str, tuple[str, ...]], dict[int, list[tuple[str, int]]]] = {}
        self.slots: dict[str, int] = {}  # character → its place in a bag (see _bag)
        self.comparisons = 0  # titles compared, for tests of the cost

    def add(self, norm: str, value: T) -> None:
        if norm in self.exact or not norm:
            return
        self.exact[norm] = value
        for word in set(norm.split()):
            self.by_word.setdefault(word, []).append(norm)
        group = self.groups.setdefault((norm.split(" ", 1)[0], numbering(norm)), {})
        group.setdefault(len(norm), []).append((norm, self._bag(norm)))

    def get(self, norm: str) -> T | None:
        return self.exact.get(norm)

    def _bag(self, text: str) -> int:
        """The characters of ``text`` as one integer, each in a slot of its own holding
        as many 1 bits as it occurs, so that ``(a & b).bit_count()`` is the size of the
        two bags' intersection: difflib's ``quick_ratio`` in one operation instead of a
        loop over the characters, which took most of the time at 100,000 entries. A
        character more often than a slot holds gives 0: no bag, the slow way."""
        bag = 0
        for c, k in Counter(text).items():
            if k > _SLOT:
                return 0
            slot = self.slots.setdefault(c, len(self.slots))
            bag |= ((1 << k) - 1) << (slot * _SLOT)
        return bag

    def similar(self, norm: str) -> T | None:
        """The record of the most similar title (ties: as ``difflib.get_close_matches``)."""
        if not norm:
            return None
        group = self.groups.get((norm.split(" ", 1)[0], numbering(norm)))
        if not group:
            return None
        matcher: difflib.SequenceMatcher[str] | None = None
        bag = self._bag(norm)
        best: tuple[float, str] | None = None
        budget = CANDIDATES
        for length in _lengths_near(len(norm)):
            if budget <= 0:
                break
            window = group.get(length, [])[-budget:]  # the latest first, below
            budget -= len(window)
            self.comparisons += len(window)
            for candidate, candidate_bag in reversed(window):
                if bag and candidate_bag:
                    quick = 2.0 * (bag & candidate_bag).bit_count() / (len(norm) + length)
                    if quick < SIMILARITY:
                        continue
                if matcher is None:
                    matcher = difflib.SequenceMatcher()
                    matcher.set_seq2(norm)  # as get_close_matches: the scores reviewed
                matcher.set_seq1(candidate)
                if (
                    matcher.quick_ratio() >= SIMILARITY
                    and (score := matcher.ratio()) >= SIMILARITY
                    and (best is None or (score, candidate) > best)
                ):
                    best = (score, candidate)
        return self.exact[best[1]] if best is not None else None

    def lookalike(self, norm: str, besides: T | None = None) -> T | None:
        """The record of a title sharing ≥ :data:`~sysml_graph.corpus.rules.LOOKALIKE` of
        its words (token sets, no first-word block: "Salus: Fine-Grained GPU Sharing …" and
        "Fine-Grained GPU Sharing …"), the same numbering, the most words in common first.

        Such a title lacks at most m of this title's words, so it holds at least two of the
        m + 2 rarest: only titles found in two of those words' postings are compared, most
        shared words first, at most :data:`LOOKALIKE_CANDIDATES` of them; titles of the
        record ``besides`` are not.
        """
        words = frozenset(norm.split())
        if len(words) < 4:
            return None
        rarest = sorted(words, key=lambda w: (len(self.by_word.get(w, ())), w))
        lacking = len(words) - math.ceil(round(LOOKALIKE * len(words), 9))
        picked = rarest[: lacking + 2]
        hits: Counter[str] = Counter()
        for word in picked:
            hits.update(self.by_word.get(word, ())[-POSTINGS:])
        need = min(2, len(picked))
        candidates = sorted(
            (
                t
                for t, n in hits.items()
                if n >= need and t != norm and (besides is None or self.exact[t] is not besides)
            ),
            key=lambda t: (-hits[t], t),
        )
        best: tuple[int, str] | None = None
        for other in candidates[:LOOKALIKE_CANDIDATES]:
            self.comparisons += 1
            theirs = frozenset(other.split())
            if lookalike(words, theirs) and numbering(other) == numbering(norm):
                score = len(words & theirs)
                if best is None or (score, other) > best:
                    best = (score, other)
        return self.exact[best[1]] if best is not None else None


# Titles one entry is compared with at most (see TitleIndex).
CANDIDATES = 128

# Titles one entry's word set is compared with at most (TitleIndex.lookalike), and the
# latest titles of a word it looks at: a real list's rare words hold a few titles each.
LOOKALIKE_CANDIDATES = 16
POSTINGS = 64


def _rank(data: dict[str, Any]) -> int:
    """0 for a preprint, 1 for a workshop paper, 2 for any other published paper."""
    if data.get("venue") == "arxiv" or data.get("type") == str(PaperKind.PREPRINT):
        return 0
    if data.get("type") == str(PaperKind.WORKSHOP_PAPER):
        return 1
    return 2


def _versions(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two look-alike records are two versions of one work (a preprint or a workshop
    paper and the paper published elsewhere), not one record twice (same venue, or one
    without any)."""
    if not a.get("venue") or not b.get("venue") or a.get("venue") == b.get("venue"):
        return False
    return _rank(a) != _rank(b) or (a.get("year") != b.get("year"))


# Bits per character in a bag of characters: a title with one character more often than
# this is compared the slow way.
_SLOT = 32


@cache
def _lengths_near(n: int) -> list[int]:
    """Lengths a title of length ``n`` can be similar to, nearest first."""
    out = [n]
    for d in range(1, n + 1):
        fits = [m for m in (n - d, n + d) if m > 0 and 2 * min(n, m) / (n + m) >= SIMILARITY]
        if not fits:
            break
        out += fits
    return out


def _present(data: dict[str, Any]) -> dict[str, Any]:
    """The paper's YAML mapping as written: known keys, in order, empty values left out."""
    d = {k: data.get(k) for k in PAPER_KEYS}
    return {k: v for k, v in d.items() if v not in (None, [], "")}


# A name written as initials and a surname only ("Y. Quanming", "J.E. Hugo", "K Li").
INITIALLED = re.compile(r"(?:[A-Z]\.?\s?)+[A-Z][\w'’-]+")

# What a curator writes into a draft (`curate apply`): kept when the draft is imported again.
CURATOR_KEYS = ("techniques", "platforms", "decisions")

# Paper fields an entry keeps without: a list's link, DOI or pages that no record may hold
# is left out (with a line in the report) and the paper kept. A title or a source that the
# loader refuses leaves nothing to import: the entry is skipped.
DROPPABLE = frozenset(
    {"year", "pages", "doi", "arxiv", "url", "code", "website", "publisher", "topics"}
)


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
    # "list/file:line → a draft" for a look-alike title kept apart as another version
    versions: list[str] = field(default_factory=list)
    # "list/file:line: what the loader refuses (what became of it)", one per field
    refused: list[str] = field(default_factory=list)
    # Person records merged (a variant of the name and a shared co-author) or kept apart
    people: list[str] = field(default_factory=list)


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

    def __init__(
        self, corpus: Corpus, replacing: Iterable[str] = (), complete_only: bool = False
    ) -> None:
        """``replacing``: repositories being imported again; their earlier sources are
        dropped first (a draft known only from them goes), so a re-import is idempotent.
        ``complete_only``: the entries only fill what drafts already in the data lack
        (:meth:`_complete`); an entry that matches no draft adds nothing."""
        self.corpus = corpus
        self.complete_only = complete_only
        self.report = Report()
        self.tagger = Tagger(corpus.schemes)
        curated = [p for p in corpus.papers if p.status is Status.CURATED]
        self.curated_titles: TitleIndex[Paper] = TitleIndex()
        for p in curated:
            self.curated_titles.add(normalise_title(p.title), p)
        self.curated_by_doi = {p.doi: p for p in curated if p.doi}
        self.drafts: list[Draft] = []
        self.titles: TitleIndex[Draft] = TitleIndex()  # every title a draft had
        self.by_doi: dict[str, Draft] = {}
        self.people = {p.id: p.name for p in corpus.people}
        self.curated_people = {p.id for p in corpus.people if not p.where.file.startswith(IMPORTED)}
        # Other spellings: a curator's, and in complete-only mode those the lists' import just
        # found; a fresh import of the lists finds its own again (the same data gives the same
        # drafts, however often it is imported).
        alt = {
            p.id: list(p.alt_names)
            for p in corpus.people
            if p.id in self.curated_people or complete_only
        }
        # One person per normalised name, as check.duplicate_names wants; their ids are
        # slugs, which different names can share ("张三" and "李四" are both "x").
        self.person_by_name = {
            normalise_title(name): p.id
            for p in corpus.people
            for name in [*alt.get(p.id, []), p.name]
        }
        self.alt_names = alt
        self.distinct = [(p.id, other) for p in corpus.people for other in p.distinct_from]
        self.series = {s.id: s for s in corpus.series}
        self.curated_series = {s.id for s in corpus.series if not s.where.file.startswith(IMPORTED)}
        self.new_series: dict[str, dict[str, Any]] = {}
        self.editions = {e.id for e in corpus.editions}
        self.new_editions: dict[str, dict[str, Any]] = {}
        self.lists: dict[str, ListInfo] = {}
        self.taken_ids = {p.id for p in curated}
        self.numbered: dict[str, int] = {}  # id base → the last n of "base-n" given
        # A completion file never keeps a draft alive: a draft comes from its lists, so that
        # importing them again gives what importing them into empty data gives.
        again = set(replacing) | (
            set()
            if complete_only
            else {lst.repository for lst in corpus.source_lists if lst.complete_only}
        )
        # A curator's tags and decisions on a draft outlive a re-import of its list: the
        # draft made again from the same entry (same title) gets them back.
        self.curation: dict[str, dict[str, Any]] = {}
        for p in corpus.papers:  # earlier imports take part in deduplication
            if p.status is Status.IMPORTED:
                data = paper_yaml(p)
                kept = {k: data[k] for k in CURATOR_KEYS if data.get(k)}
                if kept:
                    self.curation[normalise_title(p.title)] = kept
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
                lst.id, lst.repository, lst.title, lst.commit, lst.licence, lst.complete_only
            )

    # --- finding duplicates ------------------------------------------------------------

    def _curated_match(self, norm: str, doi: str | None) -> Paper | None:
        if doi and doi in self.curated_by_doi:
            return self.curated_by_doi[doi]
        return self.curated_titles.get(norm) or self.curated_titles.similar(norm)

    def _keep(self, draft: Draft) -> None:
        self.drafts.append(draft)
        self.titles.add(draft.norm, draft)
        self.taken_ids.add(draft.data["id"])
        if draft.data.get("doi"):
            self.by_doi[draft.data["doi"]] = draft

    @property
    def comparisons(self) -> int:
        """Titles compared by similarity so far (the merge step's work)."""
        return self.titles.comparisons + self.curated_titles.comparisons

    # --- records -----------------------------------------------------------------------

    def _person(self, name: str) -> str:
        norm = normalise_title(name)  # O'Connor and O’Connor are one person
        if norm in self.person_by_name:
            return self.person_by_name[norm]
        base = pid = slug(norm)
        n = 1
        while pid in self.people:
            n += 1
            pid = f"{base}-{n}"
        self.people[pid] = name
        self.person_by_name[norm] = pid
        return pid

    @staticmethod
    def _series_record(match: VenueMatch) -> dict[str, Any]:
        """The venue series record a venue the registry may not know becomes."""
        series_id = f"{match.id}-workshop" if match.workshop else match.id
        known = registry().get(match.id)
        if match.workshop and known is not None:
            return {
                "id": series_id,
                "acronym": f"{known.acronym} Workshop",
                "name": f"Workshops at the {known.name}",
                "kind": "workshop",
            }
        if known is not None:
            return {
                "id": series_id,
                "acronym": known.acronym,
                "name": known.name,
                "kind": known.kind,
            }
        kind = (
            "workshop"
            if match.workshop
            else ("journal" if JOURNAL_WORDS.search(match.acronym) else "conference")
        )
        return {"id": series_id, "acronym": match.acronym, "name": match.acronym, "kind": kind}

    def _venue_refused(self, match: VenueMatch, year: int | None) -> str | None:
        """What the loader would say of the venue record this match needs (None: fine)."""
        record = self._series_record(match)
        if record["id"] in self.series or record["id"] in self.new_series:
            return None  # read by the loader already, or checked when it was added
        if record["kind"] != "journal" and year is not None:
            record["editions"] = [{"year": year, "name": f"{record['acronym']} {year}"}]
        problems = record_problems(parse_venues, record, listed=True)
        return problems[0][2] if problems else None

    def _venue(self, match: VenueMatch, year: int | None) -> tuple[str | None, PaperKind, str]:
        """(venue or edition id, paper kind, note) for a venue found by the reader."""
        entry = self._series_record(match)
        series_id = entry["id"]
        if series_id not in self.series and series_id not in self.new_series:
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
        for candidate in (base, f"{base}-{year}" if year else f"{base}-2"):
            if candidate not in self.taken_ids:
                return candidate
        # Then base-3, base-4…, from the last one given: ids are never given back, and
        # counting from 3 each time was quadratic (100,000 titles of one series).
        n = self.numbered.get(base, 2)
        while f"{base}-{n}" in self.taken_ids or n == 2:
            n += 1
        self.numbered[base] = n
        return f"{base}-{n}"

    def add(self, entry: Entry, info: ListInfo, file: str) -> None:
        """One entry of a list: skip it, merge it, or keep it as a new draft. Whatever the
        loader would refuse never reaches a draft: the field is left out, or the entry
        skipped, each with a line in ``report.refused``."""
        self.report.seen += 1
        if self.complete_only:
            info = dataclasses.replace(info, complete_only=True)
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
        # A BibTeX file is its own list: "refs.bib:12", not "refs.bib/refs.bib:12".
        where = f"{file}:{entry.line}"
        if file != info.title:
            where = f"{info.title}/{where}"
        data: dict[str, Any] = {
            "id": "draft",  # checked with a stand-in: the id is chosen once the draft is kept
            "type": str(PaperKind.BOOK if entry.book else PaperKind.ARTICLE),
            "status": "imported",
            "title": entry.title,
            "authors": list(dict.fromkeys(entry.authors)),  # names until checked
            "authors_incomplete": entry.et_al or None,
            "year": entry.year,
            "pages": entry.pages,
            "doi": doi,
            "arxiv": entry.arxiv,
            "url": entry.url,
            "code": entry.code,
            "publisher": entry.publisher,
            "topics": [" > ".join(entry.topics)] if entry.topics else [],
            "sources": [source],
        }
        if not self._checked(data, where):
            return
        data["authors"] = list(dict.fromkeys(self._person(a) for a in data["authors"]))
        doi = data["doi"]
        curated = self._curated_match(norm, doi)
        if curated is not None:
            self.report.merged.append(f"{where} → curated {curated.id} (curated fields kept)")
            return
        venue_id, kind, note = (None, PaperKind(data["type"]), "")
        if entry.venue is not None and not entry.book:
            refused = self._venue_refused(entry.venue, data["year"])
            if refused is None:
                venue_id, kind, note = self._venue(entry.venue, data["year"])
            else:
                self._refuse(where, f"venue: {refused}", "left out of the draft")
        data |= {
            "id": "",
            "type": str(kind),
            "venue": venue_id,
            "note": note or None,
        }
        data |= self.curation.get(norm, {})
        data["proposed"] = self.proposed(data)
        draft = Draft(data, norm)
        same = (
            (self.by_doi.get(doi) if doi else None)
            or self.titles.get(norm)
            or self.titles.similar(norm)
        )
        alike = None if same is not None else self.titles.lookalike(norm)
        if alike is not None and not self.complete_only:
            if _versions(alike.data, data):
                self._keep_version(alike, draft, where)
                return
            same = alike
        if self.complete_only:
            if same is None:
                self.report.skipped["not in the graph (complete-only: nothing added)"] += 1
            else:
                self._complete(same, draft, where)
            return
        if same is not None:
            before = same.data["title"]
            self._merge(same, draft, where)
            # A merge that changed the title may make it look like another draft's: one work
            # listed three ways ("… Deep Learning Workloads", "… Deep Neural Networks", "…
            # Deep Neural Workloads") is one record, not two.
            if same.data["title"] != before:
                other = self.titles.lookalike(normalise_title(same.data["title"]), besides=same)
                if other is not None and not _versions(other.data, same.data):
                    self._fold(same, other, where)
            return
        data["id"] = self._new_id(entry.title, data["year"])
        self._keep(draft)
        self.report.imported += 1

    def proposed(self, data: dict[str, Any]) -> list[dict[str, str]]:
        """The tagger's proposals for a draft (as YAML), leaving out what a curator tagged
        or rejected."""
        rejected = [
            d["concept"] for d in data.get("decisions") or [] if d["decision"] == "rejected"
        ]
        curated = [*(data.get("techniques") or []), *(data.get("platforms") or [])]
        found = self.tagger.propose(data["title"], data.get("topics") or [], curated, rejected)
        return [dataclasses.asdict(p) for p in found]

    def _refuse(self, where: str, message: str, outcome: str) -> None:
        self.report.refused.append(f"{where}: {message} ({outcome})")

    def _checked(self, data: dict[str, Any], where: str) -> bool:
        """Apply the loader's field rules to a new draft (``authors`` still names): leave
        out what it refuses where the paper stands without it, else refuse the entry."""
        if surnames_only(data["authors"]):
            said = ", ".join(data["authors"]) + (" et al." if data["authors_incomplete"] else "")
            self._refuse(where, f"authors: surnames only ({said})", "authors left out of the draft")
            data["authors"], data["authors_incomplete"] = [], None
        for name in data["authors"]:
            found = record_problems(parse_people, {"id": "x", "name": name}, listed=True)
            if found:
                # Leaving out one name would move everyone after it up a place: the order
                # written (schema:position) would be wrong. So all go, and the curator sees.
                self._refuse(where, f"authors: {found[0][2]}", "authors left out of the draft")
                data["authors"], data["authors_incomplete"] = [], None
                break
        for attempt in range(2):
            # Names, not ids yet: the people check above is theirs (ids are slugs).
            found = record_problems(parse_paper, _present(data | {"authors": []}), listed=False)
            if not found:
                break
            for key, index, message in found:
                if attempt == 0 and key in DROPPABLE:
                    self._refuse(where, message, "left out of the draft")
                    if key == "topics" and index is not None:
                        data["topics"][index] = None
                    else:
                        data[key] = None
                else:
                    self._refuse(where, message, "entry skipped")
                    self.report.skipped[f"{key or 'record'} refused by validate"] += 1
                    return False
            data["topics"] = [t for t in data["topics"] if t is not None]
        else:
            return False  # pragma: no cover - every problem found was dropped or refused
        for key in ("url", "code"):
            if data.get(key):
                # As the loader writes it: percent-encoded where a browser would encode.
                data[key] = web_link(data[key])
        return True

    def _merge(self, kept: Draft, new: Draft, where: str) -> None:
        """Fold ``new`` into ``kept``: fill what is missing, keep every source. A venue
        comes with its kind and year, so that a paper's year is always its edition's."""
        a, b = kept.data, new.data
        titles = [
            a["title"],
            b["title"],
            *(a.get("other_titles") or []),
            *(b.get("other_titles") or []),
        ]
        if a.get("venue") == "arxiv" and b.get("venue") not in (None, "arxiv"):
            # The published venue beats the preprint server; the preprint stays as arxiv id.
            a["venue"], a["year"], a["type"] = b["venue"], b["year"], b["type"]
        if new.richness > kept.richness:  # the fuller record's facts lead
            owner = self.titles.get(new.norm)
            if owner is None or owner is kept:  # never the title another draft has
                a["title"] = b["title"]
                self.titles.add(new.norm, kept)
            if not self._fuller_names(b.get("authors") or [], a.get("authors") or []):
                for key in ("authors", "authors_incomplete"):  # unless a's are b's written out
                    if b.get(key):
                        a[key] = b[key]
            if b.get("venue"):
                for key in ("venue", "type", "year"):
                    if b.get(key):
                        a[key] = b[key]
            else:
                if not a.get("venue"):
                    a["type"] = b["type"]
                if b.get("year") and not self._edition(a.get("venue")):
                    a["year"] = b["year"]
        elif a.get("authors") and self._fuller_names(a["authors"], b.get("authors") or []):
            a["authors"] = b["authors"]  # "E. R. Sparks" in one list, "Evan R. Sparks" in another
        for key in ("venue", "year", "doi", "arxiv", "url", "code"):
            if not a.get(key) and b.get(key):
                if key == "venue":
                    a["type"] = b["type"]
                    if self._edition(b[key]) and a.get("year") != b.get("year"):
                        if a.get("year"):
                            self.report.conflicts.append(
                                f"{where}: year {a['year']} differs from {b['year']} of "
                                f"{b[key]} in {a['id']}"
                            )
                        a["year"] = b["year"]
                a[key] = b[key]
                if key == "doi":
                    self.by_doi.setdefault(b[key], kept)
            elif b.get(key) and a.get(key) != b.get(key) and key in ("venue", "year"):
                self.report.conflicts.append(
                    f"{where}: {key} {b[key]} differs from {a[key]} in {a['id']}"
                )
        a["topics"] = sorted(set(a.get("topics") or []) | set(b.get("topics") or []))
        for key in CURATOR_KEYS:  # a curator's work on either record is kept
            merged = [
                *(a.get(key) or []),
                *(x for x in b.get(key) or [] if x not in (a.get(key) or [])),
            ]
            if merged:
                a[key] = merged
        a["proposed"] = self.proposed(a)
        a["sources"] = (a.get("sources") or []) + [
            s for s in b["sources"] if s not in (a.get("sources") or [])
        ]
        if a.get("venue") and (a.get("note") or "").startswith("the list names the venue"):
            a["note"] = None
        # The titles the kept one does not say, each once: dcterms:alternative.
        seen = {normalise_title(a["title"])}
        others = []
        for t in titles:
            if normalise_title(t) not in seen:
                seen.add(normalise_title(t))
                others.append(t)
        a["other_titles"] = others or None
        self.report.merged.append(f"{where} → {a['id']}")

    def _fold(self, kept: Draft, other: Draft, where: str) -> None:
        """Merge the draft ``other`` into ``kept`` (the one kept first stays) and forget it."""
        first, second = sorted((kept, other), key=lambda d: self.drafts.index(d))
        self._merge(first, second, where)
        self.drafts.remove(second)
        for index in (self.titles.exact, self.by_doi):
            for key in [k for k, v in index.items() if v is second]:
                index[key] = first

    def _keep_version(self, kept: Draft, new: Draft, where: str) -> None:
        """Keep ``new`` apart from the look-alike ``kept``, the preprint or workshop paper
        of the two linked to the other with ``version_of``."""
        new.data["id"] = self._new_id(new.data["title"], new.data["year"])
        self._keep(new)
        self.report.imported += 1
        earlier, later = (new, kept) if _rank(new.data) < _rank(kept.data) else (kept, new)
        if not earlier.data.get("version_of"):
            earlier.data["version_of"] = later.data["id"]
        self.report.versions.append(
            f"{where} → {new.data['id']}, a version of {kept.data['id']} (look-alike title, "
            f"venues {earlier.data.get('venue')} and {later.data.get('venue')})"
        )

    def _complete(self, kept: Draft, new: Draft, where: str) -> None:
        """Fill what ``kept`` lacks from ``new`` and nothing else (complete-only mode): its
        title stays, a field it has is never replaced — except authors written as initials
        that ``new`` writes out for the same people in the same order, which says more and
        contradicts nothing —, a different value is a conflict in the report; the entry
        joins its sources, so every filled field can be traced."""
        a, b = kept.data, new.data
        filled = []
        if not a.get("authors") and b.get("authors"):
            a["authors"], a["authors_incomplete"] = b["authors"], b.get("authors_incomplete")
            filled.append("authors")
        elif b.get("authors") and self._fuller_names(a["authors"], b["authors"]):
            # "E. R. Sparks" in a list, "Evan R. Sparks" on the page a curator read: the
            # same people in the same order, written out (the list's line stays a source).
            a["authors"] = b["authors"]
            filled.append("authors (names written out)")
        elif b.get("authors") and a["authors"] != b["authors"]:
            said = [self.people.get(x, x) for x in a["authors"]]
            initials = len(said) == len(b["authors"]) and all(INITIALLED.fullmatch(n) for n in said)
            if initials:
                # "Quanming, Y., Mengshuo, W., …" in a list (its names turned round), "Quanming
                # Yao, Mengshuo Wang, …" on the page a curator read: initials say less
                a["authors"] = b["authors"]
                filled.append("authors (the list's initials replaced)")
            theirs = ", ".join(self.people.get(x, x) for x in b["authors"])
            outcome = "replaced: the list gives initials only" if initials else "kept"
            self.report.conflicts.append(
                f"{where}: authors {theirs} differ from {', '.join(said)} in {a['id']} ({outcome})"
            )
        if not a.get("venue") and b.get("venue"):
            a["venue"], a["type"] = b["venue"], b["type"]
            filled.append("venue")
            if b.get("year") and a.get("year") != b["year"] and self._edition(b["venue"]):
                a["year"] = b["year"]
        for key in ("year", "doi", "arxiv", "url", "pages"):
            if not a.get(key) and b.get(key):
                a[key] = b[key]
                filled.append(key)
            elif b.get(key) and a.get(key) != b.get(key) and key in ("year", "doi"):
                self.report.conflicts.append(
                    f"{where}: {key} {b[key]} differs from {a[key]} in {a['id']} (kept)"
                )
        if b.get("venue") and a.get("venue") != b.get("venue"):
            self.report.conflicts.append(
                f"{where}: venue {b['venue']} differs from {a['venue']} in {a['id']} (kept)"
            )
        a["sources"] = (a.get("sources") or []) + [
            s for s in b["sources"] if s not in (a.get("sources") or [])
        ]
        what = ", ".join(filled) if filled else "nothing missing"
        self.report.merged.append(f"{where} → {a['id']} (completed: {what})")

    def _fuller_names(self, have: list[str], given: list[str]) -> bool:
        """Whether ``given`` names the people of ``have`` in the same order, each one the
        same person's name with more of it written out, and at least one differs."""
        if len(have) != len(given) or have == given:
            return False
        pairs = [
            (self.people.get(x, x), self.people.get(y, y)) for x, y in zip(have, given, strict=True)
        ]
        return all(
            x == y or (variants(x, y) and len(_letters(y)) > len(_letters(x))) for x, y in pairs
        )

    def _edition(self, venue: str | None) -> bool:
        """Whether ``venue`` is an edition (which fixes the year), not a journal."""
        return bool(venue) and (venue in self.editions or venue in self.new_editions)

    # --- writing -------------------------------------------------------------------------

    def _merge_people(self) -> None:
        """One record per person: variants of a name that share a co-author become the
        curated or fullest record, the other spellings its alt_names (:mod:`..corpus.names`);
        look-alikes that could be several people stay apart, in the report. Repeated until
        nothing changes: a merge can make two people's co-authors one person."""
        curated_papers = [p.authors for p in self.corpus.papers if p.status is Status.CURATED]
        doubtful: list[tuple[str, str, str]] = []
        while True:
            papers = [d.data.get("authors") or [] for d in self.drafts] + curated_papers
            merges = resolve_people(self.people, papers, self.curated_people, self.distinct)
            doubtful = merges.doubtful
            if not merges.into:
                break
            for d in self.drafts:
                if d.data.get("authors"):
                    d.data["authors"] = list(
                        dict.fromkeys(merges.into.get(a, a) for a in d.data["authors"])
                    )
            for gone, kept in sorted(merges.into.items()):
                shared = self.people.get(merges.shared.get(frozenset((gone, kept)), ""), "?")
                note = " (curated: add the spelling to its alt_names to keep it)" * (
                    kept in self.curated_people
                )
                self.report.people.append(
                    f"'{self.people[gone]}' ({gone}) → {kept}, both wrote with {shared}{note}"
                )
                for name in [self.people[gone], *self.alt_names.pop(gone, [])]:
                    self.person_by_name[normalise_title(name)] = kept
                    if kept not in self.curated_people and name != self.people[kept]:
                        self.alt_names[kept] = sorted({*self.alt_names.get(kept, []), name})
        self.report.people += [
            f"'{self.people[a]}' ({a}) and {b} kept apart: {why}" for a, b, why in doubtful
        ]

    def files(self) -> dict[str, str]:
        """Every file of ``imported/``: relative path → canonical YAML text."""
        self._merge_people()
        out: dict[str, str] = {}
        for draft in self.drafts:
            d: dict[str, Any] = {k: draft.data.get(k) for k in PAPER_KEYS}
            d = {k: v for k, v in d.items() if v not in (None, [], "")}
            d["sources"] = sorted(
                d.get("sources") or [], key=lambda s: (s["list"], s["file"], s["line"])
            )
            out[f"papers/{d['id']}.yaml"] = dump_canonical(d)
        authors = {a for d in self.drafts for a in d.data.get("authors", [])}
        people: list[dict[str, Any]] = [
            {"id": pid, "name": name, "alt_names": self.alt_names.get(pid) or None}
            for pid, name in sorted(self.people.items())
            if pid not in self.curated_people and pid in authors
        ]
        used = {d.data.get("venue") for d in self.drafts}
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
                    "complete_only": i.complete_only or None,
                }.items()
                if v
            }
            for i in sorted(self.lists.values(), key=lambda i: i.id)
        ]
        out["people.yaml"] = dump_canonical(
            [{k: v for k, v in p.items() if v is not None} for p in people]
        )
        out["venues.yaml"] = dump_canonical(series)
        out["editions.yaml"] = dump_canonical(extra)
        out["sources.yaml"] = dump_canonical(sources)
        return out
