"""People's names: when two spellings may name one person, and when the data says they do.

Lists and bibliographies write one person many ways: "William J. Dally" and "William Dally",
"J. Dean", "Jeff Dean" and "Jeffrey Dean", "Piotr Dollár" and "Piotr Dollar",
"Vijayalakshmi (Viji) Srinivasan", "Zhi-Gang Liu" and "ZHIGANG LIU". Two spellings are
*variants* when their family names agree and their given names agree up to initials, middle
initials, a nickname in parentheses, hyphens, case and accents, or a common short form. A
variant alone is no proof — "Yu Wang" names many people — so records are merged only when
*corroborated*: the two share a co-author (:func:`resolve_people`), or a curator says so in
the data (``alt_names``); ``distinct_from`` keeps two records apart for good.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Common short forms of given names (both directions are looked up).
NICKNAMES: dict[str, frozenset[str]] = {
    full: frozenset(short.split())
    for full, short in {
        "alexander": "alex",
        "andrew": "andy",
        "anthony": "tony",
        "benjamin": "ben",
        "christopher": "chris",
        "daniel": "dan danny",
        "david": "dave",
        "edward": "ed ted",
        "gregory": "greg",
        "james": "jim jamie",
        "jeffrey": "jeff",
        "jennifer": "jen jenny",
        "joseph": "joe",
        "katherine": "kate katie",
        "kenneth": "ken",
        "matthew": "matt",
        "michael": "mike",
        "nicholas": "nick",
        "patrick": "pat",
        "peter": "pete",
        "philip": "phil",
        "richard": "rich rick",
        "robert": "rob bob",
        "samuel": "sam",
        "stephen": "steve",
        "steven": "steve",
        "thomas": "tom",
        "timothy": "tim",
        "william": "will bill",
        "zachary": "zach",
    }.items()
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class NameParts:
    """A name cut for comparison: given names (initials as one letter), family name, and a
    nickname written in parentheses."""

    given: tuple[str, ...]
    family: str
    nickname: str | None = None


def name_parts(name: str) -> NameParts | None:
    """The parts of a name, or None when it has no given name.

    >>> name_parts("Vijayalakshmi (Viji) Srinivasan")
    NameParts(given=('vijayalakshmi',), family='srinivasan', nickname='viji')
    >>> name_parts("Zhi-Gang Liu"), name_parts("William J. Dally").given
    (NameParts(given=('zhigang',), family='liu', nickname=None), ('william', 'j'))
    """
    nick = re.search(r"\(([^()]+)\)", name)
    plain = re.sub(r"\([^()]*\)", " ", name)
    words = [w for w in re.split(r"[\s.]+", _fold(plain)) if w]
    if len(words) < 2:
        return None
    # Hyphenated given names are one name however written ("Zhi-Gang", "Zhigang").
    given = tuple(w.replace("-", "").replace("'", "") for w in words[:-1])
    nickname = _fold(nick.group(1)).strip() if nick else None
    return NameParts(given, words[-1].replace("'", ""), nickname)


def _same_given(a: str, b: str) -> bool:
    """One given name written two ways: equal, an initial of the other, a short form."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return b in NICKNAMES.get(a, frozenset()) or a in NICKNAMES.get(b, frozenset())


def variants(a: str, b: str) -> bool:
    """Whether two spellings may name one person (never enough to merge on its own).

    >>> variants("William J. Dally", "William Dally"), variants("J. Dean", "Jeffrey Dean")
    (True, True)
    >>> variants("Jeff Dean", "Jeffrey Dean"), variants("Piotr Dollár", "Piotr Dollar")
    (True, True)
    >>> variants("Vijayalakshmi (Viji) Srinivasan", "Viji Srinivasan")
    True
    >>> variants("Yu Emma Wang", "Yu Wang"), variants("Yu Wang", "Yue Wang")
    (False, False)
    """
    pa, pb = name_parts(a), name_parts(b)
    return pa is not None and pb is not None and _variant_parts(pa, pb)


def _variant_parts(pa: NameParts, pb: NameParts) -> bool:
    if pa.family != pb.family:
        return False
    first_a = {pa.given[0], *([pa.nickname] if pa.nickname else [])}
    first_b = {pb.given[0], *([pb.nickname] if pb.nickname else [])}
    if not any(_same_given(x, y) for x in first_a for y in first_b):
        return False
    short, long_ = sorted((pa.given[1:], pb.given[1:]), key=len)
    if not all(_same_given(x, y) for x, y in zip(short, long_, strict=False)):
        return False
    # Extra middle names may only be initials ("William J. Dally"): a full extra name
    # ("Yu Emma Wang") may be another person.
    return all(len(x) == 1 for x in long_[len(short) :])


