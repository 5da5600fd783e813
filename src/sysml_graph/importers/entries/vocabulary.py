"""The words of citations: years and dates, months, venue words, acronyms."""

from __future__ import annotations

import re

YEAR = re.compile(r"(?<![\d.])((?:19[5-9]|20[0-3])\d)(?!\d|\.\d)")

# A date "2024.01", "2023.6": a year and a month, never an arXiv id ("2004.06567") nor a
# version ("2023.6.1").
DATE = re.compile(r"(?<![\d.:/])((?:19|20)\d{2})\.(?:0?[1-9]|1[0-2])(?!\d|\.\d)")

SHORT_YEAR = re.compile(r"['’‘`]\s?(\d{2})(?!\d)")


def date_year(text: str) -> int | None:
    """The year of a date cell: ``2019.10``, ``2023-05``, ``2024/01``, or a plain year."""
    m = re.match(r"\s*((?:19|20)\d{2})(?:[.\-/](?:0?[1-9]|1[0-2])\b|\s*$)", text)
    return int(m.group(1)) if m else year_in(text)


def year_in(text: str) -> int | None:
    """A year written in full or as 'YY.

    >>> year_in("MobiSys '17"), year_in("[SenSys ’16]"), year_in("ASPLOS 20189"), year_in("x")
    (2017, 2016, None, None)
    >>> year_in("[pdf], 2024.01."), year_in("arXiv:2004.06567"), year_in("[[PDF](u)], 2023.6")
    (2024, None, 2023)
    """
    m = YEAR.search(text) or DATE.search(text)
    if m:
        return int(m.group(1))
    m = SHORT_YEAR.search(text) or VENUE_SHORT_YEAR.search(text)
    if m:
        yy = int(m.group(1))
        return 2000 + yy if yy <= 40 else 1900 + yy
    return None


# "NIPS 18", "ICML 17": a two-digit year right after a venue's acronym.
VENUE_SHORT_YEAR = re.compile(
    r"\b(?:NIPS|NeurIPS|ICML|ICLR|CVPR|ICCV|ECCV|OSDI|SOSP|NSDI|ATC|"
    r"MLSys|SysML|AAAI|KDD|ISCA|MICRO|HPCA|ASPLOS|MobiSys|MobiCom|"
    r"SenSys|EuroSys|SoCC|SIGCOMM|OpML)\s(\d{2})\b"
)


ACRONYM = r"[A-Z][A-Za-z]{0,15}[A-Z][A-Za-z\d]{0,15}"


def is_acronym(text: str) -> bool:
    """Whether ``text`` is an acronym alone.

    >>> is_acronym("SIGIR"), is_acronym(" IVUS "), is_acronym("Survey"), is_acronym("A" * 40)
    (True, True, False, False)
    """
    return re.fullmatch(ACRONYM, text.strip()) is not None


MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

VENUE_WORDS = re.compile(
    r"\b(proceedings|conference|symposium|workshop|journal|transactions|letters|surveys?|"
    r"review|magazine|arxiv|preprint|computing|computer|systems|press|society|acm|ieee|"
    r"usenix|international|annual|advances|neural|learning|intelligence|nature|reports)\b",
    re.I,
)

# A word of a venue's name written in capitals, or one of its small words ("Learning Theory
# and Kernel Machines", "Communications in Mathematics and Statistics").
IN_CAPITALS = r"(?:[A-Z][\w&.-]*|of|and|on|for|in|the|&)"
