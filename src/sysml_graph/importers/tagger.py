"""Propose techniques and platforms for a paper from its title and the list's headings,
using the taxonomies' SKOS labels and synonyms (``altLabel``).

Words are compared by a crude stem (``quantized`` ≈ ``quantization``, ``pruned`` ≈
``pruning``), multi-word labels as whole phrases. Proposals are written to the YAML as
``inferred_techniques`` / ``inferred_platforms``, never mixed with the curated tags, and
only the most specific concept of a chain is kept (pruning, not compression as well).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from ..corpus.records import Scheme

_SUFFIXES = (
    "ations",
    "ation",
    "ities",
    "ity",
    "ings",
    "ing",
    "ions",
    "ion",
    "ers",
    "er",
    "ors",
    "or",
    "ed",
    "es",
    "e",
    "s",
)


@cache  # the words of titles repeat: a 100,000-entry list stems ~20 per entry
def stem(word: str) -> str:
    """A crude stem, the same for the inflections lists write.

    >>> [stem(w) for w in ("quantization", "quantisation", "quantized", "pruning", "pruned")]
    ['quantiz', 'quantiz', 'quantiz', 'prun', 'prun']
    """
    w = word.casefold()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w[:-2] + "iz" if w.endswith("is") and len(w) > 4 else w  # quantis- = quantiz-


def _tokens(text: str) -> list[str]:
    return [stem(t) for t in re.findall(r"[A-Za-z0-9]+", text)]


def _ancestors(cid: str, parents: dict[str, list[str]]) -> set[str]:
    out: set[str] = set()
    for b in parents.get(cid, []):
        out |= {b} | _ancestors(b, parents)
    return out


@dataclass
class Tagger:
    """Label phrases (as stem tuples) → concept ids, per scheme."""

    phrases: dict[str, dict[tuple[str, ...], str]]
    broader: dict[str, set[str]]

    @classmethod
    def from_schemes(cls, schemes: list[Scheme]) -> Tagger:
        phrases: dict[str, dict[tuple[str, ...], str]] = {}
        broader: dict[str, set[str]] = {}
        for scheme in schemes:
            table = phrases.setdefault(scheme.id, {})
            parents = {c.id: c.broader for c in scheme.concepts}
            for c in scheme.concepts:
                for label in (c.label, *c.alt_labels):
                    key = tuple(_tokens(label))
                    if key:
                        table.setdefault(key, c.id)

                broader[c.id] = _ancestors(c.id, parents)
        return cls(phrases, broader)

    def named(self, scheme: str, text: str) -> set[str]:
        """Concept ids of ``scheme`` whose label or synonym ``text`` contains."""
        tokens = _tokens(text)
        table = self.phrases.get(scheme, {})
        found: set[str] = set()
        # Each window of the text looked up, rather than each label searched for: a
        # 100,000-entry list took 150 s with hundreds of labels scanned per title.
        for n in self._lengths.get(scheme, ()):
            for i in range(len(tokens) - n + 1):
                cid = table.get(tuple(tokens[i : i + n]))
                if cid is not None:
                    found.add(cid)
        return found

    @cached_property
    def _lengths(self) -> dict[str, set[int]]:
        """The numbers of words that labels of each scheme have."""
        return {scheme: {len(p) for p in table} for scheme, table in self.phrases.items()}

    def propose(self, scheme: str, title: str, *headings: str) -> list[str]:
        """Concept ids of ``scheme`` for a paper, most specific only, sorted.

        The title counts whatever it names. A heading counts only when it names a single
        concept: under "Pruning and Quantization" a paper does one or the other, and the
        heading cannot say which.
        """
        found = self.named(scheme, title)
        for heading in headings:
            named = self.named(scheme, heading)
            implied_here = {b for c in named for b in self.broader.get(c, set())}
            if len(named - implied_here) == 1:
                found |= named
        implied = {b for c in found for b in self.broader.get(c, set())}
        return sorted(found - implied)
