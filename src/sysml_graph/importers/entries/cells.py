"""An item written as cells between bars, a table row in a list: ``+ 2019 | Title | A, B et
al. | arXiv | [PDF](url)``."""

from __future__ import annotations

import re

from ..markdown_list import Inline
from ..venues import match_venue
from .citations import is_known_venue
from .links import is_label, is_label_text
from .names import author_line, person_like
from .reading import Reading
from .record import Entry
from .tags import venue_year_in
from .vocabulary import VENUE_WORDS, YEAR, is_acronym

DATE = re.compile(r"((?:19|20)\d{2})(?:[./-]\d{1,2}){0,2}")


def barred(head: Inline, text: str, entry: Entry) -> Reading | None:
    """The title, year, venue and authors of an item whose parts stand between `` | ``: a
    date, the title (the first cell of three words or more), then people's names and a venue
    in any order; links' labels are skipped. None when the item is no such row.

    >>> e = Entry(line=1, kind="skip")
    >>> r = barred(Inline("x"), "2019 | Survey on Automated Machine Learning | Marc Zoeller, "
    ...            "Marco F. Huber | arXiv | PDF", e)
    >>> r.title, r.venue.acronym, r.year, e.authors
    ('Survey on Automated Machine Learning', 'arXiv', 2019, ['Marc Zoeller', 'Marco F. Huber'])
    >>> barred(Inline("x"), "Speed | Memory | Accuracy", e) is None
    True
    """
    # (a full-width comma between names, U+FF0C before "et al.", is a comma)
    cells = [c.strip(" .").replace("\uff0c", ", ") for c in re.split(r"\s+\|\s+", text)]
    if len(cells) < 3:
        return None
    labels = {lk.text.strip("` ") for lk in head.links if is_label(lk)}
    r = Reading()
    title = ""
    for cell in cells:
        plain = cell.strip("` ")
        if not plain or plain in labels:
            continue
        if is_label_text(plain) and not (title and is_known_venue(plain)):
            continue  # "PDF", "code"; "arXiv" after the title names the venue
        date = DATE.fullmatch(plain)
        if date and r.year is None:
            r.year = int(date.group(1))
        elif not title:
            if len(plain.split()) < 3:
                return None  # a row of short words ("Speed | Memory | Accuracy"): no entry
            title = plain
        else:
            _after_title(plain, r, entry)
    if not title or (r.year is None and r.venue is None and not entry.authors):
        return None
    r.title = title
    return r


def _after_title(cell: str, r: Reading, entry: Entry) -> None:
    """A cell after the title: a known venue (with its year), people's names, or a venue the
    registry does not know, named by one word, an acronym or a venue's words."""
    v, y = venue_year_in(cell)
    named = match_venue(YEAR.sub(" ", cell).strip()) if v is None else v
    if r.venue is None and named is not None and named.known:
        r.venue, r.year = named, r.year or y
        return
    found = author_line(cell) if not entry.authors else None
    # (one name of one word is no author: "Neurocomputing")
    people = found is not None and (len(found[0]) > 1 or len(found[0][0].split()) > 1)
    if found is not None and people and all(person_like(n) for n in found[0]):
        entry.authors, entry.et_al = found
        return
    said = YEAR.sub(" ", cell).strip()
    if (
        r.venue is None
        and named is not None
        and (re.fullmatch(r"[A-Z][\w&-]+", said) or is_acronym(said) or VENUE_WORDS.search(said))
    ):
        r.venue = named
