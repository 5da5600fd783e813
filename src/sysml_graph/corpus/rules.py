"""Check records against each other: unknown ids, duplicates, inconsistent years.

Each rule is one function returning problems, so that the data tests can run and name
them one by one (see ``tests/test_data.py``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable

from ..problems import InvalidInput, Problem
from .names import resolve_people
from .records import Corpus, Paper, PaperKind, VenueKind, Where


def _p(where: Where, message: str) -> Problem:
    return Problem(where.file, where.line, message)


def normalise_title(title: str) -> str:
    """A title reduced for duplicate detection: case, accents, punctuation and braces gone.

    >>> normalise_title("Ray: A Distributed Framework for Emerging {AI} Applications.")
    'ray a distributed framework for emerging ai applications'
    """
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _duplicates(items: Iterable[tuple[str, Where]], what: str, fix: str) -> list[Problem]:
    seen: dict[str, Where] = {}
    out: list[Problem] = []
    for key, where in items:
        if key in seen:
            first = seen[key]
            out.append(_p(where, f"{what} '{key}' also at {first.file}:{first.line}; {fix}"))
        else:
            seen[key] = where
    return out


def duplicate_ids(corpus: Corpus) -> list[Problem]:
    """Ids are unique within their kind (they become IRIs)."""
    out = _duplicates(((p.id, p.where) for p in corpus.papers), "paper id", "ids must be unique")
    out += _duplicates(((p.id, p.where) for p in corpus.people), "person id", "merge the two")
    out += _duplicates(((s.id, s.where) for s in corpus.series), "venue id", "merge the two")
    out += _duplicates(((e.id, e.where) for e in corpus.editions), "edition", "keep one")
    out += _duplicates(
        ((c.id, c.where) for s in corpus.schemes for c in s.concepts),
        "concept id",
        "concept ids are unique across all schemes",
    )
    out += _duplicates(((s.id, s.where) for s in corpus.schemes), "scheme id", "merge the two")
    return out


def duplicate_papers(corpus: Corpus) -> list[Problem]:
    """The same paper twice: same DOI, or else the same title once normalised.

    One problem per repeated paper, even when both its DOI and its title repeat.
    """
    by_doi: dict[str, Paper] = {}
    by_title: dict[str, Paper] = {}
    out: list[Problem] = []
    for paper in corpus.papers:
        title = normalise_title(paper.title)
        first, why = None, ""
        if paper.doi and paper.doi in by_doi:
            first, why = by_doi[paper.doi], f"DOI {paper.doi}"
        elif title in by_title:
            first, why = by_title[title], "title"
        if first is not None:
            out.append(
                _p(
                    paper.at("doi" if why != "title" else "title"),
                    f"same {why} as paper '{first.id}' ({first.where.file}); "
                    "the same paper is recorded twice: merge the two files",
                )
            )
            continue
        if paper.doi:
            by_doi[paper.doi] = paper
        by_title[title] = paper
    return out


def duplicate_names(corpus: Corpus) -> list[Problem]:
    """Two person records with the same name (or other spelling) are almost always one
    person."""
    return _duplicates(
        (
            (normalise_title(name), p.where)
            for p in corpus.people
            for name in dict.fromkeys([p.name, *p.alt_names])
        ),
        "person name",
        "use one person id for both",
    )


def lookalike_people(corpus: Corpus) -> list[Problem]:
    """Two person records whose names are variants of one (initials, a middle initial, a
    short form) and who share a co-author, unless a curator said they are two people."""
    names = {p.id: p.name for p in corpus.people}
    by_id = {p.id: p for p in corpus.people}
    distinct = [(p.id, other) for p in corpus.people for other in p.distinct_from]
    merges = resolve_people(names, (p.authors for p in corpus.papers), (), distinct)
    out: list[Problem] = []
    for gone, kept in sorted(merges.into.items()):
        with_ = names.get(merges.shared.get(frozenset((gone, kept)), ""), "a co-author")
        out.append(
            _p(
                by_id[gone].where,
                f"'{names[gone]}' ({gone}) looks like '{names[kept]}' ({kept}): a variant of "
                f"the name, and both wrote with {with_}; keep one id and list the other "
                f"spelling in its alt_names, or add distinct_from: [{kept}]",
            )
        )
    for a, b, why in merges.doubtful:
        out.append(
            _p(
                by_id[a].where,
                f"'{names[a]}' ({a}) {why}; decide with alt_names or distinct_from: [{b}]",
            )
        )
    return out


def unknown_references(corpus: Corpus) -> list[Problem]:
    """Every id a paper names exists, with the right kind."""
    people = {p.id for p in corpus.people}
    editions = {e.id for e in corpus.editions}
    journals = {s.id for s in corpus.series if s.kind is VenueKind.JOURNAL}
    series_with_editions = {s.id: s for s in corpus.series if s.kind is not VenueKind.JOURNAL}
    papers = {p.id for p in corpus.papers}
    concepts = {s.id: {c.id for c in s.concepts} for s in corpus.schemes}
    out: list[Problem] = []

    def unknown(paper: Paper, key: str, value: str, fix: str) -> None:
        out.append(
            _p(
                paper.at(key, value),
                f"unknown {key[:-1] if key.endswith('s') else key} '{value}'; {fix}",
            )
        )

    for person in corpus.people:
        for other in person.distinct_from:
            if other not in people:
                out.append(
                    _p(person.where, f"unknown person '{other}' in distinct_from; fix the id")
                )
    for paper in corpus.papers:
        for a in paper.authors:
            if a not in people:
                unknown(paper, "authors", a, "add the person to people.yaml or fix the id")
        if paper.venue and paper.venue not in editions and paper.venue not in journals:
            if paper.venue in series_with_editions:
                out.append(
                    _p(
                        paper.at("venue"),
                        f"venue '{paper.venue}' is a series; name the edition, "
                        f"like '{paper.venue}-{paper.year or 2017}'",
                    )
                )
            else:
                unknown(
                    paper,
                    "venue",
                    paper.venue,
                    "add it to venues.yaml or use an edition id like 'mobisys-2017'",
                )
        for key, scheme in (("techniques", "techniques"), ("platforms", "platforms")):
            known = concepts.get(scheme, set())
            for value in getattr(paper, key):
                if value not in known:
                    unknown(
                        paper,
                        key,
                        value,
                        f"use a concept of taxonomies/{scheme}.yaml or add one there",
                    )
        rejected = {(d.scheme, d.concept) for d in paper.decisions if d.decision == "rejected"}
        for key, items in (("proposed", paper.proposed), ("decisions", paper.decisions)):
            for item in items:
                if item.concept not in concepts.get(item.scheme, set()):
                    out.append(
                        _p(
                            paper.at(key),
                            f"'{key}' names '{item.concept}', which is not a concept of "
                            f"taxonomies/{item.scheme}.yaml; use one of its ids",
                        )
                    )
                elif key == "proposed" and (item.scheme, item.concept) in rejected:
                    out.append(
                        _p(
                            paper.at(key),
                            f"'{item.concept}' is proposed although a curator rejected it; "
                            "remove the proposal (sysml-graph tag does)",
                        )
                    )
        for key in ("extends", "cites"):
            for value in getattr(paper, key):
                if value not in papers:
                    out.append(_p(paper.at(key, value), f"'{key}' names unknown paper '{value}'"))
                elif value == paper.id:
                    out.append(_p(paper.at(key, value), f"a paper cannot list itself in '{key}'"))
        if paper.version_of is not None and paper.version_of not in papers:
            out.append(
                _p(paper.at("version_of"), f"'version_of' names unknown paper '{paper.version_of}'")
            )
        elif paper.version_of == paper.id:
            out.append(_p(paper.at("version_of"), "a paper cannot be a version of itself"))
    return out


def title_words(title: str) -> frozenset[str]:
    return frozenset(normalise_title(title).split())


# Two titles of at least 4 words sharing this share of their words (Jaccard) look like one
# work: "Fine-Grained GPU Sharing Primitives for …" and "Salus: Fine-Grained GPU Sharing
# Primitives for …" (0.90), an arXiv and a proceedings wording (0.88). Measured on the
# shipped data, every pair at 0.8 and above was the same work or a version of it.
LOOKALIKE = 0.8


def lookalike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two titles' word sets look like one work's.

    >>> lookalike(title_words("Fine-Grained GPU Sharing Primitives for Deep Learning"),
    ...           title_words("Salus: Fine-Grained GPU Sharing Primitives for Deep Learning"))
    True
    >>> lookalike(title_words("Pruning Filters for Efficient ConvNets"),
    ...           title_words("Pruning Filters for Efficient Transformers"))
    False
    """
    if len(a) < 4 or len(b) < 4 or a == b:
        return False
    return len(a & b) / len(a | b) >= LOOKALIKE


