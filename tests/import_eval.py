"""Scoring the importer against the hand-checked samples in tests/import_samples/."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sysml_graph.importers.awesome import read_list
from sysml_graph.importers.entries import Entry
from sysml_graph.importers.venues import match_venue, registry, slug

SAMPLES = Path(__file__).parent / "import_samples"
LISTS = {
    "hsword": "Hsword__Awesome-Machine-Learning-System-Papers",
    "huaizhengzhang": "HuaizhengZhang__Awesome-System-for-Machine-Learning",
    "mingsun_tse": "MingSun-Tse__Efficient-Deep-Learning",
    "awesome_emdl": "csarron__awesome-emdl",
}


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _same_title(expected: str, got: str) -> bool:
    """A title's closing full stop is the list's punctuation, not the title's."""
    return _norm(expected).removesuffix(".") == _norm(got).removesuffix(".")


def _as_written(name: str) -> str:
    """A sample's name in the order the importer writes names: "Zhong, Kai" (as the list
    writes it) is "Kai Zhong", one person either way."""
    family, comma, given = name.partition(", ")
    return _norm(f"{given} {family}" if comma and given else name)


def venue_matches(expected: str, got: Entry) -> bool:
    if got.venue is None:
        return False
    # ("NeurIPS workshop", "NeurIPS Workshop": one; "CLVision Workshop at CVPR 2020" is a
    # workshop of CVPR as the registry reads it)
    suffix = expected.casefold().endswith(" workshop")
    want = expected[: -len(" workshop")] if suffix else expected
    said = match_venue(expected)
    workshop = suffix or (said is not None and said.known and said.workshop)
    if workshop != got.venue.workshop:
        return False
    if want.casefold() == "preprint" and got.venue.id == "arxiv":
        return True  # a sample's "preprint" is arXiv, the graph's one home for preprints
    if got.venue.known:
        v = registry()[got.venue.id]
        names = {v.acronym.casefold(), *(a.casefold() for a in v.aliases)}
        if want.casefold() in names or slug(want) in (v.id, slug(v.name)):
            return True
        # a sample's full name ("Advances in Neural Information Processing Systems") that the
        # registry knows as the same venue
        said = match_venue(want)
        return said is not None and said.known and said.id == v.id
    return slug(want) == got.venue.id


@dataclass
class Report:
    n: int = 0
    counts: dict[str, list[int]] = field(default_factory=dict)  # field: [tp, fp, fn]
    misses: list[str] = field(default_factory=list)

    @property
    def scores(self) -> dict[str, tuple[float, float]]:
        out = {}
        for name, (tp, fp, fn) in self.counts.items():
            out[name] = (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)
        return out


def evaluate(
    key: str,
    corpora: Path,
    samples_dir: Path = SAMPLES,
    lists: dict[str, str] = LISTS,
    authors: bool = False,
) -> Report:
    """Score the importer's reading of one list against its hand-checked sample: paper or
    not, title, venue, year and, with ``authors`` (samples that record them, and whose
    missing ``authors`` means the list gives none), the author list; precision/recall."""
    samples = yaml.safe_load((samples_dir / f"{key}.yaml").read_text(encoding="utf-8"))
    folder = corpora / lists[key]
    by_file: dict[str, dict[int, Entry]] = {}
    report = Report(n=len(samples))
    fields = ("title", "venue", "year", "authors") if authors else ("title", "venue", "year")
    for name in ("paper", *fields):
        report.counts[name] = [0, 0, 0]
    for s in samples:
        if s["file"] not in by_file:
            path = folder / s["file"]
            by_file[s["file"]] = {
                e.line: e for e in read_list(path.read_text(encoding="utf-8"), Path(s["file"]))
            }
        got = by_file[s["file"]].get(s["line"])
        is_paper = got is not None and got.kind == "paper"
        where = f"{key} {s['file']}:{s['line']}"
        c = report.counts
        if s["paper"] and is_paper:
            c["paper"][0] += 1
        elif is_paper:
            c["paper"][1] += 1
            report.misses.append(f"{where}: extracted a paper, expected none ({got.title!r})")
            # a field the importer gave it is a false value; one it left empty is none
            given = {
                "title": got.title,
                "venue": got.venue,
                "year": got.year,
                "authors": got.authors,
            }
            for name in fields:
                if given[name]:
                    c[name][1] += 1
            continue
        elif s["paper"]:
            c["paper"][2] += 1
            reason = got.reason if got is not None else "no block at this line"
            report.misses.append(f"{where}: missed a paper ({s['title']!r}): {reason}")
            for name in fields:
                if s.get(name) is not None:
                    c[name][2] += 1
            continue
        else:
            continue
        assert got is not None
        checks = {
            "title": (s["title"], got.title or None, _same_title),
            "venue": (
                s.get("venue"),
                got.venue.acronym if got.venue else None,
                lambda e, g, got=got: venue_matches(e, got),
            ),
            "year": (s.get("year"), got.year, lambda e, g: e == g),
            "authors": (
                [_as_written(a) for a in s["authors"]] if s.get("authors") else None,
                [_norm(a) for a in got.authors] or None,
                lambda e, g: e == g,
            ),
        }
        for name, (want, have, same) in checks.items():
            if name not in fields:
                continue
            if name == "authors" and want is None and got.et_al:
                # "A, B et al.": the sample records no list (it is not complete); the
                # importer keeps the first authors, marked incomplete. Neither is scored.
                continue
            if want is not None and have is not None and same(want, have):
                c[name][0] += 1
                continue
            if have is not None:
                c[name][1] += 1
            if want is not None:
                c[name][2] += 1
            if want != have:
                report.misses.append(f"{where}: {name} {have!r}, expected {want!r}")
    return report