def _plainness(name: str) -> tuple[bool, bool, int]:
    """How a name ranks as the one to keep: no nickname in parentheses, not in capitals,
    then the most letters (given names written out, middle initials kept)."""
    return (
        "(" in name,
        any(len(w) > 2 and w.isupper() for w in name.split()),
        -len(re.sub(r"\W", "", name)),
    )


@dataclass
class PersonMerges:
    """What :func:`resolve_people` decided: each merged id → the id kept; each kept id's
    other spellings; the pairs left apart as doubtful, with why."""

    into: dict[str, str] = field(default_factory=dict)
    spellings: dict[str, list[str]] = field(default_factory=dict)
    shared: dict[frozenset[str], str] = field(default_factory=dict)  # pair → a co-author
    doubtful: list[tuple[str, str, str]] = field(default_factory=list)  # (id, id, why)


def resolve_people(
    names: Mapping[str, str],
    papers: Iterable[list[str]],
    curated: Iterable[str] = (),
    distinct: Iterable[tuple[str, str]] = (),
) -> PersonMerges:
    """Merge person records that are variants of one name and share a co-author.

    ``names``: id → name; ``papers``: each paper's author ids; ``curated``: ids a curator
    wrote (they win, and two of them are never merged); ``distinct``: pairs a curator keeps
    apart. A record that could join two different people ("Y. Wang" beside "Yu Wang" and
    "Yue Wang") is merged with neither and listed as doubtful. Deterministic: the kept id is
    the curated one, else the one with the fullest name, then the most papers, then the
    first in order.

    >>> m = resolve_people(
    ...     {"w-dally": "William Dally", "w-j-dally": "William J. Dally", "b-k": "Brucek K"},
    ...     [["w-dally", "b-k"], ["w-j-dally", "b-k"]],
    ... )
    >>> m.into, m.spellings
    ({'w-dally': 'w-j-dally'}, {'w-j-dally': ['William Dally']})
    """
    curated = set(curated)
    apart = {frozenset(p) for p in distinct}
    coauthors: dict[str, set[str]] = defaultdict(set)
    count: dict[str, int] = defaultdict(int)
    for authors in papers:
        for a in authors:
            count[a] += 1
            coauthors[a].update(x for x in authors if x != a)
    # Candidates share a family name and a first letter of a given name (or of its long
    # form: Bill is William): comparing only those keeps "Wang" from being 400² pairs.
    parts: dict[str, NameParts] = {}
    buckets: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pid in sorted(names):
        p = name_parts(names[pid])
        if p is None or not count[pid]:
            continue
        parts[pid] = p
        firsts = {p.given[0], *([p.nickname] if p.nickname else [])}
        longs = {full for full, short in NICKNAMES.items() for f in firsts if f in short}
        for initial in sorted({w[0] for w in firsts | longs if w}):
            buckets[(p.family, initial)].append(pid)
    pairs = sorted(
        {(a, b) for ids in buckets.values() for i, a in enumerate(ids) for b in ids[i + 1 :]}
    )
    edges: dict[str, set[str]] = defaultdict(set)
    merges = PersonMerges()
    for a, b in pairs:
        shared = (coauthors[a] & coauthors[b]) - {a, b}
        if not shared or frozenset((a, b)) in apart or not _variant_parts(parts[a], parts[b]):
            continue
        if a in curated and b in curated:
            merges.doubtful.append((a, b, "two curated records; merge them by hand"))
            continue
        edges[a].add(b)
        edges[b].add(a)
        merges.shared[frozenset((a, b))] = min(shared)
    seen: set[str] = set()
    for start in sorted(edges):
        if start in seen:
            continue
        group, todo = set(), [start]
        while todo:
            x = todo.pop()
            if x not in group:
                group.add(x)
                todo.extend(edges[x] - group)
        seen |= group
        members = sorted(group)
        clash = next(
            (
                (a, b)
                for i, a in enumerate(members)
                for b in members[i + 1 :]
                if not variants(names[a], names[b]) or frozenset((a, b)) in apart
            ),
            None,
        )
        if clash or len(group & curated) > 1:
            a, b = clash or tuple(sorted(group & curated))[:2]
            merges.doubtful.append(
                (a, b, f"could be one of {len(members)} people ({', '.join(members)})")
            )
            continue
        keep = min(members, key=lambda m: (m not in curated, *_plainness(names[m]), -count[m], m))
        for m in members:
            if m != keep:
                merges.into[m] = keep
        others = sorted({names[m] for m in members if names[m] != names[keep]})
        if others:
            merges.spellings[keep] = others
    return merges