# Titles of records that are no papers: an announcement, a video collection, a topic preview.
NOT_A_PAPER = re.compile(
    r"\bwe are preparing\b|^video tutorials?\b|\btopic preview\b|\[(?:youtube|bilibili)\]"
    r"|\[online book\]",
    re.I,
)


# A trailing comment in parentheses naming who wrote the paper, not part of its title:
# "(UC Berkerley)", "（Intel & Tencent)", "(Georgia Institute of Technology)", "(@microsoft)".
AFFILIATION = re.compile(
    r"\s*(?:（[^()（）]*[)）]|\((?=[^()]*(?:@|\b(?:univ\w*|institute|inc|labs?|uc|berke?r?ley|"
    r"stanford|mit|cmu|google|microsoft|facebook|meta|intel|tencent|alibaba|baidu|nvidia|"
    r"amazon|ibm|huawei|bytedance|samsung)\b))[^()]*\))\s*$",
    re.I,
)


# Symbols that are part of a title's text, not a list's decoration: product marks, degrees
# ("360° Video"), the numero sign.
TYPOGRAPHIC = "™®©℠°№℃℉"


def title_decoration(title: str) -> str | None:
    """What an awesome list's decoration left in a title, if anything.

    >>> title_decoration("HyperSched: Dynamic Resource Reallocation on a Deadline (UC Berkerley)")
    'an affiliation in parentheses at the end'
    >>> title_decoration("🔥 DeepSpeed"), title_decoration("[AMC] AutoML for Model Compression")
    ('an emoji or pictograph', 'a tag in brackets')
    >>> title_decoration("Merge-Based Parallel Sparse Matrix-Vector Multiplication (SpMV)") is None
    True
    >>> title_decoration("Streaming 360° Video to Mobile Devices") is None
    True
    >>> title_decoration("Clipper: A Low-Latency Online Prediction Serving System (NSDI 2017)")
    'a venue and year in parentheses at the end'
    >>> title_decoration("Structured Generative Models - Chris Maddison and Daniel Tarlow")
    'its authors after a dash'
    >>> title_decoration("Deep Learning on Mobile Devices - A Review") is None
    True
    """
    if any(unicodedata.category(c) == "So" and c not in TYPOGRAPHIC for c in title):
        return "an emoji or pictograph"
    if re.match(r"\[[^\[\]]{1,80}\]\s*\S", title) or re.search(r"\S\s*\[[^\[\]]*\]$", title):
        return "a tag in brackets"
    if AFFILIATION.search(title):
        return "an affiliation in parentheses at the end"
    if title.rstrip().endswith("|"):
        return "a trailing '|'"
    if VENUE_IN_PARENS.search(title):
        return "a venue and year in parentheses at the end"
    tail = re.search(r"\s[-–—]\s+([^-–—]+)$", title)
    names = re.split(r",\s*(?:and\s+)?|\s+and\s+", tail.group(1).strip()) if tail else []
    if len(names) >= 2 and all(PERSON.fullmatch(n) for n in names):
        return "its authors after a dash"
    return None


