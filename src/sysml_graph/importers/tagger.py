"""Propose techniques and platforms for a paper, each with the evidence it rests on.

Two kinds of evidence (:data:`~sysml_graph.corpus.records.EVIDENCE`):

- ``title``: words of the title that are a concept's label, synonym (``altLabel``) or
  matching form (``hiddenLabel``: "pruned", "TVM"), compared as whole words. Inflections
  are listed in the taxonomy, never guessed by stemming: only a plural ``s`` is ignored, so
  "Accelerating" does not name an accelerator. A match inside one of the concept's
  ``excluded_phrases`` does not count: "gradient compression" is not model compression.
- ``heading``: the paper sits under a source-list heading that the taxonomy maps to the
  concept (``list_headings``, reviewed by hand): the list's author classified it.

A curator's tags win: nothing is proposed that a curated tag already says (the concept or a
broader one), and a concept a curator rejected for the paper is never proposed again. Of a
chain of proposals only the most specific is kept, with its evidence (pruning, not
compression as well).

>>> from sysml_graph.corpus.records import Concept, Scheme, Where
>>> w = Where("taxonomies/techniques.yaml", 1)
>>> scheme = Scheme("techniques", "T", w, [
...     Concept("compression", "techniques", "model compression", w,
...             excluded_phrases=["gradient compression"], hidden_labels=["compression"]),
...     Concept("pruning", "techniques", "pruning", w, broader=["compression"],
...             hidden_labels=["pruned"])])
>>> tagger = Tagger([scheme])
>>> [(p.concept, p.evidence, p.text) for p in tagger.propose("Pruned Networks", [])]
[('pruning', 'title', 'Pruned')]
>>> tagger.propose("Gradient Compression for Distributed Training", [])
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..corpus.records import Concept, Proposal, Scheme

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _norm(word: str) -> str:
    """A word as labels and titles are compared: case folded, a plural ``s`` dropped.

    >>> [_norm(w) for w in ("GPUs", "FPGAs", "Accelerating", "class", "analysis", "corpus")]
    ['gpu', 'fpga', 'accelerating', 'class', 'analysis', 'corpus']
    """
    w = word.casefold()
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        return w[:-1]  # an acronym's plural: GPUs, MCUs
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def words(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text``, normalised, with where each starts and ends."""
    return [(_norm(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(w for w, _, _ in words(phrase))


@dataclass
class _Concept:
    id: str
    scheme: str
    broader: set[str]  # every ancestor
    excluded: list[tuple[str, ...]]


def _heading_key(heading: str) -> str:
    return " ".join(heading.casefold().split())


class Tagger:
    """The taxonomies' labels, exclusions and list headings, ready to match."""

    def __init__(self, schemes: Iterable[Scheme]) -> None:
        self.concepts: dict[str, _Concept] = {}
        self.phrases: dict[tuple[str, ...], set[str]] = {}
        self.headings: dict[str, set[str]] = {}
        for scheme in schemes:
            parents = {c.id: c.broader for c in scheme.concepts}
            for c in scheme.concepts:
                self._add(c, scheme.id, ancestors(c.id, parents))
        self.lengths = sorted({len(k) for k in self.phrases}, reverse=True)

    def _add(self, c: Concept, scheme: str, broader: set[str]) -> None:
        self.concepts[c.id] = _Concept(
            c.id, scheme, broader, [k for k in map(_key, c.excluded_phrases) if k]
        )
        for label in (c.label, *c.alt_labels, *c.hidden_labels):
            key = _key(label)
            if key:
                self.phrases.setdefault(key, set()).add(c.id)
        for heading in c.list_headings:
            self.headings.setdefault(_heading_key(heading), set()).add(c.id)

    def in_title(self, title: str) -> list[tuple[str, str]]:
        """(concept id, words of the title as written) for each concept the title names."""
        found = words(title)
        keys = [w for w, _, _ in found]
        out: list[tuple[str, str]] = []
        seen: set[str] = set()
        # Longest phrases first, and a word counts once in each scheme: "GPU cluster" is a
        # GPU cluster, not a GPU as well; but "GPU memory management" names a platform (GPU)
        # and a technique (memory) both.
        taken: dict[str, list[bool]] = {}
        for n in self.lengths:
            for i in range(len(keys) - n + 1):
                named = [
                    cid
                    for cid in sorted(self.phrases.get(tuple(keys[i : i + n]), ()))
                    if not any(self._taken(taken, cid, len(keys))[i : i + n])
                    and not self._excluded(cid, keys, i, i + n)
                ]
                for cid in named:
                    self._taken(taken, cid, len(keys))[i : i + n] = [True] * n
                    if cid not in seen:
                        seen.add(cid)
                        out.append((cid, title[found[i][1] : found[i + n - 1][2]]))
        return out

    def _taken(self, taken: dict[str, list[bool]], cid: str, n: int) -> list[bool]:
        """Which words of the title a concept of ``cid``'s scheme has used already."""
        return taken.setdefault(self.concepts[cid].scheme, [False] * n)

    def _excluded(self, cid: str, keys: list[str], start: int, end: int) -> bool:
        """Whether the words ``start:end`` sit inside one of the concept's excluded phrases."""
        for phrase in self.concepts[cid].excluded:
            n = len(phrase)
            for i in range(max(0, end - n), min(start, len(keys) - n) + 1):
                if tuple(keys[i : i + n]) == phrase:
                    return True
        return False

    def under_heading(self, topic: str) -> list[tuple[str, str]]:
        """(concept id, heading) for each heading of a topic path ("A > B") that the
        taxonomies map to a concept."""
        out: list[tuple[str, str]] = []
        for heading in topic.split(" > "):
            for cid in sorted(self.headings.get(_heading_key(heading), ())):
                out.append((cid, heading.strip()))
        return out

    def propose(
        self,
        title: str,
        topics: Iterable[str],
        curated: Iterable[str] = (),
        rejected: Iterable[str] = (),
    ) -> list[Proposal]:
        """The proposals for a paper: the most specific concepts of each chain, title
        evidence first, each concept's evidence in the order found."""
        evidence: list[tuple[str, str, str]] = [(c, "title", t) for c, t in self.in_title(title)]
        for topic in topics:
            evidence += [(c, "heading", h) for c, h in self.under_heading(topic)]
        said = set(curated)
        said |= {b for c in said if c in self.concepts for b in self.concepts[c].broader}
        no = set(rejected)
        found = {c for c, _, _ in evidence if c not in said and c not in no}
        implied = {b for c in found for b in self.concepts[c].broader}
        keep = found - implied
        out: list[Proposal] = []
        seen: set[tuple[str, str, str]] = set()
        for cid, kind, text in evidence:
            if cid in keep and (cid, kind, text) not in seen:
                seen.add((cid, kind, text))
                out.append(Proposal(cid, self.concepts[cid].scheme, kind, text))
        return out


def ancestors(cid: str, parents: dict[str, list[str]]) -> set[str]:
    """Every concept broader than ``cid``, given each concept's ``broader`` ids.

    >>> sorted(ancestors("binarization", {"binarization": ["quantization"],
    ...                                   "quantization": ["compression"]}))
    ['compression', 'quantization']
    """
    out: set[str] = set()
    for b in parents.get(cid, []):
        out |= {b} | ancestors(b, parents)
    return out
