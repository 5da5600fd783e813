"""Venue and year given by headings (or a file name) for the entries under them."""

from __future__ import annotations

import re

from ..venues import VenueMatch, match_venue
from .tags import heading_venue
from .vocabulary import is_acronym, year_in


class Context:
    """Venue and year given by headings (or a file name) for the entries under them."""

    def __init__(self, venue: VenueMatch | None = None, year: int | None = None) -> None:
        self.levels: list[tuple[int, VenueMatch | None, int | None]] = []
        self.file_venue, self.file_year = venue, year

    def heading(self, level: int, text: str, event: bool = False) -> None:
        """Enter a heading; ``event`` when it links to a programme or proceedings."""
        just_year = re.fullmatch(r"\s*(?:year\s+)?(\d{4})\b(.*)", text, re.I)
        year = int(just_year.group(1)) if just_year else year_in(text)
        if re.search(r"\b(?:before|earlier|older|prior|and below|or earlier)\b", text, re.I):
            year = None  # "Before 2024", "2019 and before": many years
        venue = None if just_year else heading_venue(text)
        if just_year and re.search(r"[A-Za-z]", just_year.group(2)):
            # "### 2014 ASPLOS": the year first, then the venue (an acronym may be unknown:
            # "### 2019 HotChips"); such a heading never keeps the venue of the one before
            rest = just_year.group(2).strip()
            venue = heading_venue(rest) or (match_venue(rest) if is_acronym(rest) else None)
            just_year = None
        enclosing = [v for lv, v, _ in self.levels if lv < level and v is not None]
        if venue is not None and year is None and not event and (enclosing or self.file_venue):
            venue = None  # "## TinyML" inside "# MLsys 2021" is a topic, not a venue
        while self.levels and self.levels[-1][0] >= level:
            popped = self.levels.pop()
            # "### 2019" at the level of "### ASPLOS" keeps ASPLOS (seen in real lists).
            if just_year and popped[0] == level and popped[1] is not None:
                venue = popped[1]
        self.levels.append((level, venue, year))

    def leave(self, level: int) -> None:
        """Leave the heading at ``level`` and everything under it (a group of list items
        that named a venue or year has ended)."""
        while self.levels and self.levels[-1][0] >= level:
            self.levels.pop()

    @property
    def venue(self) -> VenueMatch | None:
        for _, v, _ in reversed(self.levels):
            if v is not None:
                return v
        return self.file_venue

    def outer(self) -> tuple[VenueMatch | None, int | None]:
        """The venue and year of the headings around the innermost one (a paper written as a
        heading, "### 1. Title" under "## 2024:", takes its year from them)."""
        venue = next((v for _, v, _ in reversed(self.levels[:-1]) if v is not None), None)
        year = next((y for _, _, y in reversed(self.levels[:-1]) if y is not None), None)
        return venue or self.file_venue, year or self.file_year

    @property
    def year(self) -> int | None:
        for _, _, y in reversed(self.levels):
            if y is not None:
                return y
        return self.file_year