# "(NSDI 2017)", "(SOSP'19)", "(arXiv 2303.13803)" closing a title: where it appeared.
VENUE_IN_PARENS = re.compile(
    r"\s*\((?:[A-Z][A-Za-z]*[A-Z][\w-]*\s?['’]?(?:19|20)?\d{2}|arXiv:?\s*\d{4}\.\d{3,5})\)\s*$"
)
# A person's name as lists write it: two to four capitalised words or initials.
PERSON = re.compile(r"[A-ZÀ-ÝĀ-ſ][\w'’.-]*(?:\s+(?:[A-ZÀ-ÝĀ-ſ][\w'’.-]*|de|van|von|der)){1,3}")


def decorated_titles(corpus: Corpus) -> list[Problem]:
    """A title that still carries a list's decoration (an emoji, a tag, an affiliation)."""
    out: list[Problem] = []
    for paper in corpus.papers:
        what = title_decoration(paper.title)
        if what is not None:
            out.append(
                _p(
                    paper.at("title"),
                    f"title '{paper.title}' carries {what}; keep only the paper's own title "
                    "(a list's tag belongs in 'topics')",
                )
            )
    return out


# Words of a journal's name. Not "proceedings of": conferences publish proceedings too.
JOURNAL_WORDS = re.compile(
    r"journal|transactions|\btrans\.|letters|magazine|review|surveys|notices", re.I
)

