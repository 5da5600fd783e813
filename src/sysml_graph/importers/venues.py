"""Normalise the venue names awesome lists write to venue ids.

``NIPS``, ``NeurIPS '21, MIT``, ``13th {USENIX} Symposium on Operating Systems Design and
Implementation ({OSDI} 18)``, ``ICLRw`` and ``SysML`` all land on one series id of
``venue_registry.yaml``; what is not known there comes back as an unknown venue, which the
importer turns into a draft venue record and lists in its report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import yaml

from ..corpus.rules import NOT_A_VENUE
from ..resources import PACKAGE


@dataclass(frozen=True)
class KnownVenue:
    id: str
    acronym: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    exact: bool = False  # its acronym is a word ("CRYPTO"): matched as written or in capitals


@dataclass(frozen=True)
class VenueMatch:
    """A venue found in a text: a known series (maybe its workshops), or an unknown name."""

    id: str
    acronym: str
    known: bool
    workshop: bool = False


@cache
def registry() -> dict[str, KnownVenue]:
    raw: list[dict[str, Any]] = yaml.safe_load(
        (PACKAGE / "venue_registry.yaml").read_text(encoding="utf-8")
    )
    return {
        v["id"]: KnownVenue(
            v["id"],
            v["acronym"],
            v["name"],
            v["kind"],
            tuple(v.get("aliases", [])),
            bool(v.get("exact", False)),
        )
        for v in raw
    }


@cache
def _patterns() -> list[tuple[str, re.Pattern[str], str]]:
    """(the words it needs, in lower case; pattern; venue id), longest first: full names (any
    case), then acronyms and aliases (as written, or in capitals), as whole words. The words
    let a text that lacks them skip the pattern (a plain substring test, far cheaper than a
    search: an import asks for thousands of venues of some 900 patterns each)."""
    pats: list[tuple[int, re.Pattern[str], str]] = []
    for v in registry().values():
        # Not the start of a longer name: "Proceedings of the IEEE International Conference
        # on Computer Vision" names ICCV, not the journal Proceedings of the IEEE.
        longer = r"(?!\s*/?\s*(?:conference|international|symposium|computer|/))"
        if not (v.exact and v.name in (v.acronym, *v.aliases)):
            # (a name that is a word, "Nature", only as its acronym: as written, whole)
            pats.append((len(v.name) + 1000, re.compile(re.escape(v.name) + longer, re.I), v.id))
        # the name without its publisher, as ACM's reference format writes it: "Proceedings of
        # the 29th Symposium on Operating Systems Principles"
        bare = PUBLISHER.sub("", v.name)
        if bare != v.name and len(bare.split()) >= 3:
            pats.append((len(bare) + 1000, re.compile(re.escape(bare) + longer, re.I), v.id))
        for alias in (v.acronym, *v.aliases):
            flags = re.I if len(alias) > 5 and not v.exact else 0
            for form in {alias, alias.upper()}:
                # Digits may follow (ICML2019), letters may not (ATC ≠ ATCs).
                pats.append(
                    (
                        len(form),
                        re.compile(rf"(?<![A-Za-z-]){re.escape(form)}(?![A-Za-z-])", flags),
                        v.id,
                    )
                )
    pats.sort(key=lambda p: -p[0])
    return [(_needle(p), p, i) for _, p, i in pats]


def _needle(pattern: re.Pattern[str]) -> str:
    """The literal text a pattern of _patterns() matches, in lower case."""
    literal = re.sub(r"^\(\?<!\[A-Za-z-\]\)|\(\?!.*$", "", pattern.pattern)
    return re.sub(r"\\(.)", r"\1", literal).lower()


@cache
def _acronyms_in_capitals() -> frozenset[str]:
    return frozenset(a.upper() for v in registry().values() for a in (v.acronym, *v.aliases))


# The publisher that opens a series' full name.
PUBLISHER = re.compile(
    r"^(?:ACM/IEEE|IEEE/ACM|IEEE/CVF|ACM (?:SIGPLAN|SIGOPS|SIGSOFT|SIGDA)|ACM|IEEE|USENIX|The)\s+"
)

WORKSHOP_SUFFIX = re.compile(r"^([A-Za-z]{2,})[wW]$")

_YEARISH = re.compile(r"['’‘`]\s?\d{2}\b|(?<!\d)(19|20)\d{2}\b|\b\d{1,2}(st|nd|rd|th)\b")


def slug(text: str) -> str:
    """An id from any text.

    >>> slug("Internet of Things")
    'internet-of-things'
    """
    import unicodedata

    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "x"


@lru_cache(maxsize=8192)  # lists repeat their tags; each reading scans every series' pattern
def match_venue(text: str) -> VenueMatch | None:
    """The venue a text names, if any.

    >>> match_venue("NeurIPS '21, MIT")
    VenueMatch(id='neurips', acronym='NeurIPS', known=True, workshop=False)
    >>> match_venue("13th {USENIX} Symposium on Operating Systems Design and Implementation").id
    'osdi'
    >>> match_venue("ICLRw").workshop
    True
    >>> match_venue("Proceedings of the IEEE Conference on Computer Vision and Pattern "
    ...             "Recognition").id
    'cvpr'
    >>> match_venue("Proceedings of the IEEE 105, no. 12").id
    'proc-ieee'
    >>> match_venue("Journal of King Saud Univ. '21").acronym
    'Journal of King Saud Univ.'
    >>> match_venue("Proceedings of the 29th Symposium on Operating Systems Principles").id
    'sosp'
    >>> match_venue("IEEE-TPDS").acronym, match_venue("journal")
    ('TPDS', None)
    """
    # (a venue's name is short: a long text is searched in its first 300 characters only,
    # so that a line of 30,000 costs what a citation does)
    clean = text[:300].replace("{", "").replace("}", "").replace("’", "'").strip()
    # the publisher "Springer Nature (Switzerland)" of a proceedings, not the journal Nature
    clean = re.sub(r"\bSpringer Nature\b", "Springer", clean)
    if not clean:
        return None
    # ("ICCV Workshop2023": a list's tag may glue the year to the word)
    workshop = bool(
        re.search(r"\bworkshops?(?:\b|(?=(?:19|20)\d{2}))|\bsystems? for ml\b", clean, re.I)
    )
    m = WORKSHOP_SUFFIX.match(clean)
    if m and m.group(1).upper() in _acronyms_in_capitals():
        clean, workshop = m.group(1), True
    low = clean.lower()
    found = [
        (short, m.start() if short else -len(m.group(0)), -len(m.group(0)), vid)
        for needle, pattern, vid in _patterns()
        if needle in low
        for m in [pattern.search(clean)]
        if m and not _defined_here(clean, m.start(), m.end())
        for short in [len(m.group(0)) <= 20]
    ]
    if found:
        # A full name wins ("NIPS 2017 Workshop on Machine Learning on the Phone…" is MLPCD),
        # the longest of several ("Proceedings of the IEEE Conference on Computer Vision and
        # Pattern Recognition" is CVPR, not the journal Proc. IEEE); among acronyms the one
        # named first ("NSDI 2021 MLsys or SysML" is about NSDI).
        v = registry()[min(found)[3]]
        # A workshop series of its own (EMDL) is not "a workshop of" something.
        return VenueMatch(v.id, v.acronym, True, workshop and v.kind != "workshop")
    publisher = re.match(r"(?:IEEE|ACM|USENIX)[-_](?=[A-Z])", clean)
    if publisher:  # "IEEE-TPDS": the publisher's name glued to a known acronym
        known = match_venue(clean[publisher.end() :])
        if known is not None and known.known:
            return known
    name = unknown_venue_name(clean)
    if name is None:
        return None
    return VenueMatch(slug(name), name, False, workshop)


def _defined_here(text: str, start: int, end: int) -> bool:
    """Whether an acronym is defined where it stands, "(TSC)" after the lower-case words it
    shortens ("a time switch coding (TSC) is designed"): a term of the text, not a venue (a
    venue's name is capitalised: "Design Automation Conference (DAC)").

    >>> _defined_here("time switch coding (TSC)", 20, 23), _defined_here("(TSC)", 1, 4)
    (True, False)
    >>> _defined_here("Design Automation Conference (DAC)", 30, 33)
    False
    >>> _defined_here("IEEE symposium on high performance computer architecture (HPCA)", 58, 62)
    False
    """
    if text[start - 1 : start] != "(" or text[end : end + 1] != ")":
        return False
    letters = text[start:end]
    words = re.findall(r"[A-Za-z][\w'-]*", text[: start - 1])[-len(letters) :]
    initials = "".join(w[0] for w in words).upper()
    return (
        len(letters) >= 2
        and initials == letters.upper()
        and any(w[0].islower() for w in words)
        and not _SERIES_WORDS.search(text[: start - 1])
    )


# Words of a venue's name: "… symposium on high performance computer architecture (HPCA)"
# defines a venue, not a term.
_SERIES_WORDS = re.compile(
    r"\b(?:conference|symposium|workshop|journal|transactions|proceedings|international|"
    r"annual|ieee|acm|usenix)\b",
    re.I,
)


def unknown_venue_name(text: str) -> str | None:
    """The name of a venue the registry does not know, as a series name: no year, edition
    number, volume or pages, no leading "In"; None when the text names no venue.

    >>> unknown_venue_name("In 2018 IEEE high performance extreme computing conference (HPEC)")
    'IEEE high performance extreme computing conference (HPEC)'
    >>> unknown_venue_name("Journal of Systems Architecture 104 (): 101689")
    'Journal of Systems Architecture'
    >>> unknown_venue_name("ACM Transactions on Reconfigurable Technology and Systems (TRETS) 11")
    'ACM Transactions on Reconfigurable Technology and Systems (TRETS)'
    >>> unknown_venue_name("IEEE"), unknown_venue_name("Doctoral dissertation, UC Davis")
    (None, None)
    """
    name = _YEARISH.sub("", text.split(",")[0])
    name = re.sub(r"^\s*in\s+", "", name, flags=re.I)
    # Volume, issue and pages after the name: "Electronics 8", "… 3 (): 181-193", "… 4, ICFP"
    name = re.sub(r"\s+\d+\s*(?:\([^)]*\))?\s*(?::\s*[\d-]+)?\s*$", "", name)
    name = " ".join(name.split()).strip(" -'")
    if name.count("(") > name.count(")"):
        name += ")"
    name = re.sub(r"^\(|\)$", "", name) if name.count("(") != name.count(")") else name
    if (
        not name
        or len(re.sub(r"[^A-Za-z]", "", name)) < 3
        or len(name) > 80
        or NOT_A_VENUE.search(name)
    ):
        return None
    return name