# Names that are no venue: a publisher alone ("[IEEE '21]"), a thesis, a talk.
NOT_A_VENUE = re.compile(
    r"^(?:ieee|acm|usenix|springer|elsevier|mdpi|wiley|siam|ieee/acm|acm/ieee)$|"
    # a kind of venue, not one: "journal'13-[Title](url)"
    r"^(?:journal|conference|workshop|symposium|proceedings|transactions|venue)s?$|"
    # a kind of publication, not where it appeared: "Tri Dao. Technical Report, 2023."
    r"^(?:tech(?:nical)?\.? reports?|white ?papers?)$|"
    # a placeholder: "UNKNOWN_JOURNAL", "N/A", "TBD"
    r"^(?:unknown[\s_-]?\w*|n/?a|tbd|none|null)$|"
    r"\b(?:dissertation|thesis|keynote|invited talk)\b",
    re.I,
)


def venue_records(corpus: Corpus) -> list[Problem]:
    """A venue is a venue (not a publisher, a thesis or a talk), and a journal by its name
    is typed as one."""
    out: list[Problem] = []
    for series in corpus.series:
        if NOT_A_VENUE.search(series.name) or len(re.sub(r"[^A-Za-z]", "", series.name)) < 2:
            out.append(
                _p(
                    series.where,
                    f"'{series.name}' is not a venue (a publisher alone, a thesis, a talk); "
                    "remove it and leave its papers' 'venue' empty",
                )
            )
        elif series.kind is not VenueKind.JOURNAL and JOURNAL_WORDS.search(series.name):
            out.append(
                _p(
                    series.where,
                    f"'{series.name}' is a journal by its name but has kind: {series.kind}; "
                    "use kind: journal (journals have no editions)",
                )
            )
    return out


def non_papers(corpus: Corpus) -> list[Problem]:
    """A record whose title says it is no paper (a video list, an announcement)."""
    return [
        _p(
            paper.at("title"),
            f"'{paper.title}' is not a paper (a video, an announcement or a talk); delete the "
            "record, or fix the importer that made it",
        )
        for paper in corpus.papers
        if NOT_A_PAPER.search(paper.title)
    ]


def lookalike_papers(corpus: Corpus) -> list[Problem]:
    """Two records whose titles look like one work's, neither a version of the other.

    Exact, without comparing every pair (prefix and positional filtering, as PPJoin): two
    word sets sharing at least :data:`LOOKALIKE` of their words share one of each set's
    ``n - ceil(LOOKALIKE * n) + 1`` rarest words, and where they first share one, the words
    after it in each must still be able to make up the overlap; only such pairs are compared.
    """
    words = {p.id: title_words(p.title) for p in corpus.papers}
    freq = Counter(w for ws in words.values() for w in ws)
    # word → (its position in a title's rarest-first order, the title's size) → papers: the
    # bound below holds for a whole group, so groups that cannot match are never walked.
    by_word: dict[str, dict[tuple[int, int], list[Paper]]] = {}
    linked = {(p.id, p.version_of) for p in corpus.papers if p.version_of}
    share = LOOKALIKE / (1 + LOOKALIKE)  # |A ∩ B| ≥ share × (|A| + |B|)
    out: list[Problem] = []
    for paper in corpus.papers:
        mine = words[paper.id]
        if len(mine) < 4:
            continue  # too short to look like another title (lookalike)
        rarest = sorted(mine, key=lambda w: (freq[w], w))
        prefix = rarest[: len(mine) - math.ceil(LOOKALIKE * len(mine) - 1e-9) + 1]
        seen: set[str] = set()
        for i, w in enumerate(prefix):
            for (j, size), others in by_word.get(w, {}).items():
                # If this is the first word the two share, nothing rarer is shared, so at
                # most the words after it in both can still be.
                need = math.ceil(share * (len(mine) + size) - 1e-9)
                if 1 + min(len(mine) - i - 1, size - j - 1) < need:
                    continue
                for other in others:
                    if other.id in seen:
                        continue
                    seen.add(other.id)
                    if (
                        lookalike(mine, words[other.id])
                        and (paper.id, other.id) not in linked
                        and (other.id, paper.id) not in linked
                    ):
                        out.append(
                            _p(
                                paper.at("title"),
                                f"title looks like that of '{other.id}' ({other.where.file}); "
                                "merge the two records if they are one work, or write "
                                f"'version_of: {other.id}' in the preprint or workshop version",
                            )
                        )
        for j, w in enumerate(prefix):
            by_word.setdefault(w, {}).setdefault((j, len(mine)), []).append(paper)
    return out


def venue_consistency(corpus: Corpus) -> list[Problem]:
    """A paper's year is its edition's year; a book has no venue; papers have one."""
    editions = {e.id: e for e in corpus.editions}
    all_editions = set(editions)
    out: list[Problem] = []
    for e in corpus.editions:
        if e.colocated_with and e.colocated_with not in all_editions:
            out.append(_p(e.where, f"'colocated_with' names unknown edition '{e.colocated_with}'"))
    for paper in corpus.papers:
        edition = editions.get(paper.venue or "")
        if edition and paper.year and edition.year != paper.year:
            out.append(
                _p(
                    paper.at("year"),
                    f"year {paper.year} differs from its venue {edition.id} ({edition.year})",
                )
            )
        if paper.kind is PaperKind.BOOK and paper.venue:
            out.append(_p(paper.at("venue"), "a book has no venue; use 'publisher'"))
        if (
            paper.kind
            in (PaperKind.CONFERENCE_PAPER, PaperKind.WORKSHOP_PAPER, PaperKind.JOURNAL_ARTICLE)
            and not paper.venue
        ):
            out.append(_p(paper.where, f"a {paper.kind} needs a 'venue'"))
    return out


def taxonomy_structure(corpus: Corpus) -> list[Problem]:
    """``broader`` stays inside the scheme and never loops."""
    out: list[Problem] = []
    for scheme in corpus.schemes:
        by_id = {c.id: c for c in scheme.concepts}
        for c in scheme.concepts:
            for b in c.broader:
                if b not in by_id:
                    out.append(
                        _p(
                            c.where,
                            f"concept '{c.id}': broader '{b}' is not a concept "
                            f"of scheme '{scheme.id}'",
                        )
                    )
        for c in scheme.concepts:
            seen: set[str] = set()
            todo = list(c.broader)
            while todo:
                b = todo.pop()
                if b == c.id:
                    out.append(
                        _p(
                            c.where,
                            f"concept '{c.id}' is broader than itself (a loop of 'broader' links)",
                        )
                    )
                    break
                if b in seen or b not in by_id:
                    continue
                seen.add(b)
                todo.extend(by_id[b].broader)
    return out


def required_schemes(corpus: Corpus) -> list[Problem]:
    names = {s.id for s in corpus.schemes}
    return [
        Problem(f"taxonomies/{n}.yaml", 1, f"missing concept scheme '{n}'")
        for n in ("techniques", "platforms")
        if n not in names
    ]


RULES: dict[str, Callable[[Corpus], list[Problem]]] = {
    "ids are unique": duplicate_ids,
    "each paper is recorded once": duplicate_papers,
    "no two records look like one work": lookalike_papers,
    "every record is a paper": non_papers,
    "titles carry no list decoration": decorated_titles,
    "venues are venues, journals typed as journals": venue_records,
    "each person is recorded once": duplicate_names,
    "no two people look like one": lookalike_people,
    "every referenced id exists": unknown_references,
    "papers agree with their venues": venue_consistency,
    "taxonomies are well formed": taxonomy_structure,
    "the techniques and platforms schemes exist": required_schemes,
}
# The rules that read papers: a rebuild, which sees only the changed papers beside the last
# build's shared records, runs every one of them. The others read only the shared records
# (people, venues, taxonomies), which a rebuild never changes. Every rule is in one of the
# two (tests/test_data.py), so a new rule cannot be skipped by rebuilds unnoticed.
PAPER_RULES = (
    "ids are unique",
    "each paper is recorded once",
    "no two records look like one work",
    "every record is a paper",
    "titles carry no list decoration",
    "no two people look like one",
    "every referenced id exists",
    "papers agree with their venues",
)
SHARED_RULES = (
    "each person is recorded once",
    "venues are venues, journals typed as journals",
    "taxonomies are well formed",
    "the techniques and platforms schemes exist",
)


def check_corpus(corpus: Corpus, earlier: list[Problem] | None = None) -> None:
    """Run every rule; raise :class:`InvalidInput` with all problems found.

    ``earlier`` problems (from loading) are reported too. When a shared file (people,
    venues, taxonomies) had problems, the cross-reference rules are skipped: every
    reference into a broken file would be reported as unknown.
    """
    problems = list(earlier or [])
    if not any(not p.file.startswith("papers/") for p in problems):
        problems += [p for rule in RULES.values() for p in rule(corpus)]
    if problems:
        raise InvalidInput(problems)
